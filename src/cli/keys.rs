//! `tafel keys init|add|list|remove`, `tafel encrypt`, `tafel decrypt`, and unlocking the
//! personal key when a command opens an encrypted library (the passphrase is asked once,
//! on the terminal with echo off, or read from `--passphrase-file`).

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::str::FromStr;

use age::secrecy::{ExposeSecret, SecretString};
use age::x25519::Recipient;

use super::{CmdResult, Failure};
use crate::i18n::Lang;
use crate::store::Library;
use crate::store::vault::{self, convert, keys, settings};

/// Where the personal key is, and how its passphrase is given.
#[derive(Debug, Clone, Default)]
pub struct KeyAccess {
    pub keys_dir: Option<PathBuf>,
    pub passphrase_file: Option<PathBuf>,
}

#[derive(clap::Subcommand, Debug)]
pub enum KeysCommand {
    /// Make your personal key (asks for a passphrase; a lost passphrase is lost data).
    Init,
    /// Add a team member's public key (age1...); an encrypted library is encrypted again
    /// so they can open every file.
    Add {
        /// Their public key (age1...), as `keys init` printed it for them.
        public_key: String,
        /// A name to know them by.
        #[arg(long)]
        name: String,
    },
    /// The keys the library is encrypted to.
    List,
    /// Remove a member (by name or key); an encrypted library is encrypted again without
    /// them.
    Remove {
        /// Their name or public key.
        member: String,
    },
}

impl KeyAccess {
    fn dir(&self, lang: Lang) -> Result<PathBuf, Failure> {
        keys::resolve_keys_dir(self.keys_dir.as_deref())
            .ok_or_else(|| Failure(lang.texts().cli_no_home.into()))
    }

    /// The passphrase: the first line of `--passphrase-file`, or asked on the terminal.
    fn passphrase(&self, prompt: &str, lang: Lang) -> Result<SecretString, Failure> {
        if let Some(file) = &self.passphrase_file {
            // A path the user gives, like `-o`: `/dev/stdin` and `<(pass show x)` work too.
            use std::io::Read;
            let t = &lang.texts().vault;
            let mut bytes = Vec::new();
            std::fs::File::open(file)
                .and_then(|f| f.take(64 * 1024).read_to_end(&mut bytes))
                .map_err(|e| Failure(format!("{} [{e}]", (t.passphrase_file)(&file.display()))))?;
            // Not text: two different files would give one passphrase, which `age`
            // itself would not accept.
            let text = String::from_utf8(bytes).map_err(|_| {
                Failure(format!(
                    "{} [not UTF-8]",
                    (t.passphrase_file)(&file.display())
                ))
            })?;
            let line = text.lines().next().unwrap_or("");
            return Ok(SecretString::from(line.to_string()));
        }
        rpassword::prompt_password(prompt)
            .map(SecretString::from)
            .map_err(|_| Failure(lang.texts().vault.no_terminal.into()))
    }

    /// Unlocks the personal key for this process (once).
    pub fn unlock(&self, lang: Lang) -> Result<(), Failure> {
        if vault::is_unlocked() {
            return Ok(());
        }
        let dir = self.dir(lang)?;
        // No key at all: say so before asking for a passphrase that opens nothing.
        let secret = dir.join(keys::IDENTITY_NAME);
        if !secret.exists() {
            return Err(Failure(keys::KeyError::Missing(secret).explain(lang)));
        }
        let passphrase = self.passphrase(lang.texts().vault.prompt, lang)?;
        let identity = keys::unlock(&dir, &passphrase).map_err(|e| Failure(e.explain(lang)))?;
        vault::unlock(identity);
        Ok(())
    }

