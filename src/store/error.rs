//! What can go wrong with session files, in words a facilitator understands.

use std::io;
use std::path::PathBuf;

use crate::i18n::Lang;

/// Why a session file cannot be read. Shown as `path: reason`, the reason in English;
/// [`LoadError::explain`] gives it in the user's language.
#[derive(Debug)]
pub enum LoadError {
    Io {
        path: PathBuf,
        source: io::Error,
    },
    Parse {
        path: PathBuf,
        line: usize,
        column: usize,
        message: String,
        problem: ParseProblem,
    },
    NotASession {
        path: PathBuf,
        message: String,
    },
    TooNew {
        path: PathBuf,
        version: u32,
        supported: u32,
        message: String,
    },
    TooLarge {
        path: PathBuf,
        size: u64,
        limit: u64,
    },
    Symlink {
        path: PathBuf,
    },
    /// A FIFO, a device, a folder: not a file to read.
    NotAFile {
        path: PathBuf,
    },
    /// A text longer than tafel allows for that field (see `model::limits`).
    TooLong {
        path: PathBuf,
        field: String,
        limit: usize,
        in_bytes: bool,
    },
    BadName {
        path: PathBuf,
    },
    /// An encrypted file that could not be decrypted here.
    Sealed {
        path: PathBuf,
        error: crate::store::vault::VaultError,
    },
}

impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.path().display(), self.explain(Lang::En))
    }
}

impl std::error::Error for LoadError {}

/// What kind of parse error: it decides what the user is told.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParseProblem {
    /// Not JSON from this point on.
    Syntax,
    /// The file stops before the JSON is complete (cut off).
    Truncated,
    /// Well-formed JSON with a value of the wrong kind or out of range.
    Value,
}

impl ParseProblem {
    pub fn of(e: &serde_json::Error) -> ParseProblem {
        match e.classify() {
            serde_json::error::Category::Eof => ParseProblem::Truncated,
            serde_json::error::Category::Data => ParseProblem::Value,
            serde_json::error::Category::Syntax | serde_json::error::Category::Io => {
                ParseProblem::Syntax
            }
        }
    }
}

impl LoadError {
    /// The reason alone in English, without the path: for lists that already show the
    /// file name (`tafel list --json`).
    pub fn reason(&self) -> String {
        self.explain(Lang::En)
    }

    /// The file concerned.
    pub fn path(&self) -> &std::path::Path {
        match self {
            LoadError::Io { path, .. }
            | LoadError::Parse { path, .. }
            | LoadError::NotASession { path, .. }
            | LoadError::TooNew { path, .. }
            | LoadError::TooLarge { path, .. }
            | LoadError::Symlink { path }
            | LoadError::NotAFile { path }
            | LoadError::TooLong { path, .. }
            | LoadError::BadName { path }
            | LoadError::Sealed { path, .. } => path,
        }
    }

    /// The reason in the user's language, without the path, with the system's own words
    /// (which are English) in brackets: for the library and the messages of the TUI.
    pub fn explain(&self, lang: Lang) -> String {
        let t = lang.texts();
        match self {
            LoadError::Io { source, .. } => {
                let what = match source.kind() {
                    io::ErrorKind::NotFound => t.load_gone,
                    io::ErrorKind::PermissionDenied => t.load_no_permission,
                    _ => t.load_io,
                };
                format!("{what} [{source}]")
            }
            LoadError::Parse {
                line,
                column,
                message,
                problem,
                ..
            } => {
                let what = match problem {
                    ParseProblem::Syntax => t.load_damaged,
                    ParseProblem::Truncated => t.load_truncated,
                    ParseProblem::Value => t.load_bad_value,
                };
                format!("{} [{message}]", what(line, column))
            }
            LoadError::NotASession { message, .. } => format!("{} [{message}]", t.load_not_session),
            LoadError::TooNew {
                version,
                supported,
                message,
                ..
            } => format!("{} [{message}]", (t.load_too_new)(version, supported)),
            LoadError::TooLarge { size, limit, .. } => (t.load_too_large)(size, limit),
            LoadError::Symlink { .. } => t.load_symlink.to_string(),
            LoadError::NotAFile { .. } => t.load_not_a_file.to_string(),
            LoadError::TooLong {
                field,
                limit,
                in_bytes,
                ..
            } => {
                let unit = if *in_bytes { "bytes" } else { t.characters };
                (t.load_too_long)(field, limit, &unit)
            }
            LoadError::BadName { .. } => t.load_bad_name.to_string(),
            LoadError::Sealed { error, .. } => error.explain(lang),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    #[error(
        "could not save {path}: {source}. The text is kept in memory; saving will be tried again."
    )]
    Io { path: PathBuf, source: io::Error },
    #[error("{path} is read-only here: {reason}")]
    ReadOnly { path: PathBuf, reason: String },
    /// Encryption stopped it: the library's keys cannot be read, or are missing.
    #[error("not saved: {error}")]
    Vault {
        path: PathBuf,
        error: crate::store::vault::VaultError,
    },
    /// A text over its limit: such a file could not be read back, so it is not written.
    #[error("not saved: the field {field} is longer than tafel allows (at most {limit})")]
    TooLong {
        path: PathBuf,
        field: String,
        limit: usize,
        in_bytes: bool,
    },
}

