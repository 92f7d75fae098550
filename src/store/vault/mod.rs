//! Encryption at rest: a library in a synced folder can be encrypted, so that the sync
//! service (or whoever finds a laptop switched off) reads nothing of what was said at
//! the table.
//!
//! - The library has its own age key. Every file with personal data that tafel writes
//!   (a session, the index, the figures cache, an export or rescue copy in the library)
//!   goes through [`seal_in`] or [`seal_at`]: encrypted to that one key when the library
//!   is encrypted, unchanged otherwise. One key exchange per save, whatever the size of
//!   the team. Encryption happens in memory and only ciphertext is handed to the atomic
//!   writer, so no temporary file ever holds plain text.
//! - `keys.json` in the library names the members and holds the library's secret key
//!   wrapped for each of them, with a sign-off by the member who wrote it ([`settings`],
//!   [`signoff`]). A member unlocks their personal key once per start ([`keys`]), and
//!   with it the library key. What this laptop takes from keys.json, which anyone who
//!   can write the shared folder can change, is decided in [`trust`], against the keys
//!   confirmed on this laptop ([`confirmed`]).
//! - Every read goes through [`open`]: a file that starts with age's header is decrypted
//!   with the library keys this process checked, or the personal key (files of a
//!   library encrypted by an older tafel, to every member's key). Keys live in memory
//!   only.
//! - [`convert`] turns a library from plain to encrypted, to a new library key, and back,
//!   one file at a time.
//!
//! The format is age v1 with X25519 recipients: `age -d -i <library key> FILE` opens a
//! file without tafel (`tafel keys export-library` writes the key out).

pub mod confirmed;
pub mod convert;
pub mod keys;
pub mod settings;
pub mod signoff;
pub mod trust;
mod words;

use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError, RwLock};

use age::x25519::{Identity, Recipient};

use crate::i18n::Lang;
use crate::store::index::Stamp;

/// The first line of every age file.
pub const MAGIC: &[u8] = b"age-encryption.org/v1\n";

/// The extension an export gets when it is written encrypted, as the age tools name them.
pub const SEALED_EXTENSION: &str = "age";

/// Whether `bytes` are an age file.
pub fn is_sealed(bytes: &[u8]) -> bool {
    bytes.starts_with(MAGIC)
}

/// Why an encrypted file could not be opened, or a file could not be encrypted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum VaultError {
    /// The file is encrypted and no key was unlocked (a command that did not ask for the
    /// passphrase, or a file from another encrypted library).
    Locked,
    /// The file is encrypted, but not to the key unlocked here.
    NotForYou,
    /// Encrypted, but cut off or changed: it cannot be decrypted.
    Damaged(String),
    /// The library's `keys.json` cannot be read: nothing is written rather than written
    /// in plain text into a library that may be encrypted.
    Settings { path: PathBuf, reason: String },
    /// `keys.json` is missing while the library holds encrypted files (a sync service
    /// that has not delivered it yet): nothing is written, nothing converted.
    SettingsMissing { path: PathBuf },
    /// `keys.json` from a newer tafel, whose rules this one does not know.
    SettingsNewer { path: PathBuf, version: u32 },
    /// `keys.json` is not taken as it is (see [`trust`]) and the library holds encrypted
    /// files: nothing is written rather than written to keys nobody checked.
    Untrusted { path: PathBuf, why: trust::Distrust },
}

impl VaultError {
    pub fn explain(&self, lang: Lang) -> String {
        let t = &lang.texts().vault;
        match self {
            VaultError::Locked => t.locked.to_string(),
            VaultError::NotForYou => t.not_for_you.to_string(),
            VaultError::Damaged(why) => format!("{} [{why}]", t.damaged),
            VaultError::Settings { path, reason } => {
                format!("{} [{reason}]", (t.settings_unreadable)(&path.display()))
            }
            VaultError::SettingsMissing { path } => (t.settings_missing)(&path.display()),
            VaultError::SettingsNewer { path, version } => {
                (t.settings_newer)(&path.display(), version)
            }
            VaultError::Untrusted { path, why } => {
                format!(
                    "{} {}",
                    (t.untrusted)(&path.display()),
                    explain_distrust(why, lang)
                )
            }
        }
    }
}

