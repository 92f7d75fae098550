//! `tafel export`: one session as a report (Markdown, HTML), JSON or flat tables, or with
//! `--all` the whole library as flat tables (CSV or JSON lines). The exports themselves
//! are built in [`crate::report::export`]; this file finds the sessions, says what was
//! skipped and why, and writes to standard output, a file or a folder.
//!
//! Standard output carries only the export; messages go to standard error.

use std::collections::BTreeMap;
use std::fs;
use std::io::{self, IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;

use super::{CmdResult, ExportFormat, Failure};
use crate::i18n::Lang;
use crate::model::Session;
use crate::model::costs::PriceLevel;
use crate::report::export::{
    Exported, Format, NoConsent, export_library, export_session, reporting_consent,
};
use crate::store::{self, Library};

impl From<ExportFormat> for Format {
    fn from(f: ExportFormat) -> Format {
        match f {
            ExportFormat::Markdown => Format::Markdown,
            ExportFormat::Html => Format::Html,
            ExportFormat::Handout => Format::Handout,
            ExportFormat::Json => Format::Json,
            ExportFormat::Csv => Format::Csv,
            ExportFormat::Jsonl => Format::Jsonl,
        }
    }
}

/// What `tafel export` was asked for.
pub struct Request<'a> {
    pub id: Option<&'a str>,
    pub all: bool,
    pub format: ExportFormat,
    pub output: Option<&'a Path>,
    pub anonymous: bool,
    /// Only the wall (the two-lane timeline), on A3 (HTML only).
    pub wall: bool,
    pub include_demo: bool,
    /// One price level for every session exported, instead of each one's own.
    pub price_year: Option<PriceLevel>,
}

pub fn run(lib: &Library, lang: Lang, req: Request) -> CmdResult {
    let Request {
        id,
        all,
        format,
        output,
        anonymous,
        wall,
        include_demo,
        price_year,
    } = req;
    let index = crate::catalog::Catalog::builtin().prices.index;
    let at_level = |s: &mut Session| {
        if let Some(level) = price_year {
            s.costs.set_price_level(level, &index);
        }
    };
    let format = Format::from(format);
    let r = &lang.texts().report;
    if format == Format::Csv {
        check_csv_target(output, lang)?;
    }
    if all {
        if !format.is_tables() {
            return Err(Failure(r.cli_all_needs_tables.to_string()));
        }
        return run_all(
            lib,
            lang,
            format,
            output,
            anonymous,
            include_demo,
            &at_level,
        );
    }
    let Some(id) = id else {
        return Err(Failure(r.cli_which_session.to_string()));
    };
    let mut loaded = super::load(&super::find(lib, id, lang)?, lang)?;
    at_level(&mut loaded.session);
    // The handout is the participant's own copy: their consent for reporting does not
    // limit it.
    if format != Format::Handout
        && let Err(why) = reporting_consent(&loaded.session)
    {
        note(&(r.cli_consent_warning)(&reason(why, lang)));
    }
    let exported = if wall {
        if format != Format::Html {
            return Err(Failure(r.cli_wall_needs_html.to_string()));
        }
        Exported::File(crate::report::export::wall_page(
            &loaded.session,
            lang,
            anonymous,
        ))
    } else {
        export_session(&loaded.session, lang, format, anonymous)
    };
    let made = Made {
        format,
        sessions: &[loaded.session.id],
        anonymous,
        case_code: Some(&loaded.session.preparation.case_code),
    };
    deliver(lib, &exported, output, lang, &made)?;
    Ok(ExitCode::SUCCESS)
}

/// CSV is a folder of four files: refuse a missing `-o` or one that names a file.
fn check_csv_target(output: Option<&Path>, lang: Lang) -> Result<(), Failure> {
    let r = &lang.texts().report;
    match output {
        None => Err(Failure(r.cli_csv_needs_folder.to_string())),
        Some(p)
            if fs::metadata(p).is_ok_and(|m| !m.is_dir())
                || p.extension().is_some_and(|e| e.eq_ignore_ascii_case("csv")) =>
        {
            Err(Failure(format!(
                "{} {}",
                (r.cli_csv_not_a_folder)(&p.display().to_string()),
                r.cli_csv_needs_folder
            )))
        }
        Some(_) => Ok(()),
    }
}

