//! The command-line contract (see README): parsing with clap, one function per command,
//! plain-language errors on stderr with a non-zero exit code.

/// `println!` that ends the program quietly when the reader has gone (`tafel list | head`).
macro_rules! outln {
    ($($arg:tt)*) => {
        $crate::cli::emit(&format!("{}\n", format_args!($($arg)*)))
    };
}

/// `eprintln!` with control characters made visible (file names and reasons come from
/// files, see [`shown`]).
macro_rules! errln {
    ($($arg:tt)*) => {
        $crate::cli::emit_err(&format!("{}\n", format_args!($($arg)*)))
    };
}

mod compare;
mod delete;
mod demo;
mod export;
mod keys;
mod list;
mod portfolio;
#[path = "series.rs"]
mod series_cmd;
mod validate;

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::app::Start;
use crate::catalog::Catalog;
use crate::i18n::Lang;
use crate::model::EndReason;
use crate::model::costs::PriceLevel;
use crate::model::{Clock, Session, series};
use crate::store::{self, Library, paths};

#[derive(Parser, Debug)]
#[command(
    name = "tafel",
    version,
    about = "Facilitate an Effectencalculator table conversation (tafelgesprek).",
    // `tafel --help` and `tafel export --help` in either language; a `help` command
    // could not be given in Dutch.
    disable_help_subcommand = true
)]
pub struct Cli {
    /// Folder with the library (default: the platform's data folder, or TAFEL_DATA_DIR).
    #[arg(long, global = true, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
    /// Language of the screens and messages: nl or en (default: from the locale, else nl).
    #[arg(long, global = true, value_name = "nl|en")]
    pub lang: Option<Lang>,
    /// Folder with your personal key (default: keys/ in the platform's local data folder,
    /// or TAFEL_KEYS_DIR); keep it out of a synced folder.
    #[arg(long, global = true, value_name = "DIR")]
    pub keys_dir: Option<PathBuf>,
    /// Read the passphrase of your key from the first line of this file (for scripts)
    /// instead of asking for it.
    #[arg(long, global = true, value_name = "FILE")]
    pub passphrase_file: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Create a session and open it, cursor in the first field.
    New {
        /// The project it belongs to (the name of the approach or programme).
        #[arg(long)]
        project: Option<String>,
        /// A pseudonym for the case, never a real name.
        #[arg(long = "case", value_name = "CODE")]
        case_code: Option<String>,
    },
    /// Open a session by id (or a unique prefix) or path.
    Open {
        /// The session: id, unique prefix or path.
        id: String,
    },
    /// Start the next wave (T1, T2, ...) of a session's series and open it.
    FollowUp {
        /// Any session of the series (id, unique prefix or path).
        id: String,
    },
    /// List the sessions in the library; unreadable files with the reason.
    List {
        /// As JSON, for scripts.
        #[arg(long)]
        json: bool,
    },
    /// Print a readable summary of a session.
    Show {
        /// The session: id, unique prefix or path.
        id: String,
        /// Bring every amount to this year's price level, or `nominal` for amounts as
        /// listed (default: the session's own price year).
        #[arg(long, value_name = "YEAR|nominal", value_parser = parse_price_level)]
        price_year: Option<PriceLevel>,
    },
    /// Check session files; exit 0 when all are valid.
    Validate {
        /// The session files to check.
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Print the JSON Schema of the session file.
    Schema,
    /// Write the fictional demo sessions into the library (running it twice changes nothing).
    Demo,
    /// Write a report of one session, or (with --all) the whole library as flat tables.
    Export {
        /// The session (id, unique prefix or path); leave out with --all.
        #[arg(required_unless_present = "all", conflicts_with = "all")]
        id: Option<String>,
        /// Export every session in the library (csv or jsonl).
        #[arg(long)]
        all: bool,
        /// A report (markdown, html, handout) or the data (json; csv or jsonl with --all).
        #[arg(long, value_enum)]
        format: ExportFormat,
        /// Write to this file (or folder, for --all --format csv) instead of standard output.
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: Option<PathBuf>,
        /// Leave out aliases, case codes, free text and quotes; coarsen dates to months.
        #[arg(long)]
        anonymous: bool,
        /// With --format html: only the two-lane timeline, on A3 landscape, for the wall
        /// at the next table.
        #[arg(long, conflicts_with = "all")]
        wall: bool,
        /// With --all: also export the fictional demo cases (case codes DEMO-...).
        #[arg(long, requires = "all")]
        include_demo: bool,
        /// Bring every amount to this year's price level, or `nominal` for amounts as
        /// listed (default: each session's own price year). With --all, one price level
        /// for the whole library.
        #[arg(long, value_name = "YEAR|nominal", value_parser = parse_price_level)]
        price_year: Option<PriceLevel>,
    },
    /// End a series of tables (no more follow-ups are due), or with --reopen let it go on.
    EndSeries {
        /// Any session of the series (id, unique prefix or path).
        id: String,
        /// Why it ended.
        #[arg(long, value_enum, required_unless_present = "reopen")]
        reason: Option<EndReasonArg>,
        /// The day it ended (default: today).
        #[arg(long, value_name = "DATE", value_parser = parse_date_arg)]
        on: Option<chrono::NaiveDate>,
        /// Why, in words.
        #[arg(long)]
        note: Option<String>,
        /// The series goes on after all.
        #[arg(long, conflicts_with_all = ["reason", "on", "note"])]
        reopen: bool,
    },
    /// What the approach yields across the cases of a project (or of every project).
    Portfolio {
        /// Only this project (its name as in the sessions).
        project: Option<String>,
        /// text, markdown, html or json.
        #[arg(long, value_enum, default_value = "text")]
        format: CompareFormat,
        /// Write to this file instead of standard output.
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: Option<PathBuf>,
        /// Leave out case codes, free text and file names.
        #[arg(long)]
        anonymous: bool,
        /// Every amount at this year's price level, or `nominal` for amounts as listed
        /// (default: the newest year of the shipped price index).
        #[arg(long, value_name = "YEAR|nominal", value_parser = parse_price_level)]
        price_year: Option<PriceLevel>,
        /// Also the fictional demo cases (case codes DEMO-...).
        #[arg(long)]
        include_demo: bool,
        /// Also cases without consent for reporting (text only: the facilitator's own view).
        #[arg(long)]
        include_unconsented: bool,
    },
    /// Compare two sessions (normally two waves of one case).
    Compare {
        /// One session (id, unique prefix or path); tafel puts the earlier wave first.
        a: String,
        /// The other session.
        b: String,
        /// text, markdown, html or json.
        #[arg(long, value_enum, default_value = "text")]
        format: CompareFormat,
        /// Write to this file instead of standard output.
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Remove a session for good (with its trash copy and lock file).
    Delete {
        /// The session (id or unique prefix: every file of it), or the path of one file.
        id: String,
        /// Do not ask for confirmation.
        #[arg(long)]
        yes: bool,
    },
    /// Your personal key and the team's keys of an encrypted library.
    Keys {
        #[command(subcommand)]
        command: keys::KeysCommand,
    },
    /// Encrypt the library to its own library key, given to you and the members you
    /// confirmed, file by file; safe to stop and run again (nothing is rewritten twice).
    Encrypt,
    /// Turn an encrypted library back into plain files, file by file; or with FILE, write
    /// the plain text of one encrypted file (an export, to print) to -o or standard output.
    Decrypt {
        /// One encrypted file (an export); leave out to decrypt the whole library.
        file: Option<PathBuf>,
        /// Write to this file instead of standard output.
        #[arg(short = 'o', long = "output", value_name = "OUT", requires = "file")]
        output: Option<PathBuf>,
    },
    /// Remove the sessions whose retention date has passed.
    Purge {
        /// Required: purge only what has expired.
        #[arg(long, required = true)]
        expired: bool,
        /// Do not ask for confirmation.
        #[arg(long)]
        yes: bool,
    },
}

#[derive(clap::ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    Markdown,
    Html,
    // The participant's handout (HTML, A4): agreements, the next table, their own words.
    Handout,
    Json,
    Csv,
    Jsonl,
}

#[derive(clap::ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum CompareFormat {
    Text,
    Markdown,
    Json,
    Html,
}

