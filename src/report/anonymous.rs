//! Anonymised copies of sessions, safe to share beyond the table.
//!
//! Every export format renders from the same copy, so what is left out here is left out
//! everywhere. The copy is built by *keeping* a list of fields rather than by blanking
//! known ones: a free-text field added to the model later stays out of anonymous exports
//! until someone decides it may go in.
//!
//! What the copy keeps and what it changes:
//! - aliases become roles: "Participant", "Professional 1", "Peer professional 1",
//!   "Network member 1", "Facilitator" (in the export's language); a free-text name that is
//!   no attendee's alias (an agreement's "who", the pulse owner) is left out;
//! - the case code becomes a random label (`ANON-K7Q3M`), one per series within one
//!   export, never derived from the code; session and series ids become fresh random ids
//!   (kept consistent within one export, so a T1 still points at its T0);
//! - free text is left out: place, starting question, role and organisation of attendees,
//!   what events and activities were (an activity is named by its price item instead),
//!   notes, own words, quotes, the narrative, assumption texts, learning points, what was
//!   agreed, the reason for a changed price;
//! - every date is coarsened to its month (exact dates become the first of the month and
//!   renderers show them as a month; the JSON export writes them as `YYYY-MM`);
//! - scores, quantities, prices, payers, domains, confidences and times are kept.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Datelike, Days, FixedOffset, NaiveDate, NaiveTime};
use uuid::Uuid;

use crate::i18n::Lang;
use crate::model::alternative::Assumption;
use crate::model::outcomes::{DomainOutcome, OffRecord, Outcomes};
use crate::model::scenario::PriceOverride;
use crate::model::{
    Activity, Agreement, Alternative, Attendee, AttendeeKind, Consent, Costs, LifeEvent,
    LookingBack, PartialDate, Preparation, Session, Timeline, WrapUp,
};
use crate::model::{AgreementReview, SeriesEnd};

/// Anonymises one session with a fresh random case label.
pub fn anonymise(session: &Session, lang: Lang) -> Session {
    Anonymiser::new(lang).session(session)
}

/// Anonymises several sessions as one export: the sessions of one series share a random
/// label and their links (series id, previous session) survive as fresh random ids.
#[derive(Debug)]
pub struct Anonymiser {
    lang: Lang,
    ids: HashMap<Uuid, Uuid>,
    labels: HashMap<Uuid, String>,
    used: HashSet<String>,
}

/// Letters and digits that cannot be mistaken for one another (no 0/O, 1/I).
const LABEL_ALPHABET: &[u8] = b"23456789ABCDEFGHJKLMNPQRSTUVWXYZ";

impl Anonymiser {
    pub fn new(lang: Lang) -> Anonymiser {
        Anonymiser {
            lang,
            ids: HashMap::new(),
            labels: HashMap::new(),
            used: HashSet::new(),
        }
    }

    fn id(&mut self, original: Uuid) -> Uuid {
        *self.ids.entry(original).or_insert_with(Uuid::new_v4)
    }

    /// A random label for the series, the same for every session of it in this export.
    fn case_label(&mut self, series: Uuid) -> String {
        if let Some(label) = self.labels.get(&series) {
            return label.clone();
        }
        let label = loop {
            let random = Uuid::new_v4();
            let code: String = random.as_bytes()[..5]
                .iter()
                .map(|b| char::from(LABEL_ALPHABET[usize::from(*b) % LABEL_ALPHABET.len()]))
                .collect();
            let label = format!("ANON-{code}");
            if self.used.insert(label.clone()) {
                break label;
            }
        };
        self.labels.insert(series, label.clone());
        label
    }

