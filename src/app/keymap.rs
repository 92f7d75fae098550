//! Every key becomes an [`Action`] here, and nowhere else: one binding table per context
//! (which screen, which dialog, which kind of field has focus). The footer and the F1 help
//! are drawn from the same tables, so what they say is what the keys do.
//!
//! A text field gets the keys its table does not bind as [`Action::TextInput`] (typing,
//! moving the cursor, undo); a list that filters as you type gets plain characters as
//! [`Action::FilterChar`]. Letters typed into a field therefore never fire commands:
//! commands use Ctrl, Alt or function keys.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::Action;
use super::form::{FieldId, FieldKind};
use super::screens::session::{Overlay, Question, SessionView};
use super::state::{App, Screen};
use crate::i18n::Texts;
use crate::model::Phase;

/// Where the keys go right now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    Help,
    /// The library; `selected` when a session row is selected (the keys that act on one
    /// are offered only then).
    Library {
        selected: bool,
    },
    ConfirmDelete,
    Compare,
    Prices,
    PriceEdit {
        choice: bool,
        /// Asking whether to throw away the changes.
        confirm: bool,
    },
    Form {
        kind: FieldKind,
        in_list: bool,
        read_only: bool,
        /// In a multi-line text: the cursor is on its first / last row, so ↑ / ↓ leave it.
        at_top: bool,
        at_bottom: bool,
    },
    TableView,
    /// The wall: both scenarios on one time axis.
    Wall,
    /// The participant's handout, before it is written.
    Handout,
    /// A sync conflict: two versions of one session.
    Conflict,
    Picker,
    Quote {
        on_words: bool,
        /// Asking whether to throw away what was typed.
        confirm: bool,
    },
    ConfirmRemove,
    /// A question before the session changes on its own account: re-price it to the
    /// current list (figures change), remove what a domain kept off the record holds.
    ConfirmChange,
    /// The portfolio of a project.
    Portfolio,
}

impl Context {
    /// One context of each kind, for tests and the help screen.
    pub fn all() -> Vec<Context> {
        let mut v = vec![
            Context::Help,
            Context::Library { selected: true },
            Context::Library { selected: false },
            Context::ConfirmDelete,
            Context::Compare,
            Context::Prices,
            Context::PriceEdit {
                choice: true,
                confirm: false,
            },
            Context::PriceEdit {
                choice: false,
                confirm: false,
            },
            Context::PriceEdit {
                choice: false,
                confirm: true,
            },
            Context::TableView,
            Context::Wall,
            Context::Handout,
            Context::Conflict,
            Context::Picker,
            Context::Quote {
                on_words: false,
                confirm: false,
            },
            Context::Quote {
                on_words: true,
                confirm: false,
            },
            Context::Quote {
                on_words: true,
                confirm: true,
            },
            Context::ConfirmRemove,
            Context::ConfirmChange,
            Context::Portfolio,
        ];
        for kind in FieldKind::ALL {
            for (in_list, read_only, at_top, at_bottom) in [
                (false, false, true, true),
                (true, false, false, false),
                (false, true, true, true),
            ] {
                v.push(Context::Form {
                    kind,
                    in_list,
                    read_only,
                    at_top,
                    at_bottom,
                });
            }
        }
        v
    }

    /// Whether typing goes into a text field here.
    fn takes_text(self) -> bool {
        match self {
            Context::Form {
                kind, read_only, ..
            } => kind.is_text() && !read_only,
            Context::PriceEdit { choice, confirm } => !choice && !confirm,
            Context::Quote { confirm, .. } => !confirm,
            _ => false,
        }
    }

    /// Whether typing filters a list here.
    fn filters(self) -> bool {
        matches!(
            self,
            Context::Library { .. } | Context::Picker | Context::Prices
        )
    }
}

