//! `tafel demo`: writes the fictional demo cases; files that exist are left alone.

use std::process::ExitCode;

use super::{CmdResult, Failure};
use crate::catalog::Catalog;
use crate::i18n::Lang;
use crate::store::Library;

pub fn run(lib: &Library, lang: Lang) -> CmdResult {
    let catalog = Catalog::builtin();
    let mut written = 0;
    for session in crate::demo::sessions(&catalog) {
        let path = lib.path_for(session.id);
        if path.exists() {
            continue;
        }
        lib.save(&session)
            .map_err(|e| Failure(e.explain(lang).to_string()))?;
        written += 1;
    }
    let t = lang.texts();
    if written == 0 {
        outln!("{}", t.cli_demo_unchanged);
    } else {
        outln!(
            "{written} {} {}",
            t.cli_demo_written,
            lib.sessions_dir().display()
        );
    }
    Ok(ExitCode::SUCCESS)
}
