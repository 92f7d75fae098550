//! tafel: facilitating Effectencalculator table conversations from a terminal.
//!
//! The modules form layers; each uses only its own layer and those below it (checked by
//! `tests/layers.rs`): model < i18n < store, catalog < report, demo < cli, app < ui < tui.
//!
//! - [`model`]: the session and its phases, money, dates, costs, limits, comparison (no
//!   I/O, no terminal, no language)
//! - [`i18n`]: every text in Dutch and English, and the one formatter of money, dates and
//!   quantities ([`i18n::format`])
//! - [`store`]: the library of session files on disk: atomic saves, locks, migrations,
//!   removing sessions, the library index, the manifest of exports
//! - [`catalog`]: the data shipped in `assets/` (life domains, guiding questions, prices,
//!   payers) with the user's overrides
//! - [`report`]: sessions and comparisons as documents (text, Markdown, HTML), JSON and
//!   flat tables, optionally anonymised; escaping for terminals
//! - [`demo`]: the fictional demo cases
//! - [`cli`]: the command-line contract; decides what runs and hands the interactive
//!   commands to [`tui`]
//! - [`app`]: the interactive program's state and how actions change it: the keymap, the
//!   screens, the phase forms, autosave
//! - [`ui`]: drawing only, from the app's state
//! - [`tui`]: the terminal, the event loop and signals

pub mod app;
pub mod catalog;
pub mod cli;
pub mod demo;
pub mod i18n;
pub mod model;
pub mod report;
pub mod store;
pub mod tui;
pub mod ui;
