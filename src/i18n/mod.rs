//! The two UI languages. Every label, hint and message lives in `nl.rs` or `en.rs`,
//! one struct of texts per language, so a missing translation is a compile error.

mod en;
pub mod format;
pub mod nl;

use std::str::FromStr;

pub use texts::Texts;

mod texts;

/// A UI language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    #[default]
    Nl,
    En,
}

impl Lang {
    /// From `--lang`, else the locale (`LC_ALL`, `LC_MESSAGES`, `LANG`), else Dutch.
    pub fn detect(flag: Option<Lang>) -> Lang {
        flag.or_else(|| {
            ["LC_ALL", "LC_MESSAGES", "LANG"]
                .iter()
                .filter_map(|v| std::env::var(v).ok())
                .find(|v| !v.is_empty())
                .and_then(|v| Lang::from_locale(&v))
        })
        .unwrap_or_default()
    }

    fn from_locale(locale: &str) -> Option<Lang> {
        let l = locale.to_ascii_lowercase();
        if l.starts_with("nl") {
            Some(Lang::Nl)
        } else if l.starts_with("en") {
            Some(Lang::En)
        } else {
            None
        }
    }

    pub fn texts(self) -> &'static Texts {
        match self {
            Lang::Nl => &nl::TEXTS,
            Lang::En => &en::TEXTS,
        }
    }

    /// The decimal separator: ',' in Dutch, '.' in English.
    pub fn decimal_separator(self) -> char {
        match self {
            Lang::Nl => ',',
            Lang::En => '.',
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Lang::Nl => "nl",
            Lang::En => "en",
        }
    }
}

impl FromStr for Lang {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "nl" | "nederlands" | "dutch" => Ok(Lang::Nl),
            "en" | "english" | "engels" => Ok(Lang::En),
            _ => Err(format!("unknown language '{s}': use nl or en")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locale_decides_when_no_flag() {
        assert_eq!(Lang::from_locale("en_GB.UTF-8"), Some(Lang::En));
        assert_eq!(Lang::from_locale("nl_NL.UTF-8"), Some(Lang::Nl));
        assert_eq!(Lang::from_locale("C.UTF-8"), None);
        assert_eq!(Lang::detect(Some(Lang::En)), Lang::En);
    }
}
