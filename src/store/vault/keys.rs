//! The personal key of this laptop's user, kept outside the library (the team's keys are
//! in `keys.json`, see [`super::settings`]).
//!
//! The personal key is an age X25519 identity, itself encrypted with a passphrase
//! (scrypt), in `<keys dir>/identity.age`; its public key is beside it in
//! `identity.pub`. The keys folder is the local data folder's `keys/` (never the synced
//! library), `--keys-dir` or `TAFEL_KEYS_DIR`. A lost passphrase means the key, and every
//! file encrypted to it alone, is lost: there is no way back by design.

use std::fs;
use std::io::{self, Read};
use std::path::{Path, PathBuf};
use std::str::FromStr;

use age::secrecy::{ExposeSecret, SecretString};
use age::x25519::{Identity, Recipient};

use crate::i18n::Lang;
use crate::store::atomic::write_atomic;
use crate::store::paths;

/// The personal key (encrypted with the passphrase) and its public half.
pub const IDENTITY_NAME: &str = "identity.age";
pub const PUBLIC_NAME: &str = "identity.pub";
/// Environment variable that overrides the keys folder (after `--keys-dir`).
pub const KEYS_DIR_ENV: &str = "TAFEL_KEYS_DIR";

/// Whether a passphrase will do for a new key: at least 12 characters, or 4 words.
/// Spaces around it do not count.
pub fn strong_enough(passphrase: &str) -> bool {
    let p = passphrase.trim();
    p.chars().count() >= 12 || p.split_whitespace().count() >= 4
}

/// The platform's own keys folder (`~/.local/share/tafel/keys` on Linux).
pub fn default_keys_dir() -> Option<PathBuf> {
    directories::ProjectDirs::from("nl", "", "tafel").map(|d| d.data_local_dir().join("keys"))
}

/// The library a keys folder would lie in: `dir` itself or a folder above it that holds
/// a `keys.json`, or a `sessions/` folder with session files or an index in it, or
/// `data_dir` (the library of this run). A keys folder there could be copied by a sync
/// service with the library, and the keys confirmed there changed by anyone who can
/// write the shared folder. The platform's own keys folder, beside the platform's own
/// data folder, is a local folder by design and does not count.
pub fn library_around(dir: &Path, data_dir: Option<&Path>) -> Option<PathBuf> {
    let absolute = |p: &Path| -> PathBuf {
        // The deepest part that exists, with its links resolved; the rest as given.
        let p = std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
        let mut missing = Vec::new();
        let mut here = p.as_path();
        loop {
            if let Ok(real) = fs::canonicalize(here) {
                return missing.iter().rev().fold(real, |acc, part| acc.join(part));
            }
            match (here.parent(), here.file_name()) {
                (Some(parent), Some(name)) => {
                    missing.push(name.to_os_string());
                    here = parent;
                }
                _ => return p,
            }
        }
    };
    let dir = absolute(dir);
    if default_keys_dir().is_some_and(|d| absolute(&d) == dir) {
        return None;
    }
    if let Some(data) = data_dir.map(absolute)
        && dir.starts_with(&data)
    {
        return Some(data);
    }
    dir.ancestors()
        .find(|a| {
            a.join(super::settings::SETTINGS_NAME).is_file()
                || fs::read_dir(a.join("sessions")).is_ok_and(|mut entries| {
                    entries.any(|e| {
                        e.is_ok_and(|e| {
                            let name = e.file_name();
                            let name = name.to_string_lossy();
                            name.ends_with(".json") || name == crate::store::index::INDEX_NAME
                        })
                    })
                })
        })
        .map(Path::to_path_buf)
}

/// How long a passphrase file may take to give its line (a pipe whose writer is slow,
/// or a FIFO nobody writes to) before tafel gives up with a message.
pub const PASSPHRASE_WAIT: std::time::Duration = std::time::Duration::from_secs(10);

