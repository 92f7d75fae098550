//! Saving off the drawing thread. The UI hands over a copy of the session after every
//! change; a saver thread writes it when asked (shortly after typing stops), one save at
//! a time. The same shared copy is what the emergency paths (signals, a closed terminal,
//! a panic) save, so they always have the newest text.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{Arc, Mutex, MutexGuard};
use std::thread;

use crate::i18n::Lang;
use crate::model::Session;
use crate::store::{self, SaveError};

pub use crate::store::error::SaveFailure;

/// Why a save failed, in the facilitator's language (see [`SaveError::explain`]).
pub fn explain(e: &SaveError, lang: Lang) -> SaveFailure {
    e.explain(lang)
}

/// What the status line says about saving.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveStatus {
    Saved,
    /// Changes not written yet (saving follows within a second).
    Pending,
    /// The last save failed; the text is safe in memory and saving is retried.
    Failed(SaveFailure),
}

#[derive(Default)]
struct Latest {
    snapshot: Option<(PathBuf, Session)>,
    generation: u64,
    saved: u64,
    error: Option<SaveFailure>,
}

/// Shared between the UI, the saver thread and the emergency paths.
pub struct Shared {
    /// The language failures are explained in.
    lang: Lang,
    /// Dates the name of a rescued copy.
    clock: crate::model::Clock,
    latest: Mutex<Latest>,
    /// Held while writing, so two writers never interleave.
    disk: Mutex<()>,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    // A panic elsewhere must not stop the data from being saved.
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

impl Shared {
    /// Writes the newest copy if it is not on disk yet. Safe from any thread.
    pub fn save_pending(&self) -> SaveStatus {
        let _disk = lock(&self.disk);
        let (path, session, generation) = {
            let l = lock(&self.latest);
            match &l.snapshot {
                Some((p, s)) if l.generation > l.saved => (p.clone(), s.clone(), l.generation),
                _ => return status_of(&l),
            }
        };
        let result = store::save_to(&path, &session);
        let mut l = lock(&self.latest);
        match result {
            Ok(()) => {
                l.saved = l.saved.max(generation);
                l.error = None;
            }
            Err(e) => l.error = Some(explain(&e, self.lang)),
        }
        status_of(&l)
    }

    pub fn status(&self) -> SaveStatus {
        status_of(&lock(&self.latest))
    }

    /// Where the session being edited lives, for messages after a crash.
    pub fn path(&self) -> Option<PathBuf> {
        lock(&self.latest).snapshot.as_ref().map(|(p, _)| p.clone())
    }

    /// When the newest copy cannot be saved where it belongs and the program must end:
    /// writes it elsewhere, trying in turn the session's own folder under another name,
    /// the data folder, and `$XDG_RUNTIME_DIR` (each mode 0600). Returns where it went, or
    /// `None` when nothing was unsaved or every place failed.
    pub fn rescue(&self) -> Option<PathBuf> {
        let _disk = lock(&self.disk);
        let (path, session) = {
            let l = lock(&self.latest);
            match &l.snapshot {
                Some((p, s)) if l.generation > l.saved => (p.clone(), s.clone()),
                _ => return None,
            }
        };
        let bytes = store::encode::session_bytes(&session).ok()?;
        let stamp = self.clock.now().format("%Y%m%d-%H%M%S");
        let name = format!("{}.rescued-{stamp}.json", session.id);
        let folder = path.parent().map(Path::to_path_buf);
        let data_dir = folder
            .as_deref()
            .filter(|d| d.file_name().is_some_and(|n| n == "sessions"))
            .and_then(Path::parent)
            .map(Path::to_path_buf);
        let runtime = std::env::var_os("XDG_RUNTIME_DIR")
            .filter(|v| !v.is_empty())
            .map(PathBuf::from);
        // From an encrypted library the copy is encrypted too, wherever it goes. When the
        // library's keys cannot be read, plain text goes only to the runtime folder
        // (memory, this user only), never into a folder a sync service may copy.
        // The same holds when keys.json is missing while the session's own file is
        // encrypted (see `store::save_to`).
        let root = store::vault::root_of(&path);
        let keys_gone = root.is_some_and(|r| !store::vault::settings::settings_path(r).exists());
        let (bytes, folder, data_dir) = match root.map(store::vault::sealing_of).unwrap_or(Ok(None))
        {
            Ok(Some(to)) => (store::vault::seal(&bytes, &to).ok()?, folder, data_dir),
            Ok(None) if keys_gone && store::vault::file_is_sealed(&path) => (bytes, None, None),
            Ok(None) => (bytes, folder, data_dir),
            Err(_) => (bytes, None, None),
        };
        [folder, data_dir, runtime]
            .into_iter()
            .flatten()
            .map(|dir| dir.join(&name))
            .find(|target| store::atomic::write_atomic(target, &bytes).is_ok())
    }
}

fn status_of(l: &Latest) -> SaveStatus {
    if l.generation <= l.saved {
        SaveStatus::Saved
    } else if let Some(e) = &l.error {
        SaveStatus::Failed(e.clone())
    } else {
        SaveStatus::Pending
    }
}

/// The UI's handle on saving.
pub struct Autosave {
    shared: Arc<Shared>,
    wake: Sender<()>,
}

impl Autosave {
    pub fn start(lang: Lang, clock: crate::model::Clock) -> Autosave {
        let shared = Arc::new(Shared {
            lang,
            clock,
            latest: Mutex::default(),
            disk: Mutex::default(),
        });
        let (wake, rx): (Sender<()>, Receiver<()>) = channel();
        let worker = Arc::clone(&shared);
        thread::Builder::new()
            .name("tafel-save".into())
            .spawn(move || {
                while rx.recv().is_ok() {
                    while rx.try_recv().is_ok() {}
                    worker.save_pending();
                }
            })
            .expect("the save thread starts");
        Autosave { shared, wake }
    }