/// A failure to report to the user: the message is shown as is.
#[derive(Debug)]
pub struct Failure(pub String);

pub type CmdResult = Result<ExitCode, Failure>;

/// Finds a session by id, unique id prefix or path, saying in the user's language what
/// went wrong.
pub(crate) fn find(lib: &Library, given: &str, lang: Lang) -> Result<PathBuf, Failure> {
    lib.resolve(given).map_err(|e| Failure(e.explain(lang)))
}

/// Loads a session for a command, saying in the user's language why it cannot be read.
pub(crate) fn load(path: &std::path::Path, lang: Lang) -> Result<store::Loaded, Failure> {
    store::load(path).map_err(|e| Failure(format!("{}: {}", e.path().display(), e.explain(lang))))
}

/// What the command line decided: a command that has run, or the interactive program
/// to start (which `main.rs` hands to `tui`).
pub enum Outcome {
    Done(ExitCode),
    Interactive {
        library: Library,
        lang: Lang,
        clock: Clock,
        start: Start,
    },
}

/// Parses the command line and runs the command. Errors are printed here, in the
/// user's language.
pub fn main() -> Outcome {
    use clap::FromArgMatches;
    // The plain command line first: building the Dutch one costs a start (and the first
    // frame) some tens of microseconds, needed only for help and errors.
    let parsed = Cli::try_parse().or_else(|_| {
        command(lang_of_args())
            .try_get_matches()
            .and_then(|m| Cli::from_arg_matches(&m))
    });
    let cli = match parsed {
        Ok(cli) => cli,
        Err(e) => return Outcome::Done(usage_error(&e)),
    };
    let lang = Lang::detect(cli.lang);
    match run(cli, lang, clock()) {
        Ok(outcome) => outcome,
        Err(Failure(message)) => {
            print_error(&message);
            Outcome::Done(ExitCode::FAILURE)
        }
    }
}