/// The first line of a passphrase file (at most 64 KiB are read), opened without
/// blocking: a regular file is read at once; a pipe, a FIFO or a terminal is read as its
/// writer gives it, for at most `wait`. `Ok(None)` when nothing came in that time.
pub fn read_passphrase_file(path: &Path, wait: std::time::Duration) -> io::Result<Option<Vec<u8>>> {
    use rustix::event::{PollFd, PollFlags, Timespec, poll};
    use std::os::unix::fs::OpenOptionsExt;
    const MAX: usize = 64 * 1024;
    let mut f = fs::OpenOptions::new()
        .read(true)
        .custom_flags((rustix::fs::OFlags::NONBLOCK | rustix::fs::OFlags::CLOEXEC).bits() as i32)
        .open(path)?;
    let mut out = Vec::new();
    if f.metadata()?.is_file() {
        f.take(MAX as u64).read_to_end(&mut out)?;
        return Ok(Some(out));
    }
    let deadline = std::time::Instant::now() + wait;
    let mut buf = [0u8; 4096];
    let mut hung_up = false;
    loop {
        match f.read(&mut buf) {
            Ok(0) if !out.is_empty() || hung_up => return Ok(Some(out)),
            Ok(n) if n > 0 => {
                out.extend_from_slice(&buf[..n]);
                if out.contains(&b'\n') || out.len() >= MAX {
                    out.truncate(MAX);
                    return Ok(Some(out));
                }
            }
            // Nothing yet: no writer (a FIFO), or one that has not written.
            Ok(_) => {}
            Err(e) if e.kind() == io::ErrorKind::WouldBlock => {}
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        }
        let left = deadline.saturating_duration_since(std::time::Instant::now());
        if left.is_zero() {
            return Ok(None);
        }
        let mut fds = [PollFd::new(&f, PollFlags::IN)];
        let timeout = Timespec {
            tv_sec: left.as_secs().try_into().unwrap_or(i64::MAX),
            tv_nsec: left.subsec_nanos().into(),
        };
        match poll(&mut fds, Some(&timeout)) {
            Ok(_) => hung_up |= fds[0].revents().contains(PollFlags::HUP),
            Err(rustix::io::Errno::INTR) => {}
            Err(e) => return Err(e.into()),
        }
    }
}

/// Where the personal key lives: `--keys-dir`, else `TAFEL_KEYS_DIR`, else `keys/` in
/// the platform's local data folder (`~/.local/share/tafel/keys` on Linux), which a
/// synced library given with `--data-dir` is not.
pub fn resolve_keys_dir(flag: Option<&Path>) -> Option<PathBuf> {
    if let Some(p) = flag {
        return Some(p.to_path_buf());
    }
    if let Some(p) = std::env::var_os(KEYS_DIR_ENV).filter(|v| !v.is_empty()) {
        return Some(PathBuf::from(p));
    }
    default_keys_dir()
}

/// Why the personal key could not be made or unlocked.
#[derive(Debug)]
pub enum KeyError {
    /// No personal key on this laptop yet.
    Missing(PathBuf),
    /// `keys init` would overwrite a key (and lose every file encrypted to it).
    Exists(PathBuf),
    WrongPassphrase,
    EmptyPassphrase,
    /// Under 12 characters and under 4 words: too easy to guess for a key that guards
    /// the whole library.
    WeakPassphrase,
    Damaged(PathBuf, String),
    Io(PathBuf, io::Error),
}

impl KeyError {
    pub fn explain(&self, lang: Lang) -> String {
        let t = &lang.texts().vault;
        match self {
            KeyError::Missing(p) => (t.no_key)(&p.display()),
            KeyError::Exists(p) => (t.key_exists)(&p.display()),
            KeyError::WrongPassphrase => t.wrong_passphrase.to_string(),
            KeyError::EmptyPassphrase => t.empty_passphrase.to_string(),
            KeyError::WeakPassphrase => t.weak_passphrase.to_string(),
            KeyError::Damaged(p, why) => format!("{} [{why}]", (t.key_damaged)(&p.display())),
            KeyError::Io(p, e) => format!("{}: [{e}]", p.display()),
        }
    }
}

/// The scrypt work factor for a new key: age's own choice (about a second on this
/// machine), or in tests (debug builds, or the `hooks` feature) `TAFEL_TEST_SCRYPT_LOG_N`,
/// so a test suite does not spend seconds per start.
fn work_factor() -> Option<u8> {
    if cfg!(test) {
        return Some(10);
    }
    #[cfg(any(debug_assertions, feature = "hooks"))]
    if let Some(n) = std::env::var("TAFEL_TEST_SCRYPT_LOG_N")
        .ok()
        .and_then(|v| v.parse::<u8>().ok())
        .filter(|n| (1..=22).contains(n))
    {
        return Some(n);
    }
    None
}

