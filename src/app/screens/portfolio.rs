//! The portfolio of one project (Ctrl+O in the library, on any of its sessions): worked
//! out on a thread of its own, so the screen answers keys while thousands of files are
//! read; shown as the text report, scrolled with ↑ ↓ PgUp PgDn.

use std::sync::mpsc::{Receiver, TryRecvError};

use crate::app::action::Action;
use crate::app::scroll::Scroll;
use crate::app::state::{App, Screen};
use crate::i18n::Lang;
use crate::model::Cents;
use crate::store::Library;

/// What the background thread hands over.
pub struct Ready {
    pub lines: Vec<String>,
    /// Per payer: its label and the difference over the cases (for the bars).
    pub bars: Vec<(String, Cents)>,
    /// The portfolio as HTML, for Ctrl+E.
    pub html: String,
    /// The sessions it is made of.
    pub sessions: Vec<uuid::Uuid>,
}

pub struct PortfolioView {
    pub project: String,
    pub ready: Option<Ready>,
    pub error: Option<String>,
    rx: Option<Receiver<Result<Ready, String>>>,
    pub scroll: Scroll,
}

impl PortfolioView {
    /// Starts working out the portfolio of `project` (demo cases count only when it is
    /// a demo project).
    pub fn start(
        library: &Library,
        project: String,
        include_demo: bool,
        lang: Lang,
        today: chrono::NaiveDate,
    ) -> PortfolioView {
        let (tx, rx) = std::sync::mpsc::channel();
        let library = library.clone();
        let name = project.clone();
        std::thread::spawn(move || {
            let _ = tx.send(work(&library, &name, include_demo, lang, today));
        });
        PortfolioView {
            project,
            ready: None,
            error: None,
            rx: Some(rx),
            scroll: Scroll::default(),
        }
    }

    /// Takes the result when the thread is done.
    pub fn poll(&mut self) {
        let Some(rx) = &self.rx else { return };
        match rx.try_recv() {
            Ok(Ok(ready)) => {
                self.ready = Some(ready);
                self.rx = None;
            }
            Ok(Err(e)) => {
                self.error = Some(e);
                self.rx = None;
            }
            Err(TryRecvError::Empty) => {}
            Err(TryRecvError::Disconnected) => self.rx = None,
        }
    }
}

/// The portfolio of `project`, as the command line makes it (`tafel portfolio PROJECT`).
fn work(
    library: &Library,
    project: &str,
    include_demo: bool,
    lang: Lang,
    today: chrono::NaiveDate,
) -> Result<Ready, String> {
    let level = crate::report::portfolio::default_level(&crate::catalog::Catalog::builtin());
    let crate::report::portfolio::Gathered {
        portfolio,
        hygiene,
        figures,
        ..
    } = crate::report::portfolio::gather(library, level, Some(project), today, include_demo, false)
        .map_err(|e| e.to_string())?;
    let learned = crate::report::portfolio::learned(library, &portfolio);
    let doc = crate::report::portfolio::document(
        &portfolio,
        &hygiene,
        &learned,
        lang,
        crate::report::portfolio::Audience::Team,
    );
    let text = crate::report::text::render(&doc);
    let bars = portfolio
        .projects
        .iter()
        .flat_map(|p| {
            p.per_payer.iter().map(|pp| {
                let label =
                    crate::report::portfolio::payer_label(&pp.payer_label, &pp.payer_id, lang);
                (label, pp.difference_cents)
            })
        })
        .collect();
    let sessions = figures
        .iter()
        .filter(|f| f.project == project)
        .map(|f| f.session_id)
        .collect();
    Ok(Ready {
        lines: text.lines().map(str::to_string).collect(),
        bars,
        html: crate::report::html::render(&doc),
        sessions,
    })
}

pub(crate) fn handle(app: &mut App, action: Action) {
    let Screen::Portfolio(v) = &mut app.screen else {
        return;
    };
    if v.scroll.apply(&action) {
        return;
    }
    if action == Action::Back {
        app.show_library();
    }
}
