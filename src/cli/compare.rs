//! `tafel compare A B`: two sessions side by side, as text, markdown or JSON.

use std::path::Path;
use std::process::ExitCode;

use super::{CmdResult, CompareFormat, Failure};
use crate::i18n::Lang;
use crate::model::compare::compare;
use crate::report::compare::{Style, json, render};
use crate::store::Library;

pub fn run(
    lib: &Library,
    lang: Lang,
    a: &str,
    b: &str,
    format: CompareFormat,
    output: Option<&Path>,
) -> CmdResult {
    let first = super::load(&super::find(lib, a, lang)?, lang)?;
    let second = super::load(&super::find(lib, b, lang)?, lang)?;
    let c = compare(&first.session, &second.session);
    let text = match format {
        CompareFormat::Text => render(&c, lang, Style::Text),
        CompareFormat::Markdown => render(&c, lang, Style::Markdown),
        CompareFormat::Json => json(&c)? + "\n",
        CompareFormat::Html => crate::report::compare::html(&c, lang),
    };
    if !c.same_series {
        eprintln!("tafel: {}", lang.texts().ui.cmp_other_series);
    }
    match output {
        Some(path) => {
            crate::store::atomic::write_atomic(path, text.as_bytes()).map_err(|e| {
                let what = lang.texts().report.cli_write_failed;
                Failure(format!(
                    "{}: {e}",
                    what.replace("{}", &path.display().to_string())
                ))
            })?;
            outln!("{}", path.display());
        }
        None => super::emit(&text),
    }
    Ok(ExitCode::SUCCESS)
}
