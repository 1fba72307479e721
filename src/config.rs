//! The user's settings, from `config.toml` in the config directory
//! (`~/.config/dabir/config.toml` on Linux):
//!
//! ```toml
//! [calendar]
//! weekend = ["جمعه"]                 # or ["thursday", "friday"]
//! holidays = ["1404/01/01", "1404/01/02", "2025-04-01"]
//!
//! [display]
//! digits = "persian"                 # or "latin"
//! rtl = "app"                        # or "app-unshaped", "terminal" (docs/terminals.md)
//! lang = "fa"                        # or "en": the language of the UI
//!
//! [export]
//! font = "B Nazanin"                 # Word files; "Vazirmatn" or "Tahoma" where it is missing
//!
//! [user]
//! name = "زهرا نوروزی"               # who finalises and reopens; the login name if absent
//!
//! [organisation]                     # the official header of minutes and letters
//! name = ["وزارت کشور", "استانداری خراسان رضوی", "فرمانداری شهرستان نمونه"]
//! logo = "/home/zahra/logo.png"      # PNG or JPEG
//! signatory = "secretary"            # or "chair", or "زهرا نوروزی، دبیر کارگروه"
//!
//! [letters]
//! numbering = "{year}/د/{seq}"        # "" when the organisation's registry gives numbers
//! follow_up_office = "دفتر پیگیری مصوبات"
//! [letters.text]                     # the standard formulas (docs/letters.md)
//! reminder1 = "…"
//! ```
//!
//! A bad file never stops dabir: the defaults stay and the problem is reported
//! (status line in the UI, stderr on the command line).

use std::path::Path;

use serde::Deserialize;

use crate::calendar::{DateContext, Digits, WorkWeek, parse_date, parse_weekday};
use crate::export::letter::{Settings, Signatory, Texts};
use crate::export::official::{Logo, Official};
use crate::model::Numbering;
use crate::text::RenderMode;

pub const CONFIG_FILE: &str = "config.toml";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    pub work: WorkWeek,
    pub digits: Digits,
    pub render: RenderMode,
    pub lang: crate::lang::Lang,
    /// The font of exported Word files.
    pub export_font: String,
    /// Who is at the keyboard, recorded in a meeting's history (finalise,
    /// reopen): `[user] name`, else the login name.
    pub user: String,
    /// `[organisation] name`: the lines under «بسمه تعالی».
    pub organisation: Vec<String>,
    /// `[organisation] logo`.
    pub logo: Option<std::path::PathBuf>,
    pub signatory: Signatory,
    pub numbering: Numbering,
    pub follow_up_office: String,
    pub letter_texts: Texts,
}

/// The login name of the process (USER, LOGNAME, USERNAME), or empty.
pub fn login_name() -> String {
    ["USER", "LOGNAME", "USERNAME"]
        .iter()
        .find_map(|v| std::env::var(v).ok().filter(|s| !s.trim().is_empty()))
        .unwrap_or_default()
}

impl Default for Config {
    fn default() -> Config {
        Config {
            work: WorkWeek::default(),
            digits: Digits::default(),
            render: RenderMode::default(),
            lang: crate::lang::Lang::default(),
            export_font: crate::export::docx::DEFAULT_FONT.to_owned(),
            user: login_name(),
            organisation: Vec::new(),
            logo: None,
            signatory: Signatory::default(),
            numbering: Numbering::default(),
            follow_up_office: "دفتر پیگیری مصوبات".into(),
            letter_texts: Texts::default(),
        }
    }
}

