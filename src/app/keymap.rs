//! Keys to actions, per context. The footer's key hints are generated from the same
//! tables, so what the footer says is what the keys do.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::Action;
use super::form::{FieldId, FieldKind};
use super::state::{App, Screen};
use crate::i18n::Texts;
use crate::model::Phase;

/// Where the keys go right now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    Help,
    Library,
    ConfirmDelete,
    Compare,
    Prices,
    PriceEdit {
        choice: bool,
    },
    Form {
        kind: FieldKind,
        in_list: bool,
        read_only: bool,
    },
    TableView,
    Picker,
    Quote,
    ConfirmRemove,
}

pub fn context(app: &App) -> Context {
    if app.help_open {
        return Context::Help;
    }
    match &app.screen {
        Screen::Library(l) if l.confirm_delete.is_some() => Context::ConfirmDelete,
        Screen::Library(_) => Context::Library,
        Screen::Compare(_) => Context::Compare,
        Screen::Prices(p) if p.confirm_remove.is_some() => Context::ConfirmRemove,
        Screen::Prices(p) => match &p.edit {
            Some(e) => Context::PriceEdit {
                choice: super::prices::PriceField::ALL[e.field].is_choice(),
            },
            None => Context::Prices,
        },
        Screen::Session(v) if v.quote.is_some() => Context::Quote,
        Screen::Session(v) if v.picker.is_some() => Context::Picker,
        Screen::Session(v) if v.confirm_remove.is_some() => Context::ConfirmRemove,
        Screen::Session(v) if v.table_view => Context::TableView,
        Screen::Session(v) => {
            let focused = v.focused();
            Context::Form {
                kind: focused.map_or(FieldKind::Display, FieldId::kind),
                in_list: focused.and_then(FieldId::list_item).is_some(),
                read_only: v.read_only.is_some(),
            }
        }
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

const fn ctrl(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        mods: KeyModifiers::CONTROL,
    }
}

impl Key {
    fn matches(self, e: &KeyEvent) -> bool {
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

/// A key, what it does, and the footer text for it (none: not shown in the footer).
pub struct Binding {
    pub key: Key,
    /// The action; `None` for keys handled by the focused field itself (shown as hints).
    pub action: Option<Action>,
    pub hint: Option<fn(&Texts) -> &'static str>,
}

fn b(key: Key, action: Action, hint: fn(&Texts) -> &'static str) -> Binding {
    Binding {
        key,
        action: Some(action),
        hint: Some(hint),
    }
}

fn silent(key: Key, action: Action) -> Binding {
    Binding {
        key,
        action: Some(action),
        hint: None,
    }
}

fn field_hint(key: Key, hint: fn(&Texts) -> &'static str) -> Binding {
    Binding {
        key,
        action: None,
        hint: Some(hint),
    }
}

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
        Context::ConfirmDelete | Context::ConfirmRemove => vec![
            b(key(KeyCode::Char('j')), Action::Confirm(true), |t| {
                t.ui.k_yes
            }),
            silent(key(KeyCode::Char('y')), Action::Confirm(true)),
            silent(key(KeyCode::Enter), Action::Confirm(true)),
            silent(ctrl('d'), Action::Confirm(true)),
            b(key(KeyCode::Char('n')), Action::Confirm(false), |t| {
                t.ui.k_no
            }),
            silent(key(KeyCode::Esc), Action::Confirm(false)),
            quit,
        ],
        Context::Library => vec![
            quit,
            help,
            b(key(KeyCode::Enter), Action::OpenSelected, |t| t.ui.k_open),
            b(ctrl('n'), Action::NewSession, |t| t.ui.k_new),
            b(ctrl('f'), Action::FollowUpSelected, |t| t.ui.k_follow_up),
            b(ctrl('k'), Action::CompareSelected, |t| t.ui.k_compare),
            b(ctrl('p'), Action::OpenPrices, |t| t.ui.k_prices),
            b(ctrl('d'), Action::DeleteSelected, |t| t.ui.k_delete),
            b(ctrl('l'), Action::LoadDemo, |t| t.ui.k_demo),
            silent(key(KeyCode::Up), Action::SelectUp),
            silent(key(KeyCode::Down), Action::SelectDown),
            silent(key(KeyCode::Esc), Action::Back),
        ],
        Context::Compare => vec![
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
            silent(key(KeyCode::Up), Action::SelectUp),
            silent(key(KeyCode::Down), Action::SelectDown),
            b(key(KeyCode::Esc), Action::Back, |t| t.ui.k_back),
            field_hint(key(KeyCode::Char('a')), |t| t.ui.k_type_to_filter),
        ],
        Context::PriceEdit { choice } => {
            let mut v = vec![
                quit,
                b(key(KeyCode::Tab), Action::NextField, |t| t.ui.k_next_field),
                silent(key(KeyCode::BackTab), Action::PrevField),
                b(key(KeyCode::Esc), Action::Back, |t| t.ui.k_save_close),
                silent(ctrl('s'), Action::SaveNow),
            ];
            if choice {
                v.push(field_hint(key(KeyCode::Left), |t| t.ui.k_cycle));
            } else {
                v.push(field_hint(ctrl('z'), |t| t.ui.k_undo));
            }
            v
        }
        Context::Picker => vec![
            b(key(KeyCode::Enter), Action::OpenSelected, |t| t.ui.k_choose),
            b(key(KeyCode::Esc), Action::Back, |t| t.ui.k_close),
            silent(key(KeyCode::Up), Action::SelectUp),
            silent(key(KeyCode::Down), Action::SelectDown),
            silent(key(KeyCode::Tab), Action::SelectDown),
            silent(key(KeyCode::BackTab), Action::SelectUp),
            field_hint(key(KeyCode::Char('a')), |t| t.ui.k_type_to_filter),
            quit,
        ],
        Context::Quote => vec![
            field_hint(key(KeyCode::Enter), |t| t.ui.k_save_quote),
            b(key(KeyCode::Tab), Action::NextField, |t| {
                t.ui.k_speaker_words
            }),
            silent(key(KeyCode::BackTab), Action::PrevField),
            b(key(KeyCode::Esc), Action::Back, |t| t.ui.k_close_keep),
            quit,
        ],
        Context::TableView => vec![
            b(key(KeyCode::Esc), Action::Back, |t| t.ui.k_close),
            silent(key(KeyCode::F(4)), Action::ToggleTableView),
            b(
                Key {
                    code: KeyCode::PageDown,
                    mods: KeyModifiers::CONTROL,
                },
                Action::NextPhase,
                |t| t.ui.k_next_phase,
            ),
            silent(
                Key {
                    code: KeyCode::PageUp,
                    mods: KeyModifiers::CONTROL,
                },
                Action::PrevPhase,
            ),
            quit,
        ],
        Context::Form {
            kind,
            in_list,
            read_only,
        } => {
            let mut v = vec![
                quit,
                help,
                b(key(KeyCode::Tab), Action::NextField, |t| t.ui.k_next_field),
                silent(key(KeyCode::BackTab), Action::PrevField),
                b(
                    Key {
                        code: KeyCode::PageDown,
                        mods: KeyModifiers::CONTROL,
                    },
                    Action::NextPhase,
                    |t| t.ui.k_next_phase,
                ),
                b(key(KeyCode::PageDown), Action::PageDown, |t| {
                    t.ui.k_next_part
                }),
                silent(key(KeyCode::PageUp), Action::PageUp),
                silent(
                    Key {
                        code: KeyCode::PageUp,
                        mods: KeyModifiers::CONTROL,
                    },
                    Action::PrevPhase,
                ),
            ];
            if !read_only {
                match kind {
                    FieldKind::Choice => {
                        v.push(field_hint(key(KeyCode::Left), |t| t.ui.k_cycle));
                        v.push(b(key(KeyCode::Enter), Action::OpenPicker, |t| t.ui.k_list));
                    }
                    FieldKind::Toggle => {
                        v.push(field_hint(key(KeyCode::Char(' ')), |t| t.ui.k_toggle));
                    }
                    FieldKind::Score => {
                        v.push(field_hint(key(KeyCode::Left), |t| t.ui.k_score));
                    }
                    FieldKind::Button => {
                        v.push(b(key(KeyCode::Enter), Action::OpenPicker, |t| t.ui.k_add));
                    }
                    FieldKind::MultiLine => {
                        v.push(field_hint(key(KeyCode::Enter), |t| t.ui.k_newline));
                    }
                    _ => {}
                }
                if kind.is_text() {
                    v.push(field_hint(ctrl('z'), |t| t.ui.k_undo));
                }
                if in_list {
                    v.push(b(ctrl('n'), Action::AddItem, |t| t.ui.k_add));
                    v.push(b(ctrl('d'), Action::RemoveItem, |t| t.ui.k_remove));
                    v.push(b(
                        Key {
                            code: KeyCode::Up,
                            mods: KeyModifiers::ALT,
                        },
                        Action::MoveItemUp,
                        |t| t.ui.k_move_up,
                    ));
                    v.push(b(
                        Key {
                            code: KeyCode::Down,
                            mods: KeyModifiers::ALT,
                        },
                        Action::MoveItemDown,
                        |t| t.ui.k_move_down,
                    ));
                }
                v.push(b(key(KeyCode::F(3)), Action::QuickQuote, |t| t.ui.k_quote));
            }
            v.push(b(key(KeyCode::F(2)), Action::ToggleQuestions, |t| {
                t.ui.k_questions
            }));
            v.push(b(key(KeyCode::F(4)), Action::ToggleTableView, |t| {
                t.ui.k_table_view
            }));
            v.push(b(ctrl('e'), Action::Export, |t| t.ui.k_export));
            v.push(b(key(KeyCode::Esc), Action::Back, |t| t.ui.k_back));
            v.push(silent(ctrl('s'), Action::SaveNow));
            for (i, phase) in Phase::ALL.iter().enumerate() {
                v.push(silent(
                    key(KeyCode::F(5 + i as u8)),
                    Action::GoToPhase(*phase),
                ));
                v.push(silent(
                    Key {
                        code: KeyCode::Char(char::from(b'1' + i as u8)),
                        mods: KeyModifiers::ALT,
                    },
                    Action::GoToPhase(*phase),
                ));
            }
            v
        }
    }
}

/// The action for a key press in the current context.
pub fn map_key(app: &App, e: KeyEvent) -> Option<Action> {
    let ctx = context(app);
    if let Some(action) = bindings(ctx)
        .into_iter()
        .find(|b| b.key.matches(&e))
        .and_then(|b| b.action)
    {
        return Some(action);
    }
    let plain = !e
        .modifiers
        .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
    match ctx {
        Context::Library | Context::Picker | Context::Prices => match e.code {
            KeyCode::Char(c) if plain => Some(Action::FilterChar(c)),
            KeyCode::Backspace => Some(Action::FilterBackspace),
            _ => None,
        },
        Context::Form { .. } | Context::Quote | Context::PriceEdit { .. } => {
            Some(Action::FieldKey(e))
        }
        _ => None,
    }
}

/// The footer: key name and what it does, in the order of the key table.
pub fn hints(app: &App) -> Vec<(String, &'static str)> {
    let t = app.lang.texts();
    bindings(context(app))
        .into_iter()
        .filter_map(|b| b.hint.map(|h| (b.key.name(), h(t))))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ctrl_q_quits_in_every_context() {
        let contexts = [
            Context::Help,
            Context::Library,
            Context::ConfirmDelete,
            Context::Form {
                kind: FieldKind::Text,
                in_list: false,
                read_only: false,
            },
            Context::TableView,
            Context::Picker,
            Context::Quote,
            Context::ConfirmRemove,
        ];
        let e = KeyEvent::new(KeyCode::Char('q'), KeyModifiers::CONTROL);
        for ctx in contexts {
            let action = bindings(ctx)
                .into_iter()
                .find(|b| b.key.matches(&e))
                .and_then(|b| b.action);
            assert_eq!(action, Some(Action::Quit), "{ctx:?}");
        }
    }

    #[test]
    fn a_text_field_gets_letters_not_commands() {
        let ctx = Context::Form {
            kind: FieldKind::Text,
            in_list: true,
            read_only: false,
        };
        for c in ['q', 'n', 'd', 's', 'j'] {
            let e = KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
            assert!(
                bindings(ctx).iter().all(|b| !b.key.matches(&e)),
                "{c} is typed, not a command"
            );
        }
    }

    #[test]
    fn key_names_read_well() {
        assert_eq!(ctrl('q').name(), "Ctrl+Q");
        assert_eq!(
            Key {
                code: KeyCode::PageDown,
                mods: KeyModifiers::CONTROL
            }
            .name(),
            "Ctrl+PgDn"
        );
    }
}
