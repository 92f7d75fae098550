//! The interactive program driven by actions, without a terminal: what a facilitator
//! does, and what ends up in the session file.

mod common;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use tafel::app::Start;
use tafel::app::form::{ActivityF, AttendeeF, FieldId, ListKind};
use tafel::app::state::{Level, Screen};
use tafel::app::{Action, App, update};
use tafel::i18n::Lang;
use tafel::model::costs::Scenario;
use tafel::model::{Phase, Session};
use tafel::store::{self, Library, LockOutcome};

fn library() -> (tempfile::TempDir, Library) {
    let dir = tempfile::tempdir().unwrap();
    let lib = Library::open(&dir.path().join("data")).unwrap();
    (dir, lib)
}

/// A key press as the terminal gives it: through the keymap, then `update`.
fn press(app: &mut App, e: KeyEvent) {
    if let Some(action) = tafel::app::keymap::map_key(app, e) {
        update(app, action);
    }
}

fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        press(app, KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
    }
}

fn key(app: &mut App, code: KeyCode) {
    press(app, KeyEvent::new(code, KeyModifiers::NONE));
}

fn view(app: &App) -> &tafel::app::state::SessionView {
    match &app.screen {
        Screen::Session(v) => v,
        _ => panic!("expected the session screen"),
    }
}

fn on_disk(lib: &Library, app: &App) -> Session {
    store::load(&lib.path_for(view(app).session.id))
        .unwrap()
        .session
}

fn new_session(lib: &Library) -> App {
    let mut app = App::new(Lang::Nl, common::clock(), lib.clone(), Start::Library);
    update(&mut app, Action::NewSession);
    app
}

#[test]
fn a_new_session_takes_typing_in_its_first_field_and_saves_it_on_quit() {
    let (_d, lib) = library();
    let mut app = new_session(&lib);
    assert_eq!(view(&app).focused(), Some(FieldId::Project));
    assert!(
        view(&app).editor.is_some(),
        "the cursor is in the first text field"
    );
    type_text(&mut app, "De Graasj");
    update(&mut app, Action::NextField);
    type_text(&mut app, "GR-12");
    update(&mut app, Action::Quit);
    assert!(app.quit);
    let s = on_disk(&lib, &app);
    assert_eq!(s.preparation.project, "De Graasj");
    assert_eq!(s.preparation.case_code, "GR-12");
}

#[test]
fn leaving_a_field_saves_without_waiting() {
    let (_d, lib) = library();
    let mut app = new_session(&lib);
    type_text(&mut app, "Ontschotten en Verbinden");
    update(&mut app, Action::NextField);
    let start = std::time::Instant::now();
    while on_disk(&lib, &app).preparation.project.is_empty() && start.elapsed().as_secs() < 5 {
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    assert_eq!(
        on_disk(&lib, &app).preparation.project,
        "Ontschotten en Verbinden"
    );
}

#[test]
fn a_wrong_date_is_refused_with_a_message_and_the_old_value_kept() {
    let (_d, lib) = library();
    let mut app = new_session(&lib);
    let date_before = view(&app).session.preparation.date;
    for _ in 0..3 {
        update(&mut app, Action::NextField);
    }
    assert_eq!(view(&app).focused(), Some(FieldId::Date));
    for _ in 0..12 {
        key(&mut app, KeyCode::Backspace);
    }
    type_text(&mut app, "morgen");
    let err = view(&app)
        .field_error
        .clone()
        .expect("an error is shown at the field");
    assert!(
        err.1.contains("morgen") && err.1.contains("12-3-2026"),
        "{}",
        err.1
    );
    update(&mut app, Action::NextField);
    assert_eq!(app.message.as_ref().unwrap().level, Level::Warning);
    assert_eq!(view(&app).session.preparation.date, date_before);
}

#[test]
fn lists_grow_and_shrink_with_confirmation() {
    let (_d, lib) = library();
    let mut app = new_session(&lib);
    let add = view(&app)
        .fields()
        .iter()
        .position(|f| *f == FieldId::Add(ListKind::Attendees))
        .unwrap();
    for _ in 0..add {
        update(&mut app, Action::NextField);
    }
    key(&mut app, KeyCode::Enter); // Enter on "+ add"
    assert_eq!(
        view(&app).focused(),
        Some(FieldId::Attendee(0, AttendeeF::Alias))
    );
    type_text(&mut app, "Jobcoach Karin");
    update(&mut app, Action::AddItem);
    type_text(&mut app, "Ruud");
    update(&mut app, Action::MoveItemUp);
    assert_eq!(
        view(&app).focused(),
        Some(FieldId::Attendee(0, AttendeeF::Alias))
    );
    let names: Vec<_> = view(&app)
        .session
        .preparation
        .attendees
        .iter()
        .map(|a| a.alias.clone())
        .collect();
    assert_eq!(names, ["Ruud", "Jobcoach Karin"]);
    update(&mut app, Action::RemoveItem);
    assert_eq!(
        view(&app).session.preparation.attendees.len(),
        2,
        "asks first"
    );
    update(&mut app, Action::Confirm(true));
    assert_eq!(view(&app).session.preparation.attendees.len(), 1);
    update(&mut app, Action::Quit);
    assert_eq!(
        on_disk(&lib, &app).preparation.attendees[0].alias,
        "Jobcoach Karin"
    );
}

#[test]
fn every_phase_can_be_visited_in_any_order_and_keeps_its_own_focus() {
    let (_d, lib) = library();
    let mut app = new_session(&lib);
    update(&mut app, Action::GoToPhase(Phase::WrapUp));
    assert_eq!(view(&app).phase, Phase::WrapUp);
    update(&mut app, Action::NextField);
    let wrap_focus = view(&app).focus[Phase::WrapUp.index()];
    update(&mut app, Action::PrevPhase);
    assert_eq!(view(&app).phase, Phase::Costs);
    update(&mut app, Action::NextPhase);
    update(&mut app, Action::NextPhase);
    assert_eq!(view(&app).phase, Phase::Preparation);
    update(&mut app, Action::GoToPhase(Phase::WrapUp));
    assert_eq!(view(&app).focus[Phase::WrapUp.index()], wrap_focus);
}

#[test]
fn scores_take_digits_ten_and_arrows() {
    let (_d, lib) = library();
    let mut app = new_session(&lib);
    update(&mut app, Action::GoToPhase(Phase::Outcomes));
    assert_eq!(view(&app).focused(), Some(FieldId::ScoreStart(0)));
    type_text(&mut app, "10");
    update(&mut app, Action::NextField);
    type_text(&mut app, "4");
    key(&mut app, KeyCode::Right);
    let d = &view(&app).session.domains[0].id.clone();
    let o = view(&app).session.outcomes.for_domain(d).unwrap().clone();
    assert_eq!(o.score_start.map(|s| s.get()), Some(10));
    assert_eq!(o.score_now.map(|s| s.get()), Some(5));
}

#[test]
fn the_hours_helper_and_a_price_give_a_cost_line() {
    let (_d, lib) = library();
    let mut app = new_session(&lib);
    update(&mut app, Action::GoToPhase(Phase::LookingBack));
    let add = view(&app)
        .fields()
        .iter()
        .position(|f| *f == FieldId::Add(ListKind::Activities(Scenario::Intervention)))
        .unwrap();
    for _ in 0..add {
        update(&mut app, Action::NextField);
    }
    update(&mut app, Action::AddItem);
    type_text(&mut app, "Begeleiding");
    let fields = view(&app).fields();
    let hpw = fields
        .iter()
        .position(|f| *f == FieldId::Activity(Scenario::Intervention, 0, ActivityF::HoursPerWeek))
        .unwrap();
    let here = view(&app).focus[Phase::LookingBack.index()];
    for _ in here..hpw {
        update(&mut app, Action::NextField);
    }
    // Far beyond anything real: refused at the field, nothing changed.
    type_text(&mut app, "99999999999999999999");
    let err = view(&app)
        .field_error
        .clone()
        .expect("an error at the field");
    assert!(err.1.contains("te groot"), "{}", err.1);
    for _ in 0..20 {
        key(&mut app, KeyCode::Backspace);
    }
    type_text(&mut app, "1,5");
    update(&mut app, Action::NextField);
    type_text(&mut app, "20");
    update(&mut app, Action::GoToPhase(Phase::Costs));
    // The price field of the first activity: choose WMO-01 through the picker.
    let price = FieldId::Activity(Scenario::Intervention, 0, ActivityF::Price);
    let at = view(&app)
        .fields()
        .iter()
        .position(|f| *f == price)
        .unwrap();
    for _ in 0..at {
        update(&mut app, Action::NextField);
    }
    update(&mut app, Action::OpenPicker);
    for c in "wmo-01".chars() {
        update(&mut app, Action::FilterChar(c));
    }
    update(&mut app, Action::OpenSelected);
    let s = &view(&app).session;
    let lines = tafel::model::costs::cost_lines(s);
    assert_eq!(lines[0].activity.quantity.to_string(), "30");
    assert_eq!(lines[0].nominal, Some(tafel::model::Cents(30 * 5580)));
    // A new session is priced at its own year: WMO-01 of 2023 brought up by the CPI.
    assert_eq!(s.costs.price_year, Some(chrono::Datelike::year(&app.today)));
    assert_eq!(lines[0].listed_year, Some(2023));
    assert_eq!(
        lines[0].cost,
        tafel::model::Cents(30 * 5580).times(lines[0].factor.value)
    );
    assert!(lines[0].factor.value > rust_decimal::Decimal::ONE);
    assert_eq!(lines[0].payer_id, Some("gemeente_wmo"));
}

#[test]
fn a_quote_can_be_captured_from_any_phase_and_ctrl_s_keeps_it() {
    let (_d, lib) = library();
    let mut app = new_session(&lib);
    update(&mut app, Action::GoToPhase(Phase::Alternative));
    update(&mut app, Action::QuickQuote);
    type_text(&mut app, "Ruud");
    key(&mut app, KeyCode::Enter);
    type_text(&mut app, "Ik kan weer naar een toekomst toe leven.");
    press(
        &mut app,
        KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL),
    );
    let q = &view(&app).session.outcomes.quotes;
    assert_eq!(q.len(), 1);
    assert_eq!(q[0].speaker, "Ruud");
    assert_eq!(q[0].phase, Some(Phase::Alternative));
    assert_eq!(view(&app).phase, Phase::Alternative, "still where we were");
}

