//! `tafel export` (being built).

#![allow(unused_imports)]

use std::path::Path;

use super::{CmdResult, CompareFormat, ExportFormat, Failure};
use crate::i18n::Lang;
use crate::store::Library;

pub fn run(
    _lib: &Library,
    _lang: Lang,
    _id: Option<&str>,
    _all: bool,
    _format: ExportFormat,
    _output: Option<&Path>,
    _anonymous: bool,
) -> CmdResult {
    Err(Failure(
        "export is not available in this version yet".into(),
    ))
}
