//! `tafel end-series ID --reason R`: a series of tables ends (or, with `--reopen`, goes
//! on again). The end is written into the series' latest wave, under its lock, as the
//! wrap-up's "series" field would in the TUI; from then on no follow-up is due.

use std::process::ExitCode;

use chrono::NaiveDate;

use super::{CmdResult, Failure};
use crate::i18n::Lang;
use crate::model::{Clock, EndReason, SeriesEnd};
use crate::store::{self, Entry, Library, LockOutcome, SessionLock};

/// What `tafel end-series` was asked for.
pub struct Request<'a> {
    pub id: &'a str,
    pub reason: Option<EndReason>,
    pub on: Option<NaiveDate>,
    pub note: Option<&'a str>,
    pub reopen: bool,
}

pub fn run(lib: &Library, lang: Lang, today: NaiveDate, req: &Request) -> CmdResult {
    let t = lang.texts();
    let given = super::load(&super::find(lib, req.id, lang)?, lang)?;
    // The latest wave of the series speaks for it.
    let entries = lib.scan().map_err(|e| Failure(e.to_string()))?;
    let latest = entries
        .iter()
        .filter_map(|e| match e {
            Entry::Session(s) if s.series_id == given.session.series_id && !s.is_copy() => Some(s),
            _ => None,
        })
        .max_by_key(|s| (s.wave, s.updated_at))
        .map_or_else(|| given.path.clone(), |s| s.path.clone());
    let _lock = match SessionLock::for_file(&latest) {
        Ok(LockOutcome::Acquired(l)) => l,
        Ok(LockOutcome::HeldElsewhere(who)) => {
            let who = store::lock::describe(who.as_ref(), lang);
            return Err(Failure((t.ui.read_only_locked)(&who)));
        }
        Err(e) => return Err(Failure(e.explain(lang))),
    };
    let mut loaded = super::load(&latest, lang)?;
    if loaded.newer_version.is_some() {
        return Err(Failure(t.cli_read_only_newer.to_string()));
    }
    let s = &mut loaded.session;
    let wave = s.wave_label();
    let case = s.preparation.case_code.clone();
    if req.reopen {
        s.wrap_up.series_end = None;
    } else {
        let reason = req
            .reason
            .ok_or_else(|| Failure(t.cli_end_needs_reason.to_string()))?;
        let on = req.on.or(Some(today));
        let note = req.note.map_or_else(String::new, |n| n.trim().to_string());
        s.wrap_up.series_end = Some(SeriesEnd { reason, on, note });
    }
    s.touch(&Clock::on(today));
    lib.save(s)
        .map_err(|e| Failure(e.explain(lang).to_string()))?;
    match &s.wrap_up.series_end {
        Some(end) => outln!(
            "{}",
            (t.cli_series_ended)(
                &case,
                &t.end_reason(end.reason),
                &end.on
                    .map(|d| crate::i18n::format::date(d, lang))
                    .unwrap_or_default(),
                &wave
            )
        ),
        None => outln!("{}", (t.cli_series_reopened)(&case, &wave)),
    }
    Ok(ExitCode::SUCCESS)
}