#[test]
fn a_second_copy_gets_the_session_read_only_and_cannot_change_it() {
    let (_d, lib) = library();
    let first = new_session(&lib);
    let path = view(&first).path.clone();
    let mut second = App::new(Lang::En, common::clock(), lib.clone(), Start::Open(path));
    assert!(
        view(&second)
            .read_only
            .as_deref()
            .unwrap()
            .contains("already open")
    );
    let before = view(&second).session.clone();
    type_text(&mut second, "typed into a read-only copy");
    assert_eq!(view(&second).session, before);
    assert!(
        second
            .message
            .as_ref()
            .unwrap()
            .text
            .contains("cannot be changed")
    );
    drop(first);
}

#[test]
fn after_a_crash_the_stale_lock_is_noticed_and_the_session_opens_normally() {
    let (_d, lib) = library();
    let app = new_session(&lib);
    let id = view(&app).session.id;
    let path = view(&app).path.clone();
    drop(app); // the lock is released...
    std::fs::write(lib.lock_path_for(id), "process 4242 since 2026-11-28 10:00").unwrap(); // ...as if it crashed
    let reopened = App::new(Lang::Nl, common::clock(), lib.clone(), Start::Open(path));
    assert!(view(&reopened).read_only.is_none());
    assert!(
        reopened
            .message
            .as_ref()
            .unwrap()
            .text
            .contains("onverwacht")
    );
    assert!(matches!(
        lib.lock(id).unwrap(),
        LockOutcome::HeldElsewhere(_)
    ));
}

#[test]
fn a_paste_goes_in_as_one_edit() {
    let (_d, lib) = library();
    let mut app = new_session(&lib);
    update(&mut app, Action::GoToPhase(Phase::WrapUp));
    let notes = view(&app)
        .fields()
        .iter()
        .position(|f| *f == FieldId::Notes)
        .unwrap();
    for _ in 0..notes {
        update(&mut app, Action::NextField);
    }
    let big = "Regel met een ë en 😀.\n".repeat(40_000);
    let start = std::time::Instant::now();
    update(&mut app, Action::Paste(big.clone()));
    assert!(start.elapsed().as_secs() < 5);
    assert_eq!(view(&app).session.wrap_up.notes, big);
    update(
        &mut app,
        Action::TextInput(KeyEvent::new(KeyCode::Char('z'), KeyModifiers::CONTROL)),
    );
    assert_eq!(
        view(&app).session.wrap_up.notes,
        "",
        "one undo removes the paste"
    );
}

