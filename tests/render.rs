//! Screens as a user sees them, drawn with ratatui's `TestBackend` and kept as insta
//! snapshots: the library and every phase, at 80×24 and 120×40, in Dutch and English.

mod common;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use tafel::app::Start;
use tafel::app::state::Screen;
use tafel::app::{Action, App, update};
use tafel::i18n::Lang;
use tafel::model::Phase;
use tafel::store::Library;

/// The demo case every phase snapshot shows: the Graasj resident at T1, which has an
/// earlier wave to show as reference.
const DEMO_T1: &str = "8d2f6a13-7c4e-4b9a-a5d1-6e0c3f9b2a74";

fn demo_library() -> (tempfile::TempDir, Library) {
    let dir = tempfile::tempdir().unwrap();
    let lib = Library::open(&dir.path().join("data")).unwrap();
    for s in tafel::demo::sessions(&tafel::catalog::Catalog::builtin()) {
        lib.save(&s).unwrap();
    }
    (dir, lib)
}

/// Fixes the clocks and the date so the screen does not depend on when the test runs.
fn freeze(app: &mut App) {
    app.today = chrono::NaiveDate::from_ymd_opt(2026, 11, 28).unwrap();
    if let Screen::Session(v) = &app.screen {
        app.now = v.phase_entered;
    }
}