/// Makes a personal key in `dir`, encrypted with `passphrase`, and returns its public
/// key. An existing key is never replaced.
pub fn init(dir: &Path, passphrase: &SecretString) -> Result<Recipient, KeyError> {
    if passphrase.expose_secret().trim().is_empty() {
        return Err(KeyError::EmptyPassphrase);
    }
    if !strong_enough(passphrase.expose_secret()) {
        return Err(KeyError::WeakPassphrase);
    }
    let io = |p: &Path| {
        let p = p.to_path_buf();
        move |e: io::Error| KeyError::Io(p, e)
    };
    paths::ensure_private_dir(dir, true).map_err(|e| KeyError::Io(dir.into(), e.into()))?;
    let secret_path = dir.join(IDENTITY_NAME);
    if fs::symlink_metadata(&secret_path).is_ok() {
        return Err(KeyError::Exists(secret_path));
    }
    let identity = Identity::generate();
    let public = identity.to_public();
    // The real time, as age-keygen writes it.
    let created = crate::model::Clock::system()
        .now()
        .format("%Y-%m-%dT%H:%M:%S%:z");
    // The format of `age-keygen`, so `age -d -i identity.age` reads it too.
    let text = SecretString::from(format!(
        "# created: {created}\n# public key: {public}\n{}\n",
        identity.to_string().expose_secret()
    ));
    let mut scrypt = age::scrypt::Recipient::new(passphrase.clone());
    if let Some(n) = work_factor() {
        scrypt.set_work_factor(n);
    }
    let sealed = super::seal_with_passphrase(text.expose_secret().as_bytes(), &scrypt)
        .map_err(|e| KeyError::Damaged(secret_path.clone(), e.to_string()))?;
    // The public half first: a kill between the two leaves no secret without it.
    let public_path = dir.join(PUBLIC_NAME);
    write_atomic(&public_path, format!("{public}\n").as_bytes()).map_err(io(&public_path))?;
    write_atomic(&secret_path, &sealed).map_err(io(&secret_path))?;
    Ok(public)
}

/// The public half of the personal key in `dir`, if there is one.
pub fn own_public(dir: &Path) -> Result<Recipient, KeyError> {
    let path = dir.join(PUBLIC_NAME);
    let text = match crate::store::read_raw(&path) {
        Ok((_, bytes)) => String::from_utf8_lossy(&bytes).into_owned(),
        Err(crate::store::LoadError::Io { source, .. })
            if source.kind() == io::ErrorKind::NotFound =>
        {
            return Err(KeyError::Missing(dir.join(IDENTITY_NAME)));
        }
        Err(e) => return Err(KeyError::Damaged(path, e.reason())),
    };
    Recipient::from_str(text.trim()).map_err(|e| KeyError::Damaged(path, e.to_string()))
}

