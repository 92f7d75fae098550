//! The `tafel` binary: the command line decides; the interactive program runs on top.

use std::process::ExitCode;

use tafel::cli::{self, Outcome};

fn main() -> ExitCode {
    match cli::main() {
        Outcome::Done(code) => code,
        Outcome::Interactive {
            library,
            lang,
            clock,
            start,
        } => tafel::tui::run(&library, lang, clock, start).unwrap_or_else(|e| {
            cli::print_error(&e.explain(lang));
            ExitCode::FAILURE
        }),
    }
}
