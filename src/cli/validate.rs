//! `tafel validate FILE...`: every fault with its file, line and column (or field path).

use std::path::PathBuf;
use std::process::ExitCode;

use crate::i18n::Lang;
use crate::model::validate::check;
use crate::store::{self, LoadError};

pub fn run(files: &[PathBuf], lang: Lang) -> ExitCode {
    let mut all_valid = true;
    for path in files {
        match store::load(path) {
            Err(LoadError::Parse {
                path,
                line,
                column,
                message,
                ..
            }) => {
                all_valid = false;
                errln!("{}:{line}:{column}: {message}", path.display());
            }
            Err(e) => {
                all_valid = false;
                errln!("{e}");
            }
            Ok(loaded) => {
                let problems = check(&loaded.session);
                if problems.is_empty() {
                    let note = match loaded.newer_version {
                        Some(_) => format!(" ({})", lang.texts().cli_read_only_newer),
                        None => String::new(),
                    };
                    outln!("{}: {}{note}", path.display(), lang.texts().cli_valid);
                } else {
                    all_valid = false;
                    for p in problems {
                        errln!("{}: {}: {}", path.display(), p.path, p.message);
                    }
                }
            }
        }
    }
    if all_valid {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
