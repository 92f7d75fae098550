//! Which fields each phase shows, in order, with the section and item headings between
//! them. The order here is the Tab order.

use super::{
    ActivityF, AgreementF, AssumptionF, AttendeeF, EarlierAgreementF, EventF, FieldId, ListKind,
    QuoteF, list_len,
};
use crate::model::costs::Scenario;
use crate::model::{Phase, Session};

/// A heading of a part of a phase form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Heading {
    Attendees,
    Consent,
    Events(Scenario),
    Activities(Scenario),
    Domain(usize),
    Quotes,
    OffRecord,
    Assumptions,
    EstimatedScores,
    CostLines(Scenario),
    /// Which price list the session uses, and when it was copied.
    PriceList,
    LearningPoints,
    Agreements,
    /// At a follow-up: the agreements of the wave before, to say how they went.
    EarlierAgreements,
    /// Whether the series goes on.
    Series,
}

/// One row of a phase form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Row {
    Heading(Heading),
    /// The start of item `i` of a list ("Gebeurtenis 2").
    Item(ListKind, usize),
    Field(FieldId),
}

const ATTENDEE: [AttendeeF; 5] = [
    AttendeeF::Alias,
    AttendeeF::Role,
    AttendeeF::Organisation,
    AttendeeF::Kind,
    AttendeeF::Payer,
];
const EVENT_REAL: [EventF; 4] = [EventF::When, EventF::What, EventF::Domain, EventF::RaisedBy];
const EVENT_ALT: [EventF; 5] = [
    EventF::When,
    EventF::What,
    EventF::Domain,
    EventF::RaisedBy,
    EventF::Confidence,
];
const ACTIVITY_REAL: [ActivityF; 14] = [
    ActivityF::What,
    ActivityF::Who,
    ActivityF::Organisation,
    ActivityF::From,
    ActivityF::To,
    ActivityF::HoursPerWeek,
    ActivityF::Weeks,
    ActivityF::Quantity,
    ActivityF::Unit,
    ActivityF::Basis,
    ActivityF::Margin,
    ActivityF::Informal,
    ActivityF::Domain,
    ActivityF::Note,
];
const ACTIVITY_ALT: [ActivityF; 14] = [
    ActivityF::What,
    ActivityF::Organisation,
    ActivityF::From,
    ActivityF::To,
    ActivityF::HoursPerWeek,
    ActivityF::Weeks,
    ActivityF::Quantity,
    ActivityF::Unit,
    ActivityF::Basis,
    ActivityF::Margin,
    ActivityF::Informal,
    ActivityF::Domain,
    ActivityF::Confidence,
    ActivityF::Note,
];
/// The pricing of an activity, edited in the cost phase.
const ACTIVITY_COST: [ActivityF; 7] = [
    ActivityF::Price,
    ActivityF::Quantity,
    ActivityF::Basis,
    ActivityF::Margin,
    ActivityF::Override,
    ActivityF::OverrideReason,
    ActivityF::Payer,
];

/// Whether field `x` of activity `i` is shown: an estimate's margin only for an estimate.
fn shown(s: &Session, sc: Scenario, i: usize, x: ActivityF) -> bool {
    x != ActivityF::Margin
        || super::activities(s, sc)
            .get(i)
            .is_some_and(|a| a.quantity_basis() == crate::model::scenario::QuantityBasis::Estimated)
}

