//! Ctrl+E: the open session or comparison as an HTML report in `<data-dir>/exports/`,
//! noted in the manifest of exports so deleting the session finds it.

use std::path::{Path, PathBuf};

use crate::app::state::{App, Level, Screen};

/// Writes the open session or comparison as an HTML report into `<data-dir>/exports/`
/// and says where. A file of that name made from other sessions (two case codes can
/// give one file name) is never replaced: the new one gets the session's short id.
pub(crate) fn export_current(app: &mut App) {
    let lang = app.lang;
    let t = lang.texts();
    // The same warning `tafel export` gives when consent does not cover sharing.
    let warning = match &app.screen {
        Screen::Session(v) => crate::report::export::reporting_consent(&v.session)
            .err()
            .map(|why| (t.report.cli_consent_warning)(&why.explain(lang))),
        _ => None,
    };
    let (name, kind, html, sessions) = match &app.screen {
        Screen::Session(v) => {
            let format = crate::report::export::Format::Html;
            let name = crate::report::export::suggested_name(&v.session, format, false);
            match crate::report::export::export_session(&v.session, lang, format, false) {
                crate::report::export::Exported::File(text) => {
                    (name, v.session.wave_label(), text, vec![v.session.id])
                }
                crate::report::export::Exported::Folder(_) => return,
            }
        }
        Screen::Compare(c) => {
            let k = &c.comparison;
            let case = crate::report::export::file_name_part(&k.later.case_code);
            (
                format!("{case}-{}-{}.html", k.earlier.wave, k.later.wave),
                format!("{}-{}", k.earlier.wave, k.later.wave),
                crate::report::compare::html(k, lang, Some([&c.sessions[0], &c.sessions[1]])),
                vec![k.earlier.id, k.later.id],
            )
        }
        Screen::Portfolio(p) => match &p.ready {
            Some(ready) => (
                format!(
                    "portfolio-{}.html",
                    crate::report::export::file_name_part(&p.project)
                ),
                "portfolio".to_string(),
                ready.html.clone(),
                ready.sessions.clone(),
            ),
            None => return,
        },
        _ => return,
    };
    match write_export(app, (&name, &kind), &html, &sessions) {
        Ok(path) => {
            let text = written_message(app, &path, (t.ui.exported)(&path.display().to_string()));
            match warning {
                Some(w) => app.say(Level::Warning, format!("{text} {w}")),
                None => app.say(Level::Info, text),
            }
        }
        Err(e) => app.say(Level::Error, format!("{} {e}", t.ui.export_failed)),
    }
}

/// Writes `text` as `name` into `<data-dir>/exports/` (see [`export_target`]), noted in
/// the manifest of exports before it has its name (see [`crate::store::exports::write`]);
/// the path, or why not.
pub(crate) fn write_export(
    app: &App,
    (name, kind): (&str, &str),
    text: &str,
    sessions: &[uuid::Uuid],
) -> Result<PathBuf, String> {
    let root = app.library.root();
    let dir = crate::store::exports::exports_dir(root);
    let sealing = crate::store::vault::sealing_of(root).map_err(|e| e.explain(app.lang))?;
    // In an encrypted library the name tells the sync service nothing either: the
    // session's short id instead of the case code, and `.age` as the age tools name it
    // (the content is encrypted on its way to disk).
    let name = match &sealing {
        Some(_) => sealed_name(name, kind, sessions),
        None => name.to_string(),
    };
    crate::store::paths::ensure_private_dir(&dir, true).map_err(|e| e.explain(app.lang))?;
    let path = export_target(root, &dir, &name, sessions);
    let files = [(path, text.as_bytes().to_vec())];
    crate::store::exports::write(root, &files, None, sessions, false)
        .map_err(|e| e.explain(app.lang))?
        .pop()
        .ok_or_else(|| name.clone())
}

/// An export's name in an encrypted library: the first session's short id and `kind`
/// (the wave, or which waves), so no case code or project shows in a file name, with the
/// extension(s) of `name` and `.age`, as the age tools name an encrypted file.
fn sealed_name(name: &str, kind: &str, sessions: &[uuid::Uuid]) -> String {
    let short = sessions
        .first()
        .map(crate::model::short_id)
        .unwrap_or_else(|| "export".into());
    let ext = name.split_once('.').map_or("html", |(_, e)| e);
    format!(
        "{short}-{kind}.{ext}.{}",
        crate::store::vault::SEALED_EXTENSION
    )
}

/// The message after an export was written: where it went, or for an export written
/// encrypted (`.age`) how to make it readable, outside the shared folder, to print; that
/// command is what matters then, and a status line has room for one of the two.
pub(crate) fn written_message(app: &App, path: &Path, plain: String) -> String {
    if path
        .extension()
        .is_none_or(|e| e != crate::store::vault::SEALED_EXTENSION)
    {
        return plain;
    }
    let plain_name = path.with_extension("");
    let plain_name = plain_name
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    (app.lang.texts().vault.sealed_export_hint)(&plain_name)
}

/// Where an export named `name` of `sessions` goes in `dir`: that name when it is free
/// or holds an earlier export of the same sessions; otherwise the name with the first
/// session's short id (and a number, should that be taken too).
pub(crate) fn export_target(
    data_dir: &Path,
    dir: &Path,
    name: &str,
    sessions: &[uuid::Uuid],
) -> PathBuf {
    let ours = |p: &Path| {
        std::fs::symlink_metadata(p).is_err()
            || crate::store::exports::owner_of(data_dir, p).is_some_and(|o| o == sessions)
    };
    let first = dir.join(name);
    if ours(&first) {
        return first;
    }
    // At the first dot: `x.handout.html` and `x.html.age` keep their whole extension.
    let (stem, ext) = name.split_once('.').unwrap_or((name, "html"));
    let short = sessions
        .first()
        .map(crate::model::short_id)
        .unwrap_or_default();
    let mut n = 1;
    loop {
        let candidate = if n == 1 {
            dir.join(format!("{stem}-{short}.{ext}"))
        } else {
            dir.join(format!("{stem}-{short}-{n}.{ext}"))
        };
        if ours(&candidate) {
            return candidate;
        }
        n += 1;
    }
}
