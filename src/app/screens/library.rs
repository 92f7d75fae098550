//! The library screen's state: every session file, grouped by series, with a filter.
//!
//! The files are read on a background thread (from the index where it is current, see
//! [`crate::store::index`]) and arrive in batches, so the first frame never waits for
//! them. The grouped and filtered order is computed once per change, not per frame:
//! drawing a library of ten thousand sessions touches only the rows on screen.

use std::collections::{HashMap, HashSet};
use std::ops::ControlFlow;
use std::sync::mpsc::{self, Receiver, TryRecvError};
use std::time::{Duration, Instant};

use chrono::{DateTime, FixedOffset};
use uuid::Uuid;

use crate::app::action::Action;
use crate::app::state::{App, Level, Screen};
use crate::app::update::cannot_open;
use crate::model::{Session, series};
use crate::store::index::ScanEvent;
use crate::store::{self, Entry, Library, Summary};

/// How often a list that is still being read is grouped again as it fills in.
const GROUP_EVERY: Duration = Duration::from_millis(40);

enum Loaded {
    Event(ScanEvent),
    Done(Result<crate::store::index::ScanStats, String>),
}

/// The library: every session file, grouped by series, with a filter.
pub struct LibraryView {
    entries: Vec<Entry>,
    /// Lower-case text the filter searches, per entry.
    haystacks: Vec<String>,
    filter: String,
    /// Indexes into `entries`, grouped and sorted.
    grouped: Vec<usize>,
    /// The same, filtered: the rows on screen.
    order: Vec<usize>,
    /// Sessions of which a later wave exists.
    later_wave: HashSet<Uuid>,
    /// Series whose latest wave ended them, with how.
    ended: HashMap<Uuid, crate::store::SeriesEnded>,
    /// Ended series are left out of the list (Ctrl+A shows them again).
    pub hide_ended: bool,
    sessions: usize,
    /// Display width of the longest case code in the library (for a steady column).
    pub longest_case_code: usize,
    /// Index into the rows.
    pub selected: usize,
    /// A session to select as soon as it has been read (the one just closed).
    pub want_selected: Option<Uuid>,
    /// The file to move to the trash once confirmed (the file listed, not its id).
    pub confirm_delete: Option<std::path::PathBuf>,
    /// The row that matches the filter best (see `search`): where typing puts the
    /// selection.
    pub best: Option<usize>,
    /// The first session picked for a comparison (Ctrl+K), waiting for the second.
    pub marked: Option<Uuid>,
    /// The library still to be read: reading starts after the first frame.
    to_load: Option<Library>,
    /// Set while the scan runs (files being listed, then checked whole).
    loading: Option<Receiver<Loaded>>,
    /// Every file has been listed: the list is complete.
    listed: bool,
    /// When the list was last grouped while files were still being listed.
    grouped_at: Option<Instant>,
    /// Entries taken in since then, not grouped yet.
    ungrouped: bool,
    /// Why the folder could not be read, if it could not.
    pub error: Option<String>,
}

