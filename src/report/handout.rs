//! The participant's handout: one A4 page in plain language (B1) to take home from the
//! table. What was agreed (who does what, by when), who keeps a finger on the pulse, when
//! the table meets again, and the participant's own words that they chose to keep.
//!
//! Never in it: costs, the professionals' scores, or anyone's alias but the participant's
//! own. A professional is named by their role ("de jobcoach"), also where their alias
//! stands inside a typed text. It is the participant's own copy, so consent for reporting
//! does not limit it, and it says so.
//!
//! The facilitator sees every line before it is written and can leave any out
//! ([`Handout::lines`], `keep`).

use std::fmt::Write;

use super::html::{PAGE_END, escape, page_start_styled};
use crate::i18n::Lang;
use crate::i18n::format::date as display_date;
use crate::model::preparation::AttendeeKind;
use crate::model::{PartialDate, Session};

/// What a line of the handout is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    Agreement,
    Pulse,
    NextTable,
    OwnWords,
}

impl Part {
    /// The heading the page and the preview give this part.
    pub fn heading(self, lang: Lang) -> &'static str {
        let h = &lang.texts().handout;
        match self {
            Part::Agreement => h.h_agreements,
            Part::Pulse => h.h_pulse,
            Part::NextTable => h.h_next,
            Part::OwnWords => h.h_own_words,
        }
    }
}

/// One line the facilitator can keep or leave out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HandoutLine {
    pub part: Part,
    /// As it will be printed (aliases already replaced by roles).
    pub text: String,
    pub keep: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Handout {
    pub lang: Lang,
    /// The participant's own name at the table (their alias); empty when unknown.
    pub participant: String,
    /// The day of the table, as written.
    pub date: String,
    pub lines: Vec<HandoutLine>,
}

/// Replaces every professional's (and the informal network's) alias in `text` by their
/// role, as whole words; the participant's own alias stays.
struct Names {
    swaps: Vec<(String, String)>,
}

impl Names {
    /// Every alias but `participant`'s own, with the role that stands for it.
    fn of(s: &Session, lang: Lang, participant: &str) -> Names {
        let t = lang.texts();
        let mut swaps: Vec<(String, String)> = s
            .preparation
            .attendees
            .iter()
            // Only the participant keeps a name: a second person of that kind (a partner)
            // is named by role too.
            .filter(|a| !a.alias.trim().is_empty() && a.alias.trim() != participant)
            .map(|a| {
                let role = a.role.trim();
                let role = if role.is_empty() {
                    t.handout.someone.to_string()
                } else {
                    // "jobcoach (De Graasj)" reads as a role; a long description is cut at
                    // its first bracket.
                    let short = role.split(" (").next().unwrap_or(role).trim();
                    if a.kind == AttendeeKind::InformalNetwork {
                        (t.handout.your_role)(short)
                    } else {
                        (t.handout.the_role)(short)
                    }
                };
                (a.alias.trim().to_string(), role)
            })
            .collect();
        // The facilitator is not an attendee, but may be named in a text.
        let f = s.preparation.facilitator_alias.trim();
        if !f.is_empty() {
            swaps.push((f.to_string(), t.handout.facilitator.to_string()));
        }
        // Longer names first: "Anne Marie" before "Anne".
        swaps.sort_by_key(|(a, _)| std::cmp::Reverse(a.chars().count()));
        // A role may itself name someone ("stagiair bij Marieke").
        let aliases: Vec<String> = swaps.iter().map(|(a, _)| a.clone()).collect();
        for (k, (_, role)) in swaps.iter_mut().enumerate() {
            for (m, alias) in aliases.iter().enumerate() {
                if m != k {
                    *role = replace_in(role, alias, t.handout.someone, false);
                }
            }
        }
        Names { swaps }
    }

    /// In a sentence of its own (a role that starts it gets a capital).
    fn apply(&self, text: &str) -> String {
        self.swap(text, true)
    }

