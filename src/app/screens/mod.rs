//! The screens of the interactive program, one file each: its view state and how it
//! handles an action (the shape gitui gives its components). `update` hands each action
//! to the screen that is showing; what is open on top of a session (a list to choose from,
//! the quote box) is a screen of its own.

pub mod compare;
pub mod conflict;
pub mod handout;
pub mod library;
pub mod picker;
pub mod portfolio;
pub mod prices;
pub mod quote;
pub mod session;
pub mod wall;