    pub fn shared(&self) -> Arc<Shared> {
        Arc::clone(&self.shared)
    }

    /// Hands over the newest state of a session (after a change).
    pub fn changed(&self, path: &Path, session: &Session) {
        let mut l = lock(&self.shared.latest);
        l.snapshot = Some((path.to_path_buf(), session.clone()));
        l.generation += 1;
    }

    /// Starts following another session (or none): what was pending is saved first.
    pub fn switch_to(&self, current: Option<(&Path, &Session)>) -> SaveStatus {
        let status = self.flush();
        let mut l = lock(&self.shared.latest);
        l.snapshot = current.map(|(p, s)| (p.to_path_buf(), s.clone()));
        l.saved = l.generation;
        l.error = None;
        status
    }

    /// Asks the saver thread to write now.
    pub fn request(&self) {
        let _ = self.wake.send(());
    }

    /// Saves on this thread, now, and says how it went.
    pub fn flush(&self) -> SaveStatus {
        self.shared.save_pending()
    }

    pub fn status(&self) -> SaveStatus {
        self.shared.status()
    }

    /// See [`Shared::rescue`].
    pub fn rescue(&self) -> Option<PathBuf> {
        self.shared.rescue()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{LifeDomain, PriceList};
    use std::time::{Duration, Instant};

    fn wait_for(a: &Autosave, want: &SaveStatus) {
        let start = Instant::now();
        while &a.status() != want && start.elapsed() < Duration::from_secs(5) {
            thread::sleep(Duration::from_millis(5));
        }
    }

    #[test]
    fn saves_the_newest_copy_off_thread_and_reports_failures() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.json");
        let mut s = Session::new(
            &crate::model::clock::test_clock(),
            vec![LifeDomain::new("wonen", "Wonen", "Housing")],
            PriceList::default(),
            vec![],
        );
        let a = Autosave::start(Lang::En, crate::model::clock::test_clock());
        a.switch_to(Some((&path, &s)));
        assert_eq!(a.status(), SaveStatus::Saved);
        s.preparation.project = "De Graasj".into();
        a.changed(&path, &s);
        assert_eq!(a.status(), SaveStatus::Pending);
        a.request();
        wait_for(&a, &SaveStatus::Saved);
        assert_eq!(
            store::load(&path).unwrap().session.preparation.project,
            "De Graasj"
        );

        // A folder that does not exist: the save fails, the status says so, nothing is lost.
        let bad = dir.path().join("missing/s.json");
        a.switch_to(Some((&bad, &s)));
        s.preparation.project = "Nog niet opgeslagen".into();
        a.changed(&bad, &s);
        assert!(matches!(a.flush(), SaveStatus::Failed(_)));
        std::fs::create_dir(dir.path().join("missing")).unwrap();
        assert_eq!(
            a.flush(),
            SaveStatus::Saved,
            "saving resumes when the folder is back"
        );
        assert_eq!(
            store::load(&bad).unwrap().session.preparation.project,
            "Nog niet opgeslagen"
        );
    }