    /// A name inside a sentence ("Dit doet: de jobcoach").
    fn apply_inline(&self, text: &str) -> String {
        self.swap(text, false)
    }

    fn swap(&self, text: &str, sentence: bool) -> String {
        let mut out = text.trim().to_string();
        for (alias, role) in &self.swaps {
            out = replace_in(&out, alias, role, sentence);
        }
        out
    }
}

fn is_separator(c: char) -> bool {
    c.is_whitespace() || c == '-' || c == '_'
}

/// The length in bytes of a match of `word` at the start of `text`: letters compare
/// without case (also where the lower case is longer, as for İ), and a space or hyphen in
/// `word` matches any run of spaces and hyphens in `text`, or none ("Jan Willem",
/// "Jan-Willem", "JanWillem").
fn match_at(text: &str, word: &[char]) -> Option<usize> {
    let mut t = text.char_indices().peekable();
    let mut w = 0;
    while w < word.len() {
        if is_separator(word[w]) {
            while w < word.len() && is_separator(word[w]) {
                w += 1;
            }
            while t.peek().is_some_and(|&(_, c)| is_separator(c)) {
                t.next();
            }
            continue;
        }
        let (_, c) = t.next()?;
        if !c.to_lowercase().eq(word[w].to_lowercase()) {
            return None;
        }
        w += 1;
    }
    Some(t.peek().map_or(text.len(), |&(i, _)| i))
}

/// `text` with every whole-word `word` replaced by `by` (see [`match_at`]); at the start
/// of a sentence `by` starts with a capital. When `text` is not a sentence of its own (a
/// name inside one), its very start is not a sentence's start.
fn replace_in(text: &str, word: &str, by: &str, sentence: bool) -> String {
    let word: Vec<char> = word.trim().chars().collect();
    if word.is_empty() {
        return text.to_string();
    }
    let apart = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric());
    let mut out = String::with_capacity(text.len());
    let mut prev: Option<char> = None;
    let mut i = 0;
    while let Some(c) = text[i..].chars().next() {
        if apart(prev)
            && let Some(len) = match_at(&text[i..], &word)
            && apart(text[i + len..].chars().next())
        {
            let before = out.trim_end();
            let starts =
                (sentence && before.is_empty()) || before.ends_with(['.', '!', '?', '“', '"']);
            out.push_str(&if starts {
                crate::i18n::format::capitalise(by)
            } else {
                by.to_string()
            });
            prev = by.chars().last();
            i += len;
            continue;
        }
        out.push(c);
        prev = Some(c);
        i += c.len_utf8();
    }
    out
}

/// Whether `text` names an amount of money: a euro sign, or EUR or euro as a word.
pub fn has_amount(text: &str) -> bool {
    text.contains('€')
        || text
            .split(|c: char| !c.is_alphanumeric())
            .any(|w| ["eur", "euro", "euros"].contains(&w.to_lowercase().as_str()))
}

impl HandoutLine {
    /// A line of `part`. One that names an amount starts left out: the page holds no
    /// money unless the facilitator puts that line back (and then no longer says it holds
    /// none).
    fn new(part: Part, text: String) -> HandoutLine {
        HandoutLine {
            keep: !has_amount(&text),
            part,
            text,
        }
    }
}

fn when(d: Option<PartialDate>, lang: Lang) -> String {
    d.map(|d| d.display(lang)).unwrap_or_default()
}

