//! The comparison of two sessions (Ctrl+K in the library): what it keeps, and its keys.

use std::path::Path;

use crate::app::action::Action;
use crate::app::state::{App, Level, Screen};
use crate::app::update::cannot_open;
use crate::store;

/// Two sessions side by side (chosen in the library).
pub struct CompareView {
    pub comparison: crate::model::compare::Comparison,
    /// The two sessions, for the walls of the HTML report (Ctrl+E).
    pub sessions: [crate::model::Session; 2],
    /// Lines scrolled in the lower part (costs, events, words).
    pub scroll: crate::app::scroll::Scroll,
}

pub(crate) fn open_comparison(app: &mut App, a: &Path, b: &Path) {
    match (store::load(a), store::load(b)) {
        (Ok(a), Ok(b)) => {
            let comparison = crate::model::compare::compare(&a.session, &b.session);
            if !comparison.same_series {
                app.say(Level::Warning, app.lang.texts().ui.cmp_other_series);
            }
            app.screen = Screen::Compare(Box::new(CompareView {
                comparison,
                sessions: [a.session, b.session],
                scroll: crate::app::scroll::Scroll::default(),
            }));
        }
        (Err(e), _) | (_, Err(e)) => {
            let text = cannot_open(app.lang, &e);
            app.say(Level::Error, text);
        }
    }
}

pub(crate) fn handle(app: &mut App, action: Action) {
    let Screen::Compare(c) = &mut app.screen else {
        return;
    };
    match action {
        ref a if c.scroll.apply(a) => {}
        Action::Back => app.show_library(),
        _ => {}
    }
}
