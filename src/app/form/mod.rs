//! The fields of each phase as data: what a field is ([`FieldId`]), what kind of input it
//! takes ([`FieldKind`]), and how it reads from and writes into a [`Session`]. The phase
//! layouts (which fields, in which order) are in [`layout`]. No drawing here.

pub mod choices;
pub mod layout;
pub mod value;

pub use value::{Env, Value};

use rust_decimal::Decimal;

use crate::i18n::{Lang, Texts};
use crate::model::costs::Scenario;
use crate::model::limits::TextKind;
use crate::model::{
    Activity, Agreement, Assumption, Attendee, Confidence, LifeEvent, OffRecord, Quote, Session,
    next_id,
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
    /// Registered or estimated.
    Basis,
    /// The ± percent of an estimate.
    Margin,
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
    /// At a follow-up, for an assumption of an earlier wave: did it hold?
    Held,
    HeldComment,
}

/// An agreement of the wave before, at a follow-up.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EarlierAgreementF {
    /// What was agreed, by whom, by when (shown, not edited).
    Agreed,
    Status,
    Comment,
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
    /// The professionals' score beside the participant's (when the session asks for a
    /// second view).
    ScoreProfessionals(usize),
    /// Whether this session asks the professionals for their view too.
    SecondView,
    OwnWords(usize),
    Quote(usize, QuoteF),
    OffRecord(usize),
    ReferenceType,
    Narrative,
    Assumption(usize, AssumptionF),
    Estimated(usize),
    InformalValuation,
    /// The year all amounts are brought to (empty: as listed).
    PriceYear,
    /// Re-price the session to the current price list.
    Reprice,
    LearningPoint(usize),
    /// At a follow-up: an agreement of the wave before, and who kept the finger on the
    /// pulse since (shown).
    EarlierAgreement(usize, EarlierAgreementF),
    EarlierPulseOwner,
    Agreement(usize, AgreementF),
    PulseOwner,
    FollowUpDate,
    Notes,
    /// The series goes on, or ends here with a reason, a date and a note.
    SeriesEnd,
    SeriesEndedOn,
    SeriesEndNote,
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
    /// A button whose action changes figures (re-pricing): Enter asks first.
    Command,
}

