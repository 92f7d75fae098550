//! The terminal side of the interactive program: taking over the terminal and always
//! giving it back ([`terminal`]), the event loop (events -> [`input::repair`] -> keymap ->
//! `update` -> draw), signals and a closed terminal window ([`signals`]), and the panic
//! hook. Everything that changes state goes through `app::update`.

mod hooks;
pub mod input;
pub mod signals;
pub mod terminal;

use std::io;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use ratatui::crossterm::event::{self, Event, KeyEventKind};
use ratatui::{DefaultTerminal, Terminal, backend::CrosstermBackend};

use crate::app::{Action, App, Start, autosave, keymap, mouse, state, update};
use crate::i18n::Lang;
use crate::model::Clock;
use crate::store::Library;

/// How long the loop waits for a key before a tick.
const TICK: Duration = Duration::from_millis(100);
/// The same while the library is being read, so the list fills in visibly.
const LOADING_TICK: Duration = Duration::from_millis(10);
/// Events taken at most before the screen is drawn again.
const MAX_BATCH: usize = 1024;

/// The terminal could not be used (the session is saved whatever happens).
#[derive(Debug)]
pub enum Error {
    Signals(io::Error),
    /// Raw mode, the alternate screen: not a terminal, or one that refuses.
    Terminal(io::Error),
    /// Drawing or reading keys failed on the way.
    Loop(io::Error),
}

impl Error {
    /// The reason in the user's language (the system's own words in brackets).
    pub fn explain(&self, lang: Lang) -> String {
        let t = &lang.texts().ui;
        match self {
            Error::Signals(e) => format!("{} [{e}]", t.tui_no_signals),
            Error::Terminal(e) => format!("{} [{e}]", t.tui_no_terminal),
            Error::Loop(e) => format!("{} [{e}]", t.terminal_error),
        }
    }
}

/// Runs the interactive program on `lib` until the user quits or a signal stops it.
pub fn run(lib: &Library, lang: Lang, clock: Clock, start: Start) -> Result<ExitCode, Error> {
    let stop = signals::install().map_err(Error::Signals)?;
    let mut app = App::new(lang, clock, lib.clone(), start);
    let shared = app.autosave.shared();
    install_panic_hook(Arc::clone(&shared), lang);
    signals::watchdog(&stop, Arc::clone(&shared), Duration::from_millis(500));

    terminal::enter().map_err(|e| {
        terminal::restore();
        Error::Terminal(e)
    })?;
    let mut terminal = match Terminal::new(CrosstermBackend::new(io::stdout())) {
        Ok(t) => t,
        Err(e) => {
            terminal::restore();
            return Err(Error::Terminal(e));
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
        Err(e) => Err(Error::Loop(e)),
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
        if hooks::bench_quit() == Some(hooks::BenchQuit::FirstFrame) {
            return Ok(None);
        }
        // The library is read once its first frame is on screen.
        update(app, Action::Drawn);
        let loading = matches!(&app.screen, state::Screen::Library(l) if l.is_loading());
        if hooks::bench_quit() == Some(hooks::BenchQuit::Loaded) && !loading {
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

fn handle(app: &mut App, e: Event) {
    match e {
        Event::Key(k) if k.kind == KeyEventKind::Press || k.kind == KeyEventKind::Repeat => {
            if let ratatui::crossterm::event::KeyCode::Char(c) = k.code
                && hooks::test_panic_key() == Some(c)
            {
                panic!("test panic requested with TAFEL_TEST_PANIC_ON_KEY");
            }
            if let Some(action) = keymap::map_key(app, k) {
                update(app, action);
            }
        }
        Event::Paste(text) => update(app, Action::Paste(text)),
        Event::Mouse(m) => {
            if let Some(action) = mouse::map_mouse(app, m) {
                update(app, action);
            }
        }
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