/// Why keys.json was not taken, in words, with what to do.
pub fn explain_distrust(why: &trust::Distrust, lang: Lang) -> String {
    use trust::Distrust as D;
    let t = &lang.texts().vault;
    match why {
        D::NoKey => t.distrust_no_key.to_string(),
        D::NotForYou => t.distrust_not_for_you.to_string(),
        D::NotSigned => t.distrust_not_signed.to_string(),
        D::SignerUnconfirmed { name, key } => {
            (t.distrust_signer_unconfirmed)(name, &signoff::fingerprint(key))
        }
        D::SignerRemoved { name } => (t.distrust_signer_removed)(name),
        D::Retired => t.distrust_retired.to_string(),
        D::LegacySwitch => t.distrust_legacy_switch.to_string(),
        D::NoneConfirmed => t.distrust_none_confirmed.to_string(),
        D::PlainUnsigned => t.distrust_plain_unsigned.to_string(),
    }
}

/// A change of keys.json that was not taken, why, and what tafel does instead.
pub fn explain_ignored(ignored: &trust::Ignored, lang: Lang) -> String {
    let t = &lang.texts().vault;
    let why = explain_distrust(&ignored.why, lang);
    match ignored.kept {
        trust::Kept::Plain => (t.ignored_plain)(&why),
        trust::Kept::Earlier => (t.ignored_sealed)(&why),
        trust::Kept::Checked => (t.ignored_checked)(&why),
    }
}

impl std::fmt::Display for VaultError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.explain(Lang::En))
    }
}

impl std::error::Error for VaultError {}

impl From<VaultError> for io::Error {
    fn from(e: VaultError) -> io::Error {
        io::Error::other(e)
    }
}

/// The personal key of this process, once unlocked with its passphrase. (One in the
/// program; a test process may unlock several, one per test, side by side.)
static UNLOCKED: RwLock<Vec<Arc<Identity>>> = RwLock::new(Vec::new());

/// The library keys this process checked (newest first): every encrypted file is opened
/// with them, then with the personal key.
static KEYRING: RwLock<Vec<Arc<Identity>>> = RwLock::new(Vec::new());

/// The folder of the personal key, with the keys confirmed on this laptop.
static KEYS_DIR: RwLock<Option<PathBuf>> = RwLock::new(None);

/// Keeps `identity` in memory for this process: every encrypted file read from now on
/// is opened with it, and keys.json is checked with it.
pub fn unlock(identity: Identity) {
    let mut unlocked = UNLOCKED.write().unwrap_or_else(PoisonError::into_inner);
    let public = identity.to_public().to_string();
    if !unlocked.iter().any(|k| k.to_public().to_string() == public) {
        unlocked.push(Arc::new(identity));
    }
    drop(unlocked);
    // What could not be checked without a key is looked at again.
    SETTINGS
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .retain(|s| {
            s.ignored
                .as_ref()
                .is_none_or(|i| i.why != trust::Distrust::NoKey)
        });
}

/// Whether a personal key is unlocked in this process.
pub fn is_unlocked() -> bool {
    !UNLOCKED
        .read()
        .unwrap_or_else(PoisonError::into_inner)
        .is_empty()
}

fn unlocked() -> Option<Arc<Identity>> {
    UNLOCKED
        .read()
        .unwrap_or_else(PoisonError::into_inner)
        .first()
        .cloned()
}

/// The personal key `settings` are for: the unlocked key that is a member there, else
/// the first one unlocked.
fn unlocked_for(settings: &settings::Settings) -> Option<Arc<Identity>> {
    let unlocked = UNLOCKED.read().unwrap_or_else(PoisonError::into_inner);
    unlocked
        .iter()
        .find(|k| settings.member(&k.to_public().to_string()).is_some())
        .or(unlocked.first())
        .cloned()
}

/// The keys folder of this laptop, whose confirmed keys count from now on.
pub fn use_keys_dir(dir: &Path) {
    let mut current = KEYS_DIR.write().unwrap_or_else(PoisonError::into_inner);
    if current.as_deref() != Some(dir) {
        *current = Some(dir.to_path_buf());
        drop(current);
        forget_settings();
    }
}

/// The keys folder given with [`use_keys_dir`].
pub fn keys_dir() -> Option<PathBuf> {
    KEYS_DIR
        .read()
        .unwrap_or_else(PoisonError::into_inner)
        .clone()
}

