//! Messages for the status line, written in both languages where they are made
//! and drawn in the user's: no «فارسی / English» string is split when drawn.
//!
//! Errors from the layers below (a store error, a date that does not parse) come
//! as their own text; [`Msg::error`] keeps it whole in Persian and, where that text
//! is bilingual, its English half in English (those layers word their errors that
//! way, the cause in the English half).

use std::fmt::Display;

use crate::lang::Lang;

/// How a message is shown: an error in red, a warning in yellow.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    Info,
    Warning,
    Error,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Msg {
    pub fa: String,
    pub en: String,
    pub severity: Severity,
}

impl Msg {
    pub fn info(fa: impl Into<String>, en: impl Into<String>) -> Msg {
        Msg {
            fa: fa.into(),
            en: en.into(),
            severity: Severity::Info,
        }
    }

    pub fn warn(fa: impl Into<String>, en: impl Into<String>) -> Msg {
        Msg {
            severity: Severity::Warning,
            ..Msg::info(fa, en)
        }
    }

    /// «✗ …» in both languages.
    pub fn fail(fa: impl Into<String>, en: impl Into<String>) -> Msg {
        Msg {
            fa: format!("✗ {}", fa.into()),
            en: format!("✗ {}", en.into()),
            severity: Severity::Error,
        }
    }

    /// An error of a lower layer, as it words itself.
    pub fn error(e: impl Display) -> Msg {
        let text = e.to_string();
        Msg {
            en: format!("✗ {}", Lang::En.message(&text)),
            fa: format!("✗ {text}"),
            severity: Severity::Error,
        }
    }

    /// A lower layer's notice (a query too short to search), as it words itself.
    pub fn note(e: impl Display) -> Msg {
        let text = e.to_string();
        Msg::info(text.clone(), Lang::En.message(&text))
    }

    /// The same text in both languages (a file name, a count of lines).
    pub fn plain(text: impl Into<String>) -> Msg {
        let text = text.into();
        Msg::info(text.clone(), text)
    }

    pub fn text(&self, lang: Lang) -> &str {
        match lang {
            Lang::Fa => &self.fa,
            Lang::En => &self.en,
        }
    }

    /// Both halves, for logs and tests: «fa / en».
    pub fn both(&self) -> String {
        if self.fa == self.en {
            self.fa.clone()
        } else {
            format!("{} / {}", self.fa, self.en)
        }
    }

    pub fn contains(&self, s: &str) -> bool {
        self.fa.contains(s) || self.en.contains(s)
    }
}

impl std::fmt::Display for Msg {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.both())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_language_gets_its_own_text_and_errors_keep_their_cause() {
        let m = Msg::info("جلسه ۱۲ ساخته شد", "meeting 12 created");
        assert_eq!(m.text(Lang::Fa), "جلسه ۱۲ ساخته شد");
        assert_eq!(m.text(Lang::En), "meeting 12 created");
        assert_eq!(m.both(), "جلسه ۱۲ ساخته شد / meeting 12 created");
        let e = Msg::error("پایگاه داده قفل است / the database is locked: pid 7");
        assert_eq!(e.severity, Severity::Error);
        assert_eq!(
            e.text(Lang::Fa),
            "✗ پایگاه داده قفل است / the database is locked: pid 7"
        );
        assert_eq!(e.text(Lang::En), "✗ the database is locked: pid 7");
        assert_eq!(Msg::error("io error").text(Lang::En), "✗ io error");
        assert_eq!(Msg::fail("نشد", "failed").text(Lang::En), "✗ failed");
    }
}
