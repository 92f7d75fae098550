//! `tafel compare A B`: two sessions side by side, as text, markdown or JSON.

use std::path::Path;
use std::process::ExitCode;

use super::{CmdResult, CompareFormat, Failure};
use crate::i18n::Lang;
use crate::model::compare::compare;
use crate::report::compare::{html, json, markdown, text};
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
        CompareFormat::Text => text(&c, lang),
        CompareFormat::Markdown => markdown(&c, lang),
        CompareFormat::Json => json(&c).map_err(|e| Failure(e.to_string()))? + "\n",
        CompareFormat::Html => html(&c, lang, Some([&first.session, &second.session])),
    };
    if !c.same_series {
        errln!("tafel: {}", lang.texts().ui.cmp_other_series);
    }
    match output {
        Some(path) => {
            let sessions = [first.session.id, second.session.id];
            let files = [(path.to_path_buf(), text.into_bytes())];
            let written = crate::store::exports::write(lib.root(), &files, None, &sessions, false)
                .map_err(|e| Failure(e.explain(lang)))?;
            for p in written {
                outln!("{}", p.display());
            }
        }
        None if format == CompareFormat::Json => super::emit_json(&text),
        None => super::emit(&text),
    }
    Ok(ExitCode::SUCCESS)
}