/// The keys confirmed on this laptop. A list that cannot be read counts as empty: then
/// only the own key is trusted, never more.
pub fn confirmed() -> confirmed::Confirmed {
    keys_dir()
        .and_then(|d| confirmed::Confirmed::read(&d).ok())
        .unwrap_or_default()
}

/// Adds a checked library key to the keys files are opened with.
fn keep_library_key(key: &Arc<Identity>) {
    let mut ring = KEYRING.write().unwrap_or_else(PoisonError::into_inner);
    let public = key.to_public().to_string();
    ring.retain(|k| k.to_public().to_string() != public);
    ring.insert(0, key.clone());
}

/// Every key this process opens files with: the library keys, then the personal key.
fn identities() -> Vec<Arc<Identity>> {
    let mut all = KEYRING
        .read()
        .unwrap_or_else(PoisonError::into_inner)
        .clone();
    all.extend(
        UNLOCKED
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .iter()
            .cloned(),
    );
    all
}

/// The plain bytes of a file: decrypted with the keys of this process when it is
/// encrypted, as they are otherwise.
pub fn open(bytes: Vec<u8>) -> Result<Vec<u8>, VaultError> {
    if !is_sealed(&bytes) {
        return Ok(bytes);
    }
    let keys = identities();
    if keys.is_empty() {
        return Err(VaultError::Locked);
    }
    let mut plain = Vec::with_capacity(bytes.len());
    reader_with(&keys, &bytes[..])?
        .read_to_end(&mut plain)
        .map_err(|e| VaultError::Damaged(e.to_string()))?;
    Ok(plain)
}

/// Decrypts `sealed` with `identity`.
pub fn open_with(identity: &Identity, sealed: &[u8]) -> Result<Vec<u8>, VaultError> {
    let mut plain = Vec::with_capacity(sealed.len());
    reader_with(&[Arc::new(identity.clone())], sealed)?
        .read_to_end(&mut plain)
        .map_err(|e| VaultError::Damaged(e.to_string()))?;
    Ok(plain)
}

/// A reader of the plain text of an encrypted stream, decrypting as it goes (an index of
/// megabytes is never held whole).
pub fn reader<R: io::BufRead>(input: R) -> Result<age::stream::StreamReader<R>, VaultError> {
    let keys = identities();
    if keys.is_empty() {
        return Err(VaultError::Locked);
    }
    reader_with(&keys, input)
}

fn reader_with<R: io::BufRead>(
    identities: &[Arc<Identity>],
    input: R,
) -> Result<age::stream::StreamReader<R>, VaultError> {
    let decryptor = age::Decryptor::new_buffered(input).map_err(damaged)?;
    decryptor
        .decrypt(identities.iter().map(|k| k.as_ref() as &dyn age::Identity))
        .map_err(|e| match e {
            age::DecryptError::NoMatchingKeys => VaultError::NotForYou,
            other => damaged(other),
        })
}

/// How many X25519 recipient stanzas an age file's header holds (`None` for no age
/// file): one for a file encrypted to the library key. (age adds a random "grease"
/// stanza to some headers, which no key opens; it is not counted.)
pub fn stanzas(bytes: &[u8]) -> Option<usize> {
    const STANZA: &[u8] = b"-> X25519 ";
    let header = bytes.strip_prefix(MAGIC)?;
    let end = header
        .windows(4)
        .position(|w| w == b"\n---")
        .map_or(header.len(), |i| i + 1);
    let header = &header[..end];
    Some(
        usize::from(header.starts_with(STANZA))
            + header
                .windows(STANZA.len() + 1)
                .filter(|w| w[0] == b'\n' && &w[1..] == STANZA)
                .count(),
    )
}

/// Whether `bytes` are an age file for exactly one X25519 recipient, whose header `key`
/// opens:
/// a file already encrypted to the library key `key` (its content is not read).
pub fn sealed_to_only(bytes: &[u8], key: &Identity) -> bool {
    stanzas(bytes) == Some(1)
        && age::Decryptor::new_buffered(bytes).is_ok_and(|d| {
            d.decrypt(std::iter::once(key as &dyn age::Identity))
                .is_ok()
        })
}

