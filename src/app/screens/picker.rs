//! The list to choose a value of a choice field from (Enter on a choice), filtered as
//! you type.

use crate::app::action::Action;
use crate::app::form::{self, FieldId};
use crate::app::state::App;

/// The list shown to choose a value of a choice field.
#[derive(Debug, Clone)]
pub struct Picker {
    pub field: FieldId,
    pub filter: String,
    /// Index into the filtered options.
    pub selected: usize,
}

pub(crate) fn handle(app: &mut App, action: Action) {
    let lang = app.lang;
    let env = app.env();
    let Some(v) = app.session_mut() else { return };
    let Some(p) = v.picker.as_mut() else { return };
    let (options, _) = form::choice(&v.session, p.field, lang);
    let visible = filtered(&options, &p.filter);
    match action {
        Action::Back => v.picker = None,
        Action::SelectUp | Action::PrevField => p.selected = p.selected.saturating_sub(1),
        Action::SelectDown | Action::NextField => {
            p.selected = (p.selected + 1).min(visible.len().saturating_sub(1));
        }
        Action::FilterChar(c) => {
            p.filter.push(c);
            p.selected = 0;
        }
        Action::FilterBackspace => {
            p.filter.pop();
            p.selected = 0;
        }
        Action::ClearFilter => {
            p.filter.clear();
            p.selected = 0;
        }
        // One click on a row chooses it, as a list that drops down does.
        Action::Click(crate::app::action::Click::Row(n)) if n < visible.len() => {
            p.selected = n;
            let field = p.field;
            form::set_choice(&mut v.session, field, visible[n], env);
            v.picker = None;
            app.changed();
        }
        Action::OpenSelected | Action::Confirm(true) => {
            let field = p.field;
            if let Some(index) = visible.get(p.selected).copied() {
                form::set_choice(&mut v.session, field, index, env);
                v.picker = None;
                app.changed();
            }
        }
        _ => {}
    }
}

/// The options that hold every word of the filter, best match first (see
/// [`crate::app::search`]).
pub fn filtered(options: &[String], filter: &str) -> Vec<usize> {
    crate::app::search::ranked(options, filter)
}
