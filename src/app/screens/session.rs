//! The session being facilitated: its view state (phase, focus, the open text field),
//! opening it (lock first, then read), the phase forms' actions, and leaving it.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use ratatui::crossterm::event::{KeyCode, KeyEvent};

use super::picker::Picker;
use super::quote::QuoteDraft;
use crate::app::action::{Action, Click};
use crate::app::autosave::SaveStatus;
use crate::app::form::{self, FieldId, FieldKind, ListKind, layout};
use crate::app::state::{App, Level, Screen};
use crate::app::text_field::{Edit, TextField};
use crate::app::update::{cannot_open, too_long_message};
use crate::model::{Phase, Session};
use crate::store::{self, LockOutcome, SessionLock};

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
    /// What is open over the phase's form, if anything: one thing at a time.
    pub overlay: Option<Overlay>,
    /// How far the table view (F4) is scrolled; back to the top on each phase.
    pub table_scroll: crate::app::scroll::Scroll,
    /// The earlier wave, whose scores are shown as reference.
    pub reference: Option<Session>,
    /// Since when the current phase's clock runs without being added to `time_spent`.
    pub phase_entered: Instant,
    pub save: SaveStatus,
    /// Changes since the last save request.
    pub dirty_since: Option<Instant>,
    pub last_change: Instant,
}

/// What can be open over a session's phase form. The keymap, the handler and the
/// drawing each match it once, so they cannot disagree on what has the keys.
pub enum Overlay {
    /// The table view (F4): the phase's essentials, large.
    TableView,
    /// The wall (Ctrl+T); `over_table` when opened from the table view, which it goes
    /// back to when it closes.
    Wall {
        view: super::wall::WallView,
        over_table: bool,
    },
    /// The participant's handout being looked over (Ctrl+G); `over_table` as for the wall.
    Handout {
        preview: super::handout::HandoutPreview,
        over_table: bool,
    },
    /// A quote being captured (F3).
    Quote(Box<QuoteDraft>),
    /// The list of a choice field, searched by typing.
    Picker(Picker),
    /// A yes/no question about the form, answered with J/Y or N.
    Ask(Question),
}

/// A question that waits for a yes or a no before the form changes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Question {
    /// Remove item `index` of `list`?
    Remove(ListKind, usize),
    /// Bring the prices up to the current list (it changes figures)?
    Reprice,
    /// Domain `domain` was just kept off the record while it holds text: remove that
    /// text from the session now?
    ClearOffRecord { domain: String },
}

impl Overlay {
    /// What is open once this closes: the table view it was opened over, or nothing.
    fn closed(&self) -> Option<Overlay> {
        match self {
            Overlay::Wall {
                over_table: true, ..
            }
            | Overlay::Handout {
                over_table: true, ..
            } => Some(Overlay::TableView),
            _ => None,
        }
    }
}

impl SessionView {
    /// Closes what is open on top (back to the table view it was opened over, if so).
    pub fn close_overlay(&mut self) {
        self.overlay = self.overlay.as_ref().and_then(Overlay::closed);
    }

    /// Whether the table view shows, alone or under the wall or the handout.
    pub fn table_view(&self) -> bool {
        matches!(
            self.overlay,
            Some(
                Overlay::TableView
                    | Overlay::Wall {
                        over_table: true,
                        ..
                    }
                    | Overlay::Handout {
                        over_table: true,
                        ..
                    }
            )
        )
    }

    pub fn wall(&self) -> Option<&super::wall::WallView> {
        match &self.overlay {
            Some(Overlay::Wall { view, .. }) => Some(view),
            _ => None,
        }
    }

    pub fn handout(&self) -> Option<&super::handout::HandoutPreview> {
        match &self.overlay {
            Some(Overlay::Handout { preview, .. }) => Some(preview),
            _ => None,
        }
    }

