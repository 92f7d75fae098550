//! How long each text of a session may be. A case code is a short pseudonym, a note can
//! hold pages; nothing legitimate comes near these limits, but a file edited by hand (or
//! a hostile one) can hold a 50 MB case code that every export would copy and every
//! screen would try to lay out. Files over a limit are refused on load with the field
//! named (and left untouched); the forms refuse typing past it.

use super::Session;

/// Case codes, ids and references: characters.
pub const CODE_CHARS: usize = 64;
/// Names, aliases, roles, organisations, places, labels: characters.
pub const NAME_CHARS: usize = 200;
/// One line of text (a life event, an activity, an agreement, a quote's speaker):
/// characters.
pub const LINE_CHARS: usize = 2_000;
/// Free text (a note, the narrative, the participant's own words): bytes, 1 MiB.
pub const TEXT_BYTES: usize = 1 << 20;

/// The kind of text a field holds, and so its limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextKind {
    Code,
    Name,
    Line,
    Text,
}

impl TextKind {
    /// Whether `text` is within the limit.
    pub fn allows(self, text: &str) -> bool {
        let chars = match self {
            TextKind::Code => CODE_CHARS,
            TextKind::Name => NAME_CHARS,
            TextKind::Line => LINE_CHARS,
            TextKind::Text => return text.len() <= TEXT_BYTES,
        };
        // No more bytes than the limit: no more characters either, without counting
        // (a library scan checks every field of every file). Counting stops early:
        // a 50 MB value is not walked to its end.
        text.len() <= chars || text.chars().nth(chars).is_none()
    }

    /// The limit in words: how many characters (or bytes for free text).
    pub fn limit(self) -> usize {
        match self {
            TextKind::Code => CODE_CHARS,
            TextKind::Name => NAME_CHARS,
            TextKind::Line => LINE_CHARS,
            TextKind::Text => TEXT_BYTES,
        }
    }

    /// Whether the limit counts bytes (free text) rather than characters.
    pub fn in_bytes(self) -> bool {
        self == TextKind::Text
    }
}

/// A text over its limit: where (a JSON path) and what the limit is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TooLong {
    pub field: String,
    pub kind: TextKind,
}

/// The first text of `s` that is over its limit, if any.
pub fn check(s: &Session) -> Option<TooLong> {
    let mut found = None;
    visit(s, &mut |field, kind, text| {
        if found.is_none() && !kind.allows(text) {
            found = Some(TooLong {
                field: field(),
                kind,
            });
        }
    });
    found
}

/// Called with each text: its JSON path (built only when asked), kind and value.
type Visitor<'a> = dyn FnMut(&dyn Fn() -> String, TextKind, &str) + 'a;