pub fn context(app: &App) -> Context {
    if app.help_open {
        return Context::Help;
    }
    match &app.screen {
        Screen::Library(l) if l.confirm_delete.is_some() => Context::ConfirmDelete,
        Screen::Library(l) => Context::Library {
            selected: l.selected_session().is_some(),
        },
        Screen::Compare(_) => Context::Compare,
        Screen::Conflict(_) => Context::Conflict,
        Screen::Portfolio(_) => Context::Portfolio,
        Screen::Prices(p) if p.confirm_remove.is_some() => Context::ConfirmRemove,
        Screen::Prices(p) => match &p.edit {
            Some(e) => Context::PriceEdit {
                choice: super::screens::prices::PriceField::ALL[e.field].is_choice(),
                confirm: e.confirm_discard,
            },
            None => Context::Prices,
        },
        Screen::Session(v) => match &v.overlay {
            Some(Overlay::Quote(q)) => Context::Quote {
                on_words: q.on_words,
                confirm: q.confirm_discard,
            },
            Some(Overlay::Picker(_)) => Context::Picker,
            Some(Overlay::Handout { .. }) => Context::Handout,
            Some(Overlay::Ask(Question::Remove(..))) => Context::ConfirmRemove,
            Some(Overlay::Ask(Question::Reprice | Question::ClearOffRecord { .. })) => {
                Context::ConfirmChange
            }
            Some(Overlay::Wall { .. }) => Context::Wall,
            Some(Overlay::TableView) => Context::TableView,
            None => form_context(v),
        },
    }
}

/// The keys of a session's phase form: they depend on the focused field.
fn form_context(v: &SessionView) -> Context {
    let focused = v.focused();
    let kind = focused.map_or(FieldKind::Display, FieldId::kind);
    let (at_top, at_bottom) = match &v.editor {
        Some((_, f)) if f.is_multi_line() => {
            let row = f.cursor().0;
            (row == 0, row + 1 >= f.line_count())
        }
        _ => (true, true),
    };
    Context::Form {
        kind,
        in_list: focused.and_then(FieldId::list_item).is_some(),
        read_only: v.read_only.is_some(),
        at_top,
        at_bottom,
    }
}

/// A key with its modifiers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

const fn key(code: KeyCode) -> Key {
    Key {
        code,
        mods: KeyModifiers::NONE,
    }
}

const fn ch(c: char) -> Key {
    key(KeyCode::Char(c))
}

const fn ctrl(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        mods: KeyModifiers::CONTROL,
    }
}

const fn with(code: KeyCode, mods: KeyModifiers) -> Key {
    Key { code, mods }
}

/// Stands for "any letter" in the footer and the help: typing, which the tables leave
/// to the text field or the filter. It matches no key press.
pub const TYPING: Key = key(KeyCode::Null);

impl Key {
    fn matches(self, e: &KeyEvent) -> bool {
        if self == TYPING {
            return false;
        }
        let mods = e.modifiers - KeyModifiers::SHIFT;
        let code = match e.code {
            KeyCode::Char(c) if e.modifiers.contains(KeyModifiers::CONTROL) => {
                KeyCode::Char(c.to_ascii_lowercase())
            }
            other => other,
        };
        code == self.code && (mods == self.mods - KeyModifiers::SHIFT)
    }

    /// How the key is written in the footer and the help.
    pub fn name(self) -> String {
        let base = match self.code {
            KeyCode::Null => "a–z".to_string(),
            KeyCode::Char(' ') => "Spatie/Space".to_string(),
            KeyCode::Char(c) => c.to_ascii_uppercase().to_string(),
            KeyCode::F(n) => format!("F{n}"),
            KeyCode::Enter => "Enter".into(),
            KeyCode::Esc => "Esc".into(),
            KeyCode::Tab => "Tab".into(),
            KeyCode::BackTab => "Shift+Tab".into(),
            KeyCode::PageDown => "PgDn".into(),
            KeyCode::PageUp => "PgUp".into(),
            KeyCode::Up => "↑".into(),
            KeyCode::Down => "↓".into(),
            KeyCode::Left => "←".into(),
            KeyCode::Right => "→".into(),
            KeyCode::Backspace => "⌫".into(),
            KeyCode::Delete => "Del".into(),
            other => format!("{other:?}"),
        };
        let mut name = String::new();
        if self.mods.contains(KeyModifiers::CONTROL) {
            name.push_str("Ctrl+");
        }
        if self.mods.contains(KeyModifiers::ALT) {
            name.push_str("Alt+");
        }
        name + &base
    }
}

/// One key of a table: what it does, and how the footer and the help describe it.
pub struct Binding {
    pub key: Key,
    /// `None` only for [`TYPING`], which describes what unbound keys do.
    pub action: Option<Action>,
    /// What the key does, in words; `None` for a key that the help describes together
    /// with another one (F6 beside F5).
    pub describe: Option<fn(&Texts) -> &'static str>,
    /// How the key is written when it stands for a group ("F5–F10").
    pub shown_as: Option<&'static str>,
    /// Whether the footer shows it (the help shows every described key).
    pub footer: bool,
}

impl Binding {
    /// The name of the key as the footer and the help write it.
    pub fn name(&self) -> String {
        self.shown_as
            .map_or_else(|| self.key.name(), ToString::to_string)
    }