    /// The anonymised copy of `s`.
    pub fn session(&mut self, s: &Session) -> Session {
        let s = &*crate::model::off_record::printable(s);
        let roles = Roles::new(&s.preparation, self.lang);
        let p = &s.preparation;
        let c = &p.consent;
        let preparation = Preparation {
            project: p.project.clone(),
            case_code: self.case_label(s.series_id),
            participant_kind: p.participant_kind,
            date: p.date.map(month_start),
            wave: p.wave,
            attendees: p
                .attendees
                .iter()
                .map(|a| Attendee {
                    id: a.id.clone(),
                    alias: roles.of_attendee(&a.id),
                    kind: a.kind,
                    payer_id: a.payer_id.clone(),
                    ..Attendee::default()
                })
                .collect(),
            ground_rules_confirmed: p.ground_rules_confirmed,
            consent: Consent {
                given: c.given,
                scope: c.scope,
                recorded_by: roles.of_name(&c.recorded_by),
                date: c.date.map(month_start),
                withdrawn_on: c.withdrawn_on.map(month_start),
            },
            planned_minutes: p.planned_minutes,
            ..Preparation::default()
        };
        let lb = &s.looking_back;
        let looking_back = LookingBack {
            timeline: Timeline {
                start: lb.timeline.start.map(PartialDate::to_month),
                end: lb.timeline.end.map(PartialDate::to_month),
                ongoing: lb.timeline.ongoing,
            },
            events: lb.events.iter().map(event).collect(),
            activities: lb.activities.iter().map(|a| self.activity(s, a)).collect(),
        };
        let outcomes = Outcomes {
            domains: s
                .outcomes
                .domains
                .iter()
                .map(|d| DomainOutcome {
                    domain_id: d.domain_id.clone(),
                    score_start: d.score_start,
                    score_now: d.score_now,
                    score_professionals: d.score_professionals,
                    ..DomainOutcome::default()
                })
                .collect(),
            quotes: Vec::new(),
            second_view: s.outcomes.second_view,
            off_record: s
                .outcomes
                .off_record
                .iter()
                .map(|o| OffRecord {
                    domain_id: o.domain_id.clone(),
                    marked_at: month_start_time(o.marked_at),
                })
                .collect(),
        };
        let alt = &s.alternative;
        let alternative = Alternative {
            reference_type: alt.reference_type,
            narrative: String::new(),
            events: alt.events.iter().map(event).collect(),
            activities: alt.activities.iter().map(|a| self.activity(s, a)).collect(),
            assumptions: alt
                .assumptions
                .iter()
                .map(|a| Assumption {
                    id: a.id.clone(),
                    confidence: a.confidence,
                    // Whether it held is no one's words; the text and comment are.
                    from_wave: a.from_wave,
                    held: a.held,
                    ..Assumption::default()
                })
                .collect(),
            estimated_scores: alt.estimated_scores.clone(),
        };
        let mut price_list = s.costs.price_list.clone();
        price_list.copied_at = price_list.copied_at.map(month_start_time);
        let costs = Costs {
            price_list,
            payers: s.costs.payers.clone(),
            informal_valuation: s.costs.informal_valuation.clone(),
            // A price level names no one.
            price_year: s.costs.price_year,
        };
        let w = &s.wrap_up;
        let wrap_up = WrapUp {
            agreements: w
                .agreements
                .iter()
                .map(|a| Agreement {
                    who: roles.of_name(&a.who),
                    when: a.when.map(PartialDate::to_month),
                    ..Agreement::default()
                })
                .collect(),
            pulse_owner: roles.of_name(&w.pulse_owner),
            follow_up_date: w.follow_up_date.map(month_start),
            earlier_agreements: w
                .earlier_agreements
                .iter()
                .map(|a| AgreementReview {
                    who: roles.of_name(&a.who),
                    when: a.when.map(PartialDate::to_month),
                    from_wave: a.from_wave,
                    status: a.status,
                    ..AgreementReview::default()
                })
                .collect(),
            earlier_pulse_owner: roles.of_name(&w.earlier_pulse_owner),
            // Why a series ended, and in which month; never the note in words.
            series_end: w.series_end.as_ref().map(|e| SeriesEnd {
                reason: e.reason,
                on: e.on.map(month_start),
                note: String::new(),
            }),
            ..WrapUp::default()
        };
        Session {
            schema_version: s.schema_version,
            id: self.id(s.id),
            series_id: self.id(s.series_id),
            previous_session_id: s.previous_session_id.map(|id| self.id(id)),
            created_at: month_start_time(s.created_at),
            updated_at: month_start_time(s.updated_at),
            retention_until: s.retention_until.map(month_start),
            domains: s.domains.clone(),
            preparation,
            looking_back,
            outcomes,
            alternative,
            costs,
            wrap_up,
            time_spent: s.time_spent.clone(),
            // Which values tafel suggested says nothing a reader needs.
            suggested: std::collections::BTreeSet::new(),
        }
    }