/// The clock of this run: the system's. In test builds (and with the `hooks` feature)
/// `TAFEL_TEST_TODAY=YYYY-MM-DD` moves it to that day, the time of day running on, so the
/// end-to-end tests can run the real program on a date of their choosing.
fn clock() -> Clock {
    #[cfg(any(debug_assertions, feature = "hooks"))]
    if let Some(day) = std::env::var("TAFEL_TEST_TODAY")
        .ok()
        .and_then(|d| d.parse::<chrono::NaiveDate>().ok())
    {
        return Clock::system_on(day);
    }
    Clock::system()
}

/// The command line, with its help (`--help`) in `lang`: the derive's English, or the
/// Dutch of [`crate::i18n::nl::CLI_HELP`] with Dutch headings.
pub fn command(lang: Lang) -> clap::Command {
    use clap::CommandFactory;
    match lang {
        Lang::En => Cli::command(),
        Lang::Nl => in_dutch(Cli::command(), ""),
    }
}

fn in_dutch(mut c: clap::Command, path: &str) -> clap::Command {
    use clap::{Arg, ArgAction};
    let text = |arg: &str| {
        crate::i18n::nl::CLI_HELP
            .iter()
            .find(|(p, a, _)| *p == path && *a == arg)
            .map(|(_, _, t)| *t)
    };
    if let Some(about) = text("") {
        c = c.about(about);
    }
    let ids: Vec<String> = c.get_arguments().map(|a| a.get_id().to_string()).collect();
    for id in ids {
        if let Some(help) = text(&id) {
            c = c.mut_arg(id, |a| a.help(help));
        }
    }
    c = c
        // clap's own words ("Possible values", "default") stay English: the Dutch lines
        // name the values and defaults themselves.
        .mut_args(|a| {
            let heading = if a.is_positional() {
                "Argumenten"
            } else {
                "Opties"
            };
            let a = a.help_heading(heading);
            if a.get_action().takes_values() {
                a.hide_possible_values(true).hide_default_value(true)
            } else {
                a
            }
        })
        .subcommand_help_heading("Opdrachten")
        .help_template("{about-with-newline}\nGebruik: {usage}\n\n{all-args}{after-help}")
        .disable_help_subcommand(true)
        .disable_help_flag(true)
        .arg(
            Arg::new("help")
                .short('h')
                .long("help")
                .action(ArgAction::Help)
                .help("Toon deze hulp")
                .help_heading("Opties")
                .display_order(usize::MAX - 1),
        );
    if path.is_empty() {
        c = c.disable_version_flag(true).arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help("Toon de versie")
                .help_heading("Opties")
                .display_order(usize::MAX),
        );
    }
    let names: Vec<String> = c
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for name in names {
        let sub = format!("{path} {name}").trim().to_string();
        c = c.mut_subcommand(name, |s| in_dutch(s, &sub));
    }
    c
}

