//! `tafel delete ID` and `tafel purge --expired`: removing sessions for good, with their
//! copy in the trash and their lock file. Asks first unless `--yes`; refuses to ask
//! without a terminal.

use std::io::{BufRead, IsTerminal, Write};
use std::process::ExitCode;

use super::{CmdResult, Failure};
use crate::i18n::Lang;
use crate::store::Library;

/// Asks on the terminal; without one, refuses and says to add `--yes`.
fn confirm(lang: Lang, question: &str) -> Result<bool, Failure> {
    let t = lang.texts();
    if !std::io::stdin().is_terminal() {
        return Err(Failure(t.cli_needs_yes.to_string()));
    }
    eprint!("{question} ");
    let _ = std::io::stderr().flush();
    let mut answer = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut answer)
        .map_err(|e| Failure(e.to_string()))?;
    let a = answer.trim().to_lowercase();
    Ok(a == "ja" || a == "yes")
}

pub fn run_delete(lib: &Library, lang: Lang, id: &str, yes: bool) -> CmdResult {
    let t = lang.texts();
    let id = lib
        .resolve_with_trash(id)
        .map_err(|e| Failure(e.explain(lang)))?;
    if !yes && !confirm(lang, &t.cli_delete_confirm.replace("{}", &id.to_string()))? {
        eprintln!("{}", t.cli_nothing_deleted);
        return Ok(ExitCode::FAILURE);
    }
    let removed = lib
        .delete_for_good(id)
        .map_err(|e| Failure(format!("{} {e}", t.ui.cannot_delete)))?;
    for p in removed {
        outln!("{} {}", t.cli_deleted, p.display());
    }
    Ok(ExitCode::SUCCESS)
}

pub fn run_purge(lib: &Library, lang: Lang, yes: bool) -> CmdResult {
    let t = lang.texts();
    let today = chrono::Local::now().date_naive();
    let expired = lib.expired(today);
    if expired.is_empty() {
        outln!("{}", t.cli_purge_none);
        return Ok(ExitCode::SUCCESS);
    }
    for (_, path, until) in &expired {
        outln!(
            "{} ({} {})",
            path.display(),
            t.f_retention,
            crate::model::dates::display_date(*until, lang)
        );
    }
    if !yes
        && !confirm(
            lang,
            &t.cli_purge_confirm
                .replace("{}", &expired.len().to_string()),
        )?
    {
        eprintln!("{}", t.cli_nothing_deleted);
        return Ok(ExitCode::FAILURE);
    }
    let mut failed = false;
    for (id, _, _) in expired {
        match lib.delete_for_good(id) {
            Ok(removed) => {
                for p in removed {
                    outln!("{} {}", t.cli_deleted, p.display());
                }
            }
            Err(e) => {
                failed = true;
                eprintln!("tafel: {} {id}: {e}", t.ui.cannot_delete);
            }
        }
    }
    Ok(if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}
