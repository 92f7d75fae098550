//! `tafel list`: the sessions in the library, as a table or as JSON.

use std::process::ExitCode;

use serde_json::json;

use super::CmdResult;
use crate::i18n::Lang;
use crate::i18n::format::date as display_date;
use crate::store::{Entry, Library};

/// A path as text: paths that are not valid UTF-8 are shown with U+FFFD in the odd places
/// (JSON cannot hold them otherwise).
fn text(p: &std::path::Path) -> String {
    p.to_string_lossy().into_owned()
}

pub fn run(lib: &Library, lang: Lang, today: chrono::NaiveDate, as_json: bool) -> CmdResult {
    let entries = lib.scan().map_err(|source| {
        let e = crate::store::ResolveError::Io {
            path: lib.sessions_dir(),
            source,
        };
        super::Failure(e.explain(lang))
    })?;
    let ends = crate::store::series_ends(entries.iter().filter_map(|e| match e {
        Entry::Session(s) => Some(&**s),
        Entry::Unreadable { .. } => None,
    }));
    // An encrypted library says so, with how many keys open it, and whether a change of
    // its keys was left unfinished.
    let sealing = crate::store::vault::sealing_of(lib.root()).ok().flatten();
    let settings = crate::store::vault::settings::Settings::read(lib.root()).unwrap_or_default();
    let unfinished = settings.unfinished;
    // Keys not confirmed on this laptop, a changed key, members without the library key.
    let key_notices = crate::store::vault::notice_lines(lib.root(), lang);
    // A delete for good that a kill stopped half-way (finished by the next delete, purge
    // or start of tafel; `list` only reads).
    let unfinished_deletes = lib.unfinished_deletes();
    if as_json {
        let code =
            |r: crate::model::EndReason| serde_json::to_value(r).unwrap_or(serde_json::Value::Null);
        let sessions: Vec<_> = entries
            .iter()
            .filter_map(|e| match e {
                Entry::Session(s) if !s.is_copy() => Some(json!({
                    "id": s.id,
                    "series_id": s.series_id,
                    "case_code": s.case_code,
                    "project": s.project,
                    "wave": format!("T{}", s.wave),
                    "date": s.date,
                    "created_at": s.created_at,
                    "updated_at": s.updated_at,
                    "follow_up_due": s.follow_up_due,
                    "retention_until": s.retention_until,
                    "phases_started": s.phases_started,
                    "read_only": s.newer_version.is_some(),
                    "series_status": if ends.contains_key(&s.series_id) { "ended" } else { "active" },
                    "series_end_reason": ends.get(&s.series_id).map(|e| code(e.reason)),
                    "series_ended_on": ends.get(&s.series_id).and_then(|e| e.on),
                    "path": text(&s.path),
                })),
                Entry::Session(_) | Entry::Unreadable { .. } => None,
            })
            .collect();
        // Files that hold a session under another name: listed, never counted.
        let copies: Vec<_> = entries
            .iter()
            .filter_map(|e| match e {
                Entry::Session(s) if s.is_copy() => Some(json!({
                    "path": text(&s.path),
                    // The sync service whose conflicted copy it is, when its name says so.
                    "conflict": s.conflict().map(crate::store::SyncConflict::tool),
                    "id": s.id,
                    "case_code": s.case_code,
                    "wave": format!("T{}", s.wave),
                    "updated_at": s.updated_at,
                })),
                Entry::Session(_) | Entry::Unreadable { .. } => None,
            })
            .collect();
        let unreadable: Vec<_> = entries
            .iter()
            .filter_map(|e| match e {
                Entry::Unreadable { path, error } => {
                    Some(json!({"path": text(path), "reason": error.reason()}))
                }
                Entry::Session(_) => None,
            })
            .collect();
        let out = json!({
            "data_dir": text(lib.root()),
            "encrypted": sealing.is_some(),
            "unfinished": unfinished,
            "unfinished_deletes": unfinished_deletes,
            "key_notices": key_notices,
            // In an encrypted library: session files still in plain text.
            "not_encrypted": sealing
                .as_ref()
                .map(|_| crate::store::vault::plain_session_files(lib.root()).iter().map(|p| text(p)).collect::<Vec<_>>())
                .unwrap_or_default(),
            "sessions": sessions,
            "copies": copies,
            "unreadable": unreadable,
        });
        // A `Value` made of strings and numbers always serialises.
        let text = serde_json::to_string_pretty(&out).unwrap_or_default();
        super::emit_json(&format!("{text}\n"));
        return Ok(ExitCode::SUCCESS);
    }
    let t = lang.texts();
    if unfinished {
        errln!("tafel: {}", t.vault.unfinished);
    }
    if unfinished_deletes > 0 {
        errln!("tafel: {}", (t.cli_unfinished_delete)(&unfinished_deletes));
    }
    for line in &key_notices {
        errln!("tafel: {line}");
    }
    if sealing.is_some() {
        let given = settings
            .library
            .as_ref()
            .map_or(settings.recipients.len(), |l| l.wrapped.len());
        outln!("{}", (t.vault.list_line)(given));
        let plain = crate::store::vault::plain_session_files(lib.root());
        if !plain.is_empty() {
            errln!("tafel: {}", (t.vault.plain_files)(plain.len()));
            for p in plain.iter().take(5) {
                errln!("  {}", p.display());
            }
        }
    }
    if entries.is_empty() {
        outln!("{}", t.cli_no_sessions);
        return Ok(ExitCode::SUCCESS);
    }
    let mut sessions: Vec<_> = entries
        .iter()
        .filter_map(|e| match e {
            Entry::Session(s) if !s.is_copy() => Some(s),
            _ => None,
        })
        .collect();
    sessions.sort_by(|a, b| (&a.case_code, a.wave, a.id).cmp(&(&b.case_code, b.wave, b.id)));
    // Dates are as long as the language writes them ("14 Oct 2025" is one longer than
    // "14-10-2025"): the columns take the longest.
    let date_w = display_date(
        chrono::NaiveDate::from_ymd_opt(2025, 10, 14).unwrap_or(today),
        lang,
    )
    .chars()
    .count()
    .max(t.f_date.chars().count());
    let due_w = (date_w + 2)
        .max(t.ui.series_ended_word.chars().count())
        .max(t.f_follow_up.chars().count());
    outln!(
        "{:<8}  {:<10}  {:<24}  {:<6}  {:<date_w$}  {:<16}  {:<due_w$}  {}",
        "id",
        t.f_case_code,
        t.f_project,
        t.f_wave,
        t.f_date,
        t.f_updated,
        t.f_follow_up,
        t.f_progress
    );
    for s in &sessions {
        let has_later_wave = sessions
            .iter()
            .any(|o| o.series_id == s.series_id && o.wave > s.wave);
        let due = match s.follow_up_due {
            Some(_) if has_later_wave => "-".to_string(),
            // An ended series is never overdue.
            _ if ends.contains_key(&s.series_id) => t.ui.series_ended_word.to_string(),
            Some(d) if d <= today => format!("{}!", display_date(d, lang)),
            Some(d) => display_date(d, lang),
            None => String::new(),
        };
        let progress: String = s
            .phases_started
            .iter()
            .map(|b| if *b { '■' } else { '□' })
            .collect();
        outln!(
            "{:<8}  {:<10}  {:<24}  {:<6}  {:<date_w$}  {:<16}  {:<due_w$}  {}{}",
            &s.id.to_string()[..8],
            truncate(&s.case_code, 10),
            truncate(&s.project, 24),
            format!("T{}", s.wave),
            s.date.map(|d| display_date(d, lang)).unwrap_or_default(),
            s.updated_at.format("%Y-%m-%d %H:%M"),
            due,
            progress,
            if s.newer_version.is_some() {
                format!("  ({})", t.cli_read_only_newer)
            } else {
                String::new()
            },
        );
    }
    for e in &entries {
        if let Entry::Session(s) = e
            && s.is_copy()
        {
            let what = match s.conflict() {
                Some(c) => format!("{} ({})", t.cli_conflict_listed, c.tool()),
                None => t.cli_copy_listed.to_string(),
            };
            outln!(
                "{}: {}: {} T{} ({})",
                what,
                s.path.display(),
                s.case_code,
                s.wave,
                s.id
            );
        }
    }
    for e in &entries {
        if let Entry::Unreadable { path, error } = e {
            outln!(
                "{}: {}: {}",
                t.cli_unreadable,
                path.display(),
                error.explain(lang)
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn truncate(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        s.chars()
            .take(max - 1)
            .chain(std::iter::once('…'))
            .collect()
    }
}
