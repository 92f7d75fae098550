//! The state of the running program. Drawing only reads it; `update` changes it.

use std::path::PathBuf;
use std::time::Instant;

pub use super::screens::compare::CompareView;
pub use super::screens::library::{LibraryRow, LibraryView};
pub use super::screens::picker::Picker;
pub use super::screens::quote::QuoteDraft;
pub use super::screens::session::SessionView;
use crate::catalog::Catalog;
use crate::i18n::Lang;
use crate::store::Library;

pub struct App {
    pub lang: Lang,
    pub library: Library,
    pub catalog: Catalog,
    pub screen: Screen,
    pub help_open: bool,
    /// Lines scrolled in the help screen.
    pub help_scroll: super::scroll::Scroll,
    /// When free disk space was last checked.
    pub space_checked: Option<Instant>,
    /// When `keys.json` was last looked at (see `update::KEYS_CHECK_EVERY`).
    pub keys_checked: Option<Instant>,
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
    /// Where today and now come from (see [`crate::model::Clock`]).
    pub clock: crate::model::Clock,
    /// How long sessions are kept after their date (`config.json`, default 24 months).
    pub retention_months: u32,
    /// Where unsaved text went when it could not be saved in its own file at exit.
    pub rescued: Option<PathBuf>,
    /// A stop signal was refused because nothing could be saved: the status line says so
    /// (before the save failure itself).
    pub signal_refused: bool,
    /// Where the last frame put what can be clicked (written while drawing).
    pub hits: super::mouse::Hits,
    /// The library is encrypted (`keys.json`): the headers say so.
    pub encrypted: bool,
    /// A change of `keys.json` this tafel did not take, once said on screen.
    pub keys_ignored: Option<crate::store::vault::trust::Ignored>,
}

pub enum Screen {
    Library(Box<LibraryView>),
    Session(Box<SessionView>),
    Compare(Box<CompareView>),
    Prices(Box<super::screens::prices::PricesView>),
    Portfolio(Box<super::screens::portfolio::PortfolioView>),
    /// A sync conflict: the session and its conflicted copy, field by field.
    Conflict(Box<super::screens::conflict::ConflictView>),
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