    pub fn quote(&self) -> Option<&QuoteDraft> {
        match &self.overlay {
            Some(Overlay::Quote(q)) => Some(q),
            _ => None,
        }
    }

    pub fn picker(&self) -> Option<&Picker> {
        match &self.overlay {
            Some(Overlay::Picker(p)) => Some(p),
            _ => None,
        }
    }

    pub fn question(&self) -> Option<&Question> {
        match &self.overlay {
            Some(Overlay::Ask(q)) => Some(q),
            _ => None,
        }
    }

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
            overlay: None,
            table_scroll: crate::app::scroll::Scroll::default(),
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
impl App {
    /// Opens a session file: editable when we get its lock, read-only otherwise. The lock
    /// is taken before the file is read, so what is on screen is what nobody else can
    /// change or delete meanwhile (a `tafel delete` then refuses).
    pub fn open_session(&mut self, path: &Path) {
        let t = self.lang.texts();
        let lock_file = store::lock::lock_path_of(path);
        let lock_existed = std::fs::symlink_metadata(&lock_file).is_ok();
        let locked = store::SessionLock::for_file(path);
        let loaded = match store::load(path) {
            Ok(l) => l,
            Err(e) => {
                // Deleted just before we locked it: no lock file is left behind.
                if let Ok(LockOutcome::Acquired(l)) = locked
                    && !lock_existed
                {
                    l.remove_file();
                }
                self.show_library();
                self.say(Level::Error, cannot_open(self.lang, &e));
                return;
            }
        };
        let mut read_only = loaded
            .newer_version
            .map(|_| t.ui.read_only_newer.to_string());
        if read_only.is_none() && store::is_copy_name(path, loaded.session.id) {
            read_only = Some((t.ui.read_only_copy)(&loaded.session.id.to_string()));
        }
        let mut lock = None;
        let mut notice = None;
        match locked {
            Ok(LockOutcome::Acquired(l)) if read_only.is_none() => {
                if l.stale_holder.is_some() {
                    notice = Some((Level::Warning, t.ui.recovered_after_crash.to_string()));
                }
                lock = Some(l);
            }
            // Read-only for another reason: the lock is not kept (nor a new lock file).
            Ok(LockOutcome::Acquired(l)) => {
                if !lock_existed {
                    l.remove_file();
                }
            }
            Ok(LockOutcome::HeldElsewhere(who)) => {
                let who = store::lock::describe(who.as_ref(), self.lang);
                read_only.get_or_insert_with(|| (t.ui.read_only_locked)(&who));
            }
            Err(e) => {
                let why = e.explain(self.lang);
                read_only.get_or_insert_with(|| format!("{} ({why})", t.ui.read_only_no_lock));
            }
        }
        let reference = loaded
            .session
            .previous_session_id
            .and_then(|id| store::load(&self.library.path_for(id)).ok())
            .map(|l| l.session);
        let mut session = loaded.session;
        // The file holds the prices it uses; the rest of the list is the program's own.
        session.costs.price_list.complete_from(&self.catalog.prices);
        let mut view = SessionView::new(session, loaded.path.clone(), lock, read_only.clone());
        view.reference = reference;
        if read_only.is_none() {
            self.autosave.switch_to(Some((&view.path, &view.session)));
        } else {
            self.autosave.switch_to(None);
        }
        self.screen = Screen::Session(Box::new(view));
        self.open_editor();
        if let Some(r) = read_only {
            self.say(Level::Warning, r);
        } else if let Some((level, text)) = notice {
            self.say(level, text);
        } else if let Some(v) = loaded.migrated_from {
            self.say(Level::Info, (t.ui.migrated)(&v.to_string()));
        }
    }

