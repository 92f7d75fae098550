//! `update`: applies one [`Action`] to the [`App`]. All changes of state happen here.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use ratatui::crossterm::event::KeyEvent;

use super::Start;
use super::action::Action;
use super::autosave::{Autosave, SaveStatus};
use super::form::{self, FieldId, FieldKind, ListKind};
use super::state::{App, Level, LibraryView, Message, Picker, QuoteDraft, Screen, SessionView};
use super::text_field::{Edit, TextField};
use crate::model::{Phase, Quote, Session, series};
use crate::store::{self, LockOutcome};

/// Saving starts this long after the last change...
pub const DEBOUNCE: Duration = Duration::from_millis(200);
/// ...or this long after the first unsaved change, even while typing goes on.
pub const MAX_UNSAVED: Duration = Duration::from_millis(300);
/// A failed save is tried again this often.
pub const RETRY: Duration = Duration::from_secs(2);
/// Free disk space is checked this often while a session is open.
pub const SPACE_CHECK_EVERY: Duration = Duration::from_secs(10);
/// The phase clock is written into the session this often.
pub const BOOK_TIME_EVERY: Duration = Duration::from_secs(60);

impl App {
    pub fn new(lang: crate::i18n::Lang, library: store::Library, start: Start) -> App {
        let catalog = crate::catalog::Catalog::load(library.root());
        let warnings = catalog.warnings.clone();
        let retention_months = crate::store::config::retention_months(library.root());
        let mut app = App {
            lang,
            library,
            catalog,
            screen: Screen::Library(Box::new(LibraryView::new(Vec::new()))),
            help_open: false,
            help_scroll: 0,
            space_checked: None,
            message: None,
            quit: false,
            autosave: Autosave::start(lang),
            score_one_at: None,
            now: Instant::now(),
            today: chrono::Local::now().date_naive(),
            retention_months,
            rescued: None,
            signal_refused: false,
        };
        if let Some(w) = warnings.first() {
            app.say(
                Level::Warning,
                format!("{} {w}", app.lang.texts().ui.override_ignored),
            );
        }
        match start {
            Start::Library => app.show_library(),
            Start::New(id) => {
                let path = app.library.path_for(id);
                app.open_session(&path);
            }
            Start::Open(path) => app.open_session(&path),
        }
        app
    }

    pub fn say(&mut self, level: Level, text: impl Into<String>) {
        self.message = Some(Message {
            text: text.into(),
            level,
            at: Instant::now(),
        });
    }

    /// Shows the library; its files are read in the background (see [`LibraryView::load`]).
    pub(crate) fn show_library(&mut self) {
        let mut view = LibraryView::load(&self.library);
        match &self.screen {
            Screen::Library(l) => {
                view.set_filter(l.filter().to_string());
                view.selected = l.selected;
            }
            // Back from a session: the cursor goes to the session just closed.
            Screen::Session(s) => view.want_selected = Some(s.session.id),
            Screen::Compare(_) | Screen::Prices(_) => {}
        }
        self.screen = Screen::Library(Box::new(view));
    }

    /// Waits for the library to be read completely (tests and benchmarks).
    pub fn wait_for_library(&mut self) {
        if let Screen::Library(l) = &mut self.screen {
            l.wait_loaded();
        }
    }

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
        let mut view =
            SessionView::new(loaded.session, loaded.path.clone(), lock, read_only.clone());
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

    fn session_mut(&mut self) -> Option<&mut SessionView> {
        match &mut self.screen {
            Screen::Session(v) => Some(v),
            Screen::Library(_) | Screen::Compare(_) | Screen::Prices(_) => None,
        }
    }

    /// Creates the editor for the focused field when it is a text field.
    fn open_editor(&mut self) {
        let lang = self.lang;
        let Some(v) = self.session_mut() else { return };
        v.editor = v.focused().filter(|id| id.kind().is_text()).map(|id| {
            let text = form::text(&v.session, id, lang);
            let field = TextField::new(&text, id.kind() == FieldKind::MultiLine);
            v.editor_original = text;
            (id, field)
        });
    }