#[test]
fn the_library_filters_opens_follows_up_and_trashes() {
    let (_d, lib) = library();
    let mut app = App::new(Lang::Nl, common::clock(), lib.clone(), Start::Library);
    update(&mut app, Action::LoadDemo);
    app.wait_for_library();
    let Screen::Library(l) = &app.screen else {
        panic!()
    };
    let all = l.rows().len();
    assert!(all >= 5);
    for c in "verbinden".chars() {
        update(&mut app, Action::FilterChar(c));
    }
    let Screen::Library(l) = &app.screen else {
        panic!()
    };
    assert!(l.rows().len() < all && !l.rows().is_empty());
    update(&mut app, Action::Back);
    update(&mut app, Action::FollowUpSelected);
    let s = &view(&app).session;
    assert!(s.previous_session_id.is_some());
    assert!(
        view(&app).reference.is_some(),
        "the earlier wave is shown as reference"
    );
    let t2 = view(&app).session.id;
    update(&mut app, Action::Back);
    app.wait_for_library();
    let Screen::Library(l) = &app.screen else {
        panic!("back in the library")
    };
    assert_eq!(l.rows().len(), all + 1);
    assert_eq!(
        l.selected_session().map(|s| s.id),
        Some(t2),
        "the cursor is on the session just closed"
    );
    update(&mut app, Action::DeleteSelected);
    update(&mut app, Action::Confirm(true));
    app.wait_for_library();
    let Screen::Library(l) = &app.screen else {
        panic!()
    };
    assert_eq!(l.rows().len(), all);
    assert_eq!(std::fs::read_dir(lib.trash_dir()).unwrap().count(), 1);
}

#[test]
fn ctrl_e_writes_the_open_session_and_the_comparison_as_html_and_says_where() {
    let (_d, lib) = library();
    let mut app = App::new(Lang::Nl, common::clock(), lib.clone(), Start::Library);
    update(&mut app, Action::LoadDemo);
    app.wait_for_library();
    update(&mut app, Action::SelectDown);
    update(&mut app, Action::CompareSelected);
    update(&mut app, Action::Export);
    let msg = app.message.clone().unwrap().text;
    let path = msg.split(": ").nth(1).expect("the path is shown");
    let html = std::fs::read_to_string(path).unwrap();
    assert!(
        html.contains("<svg") && path.ends_with("DEMO-GR-07-T0-T1.html"),
        "{msg}"
    );
    update(&mut app, Action::Back);
    app.wait_for_library();
    update(&mut app, Action::OpenSelected);
    update(&mut app, Action::Export);
    let msg = app.message.clone().unwrap().text;
    let path = msg.split(": ").nth(1).unwrap();
    assert!(std::fs::read_to_string(path).unwrap().contains("GR-07"));
    assert!(path.contains("/exports/"));
}

#[test]
fn ctrl_g_shows_the_handout_line_by_line_and_writes_only_what_is_kept() {
    let (_d, lib) = library();
    let mut app = App::new(Lang::Nl, common::clock(), lib.clone(), Start::Library);
    update(&mut app, Action::LoadDemo);
    app.wait_for_library();
    update(&mut app, Action::OpenSelected);
    press(
        &mut app,
        KeyEvent::new(KeyCode::Char('g'), KeyModifiers::CONTROL),
    );
    let lines = view(&app)
        .handout()
        .expect("the preview")
        .handout
        .lines
        .clone();
    assert!(lines.len() > 3 && lines.iter().all(|l| l.keep));
    // The second line is left out with Space; ↑↓ and Space again keep the first.
    key(&mut app, KeyCode::Down);
    type_text(&mut app, " ");
    key(&mut app, KeyCode::Up);
    type_text(&mut app, " ");
    type_text(&mut app, " ");
    key(&mut app, KeyCode::Enter);
    assert!(view(&app).handout().is_none(), "closed once written");
    let msg = app.message.clone().unwrap().text;
    let path = msg.split(": ").nth(1).expect("the path is shown");
    assert!(path.ends_with(".handout.html"), "{msg}");
    let html = std::fs::read_to_string(path).unwrap();
    let escape = tafel::report::html::escape;
    assert!(
        html.contains(&escape(&lines[0].text)),
        "the first line is kept"
    );
    assert!(
        !html.contains(&escape(&lines[1].text)),
        "the second is left out"
    );
    assert!(html.contains(&escape(&lines[2].text)));
    assert!(!html.contains('€'));
    // Esc closes the preview without writing.
    press(
        &mut app,
        KeyEvent::new(KeyCode::Char('g'), KeyModifiers::CONTROL),
    );
    key(&mut app, KeyCode::Esc);
    assert!(view(&app).handout().is_none());
    assert!(
        matches!(app.screen, Screen::Session(_)),
        "still in the session"
    );
}

/// Opens the library rows one by one until one is the copy's (whichever place the
/// library gives it), and returns its conflict screen.
fn open_the_conflict(app: &mut App) -> &tafel::app::screens::conflict::ConflictView {
    for row in 0..8 {
        update(app, Action::OpenSelected);
        if matches!(app.screen, Screen::Conflict(_)) {
            break;
        }
        update(app, Action::Back);
        app.wait_for_library();
        for _ in 0..=row {
            update(app, Action::SelectDown);
        }
    }
    match &app.screen {
        Screen::Conflict(c) => c,
        _ => panic!("no row opened the conflict screen"),
    }
}

#[test]
fn a_conflict_open_elsewhere_is_shown_but_not_resolved() {
    let (_d, lib) = library();
    for s in tafel::demo::sessions(&tafel::catalog::Catalog::builtin()) {
        lib.save(&s).unwrap();
    }
    let id: uuid::Uuid = "4b7e2c91-3d5a-4f08-9c6e-2a1d8b7f0e31".parse().unwrap();
    let live = lib.path_for(id);
    let mut other = store::load(&live).unwrap().session;
    other.wrap_up.pulse_owner = "Hamid".into();
    let copy = lib.sessions_dir().join(format!("{id} (1).json"));
    store::save_to(&copy, &other).unwrap();
    let before = std::fs::read(&live).unwrap();
    // Another copy of tafel has the session open.
    let LockOutcome::Acquired(held) = store::SessionLock::for_file(&live).unwrap() else {
        panic!("the lock")
    };
    let mut app = App::new(Lang::Nl, common::clock(), lib.clone(), Start::Library);
    app.wait_for_library();
    let c = open_the_conflict(&mut app);
    assert!(c.busy.is_some(), "says the session is open elsewhere");
    assert_eq!(c.diffs.len(), 1);
    update(&mut app, Action::Later);
    update(&mut app, Action::OpenSelected);
    update(&mut app, Action::OpenSelected);
    assert_eq!(std::fs::read(&live).unwrap(), before, "nothing written");
    assert!(copy.exists(), "the copy stays");
    assert_eq!(app.message.clone().unwrap().level, Level::Warning);
    drop(held);
}

