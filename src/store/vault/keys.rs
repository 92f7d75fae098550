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
    directories::ProjectDirs::from("nl", "", "tafel").map(|d| d.data_local_dir().join("keys"))
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
    if passphrase.expose_secret().is_empty() {
        return Err(KeyError::EmptyPassphrase);
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
            init(&keys, &pass("another")),
            Err(KeyError::Exists(_))
        ));
        assert_eq!(fs::read(keys.join(IDENTITY_NAME)).unwrap(), secret);
        assert!(matches!(
            init(&dir.path().join("k2"), &pass("")),
            Err(KeyError::EmptyPassphrase)
        ));
        let mode = fs::metadata(keys.join(IDENTITY_NAME))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
    }
}