/// Every text of a session with its kind; `field` builds its JSON path when asked.
fn visit(s: &Session, f: &mut Visitor<'_>) {
    use TextKind::{Code, Line, Name, Text};
    let p = &s.preparation;
    one(f, "preparation.project", Name, &p.project);
    one(f, "preparation.case_code", Code, &p.case_code);
    one(f, "preparation.place", Name, &p.place);
    one(
        f,
        "preparation.facilitator_alias",
        Name,
        &p.facilitator_alias,
    );
    one(
        f,
        "preparation.starting_question",
        Text,
        &p.starting_question,
    );
    one(
        f,
        "preparation.consent.recorded_by",
        Name,
        &p.consent.recorded_by,
    );
    for (i, d) in s.domains.iter().enumerate() {
        each(f, "domains", i, "id", Code, &d.id);
        each(f, "domains", i, "label.nl", Name, &d.label.nl);
        each(f, "domains", i, "label.en", Name, &d.label.en);
        each(f, "domains", i, "hint.nl", Line, &d.hint.nl);
        each(f, "domains", i, "hint.en", Line, &d.hint.en);
    }
    for (i, a) in p.attendees.iter().enumerate() {
        let list = "preparation.attendees";
        each(f, list, i, "id", Code, &a.id);
        each(f, list, i, "alias", Name, &a.alias);
        each(f, list, i, "role", Name, &a.role);
        each(f, list, i, "organisation", Name, &a.organisation);
        opt(f, list, i, "payer_id", a.payer_id.as_deref());
    }
    for (list, events) in [
        ("looking_back.events", &s.looking_back.events),
        ("alternative.events", &s.alternative.events),
    ] {
        for (i, e) in events.iter().enumerate() {
            each(f, list, i, "id", Code, &e.id);
            each(f, list, i, "what", Line, &e.what);
            opt(f, list, i, "domain_id", e.domain_id.as_deref());
            opt(f, list, i, "raised_by", e.raised_by.as_deref());
        }
    }
    for (list, activities) in [
        ("looking_back.activities", &s.looking_back.activities),
        ("alternative.activities", &s.alternative.activities),
    ] {
        for (i, a) in activities.iter().enumerate() {
            each(f, list, i, "id", Code, &a.id);
            each(f, list, i, "what", Line, &a.what);
            each(f, list, i, "organisation", Name, &a.organisation);
            each(f, list, i, "note", Text, &a.note);
            opt(f, list, i, "attendee_id", a.attendee_id.as_deref());
            opt(f, list, i, "price_id", a.price_id.as_deref());
            opt(f, list, i, "payer_id", a.payer_id.as_deref());
            opt(f, list, i, "domain_id", a.domain_id.as_deref());
            if let Some(o) = &a.price_override {
                each(f, list, i, "price_override.reason", Line, &o.reason);
            }
        }
    }
    let o = &s.outcomes;
    for (i, d) in o.domains.iter().enumerate() {
        each(f, "outcomes.domains", i, "domain_id", Code, &d.domain_id);
        each(f, "outcomes.domains", i, "own_words", Text, &d.own_words);
    }
    for (i, q) in o.quotes.iter().enumerate() {
        each(f, "outcomes.quotes", i, "id", Code, &q.id);
        each(f, "outcomes.quotes", i, "speaker", Name, &q.speaker);
        each(f, "outcomes.quotes", i, "text", Text, &q.text);
        opt(f, "outcomes.quotes", i, "domain_id", q.domain_id.as_deref());
    }
    for (i, r) in o.off_record.iter().enumerate() {
        opt(
            f,
            "outcomes.off_record",
            i,
            "domain_id",
            r.domain_id.as_deref(),
        );
    }
    let alt = &s.alternative;
    one(f, "alternative.narrative", Text, &alt.narrative);
    for (i, a) in alt.assumptions.iter().enumerate() {
        each(f, "alternative.assumptions", i, "id", Code, &a.id);
        each(f, "alternative.assumptions", i, "text", Text, &a.text);
    }
    for (i, e) in alt.estimated_scores.iter().enumerate() {
        each(
            f,
            "alternative.estimated_scores",
            i,
            "domain_id",
            Code,
            &e.domain_id,
        );
    }
    let w = &s.wrap_up;
    for (i, l) in w.learning_points.iter().enumerate() {
        let path = format!("wrap_up.learning_points[{i}]");
        f(&|| path.clone(), Text, l);
    }
    for (i, a) in w.agreements.iter().enumerate() {
        each(f, "wrap_up.agreements", i, "what", Text, &a.what);
        each(f, "wrap_up.agreements", i, "who", Name, &a.who);
    }
    one(f, "wrap_up.pulse_owner", Name, &w.pulse_owner);
    one(f, "wrap_up.notes", Text, &w.notes);
    let c = &s.costs;
    one(f, "costs.price_list.name", Name, &c.price_list.name);
    for (i, item) in c.price_list.items.iter().enumerate() {
        let list = "costs.price_list.items";
        each(f, list, i, "id", Code, &item.id);
        each(f, list, i, "label.nl", Line, &item.label.nl);
        each(f, list, i, "label.en", Line, &item.label.en);
        opt(f, list, i, "default_payer", item.default_payer.as_deref());
        each(f, list, i, "source.title", Line, &item.source.title);
        each(f, list, i, "source.url", Line, &item.source.url);
        each(f, list, i, "source.note", Text, &item.source.note);
    }
    for (i, payer) in c.payers.iter().enumerate() {
        each(f, "costs.payers", i, "id", Code, &payer.id);
        each(f, "costs.payers", i, "label.nl", Name, &payer.label.nl);
        each(f, "costs.payers", i, "label.en", Name, &payer.label.en);
    }
    if let Some(v) = &c.informal_valuation {
        one(f, "costs.informal_valuation.method", Line, &v.method);
    }
}

fn one(f: &mut Visitor<'_>, path: &str, kind: TextKind, text: &str) {
    f(&|| path.to_string(), kind, text);
}

fn each(f: &mut Visitor<'_>, list: &str, i: usize, name: &str, kind: TextKind, text: &str) {
    f(&|| format!("{list}[{i}].{name}"), kind, text);
}

fn opt(f: &mut Visitor<'_>, list: &str, i: usize, name: &str, text: Option<&str>) {
    if let Some(text) = text {
        each(f, list, i, name, TextKind::Code, text);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Activity, LifeDomain, PriceList};

    fn session() -> Session {
        Session::new(
            &crate::model::clock::test_clock(),
            vec![LifeDomain::new("wonen", "Wonen", "Housing")],
            PriceList::default(),
            vec![],
        )
    }

    #[test]
    fn every_text_has_a_limit_and_the_first_one_over_it_is_named() {
        let mut s = session();
        s.preparation.case_code = "x".repeat(CODE_CHARS);
        s.wrap_up.notes = "n".repeat(TEXT_BYTES);
        assert_eq!(check(&s), None, "at the limit is allowed");
        s.preparation.case_code.push('x');
        let too = check(&s).unwrap();
        assert_eq!(too.field, "preparation.case_code");
        assert_eq!(too.kind.limit(), 64);
        s.preparation.case_code = "GR-07".into();
        s.looking_back.activities.push(Activity {
            note: "é".repeat(TEXT_BYTES / 2 + 1),
            ..Activity::default()
        });
        assert_eq!(
            check(&s).unwrap().field,
            "looking_back.activities[0].note",
            "free text counts bytes"
        );
    }

    #[test]
    fn a_name_counts_characters_not_bytes() {
        let at = "é".repeat(NAME_CHARS);
        assert!(at.len() > NAME_CHARS, "more bytes than the limit");
        assert!(TextKind::Name.allows(&at), "but not more characters");
        assert!(!TextKind::Name.allows(&format!("{at}é")));
        assert!(TextKind::Name.allows(&"x".repeat(NAME_CHARS)));
        assert!(!TextKind::Name.allows(&"x".repeat(NAME_CHARS + 1)));
    }
}
