//! `cargo bench --bench frames [-- word...]`: the costs that decide whether tafel feels
//! instant, each the median of many runs, printed as `name  value unit`.
//! scripts/bench.sh runs this and sets each figure against its floor.
//!
//! A plain timing loop instead of a bench framework: the figures are compared with floors
//! measured in the same run (a bare write, reading the files), which a framework's
//! statistics do not give, and the build stays light on two cores.
//!
//! - a keystroke frame (one typed character, then a full draw including the terminal
//!   diff and escape codes) of every phase at 80x24 and 200x60;
//! - the same with a 50 KB note in the focused field, against a 2 KB note;
//! - choosing the next item on the wall (Ctrl+T), for the demo session and twenty times it;
//! - opening and saving one session, against a bare write + fsync of the same bytes;
//! - a library of 10,000 sessions: rebuilding the index, opening with the index, grouping,
//!   drawing and filtering the list, against reading every file (`cat`).

use std::time::{Duration, Instant};

use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};
use tafel::app::Start;
use tafel::app::form::FieldId;
use tafel::app::state::{LibraryView, Screen};
use tafel::app::{Action, App, update};
use tafel::catalog::Catalog;
use tafel::i18n::Lang;
use tafel::model::Phase;
use tafel::store::{Entry, Library};

type Term = Terminal<CrosstermBackend<std::io::Sink>>;

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

/// `cargo test --all-targets` runs this file too, without `--bench`: then every
/// measurement runs once on a small library, as a smoke test that it still works.
fn smoke() -> bool {
    !std::env::args().any(|a| a == "--bench")
}

fn time(runs: usize, mut f: impl FnMut()) -> Duration {
    let runs = if smoke() { 1 } else { runs };
    for _ in 0..3.min(runs) {
        f();
    }
    median(
        (0..runs)
            .map(|_| {
                let t = Instant::now();
                f();
                t.elapsed()
            })
            .collect(),
    )
}

fn report(name: &str, d: Duration) {
    println!("{name:<40} {:>12.1} us", d.as_secs_f64() * 1e6);
}

/// `cargo bench --bench frames -- <word>` runs only the measurements whose name has it.
fn wanted(name: &str) -> bool {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with('-'))
        .collect();
    args.is_empty() || args.iter().any(|a| name.contains(a.as_str()))
}

/// A terminal of `w`x`h` that writes real escape codes into nothing: the draw, the diff
/// and the encoding are measured, the terminal emulator is not.
fn terminal(w: u16, h: u16) -> Term {
    Terminal::with_options(
        CrosstermBackend::new(std::io::sink()),
        TerminalOptions {
            viewport: Viewport::Fixed(Rect::new(0, 0, w, h)),
        },
    )
    .unwrap()
}

fn keystroke(app: &mut App, terminal: &mut Term) {
    update(
        app,
        Action::TextInput(KeyEvent::new(KeyCode::Char('a'), KeyModifiers::NONE)),
    );
    terminal.draw(|f| tafel::ui::render(f, app)).unwrap();
}

fn focus_text_field(app: &mut App) {
    for _ in 0..200 {
        if let Screen::Session(v) = &app.screen
            && v.editor.is_some()
        {
            return;
        }
        update(app, Action::NextField);
    }
}

