//! The state of the running program. Drawing only reads it; `update` changes it.

use std::path::PathBuf;
use std::time::Instant;

use super::autosave::SaveStatus;
use super::form::{FieldId, ListKind, layout};
pub use super::library::{LibraryRow, LibraryView};
use super::text_field::TextField;
use crate::catalog::Catalog;
use crate::i18n::Lang;
use crate::model::{Phase, Session};
use crate::store::{Library, SessionLock};

pub struct App {
    pub lang: Lang,
    pub library: Library,
    pub catalog: Catalog,
    pub screen: Screen,
    pub help_open: bool,
    /// Lines scrolled in the help screen.
    pub help_scroll: u16,
    /// When free disk space was last checked.
    pub space_checked: Option<Instant>,
    /// A short message in the status line, with how important it is.
    pub message: Option<Message>,
    pub quit: bool,
    pub autosave: super::autosave::Autosave,
    /// When '1' was typed on a score: a '0' right after makes it 10.
    pub score_one_at: Option<Instant>,
    /// The time the screen shows (clocks), set on every tick.
    pub now: Instant,
    /// Today, for follow-ups that are due; set on every tick.
    pub today: chrono::NaiveDate,
    /// How long sessions are kept after their date (`config.json`, default 24 months).
    pub retention_months: u32,
    /// Where unsaved text went when it could not be saved in its own file at exit.
    pub rescued: Option<PathBuf>,
    /// A stop signal was refused because nothing could be saved: the status line says so
    /// (before the save failure itself).
    pub signal_refused: bool,
}

pub enum Screen {
    Library(Box<LibraryView>),
    Session(Box<SessionView>),
    Compare(Box<CompareView>),
    Prices(Box<super::prices::PricesView>),
}

/// Two sessions side by side (chosen in the library).
pub struct CompareView {
    pub comparison: crate::model::compare::Comparison,
    /// Lines scrolled in the lower part (costs, events, words).
    pub scroll: u16,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub text: String,
    pub level: Level,
    pub at: Instant,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Info,
    Warning,
    Error,
}

/// The quote being captured (F3).
#[derive(Debug, Clone)]
pub struct QuoteDraft {
    pub speaker: TextField,
    pub words: TextField,
    pub on_words: bool,
}

/// The list shown to choose a value of a choice field.
#[derive(Debug, Clone)]
pub struct Picker {
    pub field: FieldId,
    pub filter: String,
    /// Index into the filtered options.
    pub selected: usize,
}

/// The session being facilitated.
pub struct SessionView {
    pub session: Session,
    pub path: PathBuf,
    /// Held while we may write; none when read-only.
    pub lock: Option<SessionLock>,
    /// Why the session cannot be changed here, if it cannot.
    pub read_only: Option<String>,
    pub phase: Phase,
    /// Focused field index per phase.
    pub focus: [usize; 6],
    /// The text field being edited: always the focused field when it is a text field.
    pub editor: Option<(FieldId, TextField)>,
    /// The field's text when the editor opened: put back if the field is left invalid.
    pub editor_original: String,
    /// Typed text that is not a valid value (a date that is not a date), with the message.
    pub field_error: Option<(FieldId, String)>,
    pub questions_open: bool,
    pub table_view: bool,
    pub quote: Option<QuoteDraft>,
    pub picker: Option<Picker>,
    pub confirm_remove: Option<(ListKind, usize)>,
    /// The earlier wave, whose scores are shown as reference.
    pub reference: Option<Session>,
    /// Since when the current phase's clock runs without being added to `time_spent`.
    pub phase_entered: Instant,
    pub save: SaveStatus,
    /// Changes since the last save request.
    pub dirty_since: Option<Instant>,
    pub last_change: Instant,
}

impl SessionView {
    pub fn new(
        session: Session,
        path: PathBuf,
        lock: Option<SessionLock>,
        read_only: Option<String>,
    ) -> SessionView {
        let now = Instant::now();
        SessionView {
            session,
            path,
            lock,
            read_only,
            phase: Phase::Preparation,
            focus: [0; 6],
            editor: None,
            editor_original: String::new(),
            field_error: None,
            questions_open: false,
            table_view: false,
            quote: None,
            picker: None,
            confirm_remove: None,
            reference: None,
            phase_entered: now,
            save: SaveStatus::Saved,
            dirty_since: None,
            last_change: now,
        }
    }

    pub fn fields(&self) -> Vec<FieldId> {
        layout::fields(self.phase, &self.session)
    }

    pub fn focused(&self) -> Option<FieldId> {
        let fields = self.fields();
        fields
            .get(self.focus[self.phase.index()].min(fields.len().saturating_sub(1)))
            .copied()
    }

    /// The session clock runs on the day of the conversation only, so reopening a
    /// session later (to read or compare) does not add to its time.
    pub fn clock_runs(&self, today: chrono::NaiveDate) -> bool {
        self.read_only.is_none() && self.session.preparation.date.is_none_or(|d| d == today)
    }

    /// Seconds spent in `phase`, including the running clock of the current phase.
    pub fn phase_secs(&self, phase: Phase, now: Instant, today: chrono::NaiveDate) -> u64 {
        let booked = self.session.time_spent.get(phase);
        if phase == self.phase && self.clock_runs(today) {
            booked.saturating_add(now.saturating_duration_since(self.phase_entered).as_secs())
        } else {
            booked
        }
    }

    pub fn total_secs(&self, now: Instant, today: chrono::NaiveDate) -> u64 {
        Phase::ALL.iter().fold(0, |sum, p| {
            sum.saturating_add(self.phase_secs(*p, now, today))
        })
    }

    /// Planned seconds for a phase: its share of the planned duration.
    pub fn planned_secs(&self, phase: Phase) -> u64 {
        u64::from(self.session.preparation.planned_minutes)
            * 60
            * u64::from(phase.default_share_percent())
            / 100
    }
}
