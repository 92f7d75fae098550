//! The participant's handout, seen before it is written (Ctrl+G): every line of it, each
//! kept or left out with Space; Enter writes the page into `<data-dir>/exports/`.

use crate::app::action::{Action, Click};
use crate::app::screens::session::Overlay;
use crate::app::state::{App, Level, Screen};
use crate::report::handout::Handout;

pub struct HandoutPreview {
    pub handout: Handout,
    pub selected: usize,
}

/// Opens the preview of the open session's handout.
pub(crate) fn open(app: &mut App) {
    let lang = app.lang;
    if let Screen::Session(v) = &mut app.screen {
        v.overlay = Some(Overlay::Handout {
            preview: HandoutPreview {
                handout: Handout::of(&v.session, lang),
                selected: 0,
            },
            over_table: v.table_view(),
        });
    }
}

pub(crate) fn handle(app: &mut App, action: Action) {
    let Screen::Session(v) = &mut app.screen else {
        return;
    };
    let Some(Overlay::Handout { preview: p, .. }) = &mut v.overlay else {
        return;
    };
    let n = p.handout.lines.len();
    match action {
        Action::SelectDown | Action::NextField if n > 0 => p.selected = (p.selected + 1).min(n - 1),
        Action::SelectUp | Action::PrevField => p.selected = p.selected.saturating_sub(1),
        Action::Click(Click::Row(i)) if i < n => {
            if p.selected == i {
                p.handout.lines[i].keep = !p.handout.lines[i].keep;
            }
            p.selected = i;
        }
        Action::Toggle => {
            if let Some(l) = p.handout.lines.get_mut(p.selected) {
                l.keep = !l.keep;
            }
        }
        Action::WriteHandout => write(app),
        Action::Back | Action::ToggleHandout => v.close_overlay(),
        _ => {}
    }
}

/// Writes the page with the lines kept, and closes the preview.
fn write(app: &mut App) {
    let lang = app.lang;
    let Screen::Session(v) = &mut app.screen else {
        return;
    };
    let Some(p) = v.handout() else { return };
    let html = p.handout.html();
    v.close_overlay();
    let name = crate::report::export::suggested_name(
        &v.session,
        crate::report::export::Format::Handout,
        false,
    );
    let sessions = [v.session.id];
    let kind = v.session.wave_label();
    match crate::app::export::write_export(app, (&name, &kind), &html, &sessions) {
        Ok(path) => {
            let text = crate::app::export::written_message(
                app,
                &path,
                (lang.texts().handout.written)(&path.display()),
            );
            app.say(Level::Info, text);
        }
        Err(e) => app.say(
            Level::Error,
            format!("{} {e}", lang.texts().ui.export_failed),
        ),
    }
}