    #[test]
    fn what_cannot_be_saved_is_rescued_to_the_next_place_that_takes_it() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let sessions = dir.path().join("data/sessions");
        std::fs::create_dir_all(&sessions).unwrap();
        let path = sessions.join("s.json");
        let mut s = Session::new(
            &crate::model::clock::test_clock(),
            vec![],
            PriceList::default(),
            vec![],
        );
        let a = Autosave::start(Lang::Nl, crate::model::clock::test_clock());
        a.switch_to(Some((&path, &s)));
        assert_eq!(a.rescue(), None, "nothing unsaved, nothing to rescue");
        s.preparation.project = "Nog niet opgeslagen".into();
        a.changed(&path, &s);
        // The sessions folder refuses writes (as a full disk would): the data folder takes it.
        std::fs::set_permissions(&sessions, std::fs::Permissions::from_mode(0o500)).unwrap();
        let is_root = std::fs::write(sessions.join("probe"), b"").is_ok();
        let rescued = a.rescue().expect("rescued somewhere");
        if !is_root {
            assert_eq!(rescued.parent(), Some(dir.path().join("data").as_path()));
        }
        std::fs::set_permissions(&sessions, std::fs::Permissions::from_mode(0o700)).unwrap();
        let back = store::load(&rescued).unwrap();
        assert_eq!(back.session.preparation.project, "Nog niet opgeslagen");
        assert_eq!(
            std::fs::metadata(&rescued).unwrap().permissions().mode() & 0o777,
            0o600
        );
    }

    #[test]
    fn a_rescue_copy_from_an_encrypted_library_is_encrypted_too() {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("data");
        let sessions = data.join("sessions");
        std::fs::create_dir_all(&sessions).unwrap();
        let anna = age::x25519::Identity::generate();
        store::vault::unlock(anna.clone());
        let (settings, key) = store::vault::settings::Settings::encrypted_by(
            ("anna", &anna),
            &[],
            chrono::NaiveDate::MIN,
        )
        .unwrap();
        settings.write(&data).unwrap();
        let path = sessions.join("s.json");
        let mut s = Session::new(
            &crate::model::clock::test_clock(),
            vec![],
            PriceList::default(),
            vec![],
        );
        let a = Autosave::start(Lang::Nl, crate::model::clock::test_clock());
        a.switch_to(Some((&path, &s)));
        s.preparation.project = "Geheim project".into();
        a.changed(&path, &s);
        let rescued = a.rescue().expect("rescued somewhere");
        let bytes = std::fs::read(&rescued).unwrap();
        assert!(store::vault::is_sealed(&bytes), "{}", rescued.display());
        let plain = store::vault::open_with(&key, &bytes).unwrap();
        assert!(String::from_utf8(plain).unwrap().contains("Geheim project"));
        std::fs::remove_file(&rescued).unwrap();

        // keys.json gone in a process that never saw it (a sync service that has not
        // delivered it), the session's own file encrypted: a plain copy may go to the
        // runtime folder only, never into the library.
        store::save_to(&path, &s).unwrap();
        assert!(store::vault::file_is_sealed(&path));
        std::fs::remove_file(store::vault::settings::settings_path(&data)).unwrap();
        store::vault::forget_settings_of(&data);
        s.preparation.project = "Nog geheimer".into();
        a.changed(&path, &s);
        if let Some(p) = a.rescue() {
            assert!(!p.starts_with(&data), "{}", p.display());
        }
        for e in std::fs::read_dir(&sessions).unwrap().flatten() {
            let text = String::from_utf8_lossy(&std::fs::read(e.path()).unwrap()).into_owned();
            assert!(!text.contains("Nog geheimer"), "{}", e.path().display());
        }
    }

    #[test]
    fn failures_are_explained_in_plain_words_in_both_languages() {
        let path = PathBuf::from("/data/sessions/x.json");
        let err = |code| SaveError::Io {
            path: path.clone(),
            source: std::io::Error::from_raw_os_error(code),
        };
        let full = explain(&err(28), Lang::Nl);
        assert!(full.what.starts_with("de schijf is vol"), "{full}");
        assert!(full.detail.contains("/data/sessions") && full.detail.contains("os error 28"));
        let shown = full.while_running(Lang::Nl);
        assert!(
            shown.find("elke 2 seconden") < shown.find("os error"),
            "the retry comes before the system's words: {shown}"
        );
        assert!(
            !full.to_string().contains("opnieuw"),
            "on exit no retry is promised: {full}"
        );
        for (code, lang, what) in [
            (30, Lang::En, "the folder is read-only"),
            (13, Lang::Nl, "geen toestemming"),
            (2, Lang::En, "the folder does not exist"),
            (5, Lang::En, "the file cannot be written"),
        ] {
            let f = explain(&err(code), lang);
            assert!(f.what.starts_with(what), "os error {code}: {f}");
        }
    }
}
