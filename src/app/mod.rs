//! The interactive program's state and how it changes: one synchronous flow of
//! key -> keymap -> [`Action`] -> [`update`] (all changes of state happen there). Drawing
//! (`ui`) only reads the state; the terminal, the event loop and signals are in `tui`.
//! Saving runs on its own thread ([`autosave`]).

pub mod action;
pub mod autosave;
pub mod export;
pub mod form;
pub mod keymap;
pub mod mouse;
pub mod screens;
pub mod scroll;
pub mod search;
pub mod state;
pub mod text_field;
pub mod update;

use std::path::PathBuf;

pub use action::{Action, Click};
pub use state::App;
pub use update::update;

/// Where the interactive program starts.
#[derive(Debug, Clone)]
pub enum Start {
    Library,
    /// A session just created: cursor in the first text field.
    New(uuid::Uuid),
    Open(PathBuf),
}
