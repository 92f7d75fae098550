//! Reading and writing one field of a session: [`get`] and [`set`], each one exhaustive
//! `match` over every field, with no wildcard arm. A new field that one of them forgets
//! is a compile error, not typing that silently goes nowhere.
//!
//! Typed text is parsed here (dates, numbers, amounts); text that does not parse is
//! refused with a message that says what is expected, and the session keeps its value.
//! Choices are read and written by the id of the chosen value, never by its place in a
//! list.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Serialize;
use serde::de::DeserializeOwned;

use super::{
    ActivityF, AgreementF, AssumptionF, AttendeeF, EarlierAgreementF, EventF, FieldId, QuoteF,
    activities, activities_mut, events, events_mut, parse_decimal,
};
use crate::i18n::Lang;
use crate::i18n::format::date as display_date;
use crate::model::costs::{InformalValuation, Scenario};
use crate::model::dates::{PartialDate, parse_day};
use crate::model::money::parse_amount;
use crate::model::scenario::PriceOverride;
use crate::model::{DomainOutcome, EndReason, EstimatedScore, Score, SeriesEnd, Session};

/// The value of one field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    /// What a text field shows and takes (dates and numbers as the language writes them).
    Text(String),
    /// The id of the chosen value; `None` for "none" (no domain, no payer...).
    Choice(Option<String>),
    Flag(bool),
    Score(Option<u8>),
    /// Shown, not edited (an off-the-record marker).
    Shown(String),
    /// A button or an item that does not exist: nothing to read or write.
    Nothing,
}

/// What [`set`] needs besides the value: the language typed text is parsed in, and
/// the clock (today is the date consent is recorded on).
#[derive(Debug, Clone, Copy)]
pub struct Env {
    pub lang: Lang,
    pub clock: crate::model::Clock,
}

impl Env {
    pub fn today(&self) -> NaiveDate {
        self.clock.today()
    }
}