#[test]
fn a_conflict_with_a_newer_tafels_file_is_shown_but_never_merged() {
    let (_d, lib) = library();
    for s in tafel::demo::sessions(&tafel::catalog::Catalog::builtin()) {
        lib.save(&s).unwrap();
    }
    let id: uuid::Uuid = "4b7e2c91-3d5a-4f08-9c6e-2a1d8b7f0e31".parse().unwrap();
    let live = lib.path_for(id);
    let mut newer: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&live).unwrap()).unwrap();
    newer["schema_version"] = 99.into();
    newer["a_field_from_the_future"] = "kept".into();
    newer["preparation"]["place"] = "elders".into();
    let copy = lib.sessions_dir().join(format!("{id} (1).json"));
    std::fs::write(&copy, newer.to_string()).unwrap();
    let before = std::fs::read(&live).unwrap();
    let mut app = App::new(Lang::Nl, common::clock(), lib.clone(), Start::Library);
    app.wait_for_library();
    let c = open_the_conflict(&mut app);
    assert!(c.busy.is_some(), "a newer file is never merged");
    update(&mut app, Action::TakeAll(true));
    update(&mut app, Action::OpenSelected);
    update(&mut app, Action::OpenSelected);
    assert_eq!(std::fs::read(&live).unwrap(), before);
    assert!(
        std::fs::read_to_string(&copy)
            .unwrap()
            .contains("a_field_from_the_future")
    );
}

#[test]
fn page_down_and_up_jump_between_the_parts_of_a_phase() {
    let (_d, lib) = library();
    let mut app = new_session(&lib);
    update(&mut app, Action::PageDown);
    assert_eq!(view(&app).focused(), Some(FieldId::GroundRules));
    update(&mut app, Action::PageDown);
    assert_eq!(
        view(&app).focused(),
        Some(FieldId::Add(ListKind::Attendees))
    );
    update(&mut app, Action::PageUp);
    update(&mut app, Action::PageUp);
    assert_eq!(view(&app).focused(), Some(FieldId::Project));
}

#[test]
fn new_sessions_are_kept_as_long_as_the_data_folder_says() {
    let (_d, lib) = library();
    std::fs::write(lib.root().join("config.json"), r#"{"retention_months": 6}"#).unwrap();
    let app = new_session(&lib);
    let s = &view(&app).session;
    let date = s.preparation.date.unwrap();
    assert_eq!(
        s.retention_until,
        date.checked_add_months(chrono::Months::new(6))
    );
}

#[test]
fn a_sessions_folder_that_cannot_be_read_is_said_not_shown_as_empty() {
    let (_d, lib) = library();
    std::fs::remove_dir_all(lib.sessions_dir()).unwrap();
    std::fs::write(lib.sessions_dir(), b"not a folder").unwrap();
    let mut app = App::new(Lang::En, common::clock(), lib.clone(), Start::Library);
    app.wait_for_library();
    let Screen::Library(l) = &app.screen else {
        panic!()
    };
    assert!(l.error.is_some(), "the failure is kept for the screen");
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(100, 24)).unwrap();
    terminal.draw(|f| tafel::ui::render(f, &app)).unwrap();
    let screen: String = terminal
        .backend()
        .buffer()
        .content()
        .iter()
        .map(|c| c.symbol())
        .collect();
    assert!(
        screen.contains("could not be read"),
        "the screen says so: {screen}"
    );
}

/// Issue 15.1: a value tafel filled in is replaced by the first key typed; a value a
/// person typed keeps taking more; Ctrl+U empties a field.
#[test]
fn typing_replaces_a_suggested_value_and_appends_to_a_typed_one() {
    let (_d, lib) = library();
    let mut app = new_session(&lib);
    // To the date, pre-filled with today.
    for _ in 0..3 {
        update(&mut app, Action::NextField);
    }
    assert_eq!(view(&app).focused(), Some(FieldId::Date));
    type_text(&mut app, "12-05-2026");
    update(&mut app, Action::NextField);
    assert_eq!(
        view(&app).session.preparation.date,
        chrono::NaiveDate::from_ymd_opt(2026, 5, 12)
    );
    // Back to the date: now it is the facilitator's, and typing appends.
    update(&mut app, Action::PrevField);
    key(&mut app, KeyCode::Backspace);
    type_text(&mut app, "7");
    update(&mut app, Action::NextField);
    assert_eq!(
        view(&app).session.preparation.date,
        chrono::NaiveDate::from_ymd_opt(2027, 5, 12)
    );
    // The planned time (150) is replaced too; Ctrl+U empties the place.
    update(&mut app, Action::NextField);
    update(&mut app, Action::NextField);
    assert_eq!(view(&app).focused(), Some(FieldId::PlannedMinutes));
    type_text(&mut app, "90");
    update(&mut app, Action::NextField);
    assert_eq!(view(&app).session.preparation.planned_minutes, 90);
    update(&mut app, Action::PrevField);
    update(&mut app, Action::PrevField);
    update(&mut app, Action::PrevField);
    assert_eq!(view(&app).focused(), Some(FieldId::Place));
    type_text(&mut app, "Wijkcentrum");
    press(
        &mut app,
        KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL),
    );
    assert_eq!(view(&app).session.preparation.place, "");
}

/// Issue 15.2: in a list that filters as you type, an exact match comes first.
#[test]
fn typing_dag_in_the_unit_list_chooses_dag_not_dagdeel() {
    let (_d, lib) = library();
    let mut app = new_session(&lib);
    update(
        &mut app,
        Action::GoToPhase(tafel::model::Phase::LookingBack),
    );
    let v = view(&app);
    let activity_add = v
        .fields()
        .iter()
        .position(|f| {
            *f == FieldId::Add(tafel::app::form::ListKind::Activities(
                tafel::model::costs::Scenario::Intervention,
            ))
        })
        .unwrap();
    for _ in 0..activity_add {
        update(&mut app, Action::NextField);
    }
    key(&mut app, KeyCode::Enter);
    while !matches!(
        view(&app).focused(),
        Some(FieldId::Activity(_, _, tafel::app::form::ActivityF::Unit))
    ) {
        update(&mut app, Action::NextField);
    }
    key(&mut app, KeyCode::Enter);
    type_text(&mut app, "dag");
    key(&mut app, KeyCode::Enter);
    assert_eq!(
        view(&app).session.looking_back.activities[0].unit,
        tafel::model::Unit::Day
    );
}