    /// Creates the editor for the focused field when it is a text field.
    pub(crate) fn open_editor(&mut self) {
        let lang = self.lang;
        let Some(v) = self.session_mut() else { return };
        v.editor = v.focused().filter(|id| id.kind().is_text()).map(|id| {
            let text = form::text(&v.session, id, lang);
            let mut field = TextField::new(&text, id.kind() == FieldKind::MultiLine);
            // An empty field says what to type (a date's order) or what empty means.
            if let Some(hint) = form::empty_hint(id, lang.texts()) {
                field.set_placeholder(hint);
            }
            // A value tafel suggested is selected: the first key typed replaces it.
            if !text.is_empty()
                && v.read_only.is_none()
                && v.session
                    .suggested
                    .contains(&form::value::path(&v.session, id))
            {
                field.select_all();
            }
            v.editor_original = text;
            (id, field)
        });
    }

    /// Leaves the focused field: an invalid value is reported and the old one kept.
    pub(crate) fn close_editor(&mut self) {
        let lang = self.lang;
        let env = self.env();
        let Some(v) = self.session_mut() else { return };
        v.editor = None;
        if let Some((id, msg)) = v.field_error.take() {
            // Put back what the field held before; it was valid then.
            let original = std::mem::take(&mut v.editor_original);
            if form::set_text(&mut v.session, id, &original, env).is_ok() {
                self.changed();
            }
            let kept = lang.texts().ui.kept_old_value;
            self.say(Level::Warning, format!("{msg} {kept}"));
        }
    }

    pub(crate) fn set_focus(&mut self, index: usize) {
        self.close_editor();
        if let Some(v) = self.session_mut() {
            let n = v.fields().len();
            v.focus[v.phase.index()] = index.min(n.saturating_sub(1));
        }
        self.open_editor();
        self.request_save_soon();
    }

    pub(crate) fn focus_field(&mut self, id: FieldId) {
        if let Some(v) = self.session_mut()
            && let Some(i) = v.fields().iter().position(|f| *f == id)
        {
            self.set_focus(i);
        }
    }

    /// Records that the session changed: autosave follows shortly. The retention date is
    /// brought in line with the session's date on every change (also in older files).
    pub(crate) fn changed(&mut self) {
        let autosave = &self.autosave;
        let months = self.retention_months;
        let clock = self.clock;
        if let Screen::Session(v) = &mut self.screen {
            v.session.touch(&clock);
            v.session.set_retention_months(months);
            autosave.changed(&v.path, &v.session);
            let now = Instant::now();
            v.last_change = now;
            v.dirty_since.get_or_insert(now);
            v.save = SaveStatus::Pending;
        }
    }

    /// Leaving a field or phase saves without waiting for the debounce.
    pub(crate) fn request_save_soon(&mut self) {
        if let Screen::Session(v) = &mut self.screen
            && v.dirty_since.is_some()
        {
            v.dirty_since = None;
            self.autosave.request();
        }
    }

    /// Adds the running phase clock into the session's time spent.
    pub(crate) fn book_time(&mut self) {
        let now = Instant::now();
        let today = self.today;
        let Some(v) = self.session_mut() else { return };
        if !v.clock_runs(today) {
            v.phase_entered = now;
            return;
        }
        let secs = now.saturating_duration_since(v.phase_entered).as_secs();
        if secs > 0 {
            let booked = v.session.time_spent.get_mut(v.phase);
            *booked = booked.saturating_add(secs);
            v.phase_entered += Duration::from_secs(secs);
            self.changed();
        }
    }

    pub(crate) fn go_to_phase(&mut self, phase: Phase) {
        self.close_editor();
        self.book_time();
        // A passing note belongs to the phase it was said in; warnings and errors stay.
        if self
            .message
            .as_ref()
            .is_some_and(|m| m.level == Level::Info)
        {
            self.message = None;
        }
        if let Some(v) = self.session_mut() {
            v.phase = phase;
            v.phase_entered = Instant::now();
            // A list or a question belongs to the form of the phase it was opened in.
            if matches!(v.overlay, Some(Overlay::Picker(_) | Overlay::Ask(_))) {
                v.overlay = None;
            }
            v.table_scroll.reset();
        }
        self.open_editor();
        self.request_save_soon();
    }

