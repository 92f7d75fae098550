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
use crate::store::remove::Deleted;
use crate::store::{Found, Library, ResolveError};

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
    // A delete an earlier run started (and a kill stopped) is finished first: it was
    // confirmed then. When that was this very session, there is nothing left to ask.
    let finished = lib.finish_deletes();
    let files = match lib.files_of(given) {
        Err(ResolveError::NotFound(_)) if finished.finished_earlier > 0 => {
            return Ok(say_deleted(&finished, lang));
        }
        other => other.map_err(|e| Failure(e.explain(lang)))?,
    };
    if finished.finished_earlier > 0 {
        say_deleted(&finished, lang);
    }
    let question =
        (t.cli_delete_confirm)(&files.first().map(|f| f.id.to_string()).unwrap_or_default());
    remove(lib, lang, &files, yes, &question)
}

pub fn run_purge(lib: &Library, lang: Lang, today: chrono::NaiveDate, yes: bool) -> CmdResult {
    let t = lang.texts();
    let finished = lib.finish_deletes();
    if finished.finished_earlier > 0 {
        say_deleted(&finished, lang);
    }
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
    let done = lib.delete_for_good(files).map_err(|e| {
        Failure(format!(
            "{} [{e}]",
            (t.cli_cannot_open_library)(&lib.root().display().to_string())
        ))
    })?;
    Ok(say_deleted(&done, lang))
}

/// Says what a delete for good did; failure when anything was refused.
fn say_deleted(done: &Deleted, lang: Lang) -> ExitCode {
    let t = lang.texts();
    if done.finished_earlier > 0 {
        outln!("{}", (t.cli_finished_delete)(&done.finished_earlier));
    }
    for p in done.files.iter().chain(&done.reports) {
        outln!("{} {}", t.cli_deleted, p.display());
    }
    for (path, e) in &done.refused {
        errln!(
            "tafel: {} {}: {}",
            t.cli_delete_refused,
            super::shown(&path.display().to_string()),
            super::shown(&e.explain(lang))
        );
    }
    if let Some(e) = &done.reports_failed {
        errln!(
            "tafel: {} {}",
            t.cli_delete_refused,
            super::shown(&e.to_string())
        );
    }
    if done.refused.is_empty() && done.reports_failed.is_none() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
