//! The wall (Ctrl+T) as the table sees it: drawn with `TestBackend` for two demo cases at
//! 80×24 and 160×45, with colour and with `NO_COLOR`. Each snapshot holds the characters
//! and, under them, what each cell looks like: `R` reversed (a bar of what happened),
//! `S` the chosen item, `U` underlined, `c` coloured only, `.` plain. Without colour the
//! lanes and payers must still differ in the characters and the `R`s alone.
//!
//! One test in its own binary: the colour switch holds for the whole process.

mod common;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::style::{Color, Modifier};
use tafel::app::Start;
use tafel::app::state::Screen;
use tafel::app::{Action, App, update};
use tafel::i18n::Lang;
use tafel::model::Phase;
use tafel::store::Library;

/// De Graasj T0 (a long trajectory, many bars) and Ontschotten en Verbinden T1 (a
/// follow-up, with items taken over from T0).
const CASES: [(&str, &str); 2] = [
    ("gr07_t0", "4b7e2c91-3d5a-4f08-9c6e-2a1d8b7f0e31"),
    ("ov03_t1", "e61b4f08-9a2c-4e75-b3d9-0f8a6c1e5d42"),
];

fn draw(app: &App, w: u16, h: u16, lib: &Library) -> String {
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    terminal.draw(|f| tafel::ui::render(f, app)).unwrap();
    let buf = terminal.backend().buffer();
    let mut chars = String::new();
    let mut looks = String::new();
    for y in 0..h {
        let line: String = (0..w).map(|x| buf[(x, y)].symbol()).collect();
        chars.push_str(line.trim_end());
        chars.push('\n');
        let look: String = (0..w)
            .map(|x| {
                let c = &buf[(x, y)];
                let m = c.modifier;
                if m.contains(Modifier::REVERSED) && m.contains(Modifier::UNDERLINED) {
                    'S'
                } else if m.contains(Modifier::REVERSED) {
                    'R'
                } else if m.contains(Modifier::UNDERLINED) {
                    'U'
                } else if c.fg != Color::Reset {
                    'c'
                } else {
                    '.'
                }
            })
            .collect();
        looks.push_str(look.trim_end_matches('.'));
        looks.push('\n');
    }
    format!("{chars}--- looks ---\n{looks}").replace(&lib.root().display().to_string(), "<data>")
}

/// A library holding the demo sessions.
fn demo_library() -> (tempfile::TempDir, Library) {
    let dir = tempfile::tempdir().unwrap();
    let lib = Library::open(&dir.path().join("data")).unwrap();
    for s in tafel::demo::sessions(&tafel::catalog::Catalog::builtin()) {
        lib.save(&s).unwrap();
    }
    (dir, lib)
}

#[test]
fn the_wall_of_two_demo_cases_at_two_sizes_with_and_without_colour() {
    let (_dir, lib) = demo_library();
    for (name, id) in CASES {
        let mut app = App::new(
            Lang::Nl,
            common::clock(),
            lib.clone(),
            Start::Open(lib.path_for(id.parse().unwrap())),
        );
        update(&mut app, Action::GoToPhase(Phase::LookingBack));
        update(&mut app, Action::ToggleWall);
        // The second item: an event or bar other than the first is chosen and detailed.
        update(&mut app, Action::SelectDown);
        app.today = chrono::NaiveDate::from_ymd_opt(2026, 11, 28).unwrap();
        if let Screen::Session(v) = &app.screen {
            app.now = v.phase_entered;
        }
        for (no_color, suffix) in [(false, "colour"), (true, "no_color")] {
            tafel::ui::theme::set_no_color(Some(no_color));
            for (w, h) in [(80, 24), (160, 45)] {
                // Twice: the first frame tells the wall how many months fit.
                draw(&app, w, h, &lib);
                insta::assert_snapshot!(
                    format!("wall_{name}_{w}x{h}_{suffix}"),
                    draw(&app, w, h, &lib)
                );
            }
        }
        tafel::ui::theme::set_no_color(None);
    }
}

