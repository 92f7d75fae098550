//! The mouse: each kind of click target, drawn with `TestBackend` and then clicked where
//! it appears on screen. The keyboard tests elsewhere run without any of this.

mod common;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
use tafel::app::Start;
use tafel::app::form::{FieldId, ListKind};
use tafel::app::state::Screen;
use tafel::app::{Action, App, mouse, update};
use tafel::i18n::Lang;
use tafel::model::Phase;
use tafel::store::Library;

const DEMO_T1: &str = "8d2f6a13-7c4e-4b9a-a5d1-6e0c3f9b2a74";

fn demo_library() -> (tempfile::TempDir, Library) {
    let dir = tempfile::tempdir().unwrap();
    let lib = Library::open(&dir.path().join("data")).unwrap();
    for s in tafel::demo::sessions(&tafel::catalog::Catalog::builtin()) {
        lib.save(&s).unwrap();
    }
    (dir, lib)
}

/// Draws the app at 80×24 (which records the click targets) and returns the screen's
/// cells, row by row.
fn draw(app: &App) -> Vec<Vec<String>> {
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    terminal.draw(|f| tafel::ui::render(f, app)).unwrap();
    let buf = terminal.backend().buffer();
    (0..24)
        .map(|y| (0..80).map(|x| buf[(x, y)].symbol().to_string()).collect())
        .collect()
}

/// Where `text` starts on the screen (column, row).
fn find(screen: &[Vec<String>], text: &str) -> (u16, u16) {
    for (y, row) in screen.iter().enumerate() {
        for x in 0..row.len() {
            if row[x..].concat().starts_with(text) {
                return (x as u16, y as u16);
            }
        }
    }
    let shown: Vec<String> = screen.iter().map(|r| r.concat()).collect();
    panic!("'{text}' is not on screen:\n{}", shown.join("\n"));
}

fn mouse_event(app: &mut App, kind: MouseEventKind, (column, row): (u16, u16)) {
    let e = MouseEvent {
        kind,
        column,
        row,
        modifiers: KeyModifiers::NONE,
    };
    if let Some(action) = mouse::map_mouse(app, e) {
        update(app, action);
    }
}

/// Draws, then clicks on the first character of `text`.
fn click_on(app: &mut App, text: &str) {
    let at = find(&draw(app), text);
    mouse_event(app, MouseEventKind::Down(MouseButton::Left), at);
}

fn session(app: &App) -> &tafel::app::state::SessionView {
    match &app.screen {
        Screen::Session(v) => v,
        _ => panic!("expected the session screen"),
    }
}

fn open_t1(lib: &Library) -> App {
    App::new(
        Lang::Nl,
        common::clock(),
        lib.clone(),
        Start::Open(lib.path_for(DEMO_T1.parse().unwrap())),
    )
}

#[test]
fn a_click_selects_a_library_row_and_a_second_click_opens_it() {
    let (_d, lib) = demo_library();
    let mut app = App::new(Lang::Nl, common::clock(), lib.clone(), Start::Library);
    app.wait_for_library();
    click_on(&mut app, "DEMO-OV-03");
    let Screen::Library(l) = &app.screen else {
        panic!("one click only selects")
    };
    assert_eq!(l.selected_session().unwrap().case_code, "DEMO-OV-03");
    click_on(&mut app, "DEMO-OV-03");
    assert_eq!(session(&app).session.preparation.case_code, "DEMO-OV-03");
}

#[test]
fn the_wheel_moves_as_the_arrow_keys_do() {
    let (_d, lib) = demo_library();
    let mut app = App::new(Lang::Nl, common::clock(), lib.clone(), Start::Library);
    app.wait_for_library();
    draw(&app);
    mouse_event(&mut app, MouseEventKind::ScrollDown, (5, 5));
    mouse_event(&mut app, MouseEventKind::ScrollDown, (5, 5));
    let Screen::Library(l) = &app.screen else {
        panic!()
    };
    assert_eq!(l.selected, 2);
    mouse_event(&mut app, MouseEventKind::ScrollUp, (5, 5));
    let Screen::Library(l) = &app.screen else {
        panic!()
    };
    assert_eq!(l.selected, 1);

    // In a form the wheel moves between fields, as ↓ does.
    let mut app = open_t1(&lib);
    draw(&app);
    mouse_event(&mut app, MouseEventKind::ScrollDown, (5, 5));
    assert_eq!(session(&app).focused(), Some(FieldId::CaseCode));
}

#[test]
fn a_tab_goes_to_its_phase_and_a_footer_key_does_what_the_key_does() {
    let (_d, lib) = demo_library();
    let mut app = open_t1(&lib);
    click_on(&mut app, "F9 Kost");
    assert_eq!(session(&app).phase, Phase::Costs);
    click_on(&mut app, "F1 meer toetsen");
    assert!(app.help_open, "F1 in the footer opens the help");
    // Under the help nothing beneath is clickable, not even the bit of F5 that shows.
    draw(&app);
    mouse_event(&mut app, MouseEventKind::Down(MouseButton::Left), (1, 1));
    assert_eq!(session(&app).phase, Phase::Costs);
    update(&mut app, Action::Back);
    let before = session(&app).focused();
    click_on(&mut app, "Tab volgend veld");
    assert_ne!(
        session(&app).focused(),
        before,
        "Tab in the footer moves on"
    );
    update(&mut app, Action::GoToPhase(Phase::Preparation));
    click_on(&mut app, "Ctrl+PgDn");
    assert_eq!(session(&app).phase, Phase::LookingBack);
}

