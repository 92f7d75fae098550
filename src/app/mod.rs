//! The interactive program: one synchronous loop of
//! terminal event -> keymap -> [`Action`] -> [`update`] -> render (which only reads state),
//! with a tick for the clocks and autosave. Saving runs on its own thread
//! ([`autosave`]); signals and a closed terminal are handled in [`signals`].

pub mod action;
pub mod autosave;
pub mod form;
pub mod input;
pub mod keymap;
pub mod library;
pub mod prices;
pub mod signals;
pub mod state;
pub mod terminal;
pub mod text_field;
pub mod update;

use std::io;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use ratatui::crossterm::event::{self, Event, KeyEventKind};
use ratatui::{DefaultTerminal, Terminal, backend::CrosstermBackend};

pub use action::Action;
pub use state::App;
pub use update::update;

use crate::cli::{CmdResult, Failure, Start};
use crate::i18n::Lang;
use crate::store::Library;

/// How long the loop waits for a key before a tick.
const TICK: Duration = Duration::from_millis(100);
/// The same while the library is being read, so the list fills in visibly.
const LOADING_TICK: Duration = Duration::from_millis(10);
/// Events taken at most before the screen is drawn again.
const MAX_BATCH: usize = 1024;

pub fn run(lib: &Library, lang: Lang, start: Start) -> CmdResult {
    let stop =
        signals::install().map_err(|e| Failure(format!("cannot set up signal handling: {e}")))?;
    let mut app = App::new(lang, lib.clone(), start);
    let shared = app.autosave.shared();
    install_panic_hook(Arc::clone(&shared), lang);
    signals::watchdog(&stop, Arc::clone(&shared), Duration::from_millis(500));

    terminal::enter().map_err(|e| {
        terminal::restore();
        Failure(format!("cannot take over the terminal: {e}"))
    })?;
    let result = CrosstermBackend::new(io::stdout());
    let mut terminal = match Terminal::new(result) {
        Ok(t) => t,
        Err(e) => {
            terminal::restore();
            return Err(Failure(format!("cannot draw on this terminal: {e}")));
        }
    };
    let outcome = event_loop(&mut terminal, &mut app, &stop);
    // Whatever happened, the newest text goes to disk before we leave; where it cannot
    // go, a copy goes elsewhere (the event loop may already have put one there).
    let saved = app.autosave.flush();
    let rescued = match &saved {
        autosave::SaveStatus::Failed(_) => app.rescued.take().or_else(|| app.autosave.rescue()),
        _ => None,
    };
    terminal::restore();
    // The index got a line per autosave; only the newest stays (earlier case codes go).
    if let state::Screen::Session(v) = &app.screen
        && v.read_only.is_none()
    {
        lib.compact_index_for(v.session.id);
    }
    let t = lang.texts();
    if let autosave::SaveStatus::Failed(e) = saved {
        eprintln!("tafel: {} {e}", t.ui.not_saved);
        match rescued {
            Some(p) => eprintln!("tafel: {}", (t.ui.rescued_to)(&p.display().to_string())),
            None => eprintln!("tafel: {}", t.ui.rescue_failed),
        }
        return Ok(ExitCode::FAILURE);
    }
    match outcome {
        Ok(Some(status)) => Ok(ExitCode::from(u8::try_from(status).unwrap_or(1))),
        Ok(None) => Ok(ExitCode::SUCCESS),
        Err(e) => Err(Failure(format!("{} {e}", t.ui.terminal_error))),
    }
}

