//! The price-list screen (Ctrl+P in the library): the starter list merged with the user's
//! own prices, searchable; an item can be edited or a new one added, and the user's own
//! list is written to `<data-dir>/prices.json`. Sessions keep their own copy of the
//! prices; the cost phase offers to re-price a session to the current list.

use crate::app::action::Action;
use crate::app::state::{App, Level, Screen};
use crate::app::text_field::{Edit, TextField};
use crate::catalog::{self, Catalog};
use crate::i18n::{Lang, Texts};
use crate::model::dates::PartialDate;
use crate::model::money::parse_amount;
use crate::model::{PriceItem, PriceList, Unit, next_id};

/// The fields of a price item, in Tab order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PriceField {
    LabelNl,
    LabelEn,
    Unit,
    Amount,
    Year,
    Payer,
    SourceTitle,
    SourceUrl,
    SourceNote,
}

impl PriceField {
    pub const ALL: [PriceField; 9] = [
        PriceField::LabelNl,
        PriceField::LabelEn,
        PriceField::Unit,
        PriceField::Amount,
        PriceField::Year,
        PriceField::Payer,
        PriceField::SourceTitle,
        PriceField::SourceUrl,
        PriceField::SourceNote,
    ];

    pub fn is_choice(self) -> bool {
        matches!(self, PriceField::Unit | PriceField::Payer)
    }

    pub fn label(self, t: &Texts) -> &'static str {
        match self {
            PriceField::LabelNl => t.ui.pl_label_nl,
            PriceField::LabelEn => t.ui.pl_label_en,
            PriceField::Unit => t.ui.unit,
            PriceField::Amount => t.ui.pl_amount,
            PriceField::Year => t.ui.pl_year,
            PriceField::Payer => t.ui.pl_default_payer,
            PriceField::SourceTitle => t.ui.pl_source,
            PriceField::SourceUrl => t.ui.pl_link,
            PriceField::SourceNote => t.ui.pl_note,
        }
    }
}

/// An item being edited.
#[derive(Debug, Clone)]
pub struct PriceEdit {
    pub draft: PriceItem,
    /// The item as it was when the form opened: Esc asks before throwing changes away.
    pub original: PriceItem,
    /// Esc was pressed with changes: asking whether to throw them away.
    pub confirm_discard: bool,
    pub is_new: bool,
    pub field: usize,
    pub editor: Option<TextField>,
    pub error: Option<String>,
}

pub struct PricesView {
    /// The user's own list, as in the data dir.
    pub own: PriceList,
    pub filter: String,
    pub selected: usize,
    pub edit: Option<PriceEdit>,
    pub confirm_remove: Option<String>,
}

impl PricesView {
    /// Indexes into the catalog's merged list that match the filter, best match first.
    pub fn rows(&self, catalog: &Catalog, lang: Lang) -> Vec<usize> {
        let rows: Vec<String> = catalog
            .prices
            .items
            .iter()
            .map(|i| format!("{} {} {}", i.id, i.label.get(lang), i.source.title))
            .collect();
        crate::app::search::ranked(&rows, &self.filter)
    }

    pub fn is_own(&self, id: &str) -> bool {
        self.own.items.iter().any(|i| i.id == id)
    }
}

/// The text of a text field of a price item.
pub fn field_text(item: &PriceItem, f: PriceField, lang: Lang) -> String {
    match f {
        PriceField::LabelNl => item.label.nl.clone(),
        PriceField::LabelEn => item.label.en.clone(),
        PriceField::Amount => item
            .amount_cents
            .map(|c| c.display(lang))
            .unwrap_or_default(),
        PriceField::Year => item.price_year.map(|y| y.to_string()).unwrap_or_default(),
        PriceField::SourceTitle => item.source.title.clone(),
        PriceField::SourceUrl => item.source.url.clone(),
        PriceField::SourceNote => item.source.note.clone(),
        PriceField::Unit | PriceField::Payer => String::new(),
    }
}