impl Handout {
    pub fn of(s: &Session, lang: Lang) -> Handout {
        let s = &*crate::model::off_record::printable(s);
        let h = &lang.texts().handout;
        let participant = s
            .preparation
            .attendees
            .iter()
            .find(|a| a.kind == AttendeeKind::Participant)
            .map(|a| a.alias.trim().to_string())
            .unwrap_or_default();
        let names = Names::of(s, lang, &participant);
        let is_participant =
            |who: &str| !participant.is_empty() && who.trim().eq_ignore_ascii_case(&participant);
        let mut lines = Vec::new();
        for a in &s.wrap_up.agreements {
            if a.what.trim().is_empty() {
                continue;
            }
            let who = if is_participant(&a.who) {
                h.you.to_string()
            } else {
                names.apply_inline(&a.who)
            };
            lines.push(HandoutLine::new(
                Part::Agreement,
                (h.agreement)(&names.apply(&a.what), &who, &when(a.when, lang)),
            ));
        }
        let pulse = s.wrap_up.pulse_owner.trim();
        if !pulse.is_empty() {
            let who = if is_participant(pulse) {
                h.you.to_string()
            } else {
                names.apply(pulse)
            };
            lines.push(HandoutLine::new(
                Part::Pulse,
                crate::i18n::format::capitalise(&(h.pulse)(&who)),
            ));
        }
        let ended = s.wrap_up.series_end.is_some();
        if let Some(next) = s.follow_up_due().filter(|_| !ended) {
            lines.push(HandoutLine::new(
                Part::NextTable,
                (h.next_table)(&display_date(next, lang)),
            ));
        }
        // The participant's own words: what they said about a life domain, and the quotes
        // that are theirs; nothing of a domain they kept off the record.
        let off = |domain: Option<&str>| {
            domain.is_some_and(|d| {
                s.outcomes
                    .off_record
                    .iter()
                    .any(|o| o.domain_id.as_deref() == Some(d))
            })
        };
        for d in &s.outcomes.domains {
            let words = d.own_words.trim();
            if words.is_empty() || off(Some(&d.domain_id)) {
                continue;
            }
            let label = s
                .domain(&d.domain_id)
                .map_or(d.domain_id.as_str(), |x| x.label.get(lang));
            lines.push(HandoutLine::new(
                Part::OwnWords,
                format!("{label}: “{}”", names.apply(words)),
            ));
        }
        for q in &s.outcomes.quotes {
            if is_participant(&q.speaker)
                && !q.text.trim().is_empty()
                && !off(q.domain_id.as_deref())
            {
                lines.push(HandoutLine::new(
                    Part::OwnWords,
                    format!("“{}”", names.apply(&q.text)),
                ));
            }
        }
        Handout {
            lang,
            participant,
            date: s
                .preparation
                .date
                .map(|d| display_date(d, lang))
                .unwrap_or_default(),
            lines,
        }
    }

    /// The page, A4, with the lines that are kept.
    pub fn html(&self) -> String {
        let h = &self.lang.texts().handout;
        let mut o = page_start_styled(
            self.lang.code(),
            h.title,
            "body { font-size: 13pt; line-height: 1.55; max-width: 165mm; } \
             h1 { font-size: 24pt; } h2 { font-size: 16pt; margin-top: 8mm; } \
             li { margin-bottom: 3mm; } .own { font-style: italic; }",
        );
        let _ = writeln!(o, "<h1>{}</h1>", escape(h.title));
        if !self.date.is_empty() {
            let _ = writeln!(
                o,
                "<p class=\"subtitle\">{}</p>",
                escape(&(h.of_date)(&self.date))
            );
        }
        for p in h.intro {
            let _ = writeln!(o, "<p>{}</p>", escape(p));
        }
        let part = |o: &mut String, part: Part, class: &str| {
            let heading = part.heading(self.lang);
            let kept: Vec<&HandoutLine> = self
                .lines
                .iter()
                .filter(|l| l.part == part && l.keep)
                .collect();
            if kept.is_empty() {
                return;
            }
            let _ = writeln!(o, "<h2>{}</h2>\n<ul{class}>", escape(heading));
            for l in kept {
                let _ = writeln!(o, "<li>{}</li>", escape(&l.text));
            }
            o.push_str("</ul>\n");
        };
        part(&mut o, Part::Agreement, "");
        part(&mut o, Part::Pulse, "");
        part(&mut o, Part::NextTable, "");
        part(&mut o, Part::OwnWords, " class=\"own\"");
        let _ = writeln!(o, "<p class=\"note\">{}</p>", escape(&self.privacy()));
        o.push_str(PAGE_END);
        o
    }