    /// The same in the user's language (the space bar is "Spatie" in Dutch).
    pub fn name_in(&self, t: &Texts) -> String {
        match (self.shown_as, self.key) {
            (
                None,
                Key {
                    code: KeyCode::Char(' '),
                    mods,
                },
            ) if mods.is_empty() => t.ui.key_space.to_string(),
            _ => self.name(),
        }
    }
}

/// A key in the footer and the help.
fn b(key: Key, action: Action, describe: fn(&Texts) -> &'static str) -> Binding {
    Binding {
        key,
        action: Some(action),
        describe: Some(describe),
        shown_as: None,
        footer: true,
    }
}

/// A key in the help only.
fn h(key: Key, action: Action, describe: fn(&Texts) -> &'static str) -> Binding {
    Binding {
        footer: false,
        ..b(key, action, describe)
    }
}

/// A key that works but is described with another one (or needs no words: ↑ beside ↓).
fn silent(key: Key, action: Action) -> Binding {
    Binding {
        key,
        action: Some(action),
        describe: None,
        shown_as: None,
        footer: false,
    }
}

/// What typing does here (a text field, a filter).
fn typing(describe: fn(&Texts) -> &'static str) -> Binding {
    Binding {
        key: TYPING,
        action: None,
        describe: Some(describe),
        shown_as: None,
        footer: true,
    }
}

/// The same binding, described in the help but not in the footer.
fn help_only(mut binding: Binding) -> Binding {
    binding.footer = false;
    binding
}

fn shown(mut binding: Binding, as_: &'static str) -> Binding {
    binding.shown_as = Some(as_);
    binding
}

const CTRL_PGDN: Key = with(KeyCode::PageDown, KeyModifiers::CONTROL);
const CTRL_PGUP: Key = with(KeyCode::PageUp, KeyModifiers::CONTROL);
const ALT_UP: Key = with(KeyCode::Up, KeyModifiers::ALT);
const ALT_DOWN: Key = with(KeyCode::Down, KeyModifiers::ALT);