#[test]
fn a_click_focuses_a_field_and_a_second_click_on_a_choice_opens_its_list() {
    let (_d, lib) = demo_library();
    let mut app = open_t1(&lib);
    click_on(&mut app, "Plaats");
    assert_eq!(session(&app).focused(), Some(FieldId::Place));
    // A click on the value column works as well as one on the label.
    click_on(&mut app, "inwoner");
    assert_eq!(session(&app).focused(), Some(FieldId::ParticipantKind));
    assert!(
        session(&app).picker().is_none(),
        "the first click only focuses"
    );
    click_on(&mut app, "inwoner");
    assert!(
        session(&app).picker().is_some(),
        "the second opens the list"
    );
    // A click beside the list does nothing to the form beneath.
    click_on(&mut app, "F6");
    assert_eq!(session(&app).phase, Phase::Preparation);
    assert!(session(&app).picker().is_some());
    // One click on a row chooses it.
    click_on(&mut app, "leerling");
    assert!(session(&app).picker().is_none());
    assert_eq!(
        format!("{:?}", session(&app).session.preparation.participant_kind),
        "Student"
    );
}

#[test]
fn a_click_on_a_scores_track_sets_that_score() {
    let (_d, lib) = demo_library();
    let mut app = open_t1(&lib);
    update(&mut app, Action::GoToPhase(Phase::Outcomes));
    let screen = draw(&app);
    // The first "Nu" row (money): "0 ────●────── 10   4"; position 9 is 2 + 9 after "0".
    let (x, y) = find(&screen, "Nu ");
    let (zero, _) = {
        let row = &screen[y as usize];
        let from = (x as usize..row.len())
            .find(|&c| row[c] == "0")
            .expect("the track starts with 0");
        (from as u16, y)
    };
    mouse_event(
        &mut app,
        MouseEventKind::Down(MouseButton::Left),
        (zero + 2 + 9, y),
    );
    let v = session(&app);
    assert_eq!(v.focused(), Some(FieldId::ScoreNow(0)));
    assert_eq!(
        v.session
            .outcomes
            .for_domain(&v.session.domains[0].id)
            .unwrap()
            .score_now
            .map(|s| s.get()),
        Some(9)
    );
    // "10" at the end sets 10; a click on "0" just after a "1" does not make 10.
    mouse_event(
        &mut app,
        MouseEventKind::Down(MouseButton::Left),
        (zero + 14, y),
    );
    mouse_event(
        &mut app,
        MouseEventKind::Down(MouseButton::Left),
        (zero + 3, y),
    );
    mouse_event(&mut app, MouseEventKind::Down(MouseButton::Left), (zero, y));
    let v = session(&app);
    assert_eq!(
        v.session
            .outcomes
            .for_domain(&v.session.domains[0].id)
            .unwrap()
            .score_now
            .map(|s| s.get()),
        Some(0)
    );
}

#[test]
fn one_click_on_a_button_presses_it() {
    let (_d, lib) = demo_library();
    let mut app = open_t1(&lib);
    update(&mut app, Action::GoToPhase(Phase::WrapUp));
    let before = session(&app).session.wrap_up.agreements.len();
    let add = tafel::app::form::add_label(ListKind::Agreements, Lang::Nl.texts());
    // The button is below the agreements: move the focus to it so it is on screen.
    while session(&app).focused() != Some(FieldId::Add(ListKind::Agreements)) {
        update(&mut app, Action::NextField);
    }
    update(&mut app, Action::PrevField);
    click_on(&mut app, &format!("[ + {add}"));
    assert_eq!(session(&app).session.wrap_up.agreements.len(), before + 1);
}

#[test]
fn prices_and_the_quote_box_take_clicks_on_their_rows() {
    let (_d, lib) = demo_library();
    let mut app = App::new(Lang::Nl, common::clock(), lib.clone(), Start::Library);
    app.wait_for_library();
    update(&mut app, Action::OpenPrices);
    let screen = draw(&app);
    let second_row = find(&screen, "Zoeken:").1 + 2;
    mouse_event(
        &mut app,
        MouseEventKind::Down(MouseButton::Left),
        (3, second_row),
    );
    let Screen::Prices(p) = &app.screen else {
        panic!()
    };
    assert_eq!(p.selected, 1);
    assert!(p.edit.is_none());
    mouse_event(
        &mut app,
        MouseEventKind::Down(MouseButton::Left),
        (3, second_row),
    );
    let Screen::Prices(p) = &app.screen else {
        panic!()
    };
    let edit = p.edit.as_ref().expect("a second click opens the price");
    assert_eq!(edit.field, 0);
    let label = tafel::app::screens::prices::PriceField::ALL[2].label(Lang::Nl.texts());
    click_on(&mut app, label);
    let Screen::Prices(p) = &app.screen else {
        panic!()
    };
    assert_eq!(p.edit.as_ref().unwrap().field, 2);

    let mut app = open_t1(&lib);
    update(&mut app, Action::QuickQuote);
    assert!(!session(&app).quote().unwrap().on_words);
    let words = Lang::Nl.texts().ui.words;
    click_on(&mut app, words);
    assert!(session(&app).quote().unwrap().on_words);
}