/// The id of a value of one of the model's enums: its name in the session file.
pub fn enum_id<T: Serialize>(v: &T) -> String {
    serde_json::to_value(v)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

/// The value of one of the model's enums with the id `id`.
pub fn from_id<T: DeserializeOwned>(id: &str) -> Option<T> {
    serde_json::from_value(serde_json::Value::String(id.to_string())).ok()
}

fn text(s: &str) -> Value {
    Value::Text(s.to_string())
}

fn choice(id: Option<&str>) -> Value {
    Value::Choice(id.map(str::to_string))
}

/// The value of field `id` in `s`.
pub fn get(s: &Session, id: FieldId, lang: Lang) -> Value {
    use FieldId as F;
    let pd = |d: Option<PartialDate>| Value::Text(d.map(|d| d.display(lang)).unwrap_or_default());
    let day =
        |d: Option<NaiveDate>| Value::Text(d.map(|d| display_date(d, lang)).unwrap_or_default());
    let dec = |d: Option<Decimal>| {
        Value::Text(
            d.map(|d| crate::i18n::format::decimal(d, lang))
                .unwrap_or_default(),
        )
    };
    let p = &s.preparation;
    let domain_score = |d: usize, f: fn(&DomainOutcome) -> Option<Score>| {
        Value::Score(
            s.domains
                .get(d)
                .and_then(|dom| s.outcomes.for_domain(&dom.id))
                .and_then(f)
                .map(Score::get),
        )
    };
    match id {
        F::Project => text(&p.project),
        F::CaseCode => text(&p.case_code),
        F::ParticipantKind => Value::Choice(Some(enum_id(&p.participant_kind))),
        F::Date => day(p.date),
        F::Place => text(&p.place),
        F::Facilitator => text(&p.facilitator_alias),
        F::PlannedMinutes => Value::Text(p.planned_minutes.to_string()),
        F::GroundRules => Value::Flag(p.ground_rules_confirmed),
        F::ConsentGiven => Value::Flag(p.consent.given),
        F::ConsentScope => Value::Choice(Some(enum_id(&p.consent.scope))),
        F::ConsentRecordedBy => text(&p.consent.recorded_by),
        F::ConsentDate => day(p.consent.date),
        F::StartingQuestion => text(&p.starting_question),
        F::Attendee(i, f) => match p.attendees.get(i) {
            None => Value::Nothing,
            Some(a) => match f {
                AttendeeF::Alias => text(&a.alias),
                AttendeeF::Role => text(&a.role),
                AttendeeF::Organisation => text(&a.organisation),
                AttendeeF::Kind => Value::Choice(Some(enum_id(&a.kind))),
                AttendeeF::Payer => choice(a.payer_id.as_deref()),
            },
        },
        F::TimelineStart => pd(s.looking_back.timeline.start),
        F::TimelineEnd => pd(s.looking_back.timeline.end),
        F::TimelineOngoing => Value::Flag(s.looking_back.timeline.ongoing),
        F::Event(sc, i, f) => match events(s, sc).get(i) {
            None => Value::Nothing,
            Some(e) => match f {
                EventF::When => pd(e.when),
                EventF::What => text(&e.what),
                EventF::Domain => choice(e.domain_id.as_deref()),
                EventF::RaisedBy => choice(e.raised_by.as_deref()),
                EventF::Confidence => Value::Choice(e.confidence.map(|c| enum_id(&c))),
            },
        },
        F::Activity(sc, i, f) => match activities(s, sc).get(i) {
            None => Value::Nothing,
            Some(a) => match f {
                ActivityF::What => text(&a.what),
                ActivityF::Who => choice(a.attendee_id.as_deref()),
                ActivityF::Organisation => text(&a.organisation),
                ActivityF::From => pd(a.from),
                ActivityF::To => pd(a.to),
                ActivityF::HoursPerWeek => dec(a.hours_per_week),
                ActivityF::Weeks => dec(a.weeks),
                ActivityF::Quantity => dec(Some(a.quantity)),
                ActivityF::Unit => Value::Choice(Some(enum_id(&a.unit))),
                // The basis in effect (hours are estimated unless said otherwise).
                ActivityF::Basis => Value::Choice(Some(enum_id(&a.quantity_basis()))),
                ActivityF::Margin => {
                    Value::Text(a.margin_percent.map(|m| m.to_string()).unwrap_or_default())
                }
                ActivityF::Price => choice(a.price_id.as_deref()),
                ActivityF::Override => Value::Text(
                    a.price_override
                        .as_ref()
                        .and_then(|o| o.unit_price_cents)
                        .map(|c| c.display(lang))
                        .unwrap_or_default(),
                ),
                ActivityF::OverrideReason => Value::Text(
                    a.price_override
                        .as_ref()
                        .map(|o| o.reason.clone())
                        .unwrap_or_default(),
                ),
                ActivityF::Payer => choice(a.payer_id.as_deref()),
                ActivityF::Informal => Value::Flag(a.informal),
                ActivityF::Domain => choice(a.domain_id.as_deref()),
                ActivityF::Confidence => Value::Choice(a.confidence.map(|c| enum_id(&c))),
                ActivityF::Note => text(&a.note),
            },
        },
        F::ScoreStart(d) => domain_score(d, |o| o.score_start),
        F::ScoreNow(d) => domain_score(d, |o| o.score_now),
        F::ScoreProfessionals(d) => domain_score(d, |o| o.score_professionals),
        F::SecondView => Value::Flag(s.outcomes.second_view),
        F::OwnWords(d) => Value::Text(
            s.domains
                .get(d)
                .and_then(|dom| s.outcomes.for_domain(&dom.id))
                .map(|o| o.own_words.clone())
                .unwrap_or_default(),
        ),
        F::Quote(i, f) => match s.outcomes.quotes.get(i) {
            None => Value::Nothing,
            Some(q) => match f {
                QuoteF::Speaker => text(&q.speaker),
                QuoteF::Text => text(&q.text),
                QuoteF::Domain => choice(q.domain_id.as_deref()),
            },
        },
        // Which life domain the topic kept off the record belongs to (none: a topic of
        // its own); the time it was marked is kept in the file, never its content.
        F::OffRecord(i) => s
            .outcomes
            .off_record
            .get(i)
            .map_or(Value::Nothing, |o| choice(o.domain_id.as_deref())),
        F::ReferenceType => Value::Choice(Some(enum_id(&s.alternative.reference_type))),
        F::Narrative => text(&s.alternative.narrative),
        F::Assumption(i, f) => match s.alternative.assumptions.get(i) {
            None => Value::Nothing,
            Some(a) => match f {
                AssumptionF::Text => text(&a.text),
                AssumptionF::Confidence => Value::Choice(Some(enum_id(&a.confidence))),
                AssumptionF::Held => Value::Choice(a.held.map(|h| enum_id(&h))),
                AssumptionF::HeldComment => text(&a.held_comment),
            },
        },
        F::Estimated(d) => Value::Score(
            s.domains
                .get(d)
                .and_then(|dom| s.alternative.estimated_score(&dom.id))
                .map(Score::get),
        ),
        F::InformalValuation => Value::Choice(Some(
            if s.costs.informal_valuation.is_some() {
                VALUED
            } else {
                AS_HOURS
            }
            .to_string(),
        )),
        F::PriceYear => Value::Text(
            s.costs
                .price_year
                .map(|y| y.to_string())
                .unwrap_or_default(),
        ),
        F::Reprice | F::Add(_) => Value::Nothing,
        F::LearningPoint(i) => s
            .wrap_up
            .learning_points
            .get(i)
            .map_or(Value::Nothing, |l| text(l)),
        F::Agreement(i, f) => match s.wrap_up.agreements.get(i) {
            None => Value::Nothing,
            Some(a) => match f {
                AgreementF::What => text(&a.what),
                AgreementF::Who => text(&a.who),
                AgreementF::When => pd(a.when),
            },
        },
        F::PulseOwner => text(&s.wrap_up.pulse_owner),
        F::FollowUpDate => day(s.wrap_up.follow_up_date),
        F::Notes => text(&s.wrap_up.notes),
        F::EarlierAgreement(i, f) => match s.wrap_up.earlier_agreements.get(i) {
            None => Value::Nothing,
            Some(a) => match f {
                EarlierAgreementF::Agreed => {
                    let mut shown = a.what.clone();
                    if !a.who.trim().is_empty() {
                        shown = format!("{shown} — {}", a.who);
                    }
                    if let Some(w) = a.when {
                        shown = format!("{shown} ({})", w.display(lang));
                    }
                    Value::Shown(shown)
                }
                EarlierAgreementF::Status => Value::Choice(a.status.map(|st| enum_id(&st))),
                EarlierAgreementF::Comment => text(&a.comment),
            },
        },
        F::EarlierPulseOwner => Value::Shown(s.wrap_up.earlier_pulse_owner.clone()),
        F::SeriesEnd => Value::Choice(Some(
            s.wrap_up
                .series_end
                .as_ref()
                .map_or_else(|| SERIES_ACTIVE.to_string(), |e| enum_id(&e.reason)),
        )),
        F::SeriesEndedOn => day(s.wrap_up.series_end.as_ref().and_then(|e| e.on)),
        F::SeriesEndNote => text(
            s.wrap_up
                .series_end
                .as_ref()
                .map_or("", |e| e.note.as_str()),
        ),
    }
}

/// The id of "the series goes on" among the choices of how a series ends.
pub const SERIES_ACTIVE: &str = "active";

/// The ids of the two ways to show informal help.
pub const AS_HOURS: &str = "hours";
pub const VALUED: &str = "replacement_cost";

/// Writes `value` into field `id` of `s`. A value of the wrong kind for the field, or for
/// an item that does not exist, changes nothing.
pub fn set(s: &mut Session, id: FieldId, value: Value, env: Env) -> Result<(), String> {
    // Whatever a person sets is no longer a suggestion of tafel's.
    if !s.suggested.is_empty() {
        let key = path(s, id);
        s.suggested.remove(&key);
    }
    set_value(s, id, value, env)
}

fn set_value(s: &mut Session, id: FieldId, value: Value, env: Env) -> Result<(), String> {
    use FieldId as F;
    let t = env.lang.texts();
    let txt = |v: &Value| match v {
        Value::Text(t) => Some(t.clone()),
        _ => None,
    };
    let typed = txt(&value);
    let pd = |v: &str| -> Result<Option<PartialDate>, String> {
        if v.trim().is_empty() {
            Ok(None)
        } else {
            PartialDate::parse_human(v)
                .map(Some)
                .map_err(|_| (t.ui.not_a_date)(&v.trim()))
        }
    };
    let day = |v: &str| -> Result<Option<NaiveDate>, String> {
        if v.trim().is_empty() {
            Ok(None)
        } else {
            parse_day(v)
                .map(Some)
                .map_err(|_| (t.ui.not_a_day)(&v.trim()))
        }
    };
    let flag = match value {
        Value::Flag(f) => Some(f),
        _ => None,
    };
    let score = match value {
        Value::Score(v) => Some(v.and_then(Score::new)),
        _ => None,
    };
    let p = &mut s.preparation;
    match id {
        F::Project => set_string(&mut p.project, &value),
        F::CaseCode => set_string(&mut p.case_code, &value),
        F::ParticipantKind => set_enum(&mut p.participant_kind, &value),
        F::Date => {
            if let Some(v) = typed {
                p.date = day(&v)?;
                // A consent date tafel suggested follows the session's date, and so does a
                // suggested price year.
                if let Some(d) = p.date
                    && p.consent.date.is_some()
                    && s.suggested.contains("preparation.consent.date")
                {
                    p.consent.date = Some(d);
                }
                if let Some(d) = p.date
                    && s.costs.price_year.is_some()
                    && s.suggested.contains("costs.price_year")
                {
                    s.costs.price_year = Some(chrono::Datelike::year(&d));
                }
            }
        }
        F::Place => set_string(&mut p.place, &value),
        F::Facilitator => set_string(&mut p.facilitator_alias, &value),
        F::PlannedMinutes => {
            if let Some(v) = typed {
                let v = v.trim();
                p.planned_minutes = if v.is_empty() {
                    0
                } else {
                    v.parse::<u32>()
                        .ok()
                        .filter(|m| *m <= 24 * 60)
                        .ok_or_else(|| (t.ui.not_minutes)(&v))?
                };
            }
        }
        F::GroundRules => set_flag(&mut p.ground_rules_confirmed, &value),
        F::ConsentGiven => {
            if let Some(given) = flag {
                p.consent.given = given;
                // Consent given now: it is recorded on the session's date (today when it
                // has none) by the facilitator, unless they were typed (suggestions: typing
                // replaces them).
                if given && p.consent.date.is_none() {
                    p.consent.date = Some(p.date.unwrap_or(env.today()));
                    s.suggested.insert("preparation.consent.date".into());
                }
                if given
                    && p.consent.recorded_by.trim().is_empty()
                    && !p.facilitator_alias.trim().is_empty()
                {
                    p.consent.recorded_by.clone_from(&p.facilitator_alias);
                    s.suggested.insert("preparation.consent.recorded_by".into());
                }
            }
        }
        F::ConsentScope => set_enum(&mut p.consent.scope, &value),
        F::ConsentRecordedBy => set_string(&mut p.consent.recorded_by, &value),
        F::ConsentDate => {
            if let Some(v) = typed {
                p.consent.date = day(&v)?;
            }
        }
        F::StartingQuestion => set_string(&mut p.starting_question, &value),
        F::Attendee(i, f) => {
            if let Some(a) = p.attendees.get_mut(i) {
                match f {
                    AttendeeF::Alias => set_string(&mut a.alias, &value),
                    AttendeeF::Role => set_string(&mut a.role, &value),
                    AttendeeF::Organisation => set_string(&mut a.organisation, &value),
                    AttendeeF::Kind => set_enum(&mut a.kind, &value),
                    AttendeeF::Payer => set_id(&mut a.payer_id, &value),
                }
            }
        }
        F::TimelineStart => {
            if let Some(v) = typed {
                s.looking_back.timeline.start = pd(&v)?;
            }
        }
        F::TimelineEnd => {
            if let Some(v) = typed {
                s.looking_back.timeline.end = pd(&v)?;
            }
        }
        F::TimelineOngoing => set_flag(&mut s.looking_back.timeline.ongoing, &value),
        F::Event(sc, i, f) => {
            let when = match (f, &typed) {
                (EventF::When, Some(v)) => Some(pd(v)?),
                _ => None,
            };
            if let Some(e) = events_mut(s, sc).get_mut(i) {
                match f {
                    EventF::When => {
                        if let Some(w) = when {
                            e.when = w;
                        }
                    }
                    EventF::What => set_string(&mut e.what, &value),
                    EventF::Domain => set_id(&mut e.domain_id, &value),
                    EventF::RaisedBy => set_id(&mut e.raised_by, &value),
                    EventF::Confidence => set_opt_enum(&mut e.confidence, &value),
                }
            }
        }
        F::Activity(sc, i, f) => set_activity(s, sc, i, f, &value, env)?,
        F::ScoreStart(d) | F::ScoreNow(d) | F::ScoreProfessionals(d) => {
            if let (Some(v), Some(domain_id)) = (score, s.domains.get(d).map(|d| d.id.clone())) {
                let o = outcome_mut(s, &domain_id);
                match id {
                    F::ScoreStart(_) => o.score_start = v,
                    F::ScoreNow(_) => o.score_now = v,
                    _ => o.score_professionals = v,
                }
            }
        }
        F::OwnWords(d) => {
            if let (Some(v), Some(domain_id)) = (typed, s.domains.get(d).map(|d| d.id.clone())) {
                outcome_mut(s, &domain_id).own_words = v;
            }
        }
        F::Quote(i, f) => {
            if let Some(q) = s.outcomes.quotes.get_mut(i) {
                match f {
                    QuoteF::Speaker => set_string(&mut q.speaker, &value),
                    QuoteF::Text => set_string(&mut q.text, &value),
                    QuoteF::Domain => set_id(&mut q.domain_id, &value),
                }
            }
        }
        // Only the fact and the moment are kept, never what was said.
        F::PriceYear => {
            if let Some(v) = typed {
                let v = v.trim();
                s.costs.price_year = if v.is_empty() {
                    None
                } else {
                    Some(
                        v.parse::<i32>()
                            .ok()
                            .filter(|y| (1900..=2200).contains(y))
                            .ok_or_else(|| (t.ui.not_a_year)(&v))?,
                    )
                };
            }
        }
        F::OffRecord(i) => {
            if let Some(o) = s.outcomes.off_record.get_mut(i) {
                set_id(&mut o.domain_id, &value);
            }
        }
        F::Reprice | F::Add(_) => {}
        F::ReferenceType => set_enum(&mut s.alternative.reference_type, &value),
        F::Narrative => set_string(&mut s.alternative.narrative, &value),
        F::Assumption(i, f) => {
            if let Some(a) = s.alternative.assumptions.get_mut(i) {
                match f {
                    AssumptionF::Text => set_string(&mut a.text, &value),
                    AssumptionF::Confidence => set_enum(&mut a.confidence, &value),
                    AssumptionF::Held => set_opt_enum(&mut a.held, &value),
                    AssumptionF::HeldComment => set_string(&mut a.held_comment, &value),
                }
            }
        }
        F::Estimated(d) => {
            if let (Some(v), Some(domain_id)) = (score, s.domains.get(d).map(|d| d.id.clone())) {
                let est = &mut s.alternative.estimated_scores;
                match est.iter_mut().find(|e| e.domain_id == domain_id) {
                    Some(e) => e.score = v,
                    None => est.push(EstimatedScore {
                        domain_id,
                        score: v,
                    }),
                }
            }
        }
        F::InformalValuation => {
            if let Value::Choice(c) = &value {
                s.costs.informal_valuation = (c.as_deref() == Some(VALUED))
                    .then(|| InformalValuation::replacement_cost(&s.costs.price_list));
            }
        }
        F::LearningPoint(i) => {
            if let Some(l) = s.wrap_up.learning_points.get_mut(i) {
                set_string(l, &value);
            }
        }
        F::Agreement(i, f) => {
            let when = match (f, &typed) {
                (AgreementF::When, Some(v)) => Some(pd(v)?),
                _ => None,
            };
            if let Some(a) = s.wrap_up.agreements.get_mut(i) {
                match f {
                    AgreementF::What => set_string(&mut a.what, &value),
                    AgreementF::Who => set_string(&mut a.who, &value),
                    AgreementF::When => {
                        if let Some(w) = when {
                            a.when = w;
                        }
                    }
                }
            }
        }
        F::PulseOwner => set_string(&mut s.wrap_up.pulse_owner, &value),
        F::FollowUpDate => {
            if let Some(v) = typed {
                s.wrap_up.follow_up_date = day(&v)?;
            }
        }
        F::Notes => set_string(&mut s.wrap_up.notes, &value),
        F::EarlierAgreement(i, f) => {
            if let Some(a) = s.wrap_up.earlier_agreements.get_mut(i) {
                match f {
                    EarlierAgreementF::Agreed => {}
                    EarlierAgreementF::Status => set_opt_enum(&mut a.status, &value),
                    EarlierAgreementF::Comment => set_string(&mut a.comment, &value),
                }
            }
        }
        F::EarlierPulseOwner => {}
        F::SecondView => set_flag(&mut s.outcomes.second_view, &value),
        F::SeriesEnd => {
            if let Value::Choice(c) = &value {
                let w = &mut s.wrap_up;
                match c.as_deref().and_then(from_id::<EndReason>) {
                    None => w.series_end = None,
                    Some(reason) => {
                        // Ended today unless a date was typed; the note stays.
                        let (on, note) = w
                            .series_end
                            .take()
                            .map_or((Some(env.today()), String::new()), |e| (e.on, e.note));
                        w.series_end = Some(SeriesEnd { reason, on, note });
                    }
                }
            }
        }
        F::SeriesEndedOn => {
            if let (Some(v), Some(e)) = (typed, s.wrap_up.series_end.as_mut()) {
                e.on = day(&v)?;
            }
        }
        F::SeriesEndNote => {
            if let Some(e) = s.wrap_up.series_end.as_mut() {
                set_string(&mut e.note, &value);
            }
        }
    }
    Ok(())
}

fn set_string(field: &mut String, value: &Value) {
    if let Value::Text(v) = value {
        field.clone_from(v);
    }
}

fn set_flag(field: &mut bool, value: &Value) {
    if let Value::Flag(v) = value {
        *field = *v;
    }
}

/// A choice of an id from the session's own lists (a payer, a domain, a person).
fn set_id(field: &mut Option<String>, value: &Value) {
    if let Value::Choice(v) = value {
        *field = v.clone().filter(|id| !id.is_empty());
    }
}

/// A choice of one of the model's enums; an unknown id changes nothing.
fn set_enum<T: DeserializeOwned>(field: &mut T, value: &Value) {
    if let Value::Choice(Some(id)) = value
        && let Some(v) = from_id(id)
    {
        *field = v;
    }
}

/// The same for an optional enum; `None` is "none".
fn set_opt_enum<T: DeserializeOwned>(field: &mut Option<T>, value: &Value) {
    match value {
        Value::Choice(None) => *field = None,
        Value::Choice(Some(id)) => {
            if let Some(v) = from_id(id) {
                *field = Some(v);
            }
        }
        _ => {}
    }
}

fn set_activity(
    s: &mut Session,
    sc: Scenario,
    i: usize,
    f: ActivityF,
    value: &Value,
    env: Env,
) -> Result<(), String> {
    let t = env.lang.texts();
    let typed = match value {
        Value::Text(t) => Some(t.clone()),
        _ => None,
    };
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
    let attendees = s.preparation.attendees.clone();
    let units: Vec<(String, crate::model::Unit)> = s
        .costs
        .price_list
        .items
        .iter()
        .map(|p| (p.id.clone(), p.unit))
        .collect();
    // The organisation and payer that came with the person chosen before (tafel's
    // suggestion, never typed) follow the person when another one is chosen.
    let org_key = path(s, FieldId::Activity(sc, i, ActivityF::Organisation));
    let payer_key = path(s, FieldId::Activity(sc, i, ActivityF::Payer));
    let informal_key = path(s, FieldId::Activity(sc, i, ActivityF::Informal));
    let org_follows = s.suggested.contains(&org_key);
    let payer_follows = s.suggested.contains(&payer_key);
    let informal_follows = s.suggested.contains(&informal_key);
    let mut follow = (None, None, None);
    let Some(a) = activities_mut(s, sc).get_mut(i) else {
        return Ok(());
    };
    match f {
        ActivityF::What => set_string(&mut a.what, value),
        ActivityF::Organisation => set_string(&mut a.organisation, value),
        ActivityF::Note => set_string(&mut a.note, value),
        ActivityF::From => {
            if let Some(v) = typed {
                a.from = pd(&v)?;
            }
        }
        ActivityF::To => {
            if let Some(v) = typed {
                a.to = pd(&v)?;
            }
        }
        ActivityF::HoursPerWeek | ActivityF::Weeks => {
            if let Some(v) = typed {
                let v = number(&v)?;
                if f == ActivityF::HoursPerWeek {
                    a.hours_per_week = v;
                } else {
                    a.weeks = v;
                }
            }
        }
        ActivityF::Quantity => {
            if let Some(v) = typed {
                let q = number(&v)?.unwrap_or_default();
                if a.quantity != q {
                    a.quantity = q;
                    // A typed quantity replaces the hours-per-week estimate.
                    a.hours_per_week = None;
                    a.weeks = None;
                }
            }
        }
        ActivityF::Override => {
            if let Some(v) = typed {
                let trimmed = v.trim();
                let cents = if trimmed.is_empty() {
                    None
                } else {
                    let cents = parse_amount(trimmed, env.lang.decimal_separator())
                        .map_err(|_| (t.ui.not_an_amount)(&trimmed))?;
                    if cents.0 < 0 {
                        return Err((t.ui.not_an_amount)(&trimmed));
                    }
                    Some(cents)
                };
                // Emptying the amount keeps the reason (to type a new amount to it).
                let reason = a
                    .price_override
                    .take()
                    .map(|o| o.reason)
                    .unwrap_or_default();
                a.price_override =
                    (cents.is_some() || !reason.trim().is_empty()).then_some(PriceOverride {
                        unit_price_cents: cents,
                        reason,
                    });
            }
        }
        ActivityF::OverrideReason => {
            if let Some(v) = typed {
                // A reason may come before its amount.
                let amount = a.price_override.take().and_then(|o| o.unit_price_cents);
                a.price_override =
                    (amount.is_some() || !v.trim().is_empty()).then_some(PriceOverride {
                        unit_price_cents: amount,
                        reason: v,
                    });
            }
        }
        ActivityF::Who => {
            set_id(&mut a.attendee_id, value);
            // The person's organisation and payer are the sensible defaults: filled in
            // when empty or when they came with the person chosen before.
            let person = a
                .attendee_id
                .as_deref()
                .and_then(|id| attendees.iter().find(|x| x.id == id));
            if a.organisation.is_empty() || org_follows {
                a.organisation = person.map(|p| p.organisation.clone()).unwrap_or_default();
                follow.0 = Some(!a.organisation.is_empty());
            }
            if a.payer_id.is_none() || payer_follows {
                a.payer_id = person.and_then(|p| p.payer_id.clone());
                follow.1 = Some(a.payer_id.is_some());
            }
            // Help from the informal network is informal (unpaid) unless said otherwise.
            let network =
                person.is_some_and(|p| p.kind == crate::model::AttendeeKind::InformalNetwork);
            if (!a.informal && network) || informal_follows {
                a.informal = network;
                follow.2 = Some(network);
            }
        }
        ActivityF::Unit => set_enum(&mut a.unit, value),
        ActivityF::Basis => set_opt_enum(&mut a.basis, value),
        ActivityF::Margin => {
            if let Some(v) = typed {
                let v = v.trim().trim_end_matches('%').trim();
                a.margin_percent = if v.is_empty() {
                    None
                } else {
                    Some(
                        v.parse::<u8>()
                            .ok()
                            .filter(|m| *m <= 100)
                            .ok_or_else(|| (t.ui.not_a_percentage)(&v))?,
                    )
                };
            }
        }
        ActivityF::Price => {
            set_id(&mut a.price_id, value);
            // A price item comes with its unit.
            if let Some((_, unit)) = a
                .price_id
                .as_deref()
                .and_then(|id| units.iter().find(|(p, _)| p == id))
            {
                a.unit = *unit;
            }
        }
        ActivityF::Payer => set_id(&mut a.payer_id, value),
        ActivityF::Informal => {
            if let Value::Flag(v) = value {
                a.informal = *v;
            }
        }
        ActivityF::Domain => set_id(&mut a.domain_id, value),
        ActivityF::Confidence => set_opt_enum(&mut a.confidence, value),
    }
    // The hours helper: hours per week × weeks gives the quantity. With a period (from
    // and until) and no weeks typed, the weeks are counted from the period: a suggestion,
    // which typing a number of weeks replaces.
    if matches!(
        f,
        ActivityF::HoursPerWeek | ActivityF::Weeks | ActivityF::From | ActivityF::To
    ) {
        let weeks_key = path(s, FieldId::Activity(sc, i, ActivityF::Weeks));
        let weeks_derived = s.suggested.contains(&weeks_key);
        let Some(a) = activities_mut(s, sc).get_mut(i) else {
            return Ok(());
        };
        let derived = match (a.from, a.to) {
            (Some(from), Some(to)) => PartialDate::weeks_between(from, to).map(Decimal::from),
            _ => None,
        };
        let mut suggest = None;
        if a.hours_per_week.is_some() && (a.weeks.is_none() || weeks_derived) {
            if let Some(w) = derived {
                a.weeks = Some(w);
                suggest = Some(true);
            } else if weeks_derived {
                a.weeks = None;
                suggest = Some(false);
            }
        }
        if let (Some(h), Some(w)) = (a.hours_per_week, a.weeks) {
            a.set_hours_per_week(h, w);
        }
        match suggest {
            Some(true) => {
                s.suggested.insert(weeks_key);
            }
            Some(false) => {
                s.suggested.remove(&weeks_key);
            }
            None => {}
        }
    }
    for (key, filled) in [
        (org_key, follow.0),
        (payer_key, follow.1),
        (informal_key, follow.2),
    ] {
        match filled {
            Some(true) => {
                s.suggested.insert(key);
            }
            Some(false) => {
                s.suggested.remove(&key);
            }
            None => {}
        }
    }
    Ok(())
}

fn outcome_mut<'a>(s: &'a mut Session, domain_id: &str) -> &'a mut DomainOutcome {
    if let Some(pos) = s
        .outcomes
        .domains
        .iter()
        .position(|o| o.domain_id == domain_id)
    {
        &mut s.outcomes.domains[pos]
    } else {
        s.outcomes.domains.push(DomainOutcome::new(domain_id));
        s.outcomes.domains.last_mut().expect("just pushed")
    }
}