    /// Saves, releases the session and shows the library.
    pub(crate) fn leave_session(&mut self) {
        self.close_editor();
        self.book_time();
        let status = self.autosave.switch_to(None);
        if let SaveStatus::Failed(e) = status {
            // Stay: leaving would drop the only copy of what was typed.
            if let Some(v) = self.session_mut() {
                v.save = SaveStatus::Failed(e.clone());
            }
            self.say(
                Level::Error,
                format!("{} {e}", self.lang.texts().ui.not_saved_stay),
            );
            self.open_editor();
            return;
        }
        self.show_library();
    }
}

pub(crate) fn handle(app: &mut App, action: Action) {
    let Screen::Session(v) = &mut app.screen else {
        return;
    };
    // What is open on top takes the keys first.
    match &mut v.overlay {
        Some(Overlay::Quote(_)) => return super::quote::handle(app, action),
        Some(Overlay::Picker(_)) => return super::picker::handle(app, action),
        Some(Overlay::Handout { .. }) => return super::handout::handle(app, action),
        Some(Overlay::Ask(q)) => {
            // Ctrl+D again confirms a removal it asked about.
            let yes = action == Action::Confirm(true)
                || (matches!(q, Question::Remove(..)) && action == Action::RemoveItem);
            let q = q.clone();
            v.overlay = None;
            return answer(app, q, yes);
        }
        Some(Overlay::Wall { view, .. }) => {
            if view.apply(&action, &v.session) {
                return;
            }
            match action {
                Action::Back | Action::ToggleWall => v.close_overlay(),
                Action::ToggleTableView => {
                    v.overlay = Some(Overlay::TableView);
                    v.table_scroll.reset();
                }
                Action::NextPhase | Action::PrevPhase | Action::GoToPhase(_) => {
                    v.close_overlay();
                    handle(app, action);
                }
                Action::ToggleHandout => super::handout::open(app),
                _ => {}
            }
            return;
        }
        Some(Overlay::TableView) => {
            if v.table_scroll.apply(&action) {
                return;
            }
            match action {
                Action::ToggleWall
                | Action::ToggleHandout
                | Action::ToggleTableView
                | Action::Back => {}
                Action::NextPhase | Action::PrevPhase | Action::GoToPhase(_) => {}
                _ => return,
            }
        }
        None => {}
    }
    match action {
        Action::ToggleHandout => return super::handout::open(app),
        Action::ToggleWall => {
            v.overlay = Some(Overlay::Wall {
                view: super::wall::WallView::default(),
                over_table: v.table_view(),
            });
            return;
        }
        _ => {}
    }
    match action {
        Action::Back => {
            if v.overlay.is_some() {
                v.close_overlay();
            } else {
                app.leave_session();
            }
        }
        Action::ToggleQuestions => v.questions_open = !v.questions_open,
        Action::ToggleTableView => {
            v.overlay = if v.table_view() {
                None
            } else {
                Some(Overlay::TableView)
            };
            v.table_scroll.reset();
        }
        Action::QuickQuote => {
            if !app.refuse_if_read_only()
                && let Some(v) = app.session_mut()
            {
                v.overlay = Some(Overlay::Quote(Box::default()));
            }
        }
        Action::NextPhase => {
            let p = v.phase.next();
            app.go_to_phase(p);
        }
        Action::PrevPhase => {
            let p = v.phase.prev();
            app.go_to_phase(p);
        }
        Action::GoToPhase(p) => app.go_to_phase(p),
        Action::NextField => {
            let i = v.focus[v.phase.index()] + 1;
            let n = v.fields().len();
            app.set_focus(if i >= n { 0 } else { i });
        }
        Action::PrevField => {
            let i = v.focus[v.phase.index()];
            let n = v.fields().len();
            app.set_focus(if i == 0 { n.saturating_sub(1) } else { i - 1 });
        }
        Action::PageDown | Action::PageUp => {
            let starts = crate::app::form::layout::part_starts(v.phase, &v.session);
            let i = v.focus[v.phase.index()];
            let target = if action == Action::PageDown {
                starts.iter().copied().find(|s| *s > i)
            } else {
                starts.iter().copied().rev().find(|s| *s < i)
            };
            if let Some(t) = target {
                app.set_focus(t);
            }
        }
        Action::SaveNow => {
            app.close_editor();
            let status = app.autosave.flush();
            let t = app.lang.texts();
            match &status {
                SaveStatus::Failed(e) => app.say(
                    Level::Error,
                    format!("{} {}", t.ui.not_saved, e.while_running(app.lang)),
                ),
                _ => app.say(Level::Info, t.ui.saved_now),
            }
            if let Some(v) = app.session_mut() {
                v.save = status;
                v.dirty_since = None;
            }
            app.open_editor();
        }
        Action::Paste(text) => {
            if app.refuse_if_read_only() {
                return;
            }
            if let Some(why) = paste_too_long(app, &text) {
                app.say(Level::Warning, why);
                return;
            }
            edit_focused(app, |f| f.paste(&text));
        }
        Action::TextInput(key) => text_input(app, key),
        Action::ChoiceNext | Action::ChoicePrev => {
            let Some(id) = v.focused() else { return };
            if app.refuse_if_read_only() {
                return;
            }
            let lang = app.lang;
            let env = app.env();
            let Some(v) = app.session_mut() else { return };
            let (options, current) = form::choice(&v.session, id, lang);
            let n = options.len().max(1);
            let next = if action == Action::ChoiceNext {
                (current + 1) % n
            } else {
                (current + n - 1) % n
            };
            form::set_choice(&mut v.session, id, next, env);
            app.changed();
            ask_about_off_record(app, id);
        }
        Action::Toggle => {
            let Some(id) = v.focused() else { return };
            if app.refuse_if_read_only() {
                return;
            }
            let env = app.env();
            let Some(v) = app.session_mut() else { return };
            form::toggle(&mut v.session, id, env);
            app.changed();
        }
        Action::SetScore(_) | Action::ScoreUp | Action::ScoreDown | Action::ClearScore => {
            set_score(app, &action);
        }
        Action::Press => press(app),
        Action::Click(Click::Field(id, score)) => click_field(app, id, score),
        Action::AddItem => {
            let list = v.focused().and_then(FieldId::list);
            if app.refuse_if_read_only() {
                return;
            }
            if let Some(list) = list {
                add_item(app, list);
            }
        }
        Action::RemoveItem => {
            let item = v.focused().and_then(FieldId::list_item);
            if app.refuse_if_read_only() {
                return;
            }
            if let Some(v) = app.session_mut()
                && let Some((list, index)) = item
            {
                v.overlay = Some(Overlay::Ask(Question::Remove(list, index)));
            }
        }
        Action::MoveItemUp | Action::MoveItemDown => {
            let Some(id) = v.focused() else { return };
            let Some((list, i)) = id.list_item() else {
                return;
            };
            let j = if action == Action::MoveItemUp {
                i.checked_sub(1)
            } else {
                Some(i + 1)
            };
            let Some(j) = j.filter(|j| *j < form::list_len(&v.session, list)) else {
                return;
            };
            if app.refuse_if_read_only() {
                return;
            }
            app.close_editor();
            if let Some(v) = app.session_mut() {
                form::swap_items(&mut v.session, list, i, j);
            }
            app.changed();
            app.focus_field(form::with_index(id, j));
        }
        Action::OpenPicker => {
            let focused = v.focused();
            if app.refuse_if_read_only() {
                return;
            }
            let lang = app.lang;
            let Some(v) = app.session_mut() else { return };
            if let Some(id) = focused.filter(|f| f.kind() == FieldKind::Choice) {
                let current = form::choice(&v.session, id, lang).1;
                v.overlay = Some(Overlay::Picker(Picker {
                    field: id,
                    filter: String::new(),
                    selected: current,
                }));
            }
        }
        // A letter typed on a choice opens its list, searching for that letter.
        Action::FilterChar(c) => {
            handle(app, Action::OpenPicker);
            if app.session_mut().is_some_and(|v| v.picker().is_some()) {
                super::picker::handle(app, Action::FilterChar(c));
            }
        }
        _ => {}
    }
}

pub(crate) fn add_item(app: &mut App, list: ListKind) {
    app.close_editor();
    let clock = app.clock;
    let Some(v) = app.session_mut() else { return };
    let i = form::add_item(&mut v.session, list, &clock);
    app.changed();
    app.focus_field(form::first_field(list, i));
}

/// Applies an edit to the focused text field and writes it into the session.
/// Why `text` cannot be pasted into the focused field (it would make the field longer
/// than its limit), if it cannot. Nothing is inserted then: a huge paste is refused whole.
pub(crate) fn paste_too_long(app: &App, text: &str) -> Option<String> {
    let Screen::Session(v) = &app.screen else {
        return None;
    };
    let (id, field) = v.editor.as_ref()?;
    too_long_message(app.lang, id.text_limit(), &field.text(), text)
}

pub(crate) fn edit_focused(app: &mut App, edit: impl FnOnce(&mut TextField) -> Edit) -> Edit {
    let env = app.env();
    let Some(v) = app.session_mut() else {
        return Edit::Ignored;
    };
    let Some((id, field)) = v.editor.as_mut() else {
        return Edit::Ignored;
    };
    let id = *id;
    let result = edit(field);
    if result == Edit::Changed {
        let text = field.text();
        match form::set_text(&mut v.session, id, &text, env) {
            Ok(()) => {
                v.field_error = None;
                app.changed();
            }
            Err(msg) => v.field_error = Some((id, msg)),
        }
    }
    result
}

/// A key for the focused text field (see `TextField::key`). A read-only session says
/// why it cannot be changed; a field that is not a text field takes no typing.
pub(crate) fn text_input(app: &mut App, key: KeyEvent) {
    let Some(v) = app.session_mut() else { return };
    let Some(id) = v.focused() else { return };
    if app.refuse_if_read_only() {
        return;
    }
    if id.kind().is_text() {
        edit_focused(app, |f| f.key(key));
    } else {
        // A letter on a button, a yes/no or a score would vanish: say where it went.
        let t = app.lang.texts();
        let why = match id.kind() {
            FieldKind::Button | FieldKind::Command => t.ui.typed_on_button,
            FieldKind::Score => t.ui.typed_on_score,
            _ => t.ui.typed_on_other,
        };
        app.say(Level::Warning, why);
    }
}

/// A score typed or stepped: a digit sets it (1 then 0 within 1.5 s makes 10), ← → step
/// it (starting from 5), Backspace empties it.
pub(crate) fn set_score(app: &mut App, action: &Action) {
    if app.refuse_if_read_only() {
        return;
    }
    let one_at = app.score_one_at;
    let env = app.env();
    let Some(v) = app.session_mut() else { return };
    let Some(id) = v.focused() else { return };
    let current = form::score(&v.session, id);
    let now = Instant::now();
    let recent_one = current == Some(1)
        && one_at.is_some_and(|t| now.duration_since(t) < Duration::from_millis(1500));
    let new = match action {
        Action::SetScore(0) if recent_one => Some(10),
        Action::SetScore(d) => Some((*d).min(10)),
        Action::ScoreUp => Some(current.map_or(5, |c| (c + 1).min(10))),
        Action::ScoreDown => Some(current.map_or(5, |c| c.saturating_sub(1))),
        _ => None,
    };
    form::set_score(&mut v.session, id, new, env);
    app.score_one_at = (*action == Action::SetScore(1)).then_some(now);
    app.changed();
}

/// A click on a field: it gets the focus. A click on a score's track sets the score
/// there; a button acts at once; a list field, a yes/no acts on a second click, as Enter
/// does (a text field just keeps the focus).
fn click_field(app: &mut App, id: FieldId, score: Option<u8>) {
    let was_focused = app.session_mut().and_then(|v| v.focused()) == Some(id);
    app.focus_field(id);
    if app.session_mut().and_then(|v| v.focused()) != Some(id) {
        return;
    }
    if let Some(s) = score {
        // A click is one whole value: never the "1 then 0 makes 10" of typing.
        app.score_one_at = None;
        set_score(app, &Action::SetScore(s));
        app.score_one_at = None;
        return;
    }
    if was_focused || id.kind() == FieldKind::Button {
        let enter = crate::app::keymap::map_key(app, KeyEvent::from(KeyCode::Enter));
        if let Some(a @ (Action::OpenPicker | Action::Toggle | Action::Press)) = enter {
            handle(app, a);
        }
    }
}

/// The focused button: add an item to its list, or re-price the session.
pub(crate) fn press(app: &mut App) {
    let Some(v) = app.session_mut() else { return };
    let focused = v.focused();
    if app.refuse_if_read_only() {
        return;
    }
    match focused {
        Some(FieldId::Add(list)) => add_item(app, list),
        Some(FieldId::Reprice) => {
            if let Some(v) = app.session_mut() {
                v.overlay = Some(Overlay::Ask(Question::Reprice));
            }
        }
        _ => {}
    }
}

/// After the life domain of a topic kept off the record was chosen: when that domain
/// holds text (own words, quotes, the professionals' score), which is on no page from
/// now on, asks whether to remove it from the session now.
pub(crate) fn ask_about_off_record(app: &mut App, id: FieldId) {
    let FieldId::OffRecord(i) = id else { return };
    let Some(v) = app.session_mut() else { return };
    let Some(domain) = v
        .session
        .outcomes
        .off_record
        .get(i)
        .and_then(|o| o.domain_id.clone())
    else {
        return;
    };
    if !crate::model::off_record::held(&v.session, &domain).is_empty() {
        v.overlay = Some(Overlay::Ask(Question::ClearOffRecord { domain }));
    }
}

/// Acts on the answer to `q` (`yes`, or anything else for no).
fn answer(app: &mut App, q: Question, yes: bool) {
    let t = app.lang.texts();
    match q {
        Question::Remove(list, index) if yes => {
            app.close_editor();
            if let Some(v) = app.session_mut() {
                form::remove_item(&mut v.session, list, index);
            }
            app.changed();
            let focus = app.session_mut().map_or(0, |v| v.focus[v.phase.index()]);
            app.set_focus(focus);
        }
        Question::Reprice if yes => reprice(app),
        Question::Reprice => app.say(Level::Info, t.ui.reprice_declined),
        Question::ClearOffRecord { domain } if yes => {
            app.close_editor();
            if let Some(v) = app.session_mut() {
                crate::model::off_record::clear(&mut v.session, &domain);
            }
            app.changed();
            app.open_editor();
            app.say(Level::Info, t.ui.off_record_cleared);
        }
        Question::ClearOffRecord { .. } => app.say(Level::Info, t.ui.off_record_kept),
        Question::Remove(..) => {}
    }
}

/// Brings every price the session uses up to the current list (after a yes).
fn reprice(app: &mut App) {
    let current = app.catalog.prices.clone();
    let now = app.clock.now();
    let changed = app.session_mut().map_or(0, |v| {
        crate::model::costs::reprice(&mut v.session.costs.price_list, &current, now)
    });
    app.changed();
    let text = (app.lang.texts().ui.repriced)(&changed.to_string());
    app.say(Level::Info, text);
}
