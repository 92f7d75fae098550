//! The values a choice field can take, each with its id (what [`super::value::set`]
//! writes) and its label in the user's language. A list filters these by label.

use super::value::{AS_HOURS, VALUED, Value, enum_id, get};
use super::{
    ActivityF, AgreementF, AssumptionF, AttendeeF, EarlierAgreementF, EventF, FieldId, QuoteF,
};
use crate::i18n::Lang;
use crate::model::{
    AttendeeKind, Confidence, ConsentScope, ParticipantKind, PriceItem, ReferenceType, Session,
    Unit,
};

/// One value to choose: `id` is `None` for "none".
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Choice {
    pub id: Option<String>,
    /// What it is; a list shortens it in the middle when it has to.
    pub label: String,
    /// What tells it apart and must never be cut (a price's amount, unit and year).
    pub tail: String,
    /// More about the selected one, under the list (a price's source).
    pub detail: String,
}

impl Choice {
    /// The label and its tail on one line, as a form row shows the chosen value.
    pub fn text(&self) -> String {
        if self.tail.is_empty() {
            self.label.clone()
        } else {
            format!("{} · {}", self.label, self.tail)
        }
    }
}

fn of_enum<T: serde::Serialize + Copy>(all: &[T], labels: &[&str]) -> Vec<Choice> {
    all.iter()
        .zip(labels)
        .map(|(v, l)| Choice {
            id: Some(enum_id(v)),
            label: (*l).to_string(),
            ..Choice::default()
        })
        .collect()
}

/// The choices of field `id` (empty for a field that is not a choice).
pub fn options(s: &Session, id: FieldId, lang: Lang) -> Vec<Choice> {
    use FieldId as F;
    let t = lang.texts();
    let none = |label: &str| Choice {
        id: None,
        label: label.to_string(),
        ..Choice::default()
    };
    let with_none = |first: Choice, rest: Vec<Choice>| {
        let mut v = vec![first];
        v.extend(rest);
        v
    };
    let domains = || {
        with_none(
            none(t.ui.none),
            s.domains
                .iter()
                .map(|d| Choice {
                    id: Some(d.id.clone()),
                    label: d.label.get(lang).to_string(),
                    ..Choice::default()
                })
                .collect(),
        )
    };
    let people = || {
        with_none(
            none(t.ui.none),
            s.preparation
                .attendees
                .iter()
                .map(|a| Choice {
                    id: Some(a.id.clone()),
                    label: if a.role.is_empty() {
                        a.alias.clone()
                    } else {
                        format!("{} ({})", a.alias, a.role)
                    },
                    ..Choice::default()
                })
                .collect(),
        )
    };
    let payers = |first: &str| {
        with_none(
            none(first),
            s.costs
                .payers
                .iter()
                .map(|p| Choice {
                    id: Some(p.id.clone()),
                    label: p.label.get(lang).to_string(),
                    ..Choice::default()
                })
                .collect(),
        )
    };
    let confidence = || with_none(none(t.ui.none), of_enum(&Confidence::ALL, &t.confidences));
    match id {
        F::ParticipantKind => of_enum(&ParticipantKind::ALL, &t.participant_kinds),
        F::ConsentScope => of_enum(
            &[ConsentScope::SessionOnly, ConsentScope::AnonymisedReporting],
            &t.consent_scopes,
        ),
        F::ReferenceType => of_enum(&ReferenceType::ALL, &t.reference_types),
        F::InformalValuation => vec![
            Choice {
                id: Some(AS_HOURS.into()),
                label: t.ui.informal_as_hours.into(),
                ..Choice::default()
            },
            Choice {
                id: Some(VALUED.into()),
                label: t.ui.informal_replacement.into(),
                ..Choice::default()
            },
        ],
        F::Attendee(_, AttendeeF::Kind) => of_enum(&AttendeeKind::ALL, &t.attendee_kinds),
        F::Attendee(_, AttendeeF::Payer) => payers(t.ui.none),
        F::Event(_, _, EventF::Domain)
        | F::Activity(_, _, ActivityF::Domain)
        | F::Quote(_, QuoteF::Domain)
        | F::OffRecord(_) => domains(),
        F::Event(_, _, EventF::RaisedBy) | F::Activity(_, _, ActivityF::Who) => people(),
        F::Event(_, _, EventF::Confidence) | F::Activity(_, _, ActivityF::Confidence) => {
            confidence()
        }
        F::Activity(_, _, ActivityF::Unit) => of_enum(&Unit::ALL, &t.units),
        F::Activity(_, _, ActivityF::Basis) => of_enum(
            &crate::model::scenario::QuantityBasis::ALL,
            &t.quantity_bases,
        ),
        F::Activity(_, _, ActivityF::Payer) => payers(t.ui.payer_from_price),
        F::Activity(_, _, ActivityF::Price) => with_none(
            none(t.ui.none),
            s.costs
                .price_list
                .items
                .iter()
                .map(|item| price_choice(item, lang))
                .collect(),
        ),
        F::Assumption(_, AssumptionF::Confidence) => of_enum(&Confidence::ALL, &t.confidences),
        F::Assumption(_, AssumptionF::Held) => with_none(
            none(t.ui.none),
            of_enum(&crate::model::alternative::Held::ALL, &t.held),
        ),
        F::EarlierAgreement(_, EarlierAgreementF::Status) => with_none(
            none(t.ui.none),
            of_enum(&crate::model::AgreementStatus::ALL, &t.agreement_statuses),
        ),
        F::SeriesEnd => with_none(
            Choice {
                id: Some(super::value::SERIES_ACTIVE.into()),
                label: t.series_active.into(),
                ..Choice::default()
            },
            crate::model::EndReason::ALL
                .iter()
                .zip(t.end_reasons)
                .map(|(r, label)| Choice {
                    id: Some(enum_id(r)),
                    label: (t.ui.series_ended)(&label),
                    ..Choice::default()
                })
                .collect(),
        ),
        F::Project
        | F::CaseCode
        | F::Date
        | F::Place
        | F::Facilitator
        | F::PlannedMinutes
        | F::GroundRules
        | F::ConsentGiven
        | F::ConsentRecordedBy
        | F::ConsentDate
        | F::StartingQuestion
        | F::Attendee(_, AttendeeF::Alias | AttendeeF::Role | AttendeeF::Organisation)
        | F::TimelineStart
        | F::TimelineEnd
        | F::TimelineOngoing
        | F::Event(_, _, EventF::When | EventF::What)
        | F::Activity(
            _,
            _,
            ActivityF::What
            | ActivityF::Organisation
            | ActivityF::From
            | ActivityF::To
            | ActivityF::HoursPerWeek
            | ActivityF::Weeks
            | ActivityF::Margin
            | ActivityF::Quantity
            | ActivityF::Override
            | ActivityF::OverrideReason
            | ActivityF::Informal
            | ActivityF::Note,
        )
        | F::ScoreStart(_)
        | F::ScoreNow(_)
        | F::ScoreProfessionals(_)
        | F::SecondView
        | F::EarlierAgreement(_, EarlierAgreementF::Agreed | EarlierAgreementF::Comment)
        | F::EarlierPulseOwner
        | F::SeriesEndedOn
        | F::SeriesEndNote
        | F::OwnWords(_)
        | F::Quote(_, QuoteF::Speaker | QuoteF::Text)
        | F::Narrative
        | F::Assumption(_, AssumptionF::Text | AssumptionF::HeldComment)
        | F::Estimated(_)
        | F::Reprice
        | F::PriceYear
        | F::LearningPoint(_)
        | F::Agreement(_, AgreementF::What | AgreementF::Who | AgreementF::When)
        | F::PulseOwner
        | F::FollowUpDate
        | F::Notes
        | F::Add(_) => Vec::new(),
    }
}

