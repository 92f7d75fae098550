//! `tafel keys init|add|list|remove|confirm|export-library`, `tafel encrypt`, `tafel
//! decrypt`, and unlocking the personal key when a command opens an encrypted library
//! (the passphrase is asked once, on the terminal with echo off, or read from
//! `--passphrase-file`). What each change of keys writes, and why it is safe against a
//! kill, is said with each command.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::str::FromStr;
use std::sync::Arc;

use age::secrecy::{ExposeSecret, SecretString};
use age::x25519::{Identity, Recipient};

use super::{CmdResult, Failure};
use crate::i18n::Lang;
use crate::store::Library;
use crate::store::vault::{self, confirmed::Confirmed, convert, keys, settings};

/// Where the personal key is, and how its passphrase is given.
#[derive(Debug, Clone, Default)]
pub struct KeyAccess {
    pub keys_dir: Option<PathBuf>,
    pub passphrase_file: Option<PathBuf>,
    /// The library of this run, which the keys folder must not lie in.
    pub data_dir: Option<PathBuf>,
}

#[derive(clap::Subcommand, Debug)]
pub enum KeysCommand {
    /// Make your personal key (asks for a passphrase; a lost passphrase is lost data).
    Init,
    /// Add a team member's public key (age1...): they are confirmed on this laptop and
    /// given the library key; no session file is rewritten.
    Add {
        /// Their public key (age1...), as `keys init` printed it for them.
        public_key: String,
        /// A name to know them by.
        #[arg(long)]
        name: String,
    },
    /// The members, whether their keys are confirmed on this laptop, and the words of
    /// each key.
    List,
    /// Remove a member (by name or key): the library gets a new key, and every file is
    /// encrypted to it.
    Remove {
        /// Their name or public key.
        member: String,
    },
    /// Confirm a member's key on this laptop, after comparing its words with them (by
    /// phone); a member without the library key is given it.
    Confirm {
        /// Their name or public key.
        member: String,
        /// Confirm without asking (compare the words first).
        #[arg(long)]
        yes: bool,
    },
    /// Write the library key out, for `age -d -i KEY FILE` (whoever holds it opens
    /// every file).
    ExportLibrary {
        /// Write to this file (readable by you only) instead of standard output.
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: Option<PathBuf>,
    },
}

impl KeyAccess {
    /// The keys folder, refused when it lies in a library; from now on its confirmed keys
    /// count in this process.
    fn dir(&self, lang: Lang) -> Result<PathBuf, Failure> {
        let dir = keys::resolve_keys_dir(self.keys_dir.as_deref())
            .ok_or_else(|| Failure(lang.texts().cli_no_home.into()))?;
        if let Some(lib) = keys::library_around(&dir, self.data_dir.as_deref()) {
            let t = &lang.texts().vault;
            return Err(Failure((t.keys_dir_in_library)(
                &dir.display(),
                &lib.display(),
            )));
        }
        vault::use_keys_dir(&dir);
        Ok(dir)
    }