/// A line of the library list.
#[derive(Debug, Clone, Copy)]
pub enum LibraryRow<'a> {
    Session(&'a Summary),
    Unreadable(&'a Entry),
}

impl LibraryView {
    /// A view of entries that are already known (tests, benchmarks).
    pub fn new(entries: Vec<Entry>) -> LibraryView {
        let mut view = LibraryView {
            entries: Vec::new(),
            haystacks: Vec::new(),
            filter: String::new(),
            grouped: Vec::new(),
            order: Vec::new(),
            later_wave: HashSet::new(),
            ended: HashMap::new(),
            hide_ended: false,
            sessions: 0,
            longest_case_code: 0,
            selected: 0,
            want_selected: None,
            confirm_delete: None,
            best: None,
            marked: None,
            to_load: None,
            loading: None,
            listed: false,
            grouped_at: None,
            ungrouped: false,
            error: None,
        };
        view.entries = entries;
        view.regroup();
        view
    }

    /// A view that fills itself from `library` on a background thread, started by
    /// [`LibraryView::start`] once the first frame is on screen.
    pub fn load(library: &Library) -> LibraryView {
        let mut view = LibraryView::new(Vec::new());
        view.to_load = Some(library.clone());
        view
    }

    /// Whether the list is still being read (or about to be).
    pub fn is_loading(&self) -> bool {
        self.to_load.is_some() || (self.loading.is_some() && !self.listed)
    }

    /// Starts reading the files in the background, if that is still to be done.
    pub fn start(&mut self) {
        let Some(library) = self.to_load.take() else {
            return;
        };
        let (tx, rx) = mpsc::channel();
        let spawned = std::thread::Builder::new()
            .name("tafel-library".into())
            .spawn(move || {
                // When the view is gone (a session was opened), the scan stops.
                let result = library.scan_with(&mut |event| match tx.send(Loaded::Event(event)) {
                    Ok(()) => ControlFlow::Continue(()),
                    Err(_) => ControlFlow::Break(()),
                });
                let _ =
                    tx.send(Loaded::Done(result.map_err(|e| {
                        format!("{}: {e}", library.sessions_dir().display())
                    })));
            });
        match spawned {
            Ok(_) => self.loading = Some(rx),
            Err(e) => self.error = Some(e.to_string()),
        }
    }

    /// Takes what the background scan has found so far.
    pub fn poll(&mut self) {
        self.start();
        let Some(rx) = &self.loading else {
            return;
        };
        let mut batches = Vec::new();
        let mut replaced = Vec::new();
        let mut done = None;
        loop {
            match rx.try_recv() {
                Ok(Loaded::Event(ScanEvent::Batch(b))) => batches.push(b),
                Ok(Loaded::Event(ScanEvent::Replace(e))) => replaced.push(e),
                Ok(Loaded::Event(ScanEvent::Listed)) => self.listed = true,
                Ok(Loaded::Event(ScanEvent::Checked { .. })) => {}
                Ok(Loaded::Done(r)) => {
                    done = Some(r);
                    break;
                }
                Err(TryRecvError::Empty) => break,
                Err(TryRecvError::Disconnected) => {
                    done = Some(Err("the library could not be read".into()));
                    break;
                }
            }
        }
        let replacing = !replaced.is_empty();
        // A file that turned out broken when read whole replaces its entry.
        for entry in replaced {
            if Entry::replace_in(&mut self.entries, entry) {
                self.haystacks.clear();
            }
        }
        self.ungrouped |= !batches.is_empty();
        self.entries.extend(batches.into_iter().flatten());
        // While files are listed, the list is grouped again at most every GROUP_EVERY:
        // grouping ten thousand entries takes milliseconds, and doing it for every batch
        // took a tenth of a rebuild's time, on the cores that read the files.
        let due = self.listed
            || done.is_some()
            || self.grouped_at.is_none_or(|t| t.elapsed() >= GROUP_EVERY);
        if replacing || done.is_some() || (self.ungrouped && due) {
            self.regroup();
            self.ungrouped = false;
            self.grouped_at = Some(Instant::now());
        }
        if let Some(result) = done {
            self.listed = true;
            self.loading = None;
            if let Err(e) = result {
                self.error = Some(e);
            }
            self.refresh_selection();
        }
    }

    /// Waits until the background scan is complete (tests, benchmarks, the CLI).
    pub fn wait_loaded(&mut self) {
        self.start();
        while self.loading.is_some() {
            self.poll();
            if self.loading.is_some() {
                std::thread::sleep(Duration::from_millis(2));
            }
        }
    }

    /// Takes `entries` in and groups the list again at once (tests).
    #[cfg(test)]
    fn add(&mut self, entries: Vec<Entry>) {
        self.entries.extend(entries);
        self.regroup();
    }

    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    pub fn filter(&self) -> &str {
        &self.filter
    }

    pub fn set_filter(&mut self, filter: String) {
        self.filter = filter;
        self.apply_filter();
    }

    /// Recomputes the grouped order of all entries: sessions grouped by series (the
    /// series with the newest change first, waves in order), then unreadable files.
    fn regroup(&mut self) {
        let mut newest: HashMap<Uuid, DateTime<FixedOffset>> = HashMap::new();
        let mut top_wave: HashMap<Uuid, u32> = HashMap::new();
        self.sessions = 0;
        self.longest_case_code = 0;
        for e in &self.entries {
            // A copy under another name is listed beside its session, never counted.
            if let Entry::Session(s) = e
                && !s.is_copy()
            {
                self.sessions += 1;
                self.longest_case_code = self
                    .longest_case_code
                    .max(unicode_width::UnicodeWidthStr::width(s.case_code.as_str()));
                let n = newest.entry(s.series_id).or_insert(s.updated_at);
                *n = (*n).max(s.updated_at);
                let w = top_wave.entry(s.series_id).or_insert(s.wave);
                *w = (*w).max(s.wave);
            }
        }
        self.later_wave.clear();
        // A series has the status of its latest wave: ended there, or going on.
        self.ended = crate::store::series_ends(self.entries.iter().filter_map(|e| match e {
            Entry::Session(s) => Some(&**s),
            Entry::Unreadable { .. } => None,
        }));
        let mut keyed = Vec::with_capacity(self.sessions);
        let mut unreadable = Vec::new();
        for (i, e) in self.entries.iter().enumerate() {
            match e {
                Entry::Session(s) => {
                    if top_wave.get(&s.series_id).is_some_and(|w| *w > s.wave) {
                        self.later_wave.insert(s.id);
                    }
                    keyed.push((
                        std::cmp::Reverse(
                            newest.get(&s.series_id).copied().unwrap_or(s.updated_at),
                        ),
                        s.series_id,
                        // A wave's own file before its copies: the group's first row
                        // names the case, and a copy may say something else.
                        (s.wave, s.is_copy()),
                        s.created_at,
                        i,
                    ));
                }
                Entry::Unreadable { .. } => unreadable.push(i),
            }
        }
        let entries = &self.entries;
        let path = |i: usize| entries[i].path().as_os_str();
        keyed.sort_unstable_by(|a, b| {
            (a.0, a.1, a.2, a.3)
                .cmp(&(b.0, b.1, b.2, b.3))
                .then_with(|| path(a.4).cmp(path(b.4)))
        });
        unreadable.sort_unstable_by(|a, b| path(*a).cmp(path(*b)));
        self.grouped = keyed.into_iter().map(|k| k.4).chain(unreadable).collect();
        self.apply_filter();
    }

    /// Keeps the grouped entries that match every word of the filter. The selected
    /// session stays selected when rows arrive or move around it.
    fn apply_filter(&mut self) {
        let keep = match self.want_selected {
            Some(_) => None,
            None => self.selected_session().map(|s| s.id),
        };
        let words: Vec<String> = self
            .filter
            .to_lowercase()
            .split_whitespace()
            .map(str::to_string)
            .collect();
        let hidden = |i: usize| {
            self.hide_ended
                && matches!(&self.entries[i], Entry::Session(s) if self.ended.contains_key(&s.series_id))
        };
        if words.is_empty() {
            self.order = self
                .grouped
                .iter()
                .copied()
                .filter(|i| !hidden(*i))
                .collect();
            self.best = None;
        } else {
            // The text of each entry is lower-cased once, on the first filtering (10,000
            // rows per key); the rows keep their grouped order, and the best match
            // (see `search`) is where the selection goes.
            for e in &self.entries[self.haystacks.len()..] {
                self.haystacks.push(match e {
                    Entry::Session(s) => format!(
                        "{} {} t{} {} {}",
                        s.case_code,
                        s.project,
                        s.wave,
                        s.id,
                        s.date.map(|d| d.to_string()).unwrap_or_default()
                    )
                    .to_lowercase(),
                    Entry::Unreadable { path, .. } => path.display().to_string().to_lowercase(),
                });
            }
            let hay = &self.haystacks;
            let filter = words.join(" ");
            self.order.clear();
            self.best = None;
            let mut best_rank = None;
            for i in self.grouped.iter().copied() {
                if !words.iter().all(|w| hay[i].contains(w.as_str())) || hidden(i) {
                    continue;
                }
                if best_rank != Some(crate::app::search::Rank::Exact) {
                    let r = crate::app::search::rank_lower(&filter, &hay[i]);
                    if r < best_rank || best_rank.is_none() {
                        best_rank = r;
                        self.best = Some(self.order.len());
                    }
                }
                self.order.push(i);
            }
        }
        if let Some(pos) = keep.and_then(|id| self.position_of(id)) {
            self.selected = pos;
        }
        self.refresh_selection();
    }

    fn position_of(&self, id: Uuid) -> Option<usize> {
        self.order
            .iter()
            .position(|i| matches!(&self.entries[*i], Entry::Session(s) if s.id == id))
    }

    /// Puts the selection on the wanted session once it is known; keeps it in range
    /// once everything is read.
    fn refresh_selection(&mut self) {
        if let Some(id) = self.want_selected {
            if let Some(pos) = self.position_of(id) {
                self.selected = pos;
                self.want_selected = None;
            } else if !self.is_loading() {
                self.want_selected = None;
            }
        }
        if !self.is_loading() {
            self.selected = self.selected.min(self.order.len().saturating_sub(1));
        }
    }

    pub fn row_count(&self) -> usize {
        self.order.len()
    }

    /// Sessions in the library (unfiltered).
    pub fn session_count(&self) -> usize {
        self.sessions
    }

    pub fn row(&self, i: usize) -> Option<LibraryRow<'_>> {
        let e = &self.entries[*self.order.get(i)?];
        Some(match e {
            Entry::Session(s) => LibraryRow::Session(s),
            Entry::Unreadable { .. } => LibraryRow::Unreadable(e),
        })
    }

    /// All rows in display order.
    pub fn rows(&self) -> Vec<LibraryRow<'_>> {
        (0..self.row_count()).filter_map(|i| self.row(i)).collect()
    }

    pub fn selected_session(&self) -> Option<&Summary> {
        match self.row(self.selected) {
            Some(LibraryRow::Session(s)) => Some(s),
            _ => None,
        }
    }

    /// Whether a later wave of this session's series exists.
    pub fn has_later_wave(&self, s: &Summary) -> bool {
        self.later_wave.contains(&s.id)
    }

    /// How this session's series ended, if its latest wave ended it.
    pub fn series_ended(&self, s: &Summary) -> Option<crate::store::SeriesEnded> {
        self.ended.get(&s.series_id).copied()
    }

    /// How many series ended (shown or not).
    pub fn ended_series(&self) -> usize {
        self.ended.len()
    }

    /// Shows or hides the ended series.
    pub fn toggle_ended(&mut self) {
        self.hide_ended = !self.hide_ended;
        self.apply_filter();
    }

    /// The latest earlier wave of a session's series, if any.
    pub fn earlier_wave(&self, s: &Summary) -> Option<&Summary> {
        self.entries
            .iter()
            .filter_map(|e| match e {
                Entry::Session(o) if o.series_id == s.series_id && o.wave < s.wave => Some(&**o),
                _ => None,
            })
            .max_by_key(|o| o.wave)
    }

    /// The session listed from the file `path`.
    pub fn find_path(&self, path: &std::path::Path) -> Option<&Summary> {
        self.entries.iter().find_map(|e| match e {
            Entry::Session(s) if s.path == path => Some(&**s),
            _ => None,
        })
    }

    pub fn find(&self, id: Uuid) -> Option<&Summary> {
        self.entries.iter().find_map(|e| match e {
            Entry::Session(s) if s.id == id => Some(&**s),
            _ => None,
        })
    }
}