/// The key table of a context, most useful first (the footer shows as many as fit).
pub fn bindings(ctx: Context) -> Vec<Binding> {
    let quit = b(ctrl('q'), Action::Quit, |t| t.ui.k_quit);
    let help = b(key(KeyCode::F(1)), Action::Help, |t| t.ui.k_help);
    match ctx {
        Context::Help => vec![
            b(key(KeyCode::Esc), Action::Help, |t| t.ui.k_close),
            silent(key(KeyCode::F(1)), Action::Help),
            b(key(KeyCode::Down), Action::SelectDown, |t| t.ui.k_scroll),
            silent(key(KeyCode::Up), Action::SelectUp),
            silent(key(KeyCode::PageDown), Action::PageDown),
            silent(key(KeyCode::PageUp), Action::PageUp),
            quit,
        ],
        Context::ConfirmDelete
        | Context::ConfirmRemove
        | Context::ConfirmChange
        | Context::Quote { confirm: true, .. }
        | Context::PriceEdit { confirm: true, .. } => vec![
            // Dutch j(a) and English y(es) both answer yes.
            shown(b(ch('j'), Action::Confirm(true), |t| t.ui.k_yes), "J/Y"),
            silent(ch('y'), Action::Confirm(true)),
            silent(key(KeyCode::Enter), Action::Confirm(true)),
            silent(ctrl('d'), Action::Confirm(true)),
            b(ch('n'), Action::Confirm(false), |t| t.ui.k_no),
            silent(key(KeyCode::Esc), Action::Confirm(false)),
            quit,
        ],
        Context::Library { selected } => {
            let mut v = vec![
                quit,
                help,
                h(ctrl('u'), Action::ClearFilter, |t| t.ui.k_clear_search),
            ];
            if selected {
                v.push(b(key(KeyCode::Enter), Action::OpenSelected, |t| {
                    t.ui.k_open
                }));
            }
            v.push(b(ctrl('n'), Action::NewSession, |t| t.ui.k_new));
            if selected {
                v.push(b(ctrl('f'), Action::FollowUpSelected, |t| t.ui.k_follow_up));
                // Before the rest: the footer shows keys in this order, as far as they fit,
                // and the portfolio is what the library is gathered for (it fits from 120
                // columns; F1 names it at any size).
                v.push(b(ctrl('o'), Action::OpenPortfolio, |t| t.ui.k_portfolio));
                v.push(b(ctrl('k'), Action::CompareSelected, |t| t.ui.k_compare));
            }
            v.push(b(ctrl('p'), Action::OpenPrices, |t| t.ui.k_prices));
            v.push(h(ctrl('a'), Action::ToggleEnded, |t| t.ui.k_toggle_ended));
            if selected {
                v.push(b(ctrl('d'), Action::DeleteSelected, |t| t.ui.k_delete));
            }
            v.push(b(ctrl('l'), Action::LoadDemo, |t| t.ui.k_demo));
            v.push(typing(|t| t.ui.k_type_to_filter));
            v.push(silent(key(KeyCode::Up), Action::SelectUp));
            v.push(silent(key(KeyCode::Down), Action::SelectDown));
            v.push(silent(key(KeyCode::Backspace), Action::FilterBackspace));
            v.push(h(key(KeyCode::Esc), Action::Back, |t| t.ui.k_clear_filter));
            v
        }
        // Two read-only reports: scroll, export, back.
        Context::Portfolio | Context::Compare => vec![
            quit,
            help,
            b(key(KeyCode::Down), Action::SelectDown, |t| t.ui.k_scroll),
            silent(key(KeyCode::Up), Action::SelectUp),
            silent(key(KeyCode::PageDown), Action::PageDown),
            silent(key(KeyCode::PageUp), Action::PageUp),
            b(ctrl('e'), Action::Export, |t| t.ui.k_export),
            b(key(KeyCode::Esc), Action::Back, |t| t.ui.k_back),
        ],
        Context::Prices => vec![
            quit,
            help,
            b(key(KeyCode::Enter), Action::OpenSelected, |t| t.ui.k_edit),
            b(ctrl('n'), Action::AddItem, |t| t.ui.k_add),
            b(ctrl('d'), Action::RemoveItem, |t| t.ui.k_remove),
            b(key(KeyCode::Esc), Action::Back, |t| t.ui.k_back),
            typing(|t| t.ui.k_type_to_filter),
            silent(key(KeyCode::Up), Action::SelectUp),
            silent(key(KeyCode::Down), Action::SelectDown),
            silent(key(KeyCode::Backspace), Action::FilterBackspace),
            h(ctrl('u'), Action::ClearFilter, |t| t.ui.k_clear_search),
        ],
        Context::PriceEdit { choice, .. } => {
            let mut v = vec![
                quit,
                b(ctrl('s'), Action::SaveNow, |t| t.ui.k_save_close),
                b(key(KeyCode::Tab), Action::NextField, |t| t.ui.k_next_field),
                silent(key(KeyCode::BackTab), Action::PrevField),
                b(key(KeyCode::Esc), Action::Back, |t| t.ui.k_cancel),
            ];
            if choice {
                v.push(b(key(KeyCode::Right), Action::ChoiceNext, |t| t.ui.k_cycle));
                v.push(silent(key(KeyCode::Left), Action::ChoicePrev));
                v.push(silent(key(KeyCode::Enter), Action::NextField));
                v.push(silent(key(KeyCode::Down), Action::NextField));
                v.push(silent(key(KeyCode::Up), Action::PrevField));
            } else {
                v.push(silent(key(KeyCode::Enter), Action::NextField));
                v.push(silent(key(KeyCode::Down), Action::NextField));
                v.push(silent(key(KeyCode::Up), Action::PrevField));
                v.push(b(ctrl('z'), Action::TextInput(ctrl_event('z')), |t| {
                    t.ui.k_undo
                }));
            }
            v
        }
        Context::Picker => vec![
            b(key(KeyCode::Enter), Action::OpenSelected, |t| t.ui.k_choose),
            b(key(KeyCode::Esc), Action::Back, |t| t.ui.k_close),
            typing(|t| t.ui.k_type_to_filter),
            silent(key(KeyCode::Up), Action::SelectUp),
            silent(key(KeyCode::Down), Action::SelectDown),
            silent(key(KeyCode::Tab), Action::SelectDown),
            silent(key(KeyCode::BackTab), Action::SelectUp),
            silent(key(KeyCode::Backspace), Action::FilterBackspace),
            b(ctrl('u'), Action::ClearFilter, |t| t.ui.k_clear_search),
            quit,
        ],
        Context::Quote { on_words, .. } => {
            let mut v = Vec::new();
            if on_words {
                v.push(b(key(KeyCode::Enter), Action::SaveQuote, |t| {
                    t.ui.k_save_quote
                }));
            } else {
                v.push(b(key(KeyCode::Enter), Action::NextField, |t| {
                    t.ui.k_to_words
                }));
            }
            v.push(b(ctrl('s'), Action::SaveQuote, |t| t.ui.k_save_quote));
            v.push(b(key(KeyCode::Tab), Action::NextField, |t| {
                t.ui.k_speaker_words
            }));
            v.push(silent(key(KeyCode::BackTab), Action::PrevField));
            v.push(b(key(KeyCode::Esc), Action::Back, |t| t.ui.k_cancel));
            v.push(quit);
            v
        }
        Context::Conflict => vec![
            b(key(KeyCode::Enter), Action::OpenSelected, |t| {
                t.ui.k_keep_result
            }),
            shown(
                b(key(KeyCode::Down), Action::SelectDown, |t| t.ui.k_choose),
                "↑↓",
            ),
            silent(key(KeyCode::Up), Action::SelectUp),
            b(key(KeyCode::Left), Action::Earlier, |t| t.ui.k_take_this),
            b(key(KeyCode::Right), Action::Later, |t| t.ui.k_take_other),
            silent(ch(' '), Action::Toggle),
            h(key(KeyCode::Home), Action::TakeAll(false), |t| {
                t.ui.k_take_all_this
            }),
            h(key(KeyCode::End), Action::TakeAll(true), |t| {
                t.ui.k_take_all_other
            }),
            silent(key(KeyCode::PageDown), Action::PageDown),
            silent(key(KeyCode::PageUp), Action::PageUp),
            b(key(KeyCode::Esc), Action::Back, |t| t.ui.k_back),
            quit,
            help,
        ],
        Context::Handout => vec![
            b(key(KeyCode::Enter), Action::WriteHandout, |t| {
                t.handout.k_write
            }),
            b(ch(' '), Action::Toggle, |t| t.handout.k_keep),
            shown(
                b(key(KeyCode::Down), Action::SelectDown, |t| t.ui.k_choose),
                "↑↓",
            ),
            silent(key(KeyCode::Up), Action::SelectUp),
            silent(key(KeyCode::Tab), Action::NextField),
            silent(key(KeyCode::BackTab), Action::PrevField),
            b(key(KeyCode::Esc), Action::Back, |t| t.ui.k_cancel),
            silent(ctrl('g'), Action::ToggleHandout),
            quit,
        ],
        Context::Wall => vec![
            b(key(KeyCode::Esc), Action::Back, |t| t.ui.k_close),
            silent(ctrl('t'), Action::ToggleWall),
            shown(
                b(key(KeyCode::Down), Action::SelectDown, |t| t.ui.k_choose),
                "↑↓",
            ),
            silent(key(KeyCode::Up), Action::SelectUp),
            shown(
                b(key(KeyCode::Right), Action::Later, |t| t.ui.k_wall_time),
                "←→",
            ),
            silent(key(KeyCode::Left), Action::Earlier),
            silent(key(KeyCode::PageDown), Action::PageDown),
            silent(key(KeyCode::PageUp), Action::PageUp),
            b(key(KeyCode::F(4)), Action::ToggleTableView, |t| {
                t.ui.k_table_view
            }),
            b(CTRL_PGDN, Action::NextPhase, |t| t.ui.k_next_phase),
            silent(CTRL_PGUP, Action::PrevPhase),
            quit,
        ],
        Context::TableView => vec![
            b(key(KeyCode::Esc), Action::Back, |t| t.ui.k_close),
            silent(key(KeyCode::F(4)), Action::ToggleTableView),
            b(key(KeyCode::Down), Action::SelectDown, |t| t.ui.k_scroll),
            silent(key(KeyCode::Up), Action::SelectUp),
            silent(key(KeyCode::PageDown), Action::PageDown),
            silent(key(KeyCode::PageUp), Action::PageUp),
            b(CTRL_PGDN, Action::NextPhase, |t| t.ui.k_next_phase),
            silent(CTRL_PGUP, Action::PrevPhase),
            quit,
            b(ctrl('t'), Action::ToggleWall, |t| t.ui.k_wall),
        ],
        Context::Form { .. } => form_bindings(ctx, quit, help),
    }
}

