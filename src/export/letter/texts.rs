//! The standard formulas of each letter, overridable in config.toml under
//! `[letters.text]`. Placeholders: `{body}`, `{session}`, `{date}` (the
//! meeting's), `{time}`, `{place}`, `{from}`, `{to}`.

/// Opening and closing paragraphs of each kind (follow-up letters by how many
/// went before: the first reminder, the second, and the report to the chair).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Texts {
    pub notify: String,
    pub notify_closing: String,
    pub reminder1: String,
    pub reminder1_closing: String,
    pub reminder2: String,
    pub reminder2_closing: String,
    pub reminder3: String,
    pub reminder3_closing: String,
    pub invitation: String,
    pub invitation_closing: String,
    pub report: String,
    pub report_closing: String,
}

impl Default for Texts {
    fn default() -> Texts {
        Texts {
            notify: "بدین‌وسیله مصوبات جلسه شماره {session} {body} مورخ {date} که اجرا یا پیگیری آن بر عهده آن دستگاه است، به شرح زیر جهت اجرا ابلاغ می‌گردد:".into(),
            notify_closing: "خواهشمند است دستور فرمایید اقدامات لازم در مهلت مقرر انجام و نتیجه به این دبیرخانه اعلام گردد.".into(),
            reminder1: "بدین‌وسیله یادآوری می‌شود گزارش اقدامات انجام‌شده درباره مصوبات زیر، که اجرای آن بر عهده آن دستگاه است، تاکنون به این دبیرخانه نرسیده است:".into(),
            reminder1_closing: "خواهشمند است دستور فرمایید نتیجه اقدامات حداکثر ظرف یک هفته به این دبیرخانه اعلام گردد.".into(),
            reminder2: "با وجود پیگیری قبلی، گزارشی از اجرای مصوبات زیر به این دبیرخانه نرسیده است:".into(),
            reminder2_closing: "خواهشمند است دستور فرمایید ظرف سه روز کاری نسبت به اجرای مصوبات و اعلام نتیجه اقدام فوری به عمل آید؛ در غیر این صورت مراتب به ریاست {body} گزارش خواهد شد.".into(),
            reminder3: "با توجه به پیگیری‌های مکرر و نرسیدن گزارش اجرای مصوبات زیر، مراتب جهت استحضار و صدور دستور مقتضی به ریاست {body} گزارش گردید:".into(),
            reminder3_closing: "خواهشمند است دستور فرمایید نتیجه اقدامات به‌فوریت به این دبیرخانه و ریاست {body} اعلام گردد.".into(),
            invitation: "بدین‌وسیله از جنابعالی دعوت می‌شود در جلسه شماره {session} {body} که {date} ساعت {time} در محل {place} برگزار می‌گردد، حضور به هم رسانید. دستور جلسه به شرح زیر است:".into(),
            invitation_closing: "خواهشمند است در صورت عدم امکان حضور، نماینده تام‌الاختیار معرفی فرمایید.".into(),
            report: "گزارش وضعیت مصوبات {body} از {from} تا {to} به شرح زیر جهت استحضار تقدیم می‌گردد:".into(),
            report_closing: "مراتب جهت استحضار و صدور دستور مقتضی تقدیم می‌گردد.".into(),
        }
    }
}

impl Texts {
    /// The text of `name` (a key of `[letters.text]`) to set, or None for an
    /// unknown key.
    pub fn field_mut(&mut self, name: &str) -> Option<&mut String> {
        Some(match name {
            "notify" => &mut self.notify,
            "notify_closing" => &mut self.notify_closing,
            "reminder1" => &mut self.reminder1,
            "reminder1_closing" => &mut self.reminder1_closing,
            "reminder2" => &mut self.reminder2,
            "reminder2_closing" => &mut self.reminder2_closing,
            "reminder3" => &mut self.reminder3,
            "reminder3_closing" => &mut self.reminder3_closing,
            "invitation" => &mut self.invitation,
            "invitation_closing" => &mut self.invitation_closing,
            "report" => &mut self.report,
            "report_closing" => &mut self.report_closing,
            _ => return None,
        })
    }

    /// The opening and closing of a follow-up letter after `earlier` ones.
    pub fn reminder(&self, earlier: usize) -> (&str, &str) {
        match earlier {
            0 => (&self.reminder1, &self.reminder1_closing),
            1 => (&self.reminder2, &self.reminder2_closing),
            _ => (&self.reminder3, &self.reminder3_closing),
        }
    }
}

/// `template` with each `{name}` replaced by its value.
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    values.iter().fold(template.to_owned(), |s, (k, v)| {
        s.replace(&format!("{{{k}}}"), v)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_filled_and_reminders_escalate() {
        let t = Texts::default();
        let s = fill(
            &t.notify,
            &[
                ("session", "۱۲"),
                ("body", "کارگروه"),
                ("date", "۱۴۰۳/۰۹/۰۱"),
            ],
        );
        assert!(s.contains("جلسه شماره ۱۲ کارگروه مورخ ۱۴۰۳/۰۹/۰۱"), "{s}");
        assert_eq!(t.reminder(0).0, t.reminder1);
        assert_eq!(t.reminder(1).0, t.reminder2);
        assert_eq!(t.reminder(7).0, t.reminder3);
        let mut t = t;
        *t.field_mut("reminder1").unwrap() = "متن دیگر".into();
        assert_eq!(t.reminder(0).0, "متن دیگر");
        assert!(t.field_mut("reminder9").is_none());
    }
}
