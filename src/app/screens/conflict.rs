//! A sync conflict (Enter on a conflicted copy in the library): the session file and the
//! copy side by side, field by field where they differ. The facilitator takes each field
//! from either version (the file's own by default); Enter, asked twice, saves the result
//! as the session and moves the copy to the trash. Nothing is merged by itself.

use std::path::{Path, PathBuf};

use crate::app::action::{Action, Click};
use crate::app::state::{App, Level, Screen};
use crate::app::update::cannot_open;
use crate::model::Session;
use crate::model::conflict::{FieldDiff, diff, merge};
use crate::store::{self, LockOutcome, SessionLock};

pub struct ConflictView {
    pub live_path: PathBuf,
    pub copy_path: PathBuf,
    pub live: Session,
    pub copy: Session,
    pub diffs: Vec<FieldDiff>,
    /// Per difference: take the copy's value (else the file's own).
    pub take_copy: Vec<bool>,
    pub selected: usize,
    /// The session's lock, held while the conflict is open here.
    pub lock: Option<SessionLock>,
    /// Why it cannot be resolved here (another copy of tafel has the session open).
    pub busy: Option<String>,
    /// Enter was pressed once: the next Enter saves.
    pub confirm: bool,
}

/// Opens the conflict between the copy at `copy_path` and its session's own file; when
/// that file is gone, the copy opens as a session (read-only, as any copy).
pub(crate) fn open(app: &mut App, copy_path: &Path) {
    let copy = match store::load(copy_path) {
        Ok(l) => l,
        Err(e) => {
            let text = cannot_open(app.lang, &e);
            app.say(Level::Error, text);
            return;
        }
    };
    let live_path = app.library.path_for(copy.session.id);
    // No file of its own, or this is it under another spelling (a file system that
    // ignores case): the copy opens as a session, and nothing goes to the trash.
    if std::fs::symlink_metadata(&live_path).is_err() || same_file(copy_path, &live_path) {
        return app.open_session(copy_path);
    }
    // The lock before the file is read, as when a session is opened.
    let (lock, busy) = match SessionLock::for_file(&live_path) {
        Ok(LockOutcome::Acquired(l)) => (Some(l), None),
        Ok(LockOutcome::HeldElsewhere(who)) => (
            None,
            Some((app.lang.texts().ui.read_only_locked)(
                &store::lock::describe(who.as_ref(), app.lang),
            )),
        ),
        Err(e) => (None, Some(e.explain(app.lang))),
    };
    let live = match store::load(&live_path) {
        Ok(l) => l,
        // The session's own file is broken: the copy may be all that is left, so it
        // opens (read-only, as a copy), and the message says what is wrong with the file.
        Err(e) => {
            let text = cannot_open(app.lang, &e);
            drop(lock);
            app.open_session(copy_path);
            app.say(Level::Error, text);
            return;
        }
    };
    // A version from a newer tafel has fields this one does not know: a merge would
    // drop them. Shown, never resolved here.
    let busy = busy.or_else(|| {
        (live.newer_version.is_some() || copy.newer_version.is_some())
            .then(|| app.lang.texts().ui.read_only_newer.to_string())
    });
    let (live, copy) = (live.session, copy.session);
    let diffs = diff(&live, &copy);
    let take_copy = vec![false; diffs.len()];
    app.screen = Screen::Conflict(Box::new(ConflictView {
        live_path,
        copy_path: copy_path.to_path_buf(),
        live,
        copy,
        diffs,
        take_copy,
        selected: 0,
        lock,
        busy,
        confirm: false,
    }));
}

fn same_file(a: &Path, b: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (std::fs::metadata(a), std::fs::metadata(b)) {
        (Ok(x), Ok(y)) => x.dev() == y.dev() && x.ino() == y.ino(),
        _ => false,
    }
}

pub(crate) fn handle(app: &mut App, action: Action) {
    let Screen::Conflict(c) = &mut app.screen else {
        return;
    };
    let n = c.diffs.len();
    let asked = std::mem::take(&mut c.confirm);
    match action {
        Action::SelectDown if n > 0 => c.selected = (c.selected + 1).min(n - 1),
        Action::SelectUp => c.selected = c.selected.saturating_sub(1),
        Action::PageDown if n > 0 => c.selected = (c.selected + 10).min(n - 1),
        Action::PageUp => c.selected = c.selected.saturating_sub(10),
        Action::Click(Click::Row(i)) if i < n => {
            if c.selected == i {
                c.take_copy[i] = !c.take_copy[i];
            }
            c.selected = i;
        }
        Action::Earlier => set(c, false),
        Action::Later => set(c, true),
        Action::Toggle => {
            if let Some(t) = c.take_copy.get_mut(c.selected) {
                *t = !*t;
            }
        }
        Action::TakeAll(copy) => c.take_copy.iter_mut().for_each(|t| *t = copy),
        Action::OpenSelected => {
            if let Some(why) = &c.busy {
                let why = why.clone();
                app.say(Level::Warning, why);
            } else if asked {
                resolve(app);
            } else {
                c.confirm = true;
            }
        }
        Action::Back => app.show_library(),
        _ => {}
    }
}

fn set(c: &mut ConflictView, copy: bool) {
    if let Some(t) = c.take_copy.get_mut(c.selected) {
        *t = copy;
    }
}

/// Saves the chosen fields as the session and moves the copy to the trash.
fn resolve(app: &mut App) {
    let lang = app.lang;
    let t = lang.texts();
    let Screen::Conflict(c) = &mut app.screen else {
        return;
    };
    let mut result = match merge(&c.live, &c.copy, &c.diffs, &c.take_copy) {
        Ok(s) => s,
        Err(e) => {
            app.say(Level::Error, format!("{} [{e}]", t.ui.conflict_failed));
            return;
        }
    };
    if c.take_copy.iter().any(|t| *t) {
        result.updated_at = app.clock.now();
    }
    if let Err(e) = store::save_to(&c.live_path, &result) {
        let why = e.explain(lang);
        app.say(Level::Error, format!("{} {why}", t.ui.conflict_failed));
        return;
    }
    let copy_path = c.copy_path.clone();
    // The session's own lock goes first: the copy has a lock file of its own.
    c.lock = None;
    match app.library.move_to_trash(&copy_path) {
        Ok(_) => {
            app.show_library();
            app.say(Level::Info, t.ui.conflict_resolved);
        }
        Err(e) => {
            let why = e.explain(lang);
            app.show_library();
            app.say(Level::Error, format!("{} {why}", t.ui.conflict_copy_kept));
        }
    }
}