    /// An activity without its free text: named after its price item, if it has one.
    fn activity(&self, s: &Session, a: &Activity) -> Activity {
        let what = a
            .price_id
            .as_deref()
            .and_then(|id| s.costs.price_list.item(id))
            .map(|i| i.label.get(self.lang).to_string())
            .unwrap_or_default();
        Activity {
            id: a.id.clone(),
            what,
            attendee_id: a.attendee_id.clone(),
            from: a.from.map(PartialDate::to_month),
            to: a.to.map(PartialDate::to_month),
            quantity: a.quantity,
            unit: a.unit,
            hours_per_week: a.hours_per_week,
            weeks: a.weeks,
            // How sure a quantity is names no one, and the band depends on it.
            basis: a.basis,
            margin_percent: a.margin_percent,
            price_id: a.price_id.clone(),
            // A typed price counts only with a reason (see `model::costs`): keep it counting
            // with a stand-in reason, and drop one that never counted, so the figures stay.
            price_override: a
                .price_override
                .as_ref()
                .filter(|o| !o.reason.trim().is_empty())
                .map(|o| PriceOverride {
                    unit_price_cents: o.unit_price_cents,
                    reason: self.lang.texts().report.reason_left_out.to_string(),
                }),
            payer_id: a.payer_id.clone(),
            informal: a.informal,
            domain_id: a.domain_id.clone(),
            confidence: a.confidence,
            from_wave: a.from_wave,
            // Left out: the organisation can name a person's employer, the note is free
            // text. Every field is listed, so a new one must be decided on here.
            organisation: String::new(),
            note: String::new(),
        }
    }
}

fn event(e: &LifeEvent) -> LifeEvent {
    LifeEvent {
        id: e.id.clone(),
        when: e.when.map(PartialDate::to_month),
        domain_id: e.domain_id.clone(),
        raised_by: e.raised_by.clone(),
        confidence: e.confidence,
        from_wave: e.from_wave,
        ..LifeEvent::default()
    }
}

/// The first day of `d`'s month.
pub fn month_start(d: NaiveDate) -> NaiveDate {
    d.checked_sub_days(Days::new(u64::from(d.day0())))
        .unwrap_or(NaiveDate::MIN)
}

/// Midnight (UTC) on the first day of the month of `t`.
fn month_start_time(t: DateTime<FixedOffset>) -> DateTime<FixedOffset> {
    month_start(t.date_naive())
        .and_time(NaiveTime::MIN)
        .and_utc()
        .fixed_offset()
}

/// The role labels that replace the aliases of one session.
struct Roles {
    /// Attendee id → role label.
    by_id: HashMap<String, String>,
    /// Lower-cased alias → role label, for free-text name fields.
    by_alias: HashMap<String, String>,
}