/// Issue 15.6: Esc in the quote box cancels (asking first when something was typed);
/// Enter in the words or Ctrl+S keeps the quote.
#[test]
fn esc_cancels_a_quote_and_enter_or_ctrl_s_keeps_it() {
    let (_d, lib) = library();
    let mut app = new_session(&lib);
    let quotes = |app: &App| view(app).session.outcomes.quotes.len();
    key(&mut app, KeyCode::F(3));
    key(&mut app, KeyCode::Esc);
    assert!(
        view(&app).quote().is_none(),
        "nothing typed: Esc closes at once"
    );
    key(&mut app, KeyCode::F(3));
    type_text(&mut app, "Ruud");
    key(&mut app, KeyCode::Esc);
    assert!(view(&app).quote().unwrap().confirm_discard, "asks first");
    type_text(&mut app, "n");
    assert!(view(&app).quote().is_some(), "n: keep typing");
    key(&mut app, KeyCode::Enter); // to the words
    type_text(&mut app, "Ik slaap weer.");
    key(&mut app, KeyCode::Enter);
    assert_eq!(quotes(&app), 1, "Enter keeps the quote");
    key(&mut app, KeyCode::F(3));
    type_text(&mut app, "Annet");
    press(
        &mut app,
        KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL),
    );
    assert_eq!(quotes(&app), 2, "Ctrl+S keeps it too");
    key(&mut app, KeyCode::F(3));
    type_text(&mut app, "weg ermee");
    key(&mut app, KeyCode::Esc);
    type_text(&mut app, "j");
    assert!(view(&app).quote().is_none());
    assert_eq!(quotes(&app), 2, "Esc and yes throws it away");
}

/// Issue 15.7: Ctrl+E on a session without consent for reporting gives the same warning
/// as `tafel export`.
#[test]
fn ctrl_e_warns_when_consent_does_not_cover_sharing() {
    let (_d, lib) = library();
    let mut app = new_session(&lib);
    update(&mut app, Action::Export);
    let m = app.message.clone().unwrap();
    assert_eq!(m.level, Level::Warning);
    assert!(
        m.text
            .contains("Deel deze export alleen met de mensen aan tafel"),
        "{}",
        m.text
    );
}

#[test]
fn a_file_holds_the_prices_it_uses_and_any_price_of_the_list_can_still_be_picked() {
    let (_d, lib) = library();
    let catalog = tafel::catalog::Catalog::builtin();
    let demo = tafel::demo::sessions(&catalog).remove(1);
    lib.save(&demo).unwrap();
    let on_file = store::load(&lib.path_for(demo.id)).unwrap().session;
    assert!(
        on_file.costs.price_list.item("JUS-09").is_none(),
        "not used, not written"
    );
    let mut app = App::new(
        Lang::Nl,
        common::clock(),
        lib.clone(),
        Start::Open(lib.path_for(demo.id)),
    );
    update(&mut app, Action::GoToPhase(Phase::Costs));
    let price = FieldId::Activity(Scenario::Intervention, 0, ActivityF::Price);
    for _ in 0..200 {
        if view(&app).focused() == Some(price) {
            break;
        }
        update(&mut app, Action::NextField);
    }
    assert_eq!(view(&app).focused(), Some(price));
    update(&mut app, Action::OpenPicker);
    type_text(&mut app, "JUS-09");
    update(&mut app, Action::OpenSelected);
    update(&mut app, Action::Quit);
    let saved = on_disk(&lib, &app);
    assert_eq!(
        saved.looking_back.activities[0].price_id.as_deref(),
        Some("JUS-09")
    );
    let item = saved
        .costs
        .price_list
        .item("JUS-09")
        .expect("the picked price is kept");
    assert_eq!(item, catalog.prices.item("JUS-09").unwrap());
    // The price the activity used before is no longer written.
    let before = demo.looking_back.activities[0].price_id.clone().unwrap();
    let still_used = saved
        .looking_back
        .activities
        .iter()
        .chain(&saved.alternative.activities)
        .any(|a| a.price_id.as_deref() == Some(&before));
    assert_eq!(saved.costs.price_list.item(&before).is_some(), still_used);
}

/// Moves the focus to `id` in `phase`.
fn focus(app: &mut App, phase: Phase, id: FieldId) {
    update(app, Action::GoToPhase(phase));
    for _ in 0..400 {
        if view(app).focused() == Some(id) {
            return;
        }
        update(app, Action::NextField);
    }
    panic!("{id:?} is not in {phase:?}");
}

/// A session with two people at the table, each with an organisation and a payer, and
/// one activity.
fn two_people(lib: &Library) -> App {
    let mut app = new_session(lib);
    for (alias, org, payer) in [("Anna", "OrgA", "gemeente_pw"), ("Bert", "OrgB", "zvw")] {
        update(&mut app, Action::GoToPhase(Phase::Preparation));
        let i = view(&app).session.preparation.attendees.len();
        focus(
            &mut app,
            Phase::Preparation,
            FieldId::Add(ListKind::Attendees),
        );
        update(&mut app, Action::Press);
        focus(
            &mut app,
            Phase::Preparation,
            FieldId::Attendee(i, AttendeeF::Alias),
        );
        type_text(&mut app, alias);
        focus(
            &mut app,
            Phase::Preparation,
            FieldId::Attendee(i, AttendeeF::Organisation),
        );
        type_text(&mut app, org);
        if let Screen::Session(v) = &mut app.screen {
            v.session.preparation.attendees[i].payer_id = Some(payer.into());
        }
    }
    focus(
        &mut app,
        Phase::LookingBack,
        FieldId::Add(ListKind::Activities(Scenario::Intervention)),
    );
    update(&mut app, Action::Press);
    app
}

fn choose(app: &mut App, id: FieldId, text: &str) {
    let phase = view(app).phase;
    focus(app, phase, id);
    update(app, Action::OpenPicker);
    type_text(app, text);
    update(app, Action::OpenSelected);
}