/// Unlocks the personal key in `dir` with `passphrase`. Nothing is written.
pub fn unlock(dir: &Path, passphrase: &SecretString) -> Result<Identity, KeyError> {
    let path = dir.join(IDENTITY_NAME);
    let sealed = match crate::store::read_raw(&path) {
        Ok((_, bytes)) => bytes,
        Err(crate::store::LoadError::Io { source, .. })
            if source.kind() == io::ErrorKind::NotFound =>
        {
            return Err(KeyError::Missing(path));
        }
        Err(e) => return Err(KeyError::Damaged(path, e.reason())),
    };
    let damaged = |why: String| KeyError::Damaged(path.clone(), why);
    let decryptor =
        age::Decryptor::new_buffered(&sealed[..]).map_err(|e| damaged(e.to_string()))?;
    if !decryptor.is_scrypt() {
        return Err(damaged("not protected by a passphrase".into()));
    }
    let scrypt = age::scrypt::Identity::new(passphrase.clone());
    let mut text = String::new();
    decryptor
        .decrypt(std::iter::once(&scrypt as &dyn age::Identity))
        .map_err(|e| match e {
            age::DecryptError::DecryptionFailed
            | age::DecryptError::KeyDecryptionFailed
            | age::DecryptError::NoMatchingKeys => KeyError::WrongPassphrase,
            other => damaged(other.to_string()),
        })?
        .read_to_string(&mut text)
        .map_err(|e| damaged(e.to_string()))?;
    let text = SecretString::from(text);
    text.expose_secret()
        .lines()
        .map(str::trim)
        .find(|l| l.starts_with("AGE-SECRET-KEY-1"))
        .and_then(|l| Identity::from_str(l).ok())
        .ok_or_else(|| damaged("no key in the file".into()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    fn pass(s: &str) -> SecretString {
        SecretString::from(s.to_string())
    }

    #[test]
    fn a_key_opens_with_its_passphrase_only_and_is_never_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let keys = dir.path().join("keys");
        let public = init(&keys, &pass("correct horse")).unwrap();
        assert_eq!(own_public(&keys).unwrap(), public);
        let secret = fs::read(keys.join(IDENTITY_NAME)).unwrap();
        assert!(super::super::is_sealed(&secret));
        assert!(!String::from_utf8_lossy(&secret).contains("AGE-SECRET-KEY"));
        assert!(matches!(
            unlock(&keys, &pass("wrong")),
            Err(KeyError::WrongPassphrase)
        ));
        let identity = unlock(&keys, &pass("correct horse")).unwrap();
        assert_eq!(identity.to_public(), public);
        assert!(matches!(
            init(&keys, &pass("another sentence")),
            Err(KeyError::Exists(_))
        ));
        assert_eq!(fs::read(keys.join(IDENTITY_NAME)).unwrap(), secret);
        assert!(matches!(
            init(&dir.path().join("k2"), &pass("")),
            Err(KeyError::EmptyPassphrase)
        ));
        for weak in ["x", " ", "           x ", "kat zit op", "elf tekens!"] {
            assert!(
                matches!(
                    init(&dir.path().join("k3"), &pass(weak)),
                    Err(KeyError::WeakPassphrase | KeyError::EmptyPassphrase)
                ),
                "{weak:?}"
            );
        }
        assert!(!dir.path().join("k3").join(IDENTITY_NAME).exists());
        assert!(strong_enough("twaalf teken") && strong_enough("a b c d"));
        let mode = fs::metadata(keys.join(IDENTITY_NAME))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
    }

    #[test]
    fn a_keys_folder_in_a_library_is_found_and_one_beside_it_is_not() {
        let dir = tempfile::tempdir().unwrap();
        let lib = dir.path().join("team");
        fs::create_dir_all(lib.join("sessions")).unwrap();
        fs::write(lib.join("sessions").join("x.json"), "{}").unwrap();
        let inside = lib.join("sessions").join("keys");
        assert_eq!(
            library_around(&inside, None),
            Some(fs::canonicalize(&lib).unwrap())
        );
        assert!(
            library_around(&lib.join("a").join("b"), None).is_some(),
            "deeper, not made yet"
        );
        assert!(library_around(&dir.path().join("mine"), None).is_none());
        // A folder with keys.json counts, however empty otherwise.
        let other = dir.path().join("other");
        fs::create_dir_all(&other).unwrap();
        fs::write(other.join("keys.json"), "{}").unwrap();
        assert!(library_around(&other.join("k"), None).is_some());
        // Inside the data folder of this run, even before it holds anything.
        let fresh = dir.path().join("fresh");
        assert!(library_around(&fresh.join("keys"), Some(&fresh)).is_some());
    }

    #[test]
    fn a_fifo_nobody_writes_to_is_given_up_on_and_a_pipe_is_read() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("fifo");
        assert!(
            std::process::Command::new("mkfifo")
                .arg(&fifo)
                .status()
                .unwrap()
                .success()
        );
        let waited = std::time::Instant::now();
        let got = read_passphrase_file(&fifo, std::time::Duration::from_millis(300)).unwrap();
        assert_eq!(got, None);
        assert!(waited.elapsed() >= std::time::Duration::from_millis(300));
        // A writer that comes later is waited for.
        let writer = {
            let fifo = fifo.clone();
            std::thread::spawn(move || fs::write(fifo, "de zin van een pijp\n").unwrap())
        };
        let got = read_passphrase_file(&fifo, std::time::Duration::from_secs(30)).unwrap();
        writer.join().unwrap();
        assert_eq!(got.as_deref(), Some(&b"de zin van een pijp\n"[..]));
        let file = dir.path().join("pass");
        fs::write(&file, "regel een\nregel twee\n").unwrap();
        let got = read_passphrase_file(&file, std::time::Duration::ZERO).unwrap();
        assert_eq!(got.as_deref(), Some(&b"regel een\nregel twee\n"[..]));
    }
}