/// A line reader of a file's plain text: through decryption when the file is encrypted
/// (peeked from its first bytes), straight from the file otherwise.
pub fn plain_reader(file: std::fs::File) -> Result<Box<dyn io::BufRead>, VaultError> {
    use io::BufRead;
    let mut buf = io::BufReader::with_capacity(64 * 1024, file);
    let head = buf.fill_buf().map_err(damaged)?;
    if head.starts_with(MAGIC) {
        Ok(Box::new(io::BufReader::with_capacity(
            64 * 1024,
            reader(buf)?,
        )))
    } else {
        Ok(Box::new(buf))
    }
}

fn damaged(e: impl std::fmt::Display) -> VaultError {
    VaultError::Damaged(e.to_string())
}

/// Encrypts `plain` to every one of `to` (in memory: the plain text never reaches the
/// disk).
pub fn seal(plain: &[u8], to: &[Recipient]) -> Result<Vec<u8>, VaultError> {
    encrypt(plain, to.iter().map(|r| r as &dyn age::Recipient), to.len())
}

/// Encrypts `plain` with a passphrase (the personal key's file).
pub(crate) fn seal_with_passphrase(
    plain: &[u8],
    to: &age::scrypt::Recipient,
) -> Result<Vec<u8>, VaultError> {
    encrypt(plain, std::iter::once(to as &dyn age::Recipient), 1)
}

/// An age file of `plain` for `recipients` (`count` of them), made in memory.
fn encrypt<'a>(
    plain: &[u8],
    recipients: impl Iterator<Item = &'a dyn age::Recipient>,
    count: usize,
) -> Result<Vec<u8>, VaultError> {
    let encryptor = age::Encryptor::with_recipients(recipients).map_err(damaged)?;
    // The header is about 90 bytes per key; the payload grows 16 bytes per 64 KiB.
    let mut out = Vec::with_capacity(plain.len() + plain.len() / 4096 + 200 + 100 * count);
    let mut writer = encryptor.wrap_output(&mut out).map_err(damaged)?;
    writer.write_all(plain).map_err(damaged)?;
    writer.finish().map_err(damaged)?;
    Ok(out)
}

/// The keys an encrypted library's files are encrypted to; `None` for a plain library.
pub type Sealing = Option<Arc<[Recipient]>>;

/// What this process took from a library's `keys.json`, with the stamp of the file it
/// was read from: a save costs one `stat` of it, and a change by another laptop is seen
/// at the next save.
struct Seen {
    root: PathBuf,
    stamp: Option<Stamp>,
    sealing: Sealing,
    /// The library key, checked (also while a `tafel decrypt` is not finished).
    library: Option<Arc<Identity>>,
    /// A change of keys.json that was not taken, and why (said on screen).
    ignored: Option<trust::Ignored>,
}

static SETTINGS: Mutex<Vec<Seen>> = Mutex::new(Vec::new());

/// Whether the library in `root` is encrypted, and to which key. An unreadable
/// `keys.json` is an error: the caller then writes nothing rather than plain text. So is
/// a `keys.json` this laptop does not take (see [`trust`]) in a library with encrypted
/// files, unless this process checked an earlier one: it then keeps to that.
pub fn sealing_of(root: &Path) -> Result<Sealing, VaultError> {
    seen(root, |s| s.sealing.clone())
}

/// The library key of `root`, as checked by this process: `None` when the library has
/// none, or this laptop does not take it (see [`ignored_change`]).
pub fn library_key(root: &Path) -> Result<Option<Arc<Identity>>, VaultError> {
    seen(root, |s| s.library.clone())
}

/// The change of `keys.json` in `root` that this process did not take, if any.
pub fn ignored_change(root: &Path) -> Option<trust::Ignored> {
    seen(root, |s| s.ignored.clone()).ok().flatten()
}

