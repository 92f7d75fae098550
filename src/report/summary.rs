//! The readable summary printed by `tafel show`: every phase in order, and the cost table
//! per payer with the difference.

use std::fmt::Write;

use crate::i18n::Lang;
use crate::model::costs::{CostSummary, Scenario, cost_lines, summarise};
use crate::model::dates::display_date;
use crate::model::{Activity, LifeEvent, Phase, Session};
use crate::store::Loaded;

pub fn render(loaded: &Loaded, lang: Lang) -> String {
    let s = &loaded.session;
    let t = lang.texts();
    let mut o = String::new();
    let p = &s.preparation;
    let title = format!("{} · {} · {}", p.case_code, p.project, s.wave_label());
    let _ = writeln!(o, "{title}\n{}", "=".repeat(title.chars().count()));
    let _ = writeln!(o, "id {} · {} {}", s.id, t.f_series, s.series_id);
    if loaded.newer_version.is_some() {
        let _ = writeln!(o, "({})", t.cli_read_only_newer);
    }

    heading(&mut o, t.phase(Phase::Preparation));
    let date = p.date.map(|d| display_date(d, lang)).unwrap_or_default();
    kv(&mut o, t.f_date, &date);
    kv(&mut o, t.f_place, &p.place);
    kv(&mut o, t.f_facilitator, &p.facilitator_alias);
    kv(
        &mut o,
        t.f_participant_kind,
        t.participant_kind(p.participant_kind),
    );
    kv(&mut o, t.f_ground_rules, t.yes_no(p.ground_rules_confirmed));
    let consent = if p.consent.given {
        format!(
            "{} ({}; {} {})",
            t.yes,
            t.consent_scope(p.consent.scope),
            t.f_recorded_by,
            p.consent.recorded_by
        )
    } else {
        t.no.to_string()
    };
    kv(&mut o, t.f_consent, &consent);
    kv(&mut o, t.f_starting_question, &p.starting_question);
    if !p.attendees.is_empty() {
        let _ = writeln!(o, "{}:", t.f_attendees);
        for a in &p.attendees {
            let _ = writeln!(
                o,
                "  - {} · {} · {} ({})",
                a.alias,
                a.role,
                a.organisation,
                t.attendee_kind(a.kind)
            );
        }
    }

    heading(&mut o, t.phase(Phase::LookingBack));
    let tl = &s.looking_back.timeline;
    let span = format!(
        "{} – {}",
        tl.start
            .map(|d| d.display(lang))
            .unwrap_or_else(|| "?".into()),
        if tl.ongoing {
            t.f_ongoing.to_string()
        } else {
            tl.end
                .map(|d| d.display(lang))
                .unwrap_or_else(|| "?".into())
        }
    );
    kv(&mut o, t.f_timeline, &span);
    events(&mut o, s, &s.looking_back.events, lang);
    activities(&mut o, s, &s.looking_back.activities, lang);

    heading(&mut o, t.phase(Phase::Outcomes));
    let _ = writeln!(
        o,
        "{:<34} {:>6} {:>6} {:>6}   {}",
        t.f_domain, t.f_score_start, t.f_score_now, t.f_change, t.f_estimated_score
    );
    for d in &s.domains {
        let out = s.outcomes.for_domain(&d.id);
        let score = |v: Option<crate::model::Score>| {
            v.map(|x| x.get().to_string()).unwrap_or_else(|| "·".into())
        };
        let change = out
            .and_then(|x| x.change())
            .map(|c| format!("{c:+}"))
            .unwrap_or_else(|| "·".into());
        let _ = writeln!(
            o,
            "{:<34} {:>6} {:>6} {:>6}   {}",
            d.label.get(lang),
            score(out.and_then(|x| x.score_start)),
            score(out.and_then(|x| x.score_now)),
            change,
            score(s.alternative.estimated_score(&d.id)),
        );
        if let Some(words) = out.map(|x| x.own_words.as_str()).filter(|w| !w.is_empty()) {
            let _ = writeln!(o, "    “{words}”");
        }
    }
    if !s.outcomes.quotes.is_empty() {
        let _ = writeln!(o, "{}:", t.f_quotes);
        for q in &s.outcomes.quotes {
            let _ = writeln!(o, "  “{}” — {}", q.text, q.speaker);
        }
    }
    if !s.outcomes.off_record.is_empty() {
        let _ = writeln!(o, "{} {}", s.outcomes.off_record.len(), t.off_record_count);
    }
    let _ = writeln!(o, "{}", t.change_caveat);

    heading(&mut o, t.phase(Phase::Alternative));
    kv(
        &mut o,
        t.f_reference_type,
        t.reference_type(s.alternative.reference_type),
    );
    kv(&mut o, t.f_narrative, &s.alternative.narrative);
    events(&mut o, s, &s.alternative.events, lang);
    activities(&mut o, s, &s.alternative.activities, lang);
    if !s.alternative.assumptions.is_empty() {
        let _ = writeln!(o, "{}:", t.f_assumptions);
        for a in &s.alternative.assumptions {
            let _ = writeln!(
                o,
                "  - {} ({} {})",
                a.text,
                t.f_confidence,
                t.confidence(a.confidence)
            );
        }
    }

    heading(&mut o, t.phase(Phase::Costs));
    let lines = cost_lines(s);
    let sum = summarise(&lines);
    for scenario in [Scenario::Intervention, Scenario::Alternative] {
        let _ = writeln!(o, "{}:", t.scenario(scenario));
        for l in lines.iter().filter(|l| l.scenario == scenario) {
            let price = l
                .unit_price
                .map(|p| p.display(lang))
                .unwrap_or_else(|| t.price_missing.to_string());
            let cost = match (l.cost, l.informal_hours) {
                (Some(c), _) => c.display(lang),
                (None, Some(h)) => format!(
                    "{h} {} ({})",
                    t.unit(crate::model::Unit::Hour),
                    t.f_informal_hours
                ),
                (None, None) => t.price_missing.to_string(),
            };
            let _ = writeln!(
                o,
                "  {:<40} {:>7} {:<9} × {:>12} = {:>14}   {}",
                truncate(&l.activity.what, 40),
                l.activity.quantity.normalize(),
                t.unit(l.activity.unit),
                price,
                cost,
                payer_label(s, l.payer_id, lang),
            );
        }
    }
    payer_table(&mut o, s, &sum, lang);
    domain_table(&mut o, s, &sum, lang);

    heading(&mut o, t.phase(Phase::WrapUp));
    for lp in &s.wrap_up.learning_points {
        let _ = writeln!(o, "  - {lp}");
    }
    if !s.wrap_up.agreements.is_empty() {
        let _ = writeln!(o, "{}:", t.f_agreements);
        for a in &s.wrap_up.agreements {
            let when = a
                .when
                .map(|d| format!(" ({})", d.display(lang)))
                .unwrap_or_default();
            let _ = writeln!(o, "  - {} — {}{when}", a.what, a.who);
        }
    }
    kv(&mut o, t.f_pulse_owner, &s.wrap_up.pulse_owner);
    kv(
        &mut o,
        t.f_follow_up,
        &s.follow_up_due()
            .map(|d| display_date(d, lang))
            .unwrap_or_default(),
    );
    kv(&mut o, t.f_notes, &s.wrap_up.notes);
    let minutes = s.time_spent.total() / 60;
    kv(&mut o, t.f_time_spent, &format!("{minutes} min"));
    o
}

