//! Sessions turned into text for people: the summary of `tafel show`, and the exports of
//! `tafel export` (see [`export`]): case reports in Markdown and HTML ([`document`] is
//! their shared content, [`svg`] the charts), JSON ([`json`]), flat tables for analysis
//! ([`flat`]), all optionally from an anonymised copy ([`anonymous`]).

pub mod anonymous;
pub mod compare;
pub mod document;
pub mod escape;
pub mod export;
pub mod flat;
pub mod html;
pub mod json;
pub mod markdown;
pub mod summary;
pub mod svg;
pub mod text;

pub use export::{Exported, Format, export_library, export_session};
