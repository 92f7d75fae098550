//! The fields of each phase as data: what a field is ([`FieldId`]), what kind of input it
//! takes ([`FieldKind`]), and how it reads from and writes into a [`Session`]. The phase
//! layouts (which fields, in which order) are in [`layout`]. No drawing here.

pub mod layout;

use chrono::Local;
use rust_decimal::Decimal;

use crate::i18n::format::date as display_date;
use crate::i18n::{Lang, Texts};
use crate::model::costs::{InformalValuation, Scenario};
use crate::model::dates::{PartialDate, parse_day};
use crate::model::limits::TextKind;
use crate::model::money::{Cents, parse_amount};
use crate::model::scenario::PriceOverride;
use crate::model::{
    Activity, Agreement, Assumption, Attendee, AttendeeKind, Confidence, ConsentScope, LifeEvent,
    OffRecord, ParticipantKind, Quote, ReferenceType, Score, Session, Unit, next_id,
};

/// A list that grows: items can be added, removed and moved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ListKind {
    Attendees,
    Events(Scenario),
    Activities(Scenario),
    Quotes,
    OffRecord,
    Assumptions,
    LearningPoints,
    Agreements,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AttendeeF {
    Alias,
    Role,
    Organisation,
    Kind,
    Payer,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EventF {
    When,
    What,
    Domain,
    RaisedBy,
    Confidence,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ActivityF {
    What,
    Who,
    Organisation,
    From,
    To,
    HoursPerWeek,
    Weeks,
    Quantity,
    Unit,
    Price,
    Override,
    OverrideReason,
    Payer,
    Informal,
    Domain,
    Confidence,
    Note,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum QuoteF {
    Speaker,
    Text,
    Domain,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AssumptionF {
    Text,
    Confidence,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AgreementF {
    What,
    Who,
    When,
}

/// One field of a phase form: a path into the session.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FieldId {
    Project,
    CaseCode,
    ParticipantKind,
    Date,
    Place,
    Facilitator,
    PlannedMinutes,
    GroundRules,
    ConsentGiven,
    ConsentScope,
    ConsentRecordedBy,
    ConsentDate,
    StartingQuestion,
    Attendee(usize, AttendeeF),
    TimelineStart,
    TimelineEnd,
    TimelineOngoing,
    Event(Scenario, usize, EventF),
    Activity(Scenario, usize, ActivityF),
    /// Index into `session.domains`.
    ScoreStart(usize),
    ScoreNow(usize),
    OwnWords(usize),
    Quote(usize, QuoteF),
    OffRecord(usize),
    ReferenceType,
    Narrative,
    Assumption(usize, AssumptionF),
    Estimated(usize),
    InformalValuation,
    /// Re-price the session to the current price list.
    Reprice,
    LearningPoint(usize),
    Agreement(usize, AgreementF),
    PulseOwner,
    FollowUpDate,
    Notes,
    /// The "+ add" row under a list.
    Add(ListKind),
}

/// How a field takes input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldKind {
    Text,
    MultiLine,
    /// An exact day (`12-3-2026`).
    Date,
    /// A day, month or year (`maart 2026`).
    PartialDate,
    /// An exact decimal (`1,5`); empty is allowed where the value is optional.
    Decimal,
    Integer,
    /// An amount of euros; empty removes it.
    Money,
    Choice,
    Toggle,
    Score,
    /// Shown, not edited (an off-the-record marker).
    Display,
    Button,
}

impl FieldKind {
    pub const ALL: [FieldKind; 12] = [
        FieldKind::Text,
        FieldKind::MultiLine,
        FieldKind::Date,
        FieldKind::PartialDate,
        FieldKind::Decimal,
        FieldKind::Integer,
        FieldKind::Money,
        FieldKind::Choice,
        FieldKind::Toggle,
        FieldKind::Score,
        FieldKind::Display,
        FieldKind::Button,
    ];
}

impl FieldKind {
    /// Fields edited as text (with the text field wrapper).
    pub fn is_text(self) -> bool {
        matches!(
            self,
            FieldKind::Text
                | FieldKind::MultiLine
                | FieldKind::Date
                | FieldKind::PartialDate
                | FieldKind::Decimal
                | FieldKind::Integer
                | FieldKind::Money
        )
    }
}

impl FieldId {
    /// How long a value typed into this field may be (see [`crate::model::limits`]).
    pub fn text_limit(self) -> TextKind {
        use FieldId as F;
        match self {
            F::CaseCode => TextKind::Code,
            F::Project
            | F::Place
            | F::Facilitator
            | F::ConsentRecordedBy
            | F::PulseOwner
            | F::Attendee(..)
            | F::Quote(_, QuoteF::Speaker | QuoteF::Domain)
            | F::Activity(_, _, ActivityF::Organisation)
            | F::Agreement(_, AgreementF::Who) => TextKind::Name,
            F::StartingQuestion
            | F::OwnWords(_)
            | F::Narrative
            | F::Notes
            | F::LearningPoint(_)
            | F::Quote(_, QuoteF::Text)
            | F::Assumption(_, AssumptionF::Text)
            | F::Activity(_, _, ActivityF::Note)
            | F::Agreement(_, AgreementF::What) => TextKind::Text,
            F::ParticipantKind
            | F::Date
            | F::PlannedMinutes
            | F::GroundRules
            | F::ConsentGiven
            | F::ConsentScope
            | F::ConsentDate
            | F::TimelineStart
            | F::TimelineEnd
            | F::TimelineOngoing
            | F::Event(..)
            | F::Activity(..)
            | F::ScoreStart(_)
            | F::ScoreNow(_)
            | F::OffRecord(_)
            | F::ReferenceType
            | F::Assumption(..)
            | F::Estimated(_)
            | F::InformalValuation
            | F::Reprice
            | F::Agreement(..)
            | F::FollowUpDate
            | F::Add(_) => TextKind::Line,
        }
    }

    pub fn kind(self) -> FieldKind {
        use FieldId as F;
        match self {
            F::Project
            | F::CaseCode
            | F::Place
            | F::Facilitator
            | F::ConsentRecordedBy
            | F::PulseOwner => FieldKind::Text,
            F::StartingQuestion | F::Narrative | F::Notes | F::OwnWords(_) => FieldKind::MultiLine,
            F::Date | F::ConsentDate | F::FollowUpDate => FieldKind::Date,
            F::TimelineStart | F::TimelineEnd => FieldKind::PartialDate,
            F::PlannedMinutes => FieldKind::Integer,
            F::ParticipantKind | F::ConsentScope | F::ReferenceType | F::InformalValuation => {
                FieldKind::Choice
            }
            F::GroundRules | F::ConsentGiven | F::TimelineOngoing => FieldKind::Toggle,
            F::ScoreStart(_) | F::ScoreNow(_) | F::Estimated(_) => FieldKind::Score,
            F::Attendee(_, f) => match f {
                AttendeeF::Kind | AttendeeF::Payer => FieldKind::Choice,
                _ => FieldKind::Text,
            },
            F::Event(_, _, f) => match f {
                EventF::When => FieldKind::PartialDate,
                EventF::What => FieldKind::Text,
                _ => FieldKind::Choice,
            },
            F::Activity(_, _, f) => match f {
                ActivityF::What
                | ActivityF::Organisation
                | ActivityF::OverrideReason
                | ActivityF::Note => FieldKind::Text,
                ActivityF::From | ActivityF::To => FieldKind::PartialDate,
                ActivityF::HoursPerWeek | ActivityF::Weeks | ActivityF::Quantity => {
                    FieldKind::Decimal
                }
                ActivityF::Override => FieldKind::Money,
                ActivityF::Informal => FieldKind::Toggle,
                ActivityF::Who
                | ActivityF::Unit
                | ActivityF::Price
                | ActivityF::Payer
                | ActivityF::Domain
                | ActivityF::Confidence => FieldKind::Choice,
            },
            F::Quote(_, f) => match f {
                QuoteF::Text => FieldKind::MultiLine,
                QuoteF::Speaker => FieldKind::Text,
                QuoteF::Domain => FieldKind::Choice,
            },
            F::OffRecord(_) => FieldKind::Display,
            F::Reprice => FieldKind::Button,
            F::Assumption(_, f) => match f {
                AssumptionF::Text => FieldKind::MultiLine,
                AssumptionF::Confidence => FieldKind::Choice,
            },
            F::LearningPoint(_) => FieldKind::Text,
            F::Agreement(_, f) => match f {
                AgreementF::When => FieldKind::PartialDate,
                _ => FieldKind::Text,
            },
            F::Add(_) => FieldKind::Button,
        }
    }

    /// The list this field belongs to, with the item index.
    pub fn list_item(self) -> Option<(ListKind, usize)> {
        use FieldId as F;
        match self {
            F::Attendee(i, _) => Some((ListKind::Attendees, i)),
            F::Event(sc, i, _) => Some((ListKind::Events(sc), i)),
            F::Activity(sc, i, _) => Some((ListKind::Activities(sc), i)),
            F::Quote(i, _) => Some((ListKind::Quotes, i)),
            F::OffRecord(i) => Some((ListKind::OffRecord, i)),
            F::Assumption(i, _) => Some((ListKind::Assumptions, i)),
            F::LearningPoint(i) => Some((ListKind::LearningPoints, i)),
            F::Agreement(i, _) => Some((ListKind::Agreements, i)),
            _ => None,
        }
    }

    /// The list this field adds to or belongs to.
    pub fn list(self) -> Option<ListKind> {
        match self {
            FieldId::Add(l) => Some(l),
            other => other.list_item().map(|(l, _)| l),
        }
    }

    /// The field label in `t`'s language.
    pub fn label(self, t: &Texts) -> &'static str {
        use FieldId as F;
        match self {
            F::Project => t.f_project,
            F::CaseCode => t.f_case_code,
            F::ParticipantKind => t.f_participant_kind,
            F::Date => t.f_date,
            F::Place => t.f_place,
            F::Facilitator => t.f_facilitator,
            F::PlannedMinutes => t.f_planned_minutes,
            F::GroundRules => t.f_ground_rules,
            F::ConsentGiven => t.f_consent,
            F::ConsentScope => t.f_consent_scope,
            F::ConsentRecordedBy => t.f_recorded_by,
            F::ConsentDate => t.ui.consent_date,
            F::StartingQuestion => t.f_starting_question,
            F::Attendee(_, f) => match f {
                AttendeeF::Alias => t.ui.alias,
                AttendeeF::Role => t.ui.role,
                AttendeeF::Organisation => t.ui.organisation,
                AttendeeF::Kind => t.ui.kind,
                AttendeeF::Payer => t.f_payer,
            },
            F::TimelineStart => t.f_start,
            F::TimelineEnd => t.f_end,
            F::TimelineOngoing => t.f_ongoing,
            F::Event(_, _, f) => match f {
                EventF::When => t.ui.when,
                EventF::What => t.ui.what,
                EventF::Domain => t.f_domain,
                EventF::RaisedBy => t.ui.raised_by,
                EventF::Confidence => t.f_confidence,
            },
            F::Activity(_, _, f) => match f {
                ActivityF::What => t.ui.what,
                ActivityF::Who => t.ui.who,
                ActivityF::Organisation => t.ui.organisation,
                ActivityF::From => t.ui.from,
                ActivityF::To => t.ui.to,
                ActivityF::HoursPerWeek => t.ui.hours_per_week,
                ActivityF::Weeks => t.ui.weeks,
                ActivityF::Quantity => t.f_quantity,
                ActivityF::Unit => t.ui.unit,
                ActivityF::Price => t.ui.price_item,
                ActivityF::Override => t.ui.price_override,
                ActivityF::OverrideReason => t.ui.override_reason,
                ActivityF::Payer => t.f_payer,
                ActivityF::Informal => t.ui.informal,
                ActivityF::Domain => t.f_domain,
                ActivityF::Confidence => t.f_confidence,
                ActivityF::Note => t.ui.note,
            },
            F::ScoreStart(_) => t.f_score_start,
            F::ScoreNow(_) => t.f_score_now,
            F::OwnWords(_) => t.f_own_words,
            F::Quote(_, f) => match f {
                QuoteF::Speaker => t.ui.speaker,
                QuoteF::Text => t.ui.words,
                QuoteF::Domain => t.f_domain,
            },
            F::OffRecord(_) => t.f_off_record,
            F::ReferenceType => t.f_reference_type,
            F::Narrative => t.f_narrative,
            F::Assumption(_, f) => match f {
                AssumptionF::Text => t.ui.assumption,
                AssumptionF::Confidence => t.f_confidence,
            },
            F::Estimated(_) => t.f_estimated_score,
            F::InformalValuation => t.ui.informal_valuation,
            F::Reprice => "",
            F::LearningPoint(_) => t.ui.learning_point,
            F::Agreement(_, f) => match f {
                AgreementF::What => t.ui.what,
                AgreementF::Who => t.ui.who,
                AgreementF::When => t.ui.when,
            },
            F::PulseOwner => t.f_pulse_owner,
            F::FollowUpDate => t.f_follow_up,
            F::Notes => t.f_notes,
            F::Add(_) => "",
        }
    }
}

pub fn add_label(l: ListKind, t: &Texts) -> &'static str {
    match l {
        ListKind::Attendees => t.ui.add_attendee,
        ListKind::Events(_) => t.ui.add_event,
        ListKind::Activities(_) => t.ui.add_activity,
        ListKind::Quotes => t.ui.add_quote,
        ListKind::OffRecord => t.ui.add_off_record,
        ListKind::Assumptions => t.ui.add_assumption,
        ListKind::LearningPoints => t.ui.add_learning_point,
        ListKind::Agreements => t.ui.add_agreement,
    }
}

fn events(s: &Session, sc: Scenario) -> &Vec<LifeEvent> {
    match sc {
        Scenario::Intervention => &s.looking_back.events,
        Scenario::Alternative => &s.alternative.events,
    }
}

fn events_mut(s: &mut Session, sc: Scenario) -> &mut Vec<LifeEvent> {
    match sc {
        Scenario::Intervention => &mut s.looking_back.events,
        Scenario::Alternative => &mut s.alternative.events,
    }
}

pub fn activities(s: &Session, sc: Scenario) -> &Vec<Activity> {
    match sc {
        Scenario::Intervention => &s.looking_back.activities,
        Scenario::Alternative => &s.alternative.activities,
    }
}

fn activities_mut(s: &mut Session, sc: Scenario) -> &mut Vec<Activity> {
    match sc {
        Scenario::Intervention => &mut s.looking_back.activities,
        Scenario::Alternative => &mut s.alternative.activities,
    }
}

/// Parses a decimal typed either way (`1,5` or `1.5`).
pub fn parse_decimal(text: &str) -> Option<Decimal> {
    let t = text.trim().replace(',', ".");
    if t.is_empty() || t.matches('.').count() > 1 {
        return None;
    }
    t.parse::<Decimal>().ok().filter(|d| !d.is_sign_negative())
}

/// The text shown (and edited) for a text-kind field.
pub fn text(s: &Session, id: FieldId, lang: Lang) -> String {
    use FieldId as F;
    let pd = |d: Option<PartialDate>| d.map(|d| d.display(lang)).unwrap_or_default();
    let day = |d: Option<chrono::NaiveDate>| d.map(|d| display_date(d, lang)).unwrap_or_default();
    let dec = |d: Option<Decimal>| {
        d.map(|d| crate::i18n::format::decimal(d, lang))
            .unwrap_or_default()
    };
    let p = &s.preparation;
    match id {
        F::Project => p.project.clone(),
        F::CaseCode => p.case_code.clone(),
        F::Date => day(p.date),
        F::Place => p.place.clone(),
        F::Facilitator => p.facilitator_alias.clone(),
        F::PlannedMinutes => p.planned_minutes.to_string(),
        F::ConsentRecordedBy => p.consent.recorded_by.clone(),
        F::ConsentDate => day(p.consent.date),
        F::StartingQuestion => p.starting_question.clone(),
        F::Attendee(i, f) => p.attendees.get(i).map_or_else(String::new, |a| match f {
            AttendeeF::Alias => a.alias.clone(),
            AttendeeF::Role => a.role.clone(),
            AttendeeF::Organisation => a.organisation.clone(),
            _ => String::new(),
        }),
        F::TimelineStart => pd(s.looking_back.timeline.start),
        F::TimelineEnd => pd(s.looking_back.timeline.end),
        F::Event(sc, i, f) => events(s, sc).get(i).map_or_else(String::new, |e| match f {
            EventF::When => pd(e.when),
            EventF::What => e.what.clone(),
            _ => String::new(),
        }),
        F::Activity(sc, i, f) => activities(s, sc)
            .get(i)
            .map_or_else(String::new, |a| match f {
                ActivityF::What => a.what.clone(),
                ActivityF::Organisation => a.organisation.clone(),
                ActivityF::From => pd(a.from),
                ActivityF::To => pd(a.to),
                ActivityF::HoursPerWeek => dec(a.hours_per_week),
                ActivityF::Weeks => dec(a.weeks),
                ActivityF::Quantity => crate::i18n::format::decimal(a.quantity, lang),
                ActivityF::Override => a
                    .price_override
                    .as_ref()
                    .map(|o| o.unit_price_cents.display(lang))
                    .unwrap_or_default(),
                ActivityF::OverrideReason => a
                    .price_override
                    .as_ref()
                    .map(|o| o.reason.clone())
                    .unwrap_or_default(),
                ActivityF::Note => a.note.clone(),
                _ => String::new(),
            }),
        F::OwnWords(d) => s
            .domains
            .get(d)
            .and_then(|dom| s.outcomes.for_domain(&dom.id))
            .map(|o| o.own_words.clone())
            .unwrap_or_default(),
        F::Quote(i, f) => s
            .outcomes
            .quotes
            .get(i)
            .map_or_else(String::new, |q| match f {
                QuoteF::Speaker => q.speaker.clone(),
                QuoteF::Text => q.text.clone(),
                QuoteF::Domain => String::new(),
            }),
        F::OffRecord(i) => s
            .outcomes
            .off_record
            .get(i)
            .map(|o| {
                let domain = o
                    .domain_id
                    .as_deref()
                    .and_then(|d| s.domain(d))
                    .map(|d| format!(" · {}", d.label.get(lang)))
                    .unwrap_or_default();
                format!(
                    "{} {}{domain}",
                    lang.texts().ui.off_record_marked,
                    o.marked_at.format("%H:%M")
                )
            })
            .unwrap_or_default(),
        F::Narrative => s.alternative.narrative.clone(),
        F::Assumption(i, AssumptionF::Text) => s
            .alternative
            .assumptions
            .get(i)
            .map(|a| a.text.clone())
            .unwrap_or_default(),
        F::LearningPoint(i) => s
            .wrap_up
            .learning_points
            .get(i)
            .cloned()
            .unwrap_or_default(),
        F::Agreement(i, f) => s
            .wrap_up
            .agreements
            .get(i)
            .map_or_else(String::new, |a| match f {
                AgreementF::What => a.what.clone(),
                AgreementF::Who => a.who.clone(),
                AgreementF::When => pd(a.when),
            }),
        F::PulseOwner => s.wrap_up.pulse_owner.clone(),
        F::FollowUpDate => day(s.wrap_up.follow_up_date),
        F::Notes => s.wrap_up.notes.clone(),
        _ => String::new(),
    }
}

/// Writes typed text into the session. Dates, numbers and amounts are parsed; text that
/// does not parse is refused with a message that says what is expected, and the session
/// keeps its previous value.
pub fn set_text(s: &mut Session, id: FieldId, value: &str, lang: Lang) -> Result<(), String> {
    use FieldId as F;
    let t = lang.texts();
    let limit = id.text_limit();
    if !limit.allows(value) {
        let unit = if limit.in_bytes() {
            "bytes"
        } else {
            t.characters
        };
        return Err((t.ui.too_long)(&limit.limit().to_string(), &unit));
    }
    let trimmed = value.trim();
    let pd = |v: &str| -> Result<Option<PartialDate>, String> {
        if v.trim().is_empty() {
            Ok(None)
        } else {
            PartialDate::parse_human(v)
                .map(Some)
                .map_err(|_| (t.ui.not_a_date)(&v.trim()))
        }
    };
    let day = |v: &str| -> Result<Option<chrono::NaiveDate>, String> {
        if v.trim().is_empty() {
            Ok(None)
        } else {
            parse_day(v)
                .map(Some)
                .map_err(|_| (t.ui.not_a_day)(&v.trim()))
        }
    };
    let p = &mut s.preparation;
    match id {
        F::Project => p.project = value.to_string(),
        F::CaseCode => p.case_code = value.to_string(),
        F::Date => p.date = day(value)?,
        F::Place => p.place = value.to_string(),
        F::Facilitator => p.facilitator_alias = value.to_string(),
        F::PlannedMinutes => {
            p.planned_minutes = if trimmed.is_empty() {
                0
            } else {
                trimmed
                    .parse::<u32>()
                    .ok()
                    .filter(|m| *m <= 24 * 60)
                    .ok_or_else(|| (t.ui.not_minutes)(&trimmed))?
            }
        }
        F::ConsentRecordedBy => p.consent.recorded_by = value.to_string(),
        F::ConsentDate => p.consent.date = day(value)?,
        F::StartingQuestion => p.starting_question = value.to_string(),
        F::Attendee(i, f) => {
            if let Some(a) = p.attendees.get_mut(i) {
                match f {
                    AttendeeF::Alias => a.alias = value.to_string(),
                    AttendeeF::Role => a.role = value.to_string(),
                    AttendeeF::Organisation => a.organisation = value.to_string(),
                    _ => {}
                }
            }
        }
        F::TimelineStart => s.looking_back.timeline.start = pd(value)?,
        F::TimelineEnd => s.looking_back.timeline.end = pd(value)?,
        F::Event(sc, i, f) => {
            let when = if f == EventF::When { pd(value)? } else { None };
            if let Some(e) = events_mut(s, sc).get_mut(i) {
                match f {
                    EventF::When => e.when = when,
                    EventF::What => e.what = value.to_string(),
                    _ => {}
                }
            }
        }
        F::Activity(sc, i, f) => set_activity_text(s, sc, i, f, value, lang)?,
        F::OwnWords(d) => {
            if let Some(id) = s.domains.get(d).map(|d| d.id.clone()) {
                outcome_mut(s, &id).own_words = value.to_string();
            }
        }
        F::Quote(i, f) => {
            if let Some(q) = s.outcomes.quotes.get_mut(i) {
                match f {
                    QuoteF::Speaker => q.speaker = value.to_string(),
                    QuoteF::Text => q.text = value.to_string(),
                    QuoteF::Domain => {}
                }
            }
        }
        F::Narrative => s.alternative.narrative = value.to_string(),
        F::Assumption(i, AssumptionF::Text) => {
            if let Some(a) = s.alternative.assumptions.get_mut(i) {
                a.text = value.to_string();
            }
        }
        F::LearningPoint(i) => {
            if let Some(l) = s.wrap_up.learning_points.get_mut(i) {
                *l = value.to_string();
            }
        }
        F::Agreement(i, f) => {
            let when = if f == AgreementF::When {
                pd(value)?
            } else {
                None
            };
            if let Some(a) = s.wrap_up.agreements.get_mut(i) {
                match f {
                    AgreementF::What => a.what = value.to_string(),
                    AgreementF::Who => a.who = value.to_string(),
                    AgreementF::When => a.when = when,
                }
            }
        }
        F::PulseOwner => s.wrap_up.pulse_owner = value.to_string(),
        F::FollowUpDate => s.wrap_up.follow_up_date = day(value)?,
        F::Notes => s.wrap_up.notes = value.to_string(),
        _ => {}
    }
    Ok(())
}

fn set_activity_text(
    s: &mut Session,
    sc: Scenario,
    i: usize,
    f: ActivityF,
    value: &str,
    lang: Lang,
) -> Result<(), String> {
    let t = lang.texts();
    let trimmed = value.trim();
    let pd = |v: &str| -> Result<Option<PartialDate>, String> {
        if v.trim().is_empty() {
            Ok(None)
        } else {
            PartialDate::parse_human(v)
                .map(Some)
                .map_err(|_| (t.ui.not_a_date)(&v.trim()))
        }
    };
    let number = |v: &str| -> Result<Option<Decimal>, String> {
        if v.trim().is_empty() {
            Ok(None)
        } else {
            let n = parse_decimal(v).ok_or_else(|| (t.ui.not_a_number)(&v.trim()))?;
            if n > crate::model::scenario::MAX_QUANTITY {
                return Err((t.ui.number_too_large)(&v.trim()));
            }
            Ok(Some(n))
        }
    };
    let Some(a) = activities_mut(s, sc).get_mut(i) else {
        return Ok(());
    };
    match f {
        ActivityF::What => a.what = value.to_string(),
        ActivityF::Organisation => a.organisation = value.to_string(),
        ActivityF::Note => a.note = value.to_string(),
        ActivityF::From => a.from = pd(value)?,
        ActivityF::To => a.to = pd(value)?,
        ActivityF::HoursPerWeek | ActivityF::Weeks => {
            let v = number(value)?;
            if f == ActivityF::HoursPerWeek {
                a.hours_per_week = v;
            } else {
                a.weeks = v;
            }
            // The hours helper: hours per week × weeks gives the quantity.
            if let (Some(h), Some(w)) = (a.hours_per_week, a.weeks) {
                a.set_hours_per_week(h, w);
            }
        }
        ActivityF::Quantity => {
            let q = number(value)?.unwrap_or_default();
            if a.quantity != q {
                a.quantity = q;
                // A typed quantity replaces the hours-per-week estimate.
                a.hours_per_week = None;
                a.weeks = None;
            }
        }
        ActivityF::Override => {
            if trimmed.is_empty() {
                a.price_override = None;
            } else {
                let cents = parse_amount(trimmed).map_err(|_| (t.ui.not_an_amount)(&trimmed))?;
                if cents.0 < 0 {
                    return Err((t.ui.not_an_amount)(&trimmed));
                }
                let reason = a
                    .price_override
                    .take()
                    .map(|o| o.reason)
                    .unwrap_or_default();
                a.price_override = Some(PriceOverride {
                    unit_price_cents: cents,
                    reason,
                });
            }
        }
        ActivityF::OverrideReason => {
            if let Some(o) = a.price_override.as_mut() {
                o.reason = value.to_string();
            } else if !trimmed.is_empty() {
                return Err(t.ui.reason_without_override.to_string());
            }
        }
        _ => {}
    }
    Ok(())
}

fn outcome_mut<'a>(s: &'a mut Session, domain_id: &str) -> &'a mut crate::model::DomainOutcome {
    if let Some(pos) = s
        .outcomes
        .domains
        .iter()
        .position(|o| o.domain_id == domain_id)
    {
        &mut s.outcomes.domains[pos]
    } else {
        s.outcomes
            .domains
            .push(crate::model::DomainOutcome::new(domain_id));
        s.outcomes.domains.last_mut().expect("just pushed")
    }
}