fn run_all(
    lib: &Library,
    lang: Lang,
    format: Format,
    output: Option<&Path>,
    anonymous: bool,
    include_demo: bool,
    at_level: &dyn Fn(&mut Session),
) -> CmdResult {
    let r = &lang.texts().report;
    let dir = lib.sessions_dir();
    let mut paths: Vec<_> = fs::read_dir(&dir)
        .map_err(|source| {
            let e = store::ResolveError::Io {
                path: dir.clone(),
                source,
            };
            Failure(e.explain(lang))
        })?
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            p.file_name().is_some_and(|n| {
                let n = n.as_encoded_bytes();
                n.ends_with(b".json") && !store::atomic::is_temp_name(&String::from_utf8_lossy(n))
            })
        })
        .collect();
    paths.sort();
    let mut sessions: Vec<Session> = Vec::new();
    let mut demo = 0usize;
    for path in &paths {
        match store::load(path) {
            // A copy under another name (a backup, a sync conflict) is never counted twice.
            Ok(loaded) if store::is_copy_name(path, loaded.session.id) => note(&format!(
                "{}{}: {}",
                (r.cli_skipped_copy)(&loaded.session.id.to_string()),
                store::sync_conflict(path, loaded.session.id)
                    .map(|c| format!(" [{}: {}]", lang.texts().cli_conflict_listed, c.tool()))
                    .unwrap_or_default(),
                path.display()
            )),
            // The fictional demo cases stay out unless asked for.
            Ok(loaded)
                if !include_demo
                    && crate::model::is_demo_case(&loaded.session.preparation.case_code) =>
            {
                demo += 1;
            }
            Ok(mut loaded) => {
                at_level(&mut loaded.session);
                sessions.push(loaded.session);
            }
            Err(e) => note(&format!(
                "{}: {}: {}",
                r.cli_skipped_unreadable,
                path.display(),
                e.explain(lang)
            )),
        }
    }
    if demo > 0 {
        note(&(r.cli_skipped_demo)(&demo));
    }
    let out = export_library(&sessions, lang, format, anonymous);
    if !out.skipped.is_empty() {
        let mut why: BTreeMap<NoConsent, usize> = BTreeMap::new();
        for w in &out.skipped {
            *why.entry(*w).or_default() += 1;
        }
        let reasons: Vec<String> = why
            .iter()
            .map(|(w, n)| format!("{}: {n}", reason(*w, lang)))
            .collect();
        note(&format!(
            "{} ({})",
            (r.cli_skipped_consent)(&out.skipped.len().to_string()),
            reasons.join("; ")
        ));
    }
    let ids: Vec<uuid::Uuid> = sessions.iter().map(|s| s.id).collect();
    let made = Made {
        format,
        sessions: &ids,
        anonymous,
        case_code: None,
    };
    deliver(lib, &out.exported, output, lang, &made)?;
    note(&(r.cli_exported_all)(
        &out.sessions.to_string(),
        &out.scores.to_string(),
        &out.cost_lines.to_string(),
        &out.events.to_string(),
    ));
    Ok(ExitCode::SUCCESS)
}

fn reason(why: NoConsent, lang: Lang) -> &'static str {
    why.explain(lang)
}

fn note(message: &str) {
    errln!("tafel: {message}");
}

/// What was exported, for the manifest of exports (see [`store::exports`]).
struct Made<'a> {
    format: Format,
    sessions: &'a [uuid::Uuid],
    anonymous: bool,
    /// The case code of a report of one session (its file name is checked for it).
    case_code: Option<&'a str>,
}

/// Writes the export to standard output, or to `output` and says where. JSON keeps its
/// value exactly but never carries a character a terminal would act on; a report printed
/// on a terminal shows such characters visibly (piped, it stays exact). A file written is
/// noted in the manifest of exports, so deleting the session finds it.
fn deliver(
    lib: &Library,
    exported: &Exported,
    output: Option<&Path>,
    lang: Lang,
    made: &Made,
) -> Result<(), Failure> {
    let r = &lang.texts().report;
    match (exported, output) {
        (Exported::File(text), None) => {
            let text = match made.format {
                Format::Json | Format::Jsonl => crate::report::escape::json(text),
                _ if io::stdout().is_terminal() => crate::report::escape::terminal(text),
                _ => std::borrow::Cow::Borrowed(text.as_str()),
            };
            let mut stdout = io::stdout().lock();
            match stdout
                .write_all(text.as_bytes())
                .and_then(|()| stdout.flush())
            {
                // A reader that stops early (`| head`) is not an error.
                Err(e) if e.kind() != io::ErrorKind::BrokenPipe => {
                    Err(Failure(format!("{}: {e}", (r.cli_write_failed)(&"stdout"))))
                }
                _ => Ok(()),
            }
        }
        (Exported::Folder(_), None) => Err(Failure(r.cli_csv_needs_folder.to_string())),
        (_, Some(path)) => {
            let files = exported.files_at(path).map_err(|e| {
                Failure(format!(
                    "{}: {e}",
                    (r.cli_write_failed)(&path.display().to_string())
                ))
            })?;
            let written = store::exports::write(
                lib.root(),
                &files,
                exported.folder_at(path),
                made.sessions,
                made.anonymous,
            )
            .map_err(|e| Failure(e.explain(lang)))?;
            for p in &written {
                note(&(r.cli_written)(&p.display().to_string()));
                // Encrypted, but named after the case: the sync service reads names.
                let name = p.file_name().map(|n| n.to_string_lossy().to_lowercase());
                let case = made
                    .case_code
                    .map(|c| crate::report::export::file_name_part(c).to_lowercase())
                    .filter(|c| c.trim_matches('-').len() >= 2);
                if p.extension()
                    .is_some_and(|e| e == store::vault::SEALED_EXTENSION)
                    && let (Some(name), Some(case)) = (name, case)
                    && name.contains(&case)
                {
                    note(lang.texts().vault.case_in_name);
                }
            }
            Ok(())
        }
    }
}