/// Why a save failed, in the facilitator's language: `what` is wrong in plain words,
/// `detail` names the folder and gives the system's own words (for support).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SaveFailure {
    pub what: String,
    pub detail: String,
}

impl std::fmt::Display for SaveFailure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}", self.what, self.detail)
    }
}

impl SaveFailure {
    /// For the screen while tafel runs: the text is kept and saving is retried.
    pub fn while_running(&self, lang: Lang) -> String {
        let t = &lang.texts().ui;
        format!("{}. {} {}", self.what, t.save_kept_retrying, self.detail)
    }
}

impl SaveError {
    /// Why the save failed, in the user's language (the system's words in `detail`).
    pub fn explain(&self, lang: Lang) -> SaveFailure {
        use rustix::io::Errno;
        let all = lang.texts();
        let t = &all.ui;
        match self {
            SaveError::Io { path, source } => {
                use std::io::ErrorKind as K;
                let errno = source.raw_os_error().map(Errno::from_raw_os_error);
                let reason = match (source.kind(), errno) {
                    (K::StorageFull | K::QuotaExceeded, _)
                    | (_, Some(Errno::NOSPC | Errno::DQUOT)) => t.save_disk_full,
                    (K::ReadOnlyFilesystem, _) | (_, Some(Errno::ROFS)) => t.save_read_only,
                    (K::PermissionDenied, _) => t.save_no_permission,
                    (K::NotFound, _) => t.save_folder_gone,
                    _ => t.save_other,
                };
                SaveFailure {
                    what: reason.to_string(),
                    detail: format!("({}) [{source}]", path.parent().unwrap_or(path).display()),
                }
            }
            SaveError::Vault { path, error } => SaveFailure {
                what: error.explain(lang),
                detail: format!("({})", path.display()),
            },
            SaveError::ReadOnly { path, .. } => SaveFailure {
                what: t.read_only_newer.to_string(),
                detail: format!("({})", path.display()),
            },
            SaveError::TooLong {
                path,
                field,
                limit,
                in_bytes,
            } => {
                let unit = if *in_bytes { "bytes" } else { all.characters };
                SaveFailure {
                    what: (all.load_too_long)(&field, &limit.to_string(), &unit),
                    detail: format!("({})", path.display()),
                }
            }
        }
    }
}

/// Why a session could not be found by id. Shown in English; [`ResolveError::explain`]
/// gives it in the user's language.
#[derive(Debug)]
pub enum ResolveError {
    NotFound(String),
    Ambiguous {
        given: String,
        count: usize,
        examples: String,
    },
    Io {
        path: PathBuf,
        source: io::Error,
    },
}

impl std::fmt::Display for ResolveError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.explain(Lang::En))
    }
}

impl std::error::Error for ResolveError {}