/// The options of a choice field and the index of the current one.
pub fn choice(s: &Session, id: FieldId, lang: Lang) -> (Vec<String>, usize) {
    use FieldId as F;
    let t = lang.texts();
    let pos = |v: &[String], cur: Option<&str>, ids: &[String]| -> usize {
        cur.and_then(|c| ids.iter().position(|i| i == c))
            .map_or(0, |p| p + 1)
            .min(v.len().saturating_sub(1))
    };
    let domains = || -> (Vec<String>, Vec<String>) {
        let mut labels = vec![t.ui.none.to_string()];
        labels.extend(s.domains.iter().map(|d| d.label.get(lang).to_string()));
        (labels, s.domains.iter().map(|d| d.id.clone()).collect())
    };
    let people = || -> (Vec<String>, Vec<String>) {
        let mut labels = vec![t.ui.none.to_string()];
        labels.extend(s.preparation.attendees.iter().map(|a| {
            if a.role.is_empty() {
                a.alias.clone()
            } else {
                format!("{} ({})", a.alias, a.role)
            }
        }));
        (
            labels,
            s.preparation
                .attendees
                .iter()
                .map(|a| a.id.clone())
                .collect(),
        )
    };
    let payers = |default_label: &str| -> (Vec<String>, Vec<String>) {
        let mut labels = vec![default_label.to_string()];
        labels.extend(s.costs.payers.iter().map(|p| p.label.get(lang).to_string()));
        (
            labels,
            s.costs.payers.iter().map(|p| p.id.clone()).collect(),
        )
    };
    let fixed =
        |labels: &[&str], idx: usize| (labels.iter().map(|l| (*l).to_string()).collect(), idx);
    match id {
        F::ParticipantKind => fixed(
            &t.participant_kinds,
            ParticipantKind::ALL
                .iter()
                .position(|k| *k == s.preparation.participant_kind)
                .unwrap_or(0),
        ),
        F::ConsentScope => fixed(
            &t.consent_scopes,
            usize::from(s.preparation.consent.scope == ConsentScope::AnonymisedReporting),
        ),
        F::ReferenceType => fixed(
            &t.reference_types,
            ReferenceType::ALL
                .iter()
                .position(|r| *r == s.alternative.reference_type)
                .unwrap_or(0),
        ),
        F::InformalValuation => {
            let labels = vec![
                t.ui.informal_as_hours.to_string(),
                t.ui.informal_replacement.to_string(),
            ];
            let idx = usize::from(s.costs.informal_valuation.is_some());
            (labels, idx)
        }
        F::Attendee(i, f) => {
            let a = s.preparation.attendees.get(i);
            if f == AttendeeF::Kind {
                fixed(
                    &t.attendee_kinds,
                    a.and_then(|a| AttendeeKind::ALL.iter().position(|k| *k == a.kind))
                        .unwrap_or(0),
                )
            } else {
                let (labels, ids) = payers(t.ui.none);
                let p = pos(&labels, a.and_then(|a| a.payer_id.as_deref()), &ids);
                (labels, p)
            }
        }
        F::Event(sc, i, f) => {
            let e = events(s, sc).get(i);
            match f {
                EventF::Domain => {
                    let (labels, ids) = domains();
                    let p = pos(&labels, e.and_then(|e| e.domain_id.as_deref()), &ids);
                    (labels, p)
                }
                EventF::RaisedBy => {
                    let (labels, ids) = people();
                    let p = pos(&labels, e.and_then(|e| e.raised_by.as_deref()), &ids);
                    (labels, p)
                }
                _ => confidence_choice(t, e.and_then(|e| e.confidence)),
            }
        }
        F::Activity(sc, i, f) => {
            let a = activities(s, sc).get(i);
            match f {
                ActivityF::Who => {
                    let (labels, ids) = people();
                    let p = pos(&labels, a.and_then(|a| a.attendee_id.as_deref()), &ids);
                    (labels, p)
                }
                ActivityF::Unit => fixed(
                    &t.units,
                    a.and_then(|a| Unit::ALL.iter().position(|u| *u == a.unit))
                        .unwrap_or(0),
                ),
                ActivityF::Price => {
                    let mut labels = vec![t.ui.none.to_string()];
                    labels.extend(
                        s.costs
                            .price_list
                            .items
                            .iter()
                            .map(|item| price_label(item, lang)),
                    );
                    let ids: Vec<String> = s
                        .costs
                        .price_list
                        .items
                        .iter()
                        .map(|i| i.id.clone())
                        .collect();
                    let p = pos(&labels, a.and_then(|a| a.price_id.as_deref()), &ids);
                    (labels, p)
                }
                ActivityF::Payer => {
                    let (labels, ids) = payers(t.ui.payer_from_price);
                    let p = pos(&labels, a.and_then(|a| a.payer_id.as_deref()), &ids);
                    (labels, p)
                }
                ActivityF::Domain => {
                    let (labels, ids) = domains();
                    let p = pos(&labels, a.and_then(|a| a.domain_id.as_deref()), &ids);
                    (labels, p)
                }
                _ => confidence_choice(t, a.and_then(|a| a.confidence)),
            }
        }
        F::Quote(i, _) => {
            let (labels, ids) = domains();
            let p = pos(
                &labels,
                s.outcomes
                    .quotes
                    .get(i)
                    .and_then(|q| q.domain_id.as_deref()),
                &ids,
            );
            (labels, p)
        }
        F::Assumption(i, _) => {
            let c = s
                .alternative
                .assumptions
                .get(i)
                .map(|a| a.confidence)
                .unwrap_or_default();
            fixed(
                &t.confidences,
                Confidence::ALL.iter().position(|x| *x == c).unwrap_or(1),
            )
        }
        _ => (vec![], 0),
    }
}