/// The cost table per payer: both scenarios and the difference.
pub fn payer_table(o: &mut String, s: &Session, sum: &CostSummary, lang: Lang) {
    let t = lang.texts();
    let _ = writeln!(
        o,
        "\n{:<36} {:>16} {:>16} {:>16}",
        t.f_payer, t.scenarios[0], t.scenarios[1], t.f_difference
    );
    for (payer, totals) in &sum.per_payer {
        let _ = writeln!(
            o,
            "{:<36} {:>16} {:>16} {:>16}",
            truncate(
                &payer_label(
                    s,
                    Some(payer).filter(|p| !p.is_empty()).map(String::as_str),
                    lang
                ),
                36
            ),
            totals.intervention.display(lang),
            totals.alternative.display(lang),
            totals.difference().display_signed(lang),
        );
    }
    let _ = writeln!(
        o,
        "{:<36} {:>16} {:>16} {:>16}",
        t.f_total,
        sum.intervention_total.display(lang),
        sum.alternative_total.display(lang),
        sum.difference().display_signed(lang),
    );
    if !sum.intervention_informal_hours.is_zero() || !sum.alternative_informal_hours.is_zero() {
        let _ = writeln!(
            o,
            "{:<36} {:>16} {:>16}",
            t.f_informal_hours,
            sum.intervention_informal_hours.normalize(),
            sum.alternative_informal_hours.normalize()
        );
    }
    if sum.lines_without_price > 0 {
        let _ = writeln!(o, "({} × {})", sum.lines_without_price, t.price_missing);
    }
    let _ = writeln!(o, "{}", t.difference_explained);
}