fn seen<T>(root: &Path, what: impl Fn(&Seen) -> T) -> Result<T, VaultError> {
    let path = settings::settings_path(root);
    let stamp = match std::fs::symlink_metadata(&path) {
        Ok(meta) => Some(Stamp::of(&meta)),
        Err(e) if e.kind() == io::ErrorKind::NotFound => None,
        Err(e) => {
            return Err(VaultError::Settings {
                path,
                reason: e.to_string(),
            });
        }
    };
    let mut cache = SETTINGS.lock().unwrap_or_else(PoisonError::into_inner);
    let before = cache.iter().position(|s| s.root == root);
    if let Some(s) = before.map(|i| &cache[i])
        && (s.stamp == stamp
            // Seen encrypted, then gone: a sync service that briefly removed keys.json,
            // or has not delivered it again yet. This process keeps encrypting to the
            // key it knows; only `tafel decrypt`, which says so in keys.json, makes a
            // library plain.
            || stamp.is_none() && s.sealing.is_some())
    {
        return Ok(what(s));
    }
    let verdict = match stamp {
        // No keys.json, and none seen by this process: plain, unless the library holds
        // encrypted files; then it is missing, not absent (not cached: it may come back).
        None if holds_sealed_files(root) => {
            return Err(VaultError::SettingsMissing { path });
        }
        None => trust::Verdict::Plain,
        Some(_) => {
            let settings = settings::Settings::read(root)?;
            let me = unlocked_for(&settings);
            let confirmed = confirmed();
            let verdict = trust::assess(&settings, me.as_deref(), &confirmed, &|| {
                holds_sealed_files(root)
            });
            if let trust::Verdict::Library {
                key, doubt: None, ..
            } = &verdict
            {
                learn(&settings, &key.to_public().to_string(), confirmed);
            }
            verdict
        }
    };
    let seen = match verdict {
        trust::Verdict::Plain => Seen {
            root: root.to_path_buf(),
            stamp,
            sealing: None,
            library: None,
            ignored: None,
        },
        trust::Verdict::Library {
            key,
            retired,
            encrypted,
            doubt,
        } => {
            for k in retired.iter().rev() {
                keep_library_key(k);
            }
            keep_library_key(&key);
            Seen {
                root: root.to_path_buf(),
                stamp,
                sealing: encrypted.then(|| Arc::from(vec![key.to_public()])),
                library: Some(key),
                ignored: doubt.map(|why| trust::Ignored {
                    why,
                    kept: trust::Kept::Checked,
                }),
            }
        }
        trust::Verdict::Legacy(to) => Seen {
            root: root.to_path_buf(),
            stamp,
            sealing: Some(Arc::from(to)),
            library: None,
            ignored: None,
        },
        trust::Verdict::Untrusted(why) => match before.map(|i| &cache[i]) {
            // Checked before by this process: it keeps to that, and says so.
            Some(s) => Seen {
                root: root.to_path_buf(),
                stamp,
                sealing: s.sealing.clone(),
                library: s.library.clone(),
                ignored: Some(trust::Ignored {
                    why,
                    kept: if s.sealing.is_some() {
                        trust::Kept::Earlier
                    } else {
                        trust::Kept::Plain
                    },
                }),
            },
            None if holds_sealed_files(root) => {
                return Err(VaultError::Untrusted { path, why });
            }
            // A plain library stays plain.
            None => Seen {
                root: root.to_path_buf(),
                stamp,
                sealing: None,
                library: None,
                ignored: Some(trust::Ignored {
                    why,
                    kept: trust::Kept::Plain,
                }),
            },
        },
    };
    let out = what(&seen);
    cache.retain(|s| s.root != root);
    cache.push(seen);
    Ok(out)
}

/// Remembers on this laptop what a checked keys.json says: its library key (checked),
/// members removed (their word no longer counts here) and library keys replaced (never
/// taken again).
fn learn(settings: &settings::Settings, library: &str, mut confirmed: confirmed::Confirmed) {
    let Some(dir) = keys_dir() else {
        return;
    };
    let mut news = confirmed.pin(library);
    for r in &settings.removed {
        // A member removed and later added again is a member.
        if settings.member(&r.key).is_none() {
            news |= confirmed.revoke(&r.name, &r.key, r.on);
        }
    }
    for r in &settings.retired {
        news |= confirmed.retire(&r.key);
    }
    if news {
        let _ = confirmed.write(&dir);
    }
}