    /// Leaves the focused field: an invalid value is reported and the old one kept.
    fn close_editor(&mut self) {
        let lang = self.lang;
        let Some(v) = self.session_mut() else { return };
        v.editor = None;
        if let Some((id, msg)) = v.field_error.take() {
            // Put back what the field held before; it was valid then.
            let original = std::mem::take(&mut v.editor_original);
            if form::set_text(&mut v.session, id, &original, lang).is_ok() {
                self.changed();
            }
            let kept = lang.texts().ui.kept_old_value;
            self.say(Level::Warning, format!("{msg} {kept}"));
        }
    }

    fn set_focus(&mut self, index: usize) {
        self.close_editor();
        if let Some(v) = self.session_mut() {
            let n = v.fields().len();
            v.focus[v.phase.index()] = index.min(n.saturating_sub(1));
        }
        self.open_editor();
        self.request_save_soon();
    }

    fn focus_field(&mut self, id: FieldId) {
        if let Some(v) = self.session_mut()
            && let Some(i) = v.fields().iter().position(|f| *f == id)
        {
            self.set_focus(i);
        }
    }

    /// Records that the session changed: autosave follows shortly. The retention date is
    /// brought in line with the session's date on every change (also in older files).
    fn changed(&mut self) {
        let autosave = &self.autosave;
        let months = self.retention_months;
        if let Screen::Session(v) = &mut self.screen {
            v.session.touch();
            v.session.set_retention_months(months);
            autosave.changed(&v.path, &v.session);
            let now = Instant::now();
            v.last_change = now;
            v.dirty_since.get_or_insert(now);
            v.save = SaveStatus::Pending;
        }
    }

    /// Leaving a field or phase saves without waiting for the debounce.
    fn request_save_soon(&mut self) {
        if let Screen::Session(v) = &mut self.screen
            && v.dirty_since.is_some()
        {
            v.dirty_since = None;
            self.autosave.request();
        }
    }

    fn refuse_if_read_only(&mut self) -> bool {
        let reason = match &self.screen {
            Screen::Session(v) => v.read_only.clone(),
            Screen::Library(_) | Screen::Compare(_) | Screen::Prices(_) => None,
        };
        if let Some(r) = reason {
            self.say(
                Level::Warning,
                format!("{} {r}", self.lang.texts().ui.cannot_change),
            );
            true
        } else {
            false
        }
    }