/// Runs until the user quits (`None`) or a signal asks to stop (`Some(exit status)`).
fn event_loop(
    terminal: &mut DefaultTerminal,
    app: &mut App,
    stop: &signals::Stop,
) -> io::Result<Option<i32>> {
    let mut refused = false;
    loop {
        if let Some(status) = stop.requested() {
            // Unsaved text that cannot be saved nor rescued: a signal (not a hang-up) is
            // refused once, with a message; a second one ends the program.
            if status == signals::HANGUP_STATUS || refused {
                return Ok(Some(status));
            }
            if let autosave::SaveStatus::Failed(e) = app.autosave.flush() {
                match app.autosave.rescue() {
                    Some(path) => app.rescued = Some(path),
                    None => {
                        refused = true;
                        stop.clear();
                        let t = app.lang.texts();
                        let text = format!("{} ({})", t.ui.signal_refused, e.what);
                        app.signal_refused = true;
                        app.say(state::Level::Error, text);
                        continue;
                    }
                }
            }
            return Ok(Some(status));
        }
        terminal.draw(|frame| crate::ui::render(frame, app))?;
        if bench_quit() == Some(BenchQuit::FirstFrame) {
            return Ok(None);
        }
        // The library is read once its first frame is on screen.
        if let state::Screen::Library(l) = &mut app.screen {
            l.start();
        }
        let loading = matches!(&app.screen, state::Screen::Library(l) if l.is_loading());
        if bench_quit() == Some(BenchQuit::Loaded) && !loading {
            return Ok(None);
        }
        if event::poll(if loading { LOADING_TICK } else { TICK })? {
            // Take everything that is waiting, repair key sequences split by an Esc read
            // together with them (see `input`), handle it all, then draw once.
            let mut batch = vec![event::read()?];
            while batch.len() < MAX_BATCH && event::poll(Duration::ZERO)? {
                batch.push(event::read()?);
            }
            for e in input::repair(batch) {
                handle(app, e);
                if app.quit {
                    break;
                }
            }
        }
        update(app, Action::Tick);
        if app.quit {
            return Ok(None);
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum BenchQuit {
    FirstFrame,
    Loaded,
}

/// For scripts/bench.sh only, so start-up can be timed from outside:
/// `TAFEL_BENCH_QUIT=first-frame` quits right after the first frame is drawn,
/// `TAFEL_BENCH_QUIT=loaded` as soon as the whole library has been read and drawn.
fn bench_quit() -> Option<BenchQuit> {
    static MODE: std::sync::OnceLock<Option<BenchQuit>> = std::sync::OnceLock::new();
    *MODE.get_or_init(|| match std::env::var("TAFEL_BENCH_QUIT").ok()?.as_str() {
        "first-frame" => Some(BenchQuit::FirstFrame),
        "loaded" => Some(BenchQuit::Loaded),
        _ => None,
    })
}

/// For the panic test only: `TAFEL_TEST_PANIC_ON_KEY=<char>` makes typing that character
/// panic, so the test can prove that a panic saves and restores the terminal.
fn test_panic_key() -> Option<char> {
    static KEY: std::sync::OnceLock<Option<char>> = std::sync::OnceLock::new();
    *KEY.get_or_init(|| {
        std::env::var("TAFEL_TEST_PANIC_ON_KEY")
            .ok()
            .and_then(|v| v.chars().next())
    })
}

fn handle(app: &mut App, e: Event) {
    match e {
        Event::Key(k) if k.kind == KeyEventKind::Press || k.kind == KeyEventKind::Repeat => {
            if let ratatui::crossterm::event::KeyCode::Char(c) = k.code
                && test_panic_key() == Some(c)
            {
                panic!("test panic requested with TAFEL_TEST_PANIC_ON_KEY");
            }
            if let Some(action) = keymap::map_key(app, k) {
                update(app, action);
            }
        }
        Event::Paste(text) => update(app, Action::Paste(text)),
        _ => {}
    }
}

/// On a panic anywhere: save the newest copy, give the terminal back, say where the data is.
fn install_panic_hook(shared: Arc<autosave::Shared>, lang: Lang) {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let status = shared.save_pending();
        terminal::restore();
        let t = lang.texts();
        let saved = match status {
            autosave::SaveStatus::Failed(e) => match shared.rescue() {
                Some(p) => format!(
                    "{} {e} {}",
                    t.ui.not_saved,
                    (t.ui.rescued_to)(&p.display().to_string())
                ),
                None => format!("{} {e} {}", t.ui.not_saved, t.ui.rescue_failed),
            },
            _ => t.ui.panic_saved.to_string(),
        };
        let place = shared
            .path()
            .map(|p| p.display().to_string())
            .unwrap_or_default();
        eprintln!("\ntafel: {} {saved} {place}\n", t.ui.panic_intro);
        previous(info);
    }));
}
