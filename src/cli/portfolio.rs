//! `tafel portfolio [PROJECT]`: what the approach yields across the cases of a project (or
//! every project), as text, Markdown, HTML or JSON. The figures come from the figures
//! cache beside the library index (`store::figures`), checked against every file.

use std::path::Path;
use std::process::ExitCode;

use super::{CmdResult, CompareFormat, Failure};
use crate::catalog::Catalog;
use crate::i18n::Lang;
use crate::model::costs::PriceLevel;
use crate::report::portfolio::{Audience, document, json};
use crate::store::{self, Library};

/// What `tafel portfolio` was asked for.
pub struct Request<'a> {
    pub project: Option<&'a str>,
    pub format: CompareFormat,
    pub output: Option<&'a Path>,
    pub anonymous: bool,
    pub price_year: Option<PriceLevel>,
    pub include_demo: bool,
    pub include_unconsented: bool,
}

pub fn run(lib: &Library, lang: Lang, today: chrono::NaiveDate, req: &Request) -> CmdResult {
    let r = &lang.texts().report;
    // Cases without consent count only in the facilitator's own view.
    if req.include_unconsented && (req.anonymous || req.format != CompareFormat::Text) {
        return Err(Failure(r.cli_unconsented_text_only.to_string()));
    }
    let level = req
        .price_year
        .unwrap_or_else(|| crate::report::portfolio::default_level(&Catalog::builtin()));
    let crate::report::portfolio::Gathered {
        portfolio,
        hygiene,
        demo_left_out,
        figures,
        // Held to the end: the cache is written while the portfolio is built and shown.
        cache_write: _cache_write,
    } = crate::report::portfolio::gather(
        lib,
        level,
        req.project,
        today,
        req.include_demo,
        req.include_unconsented,
    )
    .map_err(|e| {
        Failure(format!(
            "{} [{e}]",
            (lang.texts().cli_cannot_open_library)(&lib.root().display().to_string())
        ))
    })?;
    if demo_left_out > 0 {
        errln!("tafel: {}", (r.cli_skipped_demo)(&demo_left_out));
    }
    if req.project.is_some() && portfolio.projects.is_empty() {
        return Err(Failure((r.cli_no_such_project)(
            &req.project.unwrap_or_default(),
        )));
    }
    let audience = if req.anonymous {
        Audience::Anonymous {
            min_cases: store::config::anonymous_min_cases(lib.root()),
        }
    } else {
        Audience::Team
    };
    let text = if req.format == CompareFormat::Json {
        json(&portfolio, &hygiene, lang, audience).map_err(|e| Failure(e.to_string()))?
    } else {
        let learned = if req.anonymous {
            Vec::new()
        } else {
            crate::report::portfolio::learned(lib, &portfolio)
        };
        let doc = document(&portfolio, &hygiene, &learned, lang, audience);
        match req.format {
            CompareFormat::Markdown => crate::report::markdown::render(&doc),
            CompareFormat::Html => crate::report::html::render(&doc),
            _ => crate::report::text::render(&doc),
        }
    };
    match req.output {
        Some(path) => {
            // Noted in the manifest like any report: it names cases and holds what the
            // tables learned, so deleting one of its sessions removes it too.
            let sessions: Vec<uuid::Uuid> = figures
                .iter()
                .filter(|f| req.project.is_none_or(|p| f.project == p))
                .map(|f| f.session_id)
                .collect();
            let files = [(path.to_path_buf(), text.into_bytes())];
            let written = store::exports::write(lib.root(), &files, None, &sessions, req.anonymous)
                .map_err(|e| Failure(e.explain(lang)))?;
            for p in written {
                outln!("{}", p.display());
            }
        }
        None if req.format == CompareFormat::Json => super::emit_json(&text),
        None => super::emit(&text),
    }
    Ok(ExitCode::SUCCESS)
}