pub(crate) fn handle(app: &mut App, action: Action) {
    let t = app.lang.texts();
    let Screen::Library(lib) = &mut app.screen else {
        return;
    };
    let rows = lib.row_count();
    if lib.confirm_delete.is_some() {
        match action {
            Action::Confirm(true) => {
                let path = lib.confirm_delete.take().expect("checked");
                match app.library.move_to_trash(&path) {
                    Ok(_) => {
                        app.show_library();
                        app.say(Level::Info, t.ui.moved_to_trash);
                    }
                    Err(e) => app.say(
                        Level::Error,
                        format!("{} {}", t.ui.cannot_delete, e.explain(app.lang)),
                    ),
                }
            }
            Action::Confirm(false) | Action::Back => lib.confirm_delete = None,
            _ => {}
        }
        return;
    }
    match action {
        // Moving by hand ends waiting for the session just closed to show up.
        Action::SelectUp => {
            lib.want_selected = None;
            lib.selected = lib.selected.saturating_sub(1);
        }
        Action::SelectDown => {
            lib.want_selected = None;
            lib.selected = (lib.selected + 1).min(rows.saturating_sub(1));
        }
        // A click selects a row; a click on the selected row opens it, as Enter does.
        Action::Click(crate::app::action::Click::Row(n)) if n < rows => {
            lib.want_selected = None;
            if lib.selected == n {
                return handle(app, Action::OpenSelected);
            }
            lib.selected = n;
        }
        Action::FilterChar(c) => {
            let mut f = lib.filter().to_string();
            f.push(c);
            lib.set_filter(f);
            lib.selected = lib.best.unwrap_or(0);
        }
        Action::FilterBackspace => {
            let mut f = lib.filter().to_string();
            f.pop();
            lib.set_filter(f);
            lib.selected = lib.best.unwrap_or(0);
        }
        Action::Back | Action::ClearFilter => lib.set_filter(String::new()),
        Action::ToggleEnded => lib.toggle_ended(),
        Action::OpenPortfolio => {
            if let Some(s) = lib.selected_session() {
                let project = s.project.clone();
                let demo = crate::model::is_demo_case(&s.case_code);
                let view = super::portfolio::PortfolioView::start(
                    &app.library,
                    project,
                    demo,
                    app.lang,
                    app.today,
                );
                app.screen = Screen::Portfolio(Box::new(view));
            }
        }
        Action::OpenSelected => match lib.row(lib.selected) {
            // A copy beside its session's file is a conflict to resolve.
            Some(LibraryRow::Session(s)) if s.is_copy() => {
                let path = s.path.clone();
                super::conflict::open(app, &path);
            }
            Some(LibraryRow::Session(s)) => {
                let path = s.path.clone();
                app.open_session(&path);
            }
            Some(LibraryRow::Unreadable(store::Entry::Unreadable { error, .. })) => {
                let text = cannot_open(app.lang, error);
                app.say(Level::Error, text);
            }
            _ => {}
        },
        Action::NewSession => new_session(app, None),
        Action::OpenPrices => app.open_prices(),
        Action::CompareSelected => {
            let Some((id, path)) = lib.selected_session().map(|s| (s.id, s.path.clone())) else {
                return;
            };
            let other = match lib.marked.take() {
                Some(marked) if marked != id => Some(app.library.path_for(marked)),
                _ => lib
                    .selected_session()
                    .and_then(|s| lib.earlier_wave(s))
                    .map(|s| s.path.clone()),
            };
            match other {
                Some(other) => super::compare::open_comparison(app, &other, &path),
                None => {
                    lib.marked = Some(id);
                    app.say(Level::Info, t.ui.cmp_pick_second);
                }
            }
        }
        Action::FollowUpSelected => {
            if let Some(path) = lib.selected_session().map(|s| s.path.clone()) {
                match store::load(&path) {
                    Ok(earlier) => new_session(app, Some(&earlier.session)),
                    Err(e) => app.say(Level::Error, cannot_open(app.lang, &e)),
                }
            }
        }
        Action::DeleteSelected => {
            if let Some(path) = lib.selected_session().map(|s| s.path.clone()) {
                lib.confirm_delete = Some(path);
            }
        }
        Action::LoadDemo => {
            let mut written = 0;
            for s in crate::demo::sessions(&app.catalog) {
                if !app.library.path_for(s.id).exists() && app.library.save(&s).is_ok() {
                    written += 1;
                }
            }
            app.show_library();
            app.say(Level::Info, (t.ui.demo_loaded)(&written.to_string()));
        }
        _ => {}
    }
}