#[test]
fn another_person_brings_their_organisation_and_payer_unless_they_were_typed() {
    let (_d, lib) = library();
    let mut app = two_people(&lib);
    let who = FieldId::Activity(Scenario::Intervention, 0, ActivityF::Who);
    choose(&mut app, who, "Anna");
    let a = &view(&app).session.looking_back.activities[0];
    assert_eq!(
        (a.organisation.as_str(), a.payer_id.as_deref()),
        ("OrgA", Some("gemeente_pw"))
    );
    choose(&mut app, who, "Bert");
    let a = &view(&app).session.looking_back.activities[0];
    assert_eq!(
        (a.organisation.as_str(), a.payer_id.as_deref()),
        ("OrgB", Some("zvw")),
        "what came with Anna follows the new person"
    );
    // A typed organisation stays when the person changes again; the payer still follows.
    focus(
        &mut app,
        Phase::LookingBack,
        FieldId::Activity(Scenario::Intervention, 0, ActivityF::Organisation),
    );
    type_text(&mut app, "Eigen org");
    choose(&mut app, who, "Anna");
    let a = &view(&app).session.looking_back.activities[0];
    assert_eq!(a.organisation, "Eigen org");
    assert_eq!(a.payer_id.as_deref(), Some("gemeente_pw"));
}

#[test]
fn a_removed_item_takes_its_suggestions_with_it() {
    let (_d, lib) = library();
    let mut app = two_people(&lib);
    let who = FieldId::Activity(Scenario::Intervention, 0, ActivityF::Who);
    choose(&mut app, who, "Anna");
    let id = view(&app).session.looking_back.activities[0].id.clone();
    let prefix = format!("looking_back.activities[{id}].");
    assert!(
        view(&app)
            .session
            .suggested
            .iter()
            .any(|k| k.starts_with(&prefix))
    );
    update(&mut app, Action::RemoveItem);
    update(&mut app, Action::Confirm(true));
    assert!(view(&app).session.looking_back.activities.is_empty());
    assert!(
        !view(&app)
            .session
            .suggested
            .iter()
            .any(|k| k.starts_with(&prefix)),
        "{:?}",
        view(&app).session.suggested
    );
}

#[test]
fn consent_is_recorded_on_the_sessions_date_by_the_facilitator() {
    let (_d, lib) = library();
    let mut app = new_session(&lib);
    focus(&mut app, Phase::Preparation, FieldId::Date);
    type_text(&mut app, "10-11-2026");
    focus(&mut app, Phase::Preparation, FieldId::Facilitator);
    type_text(&mut app, "Sanne");
    focus(&mut app, Phase::Preparation, FieldId::ConsentGiven);
    update(&mut app, Action::Toggle);
    let c = &view(&app).session.preparation.consent;
    assert_eq!(c.date, chrono::NaiveDate::from_ymd_opt(2026, 11, 10));
    assert_eq!(c.recorded_by, "Sanne");
    // The suggested consent date follows a corrected session date.
    focus(&mut app, Phase::Preparation, FieldId::Date);
    press(
        &mut app,
        KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL),
    );
    type_text(&mut app, "11-11-2026");
    update(&mut app, Action::NextField);
    assert_eq!(
        view(&app).session.preparation.consent.date,
        chrono::NaiveDate::from_ymd_opt(2026, 11, 11)
    );
}

#[test]
fn repricing_asks_first_and_sits_after_the_cost_lines() {
    let (_d, lib) = library();
    let catalog = tafel::catalog::Catalog::builtin();
    let mut demo = tafel::demo::sessions(&catalog).remove(1);
    // An older copy of a price the session uses.
    let used = demo.looking_back.activities[0].price_id.clone().unwrap();
    let pos = demo
        .costs
        .price_list
        .items
        .iter()
        .position(|i| i.id == used)
        .unwrap();
    demo.costs.price_list.items[pos].amount_cents = Some(tafel::model::Cents(1));
    lib.save(&demo).unwrap();
    let mut app = App::new(
        Lang::Nl,
        common::clock(),
        lib.clone(),
        Start::Open(lib.path_for(demo.id)),
    );
    update(&mut app, Action::GoToPhase(Phase::Costs));
    assert_ne!(
        view(&app).focused(),
        Some(FieldId::Reprice),
        "not the first field"
    );
    let fields = view(&app).fields();
    assert_eq!(fields.last(), Some(&FieldId::Reprice));
    focus(&mut app, Phase::Costs, FieldId::Reprice);
    update(&mut app, Action::Press);
    assert!(view(&app).question().is_some());
    update(&mut app, Action::Confirm(false));
    assert_eq!(
        view(&app)
            .session
            .costs
            .price_list
            .item(&used)
            .unwrap()
            .amount_cents,
        Some(tafel::model::Cents(1)),
        "no: nothing changes"
    );
    update(&mut app, Action::Press);
    press(
        &mut app,
        KeyEvent::new(KeyCode::Char('y'), KeyModifiers::NONE),
    );
    assert_eq!(
        view(&app)
            .session
            .costs
            .price_list
            .item(&used)
            .unwrap()
            .amount_cents,
        catalog.prices.item(&used).unwrap().amount_cents
    );
}

#[test]
fn a_letter_on_a_choice_opens_its_list_searching_and_ctrl_u_clears_the_search() {
    let (_d, lib) = library();
    let mut app = new_session(&lib);
    focus(&mut app, Phase::Preparation, FieldId::ParticipantKind);
    type_text(&mut app, "ou");
    let p = view(&app).picker().expect("the list opened");
    assert_eq!(p.filter, "ou");
    press(
        &mut app,
        KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL),
    );
    assert_eq!(view(&app).picker().unwrap().filter, "");
    type_text(&mut app, "ouder");
    key(&mut app, KeyCode::Enter);
    assert_eq!(
        format!("{:?}", view(&app).session.preparation.participant_kind),
        "Parent"
    );
}

#[test]
fn the_keys_of_the_focused_field_come_first_in_the_footer() {
    let (_d, lib) = library();
    let mut app = new_session(&lib);
    focus(&mut app, Phase::Preparation, FieldId::ConsentGiven);
    let hints = tafel::app::keymap::hints(&app);
    assert_eq!(hints[0].0, "Ctrl+Q");
    assert_eq!((hints[1].0.as_str(), hints[1].1), ("Spatie", "aan/uit"));
    let mut en = App::new(Lang::En, common::clock(), lib.clone(), Start::Library);
    update(&mut en, Action::NewSession);
    focus(&mut en, Phase::Preparation, FieldId::ConsentGiven);
    assert_eq!(tafel::app::keymap::hints(&en)[1].0, "Space");
}

#[test]
fn a_passing_note_goes_with_its_phase() {
    let (_d, lib) = library();
    let mut app = new_session(&lib);
    app.say(Level::Info, "Citaat bewaard");
    update(&mut app, Action::GoToPhase(Phase::Outcomes));
    assert!(app.message.is_none());
    app.say(Level::Warning, "Let op");
    update(&mut app, Action::GoToPhase(Phase::Costs));
    assert!(app.message.is_some(), "a warning stays");
}