impl FieldKind {
    pub const ALL: [FieldKind; 13] = [
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
        FieldKind::Command,
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

/// What the form knows of a field: how it takes input, its label, and how long its text
/// may be. One table, [`FieldId::spec`], gives all three.
#[derive(Clone, Copy)]
pub struct Spec {
    pub kind: FieldKind,
    pub label: fn(&Texts) -> &'static str,
    pub limit: TextKind,
}

const fn spec(kind: FieldKind, label: fn(&Texts) -> &'static str, limit: TextKind) -> Spec {
    Spec { kind, label, limit }
}

impl FieldId {
    /// The table of every field: its kind, its label and the limit of its text. A new
    /// field must be added here, and in `value::get` and `value::set` (the compiler says
    /// so: none of the three has a wildcard arm).
    pub fn spec(self) -> Spec {
        use FieldId as F;
        use FieldKind as K;
        use TextKind::{Code, Line, Name, Text};
        match self {
            F::Project => spec(K::Text, |t| t.f_project, Name),
            F::CaseCode => spec(K::Text, |t| t.f_case_code, Code),
            F::ParticipantKind => spec(K::Choice, |t| t.f_participant_kind, Line),
            F::Date => spec(K::Date, |t| t.f_date, Line),
            F::Place => spec(K::Text, |t| t.f_place, Name),
            F::Facilitator => spec(K::Text, |t| t.f_facilitator, Name),
            F::PlannedMinutes => spec(K::Integer, |t| t.f_planned_minutes, Line),
            F::GroundRules => spec(K::Toggle, |t| t.f_ground_rules, Line),
            F::ConsentGiven => spec(K::Toggle, |t| t.f_consent, Line),
            F::ConsentScope => spec(K::Choice, |t| t.f_consent_scope, Line),
            F::ConsentRecordedBy => spec(K::Text, |t| t.f_recorded_by, Name),
            F::ConsentDate => spec(K::Date, |t| t.ui.consent_date, Line),
            F::StartingQuestion => spec(K::MultiLine, |t| t.f_starting_question, Text),
            F::Attendee(_, f) => match f {
                AttendeeF::Alias => spec(K::Text, |t| t.ui.alias, Name),
                AttendeeF::Role => spec(K::Text, |t| t.ui.role, Name),
                AttendeeF::Organisation => spec(K::Text, |t| t.ui.organisation, Name),
                AttendeeF::Kind => spec(K::Choice, |t| t.ui.kind, Line),
                AttendeeF::Payer => spec(K::Choice, |t| t.f_payer, Line),
            },
            F::TimelineStart => spec(K::PartialDate, |t| t.f_start, Line),
            F::TimelineEnd => spec(K::PartialDate, |t| t.f_end, Line),
            F::TimelineOngoing => spec(K::Toggle, |t| t.f_ongoing_label, Line),
            F::Event(_, _, f) => match f {
                EventF::When => spec(K::PartialDate, |t| t.ui.when, Line),
                EventF::What => spec(K::Text, |t| t.ui.what, Line),
                EventF::Domain => spec(K::Choice, |t| t.f_domain, Line),
                EventF::RaisedBy => spec(K::Choice, |t| t.ui.raised_by, Line),
                EventF::Confidence => spec(K::Choice, |t| t.f_confidence, Line),
            },
            F::Activity(_, _, f) => match f {
                ActivityF::What => spec(K::Text, |t| t.ui.what, Line),
                ActivityF::Who => spec(K::Choice, |t| t.ui.who, Line),
                ActivityF::Organisation => spec(K::Text, |t| t.ui.organisation, Name),
                ActivityF::From => spec(K::PartialDate, |t| t.ui.from, Line),
                ActivityF::To => spec(K::PartialDate, |t| t.ui.to, Line),
                ActivityF::HoursPerWeek => spec(K::Decimal, |t| t.ui.hours_per_week, Line),
                ActivityF::Weeks => spec(K::Decimal, |t| t.ui.weeks, Line),
                ActivityF::Quantity => spec(K::Decimal, |t| t.f_quantity, Line),
                ActivityF::Unit => spec(K::Choice, |t| t.ui.unit, Line),
                ActivityF::Basis => spec(K::Choice, |t| t.f_quantity_basis, Line),
                ActivityF::Margin => spec(K::Integer, |t| t.f_margin, Line),
                ActivityF::Price => spec(K::Choice, |t| t.ui.price_item, Line),
                ActivityF::Override => spec(K::Money, |t| t.ui.price_override, Line),
                ActivityF::OverrideReason => spec(K::Text, |t| t.ui.override_reason, Line),
                ActivityF::Payer => spec(K::Choice, |t| t.f_payer, Line),
                ActivityF::Informal => spec(K::Toggle, |t| t.ui.informal, Line),
                ActivityF::Domain => spec(K::Choice, |t| t.f_domain, Line),
                ActivityF::Confidence => spec(K::Choice, |t| t.f_confidence, Line),
                ActivityF::Note => spec(K::Text, |t| t.ui.note, Text),
            },
            F::ScoreStart(_) => spec(K::Score, |t| t.f_score_start, Line),
            F::ScoreNow(_) => spec(K::Score, |t| t.f_score_now, Line),
            F::ScoreProfessionals(_) => spec(K::Score, |t| t.f_score_professionals, Line),
            F::SecondView => spec(K::Toggle, |t| t.f_second_view, Line),
            F::OwnWords(_) => spec(K::MultiLine, |t| t.f_own_words, Text),
            F::Quote(_, f) => match f {
                QuoteF::Speaker => spec(K::Text, |t| t.ui.speaker, Name),
                QuoteF::Text => spec(K::MultiLine, |t| t.ui.words, Text),
                QuoteF::Domain => spec(K::Choice, |t| t.f_domain, Line),
            },
            F::OffRecord(_) => spec(K::Choice, |t| t.f_off_record, Line),
            F::ReferenceType => spec(K::Choice, |t| t.f_reference_type, Line),
            F::Narrative => spec(K::MultiLine, |t| t.f_narrative, Text),
            F::Assumption(_, f) => match f {
                AssumptionF::Text => spec(K::MultiLine, |t| t.ui.assumption, Text),
                AssumptionF::Confidence => spec(K::Choice, |t| t.f_confidence, Line),
                AssumptionF::Held => spec(K::Choice, |t| t.f_held, Line),
                AssumptionF::HeldComment => spec(K::Text, |t| t.f_held_comment, Text),
            },
            F::Estimated(_) => spec(K::Score, |t| t.f_estimated_score, Line),
            F::InformalValuation => spec(K::Choice, |t| t.ui.informal_valuation, Line),
            F::Reprice => spec(K::Command, |_| "", Line),
            F::PriceYear => spec(K::Integer, |t| t.f_price_year_session, Line),
            F::LearningPoint(_) => spec(K::Text, |t| t.ui.learning_point, Text),
            F::Agreement(_, f) => match f {
                AgreementF::What => spec(K::Text, |t| t.ui.what, Text),
                AgreementF::Who => spec(K::Text, |t| t.ui.who, Name),
                AgreementF::When => spec(K::PartialDate, |t| t.ui.when, Line),
            },
            F::EarlierAgreement(_, f) => match f {
                EarlierAgreementF::Agreed => spec(K::Display, |t| t.ui.agreement, Line),
                EarlierAgreementF::Status => spec(K::Choice, |t| t.f_agreement_status, Line),
                EarlierAgreementF::Comment => spec(K::Text, |t| t.f_agreement_comment, Text),
            },
            F::EarlierPulseOwner => spec(K::Display, |t| t.f_earlier_pulse_owner, Line),
            F::SeriesEnd => spec(K::Choice, |t| t.f_series_status, Line),
            F::SeriesEndedOn => spec(K::Date, |t| t.f_series_ended_on, Line),
            F::SeriesEndNote => spec(K::Text, |t| t.f_series_end_note, Text),
            F::PulseOwner => spec(K::Text, |t| t.f_pulse_owner, Name),
            F::FollowUpDate => spec(K::Date, |t| t.f_follow_up, Line),
            F::Notes => spec(K::MultiLine, |t| t.f_notes, Text),
            F::Add(_) => spec(K::Button, |_| "", Line),
        }
    }

    /// How long a value typed into this field may be (see [`crate::model::limits`]).
    pub fn text_limit(self) -> TextKind {
        self.spec().limit
    }

    pub fn kind(self) -> FieldKind {
        self.spec().kind
    }

    /// The field label in `t`'s language.
    pub fn label(self, t: &Texts) -> &'static str {
        (self.spec().label)(t)
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
}

/// What an empty field shows, dimmed, to say what to type or what empty means.
pub fn empty_hint(id: FieldId, t: &Texts) -> Option<&'static str> {
    match (id, id.kind()) {
        (FieldId::Activity(_, _, ActivityF::Margin), _) => Some(t.ui.margin_default),
        (FieldId::PriceYear, _) => Some(t.ui.price_year_empty),
        (_, FieldKind::Date) => Some(t.ui.date_format),
        (_, FieldKind::PartialDate) => Some(t.ui.partial_date_format),
        _ => None,
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

/// The events of scenario `sc`.
pub fn events_of(s: &Session, sc: Scenario) -> &Vec<LifeEvent> {
    events(s, sc)
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

/// The text shown (and edited) for a text-kind field ("" for other fields).
pub fn text(s: &Session, id: FieldId, lang: Lang) -> String {
    match value::get(s, id, lang) {
        Value::Text(t) | Value::Shown(t) => t,
        Value::Choice(_) | Value::Flag(_) | Value::Score(_) | Value::Nothing => String::new(),
    }
}

/// Writes typed text into the session. Dates, numbers and amounts are parsed; text that
/// does not parse, or is longer than the field allows, is refused with a message that
/// says what is expected, and the session keeps its previous value.
pub fn set_text(s: &mut Session, id: FieldId, value: &str, env: Env) -> Result<(), String> {
    let t = env.lang.texts();
    let limit = id.text_limit();
    if !limit.allows(value) {
        let unit = if limit.in_bytes() {
            "bytes"
        } else {
            t.characters
        };
        return Err((t.ui.too_long)(&limit.limit().to_string(), &unit));
    }
    value::set(s, id, Value::Text(value.to_string()), env)
}

/// The labels of a choice field's values and the place of the current one.
pub fn choice(s: &Session, id: FieldId, lang: Lang) -> (Vec<String>, usize) {
    let (options, current) = choices::with_current(s, id, lang);
    (options.iter().map(choices::Choice::text).collect(), current)
}

/// Sets a choice field to the value at `index` of its choices (as [`choice`] lists
/// them): the value's id is written, not its place.
pub fn set_choice(s: &mut Session, id: FieldId, index: usize, env: Env) {
    let options = choices::options(s, id, env.lang);
    if let Some(c) = options.into_iter().nth(index) {
        let _ = value::set(s, id, Value::Choice(c.id), env);
    }
}

pub fn flag(s: &Session, id: FieldId) -> bool {
    matches!(value::get(s, id, Lang::En), Value::Flag(true))
}

/// Switches a yes/no field (consent given now is recorded on `env.today()`).
pub fn toggle(s: &mut Session, id: FieldId, env: Env) {
    if let Value::Flag(v) = value::get(s, id, env.lang) {
        let _ = value::set(s, id, Value::Flag(!v), env);
    }
}

pub fn score(s: &Session, id: FieldId) -> Option<u8> {
    match value::get(s, id, Lang::En) {
        Value::Score(v) => v,
        _ => None,
    }
}

pub fn set_score(s: &mut Session, id: FieldId, v: Option<u8>, env: Env) {
    let _ = value::set(s, id, Value::Score(v), env);
}

pub use choices::price_label;

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
pub fn add_item(s: &mut Session, l: ListKind, clock: &crate::model::Clock) -> usize {
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
                captured_at: Some(clock.now()),
                ..Quote::default()
            });
        }
        ListKind::OffRecord => s.outcomes.off_record.push(OffRecord {
            domain_id: None,
            marked_at: clock.now(),
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
    let i = list_len(s, l) - 1;
    // A new activity's quantity (0) is a placeholder: the first digit typed replaces it.
    if let ListKind::Activities(sc) = l {
        let key = value::path(s, FieldId::Activity(sc, i, ActivityF::Quantity));
        s.suggested.insert(key);
    }
    i
}

pub fn remove_item(s: &mut Session, l: ListKind, i: usize) {
    fn rm<T>(v: &mut Vec<T>, i: usize) {
        if i < v.len() {
            v.remove(i);
        }
    }
    // Suggestions about the item go with it, so a later item with the same id does not
    // inherit them. Lists keyed by position forget all of theirs (positions shift).
    let scenario = |sc: Scenario| match sc {
        Scenario::Intervention => "looking_back",
        Scenario::Alternative => "alternative",
    };
    let by_id = |list: String, id: Option<&str>| id.map(|id| format!("{list}[{id}]."));
    let forget = match l {
        ListKind::Attendees => by_id(
            "preparation.attendees".into(),
            s.preparation.attendees.get(i).map(|a| a.id.as_str()),
        ),
        ListKind::Events(sc) => by_id(
            format!("{}.events", scenario(sc)),
            events(s, sc).get(i).map(|e| e.id.as_str()),
        ),
        ListKind::Activities(sc) => by_id(
            format!("{}.activities", scenario(sc)),
            activities(s, sc).get(i).map(|a| a.id.as_str()),
        ),
        ListKind::Quotes => by_id(
            "outcomes.quotes".into(),
            s.outcomes.quotes.get(i).map(|q| q.id.as_str()),
        ),
        ListKind::Assumptions => by_id(
            "alternative.assumptions".into(),
            s.alternative.assumptions.get(i).map(|a| a.id.as_str()),
        ),
        ListKind::OffRecord => Some("outcomes.off_record[".into()),
        ListKind::LearningPoints => Some("wrap_up.learning_points[".into()),
        ListKind::Agreements => Some("wrap_up.agreements[".into()),
    };
    if let Some(prefix) = forget {
        s.suggested.retain(|k| !k.starts_with(&prefix));
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
    // Suggestions in a list keyed by position would change items: they are forgotten.
    let by_position = match l {
        ListKind::OffRecord => Some("outcomes.off_record["),
        ListKind::LearningPoints => Some("wrap_up.learning_points["),
        ListKind::Agreements => Some("wrap_up.agreements["),
        _ => None,
    };
    if let Some(prefix) = by_position {
        s.suggested.retain(|k| !k.starts_with(prefix));
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
    use crate::model::{Cents, PartialDate, Unit};

    fn nl() -> Env {
        Env {
            lang: Lang::Nl,
            clock: crate::model::clock::test_clock(),
        }
    }

    fn session() -> Session {
        let c = Catalog::builtin();
        Session::new(
            &crate::model::clock::test_clock(),
            c.domains,
            c.prices,
            c.payers,
        )
    }

    #[test]
    fn typed_dates_numbers_and_amounts_are_parsed_or_refused() {
        let mut s = session();
        assert!(set_text(&mut s, FieldId::Date, "12-3-2026", nl()).is_ok());
        assert_eq!(text(&s, FieldId::Date, Lang::Nl), "12-3-2026");
        let err = set_text(&mut s, FieldId::Date, "gisteren", nl()).unwrap_err();
        assert!(
            err.contains("gisteren") && err.contains("12-3-2026"),
            "{err}"
        );
        assert_eq!(
            text(&s, FieldId::Date, Lang::Nl),
            "12-3-2026",
            "the old value is kept"
        );
        set_text(&mut s, FieldId::TimelineStart, "maart 2025", nl()).unwrap();
        assert_eq!(
            s.looking_back.timeline.start,
            Some(PartialDate::Month(2025, 3))
        );

        let i = add_item(
            &mut s,
            ListKind::Activities(Scenario::Intervention),
            &crate::model::clock::test_clock(),
        );
        let f = |x| FieldId::Activity(Scenario::Intervention, i, x);
        set_text(&mut s, f(ActivityF::HoursPerWeek), "1,5", nl()).unwrap();
        set_text(&mut s, f(ActivityF::Weeks), "20", nl()).unwrap();
        assert_eq!(text(&s, f(ActivityF::Quantity), Lang::Nl), "30");
        assert!(set_text(&mut s, f(ActivityF::Override), "€ 12,50", nl()).is_ok());
        assert_eq!(
            s.looking_back.activities[i]
                .price_override
                .as_ref()
                .unwrap()
                .unit_price_cents,
            Some(Cents(1250))
        );
        assert!(
            set_text(&mut s, f(ActivityF::Override), "twaalf", nl())
                .unwrap_err()
                .contains("1.234,50")
        );
        assert!(set_text(&mut s, f(ActivityF::Quantity), "-3", nl()).is_err());
    }

    #[test]
    fn choices_round_trip_and_price_choice_sets_the_unit() {
        let mut s = session();
        let i = add_item(
            &mut s,
            ListKind::Activities(Scenario::Alternative),
            &crate::model::clock::test_clock(),
        );
        let price = FieldId::Activity(Scenario::Alternative, i, ActivityF::Price);
        let (options, current) = choice(&s, price, Lang::Nl);
        assert_eq!(current, 0);
        let month = options
            .iter()
            .position(|o| o.starts_with("INK-04"))
            .unwrap();
        set_choice(&mut s, price, month, nl());
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
            let i = add_item(
                &mut s,
                ListKind::Attendees,
                &crate::model::clock::test_clock(),
            );
            set_text(&mut s, FieldId::Attendee(i, AttendeeF::Alias), name, nl()).unwrap();
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
        assert_eq!(
            add_item(
                &mut s,
                ListKind::Attendees,
                &crate::model::clock::test_clock()
            ),
            2
        );
        assert_eq!(s.preparation.attendees[2].id, "p4");
    }

    #[test]
    fn scores_are_set_per_domain() {
        let mut s = session();
        set_score(&mut s, FieldId::ScoreNow(2), Some(7), nl());
        set_score(&mut s, FieldId::Estimated(2), Some(3), nl());
        assert_eq!(score(&s, FieldId::ScoreNow(2)), Some(7));
        assert_eq!(score(&s, FieldId::Estimated(2)), Some(3));
        set_score(&mut s, FieldId::ScoreNow(2), Some(11), nl());
        assert_eq!(score(&s, FieldId::ScoreNow(2)), None, "out of range clears");
    }

    /// What a text field of `kind` is given in the round trip, and how it reads back.
    fn sample(kind: FieldKind) -> (&'static str, &'static str) {
        match kind {
            FieldKind::Date => ("12-3-2026", "12-3-2026"),
            FieldKind::PartialDate => ("maart 2025", "maart 2025"),
            FieldKind::Decimal => ("1,50", "1,5"),
            FieldKind::Integer => ("90", "90"),
            FieldKind::Money => ("12,5", "€ 12,50"),
            _ => ("Café ☕ 日本", "Café ☕ 日本"),
        }
    }

    /// Every field of every phase, with one item in every list, is written and read back:
    /// text as typed (or as the language writes it), every value of every choice, both
    /// states of every switch, a score.
    #[test]
    fn every_field_of_every_phase_round_trips() {
        let mut s = session();
        for l in [
            ListKind::Attendees,
            ListKind::Events(Scenario::Intervention),
            ListKind::Events(Scenario::Alternative),
            ListKind::Activities(Scenario::Intervention),
            ListKind::Activities(Scenario::Alternative),
            ListKind::Quotes,
            ListKind::OffRecord,
            ListKind::Assumptions,
            ListKind::LearningPoints,
            ListKind::Agreements,
        ] {
            add_item(&mut s, l, &crate::model::clock::test_clock());
        }
        let mut seen = std::collections::HashSet::new();
        for phase in crate::model::Phase::ALL {
            for id in layout::fields(phase, &s) {
                seen.insert(std::mem::discriminant(&id));
                match id.kind() {
                    k if k.is_text() => {
                        let (typed, shown) = if id == FieldId::PriceYear {
                            ("2025", "2025")
                        } else {
                            sample(k)
                        };
                        // A reason needs a price to override first.
                        if let FieldId::Activity(sc, i, ActivityF::OverrideReason) = id {
                            set_text(
                                &mut s,
                                FieldId::Activity(sc, i, ActivityF::Override),
                                "1",
                                nl(),
                            )
                            .unwrap();
                        }
                        set_text(&mut s, id, typed, nl()).unwrap_or_else(|e| panic!("{id:?}: {e}"));
                        assert_eq!(text(&s, id, Lang::Nl), shown, "{id:?}");
                    }
                    FieldKind::Choice => {
                        let (options, _) = choice(&s, id, Lang::Nl);
                        assert!(!options.is_empty(), "{id:?} has choices");
                        for (n, label) in options.iter().enumerate() {
                            set_choice(&mut s, id, n, nl());
                            assert_eq!(choice(&s, id, Lang::Nl).1, n, "{id:?} = {label}");
                        }
                    }
                    FieldKind::Toggle => {
                        let before = flag(&s, id);
                        toggle(&mut s, id, nl());
                        assert_eq!(flag(&s, id), !before, "{id:?}");
                        toggle(&mut s, id, nl());
                        assert_eq!(flag(&s, id), before, "{id:?}");
                    }
                    FieldKind::Score => {
                        set_score(&mut s, id, Some(7), nl());
                        assert_eq!(score(&s, id), Some(7), "{id:?}");
                        set_score(&mut s, id, None, nl());
                        assert_eq!(score(&s, id), None, "{id:?}");
                    }
                    FieldKind::Display => assert!(!text(&s, id, Lang::Nl).is_empty(), "{id:?}"),
                    _ => {}
                }
            }
        }
        assert!(
            seen.len() >= 30,
            "the walk reached every kind of field: {}",
            seen.len()
        );
    }

    #[test]
    fn consent_given_now_is_recorded_on_today() {
        let mut s = session();
        s.preparation.consent.date = None;
        toggle(&mut s, FieldId::ConsentGiven, nl());
        assert_eq!(s.preparation.consent.date, Some(nl().today()));
    }
}
