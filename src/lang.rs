//! The UI language. dabir writes every label and message as «فارسی / English»;
//! the language picks the half to show. Persian by default; English by setting
//! (`--lang en`, or `lang = "en"` under `[display]`). Dates stay Jalali either way.

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    Fa,
    En,
}

impl Lang {
    pub fn from_name(s: &str) -> Option<Lang> {
        match s {
            "fa" => Some(Lang::Fa),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// The half of a label «فارسی / English» for this language. Splits at the
    /// last « / » (quoted user text sits in both halves, before it); a text
    /// without one is shown whole.
    pub fn pick(self, s: &str) -> &str {
        match s.rsplit_once(" / ") {
            Some((fa, en)) => match self {
                Lang::Fa => fa.trim_end(),
                Lang::En => en.trim_start(),
            },
            None => s,
        }
    }
}

impl Lang {
    /// A message for the status line. Messages carry their details (an error's
    /// cause) in the English half, so Persian keeps the whole message and English
    /// shows its half.
    pub fn message(self, s: &str) -> &str {
        match self {
            Lang::Fa => s,
            Lang::En => self.pick(s),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn picks_a_half() {
        let m = "۱۴۰۲ کبیسه نیست: اسفند ۲۹ روز دارد / 1402 is not a leap year: Esfand has 29 days";
        assert_eq!(Lang::Fa.pick(m), "۱۴۰۲ کبیسه نیست: اسفند ۲۹ روز دارد");
        assert_eq!(
            Lang::En.pick(m),
            "1402 is not a leap year: Esfand has 29 days"
        );
        assert_eq!(Lang::En.pick("corrupt record"), "corrupt record");
        assert_eq!(
            Lang::Fa.pick("1403/09/30"),
            "1403/09/30",
            "no spaces: not a separator"
        );
        let e = "keymap.toml نادیده گرفته شد / ignored: unknown action `jump`";
        assert_eq!(Lang::Fa.message(e), e, "the cause is kept");
        assert_eq!(Lang::En.message(e), "ignored: unknown action `jump`");
    }
}