#[test]
fn help_from_the_informal_network_is_informal_unless_said_otherwise() {
    let (_d, lib) = library();
    let mut app = two_people(&lib);
    if let Screen::Session(v) = &mut app.screen {
        v.session.preparation.attendees[1].kind = tafel::model::AttendeeKind::InformalNetwork;
    }
    let who = FieldId::Activity(Scenario::Intervention, 0, ActivityF::Who);
    choose(&mut app, who, "Bert");
    assert!(view(&app).session.looking_back.activities[0].informal);
    choose(&mut app, who, "Anna");
    assert!(
        !view(&app).session.looking_back.activities[0].informal,
        "it follows the person"
    );
}

#[test]
fn the_hours_helper_counts_the_weeks_of_the_period_unless_they_are_typed() {
    let (_d, lib) = library();
    let mut app = new_session(&lib);
    focus(
        &mut app,
        Phase::LookingBack,
        FieldId::Add(ListKind::Activities(Scenario::Intervention)),
    );
    update(&mut app, Action::Press);
    let f = |x| FieldId::Activity(Scenario::Intervention, 0, x);
    focus(&mut app, Phase::LookingBack, f(ActivityF::From));
    type_text(&mut app, "1-2025");
    focus(&mut app, Phase::LookingBack, f(ActivityF::To));
    type_text(&mut app, "6-2025");
    focus(&mut app, Phase::LookingBack, f(ActivityF::HoursPerWeek));
    type_text(&mut app, "2");
    update(&mut app, Action::NextField);
    let a = &view(&app).session.looking_back.activities[0];
    // January to June 2025: 181 days, 26 weeks.
    assert_eq!(a.weeks, Some(rust_decimal::Decimal::from(26)));
    assert_eq!(a.quantity, rust_decimal::Decimal::from(52));
    // A longer period moves the counted weeks along.
    focus(&mut app, Phase::LookingBack, f(ActivityF::To));
    press(
        &mut app,
        KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL),
    );
    type_text(&mut app, "12-2025");
    update(&mut app, Action::NextField);
    assert_eq!(
        view(&app).session.looking_back.activities[0].quantity,
        rust_decimal::Decimal::from(104)
    );
    // Weeks typed by the table win, also when the period changes later.
    focus(&mut app, Phase::LookingBack, f(ActivityF::Weeks));
    type_text(&mut app, "40");
    update(&mut app, Action::NextField);
    focus(&mut app, Phase::LookingBack, f(ActivityF::From));
    press(
        &mut app,
        KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL),
    );
    type_text(&mut app, "3-2025");
    update(&mut app, Action::NextField);
    let a = &view(&app).session.looking_back.activities[0];
    assert_eq!(a.weeks, Some(rust_decimal::Decimal::from(40)));
    assert_eq!(a.quantity, rust_decimal::Decimal::from(80));
    // Hours are estimated by default; the margin shows only for an estimate.
    let fields = view(&app).fields();
    assert!(fields.contains(&f(ActivityF::Margin)));
    focus(&mut app, Phase::LookingBack, f(ActivityF::Basis));
    update(&mut app, Action::ChoicePrev);
    assert_eq!(
        view(&app).session.looking_back.activities[0].basis,
        Some(tafel::model::scenario::QuantityBasis::Registered)
    );
    assert!(!view(&app).fields().contains(&f(ActivityF::Margin)));
}

#[test]
fn the_price_year_follows_the_sessions_date_until_the_table_sets_it() {
    let (_d, lib) = library();
    let mut app = new_session(&lib);
    focus(&mut app, Phase::Preparation, FieldId::Date);
    type_text(&mut app, "12-11-2025");
    update(&mut app, Action::NextField);
    assert_eq!(view(&app).session.costs.price_year, Some(2025));
    focus(&mut app, Phase::Costs, FieldId::PriceYear);
    type_text(&mut app, "2024");
    update(&mut app, Action::NextField);
    focus(&mut app, Phase::Preparation, FieldId::Date);
    press(
        &mut app,
        KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL),
    );
    type_text(&mut app, "3-1-2026");
    update(&mut app, Action::NextField);
    assert_eq!(
        view(&app).session.costs.price_year,
        Some(2024),
        "typed: it stays"
    );
    // Empty: amounts as listed.
    focus(&mut app, Phase::Costs, FieldId::PriceYear);
    press(
        &mut app,
        KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL),
    );
    update(&mut app, Action::NextField);
    assert_eq!(view(&app).session.costs.price_year, None);
    focus(&mut app, Phase::Costs, FieldId::PriceYear);
    type_text(&mut app, "1066");
    assert!(view(&app).field_error.is_some(), "not a price year");
}

#[test]
fn a_letter_on_a_button_or_a_score_says_where_it_went_and_ctrl_u_empties_a_score() {
    let (_d, lib) = library();
    let mut app = new_session(&lib);
    focus(
        &mut app,
        Phase::Preparation,
        FieldId::Add(ListKind::Attendees),
    );
    type_text(&mut app, "2");
    let m = app.message.clone().expect("a message");
    assert!(m.text.contains("knop"), "{}", m.text);
    focus(&mut app, Phase::Outcomes, FieldId::ScoreNow(0));
    type_text(&mut app, "7");
    assert_eq!(
        view(&app).session.outcomes.domains[0]
            .score_now
            .map(|s| s.get()),
        Some(7)
    );
    press(
        &mut app,
        KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL),
    );
    assert_eq!(view(&app).session.outcomes.domains[0].score_now, None);
    type_text(&mut app, "x");
    assert!(app.message.clone().unwrap().text.contains("0 tot 10"));
}

#[test]
fn the_library_shows_an_ended_series_as_ended_and_ctrl_a_hides_it() {
    let (_d, lib) = library();
    let catalog = tafel::catalog::Catalog::builtin();
    for mut s in tafel::demo::sessions(&catalog) {
        if s.preparation.case_code == "DEMO-GR-07" && s.preparation.wave == 1 {
            s.wrap_up.series_end = Some(tafel::model::SeriesEnd {
                reason: tafel::model::EndReason::ContactLost,
                on: None,
                note: String::new(),
            });
        }
        lib.save(&s).unwrap();
    }
    let mut app = App::new(Lang::Nl, common::clock(), lib.clone(), Start::Library);
    app.wait_for_library();
    let Screen::Library(l) = &app.screen else {
        panic!()
    };
    let all = l.row_count();
    let t0 = (0..all)
        .find_map(|i| match l.row(i) {
            Some(tafel::app::state::LibraryRow::Session(s)) if s.case_code == "DEMO-GR-07" => {
                Some(s.clone())
            }
            _ => None,
        })
        .unwrap();
    assert_eq!(
        l.series_ended(&t0).map(|e| e.reason),
        Some(tafel::model::EndReason::ContactLost),
        "every wave of the series shows it"
    );
    press(
        &mut app,
        KeyEvent::new(KeyCode::Char('a'), KeyModifiers::CONTROL),
    );
    let Screen::Library(l) = &app.screen else {
        panic!()
    };
    assert_eq!(l.row_count(), all - 2, "both waves hidden");
    press(
        &mut app,
        KeyEvent::new(KeyCode::Char('a'), KeyModifiers::CONTROL),
    );
    let Screen::Library(l) = &app.screen else {
        panic!()
    };
    assert_eq!(l.row_count(), all);
}