/// "WMO-01 · Individuele begeleiding … · € 55,80 / uur (2023)".
pub fn price_label(item: &crate::model::PriceItem, lang: Lang) -> String {
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

fn confidence_choice(t: &Texts, c: Option<Confidence>) -> (Vec<String>, usize) {
    let mut labels = vec![t.ui.none.to_string()];
    labels.extend(t.confidences.iter().map(|c| (*c).to_string()));
    let idx = c
        .and_then(|c| Confidence::ALL.iter().position(|x| *x == c))
        .map_or(0, |p| p + 1);
    (labels, idx)
}

/// Sets a choice field to option `index` (as listed by [`choice`]).
pub fn set_choice(s: &mut Session, id: FieldId, index: usize) {
    use FieldId as F;
    let opt_id = |ids: Vec<String>| -> Option<String> {
        index.checked_sub(1).and_then(|i| ids.get(i).cloned())
    };
    let domain_ids: Vec<String> = s.domains.iter().map(|d| d.id.clone()).collect();
    let people_ids: Vec<String> = s
        .preparation
        .attendees
        .iter()
        .map(|a| a.id.clone())
        .collect();
    let payer_ids: Vec<String> = s.costs.payers.iter().map(|p| p.id.clone()).collect();
    let price_ids: Vec<String> = s
        .costs
        .price_list
        .items
        .iter()
        .map(|i| i.id.clone())
        .collect();
    let conf = index
        .checked_sub(1)
        .and_then(|i| Confidence::ALL.get(i).copied());
    match id {
        F::ParticipantKind => {
            if let Some(k) = ParticipantKind::ALL.get(index) {
                s.preparation.participant_kind = *k;
            }
        }
        F::ConsentScope => {
            s.preparation.consent.scope = if index == 1 {
                ConsentScope::AnonymisedReporting
            } else {
                ConsentScope::SessionOnly
            };
        }
        F::ReferenceType => {
            if let Some(r) = ReferenceType::ALL.get(index) {
                s.alternative.reference_type = *r;
            }
        }
        F::InformalValuation => {
            s.costs.informal_valuation = (index == 1).then(|| replacement_valuation(s));
        }
        F::Attendee(i, f) => {
            if let Some(a) = s.preparation.attendees.get_mut(i) {
                match f {
                    AttendeeF::Kind => {
                        a.kind = AttendeeKind::ALL.get(index).copied().unwrap_or_default();
                    }
                    _ => a.payer_id = opt_id(payer_ids),
                }
            }
        }
        F::Event(sc, i, f) => {
            if let Some(e) = events_mut(s, sc).get_mut(i) {
                match f {
                    EventF::Domain => e.domain_id = opt_id(domain_ids),
                    EventF::RaisedBy => e.raised_by = opt_id(people_ids),
                    _ => e.confidence = conf,
                }
            }
        }
        F::Activity(sc, i, f) => {
            let attendees = s.preparation.attendees.clone();
            let items = s.costs.price_list.items.clone();
            if let Some(a) = activities_mut(s, sc).get_mut(i) {
                match f {
                    ActivityF::Who => {
                        a.attendee_id = opt_id(people_ids);
                        // The person's organisation and payer are the sensible defaults.
                        if let Some(p) = a
                            .attendee_id
                            .as_deref()
                            .and_then(|id| attendees.iter().find(|x| x.id == id))
                        {
                            if a.organisation.is_empty() {
                                a.organisation.clone_from(&p.organisation);
                            }
                            if a.payer_id.is_none() {
                                a.payer_id.clone_from(&p.payer_id);
                            }
                        }
                    }
                    ActivityF::Unit => a.unit = Unit::ALL.get(index).copied().unwrap_or_default(),
                    ActivityF::Price => {
                        a.price_id = opt_id(price_ids);
                        if let Some(item) = a
                            .price_id
                            .as_deref()
                            .and_then(|id| items.iter().find(|x| x.id == id))
                        {
                            a.unit = item.unit;
                        }
                    }
                    ActivityF::Payer => a.payer_id = opt_id(payer_ids),
                    ActivityF::Domain => a.domain_id = opt_id(domain_ids),
                    _ => a.confidence = conf,
                }
            }
        }
        F::Quote(i, _) => {
            if let Some(q) = s.outcomes.quotes.get_mut(i) {
                q.domain_id = opt_id(domain_ids);
            }
        }
        F::Assumption(i, _) => {
            if let Some(a) = s.alternative.assumptions.get_mut(i) {
                a.confidence = Confidence::ALL.get(index).copied().unwrap_or_default();
            }
        }
        _ => {}
    }
}

/// Informal hours valued at the replacement cost of informal care, from the price list
/// (Kostenhandleiding 2024, GZ-24) when it is there.
fn replacement_valuation(s: &Session) -> InformalValuation {
    let item = s.costs.price_list.item("GZ-24");
    InformalValuation {
        method: "vervangingskosten / replacement cost".into(),
        hourly_cents: item.and_then(|i| i.amount_cents).unwrap_or(Cents(1880)),
        source: item.map(|i| i.source.clone()).unwrap_or_default(),
    }
}

pub fn flag(s: &Session, id: FieldId) -> bool {
    match id {
        FieldId::GroundRules => s.preparation.ground_rules_confirmed,
        FieldId::ConsentGiven => s.preparation.consent.given,
        FieldId::TimelineOngoing => s.looking_back.timeline.ongoing,
        FieldId::Activity(sc, i, ActivityF::Informal) => {
            activities(s, sc).get(i).is_some_and(|a| a.informal)
        }
        _ => false,
    }
}

pub fn toggle(s: &mut Session, id: FieldId) {
    match id {
        FieldId::GroundRules => s.preparation.ground_rules_confirmed ^= true,
        FieldId::ConsentGiven => {
            let c = &mut s.preparation.consent;
            c.given ^= true;
            if c.given && c.date.is_none() {
                c.date = Some(Local::now().date_naive());
            }
        }
        FieldId::TimelineOngoing => s.looking_back.timeline.ongoing ^= true,
        FieldId::Activity(sc, i, ActivityF::Informal) => {
            if let Some(a) = activities_mut(s, sc).get_mut(i) {
                a.informal ^= true;
            }
        }
        _ => {}
    }
}

pub fn score(s: &Session, id: FieldId) -> Option<u8> {
    let domain = |d: usize| s.domains.get(d).map(|d| d.id.as_str());
    match id {
        FieldId::ScoreStart(d) => domain(d)
            .and_then(|d| s.outcomes.for_domain(d))
            .and_then(|o| o.score_start),
        FieldId::ScoreNow(d) => domain(d)
            .and_then(|d| s.outcomes.for_domain(d))
            .and_then(|o| o.score_now),
        FieldId::Estimated(d) => domain(d).and_then(|d| s.alternative.estimated_score(d)),
        _ => None,
    }
    .map(Score::get)
}

pub fn set_score(s: &mut Session, id: FieldId, value: Option<u8>) {
    let value = value.and_then(Score::new);
    let Some(domain_id) = (match id {
        FieldId::ScoreStart(d) | FieldId::ScoreNow(d) | FieldId::Estimated(d) => {
            s.domains.get(d).map(|d| d.id.clone())
        }
        _ => None,
    }) else {
        return;
    };
    match id {
        FieldId::ScoreStart(_) => outcome_mut(s, &domain_id).score_start = value,
        FieldId::ScoreNow(_) => outcome_mut(s, &domain_id).score_now = value,
        FieldId::Estimated(_) => {
            let est = &mut s.alternative.estimated_scores;
            match est.iter_mut().find(|e| e.domain_id == domain_id) {
                Some(e) => e.score = value,
                None => est.push(crate::model::EstimatedScore {
                    domain_id,
                    score: value,
                }),
            }
        }
        _ => {}
    }
}

/// Number of items in a list.
pub fn list_len(s: &Session, l: ListKind) -> usize {
    match l {
        ListKind::Attendees => s.preparation.attendees.len(),
        ListKind::Events(sc) => events(s, sc).len(),
        ListKind::Activities(sc) => activities(s, sc).len(),
        ListKind::Quotes => s.outcomes.quotes.len(),
        ListKind::OffRecord => s.outcomes.off_record.len(),
        ListKind::Assumptions => s.alternative.assumptions.len(),
        ListKind::LearningPoints => s.wrap_up.learning_points.len(),
        ListKind::Agreements => s.wrap_up.agreements.len(),
    }
}

/// Adds an empty item at the end of a list; returns its index.
pub fn add_item(s: &mut Session, l: ListKind) -> usize {
    let ids = |v: &mut dyn Iterator<Item = &str>, prefix: &str| next_id(prefix, v);
    match l {
        ListKind::Attendees => {
            let id = ids(
                &mut s.preparation.attendees.iter().map(|a| a.id.as_str()),
                "p",
            );
            s.preparation.attendees.push(Attendee {
                id,
                ..Attendee::default()
            });
        }
        ListKind::Events(sc) => {
            let id = ids(&mut events(s, sc).iter().map(|e| e.id.as_str()), "e");
            let confidence = (sc == Scenario::Alternative).then_some(Confidence::Medium);
            events_mut(s, sc).push(LifeEvent {
                id,
                confidence,
                ..LifeEvent::default()
            });
        }
        ListKind::Activities(sc) => {
            let id = ids(&mut activities(s, sc).iter().map(|a| a.id.as_str()), "a");
            let confidence = (sc == Scenario::Alternative).then_some(Confidence::Medium);
            activities_mut(s, sc).push(Activity {
                id,
                confidence,
                ..Activity::default()
            });
        }
        ListKind::Quotes => {
            let id = ids(&mut s.outcomes.quotes.iter().map(|q| q.id.as_str()), "q");
            s.outcomes.quotes.push(Quote {
                id,
                captured_at: Some(crate::model::now()),
                ..Quote::default()
            });
        }
        ListKind::OffRecord => s.outcomes.off_record.push(OffRecord {
            domain_id: None,
            marked_at: crate::model::now(),
        }),
        ListKind::Assumptions => {
            let id = ids(
                &mut s.alternative.assumptions.iter().map(|a| a.id.as_str()),
                "as",
            );
            s.alternative.assumptions.push(Assumption {
                id,
                ..Assumption::default()
            });
        }
        ListKind::LearningPoints => s.wrap_up.learning_points.push(String::new()),
        ListKind::Agreements => s.wrap_up.agreements.push(Agreement::default()),
    }
    list_len(s, l) - 1
}

pub fn remove_item(s: &mut Session, l: ListKind, i: usize) {
    fn rm<T>(v: &mut Vec<T>, i: usize) {
        if i < v.len() {
            v.remove(i);
        }
    }
    match l {
        ListKind::Attendees => rm(&mut s.preparation.attendees, i),
        ListKind::Events(sc) => rm(events_mut(s, sc), i),
        ListKind::Activities(sc) => rm(activities_mut(s, sc), i),
        ListKind::Quotes => rm(&mut s.outcomes.quotes, i),
        ListKind::OffRecord => rm(&mut s.outcomes.off_record, i),
        ListKind::Assumptions => rm(&mut s.alternative.assumptions, i),
        ListKind::LearningPoints => rm(&mut s.wrap_up.learning_points, i),
        ListKind::Agreements => rm(&mut s.wrap_up.agreements, i),
    }
}

/// Swaps item `i` with item `j` (both must exist).
pub fn swap_items(s: &mut Session, l: ListKind, i: usize, j: usize) {
    let n = list_len(s, l);
    if i >= n || j >= n {
        return;
    }
    match l {
        ListKind::Attendees => s.preparation.attendees.swap(i, j),
        ListKind::Events(sc) => events_mut(s, sc).swap(i, j),
        ListKind::Activities(sc) => activities_mut(s, sc).swap(i, j),
        ListKind::Quotes => s.outcomes.quotes.swap(i, j),
        ListKind::OffRecord => s.outcomes.off_record.swap(i, j),
        ListKind::Assumptions => s.alternative.assumptions.swap(i, j),
        ListKind::LearningPoints => s.wrap_up.learning_points.swap(i, j),
        ListKind::Agreements => s.wrap_up.agreements.swap(i, j),
    }
}

/// The same field in another item of its list (after adding, removing or moving).
pub fn with_index(id: FieldId, i: usize) -> FieldId {
    use FieldId as F;
    match id {
        F::Attendee(_, f) => F::Attendee(i, f),
        F::Event(sc, _, f) => F::Event(sc, i, f),
        F::Activity(sc, _, f) => F::Activity(sc, i, f),
        F::Quote(_, f) => F::Quote(i, f),
        F::OffRecord(_) => F::OffRecord(i),
        F::Assumption(_, f) => F::Assumption(i, f),
        F::LearningPoint(_) => F::LearningPoint(i),
        F::Agreement(_, f) => F::Agreement(i, f),
        other => other,
    }
}

/// The first field of item `i` of a list.
pub fn first_field(l: ListKind, i: usize) -> FieldId {
    match l {
        ListKind::Attendees => FieldId::Attendee(i, AttendeeF::Alias),
        ListKind::Events(sc) => FieldId::Event(sc, i, EventF::When),
        ListKind::Activities(sc) => FieldId::Activity(sc, i, ActivityF::What),
        ListKind::Quotes => FieldId::Quote(i, QuoteF::Speaker),
        ListKind::OffRecord => FieldId::OffRecord(i),
        ListKind::Assumptions => FieldId::Assumption(i, AssumptionF::Text),
        ListKind::LearningPoints => FieldId::LearningPoint(i),
        ListKind::Agreements => FieldId::Agreement(i, AgreementF::What),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::Catalog;

    fn session() -> Session {
        let c = Catalog::builtin();
        Session::new(c.domains, c.prices, c.payers)
    }

    #[test]
    fn typed_dates_numbers_and_amounts_are_parsed_or_refused() {
        let mut s = session();
        assert!(set_text(&mut s, FieldId::Date, "12-3-2026", Lang::Nl).is_ok());
        assert_eq!(text(&s, FieldId::Date, Lang::Nl), "12-3-2026");
        let err = set_text(&mut s, FieldId::Date, "gisteren", Lang::Nl).unwrap_err();
        assert!(
            err.contains("gisteren") && err.contains("12-3-2026"),
            "{err}"
        );
        assert_eq!(
            text(&s, FieldId::Date, Lang::Nl),
            "12-3-2026",
            "the old value is kept"
        );
        set_text(&mut s, FieldId::TimelineStart, "maart 2025", Lang::Nl).unwrap();
        assert_eq!(
            s.looking_back.timeline.start,
            Some(PartialDate::Month(2025, 3))
        );

        let i = add_item(&mut s, ListKind::Activities(Scenario::Intervention));
        let f = |x| FieldId::Activity(Scenario::Intervention, i, x);
        set_text(&mut s, f(ActivityF::HoursPerWeek), "1,5", Lang::Nl).unwrap();
        set_text(&mut s, f(ActivityF::Weeks), "20", Lang::Nl).unwrap();
        assert_eq!(text(&s, f(ActivityF::Quantity), Lang::Nl), "30");
        assert!(set_text(&mut s, f(ActivityF::Override), "€ 12,50", Lang::Nl).is_ok());
        assert_eq!(
            s.looking_back.activities[i]
                .price_override
                .as_ref()
                .unwrap()
                .unit_price_cents,
            Cents(1250)
        );
        assert!(
            set_text(&mut s, f(ActivityF::Override), "twaalf", Lang::Nl)
                .unwrap_err()
                .contains("1.234,50")
        );
        assert!(set_text(&mut s, f(ActivityF::Quantity), "-3", Lang::Nl).is_err());
    }

    #[test]
    fn choices_round_trip_and_price_choice_sets_the_unit() {
        let mut s = session();
        let i = add_item(&mut s, ListKind::Activities(Scenario::Alternative));
        let price = FieldId::Activity(Scenario::Alternative, i, ActivityF::Price);
        let (options, current) = choice(&s, price, Lang::Nl);
        assert_eq!(current, 0);
        let month = options
            .iter()
            .position(|o| o.starts_with("INK-04"))
            .unwrap();
        set_choice(&mut s, price, month);
        assert_eq!(
            s.alternative.activities[i].price_id.as_deref(),
            Some("INK-04")
        );
        assert_eq!(s.alternative.activities[i].unit, Unit::Month);
        assert_eq!(choice(&s, price, Lang::Nl).1, month);
        assert_eq!(
            s.alternative.activities[i].confidence,
            Some(Confidence::Medium)
        );
    }

    #[test]
    fn lists_grow_shrink_and_reorder() {
        let mut s = session();
        for name in ["Sam", "Jet", "Kees"] {
            let i = add_item(&mut s, ListKind::Attendees);
            set_text(
                &mut s,
                FieldId::Attendee(i, AttendeeF::Alias),
                name,
                Lang::Nl,
            )
            .unwrap();
        }
        swap_items(&mut s, ListKind::Attendees, 0, 2);
        remove_item(&mut s, ListKind::Attendees, 1);
        let names: Vec<_> = s
            .preparation
            .attendees
            .iter()
            .map(|a| a.alias.as_str())
            .collect();
        assert_eq!(names, ["Kees", "Sam"]);
        let ids: Vec<_> = s
            .preparation
            .attendees
            .iter()
            .map(|a| a.id.as_str())
            .collect();
        assert_eq!(ids, ["p3", "p1"], "ids stay with their person");
        assert_eq!(add_item(&mut s, ListKind::Attendees), 2);
        assert_eq!(s.preparation.attendees[2].id, "p4");
    }

    #[test]
    fn scores_are_set_per_domain() {
        let mut s = session();
        set_score(&mut s, FieldId::ScoreNow(2), Some(7));
        set_score(&mut s, FieldId::Estimated(2), Some(3));
        assert_eq!(score(&s, FieldId::ScoreNow(2)), Some(7));
        assert_eq!(score(&s, FieldId::Estimated(2)), Some(3));
        set_score(&mut s, FieldId::ScoreNow(2), Some(11));
        assert_eq!(score(&s, FieldId::ScoreNow(2)), None, "out of range clears");
    }
}
