//! Sessions turned into text for people and for analysis.
//!
//! One walk over the content: [`document`] turns a session (and [`compare`] a comparison
//! of two) into a `Document`, which [`text`] (`tafel show`, `tafel compare`),
//! [`markdown`] and [`html`] write, with the charts from [`svg`]. [`escape`] makes text
//! from files safe for a terminal. `tafel export` ([`export`]) adds JSON ([`json`]) and
//! flat tables for analysis ([`flat`]), all optionally from an anonymised copy
//! ([`anonymous`]).

pub mod anonymous;
pub mod compare;
pub mod document;
pub mod escape;
pub mod export;
pub mod flat;
pub mod handout;
pub mod html;
pub mod json;
pub mod markdown;
pub mod portfolio;
pub mod svg;
pub mod text;
pub mod wall;

pub use export::{Exported, Format, export_library, export_session};