/// A key press of Ctrl+`c`.
const fn ctrl_event(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)
}

/// The keys of a phase form, for the kind of field that has focus.
fn form_bindings(ctx: Context, quit: Binding, help: Binding) -> Vec<Binding> {
    let Context::Form {
        kind,
        in_list,
        read_only,
        at_top,
        at_bottom,
    } = ctx
    else {
        return vec![quit, help];
    };
    let mut v = vec![
        quit,
        help,
        b(key(KeyCode::Tab), Action::NextField, |t| t.ui.k_next_field),
        h(key(KeyCode::BackTab), Action::PrevField, |t| {
            t.ui.k_prev_field
        }),
        b(CTRL_PGDN, Action::NextPhase, |t| t.ui.k_next_phase),
        b(key(KeyCode::PageDown), Action::PageDown, |t| {
            t.ui.k_next_part
        }),
        h(key(KeyCode::PageUp), Action::PageUp, |t| t.ui.k_prev_part),
        h(CTRL_PGUP, Action::PrevPhase, |t| t.ui.k_prev_phase),
    ];
    // ↑ and ↓ move between fields, except inside a multi-line text away from its edges.
    let multi = kind == FieldKind::MultiLine && !read_only;
    if !multi || at_top {
        v.push(silent(key(KeyCode::Up), Action::PrevField));
    }
    if !multi || at_bottom {
        v.push(silent(key(KeyCode::Down), Action::NextField));
    }
    // The keys of the focused field come first in the footer (after Ctrl+Q): what a
    // yes/no or a score takes must show even at 80 columns.
    let own_start = v.len();
    if read_only {
        v.push(silent(key(KeyCode::Enter), Action::NextField));
    } else {
        match kind {
            FieldKind::Choice => {
                v.push(shown(
                    b(key(KeyCode::Right), Action::ChoiceNext, |t| t.ui.k_cycle),
                    "← →",
                ));
                v.push(silent(key(KeyCode::Left), Action::ChoicePrev));
                v.push(b(key(KeyCode::Enter), Action::OpenPicker, |t| t.ui.k_list));
                v.push(help_only(typing(|t| t.ui.k_type_to_filter)));
            }
            FieldKind::Toggle => {
                v.push(b(ch(' '), Action::Toggle, |t| t.ui.k_toggle));
                v.push(silent(key(KeyCode::Enter), Action::Toggle));
                v.push(silent(key(KeyCode::Left), Action::Toggle));
                v.push(silent(key(KeyCode::Right), Action::Toggle));
            }
            FieldKind::Score => {
                v.push(shown(
                    b(key(KeyCode::Right), Action::ScoreUp, |t| t.ui.k_score),
                    "0–10 ← →",
                ));
                v.push(silent(key(KeyCode::Left), Action::ScoreDown));
                for d in 0..=9u8 {
                    v.push(silent(ch(char::from(b'0' + d)), Action::SetScore(d)));
                }
                v.push(h(key(KeyCode::Backspace), Action::ClearScore, |t| {
                    t.ui.k_clear_score
                }));
                v.push(silent(key(KeyCode::Delete), Action::ClearScore));
                v.push(silent(ctrl('u'), Action::ClearScore));
                v.push(silent(key(KeyCode::Enter), Action::NextField));
            }
            FieldKind::Button => {
                v.push(b(key(KeyCode::Enter), Action::Press, |t| t.ui.k_add));
            }
            FieldKind::Command => {
                v.push(b(key(KeyCode::Enter), Action::Press, |t| t.ui.k_reprice));
            }
            FieldKind::MultiLine => {
                v.push(help_only(typing(|t| t.ui.k_type)));
                v.push(shown(
                    h(
                        key(KeyCode::Enter),
                        Action::TextInput(KeyEvent::from(KeyCode::Enter)),
                        |t| t.ui.k_newline,
                    ),
                    "Enter",
                ));
            }
            FieldKind::Text
            | FieldKind::Date
            | FieldKind::PartialDate
            | FieldKind::Decimal
            | FieldKind::Integer
            | FieldKind::Money => {
                v.push(help_only(typing(|t| t.ui.k_type)));
                v.push(silent(key(KeyCode::Enter), Action::NextField));
            }
            FieldKind::Display => {
                v.push(silent(key(KeyCode::Enter), Action::NextField));
            }
        }
    }
    let own: Vec<Binding> = v.drain(own_start..).collect();
    v.splice(1..1, own);
    if !read_only {
        if kind.is_text() {
            v.push(b(ctrl('z'), Action::TextInput(ctrl_event('z')), |t| {
                t.ui.k_undo
            }));
            v.push(h(ctrl('u'), Action::TextInput(ctrl_event('u')), |t| {
                t.ui.k_clear_field
            }));
            v.push(h(ctrl('y'), Action::TextInput(ctrl_event('y')), |t| {
                t.ui.k_redo
            }));
        }
        if in_list {
            v.push(b(ctrl('n'), Action::AddItem, |t| t.ui.k_add));
            v.push(b(ctrl('d'), Action::RemoveItem, |t| t.ui.k_remove));
            v.push(b(ALT_UP, Action::MoveItemUp, |t| t.ui.k_move_up));
            v.push(b(ALT_DOWN, Action::MoveItemDown, |t| t.ui.k_move_down));
        }
        v.push(b(key(KeyCode::F(3)), Action::QuickQuote, |t| t.ui.k_quote));
    }
    v.push(b(key(KeyCode::F(2)), Action::ToggleQuestions, |t| {
        t.ui.k_questions
    }));
    v.push(b(key(KeyCode::F(4)), Action::ToggleTableView, |t| {
        t.ui.k_table_view
    }));
    v.push(b(ctrl('t'), Action::ToggleWall, |t| t.ui.k_wall));
    v.push(b(ctrl('g'), Action::ToggleHandout, |t| t.handout.k_handout));
    v.push(b(ctrl('e'), Action::Export, |t| t.ui.k_export));
    v.push(b(key(KeyCode::Esc), Action::Back, |t| t.ui.k_back));
    v.push(h(ctrl('s'), Action::SaveNow, |t| t.ui.k_save_now));
    for (i, phase) in Phase::ALL.iter().enumerate() {
        let f = key(KeyCode::F(5 + i as u8));
        let alt = with(KeyCode::Char(char::from(b'1' + i as u8)), KeyModifiers::ALT);
        if i == 0 {
            v.push(shown(
                h(f, Action::GoToPhase(*phase), |t| t.ui.k_go_to_phase),
                "F5–F10, Alt+1–6",
            ));
        } else {
            v.push(silent(f, Action::GoToPhase(*phase)));
        }
        v.push(silent(alt, Action::GoToPhase(*phase)));
    }
    v
}