/// The language asked for on a command line that could not be parsed: `--lang X` or
/// `--lang=X` if it is there, else the locale.
fn lang_of_args() -> Lang {
    let args: Vec<String> = std::env::args().collect();
    let given = args.iter().enumerate().find_map(|(i, a)| {
        a.strip_prefix("--lang=")
            .map(str::to_string)
            .or_else(|| (a == "--lang").then(|| args.get(i + 1).cloned()).flatten())
    });
    Lang::detect(given.and_then(|g| g.parse().ok()))
}

/// A command line that could not be parsed: help and version as clap writes them, an
/// error in the user's language (exit code 2).
fn usage_error(e: &clap::Error) -> ExitCode {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    if matches!(
        e.kind(),
        ErrorKind::DisplayHelp
            | ErrorKind::DisplayVersion
            | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
    ) {
        let _ = e.print();
        return ExitCode::SUCCESS;
    }
    let lang = lang_of_args();
    let t = lang.texts();
    let value = |k: ContextKind| match e.get(k) {
        Some(ContextValue::String(s)) => s.clone(),
        Some(ContextValue::Strings(v)) => v.join(", "),
        Some(other) => other.to_string(),
        None => String::new(),
    };
    let message = match e.kind() {
        ErrorKind::MissingRequiredArgument => (t.arg_missing)(&value(ContextKind::InvalidArg)),
        ErrorKind::UnknownArgument => (t.arg_unknown)(&value(ContextKind::InvalidArg)),
        ErrorKind::InvalidSubcommand => {
            (t.arg_unknown_command)(&value(ContextKind::InvalidSubcommand))
        }
        ErrorKind::InvalidValue => (t.arg_bad_value)(
            &value(ContextKind::InvalidValue),
            &value(ContextKind::InvalidArg),
            &value(ContextKind::ValidValue),
        ),
        ErrorKind::ArgumentConflict => (t.arg_conflict)(
            &value(ContextKind::InvalidArg),
            &value(ContextKind::PriorArg),
        ),
        ErrorKind::MissingSubcommand => (t.arg_missing)(&"COMMAND"),
        ErrorKind::ValueValidation => {
            // What the option takes, in the user's language where tafel knows it; else
            // the parser's own words in brackets.
            let arg = value(ContextKind::InvalidArg);
            let valid = if arg.starts_with("--lang") {
                "nl, en".to_string()
            } else if arg.starts_with("--price-year") {
                t.arg_price_year.to_string()
            } else {
                String::new()
            };
            let why = match std::error::Error::source(e) {
                Some(s) if valid.is_empty() => format!(" [{s}]"),
                _ => String::new(),
            };
            format!(
                "{}{why}",
                (t.arg_bad_value)(&value(ContextKind::InvalidValue), &arg, &valid)
            )
        }
        // Anything rarer: clap's own words, after ours.
        _ => format!("{} [{}]", t.arg_other, e.kind()),
    };
    print_error(&format!("{message} {}", t.arg_see_help));
    ExitCode::from(2)
}

