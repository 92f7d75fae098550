//! `update`: applies one [`Action`] to the [`App`]. All changes of state happen here:
//! what every screen shares (quitting, help, the tick with its clocks and autosave) is
//! handled here, the rest by the screen that is showing (`app/screens/`).

use std::path::PathBuf;
use std::time::{Duration, Instant};

use super::Start;
use super::action::Action;
use super::autosave::{Autosave, SaveStatus};
use super::state::{App, Level, LibraryView, Message, Screen, SessionView};
use crate::store;

/// Saving starts this long after the last change...
pub const DEBOUNCE: Duration = Duration::from_millis(200);
/// ...or this long after the first unsaved change, even while typing goes on.
pub const MAX_UNSAVED: Duration = Duration::from_millis(300);
/// A failed save is tried again this often.
pub const RETRY: Duration = Duration::from_secs(2);
/// Free disk space is checked this often while a session is open.
pub const SPACE_CHECK_EVERY: Duration = Duration::from_secs(10);

/// How often the library's `keys.json` is looked at for an encryption done elsewhere (a
/// tick follows every key, and this needs no more than a glance now and then).
pub const KEYS_CHECK_EVERY: Duration = Duration::from_secs(2);
/// The phase clock is written into the session this often.
pub const BOOK_TIME_EVERY: Duration = Duration::from_secs(60);

impl App {
    pub fn new(
        lang: crate::i18n::Lang,
        clock: crate::model::Clock,
        library: store::Library,
        start: Start,
    ) -> App {
        let catalog = crate::catalog::Catalog::load(library.root());
        let warnings = catalog.warnings.clone();
        let retention_months = crate::store::config::retention_months(library.root());
        let encrypted = crate::store::vault::is_encrypted(library.root());
        let keys_unfinished = crate::store::vault::settings::Settings::read(library.root())
            .is_ok_and(|s| s.unfinished);
        let keys_said = crate::store::vault::notice_lines(library.root(), lang);
        let mut app = App {
            lang,
            library,
            catalog,
            screen: Screen::Library(Box::new(LibraryView::new(Vec::new()))),
            help_open: false,
            help_scroll: super::scroll::Scroll::default(),
            space_checked: None,
            keys_checked: None,
            message: None,
            quit: false,
            autosave: Autosave::start(lang, clock),
            score_one_at: None,
            now: Instant::now(),
            today: clock.today(),
            clock,
            retention_months,
            rescued: None,
            signal_refused: false,
            hits: super::mouse::Hits::default(),
            encrypted,
            keys_ignored: None,
        };
        // A change of the library's keys or a conversion that was stopped: said at the
        // start, with the command that finishes it (as `tafel list` says it).
        // A delete for good that a kill stopped half-way is finished now (it was
        // confirmed when it started), and said.
        let finished = app.library.finish_deletes();
        if finished.finished_earlier > 0 {
            let level = if finished.refused.is_empty() {
                Level::Info
            } else {
                Level::Warning
            };
            app.say(
                level,
                (app.lang.texts().cli_finished_delete)(&finished.finished_earlier),
            );
        }
        if keys_unfinished {
            app.say(
                Level::Warning,
                app.lang.texts().vault.unfinished.to_string(),
            );
        }
        // Keys not confirmed on this laptop, a changed key, members without the library
        // key: the first said, the rest counted (`tafel keys list` shows them all).
        if let Some(first) = keys_said.first() {
            let mut text = first.clone();
            if keys_said.len() > 1 {
                let more = (app.lang.texts().vault.more_notices)(keys_said.len() - 1);
                text = format!("{text} {more}");
            }
            app.say(Level::Warning, text);
        }
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

    /// What writing a field needs: the language typed text is read in, and today.
    pub fn env(&self) -> super::form::Env {
        super::form::Env {
            lang: self.lang,
            clock: self.clock,
        }
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
            Screen::Compare(_) | Screen::Prices(_) | Screen::Portfolio(_) | Screen::Conflict(_) => {
            }
        }
        self.screen = Screen::Library(Box::new(view));
    }

    /// Waits for the library to be read completely (tests and benchmarks).
    pub fn wait_for_library(&mut self) {
        if let Screen::Library(l) = &mut self.screen {
            l.wait_loaded();
        }
    }

    pub(crate) fn session_mut(&mut self) -> Option<&mut SessionView> {
        match &mut self.screen {
            Screen::Session(v) => Some(v),
            Screen::Library(_)
            | Screen::Compare(_)
            | Screen::Prices(_)
            | Screen::Portfolio(_)
            | Screen::Conflict(_) => None,
        }
    }