/// What the members of the library in `root` should know about its keys on this
/// laptop, one sentence each, the loudest first: keys that changed, a keys.json not
/// taken, keys not confirmed here, members without the library key, an old scheme.
pub fn notice_lines(root: &Path, lang: Lang) -> Vec<String> {
    let t = &lang.texts().vault;
    let Ok(settings) = settings::Settings::read(root) else {
        return Vec::new();
    };
    let own = unlocked_public().map(|k| k.to_string()).or_else(|| {
        keys_dir()
            .and_then(|d| keys::own_public(&d).ok())
            .map(|k| k.to_string())
    });
    let n = trust::notices(&settings, own.as_deref(), &confirmed());
    let mut lines: Vec<String> = n
        .changed()
        .map(|u| (t.changed_key)(&u.name, &u.words))
        .collect();
    if let Some(ignored) = ignored_change(root) {
        lines.push(explain_ignored(&ignored, lang));
    }
    lines.extend(
        n.unconfirmed
            .iter()
            .filter(|u| u.was.is_none())
            .map(|u| (t.unconfirmed)(&u.name, &u.words)),
    );
    if !n.pending.is_empty() {
        lines.push((t.pending)(&n.pending.join(", ")));
    }
    if n.legacy {
        lines.push(t.legacy.to_string());
    }
    lines
}

/// Whether the file at `path` is there and encrypted (its first bytes only are read).
pub fn file_is_sealed(path: &Path) -> bool {
    let mut head = [0u8; MAGIC.len()];
    std::fs::File::open(path)
        .and_then(|mut f| f.read_exact(&mut head))
        .is_ok_and(|()| is_sealed(&head))
}

/// Whether the library in `root` holds encrypted files: its index, or else its first
/// session file, is looked at (the first bytes only).
pub fn holds_sealed_files(root: &Path) -> bool {
    let sessions = root.join("sessions");
    let index = crate::store::index::index_path(&sessions);
    if index.exists() {
        return file_is_sealed(&index);
    }
    library_files(&sessions, true)
        .iter()
        .take(8)
        .any(|p| file_is_sealed(p))
}

/// The files of one of the library's folders that hold personal data: in `sessions/`
/// and `trash/` the session files (`sessions_only`: copies included, `.json`), in
/// `exports/` every export. Hidden files are never counted: tafel's own caches, locks and
/// temporary files, and what a sync service keeps there while it transfers a file.
pub(crate) fn library_files(dir: &Path, sessions_only: bool) -> Vec<PathBuf> {
    let Ok(read) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = read
        .flatten()
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .map(|e| e.path())
        .filter(|p| {
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or(".");
            !(name.starts_with('.')
                || crate::store::lock::is_lock_name(name)
                || sessions_only && !name.ends_with(".json"))
        })
        .collect();
    files.sort();
    files
}

/// The personal key unlocked in this process.
pub fn unlocked_identity() -> Option<Arc<Identity>> {
    unlocked()
}

/// The public key of the key unlocked in this process.
pub fn unlocked_public() -> Option<Recipient> {
    unlocked().map(|k| k.to_public())
}

/// `plain`, encrypted when the library in `root` is encrypted.
pub fn seal_in(root: &Path, plain: Vec<u8>) -> Result<Vec<u8>, VaultError> {
    match sealing_of(root)? {
        Some(to) => seal(&plain, &to),
        None => Ok(plain),
    }
}

/// The library a file tafel writes belongs to: the data folder of a file in its
/// `sessions`, `trash` or `exports` folder.
pub fn root_of(path: &Path) -> Option<&Path> {
    let folder = path.parent()?;
    let name = folder.file_name()?;
    (name == "sessions" || name == "trash" || name == "exports")
        .then(|| folder.parent())
        .flatten()
        .map(|p| {
            if p.as_os_str().is_empty() {
                Path::new(".")
            } else {
                p
            }
        })
}

/// `plain`, encrypted when `path` lies in an encrypted library (see [`root_of`]).
pub fn seal_at(path: &Path, plain: Vec<u8>) -> Result<Vec<u8>, VaultError> {
    match root_of(path) {
        Some(root) => seal_in(root, plain),
        None => Ok(plain),
    }
}

/// The library a file at `path` would lie in, at any depth: the nearest folder above it
/// that has a `keys.json` and a `sessions` folder.
pub fn library_above(path: &Path) -> Option<PathBuf> {
    let parent = path.parent().filter(|p| !p.as_os_str().is_empty())?;
    let parent = std::fs::canonicalize(parent).ok()?;
    parent
        .ancestors()
        .find(|a| settings::settings_path(a).exists() && a.join("sessions").is_dir())
        .map(Path::to_path_buf)
}