pub fn rows(phase: Phase, s: &Session) -> Vec<Row> {
    let mut r = Vec::new();
    let f = |r: &mut Vec<Row>, id: FieldId| r.push(Row::Field(id));
    match phase {
        Phase::Preparation => {
            for id in [
                FieldId::Project,
                FieldId::CaseCode,
                FieldId::ParticipantKind,
                FieldId::Date,
                FieldId::Place,
                FieldId::Facilitator,
                FieldId::PlannedMinutes,
                FieldId::StartingQuestion,
            ] {
                f(&mut r, id);
            }
            r.push(Row::Heading(Heading::Consent));
            for id in [
                FieldId::GroundRules,
                FieldId::ConsentGiven,
                FieldId::ConsentScope,
                FieldId::ConsentRecordedBy,
                FieldId::ConsentDate,
            ] {
                f(&mut r, id);
            }
            list(&mut r, s, Heading::Attendees, ListKind::Attendees, |i| {
                ATTENDEE.iter().map(|x| FieldId::Attendee(i, *x)).collect()
            });
        }
        Phase::LookingBack => {
            for id in [
                FieldId::TimelineStart,
                FieldId::TimelineEnd,
                FieldId::TimelineOngoing,
            ] {
                f(&mut r, id);
            }
            let sc = Scenario::Intervention;
            list(&mut r, s, Heading::Events(sc), ListKind::Events(sc), |i| {
                EVENT_REAL
                    .iter()
                    .map(|x| FieldId::Event(sc, i, *x))
                    .collect()
            });
            list(
                &mut r,
                s,
                Heading::Activities(sc),
                ListKind::Activities(sc),
                |i| {
                    ACTIVITY_REAL
                        .iter()
                        .filter(|x| shown(s, sc, i, **x))
                        .map(|x| FieldId::Activity(sc, i, *x))
                        .collect()
                },
            );
        }
        Phase::Outcomes => {
            for d in 0..s.domains.len() {
                r.push(Row::Heading(Heading::Domain(d)));
                f(&mut r, FieldId::ScoreStart(d));
                f(&mut r, FieldId::ScoreNow(d));
                if s.outcomes.second_view {
                    f(&mut r, FieldId::ScoreProfessionals(d));
                }
                f(&mut r, FieldId::OwnWords(d));
            }
            list(&mut r, s, Heading::Quotes, ListKind::Quotes, |i| {
                [QuoteF::Speaker, QuoteF::Text, QuoteF::Domain]
                    .iter()
                    .map(|x| FieldId::Quote(i, *x))
                    .collect()
            });
            r.push(Row::Heading(Heading::OffRecord));
            for i in 0..list_len(s, ListKind::OffRecord) {
                f(&mut r, FieldId::OffRecord(i));
            }
            f(&mut r, FieldId::Add(ListKind::OffRecord));
            // Last, so it costs no Tab on the way through the domains.
            f(&mut r, FieldId::SecondView);
        }
        Phase::Alternative => {
            f(&mut r, FieldId::ReferenceType);
            f(&mut r, FieldId::Narrative);
            let sc = Scenario::Alternative;
            list(&mut r, s, Heading::Events(sc), ListKind::Events(sc), |i| {
                EVENT_ALT
                    .iter()
                    .map(|x| FieldId::Event(sc, i, *x))
                    .collect()
            });
            list(
                &mut r,
                s,
                Heading::Activities(sc),
                ListKind::Activities(sc),
                |i| {
                    ACTIVITY_ALT
                        .iter()
                        .filter(|x| shown(s, sc, i, **x))
                        .map(|x| FieldId::Activity(sc, i, *x))
                        .collect()
                },
            );
            list(
                &mut r,
                s,
                Heading::Assumptions,
                ListKind::Assumptions,
                |i| {
                    // One taken over from an earlier wave is checked: did it hold?
                    let earlier = s
                        .alternative
                        .assumptions
                        .get(i)
                        .is_some_and(|a| a.from_wave.is_some());
                    let mut fields = vec![AssumptionF::Text, AssumptionF::Confidence];
                    if earlier {
                        fields.extend([AssumptionF::Held, AssumptionF::HeldComment]);
                    }
                    fields
                        .into_iter()
                        .map(|x| FieldId::Assumption(i, x))
                        .collect()
                },
            );
            r.push(Row::Heading(Heading::EstimatedScores));
            for d in 0..s.domains.len() {
                f(&mut r, FieldId::Estimated(d));
            }
        }
        Phase::Costs => {
            // The cost lines first; the list-wide settings (re-pricing, the value of
            // informal help) after them, where a Tab too many does not land.
            for sc in [Scenario::Intervention, Scenario::Alternative] {
                r.push(Row::Heading(Heading::CostLines(sc)));
                for i in 0..list_len(s, ListKind::Activities(sc)) {
                    r.push(Row::Item(ListKind::Activities(sc), i));
                    for x in ACTIVITY_COST {
                        if shown(s, sc, i, x) {
                            f(&mut r, FieldId::Activity(sc, i, x));
                        }
                    }
                }
                f(&mut r, FieldId::Add(ListKind::Activities(sc)));
            }
            r.push(Row::Heading(Heading::PriceList));
            f(&mut r, FieldId::PriceYear);
            f(&mut r, FieldId::InformalValuation);
            f(&mut r, FieldId::Reprice);
        }
        Phase::WrapUp => {
            let w = &s.wrap_up;
            if !w.earlier_agreements.is_empty() || !w.earlier_pulse_owner.is_empty() {
                r.push(Row::Heading(Heading::EarlierAgreements));
                if !w.earlier_pulse_owner.is_empty() {
                    f(&mut r, FieldId::EarlierPulseOwner);
                }
                for i in 0..w.earlier_agreements.len() {
                    for x in [
                        EarlierAgreementF::Agreed,
                        EarlierAgreementF::Status,
                        EarlierAgreementF::Comment,
                    ] {
                        f(&mut r, FieldId::EarlierAgreement(i, x));
                    }
                }
            }
            r.push(Row::Heading(Heading::LearningPoints));
            for i in 0..list_len(s, ListKind::LearningPoints) {
                f(&mut r, FieldId::LearningPoint(i));
            }
            f(&mut r, FieldId::Add(ListKind::LearningPoints));
            list(&mut r, s, Heading::Agreements, ListKind::Agreements, |i| {
                [AgreementF::What, AgreementF::Who, AgreementF::When]
                    .iter()
                    .map(|x| FieldId::Agreement(i, *x))
                    .collect()
            });
            for id in [FieldId::PulseOwner, FieldId::FollowUpDate, FieldId::Notes] {
                f(&mut r, id);
            }
            r.push(Row::Heading(Heading::Series));
            f(&mut r, FieldId::SeriesEnd);
            if s.wrap_up.series_end.is_some() {
                f(&mut r, FieldId::SeriesEndedOn);
                f(&mut r, FieldId::SeriesEndNote);
            }
        }
    }
    r
}