/// Where field `id` is in the session file, with list items named by their id where they
/// have one: `preparation.date`, `looking_back.activities[a3].quantity`. The key of a
/// suggested value (see `Session::suggested`).
pub fn path(s: &Session, id: FieldId) -> String {
    use FieldId as F;
    let scenario = |sc: Scenario| match sc {
        Scenario::Intervention => "looking_back",
        Scenario::Alternative => "alternative",
    };
    let item = |list: &str, key: Option<&str>, i: usize, field: &str| match key {
        Some(k) => format!("{list}[{k}].{field}"),
        None => format!("{list}[{i}].{field}"),
    };
    let domain = |d: usize| {
        s.domains
            .get(d)
            .map_or_else(|| d.to_string(), |x| x.id.clone())
    };
    match id {
        F::Project => "preparation.project".into(),
        F::CaseCode => "preparation.case_code".into(),
        F::ParticipantKind => "preparation.participant_kind".into(),
        F::Date => "preparation.date".into(),
        F::Place => "preparation.place".into(),
        F::Facilitator => "preparation.facilitator_alias".into(),
        F::PlannedMinutes => "preparation.planned_minutes".into(),
        F::GroundRules => "preparation.ground_rules_confirmed".into(),
        F::ConsentGiven => "preparation.consent.given".into(),
        F::ConsentScope => "preparation.consent.scope".into(),
        F::ConsentRecordedBy => "preparation.consent.recorded_by".into(),
        F::ConsentDate => "preparation.consent.date".into(),
        F::StartingQuestion => "preparation.starting_question".into(),
        F::Attendee(i, f) => item(
            "preparation.attendees",
            s.preparation.attendees.get(i).map(|a| a.id.as_str()),
            i,
            match f {
                AttendeeF::Alias => "alias",
                AttendeeF::Role => "role",
                AttendeeF::Organisation => "organisation",
                AttendeeF::Kind => "kind",
                AttendeeF::Payer => "payer_id",
            },
        ),
        F::TimelineStart => "looking_back.timeline.start".into(),
        F::TimelineEnd => "looking_back.timeline.end".into(),
        F::TimelineOngoing => "looking_back.timeline.ongoing".into(),
        F::Event(sc, i, f) => item(
            &format!("{}.events", scenario(sc)),
            events(s, sc).get(i).map(|e| e.id.as_str()),
            i,
            match f {
                EventF::When => "when",
                EventF::What => "what",
                EventF::Domain => "domain_id",
                EventF::RaisedBy => "raised_by",
                EventF::Confidence => "confidence",
            },
        ),
        F::Activity(sc, i, f) => item(
            &format!("{}.activities", scenario(sc)),
            activities(s, sc).get(i).map(|a| a.id.as_str()),
            i,
            match f {
                ActivityF::What => "what",
                ActivityF::Who => "attendee_id",
                ActivityF::Organisation => "organisation",
                ActivityF::From => "from",
                ActivityF::To => "to",
                ActivityF::HoursPerWeek => "hours_per_week",
                ActivityF::Weeks => "weeks",
                ActivityF::Quantity => "quantity",
                ActivityF::Unit => "unit",
                ActivityF::Basis => "basis",
                ActivityF::Margin => "margin_percent",
                ActivityF::Price => "price_id",
                ActivityF::Override => "price_override.unit_price_cents",
                ActivityF::OverrideReason => "price_override.reason",
                ActivityF::Payer => "payer_id",
                ActivityF::Informal => "informal",
                ActivityF::Domain => "domain_id",
                ActivityF::Confidence => "confidence",
                ActivityF::Note => "note",
            },
        ),
        F::ScoreStart(d) => format!("outcomes.domains[{}].score_start", domain(d)),
        F::ScoreNow(d) => format!("outcomes.domains[{}].score_now", domain(d)),
        F::ScoreProfessionals(d) => {
            format!("outcomes.domains[{}].score_professionals", domain(d))
        }
        F::OwnWords(d) => format!("outcomes.domains[{}].own_words", domain(d)),
        F::Quote(i, f) => item(
            "outcomes.quotes",
            s.outcomes.quotes.get(i).map(|q| q.id.as_str()),
            i,
            match f {
                QuoteF::Speaker => "speaker",
                QuoteF::Text => "text",
                QuoteF::Domain => "domain_id",
            },
        ),
        F::OffRecord(i) => format!("outcomes.off_record[{i}]"),
        F::ReferenceType => "alternative.reference_type".into(),
        F::Narrative => "alternative.narrative".into(),
        F::Assumption(i, f) => item(
            "alternative.assumptions",
            s.alternative.assumptions.get(i).map(|a| a.id.as_str()),
            i,
            match f {
                AssumptionF::Text => "text",
                AssumptionF::Confidence => "confidence",
                AssumptionF::Held => "held",
                AssumptionF::HeldComment => "held_comment",
            },
        ),
        F::Estimated(d) => format!("alternative.estimated_scores[{}]", domain(d)),
        F::InformalValuation => "costs.informal_valuation".into(),
        F::Reprice => "costs.price_list".into(),
        F::PriceYear => "costs.price_year".into(),
        F::LearningPoint(i) => format!("wrap_up.learning_points[{i}]"),
        F::Agreement(i, f) => format!(
            "wrap_up.agreements[{i}].{}",
            match f {
                AgreementF::What => "what",
                AgreementF::Who => "who",
                AgreementF::When => "when",
            }
        ),
        F::PulseOwner => "wrap_up.pulse_owner".into(),
        F::FollowUpDate => "wrap_up.follow_up_date".into(),
        F::Notes => "wrap_up.notes".into(),
        F::EarlierAgreement(i, f) => format!(
            "wrap_up.earlier_agreements[{i}].{}",
            match f {
                EarlierAgreementF::Agreed => "what",
                EarlierAgreementF::Status => "status",
                EarlierAgreementF::Comment => "comment",
            }
        ),
        F::EarlierPulseOwner => "wrap_up.earlier_pulse_owner".into(),
        F::SecondView => "outcomes.second_view".into(),
        F::SeriesEnd => "wrap_up.series_end.reason".into(),
        F::SeriesEndedOn => "wrap_up.series_end.on".into(),
        F::SeriesEndNote => "wrap_up.series_end.note".into(),
        F::Add(l) => format!("{l:?}"),
    }
}