/// `tafel: <message>` on standard error, control characters made visible.
pub fn print_error(message: &str) {
    errln!("tafel: {message}");
}

fn run(cli: Cli, lang: Lang, clock: Clock) -> Result<Outcome, Failure> {
    let today = clock.today();
    let interactive = |library: Library, start: Start| {
        Ok(Outcome::Interactive {
            library,
            lang,
            clock,
            start,
        })
    };
    let data_dir = || -> Result<PathBuf, Failure> {
        paths::resolve_data_dir(cli.data_dir.as_deref())
            .ok_or_else(|| Failure(lang.texts().cli_no_home.into()))
    };
    let access = keys::KeyAccess {
        keys_dir: cli.keys_dir.clone(),
        passphrase_file: cli.passphrase_file.clone(),
        data_dir: paths::resolve_data_dir(cli.data_dir.as_deref()),
    };
    let library_locked = || -> Result<Library, Failure> {
        let dir = data_dir()?;
        Library::open(&dir).map_err(|e| {
            let what = lang.texts().cli_cannot_open_library;
            Failure(format!("{}: {}", what(&dir.display()), e.explain(lang)))
        })
    };
    // An encrypted library is unlocked (the passphrase asked once) before anything in
    // it is read.
    let library = || -> Result<Library, Failure> {
        let lib = library_locked()?;
        access.unlock_for(&lib, lang)?;
        Ok(lib)
    };
    match cli.command {
        Some(Command::Keys { command }) => {
            keys::run_keys(command, &access, &library_locked, lang, today).map(Outcome::Done)
        }
        Some(Command::Encrypt) => {
            keys::run_encrypt(&library_locked()?, &access, lang, today).map(Outcome::Done)
        }
        Some(Command::Decrypt {
            file: Some(file),
            output,
        }) => {
            // A bare name that is not here names an export in the library's `exports/`.
            let file = match data_dir() {
                Ok(dir)
                    if !file.exists() && file.parent().is_none_or(|p| p.as_os_str().is_empty()) =>
                {
                    crate::store::exports::exports_dir(&dir).join(&file)
                }
                _ => file,
            };
            keys::run_decrypt_file(&file, output.as_deref(), &access, lang).map(Outcome::Done)
        }
        Some(Command::Decrypt { file: None, .. }) => {
            keys::run_decrypt(&library_locked()?, &access, lang).map(Outcome::Done)
        }
        None => interactive(library()?, Start::Library),
        Some(Command::New { project, case_code }) => {
            let lib = library()?;
            let catalog = Catalog::load(lib.root());
            let mut s = Session::new(&clock, catalog.domains, catalog.prices, catalog.payers);
            s.set_retention_months(store::config::retention_months(lib.root()));
            s.preparation.project = project.unwrap_or_default();
            s.preparation.case_code = case_code.unwrap_or_default();
            lib.save(&s)
                .map_err(|e| Failure(e.explain(lang).to_string()))?;
            interactive(lib, Start::New(s.id))
        }
        Some(Command::Open { id }) => {
            let lib = library()?;
            let path = find(&lib, &id, lang)?;
            interactive(lib, Start::Open(path))
        }
        Some(Command::FollowUp { id }) => {
            let lib = library()?;
            let earlier = load(&find(&lib, &id, lang)?, lang)?;
            let mut next = series::follow_up(&earlier.session, &clock)
                .map_err(|_| Failure(lang.texts().wave_limit.to_string()))?;
            next.set_retention_months(store::config::retention_months(lib.root()));
            lib.save(&next)
                .map_err(|e| Failure(e.explain(lang).to_string()))?;
            interactive(lib, Start::New(next.id))
        }
        // Files given by path may be encrypted (a library's files): the key is unlocked
        // when one is.
        Some(Command::Validate { files }) => {
            if files.iter().any(|f| {
                crate::store::read_raw(f).is_ok_and(|(_, b)| crate::store::vault::is_sealed(&b))
            }) {
                access.unlock_with_library(lang)?;
            }
            Ok(Outcome::Done(validate::run(&files, lang)))
        }
        command => run_command(command, lang, today, &library).map(Outcome::Done),
    }
}