fn set_field(item: &mut PriceItem, f: PriceField, text: &str, lang: Lang) -> Result<(), String> {
    let t = lang.texts();
    let trimmed = text.trim();
    match f {
        PriceField::LabelNl => item.label.nl = text.to_string(),
        PriceField::LabelEn => item.label.en = text.to_string(),
        PriceField::Amount => {
            item.amount_cents = if trimmed.is_empty() {
                None
            } else {
                let c = parse_amount(trimmed, lang.decimal_separator())
                    .map_err(|_| (t.ui.not_an_amount)(&trimmed))?;
                if c.0 < 0 {
                    return Err((t.ui.not_an_amount)(&trimmed));
                }
                Some(c)
            };
        }
        PriceField::Year => {
            item.price_year = if trimmed.is_empty() {
                None
            } else {
                match PartialDate::parse_human(trimmed) {
                    Ok(PartialDate::Year(y)) => Some(y),
                    _ => return Err((t.ui.pl_not_a_year)(&trimmed)),
                }
            };
        }
        PriceField::SourceTitle => item.source.title = text.to_string(),
        PriceField::SourceUrl => item.source.url = text.to_string(),
        PriceField::SourceNote => item.source.note = text.to_string(),
        PriceField::Unit | PriceField::Payer => {}
    }
    Ok(())
}

/// Options of a choice field and the current index.
pub fn choice(
    item: &PriceItem,
    f: PriceField,
    catalog: &Catalog,
    lang: Lang,
) -> (Vec<String>, usize) {
    let t = lang.texts();
    match f {
        PriceField::Unit => (
            t.units.iter().map(|u| (*u).to_string()).collect(),
            Unit::ALL.iter().position(|u| *u == item.unit).unwrap_or(0),
        ),
        _ => {
            let mut labels = vec![t.ui.none.to_string()];
            labels.extend(catalog.payers.iter().map(|p| p.label.get(lang).to_string()));
            let idx = item
                .default_payer
                .as_deref()
                .and_then(|id| catalog.payers.iter().position(|p| p.id == id))
                .map_or(0, |p| p + 1);
            (labels, idx)
        }
    }
}

impl PriceEdit {
    /// Applies an edit to the focused text field and writes the text into the draft; text
    /// that is not a valid value is kept in the field with the reason.
    fn edit_text(&mut self, lang: Lang, edit: impl FnOnce(&mut TextField) -> Edit) -> Edit {
        let f = PriceField::ALL[self.field];
        let Some(ed) = self.editor.as_mut() else {
            return Edit::Ignored;
        };
        let result = edit(ed);
        if result == Edit::Changed {
            let text = ed.text();
            self.error = set_field(&mut self.draft, f, &text, lang).err();
        }
        result
    }
}

fn open_field_editor(edit: &mut PriceEdit, lang: Lang) {
    let f = PriceField::ALL[edit.field];
    edit.editor =
        (!f.is_choice()).then(|| TextField::new(&field_text(&edit.draft, f, lang), false));
}

impl App {
    pub fn open_prices(&mut self) {
        match catalog::load_own_prices(self.library.root()) {
            Ok(own) => {
                self.screen = Screen::Prices(Box::new(PricesView {
                    own,
                    filter: String::new(),
                    selected: 0,
                    edit: None,
                    confirm_remove: None,
                }));
            }
            Err(e) => self.say(
                Level::Error,
                format!("{} {e}", self.lang.texts().ui.override_ignored),
            ),
        }
    }
}

/// Writes the user's list and reloads the catalog so new sessions use it.
fn store_own(app: &mut App) -> bool {
    let t = app.lang.texts();
    let Screen::Prices(v) = &mut app.screen else {
        return false;
    };
    if v.own.name.is_empty() {
        v.own.name = t.ui.pl_own_name.to_string();
    }
    match catalog::save_own_prices(app.library.root(), &v.own) {
        Ok(()) => {
            app.catalog = Catalog::load(app.library.root());
            true
        }
        Err(e) => {
            app.say(Level::Error, format!("{} {e}", t.ui.not_saved));
            false
        }
    }
}