    /// Adds the running phase clock into the session's time spent.
    fn book_time(&mut self) {
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

    fn go_to_phase(&mut self, phase: Phase) {
        self.close_editor();
        self.book_time();
        if let Some(v) = self.session_mut() {
            v.phase = phase;
            v.phase_entered = Instant::now();
            v.picker = None;
            v.confirm_remove = None;
        }
        self.open_editor();
        self.request_save_soon();
    }

    /// Saves, releases the session and shows the library.
    fn leave_session(&mut self) {
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

    /// Saves and ends the program. If saving fails, the program stays open.
    fn quit(&mut self) {
        if matches!(self.screen, Screen::Session(_)) {
            self.close_editor();
            self.book_time();
            if let SaveStatus::Failed(e) = self.autosave.flush() {
                self.say(
                    Level::Error,
                    format!("{} {e}", self.lang.texts().ui.not_saved_stay),
                );
                if let Some(v) = self.session_mut() {
                    v.save = SaveStatus::Failed(e);
                }
                self.open_editor();
                return;
            }
        }
        self.quit = true;
    }
}

/// Applies one action.
pub fn update(app: &mut App, action: Action) {
    if action == Action::Drawn {
        // The library is read once its first frame is on screen.
        if let Screen::Library(l) = &mut app.screen {
            l.start();
        }
        return;
    }
    if app.help_open {
        match action {
            Action::SelectDown => app.help_scroll = app.help_scroll.saturating_add(1),
            Action::SelectUp => app.help_scroll = app.help_scroll.saturating_sub(1),
            Action::PageDown => app.help_scroll = app.help_scroll.saturating_add(10),
            Action::PageUp => app.help_scroll = app.help_scroll.saturating_sub(10),
            Action::Help | Action::Back => app.help_open = false,
            Action::Quit => app.quit(),
            Action::Tick => tick(app),
            _ => {}
        }
        return;
    }
    match action {
        Action::Quit => app.quit(),
        Action::Help => {
            app.help_open = true;
            app.help_scroll = 0;
        }
        Action::Tick => tick(app),
        Action::Export => export_current(app),
        _ => match app.screen {
            Screen::Library(_) => library_action(app, action),
            Screen::Session(_) => session_action(app, action),
            Screen::Compare(_) => compare_action(app, action),
            Screen::Prices(_) => super::prices::prices_action(app, action),
        },
    }
}

fn tick(app: &mut App) {
    let now = Instant::now();
    app.now = now;
    app.today = chrono::Local::now().date_naive();
    if let Some(m) = &app.message
        && m.level == Level::Info
        && now.duration_since(m.at) > Duration::from_secs(8)
    {
        app.message = None;
    }
    if let Screen::Library(l) = &mut app.screen {
        l.poll();
    }
    let Screen::Session(v) = &mut app.screen else {
        return;
    };
    if v.read_only.is_some() {
        return;
    }
    if now.saturating_duration_since(v.phase_entered) >= BOOK_TIME_EVERY {
        app.book_time();
    }
    if app
        .space_checked
        .is_none_or(|t| now.duration_since(t) >= SPACE_CHECK_EVERY)
    {
        app.space_checked = Some(now);
        if let Some(free) = crate::store::space::nearly_full(&app.library.sessions_dir()) {
            let mb = rust_decimal::Decimal::from(free / 1024) / rust_decimal::Decimal::from(1024);
            let mb = crate::i18n::format::decimal(mb.round_dp(1), app.lang);
            let text = (app.lang.texts().ui.disk_nearly_full)(&mb);
            app.say(Level::Warning, text);
        }
    }
    let Screen::Session(v) = &mut app.screen else {
        return;
    };
    if let Some(since) = v.dirty_since
        && (now.duration_since(v.last_change) >= DEBOUNCE
            || now.duration_since(since) >= MAX_UNSAVED)
    {
        v.dirty_since = None;
        app.autosave.request();
    }
    let status = app.autosave.status();
    let Screen::Session(v) = &mut app.screen else {
        return;
    };
    if let SaveStatus::Failed(_) = status
        && now.duration_since(v.last_change) >= RETRY
        && v.dirty_since.is_none()
    {
        // Try again; the copy in memory is complete.
        v.last_change = now;
        app.autosave.request();
    }
    if status == SaveStatus::Saved {
        // Saved after all: a refused stop signal no longer needs saying.
        app.signal_refused = false;
    }
    if let Screen::Session(v) = &mut app.screen {
        v.save = status;
    }
}

fn library_action(app: &mut App, action: Action) {
    let t = app.lang.texts();
    let Screen::Library(lib) = &mut app.screen else {
        return;
    };
    let rows = lib.row_count();
    if lib.confirm_delete.is_some() {
        match action {
            Action::Confirm(true) => {
                let path = lib.confirm_delete.take().expect("checked");
                match app.library.move_to_trash(&path) {
                    Ok(_) => {
                        app.show_library();
                        app.say(Level::Info, t.ui.moved_to_trash);
                    }
                    Err(e) => app.say(
                        Level::Error,
                        format!("{} {}", t.ui.cannot_delete, e.explain(app.lang)),
                    ),
                }
            }
            Action::Confirm(false) | Action::Back => lib.confirm_delete = None,
            _ => {}
        }
        return;
    }
    match action {
        // Moving by hand ends waiting for the session just closed to show up.
        Action::SelectUp => {
            lib.want_selected = None;
            lib.selected = lib.selected.saturating_sub(1);
        }
        Action::SelectDown => {
            lib.want_selected = None;
            lib.selected = (lib.selected + 1).min(rows.saturating_sub(1));
        }
        Action::FilterChar(c) => {
            let mut f = lib.filter().to_string();
            f.push(c);
            lib.set_filter(f);
            lib.selected = 0;
        }
        Action::FilterBackspace => {
            let mut f = lib.filter().to_string();
            f.pop();
            lib.set_filter(f);
            lib.selected = 0;
        }
        Action::Back => lib.set_filter(String::new()),
        Action::OpenSelected => match lib.row(lib.selected) {
            Some(super::state::LibraryRow::Session(s)) => {
                let path = s.path.clone();
                app.open_session(&path);
            }
            Some(super::state::LibraryRow::Unreadable(store::Entry::Unreadable {
                error, ..
            })) => {
                let text = cannot_open(app.lang, error);
                app.say(Level::Error, text);
            }
            _ => {}
        },
        Action::NewSession => new_session(app, None),
        Action::OpenPrices => app.open_prices(),
        Action::CompareSelected => {
            let Some((id, path)) = lib.selected_session().map(|s| (s.id, s.path.clone())) else {
                return;
            };
            let other = match lib.marked.take() {
                Some(marked) if marked != id => Some(app.library.path_for(marked)),
                _ => lib
                    .selected_session()
                    .and_then(|s| lib.earlier_wave(s))
                    .map(|s| s.path.clone()),
            };
            match other {
                Some(other) => open_comparison(app, &other, &path),
                None => {
                    lib.marked = Some(id);
                    app.say(Level::Info, t.ui.cmp_pick_second);
                }
            }
        }
        Action::FollowUpSelected => {
            if let Some(path) = lib.selected_session().map(|s| s.path.clone()) {
                match store::load(&path) {
                    Ok(earlier) => new_session(app, Some(&earlier.session)),
                    Err(e) => app.say(Level::Error, cannot_open(app.lang, &e)),
                }
            }
        }
        Action::DeleteSelected => {
            if let Some(path) = lib.selected_session().map(|s| s.path.clone()) {
                lib.confirm_delete = Some(path);
            }
        }
        Action::LoadDemo => {
            let mut written = 0;
            for s in crate::demo::sessions(&app.catalog) {
                if !app.library.path_for(s.id).exists() && app.library.save(&s).is_ok() {
                    written += 1;
                }
            }
            app.show_library();
            app.say(Level::Info, (t.ui.demo_loaded)(&written.to_string()));
        }
        _ => {}
    }
}

/// "Could not open this session: <file>: <why>", in the user's language.
fn cannot_open(lang: crate::i18n::Lang, e: &store::LoadError) -> String {
    let file = e.path().file_name().map_or_else(
        || e.path().display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    format!(
        "{} {file}: {}",
        lang.texts().ui.cannot_open,
        e.explain(lang)
    )
}

fn open_comparison(app: &mut App, a: &Path, b: &Path) {
    match (store::load(a), store::load(b)) {
        (Ok(a), Ok(b)) => {
            let comparison = crate::model::compare::compare(&a.session, &b.session);
            if !comparison.same_series {
                app.say(Level::Warning, app.lang.texts().ui.cmp_other_series);
            }
            app.screen = Screen::Compare(Box::new(super::state::CompareView {
                comparison,
                scroll: 0,
            }));
        }
        (Err(e), _) | (_, Err(e)) => {
            let text = cannot_open(app.lang, &e);
            app.say(Level::Error, text);
        }
    }
}

fn compare_action(app: &mut App, action: Action) {
    let Screen::Compare(c) = &mut app.screen else {
        return;
    };
    match action {
        Action::SelectDown => c.scroll = c.scroll.saturating_add(1),
        Action::SelectUp => c.scroll = c.scroll.saturating_sub(1),
        Action::PageDown => c.scroll = c.scroll.saturating_add(10),
        Action::PageUp => c.scroll = c.scroll.saturating_sub(10),
        Action::Back => app.show_library(),
        _ => {}
    }
}

/// Writes the open session or comparison as an HTML report into `<data-dir>/exports/`
/// and says where. A file of that name made from other sessions (two case codes can
/// give one file name) is never replaced: the new one gets the session's short id.
fn export_current(app: &mut App) {
    let lang = app.lang;
    let t = lang.texts();
    let dir = crate::store::exports::exports_dir(app.library.root());
    let (name, html, sessions) = match &app.screen {
        Screen::Session(v) => {
            let format = crate::report::export::Format::Html;
            let name = crate::report::export::suggested_name(&v.session, format, false);
            match crate::report::export::export_session(&v.session, lang, format, false) {
                crate::report::export::Exported::File(text) => (name, text, vec![v.session.id]),
                crate::report::export::Exported::Folder(_) => return,
            }
        }
        Screen::Compare(c) => {
            let k = &c.comparison;
            let case = crate::report::export::file_name_part(&k.later.case_code);
            (
                format!("{case}-{}-{}.html", k.earlier.wave, k.later.wave),
                crate::report::compare::html(k, lang),
                vec![k.earlier.id, k.later.id],
            )
        }
        _ => return,
    };
    let result = crate::store::paths::ensure_private_dir(&dir, true)
        .map_err(|e| e.explain(lang))
        .and_then(|()| {
            let path = export_target(app.library.root(), &dir, &name, &sessions);
            crate::store::atomic::write_atomic(&path, html.as_bytes())
                .map_err(|e| format!("{}: [{e}]", path.display()))?;
            Ok(path)
        });
    match result {
        Ok(path) => {
            let noted = crate::store::exports::record(
                app.library.root(),
                std::slice::from_ref(&path),
                &sessions,
                false,
            );
            let mut text = (t.ui.exported)(&path.display().to_string());
            if noted.is_err() {
                text = format!("{text} {}", t.report.cli_manifest_failed);
            }
            app.say(Level::Info, text);
        }
        Err(e) => app.say(Level::Error, format!("{} {e}", t.ui.export_failed)),
    }
}

/// Where an export named `name` of `sessions` goes in `dir`: that name when it is free
/// or holds an earlier export of the same sessions; otherwise the name with the first
/// session's short id (and a number, should that be taken too).
fn export_target(data_dir: &Path, dir: &Path, name: &str, sessions: &[uuid::Uuid]) -> PathBuf {
    let ours = |p: &Path| {
        std::fs::symlink_metadata(p).is_err()
            || crate::store::exports::owner_of(data_dir, p).is_some_and(|o| o == sessions)
    };
    let first = dir.join(name);
    if ours(&first) {
        return first;
    }
    let (stem, ext) = name.rsplit_once('.').unwrap_or((name, "html"));
    let short = sessions
        .first()
        .map(|id| id.simple().to_string()[..8].to_string())
        .unwrap_or_default();
    let mut n = 1;
    loop {
        let candidate = if n == 1 {
            dir.join(format!("{stem}-{short}.{ext}"))
        } else {
            dir.join(format!("{stem}-{short}-{n}.{ext}"))
        };
        if ours(&candidate) {
            return candidate;
        }
        n += 1;
    }
}

/// Creates a new session (or the next wave of `earlier`) and opens it.
fn new_session(app: &mut App, earlier: Option<&Session>) {
    let mut s = if let Some(e) = earlier {
        match series::follow_up(e) {
            Ok(s) => s,
            Err(_) => {
                app.say(Level::Error, app.lang.texts().wave_limit);
                return;
            }
        }
    } else {
        let c = &app.catalog;
        Session::new(c.domains.clone(), c.prices.clone(), c.payers.clone())
    };
    s.set_retention_months(app.retention_months);
    match app.library.save(&s) {
        Ok(path) => app.open_session(&path),
        Err(e) => {
            let text = super::autosave::explain(&e, app.lang).to_string();
            app.say(Level::Error, text);
        }
    }
}

fn session_action(app: &mut App, action: Action) {
    let Screen::Session(v) = &mut app.screen else {
        return;
    };
    // What is open on top takes the keys first.
    if v.quote.is_some() {
        return quote_action(app, action);
    }
    if v.picker.is_some() {
        return picker_action(app, action);
    }
    if let Some((list, index)) = v.confirm_remove {
        match action {
            Action::Confirm(true) | Action::RemoveItem => {
                v.confirm_remove = None;
                app.close_editor();
                if let Some(v) = app.session_mut() {
                    form::remove_item(&mut v.session, list, index);
                }
                app.changed();
                let focus = app.session_mut().map_or(0, |v| v.focus[v.phase.index()]);
                app.set_focus(focus);
            }
            _ => v.confirm_remove = None,
        }
        return;
    }
    if v.table_view
        && !matches!(
            action,
            Action::ToggleTableView
                | Action::Back
                | Action::NextPhase
                | Action::PrevPhase
                | Action::GoToPhase(_)
        )
    {
        return;
    }
    match action {
        Action::Back => {
            if v.table_view {
                v.table_view = false;
            } else {
                app.leave_session();
            }
        }
        Action::ToggleQuestions => v.questions_open = !v.questions_open,
        Action::ToggleTableView => v.table_view = !v.table_view,
        Action::QuickQuote => {
            if !app.refuse_if_read_only()
                && let Some(v) = app.session_mut()
            {
                v.quote = Some(QuoteDraft {
                    speaker: TextField::new("", false),
                    words: TextField::new("", true),
                    on_words: false,
                });
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
            let starts = super::form::layout::part_starts(v.phase, &v.session);
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
            let Some(v) = app.session_mut() else { return };
            let (options, current) = form::choice(&v.session, id, lang);
            let n = options.len().max(1);
            let next = if action == Action::ChoiceNext {
                (current + 1) % n
            } else {
                (current + n - 1) % n
            };
            form::set_choice(&mut v.session, id, next);
            app.changed();
        }
        Action::Toggle => {
            let Some(id) = v.focused() else { return };
            if app.refuse_if_read_only() {
                return;
            }
            let Some(v) = app.session_mut() else { return };
            form::toggle(&mut v.session, id);
            app.changed();
        }
        Action::SetScore(_) | Action::ScoreUp | Action::ScoreDown | Action::ClearScore => {
            set_score(app, &action);
        }
        Action::Press => press(app),
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
            if let Some(v) = app.session_mut() {
                v.confirm_remove = item;
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
                v.picker = Some(Picker {
                    field: id,
                    filter: String::new(),
                    selected: current,
                });
            }
        }
        _ => {}
    }
}

fn add_item(app: &mut App, list: ListKind) {
    app.close_editor();
    let Some(v) = app.session_mut() else { return };
    let i = form::add_item(&mut v.session, list);
    app.changed();
    app.focus_field(form::first_field(list, i));
}

/// Applies an edit to the focused text field and writes it into the session.
/// Why `text` cannot be pasted into the focused field (it would make the field longer
/// than its limit), if it cannot. Nothing is inserted then: a huge paste is refused whole.
fn paste_too_long(app: &App, text: &str) -> Option<String> {
    let Screen::Session(v) = &app.screen else {
        return None;
    };
    let (id, field) = v.editor.as_ref()?;
    too_long_message(app.lang, id.text_limit(), &field.text(), text)
}

/// The message when `current` with `added` would exceed `limit`.
fn too_long_message(
    lang: crate::i18n::Lang,
    limit: crate::model::limits::TextKind,
    current: &str,
    added: &str,
) -> Option<String> {
    let combined = format!("{current}{added}");
    if limit.allows(&combined) {
        return None;
    }
    let t = lang.texts();
    let unit = if limit.in_bytes() {
        "bytes"
    } else {
        t.characters
    };
    Some((t.ui.too_long)(&limit.limit().to_string(), &unit))
}

fn edit_focused(app: &mut App, edit: impl FnOnce(&mut TextField) -> Edit) -> Edit {
    let lang = app.lang;
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
        match form::set_text(&mut v.session, id, &text, lang) {
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
fn text_input(app: &mut App, key: KeyEvent) {
    let Some(v) = app.session_mut() else { return };
    let Some(id) = v.focused() else { return };
    if app.refuse_if_read_only() {
        return;
    }
    if id.kind().is_text() {
        edit_focused(app, |f| f.key(key));
    }
}

/// A score typed or stepped: a digit sets it (1 then 0 within 1.5 s makes 10), ← → step
/// it (starting from 5), Backspace empties it.
fn set_score(app: &mut App, action: &Action) {
    if app.refuse_if_read_only() {
        return;
    }
    let one_at = app.score_one_at;
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
    form::set_score(&mut v.session, id, new);
    app.score_one_at = (*action == Action::SetScore(1)).then_some(now);
    app.changed();
}

/// The focused button: add an item to its list, or re-price the session.
fn press(app: &mut App) {
    let Some(v) = app.session_mut() else { return };
    let focused = v.focused();
    if app.refuse_if_read_only() {
        return;
    }
    match focused {
        Some(FieldId::Add(list)) => add_item(app, list),
        Some(FieldId::Reprice) => {
            let current = app.catalog.prices.clone();
            let changed = app.session_mut().map_or(0, |v| {
                crate::model::costs::reprice(
                    &mut v.session.costs.price_list,
                    &current,
                    crate::model::now(),
                )
            });
            app.changed();
            let text = (app.lang.texts().ui.repriced)(&changed.to_string());
            app.say(Level::Info, text);
        }
        _ => {}
    }
}

fn picker_action(app: &mut App, action: Action) {
    let lang = app.lang;
    let Some(v) = app.session_mut() else { return };
    let Some(p) = v.picker.as_mut() else { return };
    let (options, _) = form::choice(&v.session, p.field, lang);
    let visible = filtered(&options, &p.filter);
    match action {
        Action::Back => v.picker = None,
        Action::SelectUp | Action::PrevField => p.selected = p.selected.saturating_sub(1),
        Action::SelectDown | Action::NextField => {
            p.selected = (p.selected + 1).min(visible.len().saturating_sub(1));
        }
        Action::FilterChar(c) => {
            p.filter.push(c);
            p.selected = 0;
        }
        Action::FilterBackspace => {
            p.filter.pop();
            p.selected = 0;
        }
        Action::OpenSelected | Action::Confirm(true) => {
            let field = p.field;
            if let Some(index) = visible.get(p.selected).copied() {
                form::set_choice(&mut v.session, field, index);
                v.picker = None;
                app.changed();
            }
        }
        _ => {}
    }
}

/// Whether `hay` contains every word of `filter`, ignoring case: how every list that can
/// be searched by typing (library, picker, price list) filters.
pub fn matches_filter(filter: &str, hay: &str) -> bool {
    let hay = hay.to_lowercase();
    filter
        .to_lowercase()
        .split_whitespace()
        .all(|w| hay.contains(w))
}

/// Indexes of the options that contain every word of the filter.
pub fn filtered(options: &[String], filter: &str) -> Vec<usize> {
    options
        .iter()
        .enumerate()
        .filter(|(_, o)| matches_filter(filter, o))
        .map(|(i, _)| i)
        .collect()
}

fn quote_action(app: &mut App, action: Action) {
    let lang = app.lang;
    let Some(v) = app.session_mut() else { return };
    let Some(q) = v.quote.as_mut() else { return };
    match action {
        Action::NextField | Action::PrevField => q.on_words = !q.on_words,
        Action::Paste(text) => {
            let (f, limit) = if q.on_words {
                (&mut q.words, crate::model::limits::TextKind::Text)
            } else {
                (&mut q.speaker, crate::model::limits::TextKind::Name)
            };
            if let Some(why) = too_long_message(lang, limit, &f.text(), &text) {
                app.say(Level::Warning, why);
                return;
            }
            f.paste(&text);
        }
        Action::TextInput(key) => {
            let f = if q.on_words {
                &mut q.words
            } else {
                &mut q.speaker
            };
            f.key(key);
        }
        Action::SaveQuote | Action::Back | Action::QuickQuote => finish_quote(app),
        _ => {}
    }
}

/// Closes the quote box; anything typed is kept as a quote, never thrown away.
fn finish_quote(app: &mut App) {
    use crate::model::limits::TextKind;
    let lang = app.lang;
    let Some(v) = app.session_mut() else { return };
    let Some(q) = v.quote.as_ref() else { return };
    let words = q.words.text().trim().to_string();
    let speaker = q.speaker.text().trim().to_string();
    // Over a limit: the draft stays open with the reason, nothing is lost.
    let over = too_long_message(lang, TextKind::Name, &speaker, "")
        .or_else(|| too_long_message(lang, TextKind::Text, &words, ""));
    if let Some(why) = over {
        app.say(Level::Warning, why);
        return;
    }
    v.quote = None;
    if words.is_empty() && speaker.is_empty() {
        return;
    }
    let domain_id = match v.focused() {
        Some(
            FieldId::ScoreStart(d)
            | FieldId::ScoreNow(d)
            | FieldId::OwnWords(d)
            | FieldId::Estimated(d),
        ) => v.session.domains.get(d).map(|d| d.id.clone()),
        _ => None,
    };
    let id = crate::model::next_id("q", v.session.outcomes.quotes.iter().map(|q| q.id.as_str()));
    let phase = v.phase;
    v.session.outcomes.quotes.push(Quote {
        id,
        speaker,
        text: words,
        domain_id,
        phase: Some(phase),
        captured_at: Some(crate::model::now()),
    });
    app.changed();
    app.request_save_soon();
    let t = app.lang.texts();
    app.say(Level::Info, t.ui.quote_saved);
}

/// Where a session being worked on lives (for the panic message).
pub fn current_path(app: &App) -> Option<PathBuf> {
    match &app.screen {
        Screen::Session(v) => Some(v.path.clone()),
        Screen::Library(_) | Screen::Compare(_) | Screen::Prices(_) => None,
    }
}