/// The commands that run to their end without the interactive program.
fn run_command(
    command: Option<Command>,
    lang: Lang,
    today: chrono::NaiveDate,
    library: &dyn Fn() -> Result<Library, Failure>,
) -> CmdResult {
    match command {
        Some(Command::List { json }) => list::run(&library()?, lang, today, json),
        Some(Command::Show { id, price_year }) => {
            let lib = library()?;
            let mut loaded = load(&find(&lib, &id, lang)?, lang)?;
            if let Some(level) = price_year {
                let index = crate::catalog::Catalog::builtin().prices.index;
                loaded.session.costs.set_price_level(level, &index);
            }
            // The case report as plain text: the same walk as the Markdown and HTML.
            let s = &loaded.session;
            let t = lang.texts();
            let mut head = format!("id {} · {} {}\n", s.id, t.f_series, s.series_id);
            if loaded.newer_version.is_some() {
                head = format!("{head}({})\n", t.cli_read_only_newer);
            }
            let doc = crate::report::document::build(s, lang, false);
            emit(&format!("{}{head}", crate::report::text::render(&doc)));
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Schema) => {
            emit_json(&format!("{}\n", schema_json()));
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Demo) => demo::run(&library()?, lang),
        Some(Command::Export {
            id,
            all,
            format,
            output,
            anonymous,
            wall,
            include_demo,
            price_year,
        }) => export::run(
            &library()?,
            lang,
            export::Request {
                id: id.as_deref(),
                all,
                format,
                output: output.as_deref(),
                anonymous,
                wall,
                include_demo,
                price_year,
            },
        ),
        Some(Command::Compare {
            a,
            b,
            format,
            output,
        }) => compare::run(&library()?, lang, &a, &b, format, output.as_deref()),
        Some(Command::Delete { id, yes }) => delete::run_delete(&library()?, lang, &id, yes),
        Some(Command::Portfolio {
            project,
            format,
            output,
            anonymous,
            price_year,
            include_demo,
            include_unconsented,
        }) => portfolio::run(
            &library()?,
            lang,
            today,
            &portfolio::Request {
                project: project.as_deref(),
                format,
                output: output.as_deref(),
                anonymous,
                price_year,
                include_demo,
                include_unconsented,
            },
        ),
        Some(Command::EndSeries {
            id,
            reason,
            on,
            note,
            reopen,
        }) => series_cmd::run(
            &library()?,
            lang,
            today,
            &series_cmd::Request {
                id: &id,
                reason: reason.map(EndReason::from),
                on,
                note: note.as_deref(),
                reopen,
            },
        ),
        Some(Command::Purge { expired: _, yes }) => {
            delete::run_purge(&library()?, lang, today, yes)
        }
        None
        | Some(
            Command::New { .. }
            | Command::Open { .. }
            | Command::FollowUp { .. }
            | Command::Keys { .. }
            | Command::Encrypt
            | Command::Decrypt { .. }
            | Command::Validate { .. },
        ) => {
            unreachable!("the interactive commands are handled by run")
        }
    }
}

/// Text from files (case codes, paths, reasons) as it may be shown on a terminal: control
/// characters visible, never sent (see [`crate::report::escape::terminal`]).
pub(crate) fn shown(text: &str) -> std::borrow::Cow<'_, str> {
    crate::report::escape::terminal(text)
}

/// Writes text for people to standard output, control characters made visible; a closed
/// pipe ends the program with success, not a panic.
pub(crate) fn emit(text: &str) {
    emit_exact(&shown(text));
}