fn list(
    r: &mut Vec<Row>,
    s: &Session,
    heading: Heading,
    l: ListKind,
    item: impl Fn(usize) -> Vec<FieldId>,
) {
    r.push(Row::Heading(heading));
    for i in 0..list_len(s, l) {
        r.push(Row::Item(l, i));
        r.extend(item(i).into_iter().map(Row::Field));
    }
    r.push(Row::Field(FieldId::Add(l)));
}

/// The focus indexes where a part of the form starts (a heading or a list item): PgDn and
/// PgUp jump between them, so a long phase is crossed in a few keys.
pub fn part_starts(phase: Phase, s: &Session) -> Vec<usize> {
    let mut starts = vec![0];
    let mut index = 0;
    let mut pending = false;
    for row in rows(phase, s) {
        match row {
            Row::Heading(_) | Row::Item(..) => pending = true,
            Row::Field(_) => {
                if pending && starts.last() != Some(&index) {
                    starts.push(index);
                }
                pending = false;
                index += 1;
            }
        }
    }
    starts
}

/// The fields that take focus, in Tab order.
pub fn fields(phase: Phase, s: &Session) -> Vec<FieldId> {
    rows(phase, s)
        .into_iter()
        .filter_map(|r| {
            if let Row::Field(id) = r {
                Some(id)
            } else {
                None
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::Catalog;
    use crate::demo;

    #[test]
    fn every_phase_has_fields_and_preparation_starts_with_a_text_field() {
        let c = Catalog::builtin();
        let s = Session::new(
            &crate::model::clock::test_clock(),
            c.domains.clone(),
            c.prices.clone(),
            c.payers.clone(),
        );
        for phase in Phase::ALL {
            assert!(!fields(phase, &s).is_empty(), "{phase:?}");
        }
        assert_eq!(fields(Phase::Preparation, &s)[0], FieldId::Project);
        let demo = &demo::sessions(&c)[0];
        let n = fields(Phase::LookingBack, demo).len();
        assert!(
            n > 20,
            "demo looking back shows its events and activities ({n})"
        );
    }
}
