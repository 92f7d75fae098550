//! What can go wrong with session files, in words a facilitator understands.

use std::io;
use std::path::PathBuf;

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
