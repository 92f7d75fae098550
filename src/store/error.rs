//! What can go wrong with session files, in words a facilitator understands.

use std::io;
use std::path::PathBuf;

use crate::i18n::Lang;

#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("{path}: cannot be read: {source}")]
    Io { path: PathBuf, source: io::Error },
    #[error("{path}, line {line}, column {column}: {message}")]
    Parse {
        path: PathBuf,
        line: usize,
        column: usize,
        message: String,
    },
    #[error("{path}: {message}")]
    NotASession { path: PathBuf, message: String },
    #[error(
        "{path}: made by a newer version of tafel (file version {version}, this program reads up to {supported}) and it cannot be read: {message}"
    )]
    TooNew {
        path: PathBuf,
        version: u32,
        supported: u32,
        message: String,
    },
    #[error("{path}: is {size} bytes, more than a session file can be ({limit} bytes)")]
    TooLarge {
        path: PathBuf,
        size: u64,
        limit: u64,
    },
    #[error("{path}: is a symbolic link; tafel only opens ordinary files in its library")]
    Symlink { path: PathBuf },
}

impl LoadError {
    /// The reason alone, without the path: for lists that already show the file name.
    pub fn reason(&self) -> String {
        match self {
            LoadError::Io { source, .. } => format!("cannot be read: {source}"),
            LoadError::Parse {
                line,
                column,
                message,
                ..
            } => {
                format!("line {line}, column {column}: {message}")
            }
            LoadError::NotASession { message, .. } => message.clone(),
            LoadError::TooNew {
                version, message, ..
            } => {
                format!("newer version {version}: {message}")
            }
            LoadError::TooLarge { size, .. } => format!("too large ({size} bytes)"),
            LoadError::Symlink { .. } => "symbolic link, not opened".to_string(),
        }
    }

    /// The file concerned.
    pub fn path(&self) -> &std::path::Path {
        match self {
            LoadError::Io { path, .. }
            | LoadError::Parse { path, .. }
            | LoadError::NotASession { path, .. }
            | LoadError::TooNew { path, .. }
            | LoadError::TooLarge { path, .. }
            | LoadError::Symlink { path } => path,
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
                ..
            } => format!("{} [{message}]", fill(t.load_damaged, &[line, column])),
            LoadError::NotASession { message, .. } => format!("{} [{message}]", t.load_not_session),
            LoadError::TooNew {
                version,
                supported,
                message,
                ..
            } => format!(
                "{} [{message}]",
                fill(t.load_too_new, &[version, supported])
            ),
            LoadError::TooLarge { size, limit, .. } => fill(t.load_too_large, &[size, limit]),
            LoadError::Symlink { .. } => t.load_symlink.to_string(),
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
}

/// Fills each "{}" of `template` with the next value.
fn fill(template: &str, values: &[&dyn std::fmt::Display]) -> String {
    values.iter().fold(template.to_string(), |s, v| {
        s.replacen("{}", &v.to_string(), 1)
    })
}

#[derive(Debug, thiserror::Error)]
pub enum ResolveError {
    #[error("no session found for '{0}'; 'tafel list' shows the sessions")]
    NotFound(String),
    #[error("'{given}' matches {count} sessions ({examples}); type more characters of the id")]
    Ambiguous {
        given: String,
        count: usize,
        examples: String,
    },
    #[error("the library folder {path} cannot be read: {source}")]
    Io { path: PathBuf, source: io::Error },
}

impl ResolveError {
    /// The message in the user's language (the system's own words in brackets).
    pub fn explain(&self, lang: Lang) -> String {
        let t = lang.texts();
        match self {
            ResolveError::NotFound(given) => fill(t.resolve_not_found, &[given]),
            ResolveError::Ambiguous {
                given,
                count,
                examples,
            } => fill(t.resolve_ambiguous, &[given, count, examples]),
            ResolveError::Io { path, source } => {
                format!("{} [{source}]", fill(t.resolve_io, &[&path.display()]))
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
        }
    }

    #[test]
    fn reasons_are_told_in_the_users_language_with_the_systems_words_apart() {
        assert_eq!(
            parse_error().explain(Lang::Nl),
            "beschadigd: geen geldige JSON vanaf regel 3, kolom 7 [expected value]"
        );
        assert_eq!(
            parse_error().explain(Lang::En),
            "damaged: not valid JSON from line 3, column 7 [expected value]"
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