    /// The passphrase: the first line of `--passphrase-file`, or asked on the terminal.
    fn passphrase(&self, prompt: &str, lang: Lang) -> Result<SecretString, Failure> {
        if let Some(file) = &self.passphrase_file {
            // A path the user gives, like `-o`: `/dev/stdin` and `<(pass show x)` work too.
            // Opened without blocking: a FIFO nobody writes to is given up on in words.
            let t = &lang.texts().vault;
            let wait = passphrase_wait();
            let bytes = keys::read_passphrase_file(file, wait)
                .map_err(|e| Failure(format!("{} [{e}]", (t.passphrase_file)(&file.display()))))?
                .ok_or_else(|| {
                    Failure((t.passphrase_file_waited)(
                        &file.display(),
                        wait.as_secs().max(1),
                    ))
                })?;
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
        let dir = self.dir(lang)?;
        if vault::is_unlocked() {
            return Ok(());
        }
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

    /// Unlocks the personal key and, when the library of this run has one, its library
    /// key (checked as at any start): for files given by path, which are encrypted to it.
    pub fn unlock_with_library(&self, lang: Lang) -> Result<(), Failure> {
        self.unlock(lang)?;
        if let Some(root) = &self.data_dir
            && settings::settings_path(root).exists()
        {
            let _ = vault::sealing_of(root);
        }
        Ok(())
    }

    /// Unlocks the key when the library in `lib` is (or was being) encrypted, or holds
    /// encrypted files, before anything is read; then checks its keys.json (see
    /// [`vault::trust`]): a library whose keys this laptop does not take, while it holds
    /// encrypted files, is not opened at all.
    pub fn unlock_for(&self, lib: &Library, lang: Lang) -> Result<(), Failure> {
        let settings =
            settings::Settings::read(lib.root()).map_err(|e| Failure(e.explain(lang)))?;
        let wants_key = settings.encrypted
            || settings.unfinished
            || settings.library.is_some()
            || !settings.recipients.is_empty() && self.passphrase_file.is_some()
            || vault::holds_sealed_files(lib.root());
        if wants_key {
            // A change of keys that was stopped: said with the failure, since the
            // command that finishes it needs the key too.
            self.unlock(lang)
                .map_err(|Failure(e)| Failure(with_unfinished(e, &settings, lang)))?;
        } else {
            // No key needed; the keys confirmed here still count for what tafel says.
            let _ = self.dir(lang);
        }
        // Remembered for this process: should keys.json go away or change while it runs,
        // it keeps to what it checked now (see `vault::sealing_of`).
        vault::sealing_of(lib.root()).map_err(|e| Failure(e.explain(lang)))?;
        Ok(())
    }

    /// The library key of `lib`, checked with the personal key (unlocked here): what
    /// every change of an encrypted library's keys needs. Someone who cannot open it
    /// changes nothing.
    fn library_key(&self, lib: &Library, lang: Lang) -> Result<Arc<Identity>, Failure> {
        self.unlock(lang)?;
        let t = &lang.texts().vault;
        let cannot = |why: Option<vault::trust::Distrust>| {
            Failure(match why {
                Some(why) => format!(
                    "{}: {}",
                    t.cannot_open_library,
                    vault::explain_distrust(&why, lang)
                ),
                None => t.cannot_open_library.to_string(),
            })
        };
        match vault::library_key(lib.root()) {
            Ok(Some(key)) if vault::ignored_change(lib.root()).is_none() => Ok(key),
            Ok(_) => Err(cannot(vault::ignored_change(lib.root()).map(|i| i.why))),
            Err(vault::VaultError::Untrusted { why, .. }) => Err(cannot(Some(why))),
            Err(e) => Err(Failure(e.explain(lang))),
        }
    }

    /// The keys confirmed on this laptop, and where they are kept.
    fn confirmed(&self, lang: Lang) -> Result<(PathBuf, Confirmed), Failure> {
        let dir = self.dir(lang)?;
        crate::store::paths::ensure_private_dir(&dir, true)
            .map_err(|e| Failure(e.explain(lang)))?;
        let confirmed = Confirmed::read(&dir).map_err(Failure)?;
        Ok((dir, confirmed))
    }

    /// This laptop's own public key: the unlocked one, else `identity.pub`.
    fn own_public(&self, lang: Lang) -> Option<String> {
        vault::unlocked_public().map(|k| k.to_string()).or_else(|| {
            self.dir(lang)
                .ok()
                .and_then(|d| keys::own_public(&d).ok())
                .map(|k| k.to_string())
        })
    }
}

/// How long a passphrase file may take: [`keys::PASSPHRASE_WAIT`], or in tests (debug
/// builds, or the `hooks` feature) `TAFEL_TEST_PASSPHRASE_WAIT_MS`.
fn passphrase_wait() -> std::time::Duration {
    #[cfg(any(debug_assertions, feature = "hooks"))]
    if let Some(ms) = std::env::var("TAFEL_TEST_PASSPHRASE_WAIT_MS")
        .ok()
        .and_then(|v| v.parse::<u64>().ok())
    {
        return std::time::Duration::from_millis(ms);
    }
    keys::PASSPHRASE_WAIT
}

/// The member called `who` (by name, or by key).
fn find_member(settings: &settings::Settings, who: &str) -> Option<usize> {
    settings
        .recipients
        .iter()
        .position(|m| m.name == who.trim() || m.key == who.trim())
}

/// Whether this laptop gives the library key to `key`: its own key, or one confirmed.
fn may_give(key: &str, own: &str, confirmed: &Confirmed) -> bool {
    key == own || confirmed.is_confirmed(key)
}

/// The members a new library key is wrapped for (this laptop's own key and the keys it
/// confirmed), and the names of those it is not given to.
fn recipients_of_the_library_key(
    settings: &settings::Settings,
    own: &str,
    confirmed: &Confirmed,
) -> (Vec<Recipient>, Vec<String>) {
    let (give, not_given): (Vec<_>, Vec<_>) = settings
        .recipients
        .iter()
        .partition(|m| may_give(&m.key, own, confirmed));
    (
        give.iter()
            .filter_map(|m| Recipient::from_str(&m.key).ok())
            .collect(),
        not_given.iter().map(|m| m.name.clone()).collect(),
    )
}

pub fn run_keys(
    command: KeysCommand,
    access: &KeyAccess,
    library: &dyn Fn() -> Result<Library, Failure>,
    lang: Lang,
    today: chrono::NaiveDate,
) -> CmdResult {
    match command {
        KeysCommand::Init => run_init(access, lang),
        KeysCommand::List => run_list(&library()?, access, lang),
        KeysCommand::Add { public_key, name } => {
            run_add(&library()?, access, &public_key, &name, lang, today)
        }
        KeysCommand::Remove { member } => run_remove(&library()?, access, &member, lang, today),
        KeysCommand::Confirm { member, yes } => {
            run_confirm(&library()?, access, &member, yes, lang, today)
        }
        KeysCommand::ExportLibrary { output } => {
            run_export_library(&library()?, access, output.as_deref(), lang)
        }
    }
}

/// `tafel keys init`: a new personal key, refused inside a library and with a short
/// passphrase.
fn run_init(access: &KeyAccess, lang: Lang) -> CmdResult {
    let t = &lang.texts().vault;
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
    if !keys::strong_enough(first.expose_secret()) {
        return Err(Failure(t.weak_passphrase.into()));
    }
    if access.passphrase_file.is_none() {
        let again = access.passphrase(t.prompt_again, lang)?;
        if again.expose_secret() != first.expose_secret() {
            return Err(Failure(t.mismatch.into()));
        }
    }
    let public = keys::init(&dir, &first).map_err(|e| Failure(e.explain(lang)))?;
    outln!("{}", (t.init_done)(&public, &secret.display()));
    outln!(
        "{}",
        (t.your_words)(&vault::signoff::fingerprint(&public.to_string()))
    );
    outln!("{}", t.share_public);
    outln!("{}", t.lost_warning);
    Ok(ExitCode::SUCCESS)
}

/// `tafel keys list`: the members, each with the words of their key and whether it is
/// confirmed here; then what members should know (see [`vault::notice_lines`]).
fn run_list(lib: &Library, access: &KeyAccess, lang: Lang) -> CmdResult {
    let t = &lang.texts().vault;
    let settings = settings::Settings::read(lib.root()).map_err(|e| Failure(e.explain(lang)))?;
    let own = access.own_public(lang);
    let confirmed = access
        .dir(lang)
        .ok()
        .and_then(|d| Confirmed::read(&d).ok())
        .unwrap_or_default();
    if settings.encrypted {
        outln!("{}", (t.encrypted_to)(settings.recipients.len()));
    } else {
        outln!("{}", t.plain_library);
    }
    if settings.recipients.is_empty() {
        outln!("{}", t.no_members);
    }
    for m in &settings.recipients {
        let mark = if own.as_deref() == Some(m.key.as_str()) {
            t.you
        } else if confirmed.is_confirmed(&m.key) {
            t.confirmed_marker
        } else {
            t.unconfirmed_marker
        };
        let added = m.added.map(|d| d.to_string()).unwrap_or_default();
        outln!("{} ({mark})  {}  {added}", m.name, m.key);
        outln!("    {}", vault::signoff::fingerprint(&m.key));
    }
    if let Some(own) = &own {
        outln!("{}", (t.your_words)(&vault::signoff::fingerprint(own)));
    }
    if settings.unfinished {
        errln!("tafel: {}", t.unfinished);
    }
    for line in vault::notice_lines(lib.root(), lang) {
        errln!("tafel: {line}");
    }
    Ok(ExitCode::SUCCESS)
}

/// `tafel keys add KEY --name NAME`: the member joins keys.json, their key is confirmed
/// on this laptop, and in an encrypted library the library key is wrapped for them. No
/// session file is rewritten. Someone who cannot open the library key (a removed member,
/// a stranger) changes nothing.
fn run_add(
    lib: &Library,
    access: &KeyAccess,
    public_key: &str,
    name: &str,
    lang: Lang,
    today: chrono::NaiveDate,
) -> CmdResult {
    let t = &lang.texts().vault;
    let key = Recipient::from_str(public_key.trim())
        .map_err(|why| Failure((t.bad_public_key)(&public_key, &why)))?;
    let _lock = settings_lock(lib)?;
    let mut settings =
        settings::Settings::read(lib.root()).map_err(|e| Failure(e.explain(lang)))?;
    if let Some(m) = settings.member(&key.to_string()) {
        return Err(Failure(with_unfinished(
            (t.already_member)(&m.name),
            &settings,
            lang,
        )));
    }
    if settings.recipients.iter().any(|m| m.name == name.trim()) {
        return Err(Failure((t.name_taken)(&name.trim())));
    }
    if settings.encrypted && settings.library.is_none() {
        return Err(Failure(t.legacy_first.into()));
    }
    let library = match &settings.library {
        Some(_) => Some(access.library_key(lib, lang)?),
        None => None,
    };
    // Confirmed here first: a kill before keys.json is written leaves a key confirmed
    // that is not a member, which gives it nothing.
    let (dir, mut confirmed) = access.confirmed(lang)?;
    confirmed.confirm(name, &key.to_string(), today);
    confirmed
        .write(&dir)
        .map_err(|e| Failure(format!("{}: [{e}]", dir.display())))?;
    settings.add(name, &key, today);
    settings.removed.retain(|r| r.key != key.to_string());
    if let (Some(library), Some(block)) = (&library, settings.library.as_mut()) {
        block
            .wrap_for(library, &key)
            .map_err(|e| Failure(e.explain(lang)))?;
        sign(&mut settings, access, lang)?;
    }
    write_settings(&settings, lib)?;
    outln!("{}", (t.added)(&name.trim()));
    if library.is_some() {
        outln!("{}", (t.confirmed_and_given)(&name.trim()));
    }
    Ok(ExitCode::SUCCESS)
}

/// `tafel keys confirm NAME`: shows the words of NAME's key and, once the user says
/// they match what NAME reads out, confirms it on this laptop. In an encrypted library
/// whose key NAME was not given yet, this laptop (if it holds the library key) gives it.
fn run_confirm(
    lib: &Library,
    access: &KeyAccess,
    who: &str,
    yes: bool,
    lang: Lang,
    today: chrono::NaiveDate,
) -> CmdResult {
    let t = &lang.texts().vault;
    let _lock = settings_lock(lib)?;
    let mut settings =
        settings::Settings::read(lib.root()).map_err(|e| Failure(e.explain(lang)))?;
    let Some(i) = find_member(&settings, who) else {
        return Err(Failure((t.not_a_member)(&who)));
    };
    let member = settings.recipients[i].clone();
    let (dir, mut confirmed) = access.confirmed(lang)?;
    let own = access.own_public(lang).unwrap_or_default();
    let needs_wrap =
        settings.encrypted && settings.library.is_some() && !settings.has_wrap(&member.key);
    if may_give(&member.key, &own, &confirmed) && !needs_wrap {
        outln!("{}", (t.already_confirmed)(&member.name));
        return Ok(ExitCode::SUCCESS);
    }
    if !confirmed.is_confirmed(&member.key) && member.key != own {
        outln!(
            "{}",
            (t.confirm_words)(&member.name, &vault::signoff::fingerprint(&member.key))
        );
        if !yes {
            use std::io::IsTerminal;
            if !std::io::stdin().is_terminal() {
                return Err(Failure(t.confirm_needs_yes.into()));
            }
            eprint!("{}", (t.confirm_question)(&member.name));
            let mut answer = String::new();
            let _ = std::io::stdin().read_line(&mut answer);
            let answer = answer.trim().to_lowercase();
            if !["yes", "ja", "y", "j"].contains(&answer.as_str()) {
                return Err(Failure(t.not_confirmed_declined.into()));
            }
        }
        confirmed.confirm(&member.name, &member.key, today);
        confirmed
            .write(&dir)
            .map_err(|e| Failure(format!("{}: [{e}]", dir.display())))?;
        outln!("{}", (t.confirmed_done)(&member.name));
    }
    if needs_wrap {
        let library = access.library_key(lib, lang)?;
        let key = Recipient::from_str(&member.key).map_err(|e| Failure(e.to_string()))?;
        if let Some(block) = settings.library.as_mut() {
            block
                .wrap_for(&library, &key)
                .map_err(|e| Failure(e.explain(lang)))?;
        }
        sign(&mut settings, access, lang)?;
        write_settings(&settings, lib)?;
        outln!("{}", (t.confirmed_and_given)(&member.name));
    }
    Ok(ExitCode::SUCCESS)
}

/// `tafel keys remove NAME`. In an encrypted library the library gets a new key, given
/// to the members this laptop confirmed; keys.json keeps the old key (wrapped for the
/// same members) while files are converted, so a kill at any moment leaves every file
/// openable by the team. The removed member's word no longer counts on this laptop.
fn run_remove(
    lib: &Library,
    access: &KeyAccess,
    who: &str,
    lang: Lang,
    today: chrono::NaiveDate,
) -> CmdResult {
    let t = &lang.texts().vault;
    let _lock = settings_lock(lib)?;
    let mut settings =
        settings::Settings::read(lib.root()).map_err(|e| Failure(e.explain(lang)))?;
    let Some(i) = find_member(&settings, who) else {
        return Err(Failure(with_unfinished(
            (t.not_a_member)(&who),
            &settings,
            lang,
        )));
    };
    if settings.encrypted && settings.library.is_none() {
        return Err(Failure(t.legacy_first.into()));
    }
    if settings.encrypted && settings.recipients.len() == 1 {
        return Err(Failure(t.last_member.into()));
    }
    let old = match &settings.library {
        Some(_) => Some(access.library_key(lib, lang)?),
        None => None,
    };
    // Not one's own key while others remain: that locks oneself out at once.
    let own = access.own_public(lang);
    if own.as_deref() == Some(settings.recipients[i].key.as_str()) {
        return Err(Failure(t.own_key_removal.into()));
    }
    let gone = settings.recipients.remove(i);
    let (dir, mut confirmed) = access.confirmed(lang)?;
    confirmed.revoke(&gone.name, &gone.key, Some(today));
    let _ = confirmed.write(&dir);
    settings.removed.retain(|r| r.key != gone.key);
    settings.removed.push(settings::Removed {
        name: gone.name.clone(),
        key: gone.key.clone(),
        on: Some(today),
    });
    let Some(old) = old else {
        write_settings(&settings, lib)?;
        outln!("{}", (t.removed)(&gone.name));
        return Ok(ExitCode::SUCCESS);
    };
    let own = own.unwrap_or_default();
    let (give, not_given) = recipients_of_the_library_key(&settings, &own, &confirmed);
    let (new, block) =
        settings::LibraryKey::generate(&give).map_err(|e| Failure(e.explain(lang)))?;
    // The old key, for the files not converted yet: for the same members only.
    let mut retired = settings::LibraryKey {
        key: old.to_public().to_string(),
        wrapped: std::collections::BTreeMap::new(),
    };
    for k in &give {
        retired
            .wrap_for(&old, k)
            .map_err(|e| Failure(e.explain(lang)))?;
    }
    for r in &mut settings.retired {
        r.wrapped.remove(&gone.key);
    }
    settings.retired.push(retired);
    settings.library = Some(block);
    settings.unfinished = true;
    sign(&mut settings, access, lang)?;
    write_settings(&settings, lib)?;
    outln!("{}", (t.removed)(&gone.name));
    if !not_given.is_empty() {
        errln!("tafel: {}", (t.not_given)(&not_given.join(", ")));
    }
    reconvert(lib, access, &mut settings, Arc::new(new), lang)
}

/// `tafel keys export-library [-o FILE]`: the library key in the format of age-keygen,
/// with a warning, for `age -d -i`.
fn run_export_library(
    lib: &Library,
    access: &KeyAccess,
    output: Option<&Path>,
    lang: Lang,
) -> CmdResult {
    let t = &lang.texts().vault;
    access.unlock_for(lib, lang)?;
    let key = access.library_key(lib, lang)?;
    errln!("{}", t.export_warning);
    let text = SecretString::from(format!(
        "# library key of {}\n# public key: {}\n{}\n",
        lib.root().display(),
        key.to_public(),
        key.to_string().expose_secret()
    ));
    match output {
        Some(out) => {
            // Never into a library (a synced folder): the key would travel with it.
            if let Some(around) = keys::library_around(out, Some(lib.root())) {
                return Err(Failure((t.keys_dir_in_library)(
                    &out.display(),
                    &around.display(),
                )));
            }
            crate::store::atomic::write_atomic(out, text.expose_secret().as_bytes())
                .map_err(|e| Failure(format!("{}: [{e}]", out.display())))?;
            outln!("{}", (t.export_done)(&out.display()));
        }
        None => {
            use std::io::Write;
            let mut stdout = std::io::stdout().lock();
            if stdout
                .write_all(text.expose_secret().as_bytes())
                .and_then(|()| stdout.flush())
                .is_err()
            {
                return Ok(ExitCode::FAILURE);
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Signs `settings` with the personal key (unlocked here).
fn sign(settings: &mut settings::Settings, access: &KeyAccess, lang: Lang) -> Result<(), Failure> {
    access.unlock(lang)?;
    let me = vault::unlocked_identity().ok_or_else(|| Failure(lang.texts().vault.locked.into()))?;
    settings.sign(&me);
    Ok(())
}

/// One change of the library's keys at a time on this laptop (`keys add`, `keys remove`,
/// `keys confirm`, `encrypt`, `decrypt`): each reads keys.json, changes it and converts
/// every file, and two at once would each undo the other's change.
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

/// `tafel encrypt`: your own key joins the members, the library gets its own key (or
/// keeps the one it has, checked), given to every member this laptop confirmed, and
/// every file not yet encrypted to it is converted. A library already encrypted to its
/// key is left as it is: nothing is rewritten.
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
    let me = vault::unlocked_identity().ok_or_else(|| Failure(t.locked.into()))?;
    let own = me.to_public().to_string();
    let _lock = settings_lock(lib)?;
    let mut settings =
        settings::Settings::read(lib.root()).map_err(|e| Failure(e.explain(lang)))?;
    if settings.library.is_some() {
        let key = access.library_key(lib, lang)?;
        let target = convert::Target::Library(key.clone());
        if settings.encrypted && !settings.unfinished && convert::to_do(lib, &target) == 0 {
            outln!("{}", t.nothing_to_convert);
            return Ok(ExitCode::SUCCESS);
        }
        settings.encrypted = true;
        settings.unfinished = true;
        sign(&mut settings, access, lang)?;
        write_settings(&settings, lib)?;
        return reconvert(lib, access, &mut settings, key, lang);
    }
    if settings.member(&own).is_none() {
        let name = own_name();
        settings.add(&name, &me.to_public(), today);
        outln!("{}", (t.own_key_added)(&name));
    }
    let (_, confirmed) = access.confirmed(lang)?;
    let (give, not_given) = recipients_of_the_library_key(&settings, &own, &confirmed);
    let (key, block) =
        settings::LibraryKey::generate(&give).map_err(|e| Failure(e.explain(lang)))?;
    settings.library = Some(block);
    settings.encrypted = true;
    settings.unfinished = true;
    sign(&mut settings, access, lang)?;
    write_settings(&settings, lib)?;
    if !not_given.is_empty() {
        errln!("tafel: {}", (t.not_given)(&not_given.join(", ")));
    }
    reconvert(lib, access, &mut settings, Arc::new(key), lang)
}

/// `tafel decrypt`: new files are written plain from now on, and every file is
/// converted back. keys.json keeps the library key until every file is plain, so a
/// kill leaves every file openable.
pub fn run_decrypt(lib: &Library, access: &KeyAccess, lang: Lang) -> CmdResult {
    access.unlock(lang)?;
    // keys.json missing while files are encrypted is a sync service's delay, not a
    // library made plain: nothing is converted then.
    vault::sealing_of(lib.root()).map_err(|e| Failure(e.explain(lang)))?;
    let _lock = settings_lock(lib)?;
    let mut settings =
        settings::Settings::read(lib.root()).map_err(|e| Failure(e.explain(lang)))?;
    if settings.library.is_some() {
        access.library_key(lib, lang)?;
    }
    let was = settings.encrypted;
    settings.encrypted = false;
    settings.unfinished = true;
    if settings.library.is_some() {
        sign(&mut settings, access, lang)?;
    }
    write_settings(&settings, lib)?;
    let t = &lang.texts().vault;
    let code = convert_to(
        lib,
        &convert::Target::Plain,
        t.finish_decrypt,
        lang,
        &mut || {
            settings.unfinished = false;
            settings.library = None;
            settings.retired.clear();
            settings.signoff = None;
            write_settings(&settings, lib)
        },
    )?;
    if code == ExitCode::SUCCESS && !was {
        outln!("{}", t.already_plain);
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
        access.unlock_with_library(lang)?;
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

/// Every file of the library to the library key `key` (keys.json says `unfinished`
/// until every file is done; then the replaced keys lose their wraps).
fn reconvert(
    lib: &Library,
    access: &KeyAccess,
    settings: &mut settings::Settings,
    key: Arc<Identity>,
    lang: Lang,
) -> CmdResult {
    let t = &lang.texts().vault;
    convert_to(
        lib,
        &convert::Target::Library(key),
        t.finish_encrypt,
        lang,
        &mut || {
            settings.unfinished = false;
            for r in &mut settings.retired {
                r.wrapped.clear();
            }
            sign(settings, access, lang)?;
            write_settings(settings, lib)
        },
    )
}

/// Converts every file; `finish` says which command finishes what was skipped. When every
/// file was converted, `done` (which clears the `unfinished` marker) runs before
/// anything says so.
fn convert_to(
    lib: &Library,
    target: &convert::Target,
    finish: &str,
    lang: Lang,
    done: &mut dyn FnMut() -> Result<(), Failure>,
) -> CmdResult {
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
    if report.busy.is_empty() && report.failed.is_empty() {
        done()?;
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