/// Adds `[organisation] name` and `[letters] numbering` to config.toml in
/// `dir` (made if missing), as the letters dialog's onboarding asks. The file's
/// other text is kept as it is; a file that has either table already is left
/// alone (edit it by hand).
pub fn add_organisation(dir: &Path, lines: &[String], numbering: &str) -> Result<(), String> {
    let path = dir.join(CONFIG_FILE);
    let old = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => return Err(format!("{}: {e}", path.display())),
    };
    let table: toml::Table =
        toml::from_str(&old).map_err(|e| format!("{}: {e}", path.display()))?;
    for section in ["organisation", "letters"] {
        if table.contains_key(section) {
            return Err(format!(
                "{} has [{section}] already: add the organisation there by hand / [{section}] در {} هست؛ نام سازمان را خودتان بیفزایید",
                path.display(),
                path.display()
            ));
        }
    }
    let names = toml::Value::Array(
        lines
            .iter()
            .map(|l| toml::Value::String(l.clone()))
            .collect(),
    );
    let mut text = old;
    if !text.is_empty() && !text.ends_with('\n') {
        text.push('\n');
    }
    if !text.is_empty() {
        text.push('\n');
    }
    text.push_str(&format!(
        "[organisation]\nname = {names}\n\n[letters]\nnumbering = {}\n",
        toml::Value::String(numbering.to_owned())
    ));
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    crate::export::write_atomic(&path, text.as_bytes())
        .map_err(|e| format!("{}: {e}", path.display()))
}

impl Config {
    /// Whether the organisation's header is configured (else the UI offers to
    /// set it before the first letter).
    pub fn has_organisation(&self) -> bool {
        !self.organisation.is_empty()
    }

    /// The official header, with the logo read; a logo that cannot be read is
    /// left out and reported.
    pub fn official(&self) -> (Official, Option<String>) {
        let (logo, problem) = match &self.logo {
            Some(path) => match Logo::load(path) {
                Ok(l) => (Some(l), None),
                Err(e) => (None, Some(format!("logo: {e}"))),
            },
            None => (None, None),
        };
        (
            Official {
                lines: self.organisation.clone(),
                logo,
            },
            problem,
        )
    }