impl Roles {
    fn new(p: &Preparation, lang: Lang) -> Roles {
        let r = &lang.texts().report;
        // Counted once: a count per attendee would make this quadratic in the attendees.
        let participants = p
            .attendees
            .iter()
            .filter(|a| a.kind == AttendeeKind::Participant)
            .count();
        let mut seen = [0usize; AttendeeKind::ALL.len()];
        let mut by_id = HashMap::new();
        let mut by_alias = HashMap::new();
        for a in &p.attendees {
            let slot = AttendeeKind::ALL
                .iter()
                .position(|k| *k == a.kind)
                .unwrap_or(0);
            seen[slot] += 1;
            let n = seen[slot];
            let base = match a.kind {
                AttendeeKind::Participant => r.role_participant,
                AttendeeKind::DirectProfessional => r.role_professional,
                AttendeeKind::PeerProfessional => r.role_peer,
                AttendeeKind::InformalNetwork => r.role_network,
            };
            // A lone participant is "Participant"; everyone else is numbered.
            let label = if a.kind == AttendeeKind::Participant && participants == 1 {
                base.to_string()
            } else {
                format!("{base} {n}")
            };
            by_id.insert(a.id.clone(), label.clone());
            let alias = a.alias.trim().to_lowercase();
            if !alias.is_empty() {
                by_alias.entry(alias).or_insert(label);
            }
        }
        // The facilitator is named only by role: the name itself is left out.
        let fac_alias = p.facilitator_alias.trim().to_lowercase();
        if !fac_alias.is_empty() {
            by_alias
                .entry(fac_alias)
                .or_insert_with(|| r.role_facilitator.to_string());
        }
        Roles { by_id, by_alias }
    }

    fn of_attendee(&self, id: &str) -> String {
        self.by_id.get(id).cloned().unwrap_or_default()
    }

