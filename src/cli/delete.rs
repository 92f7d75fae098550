//! `tafel delete ID|PATH` and `tafel purge --expired`: removing session files for good,
//! with their lock files and the reports made of them. Both first list exactly what they
//! will remove, ask (unless `--yes`; without a terminal they need `--yes`), and then
//! remove exactly the files they listed, each under its own lock.

use std::collections::HashSet;
use std::fmt::Write as _;
use std::io::{BufRead, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use uuid::Uuid;

use super::{CmdResult, Failure};
use crate::i18n::Lang;
use crate::store::exports::{self, State};
use crate::store::{Found, Library};

/// Asks on the terminal; without one, refuses and says to add `--yes`.
fn confirm(lang: Lang, question: &str) -> Result<bool, Failure> {
    let t = lang.texts();
    if !std::io::stdin().is_terminal() {
        return Err(Failure(t.cli_needs_yes.to_string()));
    }
    eprint!("{} ", super::shown(question));
    let _ = std::io::stderr().flush();
    let mut answer = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut answer)
        .map_err(|e| Failure(e.to_string()))?;
    let a = answer.trim().to_lowercase();
    Ok(a == "ja" || a == "yes")
}

pub fn run_delete(lib: &Library, lang: Lang, given: &str, yes: bool) -> CmdResult {
    let t = lang.texts();
    let files = lib.files_of(given).map_err(|e| Failure(e.explain(lang)))?;
    let question =
        (t.cli_delete_confirm)(&files.first().map(|f| f.id.to_string()).unwrap_or_default());
    remove(lib, lang, &files, yes, &question)
}

pub fn run_purge(lib: &Library, lang: Lang, today: chrono::NaiveDate, yes: bool) -> CmdResult {
    let t = lang.texts();
    let expired = lib.expired(today).map_err(|e| {
        Failure(format!(
            "{} [{e}]",
            (t.cli_cannot_open_library)(&lib.root().display().to_string())
        ))
    })?;
    if expired.is_empty() {
        outln!("{}", t.cli_purge_none);
        return Ok(ExitCode::SUCCESS);
    }
    let question = (t.cli_purge_confirm)(&expired.len().to_string());
    remove(lib, lang, &expired, yes, &question)
}

/// Lists `files` and the reports that go with them, asks, and removes exactly those.
fn remove(lib: &Library, lang: Lang, files: &[Found], yes: bool, question: &str) -> CmdResult {
    let t = lang.texts();
    // Reports go with a session once no file of it is left, in the library or the trash.
    let removing: HashSet<&PathBuf> = files.iter().map(|f| &f.path).collect();
    let remaining: HashSet<Uuid> = lib
        .all_files()
        .unwrap_or_default()
        .into_iter()
        .filter(|f| !removing.contains(&f.path))
        .map(|f| f.id)
        .collect();
    let gone: Vec<Uuid> = files
        .iter()
        .map(|f| f.id)
        .filter(|id| !remaining.contains(id))
        .collect::<HashSet<_>>()
        .into_iter()
        .collect();
    let reports = exports::holding(lib.root(), &gone);

    outln!("{}", t.cli_will_remove);
    for f in files {
        let mut line = format!("  {}", f.path.display());
        if let Some(until) = f.retention_until {
            let _ = write!(
                line,
                " ({} {})",
                t.f_retention,
                crate::i18n::format::date(until, lang)
            );
        }
        if f.copy {
            let _ = write!(line, " {}", t.cli_copy);
        }
        if f.in_trash {
            let _ = write!(line, " {}", t.cli_in_trash);
        }
        outln!("{}", line);
    }
    for r in &reports {
        let what = match (r.anonymous, r.state()) {
            (_, State::Gone) => continue,
            (true, _) => t.cli_export_anonymous_kept,
            (false, State::Unchanged) => t.cli_export_removed_too,
            (false, State::Changed) => t.cli_export_changed,
        };
        outln!("  {} {}", what, r.path.display());
    }
    if !yes && !confirm(lang, question)? {
        errln!("{}", t.cli_nothing_deleted);
        return Ok(ExitCode::FAILURE);
    }
    let mut failed = false;
    for f in files {
        match lib.delete_file(&f.path) {
            Ok(true) => outln!("{} {}", t.cli_deleted, f.path.display()),
            Ok(false) => {}
            Err(e) => {
                failed = true;
                errln!(
                    "tafel: {} {}: {}",
                    t.cli_delete_refused,
                    super::shown(&f.path.display().to_string()),
                    super::shown(&e.explain(lang))
                );
            }
        }
    }
    // Only when the session itself is gone do its reports go.
    let still: HashSet<Uuid> = lib
        .all_files()
        .unwrap_or_default()
        .into_iter()
        .map(|f| f.id)
        .collect();
    let reports: Vec<_> = reports
        .into_iter()
        .filter(|r| {
            r.sessions
                .iter()
                .any(|id| gone.contains(id) && !still.contains(id))
        })
        .collect();
    match exports::remove(lib.root(), &reports) {
        Ok(removed) => {
            for p in removed {
                outln!("{} {}", t.cli_deleted, p.display());
            }
        }
        Err(e) => {
            failed = true;
            errln!(
                "tafel: {} {}",
                t.cli_delete_refused,
                super::shown(&e.to_string())
            );
        }
    }
    Ok(if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}