pub fn handle(app: &mut App, action: Action) {
    let lang = app.lang;
    let t = lang.texts();
    let Screen::Prices(v) = &mut app.screen else {
        return;
    };
    if let Some(id) = v.confirm_remove.clone() {
        v.confirm_remove = None;
        if matches!(action, Action::Confirm(true) | Action::RemoveItem) {
            v.own.items.retain(|i| i.id != id);
            if store_own(app) {
                app.say(Level::Info, t.ui.pl_removed);
            }
        }
        return;
    }
    if v.edit.is_some() {
        return edit_action(app, action);
    }
    let rows = v.rows(&app.catalog, lang);
    match action {
        Action::SelectUp => v.selected = v.selected.saturating_sub(1),
        Action::SelectDown => v.selected = (v.selected + 1).min(rows.len().saturating_sub(1)),
        // A click selects a row; a click on the selected row opens it, as Enter does.
        Action::Click(crate::app::action::Click::Row(n)) if n < rows.len() => {
            if v.selected == n {
                return handle(app, Action::OpenSelected);
            }
            v.selected = n;
        }
        Action::FilterChar(c) => {
            v.filter.push(c);
            v.selected = 0;
        }
        Action::FilterBackspace => {
            v.filter.pop();
            v.selected = 0;
        }
        Action::ClearFilter => {
            v.filter.clear();
            v.selected = 0;
        }
        Action::OpenSelected => {
            if let Some(item) = rows
                .get(v.selected)
                .map(|i| app.catalog.prices.items[*i].clone())
            {
                let mut edit = PriceEdit {
                    original: item.clone(),
                    confirm_discard: false,
                    draft: item,
                    is_new: false,
                    field: 0,
                    editor: None,
                    error: None,
                };
                open_field_editor(&mut edit, lang);
                v.edit = Some(edit);
            }
        }
        Action::AddItem => {
            let id = next_id(
                "EIGEN-",
                app.catalog.prices.items.iter().map(|i| i.id.as_str()),
            );
            let draft = PriceItem {
                id,
                ..PriceItem::default()
            };
            let mut edit = PriceEdit {
                original: draft.clone(),
                confirm_discard: false,
                draft,
                is_new: true,
                field: 0,
                editor: None,
                error: None,
            };
            open_field_editor(&mut edit, lang);
            v.edit = Some(edit);
        }
        Action::RemoveItem => {
            if let Some(item) = rows.get(v.selected).map(|i| &app.catalog.prices.items[*i]) {
                if v.is_own(&item.id) {
                    v.confirm_remove = Some(item.id.clone());
                } else {
                    app.say(Level::Warning, t.ui.pl_builtin_stays);
                }
            }
        }
        Action::Back => {
            if v.filter.is_empty() {
                app.show_library();
            } else {
                v.filter.clear();
            }
        }
        _ => {}
    }
}

fn edit_action(app: &mut App, action: Action) {
    let lang = app.lang;
    let Screen::Prices(v) = &mut app.screen else {
        return;
    };
    let Some(edit) = v.edit.as_mut() else { return };
    if edit.confirm_discard {
        match action {
            Action::Confirm(true) => v.edit = None,
            Action::Confirm(false) | Action::Back => edit.confirm_discard = false,
            _ => {}
        }
        return;
    }
    let move_to = |edit: &mut PriceEdit, to: usize| {
        edit.field = to % PriceField::ALL.len();
        edit.error = None;
        open_field_editor(edit, lang);
    };
    match action {
        Action::NextField => move_to(edit, edit.field + 1),
        Action::Click(crate::app::action::Click::Row(n))
            if n < PriceField::ALL.len() && n != edit.field =>
        {
            move_to(edit, n);
        }
        Action::PrevField => move_to(edit, edit.field + PriceField::ALL.len() - 1),
        Action::Paste(text) => {
            edit.edit_text(lang, |ed| ed.paste(&text));
        }
        Action::TextInput(key) => {
            edit.edit_text(lang, |ed| ed.key(key));
        }
        Action::ChoiceNext | Action::ChoicePrev => {
            let f = PriceField::ALL[edit.field];
            let (options, current) = choice(&edit.draft, f, &app.catalog, lang);
            let n = options.len().max(1);
            let next = if action == Action::ChoiceNext {
                (current + 1) % n
            } else {
                (current + n - 1) % n
            };
            match f {
                PriceField::Unit => edit.draft.unit = Unit::ALL[next.min(Unit::ALL.len() - 1)],
                _ => {
                    edit.draft.default_payer = next
                        .checked_sub(1)
                        .and_then(|i| app.catalog.payers.get(i))
                        .map(|p| p.id.clone());
                }
            }
        }
        Action::SaveNow => finish_edit(app),
        // Esc cancels: at once when nothing changed, else after asking.
        Action::Back => {
            if edit.draft == edit.original {
                v.edit = None;
            } else {
                edit.confirm_discard = true;
            }
        }
        _ => {}
    }
}