/// The action for a key press in the current context.
pub fn map_key(app: &App, e: KeyEvent) -> Option<Action> {
    action_for(context(app), e)
}

/// The action for a key press in `ctx`: its binding, else typing into the text field or
/// the filter.
pub fn action_for(ctx: Context, e: KeyEvent) -> Option<Action> {
    if let Some(b) = bindings(ctx).into_iter().find(|b| b.key.matches(&e)) {
        return b.action;
    }
    let plain = !e
        .modifiers
        .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
    match (ctx, e.code) {
        (_, KeyCode::Char(c)) if plain && ctx.filters() => Some(Action::FilterChar(c)),
        // On a choice, typing opens its list and searches it.
        (
            Context::Form {
                kind: FieldKind::Choice,
                read_only: false,
                ..
            },
            KeyCode::Char(c),
        ) if plain && !c.is_whitespace() => Some(Action::FilterChar(c)),
        // Elsewhere a typed character is not silently lost: the form says where it went.
        (
            Context::Form {
                kind,
                read_only: false,
                ..
            },
            KeyCode::Char(_),
        ) if plain && !kind.is_text() && kind != FieldKind::Choice => Some(Action::TextInput(e)),
        _ if ctx.takes_text() && is_editing_key(&e) => Some(Action::TextInput(e)),
        // Typing into a read-only text: refused with the reason (moving is fine, and does
        // nothing here).
        (
            Context::Form {
                kind,
                read_only: true,
                ..
            },
            KeyCode::Char(_) | KeyCode::Backspace | KeyCode::Delete,
        ) if plain && kind.is_text() => Some(Action::TextInput(e)),
        _ => None,
    }
}

