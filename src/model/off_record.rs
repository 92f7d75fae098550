//! What the participant keeps off the record is on no page.
//!
//! A topic kept off the record (`outcomes.off_record`) may name a life domain. Of such a
//! domain, the participant's own words, the quotes about it and the professionals' score
//! are never printed: not in `show`, an export of any format, `export --all`, a
//! comparison, the portfolio, the wall or the handout. Every report takes the session
//! through [`printable`] first, so a file that still holds such text (written by an
//! older tafel, or typed before the domain was marked) is never printed either. Only the
//! number of topics kept off the record, and when each was marked, are reported.
//!
//! The participant's own scores of the domain stay: they are the figures the table
//! agreed to keep, and the outcome tables count them.

use std::borrow::Cow;
use std::collections::BTreeSet;

use super::Session;

/// The life domains kept off the record.
pub fn domains(s: &Session) -> BTreeSet<&str> {
    s.outcomes
        .off_record
        .iter()
        .filter_map(|o| o.domain_id.as_deref())
        .collect()
}

/// What a domain holds that is never printed once it is kept off the record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Held {
    pub own_words: bool,
    pub quotes: usize,
    pub professionals_score: bool,
}

impl Held {
    pub fn is_empty(self) -> bool {
        self == Held::default()
    }
}

/// What domain `domain` of `s` holds that would never be printed off the record.
pub fn held(s: &Session, domain: &str) -> Held {
    let d = s.outcomes.for_domain(domain);
    Held {
        own_words: d.is_some_and(|d| !d.own_words.trim().is_empty()),
        quotes: s
            .outcomes
            .quotes
            .iter()
            .filter(|q| q.domain_id.as_deref() == Some(domain))
            .count(),
        professionals_score: d.is_some_and(|d| d.score_professionals.is_some()),
    }
}

/// Removes from `s` what domain `domain` holds that is never printed off the record (see
/// [`held`]): the facilitator's answer when the domain is marked while it holds text.
pub fn clear(s: &mut Session, domain: &str) {
    if let Some(d) = s
        .outcomes
        .domains
        .iter_mut()
        .find(|d| d.domain_id == domain)
    {
        d.own_words.clear();
        d.score_professionals = None;
    }
    s.outcomes
        .quotes
        .retain(|q| q.domain_id.as_deref() != Some(domain));
}

/// `s` as it may be printed: without what the domains kept off the record hold (see the
/// module's notes). Borrowed when there is nothing to leave out.
pub fn printable(s: &Session) -> Cow<'_, Session> {
    let off = domains(s);
    if off.iter().all(|d| held(s, d).is_empty()) {
        return Cow::Borrowed(s);
    }
    let mut out = s.clone();
    for d in off {
        clear(&mut out, d);
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{OffRecord, Quote, Score};

    #[test]
    fn a_domain_off_the_record_loses_its_words_quotes_and_second_view_on_paper() {
        let c = crate::catalog::Catalog::builtin();
        let mut s = Session::new(
            &crate::model::clock::test_clock(),
            c.domains,
            c.prices,
            c.payers,
        );
        let d = s.outcomes.domains[0].domain_id.clone();
        let other = s.outcomes.domains[1].domain_id.clone();
        s.outcomes.domains[0].own_words = "Met mijn broer is het even niks.".into();
        s.outcomes.domains[0].score_professionals = Score::new(3);
        s.outcomes.domains[0].score_now = Score::new(4);
        s.outcomes.domains[1].own_words = "Het huis is op orde.".into();
        for (id, dom) in [("q1", &d), ("q2", &other)] {
            s.outcomes.quotes.push(Quote {
                id: id.into(),
                text: format!("over {dom}"),
                domain_id: Some(dom.clone()),
                ..Quote::default()
            });
        }
        assert!(
            matches!(printable(&s), Cow::Borrowed(_)),
            "nothing is off the record"
        );
        s.outcomes.off_record.push(OffRecord {
            domain_id: Some(d.clone()),
            marked_at: crate::model::clock::test_clock().now(),
        });
        assert_eq!(
            held(&s, &d),
            Held {
                own_words: true,
                quotes: 1,
                professionals_score: true
            }
        );
        let p = printable(&s);
        let kept = p.outcomes.for_domain(&d).unwrap();
        assert!(kept.own_words.is_empty() && kept.score_professionals.is_none());
        assert_eq!(
            kept.score_now,
            Score::new(4),
            "the participant's score stays"
        );
        assert_eq!(p.outcomes.quotes.len(), 1);
        assert_eq!(p.outcomes.quotes[0].id, "q2");
        assert_eq!(
            p.outcomes.for_domain(&other).unwrap().own_words,
            "Het huis is op orde."
        );
        assert_eq!(p.outcomes.off_record.len(), 1, "the fact and the time stay");
        assert!(
            !s.outcomes.domains[0].own_words.is_empty(),
            "the session itself is untouched"
        );
    }
}