    /// Unlocks the key when the library in `lib` is encrypted (before anything is read).
    /// Also when the library lists keys and a passphrase file is given: a library made
    /// plain by a `tafel decrypt` that was stopped halfway still holds encrypted files.
    pub fn unlock_for(&self, lib: &Library, lang: Lang) -> Result<(), Failure> {
        let settings =
            settings::Settings::read(lib.root()).map_err(|e| Failure(e.explain(lang)))?;
        // Remembered for this process: should keys.json go away while it runs, it keeps
        // encrypting (see `vault::sealing_of`).
        vault::sealing_of(lib.root()).map_err(|e| Failure(e.explain(lang)))?;
        if settings.encrypted
            || settings.unfinished
            || !settings.recipients.is_empty() && self.passphrase_file.is_some()
        {
            self.unlock(lang)?;
        }
        Ok(())
    }
}

pub fn run_keys(
    command: KeysCommand,
    access: &KeyAccess,
    library: &dyn Fn() -> Result<Library, Failure>,
    lang: Lang,
    today: chrono::NaiveDate,
) -> CmdResult {
    let t = &lang.texts().vault;
    match command {
        KeysCommand::Init => {
            let dir = access.dir(lang)?;
            let secret = dir.join(keys::IDENTITY_NAME);
            if secret.exists() {
                // Run again to see the public key: it says it.
                let mut message = keys::KeyError::Exists(secret).explain(lang);
                if let Ok(public) = keys::own_public(&dir) {
                    message = format!("{message}. {}", (t.your_public)(&public));
                }
                return Err(Failure(message));
            }
            if access.passphrase_file.is_none() {
                errln!("{}", t.lost_warning);
            }
            let first = access.passphrase(t.prompt_new, lang)?;
            if first.expose_secret().chars().any(char::is_control) {
                return Err(Failure(t.control_in_passphrase.into()));
            }
            if access.passphrase_file.is_none() {
                let again = access.passphrase(t.prompt_again, lang)?;
                if again.expose_secret() != first.expose_secret() {
                    return Err(Failure(t.mismatch.into()));
                }
            }
            let public = keys::init(&dir, &first).map_err(|e| Failure(e.explain(lang)))?;
            outln!("{}", (t.init_done)(&public, &secret.display()));
            outln!("{}", t.share_public);
            outln!("{}", t.lost_warning);
            Ok(ExitCode::SUCCESS)
        }
        KeysCommand::List => {
            let lib = library()?;
            let settings =
                settings::Settings::read(lib.root()).map_err(|e| Failure(e.explain(lang)))?;
            let own = access
                .dir(lang)
                .ok()
                .and_then(|d| keys::own_public(&d).ok())
                .map(|r| r.to_string());
            if settings.encrypted {
                outln!("{}", (t.encrypted_to)(settings.recipients.len()));
            } else {
                outln!("{}", t.plain_library);
            }
            if settings.recipients.is_empty() {
                outln!("{}", t.no_members);
            }
            for m in &settings.recipients {
                let you = if own.as_deref() == Some(m.key.as_str()) {
                    format!(" ({})", t.you)
                } else {
                    String::new()
                };
                let added = m.added.map(|d| d.to_string()).unwrap_or_default();
                outln!("{}{you}  {}  {added}", m.name, m.key);
            }
            Ok(ExitCode::SUCCESS)
        }
        KeysCommand::Add { public_key, name } => {
            let key = Recipient::from_str(public_key.trim())
                .map_err(|why| Failure((t.bad_public_key)(&public_key, &why)))?;
            let lib = library()?;
            let _lock = settings_lock(&lib)?;
            let mut settings =
                settings::Settings::read(lib.root()).map_err(|e| Failure(e.explain(lang)))?;
            if let Some(m) = settings
                .recipients
                .iter()
                .find(|m| m.key == key.to_string())
            {
                return Err(Failure(with_unfinished(
                    (t.already_member)(&m.name),
                    &settings,
                    lang,
                )));
            }
            if settings.encrypted {
                // The files are encrypted again to everyone: that needs your key.
                access.unlock(lang)?;
            }
            settings.add(&name, &key, today);
            settings.unfinished = settings.encrypted;
            write_settings(&settings, &lib)?;
            outln!("{}", (t.added)(&name));
            if settings.encrypted {
                return reconvert(&lib, &mut settings, lang);
            }
            Ok(ExitCode::SUCCESS)
        }
        KeysCommand::Remove { member } => {
            let lib = library()?;
            let _lock = settings_lock(&lib)?;
            let mut settings =
                settings::Settings::read(lib.root()).map_err(|e| Failure(e.explain(lang)))?;
            let Some(i) = settings
                .recipients
                .iter()
                .position(|m| m.name == member || m.key == member.trim())
            else {
                return Err(Failure(with_unfinished(
                    (t.not_a_member)(&member),
                    &settings,
                    lang,
                )));
            };
            if settings.encrypted && settings.recipients.len() == 1 {
                return Err(Failure(t.last_member.into()));
            }
            if settings.encrypted {
                access.unlock(lang)?;
            }
            // Not one's own key while others remain: that locks oneself out at once.
            let own = vault::unlocked_public().map(|k| k.to_string()).or_else(|| {
                access
                    .dir(lang)
                    .ok()
                    .and_then(|d| keys::own_public(&d).ok())
                    .map(|k| k.to_string())
            });
            if own.as_deref() == Some(settings.recipients[i].key.as_str()) {
                return Err(Failure(t.own_key_removal.into()));
            }
            let gone = settings.recipients.remove(i);
            settings.unfinished = settings.encrypted;
            write_settings(&settings, &lib)?;
            outln!("{}", (t.removed)(&gone.name));
            if settings.encrypted {
                return reconvert(&lib, &mut settings, lang);
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// One change of the library's keys at a time on this laptop (`keys add`, `keys remove`,
/// `encrypt`, `decrypt`): each reads keys.json, changes it and converts every file, and
/// two at once would each undo the other's change.
fn settings_lock(lib: &Library) -> Result<std::fs::File, Failure> {
    settings::lock_settings(lib.root()).map_err(|e| {
        Failure(format!(
            "{}: [{e}]",
            settings::lock_path(lib.root()).display()
        ))
    })
}

/// `message`, and when an earlier change of keys was stopped, how to finish it.
fn with_unfinished(message: String, settings: &settings::Settings, lang: Lang) -> String {
    if settings.unfinished {
        format!("{message}. {}", lang.texts().vault.unfinished)
    } else {
        message
    }
}

fn write_settings(settings: &settings::Settings, lib: &Library) -> Result<(), Failure> {
    settings.write(lib.root()).map_err(|e| {
        Failure(format!(
            "{}: [{e}]",
            settings::settings_path(lib.root()).display()
        ))
    })
}

/// `tafel encrypt`: your own key joins the library's keys, new files are written
/// encrypted from now on, and every file is converted.
pub fn run_encrypt(
    lib: &Library,
    access: &KeyAccess,
    lang: Lang,
    today: chrono::NaiveDate,
) -> CmdResult {
    let t = &lang.texts().vault;
    // Asked first: nobody encrypts a library to a key whose passphrase they lost. The
    // key that joins is the one unlocked, never what identity.pub beside it says.
    access.unlock(lang)?;
    let own = vault::unlocked_public().ok_or_else(|| Failure(t.locked.into()))?;
    let _lock = settings_lock(lib)?;
    let mut settings =
        settings::Settings::read(lib.root()).map_err(|e| Failure(e.explain(lang)))?;
    if !settings.recipients.iter().any(|m| m.key == own.to_string()) {
        let name = own_name();
        settings.add(&name, &own, today);
        outln!("{}", (t.own_key_added)(&name));
    }
    settings.version = settings.version.max(1);
    settings.encrypted = true;
    settings.unfinished = true;
    write_settings(&settings, lib)?;
    reconvert(lib, &mut settings, lang)
}

/// `tafel decrypt`: new files are written plain from now on, and every file is
/// converted back.
pub fn run_decrypt(lib: &Library, access: &KeyAccess, lang: Lang) -> CmdResult {
    // keys.json missing while files are encrypted is a sync service's delay, not a
    // library made plain: nothing is converted then.
    vault::sealing_of(lib.root()).map_err(|e| Failure(e.explain(lang)))?;
    access.unlock(lang)?;
    let _lock = settings_lock(lib)?;
    let mut settings =
        settings::Settings::read(lib.root()).map_err(|e| Failure(e.explain(lang)))?;
    let was = settings.encrypted;
    settings.encrypted = false;
    settings.unfinished = true;
    write_settings(&settings, lib)?;
    let t = &lang.texts().vault;
    let code = convert_to(lib, &convert::Target::Plain, t.finish_decrypt, lang)?;
    if code == ExitCode::SUCCESS {
        settings.unfinished = false;
        write_settings(&settings, lib)?;
        if !was {
            outln!("{}", t.already_plain);
        }
    }
    Ok(code)
}

/// `tafel decrypt FILE [-o OUT]`: the plain text of one encrypted file (an export made
/// in an encrypted library), to print. A plain file is written as it is.
pub fn run_decrypt_file(
    file: &Path,
    output: Option<&Path>,
    access: &KeyAccess,
    lang: Lang,
) -> CmdResult {
    let (_, bytes) = crate::store::read_raw(file)
        .map_err(|e| Failure(format!("{}: {}", file.display(), e.explain(lang))))?;
    if vault::is_sealed(&bytes) {
        access.unlock(lang)?;
    }
    let plain = vault::open(bytes)
        .map_err(|e| Failure(format!("{}: {}", file.display(), e.explain(lang))))?;
    match output {
        Some(out) => {
            let written = vault::write_output(out, &plain).map_err(|e| {
                let what = lang.texts().report.cli_write_failed;
                Failure(format!("{}: {e}", what(&out.display())))
            })?;
            outln!("{}", written.display());
        }
        None => {
            use std::io::Write;
            let mut stdout = std::io::stdout().lock();
            if stdout
                .write_all(&plain)
                .and_then(|()| stdout.flush())
                .is_err()
            {
                return Ok(ExitCode::FAILURE);
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Every file of the library to the keys in `settings` (which say `unfinished` until
/// every file is done).
fn reconvert(lib: &Library, settings: &mut settings::Settings, lang: Lang) -> CmdResult {
    let to = settings.recipients().map_err(Failure)?;
    let t = &lang.texts().vault;
    let code = convert_to(
        lib,
        &convert::Target::Sealed(to.into()),
        t.finish_encrypt,
        lang,
    )?;
    if code == ExitCode::SUCCESS {
        settings.unfinished = false;
        write_settings(settings, lib)?;
    }
    Ok(code)
}

/// Converts every file; `finish` says which command finishes what was skipped.
fn convert_to(lib: &Library, target: &convert::Target, finish: &str, lang: Lang) -> CmdResult {
    let t = &lang.texts().vault;
    let tty = std::io::IsTerminal::is_terminal(&std::io::stderr());
    let report = convert::convert(lib, target, &mut |done, total| {
        if tty && (done % 50 == 0 || done == total) {
            eprint!("\r{}", (t.converting)(done, total));
        }
    })
    .map_err(|e| Failure(format!("{}: [{e}]", lib.root().display())))?;
    if tty {
        eprintln!();
    }
    outln!("{}", (t.converted)(report.converted));
    for p in &report.busy {
        errln!("tafel: {}", (t.busy)(&p.display()));
    }
    for (p, why) in &report.failed {
        errln!("tafel: {}", (t.failed)(&p.display(), &why.explain(lang)));
    }
    if !report.busy.is_empty() {
        errln!("tafel: {finish}");
    }
    if !report.failed.is_empty() {
        errln!("tafel: {}", t.failed_stay);
    }
    if report.busy.is_empty() && report.failed.is_empty() {
        Ok(ExitCode::SUCCESS)
    } else {
        Ok(ExitCode::FAILURE)
    }
}

/// A name for your own key in the library's list: user and laptop.
fn own_name() -> String {
    let user = std::env::var("USER").unwrap_or_default();
    let host = crate::store::lock::host_name().unwrap_or_default();
    match (user.is_empty(), host.is_empty()) {
        (false, false) => format!("{user}@{host}"),
        (false, true) => user,
        (true, false) => host,
        (true, true) => "tafel".into(),
    }
}
