//! `tafel delete` (being built).

#![allow(unused_imports)]

use std::path::Path;

use super::{CmdResult, CompareFormat, ExportFormat, Failure};
use crate::i18n::Lang;
use crate::store::Library;

pub fn run_delete(_lib: &Library, _lang: Lang, _id: &str, _yes: bool) -> CmdResult {
    Err(Failure(
        "delete is not available in this version yet".into(),
    ))
}

pub fn run_purge(_lib: &Library, _lang: Lang, _yes: bool) -> CmdResult {
    Err(Failure("purge is not available in this version yet".into()))
}