/// Keys a text field acts on (see `TextField::key`).
fn is_editing_key(e: &KeyEvent) -> bool {
    let alt = e.modifiers.contains(KeyModifiers::ALT);
    let ctrl = e.modifiers.contains(KeyModifiers::CONTROL);
    match e.code {
        KeyCode::Char(_) => !alt && !ctrl,
        KeyCode::Backspace
        | KeyCode::Delete
        | KeyCode::Left
        | KeyCode::Right
        | KeyCode::Home
        | KeyCode::End
        | KeyCode::Up
        | KeyCode::Down
        | KeyCode::Enter => true,
        _ => false,
    }
}

/// The footer: key name and what it does, in the order of the key table.
/// Each with its action, so a click on it does what the key does (typing has none).
pub fn hints(app: &App) -> Vec<(String, &'static str, Option<Action>)> {
    let t = app.lang.texts();
    bindings(context(app))
        .into_iter()
        .filter(|b| b.footer)
        .filter_map(|b| b.describe.map(|d| (b.name_in(t), d(t), b.action.clone())))
        .collect()
}

/// The key bound to `action` in `ctx`, with what it does: for screens that offer one
/// action prominently (the empty library offers the demo and a new session).
pub fn key_for(ctx: Context, action: &Action, t: &Texts) -> Option<(String, &'static str)> {
    bindings(ctx)
        .into_iter()
        .find(|b| b.action.as_ref() == Some(action))
        .and_then(|b| b.describe.map(|d| (b.name_in(t), d(t))))
}