/// Creates a new session (or the next wave of `earlier`) and opens it.
pub(crate) fn new_session(app: &mut App, earlier: Option<&Session>) {
    let mut s = if let Some(e) = earlier {
        match series::follow_up(e, &app.clock) {
            Ok(s) => s,
            Err(_) => {
                app.say(Level::Error, app.lang.texts().wave_limit);
                return;
            }
        }
    } else {
        let c = &app.catalog;
        Session::new(
            &app.clock,
            c.domains.clone(),
            c.prices.clone(),
            c.payers.clone(),
        )
    };
    s.set_retention_months(app.retention_months);
    match app.library.save(&s) {
        Ok(path) => app.open_session(&path),
        Err(e) => {
            let text = crate::app::autosave::explain(&e, app.lang).to_string();
            app.say(Level::Error, text);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn summary(case: &str, updated: &str) -> Entry {
        let id = Uuid::new_v4();
        let at = DateTime::parse_from_rfc3339(updated).unwrap();
        Entry::Session(Box::new(Summary {
            path: format!("/s/{id}.json").into(),
            id,
            series_id: id,
            case_code: case.into(),
            project: "P".into(),
            wave: 0,
            date: None,
            created_at: at,
            updated_at: at,
            follow_up_due: None,
            retention_until: None,
            series_end: None,
            phases_started: [false; 6],
            newer_version: None,
        }))
    }

    #[test]
    fn the_selected_session_stays_selected_when_newer_rows_arrive_above_it() {
        let mut view = LibraryView::new(vec![
            summary("B", "2026-01-02T10:00:00+01:00"),
            summary("A", "2026-01-01T10:00:00+01:00"),
        ]);
        view.selected = 1;
        assert_eq!(view.selected_session().unwrap().case_code, "A");
        // A batch arrives with sessions changed more recently: they sort above A.
        view.add(vec![
            summary("C", "2026-02-01T10:00:00+01:00"),
            summary("D", "2026-03-01T10:00:00+01:00"),
        ]);
        assert_eq!(view.selected_session().unwrap().case_code, "A");
        assert_eq!(view.selected, 3);
    }

    #[test]
    fn a_series_is_named_by_its_own_file_not_by_a_conflicted_copy() {
        let own = summary("DEMO-GR-07", "2026-01-01T10:00:00+01:00");
        let Entry::Session(o) = &own else { panic!() };
        let mut copy = (**o).clone();
        // A copy's name sorts before its session's (" (" before "."), and it may say
        // another case code.
        copy.path = format!("/s/{} (conflicted copy 2026-11-30).json", o.id).into();
        copy.case_code = "ENC-CC-99".into();
        let view = LibraryView::new(vec![Entry::Session(Box::new(copy)), own]);
        let first = view.grouped[0];
        let Entry::Session(s) = &view.entries[first] else {
            panic!()
        };
        assert_eq!(s.case_code, "DEMO-GR-07");
        assert!(!s.is_copy());
    }

    #[test]
    fn the_session_just_closed_is_selected_once_it_arrives() {
        let mut view = LibraryView::new(vec![summary("A", "2026-01-01T10:00:00+01:00")]);
        let later = summary("Z", "2025-01-01T10:00:00+01:00");
        let Entry::Session(z) = &later else { panic!() };
        view.want_selected = Some(z.id);
        view.add(vec![later]);
        assert_eq!(view.selected_session().unwrap().case_code, "Z");
        assert_eq!(view.want_selected, None);
    }
}