    /// The role of a name typed as free text; empty when it is nobody at the table (the
    /// text itself is never kept).
    fn of_name(&self, name: &str) -> String {
        self.by_alias
            .get(&name.trim().to_lowercase())
            .cloned()
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::Catalog;
    use crate::model::Quote;

    fn demo() -> Vec<Session> {
        crate::demo::sessions(&Catalog::builtin())
    }

    /// Every piece of text in the session that must not survive anonymisation, with what
    /// it is (for the failure message).
    fn secrets(s: &Session) -> Vec<(&'static str, String)> {
        let mut v: Vec<(&'static str, String)> = Vec::new();
        let p = &s.preparation;
        v.push(("case code", p.case_code.clone()));
        v.push(("facilitator", p.facilitator_alias.clone()));
        v.push(("place", p.place.clone()));
        v.push(("starting question", p.starting_question.clone()));
        v.push(("consent recorded by", p.consent.recorded_by.clone()));
        // Roles and organisations are generic words ("deelnemer", "De Graasj") that may
        // also be a payer or the project: they are checked field by field instead.
        for a in &p.attendees {
            v.push(("alias", a.alias.clone()));
        }
        for q in &s.outcomes.quotes {
            v.push(("quote", q.text.clone()));
            v.push(("speaker", q.speaker.clone()));
        }
        for d in &s.outcomes.domains {
            v.push(("own words", d.own_words.clone()));
        }
        v.push(("narrative", s.alternative.narrative.clone()));
        for e in s.looking_back.events.iter().chain(&s.alternative.events) {
            v.push(("event", e.what.clone()));
        }
        for a in s
            .looking_back
            .activities
            .iter()
            .chain(&s.alternative.activities)
        {
            v.push(("activity", a.what.clone()));
            v.push(("note", a.note.clone()));
            if let Some(o) = &a.price_override {
                v.push(("override reason", o.reason.clone()));
            }
        }
        for a in &s.alternative.assumptions {
            v.push(("assumption", a.text.clone()));
        }
        for l in &s.wrap_up.learning_points {
            v.push(("learning point", l.clone()));
        }
        for a in &s.wrap_up.agreements {
            v.push(("agreement", a.what.clone()));
            v.push(("agreement who", a.who.clone()));
        }
        v.push(("pulse owner", s.wrap_up.pulse_owner.clone()));
        v.push(("notes", s.wrap_up.notes.clone()));
        v.retain(|(_, text)| !text.trim().is_empty());
        v
    }

    /// Whether `needle` occurs in `hay` as a whole word (so the alias "Bas" is not found
    /// inside "basis").
    fn contains_word(hay: &str, needle: &str) -> bool {
        let is_word = |c: char| c.is_alphanumeric();
        hay.match_indices(needle).any(|(i, _)| {
            let before = hay[..i].chars().next_back();
            let after = hay[i + needle.len()..].chars().next();
            !before.is_some_and(is_word) && !after.is_some_and(is_word)
        })
    }

    #[test]
    fn no_alias_case_code_or_free_text_survives_in_any_demo_session() {
        for lang in [Lang::Nl, Lang::En] {
            for s in demo() {
                let anon = anonymise(&s, lang);
                let json = serde_json::to_string(&anon).unwrap();
                // An activity may be named like a facility in the price list ("Beschermd
                // wonen"); that name is public and may stay.
                let public = serde_json::to_string(&s.costs).unwrap();
                for (what, text) in secrets(&s) {
                    if what == "activity" && contains_word(&public, &text) {
                        continue;
                    }
                    assert!(
                        !contains_word(&json, &text),
                        "{} ({lang:?}): {what} '{text}' survived",
                        s.preparation.case_code
                    );
                }
                for a in &anon.preparation.attendees {
                    assert!(a.role.is_empty() && a.organisation.is_empty());
                }
                for a in anon
                    .looking_back
                    .activities
                    .iter()
                    .chain(&anon.alternative.activities)
                {
                    assert!(a.organisation.is_empty() && a.note.is_empty());
                }
                assert!(anon.preparation.case_code.starts_with("ANON-"));
                assert_ne!(anon.id, s.id);
                assert_ne!(anon.series_id, s.series_id);
                assert!(anon.outcomes.quotes.is_empty());
            }
        }
    }

    #[test]
    fn every_date_is_coarsened_to_its_month() {
        for s in demo() {
            let anon = anonymise(&s, Lang::En);
            let partial = anon
                .looking_back
                .events
                .iter()
                .chain(&anon.alternative.events)
                .filter_map(|e| e.when)
                .chain(
                    anon.looking_back
                        .activities
                        .iter()
                        .chain(&anon.alternative.activities)
                        .flat_map(|a| [a.from, a.to])
                        .flatten(),
                )
                .chain(anon.wrap_up.agreements.iter().filter_map(|a| a.when))
                .chain(
                    [
                        anon.looking_back.timeline.start,
                        anon.looking_back.timeline.end,
                    ]
                    .into_iter()
                    .flatten(),
                );
            for d in partial {
                assert!(!matches!(d, PartialDate::Day(_)), "{d} is a day");
            }
            let days = [
                anon.preparation.date,
                anon.preparation.consent.date,
                anon.preparation.consent.withdrawn_on,
                anon.wrap_up.follow_up_date,
                anon.retention_until,
                Some(anon.created_at.date_naive()),
                Some(anon.updated_at.date_naive()),
            ];
            for d in days.into_iter().flatten() {
                assert_eq!(d.day(), 1, "{d} is not the first of its month");
            }
            for o in &anon.outcomes.off_record {
                assert_eq!(o.marked_at.day(), 1);
            }
            // Where the original was exact, the month survives, the day does not.
            let (Some(orig), Some(coarse)) = (s.preparation.date, anon.preparation.date) else {
                panic!("demo sessions have a date");
            };
            assert_eq!((orig.year(), orig.month()), (coarse.year(), coarse.month()));
        }
    }

    #[test]
    fn keeps_scores_costs_and_links_within_one_export() {
        let all = demo();
        let mut anonymiser = Anonymiser::new(Lang::Nl);
        let anon: Vec<Session> = all.iter().map(|s| anonymiser.session(s)).collect();
        for (orig, copy) in all.iter().zip(&anon) {
            assert_eq!(
                crate::model::costs::summarise(&crate::model::costs::cost_lines(orig)),
                crate::model::costs::summarise(&crate::model::costs::cost_lines(copy)),
                "the figures stay the same"
            );
            for (a, b) in orig.outcomes.domains.iter().zip(&copy.outcomes.domains) {
                assert_eq!((a.score_start, a.score_now), (b.score_start, b.score_now));
            }
            assert_eq!(
                orig.alternative.estimated_scores,
                copy.alternative.estimated_scores
            );
            if let Some(prev) = orig.previous_session_id {
                let earlier = all.iter().position(|s| s.id == prev).unwrap();
                assert_eq!(copy.previous_session_id, Some(anon[earlier].id));
                assert_eq!(copy.series_id, anon[earlier].series_id);
                assert_eq!(
                    copy.preparation.case_code, anon[earlier].preparation.case_code,
                    "one label per series"
                );
            }
        }
        let labels: HashSet<_> = anon.iter().map(|s| &s.preparation.case_code).collect();
        let series: HashSet<_> = all.iter().map(|s| s.series_id).collect();
        assert_eq!(labels.len(), series.len(), "one label per case");
    }

    #[test]
    fn a_typed_price_keeps_counting_without_its_reason() {
        use crate::model::costs::{PriceBasis, cost_lines, summarise};
        let mut s = demo()[0].clone();
        s.looking_back.activities[0].price_override = Some(PriceOverride {
            unit_price_cents: Some(crate::model::Cents(9_999)),
            reason: "tarief van de gemeente Roermond, brief van 3 maart".into(),
        });
        s.looking_back.activities[1].price_override = Some(PriceOverride {
            unit_price_cents: Some(crate::model::Cents(1)),
            reason: " ".into(),
        });
        let anon = anonymise(&s, Lang::Nl);
        assert_eq!(
            summarise(&cost_lines(&s)),
            summarise(&cost_lines(&anon)),
            "the same figures"
        );
        let lines = cost_lines(&anon);
        assert_eq!(lines[0].basis, PriceBasis::Override);
        assert_ne!(lines[1].basis, PriceBasis::Override);
        let json = serde_json::to_string(&anon).unwrap();
        assert!(!json.contains("Roermond, brief"));
    }

    #[test]
    fn the_label_is_random_not_derived_from_the_code() {
        let s = &demo()[0];
        let a = anonymise(s, Lang::Nl).preparation.case_code;
        let b = anonymise(s, Lang::Nl).preparation.case_code;
        assert_ne!(a, b, "two exports of one session get different labels");
    }

    #[test]
    fn aliases_become_roles_and_unknown_names_are_dropped() {
        let mut s = demo()[0].clone();
        s.wrap_up.pulse_owner = "iemand anders".into();
        s.outcomes.quotes.push(Quote {
            speaker: "Onbekend".into(),
            text: "geheim".into(),
            ..Quote::default()
        });
        let anon = anonymise(&s, Lang::En);
        let aliases: Vec<&str> = anon
            .preparation
            .attendees
            .iter()
            .map(|a| a.alias.as_str())
            .collect();
        assert!(aliases.contains(&"Participant"), "{aliases:?}");
        assert!(aliases.contains(&"Professional 1"), "{aliases:?}");
        assert!(aliases.contains(&"Professional 2"), "{aliases:?}");
        assert_eq!(anon.wrap_up.pulse_owner, "");
        assert_eq!(anon.preparation.facilitator_alias, "");
        assert_eq!(anon.preparation.consent.recorded_by, "Facilitator");
        let who: Vec<&str> = anon
            .wrap_up
            .agreements
            .iter()
            .map(|a| a.who.as_str())
            .collect();
        assert!(
            who.iter().all(|w| aliases.contains(w) || w.is_empty()),
            "{who:?}"
        );
    }

    #[test]
    fn whole_word_search_is_whole_word() {
        assert!(contains_word("met Bas erbij", "Bas"));
        assert!(!contains_word("de basis", "bas"));
        assert!(!contains_word("Basis", "Bas"));
    }
}
