//! Exports as library functions, shared by `tafel export` and the interactive program:
//! each returns the text of the export, [`Exported::files_at`] says which files it makes,
//! and [`crate::store::exports::write`] puts them on disk (noted in the manifest first).
//!
//! - [`export_session`]: one session as a report (Markdown, HTML), as JSON, or as the flat
//!   tables (CSV: a folder of four files; JSON lines: one file).
//! - [`export_library`]: many sessions as flat tables, leaving out every session whose
//!   consent does not cover reporting (see [`reporting_consent`]).
//!
//! With `anonymous`, every format renders the same anonymised copy
//! ([`super::anonymous`]); in a library export one anonymiser serves all sessions, so the
//! waves of a case keep one label.

use std::io;
use std::path::{Path, PathBuf};

use crate::i18n::Lang;
use crate::model::{ConsentScope, Session};

use super::anonymous::Anonymiser;
use super::flat::Tables;
use super::{document, html, json, markdown};

/// The formats of `tafel export`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Markdown,
    Html,
    /// The participant's handout: HTML for A4 ([`super::handout`]).
    Handout,
    Json,
    /// The flat tables, one CSV file each, in a folder.
    Csv,
    /// The flat tables as JSON lines, one file.
    Jsonl,
}

impl Format {
    /// The file extension of a single-file export; none for CSV (a folder).
    pub fn extension(self) -> Option<&'static str> {
        match self {
            Format::Markdown => Some("md"),
            Format::Html => Some("html"),
            Format::Handout => Some("handout.html"),
            Format::Json => Some("json"),
            Format::Jsonl => Some("jsonl"),
            Format::Csv => None,
        }
    }

    /// The flat-table formats, the only ones a library export has.
    pub fn is_tables(self) -> bool {
        matches!(self, Format::Csv | Format::Jsonl)
    }
}

/// The result of an export, not yet written anywhere.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Exported {
    /// One file's text.
    File(String),
    /// Files for one folder: name and text.
    Folder(Vec<(String, String)>),
}

impl Exported {
    /// The files the export makes at `path`: that file, or for a folder export the
    /// folder's files (see [`Exported::folder_at`]). A file export refuses a folder in
    /// its place.
    pub fn files_at(&self, path: &Path) -> io::Result<Vec<(PathBuf, Vec<u8>)>> {
        match self {
            Exported::File(text) => {
                if path.is_dir() {
                    return Err(io::Error::new(
                        io::ErrorKind::IsADirectory,
                        format!("{} is a folder; give a file name", path.display()),
                    ));
                }
                Ok(vec![(path.to_path_buf(), text.as_bytes().to_vec())])
            }
            Exported::Folder(files) => Ok(files
                .iter()
                .map(|(name, text)| (path.join(name), text.as_bytes().to_vec()))
                .collect()),
        }
    }

    /// The folder a folder export at `path` makes when it does not exist yet.
    pub fn folder_at<'a>(&self, path: &'a Path) -> Option<&'a Path> {
        matches!(self, Exported::Folder(_)).then_some(path)
    }
}

/// The session as an export shows it: itself, or with `anonymous` its anonymised copy.
fn as_exported(session: &Session, lang: Lang, anonymous: bool) -> std::borrow::Cow<'_, Session> {
    if anonymous {
        std::borrow::Cow::Owned(Anonymiser::new(lang).session(session))
    } else {
        std::borrow::Cow::Borrowed(session)
    }
}

/// One session in `format`. With `anonymous`, the anonymised copy is exported.
pub fn export_session(session: &Session, lang: Lang, format: Format, anonymous: bool) -> Exported {
    let s = &*as_exported(session, lang, anonymous);
    match format {
        Format::Markdown => Exported::File(markdown::render(&document::build(s, lang, anonymous))),
        Format::Html => Exported::File(html::render(&document::build(s, lang, anonymous))),
        // The participant's own copy: it never holds anyone else's alias (and never
        // costs), with or without --anonymous.
        Format::Handout => Exported::File(super::handout::Handout::of(session, lang).html()),
        Format::Json => Exported::File(json::render(s, lang, anonymous)),
        Format::Csv => Exported::Folder(Tables::of(s, lang, anonymous).to_csv_files()),
        Format::Jsonl => Exported::File(Tables::of(s, lang, anonymous).to_jsonl()),
    }
}