fn main() {
    let dir = tempfile::tempdir().unwrap();
    let lib = Library::open(&dir.path().join("data")).unwrap();
    let catalog = Catalog::builtin();
    for s in tafel::demo::sessions(&catalog) {
        lib.save(&s).unwrap();
    }
    let t1 = lib.path_for("8d2f6a13-7c4e-4b9a-a5d1-6e0c3f9b2a74".parse().unwrap());

    for (w, h) in [(80u16, 24u16), (200, 60)] {
        for phase in Phase::ALL {
            let name = format!("frame.key.{phase:?}.{w}x{h}");
            if !wanted(&name) {
                continue;
            }
            let mut app = App::new(
                Lang::Nl,
                tafel::model::Clock::system(),
                lib.clone(),
                Start::Open(t1.clone()),
            );
            update(&mut app, Action::GoToPhase(phase));
            focus_text_field(&mut app);
            let mut terminal = terminal(w, h);
            report(&name, time(300, || keystroke(&mut app, &mut terminal)));
        }
    }
    for (kb, sep, at_start) in [
        (2usize, "\n", false),
        (50, "\n", false),
        (50, " ", false),
        (50, " ", true),
    ] {
        let name = match (sep, at_start) {
            (" ", false) => format!("frame.key.note{kb}k_one_paragraph.200x60"),
            (" ", true) => format!("frame.key.note{kb}k_one_paragraph_typing_at_start.200x60"),
            _ => format!("frame.key.note{kb}k.200x60"),
        };
        if !wanted(&name) {
            continue;
        }
        let mut app = App::new(
            Lang::Nl,
            tafel::model::Clock::system(),
            lib.clone(),
            Start::Open(t1.clone()),
        );
        update(&mut app, Action::GoToPhase(Phase::WrapUp));
        let notes = {
            let Screen::Session(v) = &app.screen else {
                unreachable!()
            };
            v.fields()
                .iter()
                .position(|f| *f == FieldId::Notes)
                .unwrap()
        };
        for _ in 0..notes {
            update(&mut app, Action::NextField);
        }
        let text = format!("Dit is een zin uit het gesprek, met een ë en een é.{sep}")
            .repeat(kb * 1024 / 52);
        update(&mut app, Action::Paste(text));
        if at_start {
            update(
                &mut app,
                Action::TextInput(KeyEvent::new(KeyCode::Home, KeyModifiers::CONTROL)),
            );
        }
        let mut terminal = terminal(200, 60);
        report(&name, time(300, || keystroke(&mut app, &mut terminal)));
    }

    // The wall (Ctrl+T): choosing the next item redraws it whole. The demo session, and
    // the same with every event and activity of both scenarios twenty times over.
    for copies in [1usize, 20] {
        let name = format!("frame.key.wall_x{copies}.200x60");
        if !wanted(&name) {
            continue;
        }
        let mut s = tafel::store::load(&t1).unwrap().session;
        s.id = uuid::Uuid::new_v4();
        for (events, activities) in [
            (&mut s.looking_back.events, &mut s.looking_back.activities),
            (&mut s.alternative.events, &mut s.alternative.activities),
        ] {
            let (e0, a0) = (events.clone(), activities.clone());
            for n in 1..copies {
                events.extend(e0.iter().cloned().map(|mut e| {
                    e.id = format!("{}-{n}", e.id);
                    e
                }));
                activities.extend(a0.iter().cloned().map(|mut a| {
                    a.id = format!("{}-{n}", a.id);
                    a
                }));
            }
        }
        let path = lib.save(&s).unwrap();
        let mut app = App::new(
            Lang::Nl,
            tafel::model::Clock::system(),
            lib.clone(),
            Start::Open(path),
        );
        update(&mut app, Action::ToggleWall);
        let mut terminal = terminal(200, 60);
        let mut down = true;
        report(
            &name,
            time(300, || {
                // Down and up in turn, so every run moves the choice.
                update(
                    &mut app,
                    if down {
                        Action::SelectDown
                    } else {
                        Action::SelectUp
                    },
                );
                terminal.draw(|f| tafel::ui::render(f, &app)).unwrap();
                down = !down;
            }),
        );
    }

    if wanted("session") {
        let size = std::fs::metadata(&t1).unwrap().len();
        println!("{:<40} {:>12} bytes", "session.size", size);
        report(
            "session.open",
            time(200, || {
                tafel::store::load(&t1).unwrap();
            }),
        );
        let session = tafel::store::load(&t1).unwrap().session;
        report(
            "session.save",
            time(100, || {
                lib.save(&session).unwrap();
            }),
        );
        // The bytes an autosave writes.
        let bytes = tafel::store::encode::session_bytes(&session).unwrap();
        // The autosave's write against the textbook durable write (named temp file, fsync,
        // rename, fsync of the folder) in plain std, and a bare write + fsync, all of the
        // same bytes into the same folder (a folder's fsync costs what its folder holds).
        // They take turns, each in every position, so noise on a shared disk hits all alike.
        let folder = t1.parent().unwrap().to_path_buf();
        let bare = folder.join("bare.json");
        let plain = folder.join("plain.json");
        let plain_tmp = folder.join(".plain.json.tmp");
        let textbook = || {
            use std::io::Write;
            let mut f = std::fs::File::create(&plain_tmp).unwrap();
            f.write_all(&bytes).unwrap();
            f.sync_all().unwrap();
            drop(f);
            std::fs::rename(&plain_tmp, &plain).unwrap();
            std::fs::File::open(&folder).unwrap().sync_all().unwrap();
        };
        let bare_write = || {
            use std::io::Write;
            let mut f = std::fs::File::create(&bare).unwrap();
            f.write_all(&bytes).unwrap();
            f.sync_all().unwrap();
        };
        let ours = || tafel::store::atomic::write_atomic(&t1, &bytes).unwrap();
        let mut runs: [Vec<Duration>; 3] = [Vec::new(), Vec::new(), Vec::new()];
        for round in 0..if smoke() { 3 } else { 300 } {
            for k in 0..3 {
                let which = (round + k) % 3;
                let t = Instant::now();
                match which {
                    0 => ours(),
                    1 => textbook(),
                    _ => bare_write(),
                }
                runs[which].push(t.elapsed());
            }
        }
        let [safe_runs, plain_runs, bare_runs] = runs;
        report("session.write_atomic", median(safe_runs));
        report("session.bare_write_fsync", median(bare_runs));
        report("session.textbook_safe_write", median(plain_runs));
        for p in [&bare, &plain] {
            let _ = std::fs::remove_file(p);
        }

        // A save into an encrypted library against the same save into a plain one, all
        // alternating: serialising, encrypting, the safe write. Every file is encrypted
        // to the library's own key, so a save costs one X25519 exchange whatever the
        // size of the team: measured with a team of 1, of 4 (three facilitators and a
        // researcher, as in issue 18) and of 20.
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 30).unwrap();
        let own = age::x25519::Identity::generate();
        tafel::store::vault::unlock(own.clone());
        let sealed_libs: Vec<(usize, Library)> = [1usize, 4, 20]
            .into_iter()
            .map(|members| {
                let l = Library::open(&dir.path().join(format!("sealed-{members}"))).unwrap();
                let others: Vec<(String, age::x25519::Recipient)> = (1..members)
                    .map(|n| {
                        let key = age::x25519::Identity::generate().to_public();
                        (format!("member {n}"), key)
                    })
                    .collect();
                let others: Vec<(&str, age::x25519::Recipient)> = others
                    .iter()
                    .map(|(n, k)| (n.as_str(), k.clone()))
                    .collect();
                let (settings, _) = tafel::store::vault::settings::Settings::encrypted_by(
                    ("member 0", &own),
                    &others,
                    today,
                )
                .unwrap();
                settings.write(l.root()).unwrap();
                (members, l)
            })
            .collect();
        let mut sealed_runs = vec![Vec::new(); sealed_libs.len()];
        let mut plain_save_runs = Vec::new();
        for _ in 0..if smoke() { 1 } else { 200 } {
            for ((_, l), runs) in sealed_libs.iter().zip(&mut sealed_runs) {
                let t = Instant::now();
                l.save(&session).unwrap();
                runs.push(t.elapsed());
            }
            let t = Instant::now();
            lib.save(&session).unwrap();
            plain_save_runs.push(t.elapsed());
        }
        for ((members, l), runs) in sealed_libs.iter().zip(sealed_runs) {
            let bytes = std::fs::read(l.path_for(session.id)).unwrap();
            assert_eq!(
                tafel::store::vault::stanzas(&bytes),
                Some(1),
                "one key exchange per save"
            );
            report(
                &format!("session.save_encrypted_{members}members"),
                median(runs),
            );
        }
        report("session.save_plain", median(plain_save_runs));
        let library_key = [age::x25519::Identity::generate().to_public()];
        report(
            "session.seal_only",
            time(200, || {
                tafel::store::vault::seal(&bytes, &library_key).unwrap();
            }),
        );
    }

    let library_parts = [
        "read_all_files",
        "scan_rebuild",
        "scan_indexed",
        "group_and_sort",
        "frame",
        "filter_key",
    ];
    if library_parts
        .iter()
        .any(|p| wanted(&format!("library.{p}")))
    {
        let part = |p: &str| wanted(&format!("library.{p}"));
        let n: usize = std::env::var("TAFEL_BENCH_SESSIONS")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(if smoke() { 60 } else { 10_000 });
        let big = tempfile::tempdir().unwrap();
        let biglib = Library::open(big.path()).unwrap();
        tafel::demo::write_synthetic_library(&catalog, &biglib.sessions_dir(), n).unwrap();
        let files: Vec<_> = std::fs::read_dir(biglib.sessions_dir())
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "json"))
            .collect();
        let cat = time(if part("read_all_files") { 5 } else { 1 }, || {
            for f in &files {
                std::hint::black_box(std::fs::read(f).unwrap());
            }
        });
        report(&format!("library.{n}.read_all_files"), cat);
        let index = tafel::store::index::index_path(&biglib.sessions_dir());
        if part("scan_rebuild") {
            report(
                &format!("library.{n}.scan_rebuild"),
                time(3, || {
                    let _ = std::fs::remove_file(&index);
                    assert_eq!(biglib.scan().unwrap().len(), n);
                }),
            );
        }
        biglib.scan().unwrap();
        if part("scan_indexed") {
            report(
                &format!("library.{n}.scan_indexed"),
                time(10, || {
                    assert_eq!(biglib.scan().unwrap().len(), n);
                }),
            );
        }
        if part("group_and_sort") {
            let summaries: Vec<_> = biglib
                .scan()
                .unwrap()
                .into_iter()
                .filter_map(|e| match e {
                    Entry::Session(s) => Some(s),
                    Entry::Unreadable { .. } => None,
                })
                .collect();
            let runs: Vec<Duration> = (0..if smoke() { 1 } else { 10 })
                .map(|_| {
                    let entries: Vec<Entry> =
                        summaries.iter().cloned().map(Entry::Session).collect();
                    let t = Instant::now();
                    std::hint::black_box(LibraryView::new(entries));
                    t.elapsed()
                })
                .collect();
            report(&format!("library.{n}.group_and_sort"), median(runs));
        }
        let mut app = App::new(
            Lang::Nl,
            tafel::model::Clock::system(),
            biglib.clone(),
            Start::Library,
        );
        app.wait_for_library();
        let mut terminal = terminal(200, 60);
        if part("frame") {
            report(
                &format!("library.{n}.frame.200x60"),
                time(100, || {
                    update(&mut app, Action::SelectDown);
                    terminal.draw(|f| tafel::ui::render(f, &app)).unwrap();
                }),
            );
        }
        if part("filter_key") {
            report(
                &format!("library.{n}.filter_key"),
                time(50, || {
                    update(&mut app, Action::FilterChar('7'));
                    terminal.draw(|f| tafel::ui::render(f, &app)).unwrap();
                    update(&mut app, Action::FilterBackspace);
                }),
            );
        }
        println!(
            "{:<40} {:>12} bytes",
            format!("library.{n}.index_size"),
            std::fs::metadata(&index).unwrap().len()
        );
    }
}