/// Costs per life domain (lines without a domain together), both scenarios.
pub fn domain_table(o: &mut String, s: &Session, sum: &CostSummary, lang: Lang) {
    let t = lang.texts();
    let _ = writeln!(
        o,
        "\n{:<36} {:>16} {:>16} {:>16}",
        t.f_domain, t.scenarios[0], t.scenarios[1], t.f_difference
    );
    for (domain, totals) in &sum.per_domain {
        let label = s.domain(domain).map_or_else(
            || t.no_domain.to_string(),
            |d| d.label.get(lang).to_string(),
        );
        let _ = writeln!(
            o,
            "{:<36} {:>16} {:>16} {:>16}",
            truncate(&label, 36),
            totals.intervention.display(lang),
            totals.alternative.display(lang),
            totals.difference().display_signed(lang),
        );
    }
}

fn payer_label(s: &Session, id: Option<&str>, lang: Lang) -> String {
    match id {
        None => lang.texts().no_payer.to_string(),
        Some(id) => s
            .costs
            .payers
            .iter()
            .find(|p| p.id == id)
            .map(|p| p.label.get(lang).to_string())
            .unwrap_or_else(|| id.to_string()),
    }
}

fn events(o: &mut String, s: &Session, events: &[LifeEvent], lang: Lang) {
    let t = lang.texts();
    if events.is_empty() {
        return;
    }
    let _ = writeln!(o, "{}:", t.f_events);
    let mut sorted: Vec<&LifeEvent> = events.iter().collect();
    sorted.sort_by_key(|e| e.when);
    for e in sorted {
        let when = e
            .when
            .map(|d| d.display(lang))
            .unwrap_or_else(|| "?".into());
        let domain = e
            .domain_id
            .as_deref()
            .and_then(|d| s.domain(d))
            .map(|d| format!(" [{}]", d.label.get(lang)))
            .unwrap_or_default();
        let conf = e
            .confidence
            .map(|c| format!(" ({} {})", t.f_confidence, t.confidence(c)))
            .unwrap_or_default();
        let _ = writeln!(o, "  {when:<14} {}{domain}{conf}", e.what);
    }
}

fn activities(o: &mut String, s: &Session, acts: &[Activity], lang: Lang) {
    let t = lang.texts();
    if acts.is_empty() {
        return;
    }
    let _ = writeln!(o, "{}:", t.f_activities);
    for a in acts {
        let who = a
            .attendee_id
            .as_deref()
            .and_then(|id| s.attendee(id))
            .map(|x| x.alias.as_str())
            .unwrap_or(a.organisation.as_str());
        let span = match (a.from, a.to) {
            (Some(f), Some(to)) => format!("{} – {}", f.display(lang), to.display(lang)),
            (Some(f), None) => f.display(lang),
            _ => String::new(),
        };
        let _ = writeln!(
            o,
            "  - {} · {who} · {} {} · {span}",
            a.what,
            a.quantity.normalize(),
            t.unit(a.unit)
        );
    }
}

fn heading(o: &mut String, title: &str) {
    let _ = writeln!(o, "\n{title}\n{}", "-".repeat(title.chars().count()));
}

fn kv(o: &mut String, key: &str, value: &str) {
    if !value.is_empty() {
        let _ = writeln!(o, "{key}: {value}");
    }
}

fn truncate(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        s.chars()
            .take(max.saturating_sub(1))
            .chain(std::iter::once('…'))
            .collect()
    }
}