#[test]
fn a_wall_wider_than_the_screen_moves_in_time_and_follows_the_chosen_item() {
    let dir = tempfile::tempdir().unwrap();
    let lib = Library::open(&dir.path().join("data")).unwrap();
    let mut sessions = tafel::demo::sessions(&tafel::catalog::Catalog::builtin());
    // De Graasj T0, with its first support started in January 2023: three years.
    let s = &mut sessions[0];
    assert_eq!(s.id.to_string(), CASES[0].1);
    s.looking_back.activities[0].from = Some(tafel::model::dates::PartialDate::Month(2023, 1));
    for s in &sessions {
        lib.save(s).unwrap();
    }
    let mut app = App::new(
        Lang::En,
        common::clock(),
        lib.clone(),
        Start::Open(lib.path_for(sessions[0].id)),
    );
    update(&mut app, Action::ToggleWall);
    // 60 columns: 18 months of 3 columns, of the 36 the trajectory takes.
    let axis = |app: &App| draw(app, 60, 30, &lib).lines().nth(4).unwrap().to_string();
    let first = axis(&app);
    assert!(first.contains("│  1  2  3"), "January 2023 first: {first}");
    update(&mut app, Action::Later);
    update(&mut app, Action::Later);
    let moved = axis(&app);
    assert!(moved.contains("│  3  4  5"), "two months on: {moved}");
    // No further than the end, and back no further than the start.
    for _ in 0..60 {
        update(&mut app, Action::Later);
    }
    let end = axis(&app);
    assert!(
        end.trim_end_matches([' ', '│']).ends_with("12"),
        "December 2025 last: {end}"
    );
    for _ in 0..60 {
        update(&mut app, Action::Earlier);
    }
    assert_eq!(axis(&app), first);
    // Choosing an item late in the trajectory brings it on screen.
    for _ in 0..40 {
        update(&mut app, Action::SelectDown);
    }
    let screen = draw(&app, 60, 30, &lib);
    assert!(
        screen.contains("▶"),
        "the chosen item is in sight:\n{screen}"
    );
    assert_ne!(axis(&app), first, "the axis followed it");
}

#[test]
fn the_wall_and_the_handout_preview_never_panic_at_any_size() {
    let (_dir, lib) = demo_library();
    let mut app = App::new(
        Lang::En,
        common::clock(),
        lib.clone(),
        Start::Open(lib.path_for(CASES[1].1.parse().unwrap())),
    );
    update(&mut app, Action::ToggleWall);
    assert!(matches!(&app.screen, Screen::Session(v) if v.wall().is_some()));
    for _ in 0..7 {
        update(&mut app, Action::SelectDown);
        update(&mut app, Action::Later);
    }
    let sizes = [
        (1, 1),
        (20, 5),
        (59, 15),
        (60, 16),
        (61, 17),
        (79, 23),
        (110, 30),
        (300, 80),
    ];
    for (w, h) in sizes {
        draw(&app, w, h, &lib);
    }
    update(&mut app, Action::Back);
    update(&mut app, Action::ToggleHandout);
    assert!(matches!(&app.screen, Screen::Session(v) if v.handout().is_some()));
    for (w, h) in sizes {
        draw(&app, w, h, &lib);
    }
    update(&mut app, Action::Back);
    // A wall with nothing on it says so.
    let empty = tafel::model::Session::new(
        &common::clock(),
        Vec::new(),
        tafel::model::PriceList::default(),
        vec![],
    );
    lib.save(&empty).unwrap();
    let mut app = App::new(
        Lang::Nl,
        common::clock(),
        lib.clone(),
        Start::Open(lib.path_for(empty.id)),
    );
    update(&mut app, Action::ToggleWall);
    assert!(draw(&app, 80, 24, &lib).contains("Nog niets op de tijdlijn"));
}