impl ResolveError {
    /// The message in the user's language (the system's own words in brackets).
    pub fn explain(&self, lang: Lang) -> String {
        let t = lang.texts();
        match self {
            ResolveError::NotFound(given) => (t.resolve_not_found)(given),
            ResolveError::Ambiguous {
                given,
                count,
                examples,
            } => (t.resolve_ambiguous)(given, count, examples),
            ResolveError::Io { path, source } => {
                format!("{} [{source}]", (t.resolve_io)(&path.display()))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_error() -> LoadError {
        LoadError::Parse {
            path: "/d/sessions/x.json".into(),
            line: 3,
            column: 7,
            message: "expected value".into(),
            problem: ParseProblem::Syntax,
        }
    }

    #[test]
    fn reasons_are_told_in_the_users_language_with_the_systems_words_apart() {
        assert_eq!(
            parse_error().explain(Lang::Nl),
            "beschadigd: geen geldige JSON bij regel 3, kolom 7 [expected value]"
        );
        assert_eq!(
            parse_error().explain(Lang::En),
            "damaged: not valid JSON at line 3, column 7 [expected value]"
        );
        let too_new = LoadError::TooNew {
            path: "x.json".into(),
            version: 9,
            supported: 1,
            message: "unknown field".into(),
        };
        assert!(too_new.explain(Lang::Nl).starts_with(
            "gemaakt met een nieuwere versie van tafel (bestandsversie 9; deze versie leest tot en met 1)"
        ));
        let gone = LoadError::Io {
            path: "x.json".into(),
            source: io::Error::from(io::ErrorKind::NotFound),
        };
        assert!(gone.explain(Lang::Nl).starts_with("bestaat niet meer ["));
        let denied = LoadError::Io {
            path: "x.json".into(),
            source: io::Error::from(io::ErrorKind::PermissionDenied),
        };
        assert!(
            denied
                .explain(Lang::En)
                .starts_with("no permission to read it [")
        );
        let big = LoadError::TooLarge {
            path: "x.json".into(),
            size: 10,
            limit: 5,
        };
        assert_eq!(
            big.explain(Lang::Nl),
            "te groot voor een gesprek (10 bytes; hooguit 5)"
        );
        assert_eq!(
            parse_error().path(),
            std::path::Path::new("/d/sessions/x.json")
        );
    }

    #[test]
    fn finding_a_session_fails_in_the_users_language() {
        let ambiguous = ResolveError::Ambiguous {
            given: "8".into(),
            count: 2,
            examples: "8d2f, 8e00".into(),
        };
        assert_eq!(
            ambiguous.explain(Lang::Nl),
            "'8' past bij 2 gesprekken (8d2f, 8e00); typ meer tekens van de id"
        );
        let odd = ResolveError::Ambiguous {
            given: "{}".into(),
            count: 2,
            examples: "a, b".into(),
        };
        assert_eq!(
            odd.explain(Lang::En),
            "'{}' matches 2 sessions (a, b); type more characters of the id"
        );
        assert_eq!(
            ResolveError::NotFound("x".into()).explain(Lang::En),
            "no session found for 'x'; 'tafel list' shows the sessions"
        );
        let io = ResolveError::Io {
            path: "/d/sessions".into(),
            source: io::Error::from(io::ErrorKind::PermissionDenied),
        };
        assert!(
            io.explain(Lang::Nl)
                .starts_with("de map met gesprekken /d/sessions kan niet worden gelezen [")
        );
    }

    #[test]
    fn a_cut_off_file_and_a_wrong_value_are_not_called_broken_json() {
        let explain = |text: &str| {
            let e = crate::store::parse(std::path::Path::new("x.json"), text.as_bytes())
                .err()
                .unwrap();
            e.explain(Lang::En)
        };
        assert!(explain("{\n \"id\": ").starts_with("incomplete: the file stops at line 2"));
        assert!(explain("{\n \"id\": ]").starts_with("damaged: not valid JSON at line 2"));
        let mut s = serde_json::to_value(crate::model::Session::new(
            &crate::model::clock::test_clock(),
            vec![],
            crate::model::PriceList::default(),
            vec![],
        ))
        .unwrap();
        s["preparation"]["planned_minutes"] = serde_json::json!(-1);
        let text = serde_json::to_string_pretty(&s).unwrap();
        let why = explain(&text);
        assert!(
            why.starts_with("a value tafel cannot use, at line"),
            "{why}"
        );
    }

    #[test]
    fn every_reason_has_no_placeholder_left_in_either_language() {
        let errors = [
            parse_error(),
            LoadError::NotASession {
                path: "x".into(),
                message: "m".into(),
            },
            LoadError::TooNew {
                path: "x".into(),
                version: 2,
                supported: 1,
                message: "m".into(),
            },
            LoadError::TooLarge {
                path: "x".into(),
                size: 1,
                limit: 1,
            },
            LoadError::Symlink { path: "x".into() },
            LoadError::NotAFile { path: "x".into() },
            LoadError::TooLong {
                path: "x".into(),
                field: "preparation.case_code".into(),
                limit: 64,
                in_bytes: false,
            },
            LoadError::BadName { path: "x".into() },
            LoadError::Io {
                path: "x".into(),
                source: io::Error::other("boom"),
            },
        ];
        for lang in [Lang::Nl, Lang::En] {
            for e in &errors {
                let text = e.explain(lang);
                assert!(!text.contains("{}"), "{text}");
                assert!(!text.is_empty());
            }
        }
    }
}