/// Writes a file the user asked for (`-o`): encrypted when it lands inside an encrypted
/// library (a synced folder), with `.age` added to its name as the age tools name it; as
/// is elsewhere, where the user put it to print or share. Returns where it went.
pub fn write_output(path: &Path, bytes: &[u8]) -> io::Result<PathBuf> {
    let (target, bytes) = output_for(path, bytes)?;
    crate::store::atomic::write_atomic(&target, &bytes)?;
    Ok(target)
}

/// Where a file the user asked for (`-o`) goes and what it holds (see [`write_output`]):
/// `path` as given, or inside an encrypted library `path` with `.age` and the bytes
/// encrypted.
pub fn output_for(path: &Path, bytes: &[u8]) -> io::Result<(PathBuf, Vec<u8>)> {
    if path.is_dir() {
        return Err(io::Error::new(
            io::ErrorKind::IsADirectory,
            format!("{} is a folder; give a file name", path.display()),
        ));
    }
    let sealing = match library_above(path) {
        Some(root) => sealing_of(&root)?,
        None => None,
    };
    Ok(match sealing {
        Some(to) => {
            let target = if path.extension().is_some_and(|e| e == SEALED_EXTENSION) {
                path.to_path_buf()
            } else {
                with_sealed_extension(path)
            };
            (target, seal(bytes, &to)?)
        }
        None => (path.to_path_buf(), bytes.to_vec()),
    })
}

/// `path` with `.age` added to its name, as the age tools name an encrypted file.
pub fn with_sealed_extension(path: &Path) -> PathBuf {
    let mut name = path.as_os_str().to_os_string();
    name.push(".");
    name.push(SEALED_EXTENSION);
    PathBuf::from(name)
}

/// Whether files written in the library in `root` are encrypted (`false` when its
/// `keys.json` cannot be read; writing then fails, see [`sealing_of`]).
pub fn is_encrypted(root: &Path) -> bool {
    matches!(sealing_of(root), Ok(Some(_)))
}

/// Forgets what [`sealing_of`] took from the `keys.json` of `root` (this process just
/// wrote it: a stamp has whole seconds on some file systems).
pub fn forget_settings_of(root: &Path) {
    SETTINGS
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .retain(|s| s.root != root);
}

/// The cache of [`sealing_of`] for every library, for tests that change `keys.json`
/// within one second (a stamp has whole seconds on some file systems).
pub fn forget_settings() {
    SETTINGS
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .clear();
}