/// The wall alone, on an A3 landscape page.
pub fn wall_page(session: &Session, lang: Lang, anonymous: bool) -> String {
    let s = &*as_exported(session, lang, anonymous);
    let t = lang.texts();
    let heading = format!(
        "{} · {} {}",
        t.ui.wall_title,
        s.preparation.case_code,
        s.wave_label()
    );
    super::wall::page(&document::wall_chart(s, lang, &heading), lang, &heading)
}

/// Why a session's consent does not allow it into a library export.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum NoConsent {
    NotGiven,
    SessionOnly,
    Withdrawn,
}

impl NoConsent {
    /// Why, in the user's language (the words `tafel export` and Ctrl+E both use).
    pub fn explain(self, lang: Lang) -> &'static str {
        let r = &lang.texts().report;
        match self {
            NoConsent::NotGiven => r.no_consent_given,
            NoConsent::SessionOnly => r.no_consent_session_only,
            NoConsent::Withdrawn => r.no_consent_withdrawn,
        }
    }
}

/// Whether the participant consented to anonymised reporting beyond the session.
pub fn reporting_consent(s: &Session) -> Result<(), NoConsent> {
    let c = &s.preparation.consent;
    if !c.given {
        Err(NoConsent::NotGiven)
    } else if c.withdrawn_on.is_some() {
        Err(NoConsent::Withdrawn)
    } else if c.scope == ConsentScope::SessionOnly {
        Err(NoConsent::SessionOnly)
    } else {
        Ok(())
    }
}

/// A library export and what it left out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LibraryExport {
    pub exported: Exported,
    /// Sessions in the tables.
    pub sessions: usize,
    pub scores: usize,
    pub cost_lines: usize,
    pub events: usize,
    /// Sessions left out because their consent does not cover reporting, with the reason.
    pub skipped: Vec<NoConsent>,
}

/// Many sessions as flat tables (`format` must be CSV or JSON lines; any other is treated
/// as JSON lines). Sessions without consent for reporting are left out and counted.
/// Sessions are ordered by project, case and wave (by label, when anonymous).
pub fn export_library(
    sessions: &[Session],
    lang: Lang,
    format: Format,
    anonymous: bool,
) -> LibraryExport {
    let mut skipped = Vec::new();
    let mut kept: Vec<Session> = Vec::new();
    let mut anonymiser = Anonymiser::new(lang);
    for s in sessions {
        match reporting_consent(s) {
            Err(why) => skipped.push(why),
            Ok(()) if anonymous => kept.push(anonymiser.session(s)),
            Ok(()) => kept.push(s.clone()),
        }
    }
    kept.sort_by(|a, b| {
        let key = |s: &Session| {
            (
                s.preparation.project.clone(),
                s.preparation.case_code.clone(),
                s.preparation.wave,
                s.preparation.date,
                s.id,
            )
        };
        key(a).cmp(&key(b))
    });
    let mut tables = Tables::new();
    // A series' status is that of its latest wave, on every row of the series.
    tables.series_ends = crate::model::series::latest_ends(kept.iter().map(|s| {
        (
            s.series_id,
            s.preparation.wave,
            s.wrap_up.series_end.as_ref().map(|e| (e.reason, e.on)),
        )
    }));
    for s in &kept {
        tables.add(s, lang, anonymous);
    }
    let exported = match format {
        Format::Csv => Exported::Folder(tables.to_csv_files()),
        _ => Exported::File(tables.to_jsonl()),
    };
    LibraryExport {
        exported,
        sessions: tables.sessions.rows.len(),
        scores: tables.scores.rows.len(),
        cost_lines: tables.cost_lines.rows.len(),
        events: tables.events.rows.len(),
        skipped,
    }
}

