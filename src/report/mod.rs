//! Sessions turned into text for people: the summary of `tafel show`.

pub mod compare;
pub mod summary;
