//! tafel: facilitating Effectencalculator table conversations from a terminal.
//!
//! - [`model`]: the session and its phases, money and dates (no I/O, no terminal)
//! - [`catalog`]: shipped data (life domains, guiding questions, prices, payers)
//! - [`store`]: the library of session files on disk: atomic saves, locks, migrations
//! - [`report`]: text summaries of sessions for the command line
//! - [`demo`]: the fictional demo cases
//! - [`cli`]: the command-line contract
//! - [`i18n`]: every UI text, in Dutch and English

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
