//! The participant's handout of every demo case, in both languages: every agreement and
//! the next date are in it; no amount of money and no alias but the participant's own;
//! short sentences (plain language, B1).

mod common;

use tafel::catalog::Catalog;
use tafel::i18n::Lang;
use tafel::i18n::format::date;
use tafel::model::AttendeeKind;
use tafel::report::handout::{Handout, mean_sentence_words};

/// The words of `text`, lower case: a name is found only as a whole word.
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

#[test]
fn every_demo_handout_holds_the_agreements_and_next_date_and_nothing_it_must_not() {
    for s in tafel::demo::sessions(&Catalog::builtin()) {
        for lang in [Lang::Nl, Lang::En] {
            let h = Handout::of(&s, lang);
            let html = h.html();
            let plain = h.plain();
            let case = format!("{} {}", s.preparation.case_code, lang.code());
            let role_of = |alias: &str| {
                s.preparation
                    .attendees
                    .iter()
                    .find(|a| a.alias == alias)
                    .map(|a| a.role.clone())
            };
            // Every agreement, with its professional named by role.
            assert!(
                !s.wrap_up.agreements.is_empty(),
                "{case}: demo has agreements"
            );
            let others: Vec<&str> = s
                .preparation
                .attendees
                .iter()
                .filter(|p| p.kind != AttendeeKind::Participant)
                .map(|p| p.alias.as_str())
                .collect();
            for a in &s.wrap_up.agreements {
                // Every part of it between the names of others (those become roles).
                let mut what = a.what.trim_end_matches('.').to_string();
                for alias in &others {
                    what = what.replace(alias, "\u{0}");
                }
                for part in what.split('\u{0}').map(str::trim).filter(|p| !p.is_empty()) {
                    assert!(
                        plain.contains(part),
                        "{case}: agreement part '{part}' in\n{plain}"
                    );
                }
                if let Some(role) = role_of(&a.who).filter(|_| {
                    s.preparation
                        .attendees
                        .iter()
                        .any(|p| p.alias == a.who && p.kind != AttendeeKind::Participant)
                }) {
                    let short = role.split(" (").next().unwrap().to_string();
                    assert!(plain.contains(&short), "{case}: '{short}' does '{what}'");
                }
            }
            // The next table, unless the series ended.
            if s.wrap_up.series_end.is_none() {
                let next = date(s.follow_up_due().unwrap(), lang);
                assert!(plain.contains(&next), "{case}: next date {next}");
            }
            // No money at all.
            for money in ["€", "EUR", "euro"] {
                assert!(!html.contains(money), "{case}: {money} in the handout");
            }
            // No alias but the participant's: not as a word, not in the page's markup.
            let all = words(&html);
            for a in &s.preparation.attendees {
                if a.kind == AttendeeKind::Participant || a.alias.is_empty() {
                    continue;
                }
                let alias = a.alias.to_lowercase();
                assert!(
                    !all.contains(&alias),
                    "{case}: alias {} in the handout",
                    a.alias
                );
            }
            let f = s.preparation.facilitator_alias.to_lowercase();
            assert!(
                f.is_empty() || !all.contains(&f),
                "{case}: the facilitator's alias"
            );
            // Plain language: short sentences.
            let mean = mean_sentence_words(&plain);
            eprintln!(
                "{case}: {:.1} words per sentence, {} lines",
                mean,
                h.lines.len()
            );
            assert!(mean < 15.0, "{case}: {mean:.1} words per sentence");
            // Self-contained, and it says whose copy it is.
            assert!(html.contains("Content-Security-Policy") && !html.contains("<script"));
            assert!(plain.contains(lang.texts().handout.privacy));
        }
    }
}

#[test]
fn a_line_left_out_is_not_printed() {
    let s = tafel::demo::sessions(&Catalog::builtin()).remove(0);
    let mut h = Handout::of(&s, Lang::Nl);
    let gone = h.lines[0].text.clone();
    h.lines[0].keep = false;
    assert!(!h.html().contains(&tafel::report::html::escape(&gone)));
    assert!(!h.plain().contains(&gone));
}

#[test]
fn the_handout_needs_no_consent_for_reporting_and_warns_of_none() {
    let (_d, data) = common::demo_library();
    // DEMO-GR-11 consented to the session only.
    let o = common::tafel(&data, &["export", "97f3d1c5", "--format", "handout"]);
    assert!(o.status.success(), "{}", common::stderr(&o));
    let err = common::stderr(&o);
    assert!(!err.contains("toestemming"), "no consent warning: {err}");
    assert!(common::stdout(&o).contains("Uw tafelgesprek"));
}