    /// The page's text without markup, for a reader's check.
    pub fn plain(&self) -> String {
        let h = &self.lang.texts().handout;
        let mut out: Vec<String> = vec![h.title.to_string()];
        out.extend(h.intro.iter().map(|s| (*s).to_string()));
        out.extend(self.lines.iter().filter(|l| l.keep).map(|l| l.text.clone()));
        out.push(self.privacy());
        out.join("\n")
    }

    /// Whose copy it is, and that it holds no amounts when no kept line has one.
    pub fn privacy(&self) -> String {
        let h = &self.lang.texts().handout;
        if self.lines.iter().any(|l| l.keep && has_amount(&l.text)) {
            h.privacy.to_string()
        } else {
            format!("{} {}", h.privacy, h.no_amounts)
        }
    }
}

/// Words per sentence, on average: a sentence ends at `.`, `!`, `?` or a line's end.
pub fn mean_sentence_words(text: &str) -> f64 {
    let mut sentences = 0u32;
    let mut words = 0u32;
    for line in text.lines() {
        for sentence in line.split(['.', '!', '?']) {
            let n = u32::try_from(sentence.split_whitespace().count()).unwrap_or(u32::MAX);
            if n > 0 {
                sentences += 1;
                words += n;
            }
        }
    }
    if sentences == 0 {
        0.0
    } else {
        f64::from(words) / f64::from(sentences)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_is_replaced_as_a_whole_word_only() {
        assert_eq!(
            replace_in(
                "Bellen met Dennis, niet Dennisse.",
                "dennis",
                "de jobcoach",
                true
            ),
            "Bellen met de jobcoach, niet Dennisse."
        );
        assert_eq!(replace_in("Ann en Anne", "Ann", "X", true), "X en Anne");
        assert_eq!(replace_in("", "Ann", "X", true), "");
        assert_eq!(
            replace_in("Ellen belt. Daarna Ellen.", "Ellen", "de coach", true),
            "De coach belt. Daarna de coach."
        );
    }

    #[test]
    fn names_are_found_in_any_case_and_spelling_of_their_spaces() {
        for text in [
            "İbrahim belt",
            "Jan-Willem belt",
            "JanWillem belt",
            "jan  willem belt",
            "Jan\u{a0}Willem belt",
        ] {
            let word = if text.starts_with('İ') {
                "İbrahim"
            } else {
                "Jan Willem"
            };
            assert_eq!(
                replace_in(text, word, "de coach", true),
                "De coach belt",
                "{text}"
            );
        }
        assert_eq!(
            replace_in("belt ibrahim", "İbrahim", "X", true),
            "belt ibrahim",
            "İ folds to i̇, not i"
        );
        assert_eq!(replace_in("Jannie belt", "Jan", "X", true), "Jannie belt");
        assert_eq!(
            replace_in(
                "İbrahim belt marieke",
                "Marieke",
                "de trajectbegeleider",
                true
            ),
            "İbrahim belt de trajectbegeleider"
        );
    }

    #[test]
    fn an_amount_is_recognised() {
        for t in [
            "€ 250 bijstand",
            "EUR 1.200 schuld",
            "500 euro schuld",
            "€300 per maand",
        ] {
            assert!(has_amount(t), "{t}");
        }
        for t in ["twee keer per week", "Europa", "in 2026"] {
            assert!(!has_amount(t), "{t}");
        }
    }

    #[test]
    fn sentences_are_counted_at_their_ends() {
        assert!((mean_sentence_words("Een twee drie. Vier vijf!\nZes") - 2.0).abs() < 1e-9);
        assert!(mean_sentence_words("").abs() < 1e-9);
    }
}