/// The choices of field `id` and the place of its current value among them.
pub fn with_current(s: &Session, id: FieldId, lang: Lang) -> (Vec<Choice>, usize) {
    let options = options(s, id, lang);
    let current = match get(s, id, lang) {
        Value::Choice(c) => options.iter().position(|o| o.id == c).unwrap_or(0),
        _ => 0,
    };
    (options, current)
}

/// A price item as a choice: its id and name, then what must never be cut (amount per
/// unit, price year), and its source under the list.
/// A price as a row of a list: "WMO-01 · name" and, never cut, "€ 55,80 / uur · 2023".
pub fn price_choice(item: &PriceItem, lang: Lang) -> Choice {
    let t = lang.texts();
    let amount = item
        .amount_cents
        .map(|c| format!("{} / {}", c.display(lang), t.unit(item.unit)))
        .unwrap_or_else(|| format!("{} / {}", t.price_missing, t.unit(item.unit)));
    let year = item
        .price_year
        .map(|y| format!(" · {y}"))
        .unwrap_or_default();
    Choice {
        id: Some(item.id.clone()),
        label: format!("{} · {}", item.id, item.label.get(lang)),
        tail: format!("{amount}{year}"),
        detail: item.source.title.clone(),
    }
}

/// "WMO-01 · Individuele begeleiding … · € 55,80 / uur (2023)".
pub fn price_label(item: &PriceItem, lang: Lang) -> String {
    let t = lang.texts();
    let amount = item
        .amount_cents
        .map(|c| format!("{} / {}", c.display(lang), t.unit(item.unit)))
        .unwrap_or_else(|| t.price_missing.to_string());
    let year = item
        .price_year
        .map(|y| format!(" ({y})"))
        .unwrap_or_default();
    format!("{} · {} · {amount}{year}", item.id, item.label.get(lang))
}