    pub(crate) fn refuse_if_read_only(&mut self) -> bool {
        let reason = match &self.screen {
            Screen::Session(v) => v.read_only.clone(),
            Screen::Library(_)
            | Screen::Compare(_)
            | Screen::Prices(_)
            | Screen::Portfolio(_)
            | Screen::Conflict(_) => None,
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

    /// Saves and ends the program. If saving fails, the program stays open.
    pub(crate) fn quit(&mut self) {
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
            ref a if app.help_scroll.apply(a) => {}
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
            app.help_scroll.reset();
        }
        Action::Tick => tick(app),
        Action::Export => super::export::export_current(app),
        _ => match app.screen {
            Screen::Library(_) => super::screens::library::handle(app, action),
            Screen::Session(_) => super::screens::session::handle(app, action),
            Screen::Compare(_) => super::screens::compare::handle(app, action),
            Screen::Conflict(_) => super::screens::conflict::handle(app, action),
            Screen::Portfolio(_) => super::screens::portfolio::handle(app, action),
            Screen::Prices(_) => super::screens::prices::handle(app, action),
        },
    }
}

fn tick(app: &mut App) {
    let now = Instant::now();
    app.now = now;
    app.today = app.clock.today();
    if let Some(m) = &app.message
        && m.level == Level::Info
        && now.duration_since(m.at) > Duration::from_secs(8)
    {
        app.message = None;
    }
    // keys.json changed by another laptop meanwhile: a change this tafel takes shows in
    // the headers (encrypted or not); one it does not take is said once, with what this
    // tafel does instead and what a new start will do.
    let keys_due = app
        .keys_checked
        .is_none_or(|t| now.duration_since(t) >= KEYS_CHECK_EVERY);
    if keys_due {
        app.keys_checked = Some(now);
        let root = app.library.root().to_path_buf();
        app.encrypted = crate::store::vault::is_encrypted(&root);
        let ignored = crate::store::vault::ignored_change(&root);
        if ignored != app.keys_ignored {
            if let Some(ignored) = &ignored {
                let text = crate::store::vault::explain_ignored(ignored, app.lang);
                app.say(Level::Warning, text);
            }
            app.keys_ignored = ignored;
        }
    }
    if let Screen::Portfolio(p) = &mut app.screen {
        p.poll();
    }
    if let Screen::Library(l) = &mut app.screen {
        l.poll();
    }
    if let Screen::Conflict(c) = &mut app.screen
        && let Some(crate::store::Beat::TakenBy(holder)) =
            c.lock.as_mut().map(crate::store::SessionLock::beat_if_due)
    {
        // Taken on another laptop meanwhile: shown, no longer resolved here.
        if let Some(lock) = c.lock.take() {
            lock.give_up();
        }
        let who = crate::store::lock::describe(Some(&holder), app.lang);
        c.busy = Some((app.lang.texts().ui.read_only_locked)(&who));
    }
    let Screen::Session(v) = &mut app.screen else {
        return;
    };
    // Other laptops on a shared folder see the session is still open here. One that took
    // it meanwhile (this laptop was away past the limit) has it now: what was typed here
    // is written once more (the sync service keeps both versions, a conflict to resolve),
    // and the session becomes read-only here.
    let taken = match v.lock.as_mut().map(crate::store::SessionLock::beat_if_due) {
        Some(crate::store::Beat::TakenBy(holder)) => Some(holder),
        _ => None,
    };
    if let Some(holder) = taken {
        let lang = app.lang;
        let who = crate::store::lock::describe(Some(&holder), lang);
        app.close_editor();
        let status = app.autosave.flush();
        if let Some(v) = app.session_mut() {
            v.save = status;
            if let Some(lock) = v.lock.take() {
                lock.give_up();
            }
            v.read_only = Some((lang.texts().ui.read_only_locked)(&who));
        }
        app.say(Level::Warning, (lang.texts().ui.taken_elsewhere)(&who));
        return;
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

/// "Could not open this session: <file>: <why>", in the user's language.
pub(crate) fn cannot_open(lang: crate::i18n::Lang, e: &store::LoadError) -> String {
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

/// The message when `current` with `added` would exceed `limit`.
pub(crate) fn too_long_message(
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

/// Where a session being worked on lives (for the panic message).
pub fn current_path(app: &App) -> Option<PathBuf> {
    match &app.screen {
        Screen::Session(v) => Some(v.path.clone()),
        Screen::Library(_)
        | Screen::Compare(_)
        | Screen::Prices(_)
        | Screen::Portfolio(_)
        | Screen::Conflict(_) => None,
    }
}