/// Writes a message to standard error, control characters made visible.
pub(crate) fn emit_err(text: &str) {
    let _ = std::io::stderr().write_all(shown(text).as_bytes());
}

/// Writes JSON to standard output: the same value, with the characters a terminal would
/// act on written as `\uXXXX` escapes (see [`crate::report::escape::json`]).
pub(crate) fn emit_json(text: &str) {
    emit_exact(&crate::report::escape::json(text));
}

/// Writes data (an export) to standard output exactly as it is.
pub(crate) fn emit_exact(text: &str) {
    let mut out = std::io::stdout().lock();
    if let Err(e) = out.write_all(text.as_bytes()).and_then(|()| out.flush())
        && e.kind() == std::io::ErrorKind::BrokenPipe
    {
        std::process::exit(0);
    }
}

/// How a series ended, as typed on the command line.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum EndReasonArg {
    GoalReached,
    MovedAway,
    Declined,
    ContactLost,
    Other,
}

impl From<EndReasonArg> for EndReason {
    fn from(r: EndReasonArg) -> EndReason {
        match r {
            EndReasonArg::GoalReached => EndReason::GoalReached,
            EndReasonArg::MovedAway => EndReason::MovedAway,
            EndReasonArg::Declined => EndReason::DeclinedFurtherTables,
            EndReasonArg::ContactLost => EndReason::ContactLost,
            EndReasonArg::Other => EndReason::Other,
        }
    }
}

/// A day as people type it (`30-11-2026`, `2026-11-30`).
fn parse_date_arg(text: &str) -> Result<chrono::NaiveDate, String> {
    crate::model::dates::parse_day(text).map_err(|e| e.to_string())
}

/// `--price-year 2025` or `--price-year nominal`.
fn parse_price_level(text: &str) -> Result<PriceLevel, String> {
    if text.eq_ignore_ascii_case("nominal") {
        return Ok(PriceLevel::Nominal);
    }
    text.parse::<i32>()
        .ok()
        .filter(|y| (1900..=2200).contains(y))
        .map(PriceLevel::Year)
        .ok_or_else(|| format!("'{text}': a year (2025) or 'nominal'"))
}

/// The JSON Schema of a session file, as published in `assets/session.schema.json`.
pub fn schema_json() -> String {
    let schema = schemars::schema_for!(Session);
    serde_json::to_string_pretty(&schema).expect("a schema always serialises")
}

#[cfg(test)]
mod tests {
    use super::{Lang, command};

    /// Every command and argument has its Dutch help line, and the Dutch command line is
    /// as valid to clap as the English one (clap checks this only when it is built).
    #[test]
    fn the_help_is_dutch_for_every_command_and_argument() {
        fn walk(c: &clap::Command, path: &str, missing: &mut Vec<String>) {
            let has = |arg: &str| {
                crate::i18n::nl::CLI_HELP
                    .iter()
                    .any(|(p, a, _)| *p == path && *a == arg)
            };
            if !has("") {
                missing.push(format!("'{path}'"));
            }
            for a in c.get_arguments() {
                let id = a.get_id().as_str();
                if !a.is_global_set() && !has(id) || path.is_empty() && !has(id) {
                    missing.push(format!("'{path}' {id}"));
                }
            }
            for s in c.get_subcommands() {
                walk(s, format!("{path} {}", s.get_name()).trim(), missing);
            }
        }
        let mut missing = Vec::new();
        walk(&command(Lang::En), "", &mut missing);
        assert!(missing.is_empty(), "no Dutch help for {missing:?}");
        for lang in [Lang::Nl, Lang::En] {
            command(lang).debug_assert();
        }
        let mut nl = command(Lang::Nl);
        let help = nl.render_long_help().to_string();
        assert!(
            help.contains("Opdrachten:") && help.contains("Maak een gesprek"),
            "{help}"
        );
        assert!(!help.contains("Print help"), "{help}");
    }
}