/// The session files in `sessions/` and `trash/` of the library in `root` that are not
/// encrypted (only their first bytes are read): in an encrypted library, files an
/// interrupted `tafel encrypt` or an older tafel left, which `tafel encrypt` finishes.
pub fn plain_session_files(root: &Path) -> Vec<PathBuf> {
    ["sessions", "trash"]
        .into_iter()
        .flat_map(|folder| library_files(&root.join(folder), true))
        .filter(|p| !file_is_sealed(p))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_sealed_to_two_keys_opens_with_either_and_with_no_other() {
        let (a, b, c) = (
            Identity::generate(),
            Identity::generate(),
            Identity::generate(),
        );
        let plain = "Ruud: \"Ik ben weer iemand.\"".as_bytes();
        let sealed = seal(plain, &[a.to_public(), b.to_public()]).unwrap();
        assert!(is_sealed(&sealed));
        assert!(!sealed.windows(4).any(|w| w == b"Ruud"), "no plain text");
        assert_eq!(open_with(&a, &sealed).unwrap(), plain);
        assert_eq!(open_with(&b, &sealed).unwrap(), plain);
        assert_eq!(open_with(&c, &sealed), Err(VaultError::NotForYou));
        // Cut off or changed: damaged, never half a text.
        let cut = &sealed[..sealed.len() - 5];
        assert!(matches!(open_with(&a, cut), Err(VaultError::Damaged(_))));
        let mut flipped = sealed.clone();
        let last = flipped.len() - 1;
        flipped[last] ^= 1;
        assert!(matches!(
            open_with(&a, &flipped),
            Err(VaultError::Damaged(_))
        ));
    }

    /// A library encrypted by a new member (unlocked in this process), in a fresh folder.
    fn encrypted_library() -> (tempfile::TempDir, crate::store::Library, settings::Settings) {
        let dir = tempfile::tempdir().unwrap();
        let lib = crate::store::Library::open(dir.path()).unwrap();
        let anna = Identity::generate();
        unlock(anna.clone());
        let (settings, _) =
            settings::Settings::encrypted_by(("anna", &anna), &[], chrono::NaiveDate::MIN).unwrap();
        settings.write(dir.path()).unwrap();
        (dir, lib, settings)
    }

    #[test]
    fn an_encrypted_session_is_never_saved_over_in_plain_text_when_keys_json_is_gone() {
        let (dir, lib, _) = encrypted_library();
        let mut s = crate::model::Session::new(
            &crate::model::clock::test_clock(),
            vec![],
            crate::model::costs::PriceList::default(),
            vec![],
        );
        let path = lib.save(&s).unwrap();
        assert!(is_sealed(&std::fs::read(&path).unwrap()));
        std::fs::remove_file(settings::settings_path(dir.path())).unwrap();
        forget_settings_of(dir.path());
        s.preparation.project = "Geheim".into();
        let err = lib.save(&s).unwrap_err().to_string();
        assert!(err.contains("keys.json"), "{err}");
        let on_disk = std::fs::read(&path).unwrap();
        assert!(is_sealed(&on_disk), "left as it was");
    }

    #[test]
    fn a_library_seen_encrypted_stays_encrypted_while_keys_json_is_away() {
        let (dir, lib, mut settings) = encrypted_library();
        assert!(is_encrypted(dir.path()));
        // A sync service takes keys.json away for a moment: a new session, the index
        // and an export written meanwhile are encrypted all the same.
        let kept = dir.path().join("kept.json");
        std::fs::rename(settings::settings_path(dir.path()), &kept).unwrap();
        let s = crate::model::Session::new(
            &crate::model::clock::test_clock(),
            vec![],
            crate::model::costs::PriceList::default(),
            vec![],
        );
        let path = lib.save(&s).unwrap();
        assert!(is_sealed(&std::fs::read(&path).unwrap()));
        lib.scan().unwrap();
        let index = crate::store::index::index_path(&lib.sessions_dir());
        assert!(is_sealed(&std::fs::read(index).unwrap()));
        // Made plain on purpose (`tafel decrypt` says so in keys.json, signed): plain
        // again.
        std::fs::rename(&kept, settings::settings_path(dir.path())).unwrap();
        let anna = unlocked_for(&settings).unwrap();
        settings.encrypted = false;
        settings.sign(&anna);
        settings.write(dir.path()).unwrap();
        assert!(!is_encrypted(dir.path()));
    }

    #[test]
    fn a_file_for_one_key_has_one_x25519_stanza_and_one_for_two_has_two() {
        let (a, b) = (Identity::generate(), Identity::generate());
        for _ in 0..20 {
            let one = seal(b"x", &[a.to_public()]).unwrap();
            assert_eq!(stanzas(&one), Some(1));
            assert!(sealed_to_only(&one, &a) && !sealed_to_only(&one, &b));
            let two = seal(b"x", &[a.to_public(), b.to_public()]).unwrap();
            assert_eq!(stanzas(&two), Some(2));
            assert!(!sealed_to_only(&two, &a));
        }
        assert_eq!(stanzas(b"{}"), None);
    }

    #[test]
    fn plain_bytes_pass_through_open_unchanged() {
        assert_eq!(open(b"{}".to_vec()).unwrap(), b"{}");
    }

    #[test]
    fn the_library_of_a_file_is_the_folder_above_its_own() {
        assert_eq!(
            root_of(Path::new("/d/sessions/x.json")),
            Some(Path::new("/d"))
        );
        assert_eq!(root_of(Path::new("/d/trash/x.json")), Some(Path::new("/d")));
        assert_eq!(
            root_of(Path::new("/d/exports/r.html")),
            Some(Path::new("/d"))
        );
        assert_eq!(root_of(Path::new("/tmp/r.html")), None);
        assert_eq!(root_of(Path::new("sessions/x.json")), Some(Path::new(".")));
    }

    #[test]
    fn an_unreadable_keys_file_stops_every_write_in_that_library() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("sessions")).unwrap();
        let target = dir.path().join("sessions").join("x.json");
        assert_eq!(seal_at(&target, b"plain".to_vec()).unwrap(), b"plain");
        std::fs::write(settings::settings_path(dir.path()), "{ broken").unwrap();
        forget_settings_of(dir.path());
        assert!(matches!(
            seal_at(&target, b"plain".to_vec()),
            Err(VaultError::Settings { .. })
        ));
    }
}