/// Leaves the item form: a valid item is written to the user's list; an invalid one keeps
/// the form open with the reason.
fn finish_edit(app: &mut App) {
    let t = app.lang.texts();
    let Screen::Prices(v) = &mut app.screen else {
        return;
    };
    let Some(edit) = v.edit.as_mut() else { return };
    if let Some(e) = &edit.error {
        let msg = e.clone();
        app.say(Level::Warning, msg);
        return;
    }
    let d = &edit.draft;
    if d.label.nl.trim().is_empty() && d.label.en.trim().is_empty() {
        if edit.is_new {
            v.edit = None; // nothing typed: nothing to keep
            return;
        }
        app.say(Level::Warning, t.ui.pl_needs_label);
        return;
    }
    if d.amount_cents.is_some() && (d.source.title.trim().is_empty() || d.price_year.is_none()) {
        app.say(Level::Warning, t.ui.pl_needs_source);
        return;
    }
    let draft = d.clone();
    let unchanged = app.catalog.prices.item(&draft.id) == Some(&draft);
    v.edit = None;
    if unchanged {
        return;
    }
    match v.own.items.iter_mut().find(|i| i.id == draft.id) {
        Some(i) => *i = draft,
        None => v.own.items.push(draft),
    }
    if store_own(app) {
        app.say(Level::Info, t.ui.pl_saved);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::Start;
    use crate::model::Cents;
    use ratatui::crossterm::event::{KeyCode, KeyModifiers};

    fn typed(app: &mut App, s: &str) {
        for c in s.chars() {
            handle(
                app,
                Action::TextInput(ratatui::crossterm::event::KeyEvent::new(
                    KeyCode::Char(c),
                    KeyModifiers::NONE,
                )),
            );
        }
    }

    #[test]
    fn an_own_price_is_added_with_its_source_and_used_by_new_sessions() {
        let dir = tempfile::tempdir().unwrap();
        let lib = crate::store::Library::open(dir.path()).unwrap();
        let mut app = App::new(
            Lang::Nl,
            crate::model::clock::test_clock(),
            lib.clone(),
            Start::Library,
        );
        app.open_prices();
        handle(&mut app, Action::AddItem);
        typed(&mut app, "Jobcoach, contract 2026");
        for _ in 0..3 {
            handle(&mut app, Action::NextField);
        }
        typed(&mut app, "72,50");
        handle(&mut app, Action::SaveNow);
        assert!(
            app.message.as_ref().unwrap().text.contains("bron"),
            "a price needs a source and year"
        );
        handle(&mut app, Action::NextField);
        typed(&mut app, "2026");
        handle(&mut app, Action::NextField);
        handle(&mut app, Action::NextField);
        typed(&mut app, "Contract gemeente Roermond 2026");
        handle(&mut app, Action::SaveNow);
        let own = catalog::load_own_prices(lib.root()).unwrap();
        assert_eq!(own.items.len(), 1);
        assert_eq!(own.items[0].amount_cents, Some(Cents(7250)));
        assert_eq!(own.items[0].price_year, Some(2026));
        let item = app
            .catalog
            .prices
            .item(&own.items[0].id)
            .expect("the catalog is reloaded");
        assert_eq!(item.source.title, "Contract gemeente Roermond 2026");
    }

    #[test]
    fn a_wrong_amount_keeps_the_form_open_with_the_reason() {
        let dir = tempfile::tempdir().unwrap();
        let lib = crate::store::Library::open(dir.path()).unwrap();
        let mut app = App::new(
            Lang::En,
            crate::model::clock::test_clock(),
            lib,
            Start::Library,
        );
        app.open_prices();
        handle(&mut app, Action::OpenSelected);
        for _ in 0..3 {
            handle(&mut app, Action::NextField);
        }
        typed(&mut app, "abc");
        handle(&mut app, Action::SaveNow);
        let Screen::Prices(v) = &app.screen else {
            panic!()
        };
        assert!(v.edit.is_some(), "still editing");
        assert!(app.message.as_ref().unwrap().text.contains("not an amount"));
    }

    #[test]
    fn esc_cancels_asking_first_when_something_changed() {
        let dir = tempfile::tempdir().unwrap();
        let lib = crate::store::Library::open(dir.path()).unwrap();
        let mut app = App::new(
            Lang::Nl,
            crate::model::clock::test_clock(),
            lib.clone(),
            Start::Library,
        );
        app.open_prices();
        handle(&mut app, Action::OpenSelected);
        handle(&mut app, Action::Back);
        let Screen::Prices(v) = &app.screen else {
            panic!()
        };
        assert!(v.edit.is_none(), "nothing changed: Esc closes at once");
        handle(&mut app, Action::OpenSelected);
        typed(&mut app, "x");
        handle(&mut app, Action::Back);
        let Screen::Prices(v) = &app.screen else {
            panic!()
        };
        assert!(v.edit.as_ref().unwrap().confirm_discard, "asks first");
        handle(&mut app, Action::Confirm(false));
        handle(&mut app, Action::Back);
        handle(&mut app, Action::Confirm(true));
        let Screen::Prices(v) = &app.screen else {
            panic!()
        };
        assert!(v.edit.is_none());
        assert!(
            catalog::load_own_prices(lib.root())
                .unwrap()
                .items
                .is_empty(),
            "nothing was written"
        );
    }
}