    /// What letters and Word files take from the settings.
    pub fn letter_settings(&self) -> (Settings, Option<String>) {
        let (official, problem) = self.official();
        (
            Settings {
                official,
                numbering: self.numbering.clone(),
                signatory: self.signatory.clone(),
                follow_up_office: self.follow_up_office.clone(),
                texts: self.letter_texts.clone(),
                font: self.export_font.clone(),
                user: self.user.clone(),
            },
            problem,
        )
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    calendar: CalendarSection,
    #[serde(default)]
    display: DisplaySection,
    #[serde(default)]
    export: ExportSection,
    #[serde(default)]
    user: UserSection,
    #[serde(default)]
    organisation: OrganisationSection,
    #[serde(default)]
    letters: LettersSection,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct OrganisationSection {
    /// One line or several.
    name: Option<OneOrMany>,
    logo: Option<String>,
    signatory: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct LettersSection {
    numbering: Option<String>,
    follow_up_office: Option<String>,
    #[serde(default)]
    text: std::collections::BTreeMap<String, String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct UserSection {
    name: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct ExportSection {
    font: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct DisplaySection {
    digits: Option<String>,
    rtl: Option<String>,
    lang: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct CalendarSection {
    weekend: Option<Vec<String>>,
    #[serde(default)]
    holidays: Vec<String>,
}

impl Config {
    /// Reads `config.toml` from `dir` if it exists. Returns the config and the
    /// problems found, each a message for the user.
    pub fn load(dir: Option<&Path>) -> (Config, Vec<String>) {
        let Some(path) = dir.map(|d| d.join(CONFIG_FILE)).filter(|p| p.exists()) else {
            return (Config::default(), Vec::new());
        };
        match std::fs::read_to_string(&path) {
            Ok(text) => {
                let (config, problems) = Config::parse(&text);
                let problems = problems
                    .into_iter()
                    .map(|p| format!("{}: {p}", path.display()))
                    .collect();
                (config, problems)
            }
            Err(e) => (Config::default(), vec![format!("{}: {e}", path.display())]),
        }
    }

    /// Parses a config file's text; what is wrong is reported and left at its
    /// default, what is right is kept.
    pub fn parse(text: &str) -> (Config, Vec<String>) {
        let mut config = Config::default();
        let mut problems = Vec::new();
        let file: File = match toml::from_str(text) {
            Ok(f) => f,
            Err(e) => return (config, vec![e.message().to_owned()]),
        };
        let cal = file.calendar;
        if let Some(days) = cal.weekend {
            let parsed: Vec<_> = days.iter().map(|d| (d, parse_weekday(d))).collect();
            match parsed.iter().find(|(_, w)| w.is_none()) {
                Some((bad, _)) => problems.push(format!("weekend: «{bad}» is not a weekday")),
                None if parsed.len() >= 7 => {
                    problems.push("weekend: a week needs at least one working day".into())
                }
                None => config.work.weekend = parsed.into_iter().filter_map(|(_, w)| w).collect(),
            }
        }
        let no_context = WorkWeek::default();
        let ctx = DateContext {
            anchor: None,
            deadline: false,
            work: &no_context,
        };
        for h in &cal.holidays {
            match parse_date(h, &ctx) {
                Ok(p) => {
                    config.work.holidays.insert(p.date);
                }
                Err(e) => problems.push(format!("holidays: «{h}»: {e}")),
            }
        }
        match file.display.digits.as_deref() {
            None | Some("persian") => {}
            Some("latin") => config.digits = Digits::Latin,
            Some(other) => {
                problems.push(format!("digits: «{other}»: use \"persian\" or \"latin\""))
            }
        }
        if let Some(lang) = file.display.lang.as_deref() {
            match crate::lang::Lang::from_name(lang) {
                Some(l) => config.lang = l,
                None => problems.push(format!("lang: «{lang}»: use \"fa\" or \"en\"")),
            }
        }
        if let Some(rtl) = file.display.rtl.as_deref() {
            match RenderMode::from_name(rtl) {
                Some(m) => config.render = m,
                None => problems.push(format!(
                    "rtl: «{rtl}»: use \"app\", \"app-unshaped\" or \"terminal\""
                )),
            }
        }
        if let Some(font) = file.export.font.filter(|f| !f.trim().is_empty()) {
            config.export_font = font.trim().to_owned();
        }
        if let Some(name) = file.user.name.filter(|n| !n.trim().is_empty()) {
            config.user = name.trim().to_owned();
        }
        let org = file.organisation;
        config.organisation = match org.name {
            Some(OneOrMany::One(l)) => vec![l],
            Some(OneOrMany::Many(ls)) => ls,
            None => Vec::new(),
        }
        .into_iter()
        .map(|l| l.trim().to_owned())
        .filter(|l| !l.is_empty())
        .collect();
        config.logo = org
            .logo
            .filter(|l| !l.trim().is_empty())
            .map(|l| std::path::PathBuf::from(l.trim()));
        if let Some(s) = org.signatory.filter(|s| !s.trim().is_empty()) {
            config.signatory = Signatory::parse(&s);
        }
        let letters = file.letters;
        if let Some(n) = letters.numbering {
            match Numbering::check(&n) {
                Ok(()) => {
                    config.numbering = Numbering {
                        pattern: n.trim().to_owned(),
                    }
                }
                Err(e) => problems.push(format!("numbering: {e}")),
            }
        }
        if let Some(o) = letters.follow_up_office {
            config.follow_up_office = o.trim().to_owned();
        }
        for (key, text) in letters.text {
            match config.letter_texts.field_mut(&key) {
                Some(t) if !text.trim().is_empty() => *t = text.trim().to_owned(),
                Some(_) => problems.push(format!("letters.text.{key}: empty")),
                None => problems.push(format!("letters.text: unknown «{key}»")),
            }
        }
        (config, problems)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{NaiveDate, Weekday};

    #[test]
    fn a_full_file() {
        let (c, problems) = Config::parse(
            "[calendar]\nweekend = [\"پنجشنبه\", \"friday\"]\nholidays = [\"1404/01/01\", \"2025-04-01\"]\n[display]\ndigits = \"latin\"\nrtl = \"terminal\"\n",
        );
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(c.work.weekend, vec![Weekday::Thu, Weekday::Fri]);
        assert!(
            c.work
                .holidays
                .contains(&NaiveDate::from_ymd_opt(2025, 3, 21).unwrap())
        );
        assert!(
            c.work
                .holidays
                .contains(&NaiveDate::from_ymd_opt(2025, 4, 1).unwrap())
        );
        assert_eq!(c.digits, Digits::Latin);
        assert_eq!(c.render, RenderMode::Terminal);
    }

    #[test]
    fn the_user_name_from_the_file_or_the_login() {
        let (c, problems) = Config::parse(
            "[user]
name = \" زهرا نوروزی \"\n",
        );
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(c.user, "زهرا نوروزی");
        let (c, _) = Config::parse("[user]\nname = \"  \"\n");
        assert_eq!(c.user, login_name(), "a blank name falls back to the login");
    }

    #[test]
    fn organisation_and_letters() {
        let (c, problems) = Config::parse(
            "[organisation]\nname = [\"وزارت کشور\", \" فرمانداری شهرستان نمونه \"]\nsignatory = \"زهرا نوروزی، دبیر کارگروه\"\n[letters]\nnumbering = \"{year}/د/{seq}\"\nfollow_up_office = \"دفتر پیگیری\"\n[letters.text]\nreminder1 = \"یادآوری\"\n",
        );
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(c.organisation, ["وزارت کشور", "فرمانداری شهرستان نمونه"]);
        assert!(c.has_organisation());
        assert_eq!(c.numbering.format(1403, 5, Digits::Persian), "۱۴۰۳/د/۵");
        assert_eq!(c.letter_texts.reminder1, "یادآوری");
        assert_eq!(c.follow_up_office, "دفتر پیگیری");
        match &c.signatory {
            Signatory::Named(p) => assert_eq!(
                (p.name.as_str(), p.post.as_str()),
                ("زهرا نوروزی", "دبیر کارگروه")
            ),
            other => panic!("{other:?}"),
        }
        let (c, _) = Config::parse("[organisation]\nname = \"فرمانداری\"\nsignatory = \"chair\"\n");
        assert_eq!(c.organisation, ["فرمانداری"]);
        assert_eq!(c.signatory, Signatory::Chair);

        let (c, problems) = Config::parse(
            "[organisation]\nlogo = \"/no/such/logo.png\"\n[letters]\nnumbering = \"{year}/د\"\n[letters.text]\nreminder9 = \"x\"\n",
        );
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(problems[0].contains("{seq}") && problems[1].contains("reminder9"));
        assert_eq!(c.numbering, Numbering::default(), "default kept");
        let (official, problem) = c.official();
        assert!(official.logo.is_none() && problem.unwrap().contains("/no/such/logo.png"));
    }

    #[test]
    fn onboarding_adds_the_organisation_and_keeps_the_rest() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join(CONFIG_FILE),
            "# mine\n[user]\nname = \"زهرا\"",
        )
        .unwrap();
        add_organisation(
            dir.path(),
            &["وزارت کشور".into(), "فرمانداری \"نمونه\"".into()],
            "{year}/د/{seq}",
        )
        .unwrap();
        let text = std::fs::read_to_string(dir.path().join(CONFIG_FILE)).unwrap();
        assert!(text.starts_with("# mine\n[user]"), "{text}");
        let (c, problems) = Config::parse(&text);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(c.organisation, ["وزارت کشور", "فرمانداری \"نمونه\""]);
        assert_eq!(c.numbering.pattern, "{year}/د/{seq}");
        assert_eq!(c.user, "زهرا");
        let again = add_organisation(dir.path(), &["x".into()], "{seq}");
        assert!(again.unwrap_err().contains("[organisation]"));
        let fresh = tempfile::tempdir().unwrap();
        let sub = fresh.path().join("dabir");
        add_organisation(&sub, &["x".into()], "").unwrap();
        assert!(Config::load(Some(&sub)).0.has_organisation());
    }

    #[test]
    fn problems_are_reported_and_the_rest_kept() {
        let (c, problems) = Config::parse(
            "[calendar]\nweekend = [\"funday\"]\nholidays = [\"1402/12/30\", \"1404/01/02\"]\n[display]\ndigits = \"roman\"\nrtl = \"sideways\"\n",
        );
        assert_eq!(problems.len(), 4, "{problems:?}");
        assert!(problems[3].contains("sideways"));
        assert!(problems[0].contains("funday"));
        assert!(problems[1].contains("کبیسه"));
        assert!(problems[2].contains("roman"));
        assert_eq!(c.work.weekend, vec![Weekday::Fri], "default kept");
        assert_eq!(c.work.holidays.len(), 1, "the good holiday kept");

        let (c, problems) = Config::parse("this is not toml");
        assert_eq!(problems.len(), 1);
        assert_eq!(c, Config::default());
        let (_, problems) = Config::parse("[calendar]\nweekday = []\n");
        assert!(problems[0].contains("unknown field"), "{problems:?}");
    }
}
