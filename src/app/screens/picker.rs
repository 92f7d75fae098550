//! The list to choose a value of a choice field from (Enter on a choice), filtered as
//! you type.

use crate::app::action::Action;
use crate::app::form::{self, FieldId};
use crate::app::screens::session::Overlay;
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
    let Some(Overlay::Picker(p)) = &mut v.overlay else {
        return;
    };
    let (choices, _) = form::choices::with_current(&v.session, p.field, lang);
    let visible = filtered(&choices, &p.filter);
    match action {
        Action::Back => v.overlay = None,
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
            v.overlay = None;
            app.changed();
            super::session::ask_about_off_record(app, field);
        }
        Action::OpenSelected | Action::Confirm(true) => {
            let field = p.field;
            if let Some(index) = visible.get(p.selected).copied() {
                form::set_choice(&mut v.session, field, index, env);
                v.overlay = None;
                app.changed();
                super::session::ask_about_off_record(app, field);
            }
        }
        _ => {}
    }
}

/// The options that hold every word of the filter, best match first (see
/// [`crate::app::search`]).
/// The choices that match `filter`, best first. The "none" choice goes after the others
/// unless it is what was typed: "geen" in a list that starts with "(geen)" means "hield
/// geen stand", not "nothing".
pub fn filtered(choices: &[form::choices::Choice], filter: &str) -> Vec<usize> {
    let labels: Vec<String> = choices.iter().map(form::choices::Choice::text).collect();
    let mut found = crate::app::search::ranked(&labels, filter);
    if !filter.trim().is_empty()
        && let Some(pos) = found.iter().position(|i| choices[*i].id.is_none())
        && crate::app::search::rank(filter, &labels[found[pos]])
            != Some(crate::app::search::Rank::Exact)
    {
        let none = found.remove(pos);
        found.push(none);
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::form::choices::Choice;

    #[test]
    fn the_none_choice_comes_last_unless_it_is_what_was_typed() {
        let choice = |id: Option<&str>, label: &str| Choice {
            id: id.map(str::to_string),
            label: label.into(),
            ..Choice::default()
        };
        let held = [
            choice(None, "(geen)"),
            choice(Some("held"), "hield stand"),
            choice(Some("not_held"), "hield geen stand"),
            choice(Some("unknown"), "onbekend"),
        ];
        assert_eq!(filtered(&held, "geen"), vec![2, 0]);
        assert_eq!(filtered(&held, "(geen)")[0], 0);
        assert_eq!(
            filtered(&held, ""),
            vec![0, 1, 2, 3],
            "no filter, no change"
        );
    }
}
