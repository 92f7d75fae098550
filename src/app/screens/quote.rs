//! The quote box (F3): a quote and its speaker, captured from any phase.

use crate::app::action::Action;
use crate::app::form::FieldId;
use crate::app::screens::session::Overlay;
use crate::app::state::{App, Level, SessionView};
use crate::app::text_field::TextField;
use crate::app::update::too_long_message;
use crate::model::Quote;

/// The quote being captured (F3).
#[derive(Debug, Clone)]
pub struct QuoteDraft {
    pub speaker: TextField,
    pub words: TextField,
    pub on_words: bool,
    /// Esc was pressed with text typed: asking whether to throw it away.
    pub confirm_discard: bool,
}

impl QuoteDraft {
    pub fn new() -> QuoteDraft {
        QuoteDraft {
            speaker: TextField::new("", false),
            words: TextField::new("", true),
            on_words: false,
            confirm_discard: false,
        }
    }

    /// Whether anything has been typed.
    pub fn has_text(&self) -> bool {
        !self.speaker.text().trim().is_empty() || !self.words.text().trim().is_empty()
    }
}

impl Default for QuoteDraft {
    fn default() -> Self {
        QuoteDraft::new()
    }
}

pub(crate) fn handle(app: &mut App, action: Action) {
    let lang = app.lang;
    let Some(v) = app.session_mut() else { return };
    let Some(Overlay::Quote(q)) = &mut v.overlay else {
        return;
    };
    if q.confirm_discard {
        match action {
            Action::Confirm(true) => v.overlay = None,
            Action::Confirm(false) | Action::Back => q.confirm_discard = false,
            _ => {}
        }
        return;
    }
    match action {
        Action::NextField | Action::PrevField => q.on_words = !q.on_words,
        // Row 0 is the speaker, row 1 the words.
        Action::Click(crate::app::action::Click::Row(n)) => q.on_words = n == 1,
        Action::Paste(text) => {
            let (f, limit) = if q.on_words {
                (&mut q.words, crate::model::limits::TextKind::Text)
            } else {
                (&mut q.speaker, crate::model::limits::TextKind::Name)
            };
            if let Some(why) = too_long_message(lang, limit, &f.text(), &text) {
                app.say(Level::Warning, why);
                return;
            }
            f.paste(&text);
        }
        Action::TextInput(key) => {
            let f = if q.on_words {
                &mut q.words
            } else {
                &mut q.speaker
            };
            f.key(key);
        }
        Action::SaveQuote | Action::SaveNow | Action::QuickQuote => finish_quote(app),
        // Esc cancels: at once when nothing was typed, else after asking.
        Action::Back => {
            if q.has_text() {
                q.confirm_discard = true;
            } else {
                v.overlay = None;
            }
        }
        _ => {}
    }
}

/// Keeps the quote and closes the box (Enter in the words, Ctrl+S, F3 again).
pub(crate) fn finish_quote(app: &mut App) {
    use crate::model::limits::TextKind;
    let lang = app.lang;
    let clock = app.clock;
    let Some(v) = app.session_mut() else { return };
    let Some(q) = v.quote() else { return };
    let words = q.words.text().trim().to_string();
    let speaker = q.speaker.text().trim().to_string();
    // Over a limit: the draft stays open with the reason, nothing is lost.
    let over = too_long_message(lang, TextKind::Name, &speaker, "")
        .or_else(|| too_long_message(lang, TextKind::Text, &words, ""));
    if let Some(why) = over {
        app.say(Level::Warning, why);
        return;
    }
    v.overlay = None;
    if words.is_empty() && speaker.is_empty() {
        return;
    }
    let domain_id = quote_domain(v).map(|d| d.id.clone());
    let id = crate::model::next_id("q", v.session.outcomes.quotes.iter().map(|q| q.id.as_str()));
    let phase = v.phase;
    v.session.outcomes.quotes.push(Quote {
        id,
        speaker,
        text: words,
        domain_id,
        phase: Some(phase),
        captured_at: Some(clock.now()),
    });
    app.changed();
    app.request_save_soon();
    let t = app.lang.texts();
    app.say(Level::Info, t.ui.quote_saved);
}

/// The life domain a quote captured now is filed under: the one the cursor is in (its
/// scores or words), none elsewhere. The quote box shows it.
pub fn quote_domain(v: &SessionView) -> Option<&crate::model::LifeDomain> {
    match v.focused() {
        Some(
            FieldId::ScoreStart(d)
            | FieldId::ScoreNow(d)
            | FieldId::OwnWords(d)
            | FieldId::Estimated(d),
        ) => v.session.domains.get(d),
        _ => None,
    }
}