/// The help of a context: every key that is described, in the order of its table.
pub fn help(ctx: Context, t: &Texts) -> Vec<(String, &'static str)> {
    bindings(ctx)
        .into_iter()
        .filter_map(|b| b.describe.map(|d| (b.name_in(t), d(t))))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ctrl_q_quits_in_every_context() {
        let e = KeyEvent::new(KeyCode::Char('q'), KeyModifiers::CONTROL);
        for ctx in Context::all() {
            assert_eq!(action_for(ctx, e), Some(Action::Quit), "{ctx:?}");
        }
    }

    #[test]
    fn a_text_field_gets_letters_not_commands() {
        for kind in [FieldKind::Text, FieldKind::MultiLine] {
            let ctx = Context::Form {
                kind,
                in_list: true,
                read_only: false,
                at_top: true,
                at_bottom: true,
            };
            for c in ['q', 'n', 'd', 's', 'j', '1', ' '] {
                let e = KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
                assert_eq!(
                    action_for(ctx, e),
                    Some(Action::TextInput(e)),
                    "{c} is typed"
                );
            }
        }
    }

    #[test]
    fn every_key_a_footer_or_the_help_names_does_something_there() {
        let t = crate::i18n::Lang::Nl.texts();
        for ctx in Context::all() {
            for b in bindings(ctx) {
                if b.key == TYPING {
                    // Typing: a letter must reach the field or the filter.
                    let e = KeyEvent::new(KeyCode::Char('x'), KeyModifiers::NONE);
                    assert!(
                        matches!(
                            action_for(ctx, e),
                            Some(Action::TextInput(_) | Action::FilterChar('x'))
                        ),
                        "{ctx:?}: typing is offered but goes nowhere"
                    );
                    continue;
                }
                let e = KeyEvent::new(b.key.code, b.key.mods);
                let got = action_for(ctx, e);
                assert!(got.is_some(), "{ctx:?}: {} does nothing", b.key.name());
                if b.describe.is_some() {
                    assert!(!b.name().is_empty());
                }
            }
            // Each key appears once: a table never binds a key twice.
            let keys: Vec<Key> = bindings(ctx).iter().map(|b| b.key).collect();
            for (i, k) in keys.iter().enumerate() {
                assert!(
                    !keys[i + 1..].contains(k),
                    "{ctx:?}: {} bound twice",
                    k.name()
                );
            }
            assert!(!help(ctx, t).is_empty(), "{ctx:?} has help");
        }
    }

    #[test]
    fn an_empty_library_offers_only_what_works_there() {
        let names: Vec<String> = bindings(Context::Library { selected: false })
            .into_iter()
            .filter(|b| b.footer)
            .map(|b| b.name())
            .collect();
        for absent in ["Enter", "Ctrl+F", "Ctrl+K", "Ctrl+D"] {
            assert!(!names.iter().any(|n| n == absent), "{absent} in {names:?}");
        }
        assert!(names.iter().any(|n| n == "Ctrl+N") && names.iter().any(|n| n == "Ctrl+L"));
    }

    #[test]
    fn choices_cycle_the_same_way_everywhere() {
        let right = KeyEvent::new(KeyCode::Right, KeyModifiers::NONE);
        let space = KeyEvent::new(KeyCode::Char(' '), KeyModifiers::NONE);
        let form = Context::Form {
            kind: FieldKind::Choice,
            in_list: false,
            read_only: false,
            at_top: true,
            at_bottom: true,
        };
        let prices = Context::PriceEdit {
            choice: true,
            confirm: false,
        };
        assert_eq!(action_for(form, right), Some(Action::ChoiceNext));
        assert_eq!(action_for(prices, right), Some(Action::ChoiceNext));
        assert_eq!(action_for(form, space), action_for(prices, space));
    }

    #[test]
    fn key_names_read_well() {
        assert_eq!(ctrl('q').name(), "Ctrl+Q");
        assert_eq!(CTRL_PGDN.name(), "Ctrl+PgDn");
        assert_eq!(TYPING.name(), "a–z");
    }
}