/// A file name for exporting `session` (a folder name for CSV), from its case code and
/// wave: `GR-07-T0.html`. Anonymous exports get a name without the case code.
pub fn suggested_name(session: &Session, format: Format, anonymous: bool) -> String {
    let case = file_name_part(&session.preparation.case_code);
    let base = if anonymous {
        format!("anonymous-{}", session.wave_label())
    } else if case.trim_matches('-').is_empty() {
        format!("session-{}", crate::model::short_id(&session.id))
    } else {
        format!("{case}-{}", session.wave_label())
    };
    match format.extension() {
        Some(ext) => format!("{base}.{ext}"),
        None => format!("{base}-tables"),
    }
}

/// A case code as part of a file name: letters, digits, `-` and `_` stay, everything
/// else (a `/`, a space, a dot) becomes `-`; at most 64 characters. Two codes can give
/// the same part ("GR/07", "GR 07"): callers that write into a shared folder must not
/// let one replace the other (see [`crate::store::exports::owner_of`]).
pub fn file_name_part(case_code: &str) -> String {
    case_code
        .trim()
        .chars()
        .take(64)
        .map(|c| {
            if c.is_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '-'
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::Catalog;
    use std::fs;

    #[test]
    fn consent_decides_what_leaves_the_table() {
        let all = crate::demo::sessions(&Catalog::builtin());
        let out = export_library(&all, Lang::Nl, Format::Jsonl, false);
        assert_eq!(out.sessions, all.len() - 1);
        assert_eq!(out.skipped, vec![NoConsent::SessionOnly]);
        let Exported::File(text) = out.exported else {
            panic!("json lines are one file")
        };
        assert!(!text.contains("GR-11"), "the session_only case stays out");
        let mut s = all[0].clone();
        s.preparation.consent.given = false;
        assert_eq!(reporting_consent(&s), Err(NoConsent::NotGiven));
        s.preparation.consent.given = true;
        s.preparation.consent.withdrawn_on = s.preparation.date;
        assert_eq!(reporting_consent(&s), Err(NoConsent::Withdrawn));
    }

    #[test]
    fn names_files_after_the_case_and_wave() {
        let mut s = crate::demo::sessions(&Catalog::builtin())[0].clone();
        s.preparation.case_code = "GR/07 x".into();
        assert_eq!(suggested_name(&s, Format::Html, false), "GR-07-x-T0.html");
        assert_eq!(suggested_name(&s, Format::Csv, false), "GR-07-x-T0-tables");
        assert_eq!(
            suggested_name(&s, Format::Markdown, true),
            "anonymous-T0.md"
        );
    }

    #[test]
    fn writes_a_file_or_a_folder_privately() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("data");
        let s = &crate::demo::sessions(&Catalog::builtin())[0];
        let write = |e: &Exported, at: &Path| {
            let files = e.files_at(at)?;
            crate::store::exports::write(&data, &files, e.folder_at(at), &[s.id], false)
                .map_err(|e| io::Error::other(e.to_string()))
        };
        let file = dir.path().join("r.md");
        write(&export_session(s, Lang::En, Format::Markdown, false), &file).unwrap();
        assert_eq!(
            fs::metadata(&file).unwrap().permissions().mode() & 0o777,
            0o600
        );
        let folder = dir.path().join("tables");
        let written = write(&export_session(s, Lang::En, Format::Csv, false), &folder).unwrap();
        assert_eq!(written.len(), 4);
        assert!(folder.join("cost_lines.csv").is_file());
        assert!(
            write(&export_session(s, Lang::En, Format::Html, false), &folder).is_err(),
            "a file export refuses to replace a folder"
        );
        assert_eq!(
            crate::store::exports::holding(&data, &[s.id]).len(),
            5,
            "every file written is noted"
        );
    }
}