#[test]
fn ctrl_o_works_out_the_portfolio_of_the_selected_project_in_the_background() {
    let (_d, lib) = library();
    for s in tafel::demo::sessions(&tafel::catalog::Catalog::builtin()) {
        lib.save(&s).unwrap();
    }
    let mut app = App::new(Lang::Nl, common::clock(), lib.clone(), Start::Library);
    app.wait_for_library();
    press(
        &mut app,
        KeyEvent::new(KeyCode::Char('o'), KeyModifiers::CONTROL),
    );
    let Screen::Portfolio(_) = &app.screen else {
        panic!("the portfolio screen opens at once");
    };
    // Keys are taken while it is worked out.
    update(&mut app, Action::SelectDown);
    let start = std::time::Instant::now();
    loop {
        update(&mut app, Action::Tick);
        let Screen::Portfolio(p) = &app.screen else {
            panic!()
        };
        if let Some(r) = &p.ready {
            let text = r.lines.join("\n");
            assert!(text.contains("De Graasj"), "{text}");
            assert!(text.contains("laatste meting"), "{text}");
            assert!(!r.bars.is_empty());
            break;
        }
        assert!(start.elapsed().as_secs() < 20, "never ready");
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    // Ctrl+E writes it as an HTML page beside the other reports.
    update(&mut app, Action::Export);
    let m = app.message.clone().expect("where it went");
    assert!(m.text.contains("portfolio-"), "{}", m.text);
    update(&mut app, Action::Back);
    assert!(matches!(app.screen, Screen::Library(_)));
}

#[test]
fn a_stopped_change_of_the_keys_is_said_when_the_library_opens() {
    let (_dir, lib) = library();
    std::fs::write(
        lib.root().join("keys.json"),
        r#"{"version": 1, "encrypted": false, "recipients": [], "unfinished": true}"#,
    )
    .unwrap();
    let app = App::new(Lang::Nl, common::clock(), lib.clone(), Start::Library);
    let m = app.message.as_ref().expect("a message");
    assert_eq!(m.level, Level::Warning);
    assert!(
        m.text.contains("niet afgemaakt") && m.text.contains("tafel encrypt"),
        "{}",
        m.text
    );
    std::fs::remove_file(lib.root().join("keys.json")).unwrap();
    let app = App::new(Lang::Nl, common::clock(), lib, Start::Library);
    assert!(app.message.is_none(), "{:?}", app.message);
}

#[test]
fn a_library_encrypted_meanwhile_is_not_taken_without_a_key_and_said_truthfully() {
    let (_dir, lib) = library();
    let mut app = App::new(Lang::Nl, common::clock(), lib.clone(), Start::Library);
    update(&mut app, Action::Tick);
    assert!(!app.encrypted && app.message.is_none());
    // Another copy of tafel runs `tafel encrypt` (this test process holds no key, so it
    // cannot check who signed the change).
    let anna = age::x25519::Identity::generate();
    let (settings, _) = tafel::store::vault::settings::Settings::encrypted_by(
        ("anna", &anna),
        &[],
        chrono::NaiveDate::MIN,
    )
    .unwrap();
    settings.write(lib.root()).unwrap();
    // As once the check's interval has passed.
    app.keys_checked = None;
    update(&mut app, Action::Tick);
    assert!(!app.encrypted, "not switched on a keys.json nobody checked");
    let m = app.message.as_ref().expect("said");
    assert!(m.text.contains("niet overgenomen"), "{}", m.text);
    assert!(m.text.contains("onversleuteld"), "{}", m.text);
    assert!(m.text.contains("start het opnieuw"), "{}", m.text);
    // Said once, not on every tick.
    app.message = None;
    app.keys_checked = None;
    update(&mut app, Action::Tick);
    assert!(app.message.is_none());
}

/// Types the own words of the first life domain and marks that domain off the record.
fn words_then_off_the_record(lib: &Library) -> (App, String) {
    let mut app = new_session(lib);
    focus(&mut app, Phase::Outcomes, FieldId::OwnWords(0));
    type_text(&mut app, "Met mijn broer is het even niks");
    let domain = view(&app).session.outcomes.domains[0].domain_id.clone();
    let label = view(&app).session.domains[0].label.nl.clone();
    focus(&mut app, Phase::Outcomes, FieldId::Add(ListKind::OffRecord));
    update(&mut app, Action::Press);
    choose(&mut app, FieldId::OffRecord(0), &label);
    assert_eq!(
        view(&app).session.outcomes.off_record[0]
            .domain_id
            .as_deref(),
        Some(domain.as_str())
    );
    (app, domain)
}

#[test]
fn marking_a_domain_off_the_record_while_it_holds_text_asks_to_remove_that_text() {
    let (_d, lib) = library();
    // Yes: the words are gone from the session (and so from the file).
    let (mut app, _) = words_then_off_the_record(&lib);
    assert!(
        matches!(
            view(&app).question(),
            Some(tafel::app::screens::session::Question::ClearOffRecord { .. })
        ),
        "asked"
    );
    type_text(&mut app, "j");
    assert!(view(&app).question().is_none());
    assert_eq!(view(&app).session.outcomes.domains[0].own_words, "");
    update(&mut app, Action::Quit);
    assert_eq!(on_disk(&lib, &app).outcomes.domains[0].own_words, "");
    // No: the words stay in the session, and are on no page.
    let (mut app, _) = words_then_off_the_record(&lib);
    type_text(&mut app, "n");
    assert!(view(&app).question().is_none());
    let s = view(&app).session.clone();
    assert!(!s.outcomes.domains[0].own_words.is_empty());
    let doc = tafel::report::document::build(&s, Lang::Nl, false);
    let text = tafel::report::text::render(&doc);
    assert!(!text.contains("Met mijn broer"), "{text}");
    assert!(
        app.message
            .as_ref()
            .is_some_and(|m| m.text.contains("buiten het verslag")),
        "said"
    );
}