fn draw(app: &App, w: u16, h: u16, lib: &Library) -> String {
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    terminal.draw(|f| tafel::ui::render(f, app)).unwrap();
    let buf = terminal.backend().buffer();
    let mut out = String::new();
    for y in 0..h {
        let line: String = (0..w).map(|x| buf[(x, y)].symbol()).collect();
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out.replace(&lib.root().display().to_string(), "<data>")
}

#[test]
fn library_screens() {
    let (_d, lib) = demo_library();
    for lang in [Lang::Nl, Lang::En] {
        let mut app = App::new(lang, common::clock(), lib.clone(), Start::Library);
        app.wait_for_library();
        freeze(&mut app);
        for (w, h) in [(80, 24), (120, 40)] {
            insta::assert_snapshot!(
                format!("library_{}_{w}x{h}", lang.code()),
                draw(&app, w, h, &lib)
            );
        }
    }
    let empty_dir = tempfile::tempdir().unwrap();
    let empty = Library::open(empty_dir.path()).unwrap();
    let mut app = App::new(Lang::Nl, common::clock(), empty.clone(), Start::Library);
    app.wait_for_library();
    freeze(&mut app);
    insta::assert_snapshot!("library_empty_nl_80x24", draw(&app, 80, 24, &empty));
}

#[test]
fn every_phase_in_both_languages_at_two_sizes() {
    let (_d, lib) = demo_library();
    for lang in [Lang::Nl, Lang::En] {
        let mut app = App::new(
            lang,
            common::clock(),
            lib.clone(),
            Start::Open(lib.path_for(DEMO_T1.parse().unwrap())),
        );
        for phase in Phase::ALL {
            update(&mut app, Action::GoToPhase(phase));
            freeze(&mut app);
            for (w, h) in [(80, 24), (120, 40)] {
                let name = format!("phase_{}_{:?}_{w}x{h}", lang.code(), phase).to_lowercase();
                insta::assert_snapshot!(name, draw(&app, w, h, &lib));
            }
        }
    }
}

#[test]
fn table_view_questions_help_and_picker() {
    let (_d, lib) = demo_library();
    let mut app = App::new(
        Lang::Nl,
        common::clock(),
        lib.clone(),
        Start::Open(lib.path_for(DEMO_T1.parse().unwrap())),
    );
    for phase in [Phase::Outcomes, Phase::Costs] {
        update(&mut app, Action::GoToPhase(phase));
        update(&mut app, Action::ToggleTableView);
        freeze(&mut app);
        for (w, h) in [(80, 24), (120, 40)] {
            insta::assert_snapshot!(
                format!("table_view_{phase:?}_{w}x{h}").to_lowercase(),
                draw(&app, w, h, &lib)
            );
        }
        update(&mut app, Action::ToggleTableView);
    }
    update(&mut app, Action::GoToPhase(Phase::LookingBack));
    update(&mut app, Action::ToggleQuestions);
    freeze(&mut app);
    for (w, h) in [(80, 24), (120, 40)] {
        insta::assert_snapshot!(
            format!("questions_panel_nl_{w}x{h}"),
            draw(&app, w, h, &lib)
        );
    }
    update(&mut app, Action::ToggleQuestions);
    update(&mut app, Action::Help);
    insta::assert_snapshot!("help_nl_80x24", draw(&app, 80, 24, &lib));
}

#[test]
fn tiny_terminals_and_resize_storms_never_panic() {
    let (_d, lib) = demo_library();
    let mut app = App::new(
        Lang::Nl,
        common::clock(),
        lib.clone(),
        Start::Open(lib.path_for(DEMO_T1.parse().unwrap())),
    );
    freeze(&mut app);
    let small = draw(&app, 40, 10, &lib);
    assert!(
        small.contains("groter"),
        "asks for a larger window:\n{small}"
    );
    for phase in Phase::ALL {
        update(&mut app, Action::GoToPhase(phase));
        for (w, h) in [
            (1, 1),
            (2, 1),
            (1, 30),
            (59, 15),
            (60, 16),
            (61, 17),
            (300, 5),
            (300, 100),
        ] {
            draw(&app, w, h, &lib);
        }
    }
    let mut lib_app = App::new(Lang::En, common::clock(), lib.clone(), Start::Library);
    lib_app.wait_for_library();
    freeze(&mut lib_app);
    for w in 0..130 {
        draw(&lib_app, w.max(1), (w / 3).max(1), &lib);
    }
}

#[test]
fn the_comparison_screen_at_80x24_and_160x48() {
    let (_d, lib) = demo_library();
    for lang in [Lang::Nl, Lang::En] {
        let mut app = App::new(lang, common::clock(), lib.clone(), Start::Library);
        app.wait_for_library();
        // The library lists GR-07 T0 then T1; Ctrl+K on T1 compares it with T0.
        update(&mut app, Action::SelectDown);
        update(&mut app, Action::CompareSelected);
        freeze(&mut app);
        assert!(matches!(app.screen, Screen::Compare(_)));
        for (w, h) in [(80, 24), (160, 48)] {
            insta::assert_snapshot!(
                format!("compare_{}_{w}x{h}", lang.code()),
                draw(&app, w, h, &lib)
            );
        }
        update(&mut app, Action::PageDown);
        insta::assert_snapshot!(
            format!("compare_{}_80x24_scrolled", lang.code()),
            draw(&app, 80, 24, &lib)
        );
    }
}

#[test]
fn the_help_scrolls_on_a_small_terminal() {
    let (_d, lib) = demo_library();
    let mut app = App::new(Lang::En, common::clock(), lib.clone(), Start::Library);
    app.wait_for_library();
    freeze(&mut app);
    update(&mut app, Action::Help);
    let top = draw(&app, 80, 24, &lib);
    update(&mut app, Action::PageDown);
    let scrolled = draw(&app, 80, 24, &lib);
    assert_ne!(top, scrolled);
    update(&mut app, Action::Back);
    assert!(!app.help_open, "Esc closes the help");
}

#[test]
fn a_damaged_file_is_explained_in_the_users_language() {
    let dir = tempfile::tempdir().unwrap();
    let lib = Library::open(dir.path()).unwrap();
    std::fs::write(lib.sessions_dir().join("kapot.json"), "{\n  \"id\": \n").unwrap();
    for (lang, listed, opened) in [
        (
            Lang::Nl,
            "onleesbaar — onvolledig: het bestand houdt op bij regel 3",
            "Kon dit gesprek niet openen: kapot.json: onvolledig: het bestand houdt op bij regel 3",
        ),
        (
            Lang::En,
            "unreadable — incomplete: the file stops at line 3",
            "kapot.json: incomplete: the file stops at line 3",
        ),
    ] {
        let mut app = App::new(lang, common::clock(), lib.clone(), Start::Library);
        app.wait_for_library();
        freeze(&mut app);
        let screen = draw(&app, 120, 40, &lib);
        assert!(screen.contains(listed), "{screen}");
        update(&mut app, Action::OpenSelected);
        let message = app
            .message
            .as_ref()
            .map(|m| m.text.clone())
            .unwrap_or_default();
        assert!(message.contains(opened), "{message}");
    }
}

#[test]
fn absurd_figures_from_a_hand_edited_file_are_drawn_not_a_crash() {
    let (_d, lib) = demo_library();
    let path = lib.path_for(DEMO_T1.parse().unwrap());
    let mut doc: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    doc["time_spent"]["outcomes_secs"] = serde_json::json!(u64::MAX);
    doc["time_spent"]["costs_secs"] = serde_json::json!(u64::MAX);
    for a in doc["looking_back"]["activities"].as_array_mut().unwrap() {
        a["quantity"] = serde_json::json!("9000000000000000");
    }
    std::fs::write(&path, serde_json::to_vec_pretty(&doc).unwrap()).unwrap();
    let mut app = App::new(Lang::Nl, common::clock(), lib.clone(), Start::Open(path));
    for phase in Phase::ALL {
        update(&mut app, Action::GoToPhase(phase));
        draw(&app, 80, 24, &lib);
    }
    update(&mut app, Action::ToggleTableView);
    draw(&app, 120, 40, &lib);
}

#[test]
fn prices_picker_and_quote_screens() {
    let (_d, lib) = demo_library();
    for lang in [Lang::Nl, Lang::En] {
        let code = lang.code();
        let mut app = App::new(lang, common::clock(), lib.clone(), Start::Library);
        app.wait_for_library();
        freeze(&mut app);
        update(&mut app, Action::OpenPrices);
        for (w, h) in [(80, 24), (120, 40)] {
            insta::assert_snapshot!(format!("prices_{code}_{w}x{h}"), draw(&app, w, h, &lib));
        }
        update(&mut app, Action::OpenSelected);
        insta::assert_snapshot!(format!("price_edit_{code}_80x24"), draw(&app, 80, 24, &lib));

        let mut app = App::new(
            lang,
            common::clock(),
            lib.clone(),
            Start::Open(lib.path_for(DEMO_T1.parse().unwrap())),
        );
        // The kind of participant: a choice, its list opened with Enter.
        update(&mut app, Action::NextField);
        update(&mut app, Action::NextField);
        update(&mut app, Action::OpenPicker);
        freeze(&mut app);
        for (w, h) in [(80, 24), (120, 40)] {
            insta::assert_snapshot!(format!("picker_{code}_{w}x{h}"), draw(&app, w, h, &lib));
        }
        update(&mut app, Action::Back);
        update(&mut app, Action::QuickQuote);
        for c in "Ik slaap weer.".chars() {
            update(
                &mut app,
                Action::TextInput(ratatui::crossterm::event::KeyEvent::from(
                    ratatui::crossterm::event::KeyCode::Char(c),
                )),
            );
        }
        freeze(&mut app);
        for (w, h) in [(80, 24), (120, 40)] {
            insta::assert_snapshot!(format!("quote_{code}_{w}x{h}"), draw(&app, w, h, &lib));
        }
    }
}

#[test]
fn the_table_view_scrolls_to_its_end_on_a_small_terminal() {
    let (_d, lib) = demo_library();
    let mut app = App::new(
        Lang::Nl,
        common::clock(),
        lib.clone(),
        Start::Open(lib.path_for(DEMO_T1.parse().unwrap())),
    );
    update(&mut app, Action::GoToPhase(Phase::Outcomes));
    update(&mut app, Action::ToggleTableView);
    freeze(&mut app);
    let top = draw(&app, 80, 24, &lib);
    assert!(top.contains("↓ meer"), "says there is more:\n{top}");
    assert!(!top.contains("niet hetzelfde"), "{top}");
    for _ in 0..40 {
        update(&mut app, Action::SelectDown);
    }
    let end = draw(&app, 80, 24, &lib);
    assert!(!end.contains("↓ meer"), "{end}");
    // The caveat under the bars is the view's last line.
    let caveat = tafel::i18n::Lang::Nl.texts().change_caveat;
    assert!(end.contains(&caveat[..20]), "{end}");
    // One ↑ moves back at once, however often ↓ was pressed past the end.
    update(&mut app, Action::SelectUp);
    let back = draw(&app, 80, 24, &lib);
    assert_ne!(back, end);
    assert!(back.contains("↓ meer"), "{back}");
    // Another phase starts at the top again.
    update(&mut app, Action::NextPhase);
    update(&mut app, Action::PrevPhase);
    assert_eq!(draw(&app, 80, 24, &lib), top);
}

#[test]
fn the_save_state_is_never_cut_from_the_header() {
    let (_d, lib) = demo_library();
    for lang in [Lang::Nl, Lang::En] {
        let mut app = App::new(
            lang,
            common::clock(),
            lib.clone(),
            Start::Open(lib.path_for(DEMO_T1.parse().unwrap())),
        );
        freeze(&mut app);
        let saved = lang.texts().ui.saved;
        for w in [60, 64, 70, 80, 90, 100, 110, 120, 140, 160, 200] {
            let screen = draw(&app, w, 24, &lib);
            let header = screen.lines().next().unwrap();
            assert!(header.ends_with(saved), "{w}: {header}");
        }
    }
}

#[test]
fn the_handout_preview_at_80x24_and_120x40() {
    let (_d, lib) = demo_library();
    let mut app = App::new(
        Lang::Nl,
        common::clock(),
        lib.clone(),
        Start::Open(lib.path_for(DEMO_T1.parse().unwrap())),
    );
    update(&mut app, Action::GoToPhase(Phase::WrapUp));
    update(&mut app, Action::ToggleHandout);
    update(&mut app, Action::SelectDown);
    update(&mut app, Action::Toggle);
    freeze(&mut app);
    for (w, h) in [(80, 24), (120, 40)] {
        insta::assert_snapshot!(
            format!("handout_preview_nl_{w}x{h}"),
            draw(&app, w, h, &lib)
        );
    }
}
