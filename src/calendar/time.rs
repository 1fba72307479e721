//! Times of day as written in minutes: «۹:۳۰», «09:30», «ساعت ۱۰», «۱۰ صبح»,
//! «۴ بعدازظهر». Iran has no daylight saving time since 2022, so a time is a time.

use chrono::NaiveTime;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TimeError {
    #[error("«{0}» ساعت شناخته‌شده‌ای نیست / «{0}» is not a time dabir can read")]
    Unrecognised(String),
    #[error("ساعت {0} وجود ندارد: ساعت‌ها ۰ تا ۲۳ هستند / there is no hour {0}: hours are 0–23")]
    Hour(u32),
    #[error(
        "دقیقه {0} وجود ندارد: دقیقه‌ها ۰ تا ۵۹ هستند / there is no minute {0}: minutes are 0–59"
    )]
    Minute(u32),
}

pub fn parse_time(input: &str) -> Result<NaiveTime, TimeError> {
    let err = || TimeError::Unrecognised(input.trim().to_owned());
    let mut s = String::with_capacity(input.len());
    for c in input.chars() {
        s.push(match c {
            '۰'..='۹' => char::from(b'0' + (c as u32 - '۰' as u32) as u8),
            '٠'..='٩' => char::from(b'0' + (c as u32 - '٠' as u32) as u8),
            '\u{200c}' => ' ',
            '٫' | '.' => ':',
            c => c,
        });
    }
    let mut words: Vec<&str> = s.split_whitespace().collect();
    if words.first() == Some(&"ساعت") {
        words.remove(0);
    }
    let mut pm = None;
    if words.len() >= 2 && words[words.len() - 2..] == ["بعد", "ازظهر"] {
        words.truncate(words.len() - 2);
        pm = Some(true);
    } else {
        pm = match words.last().copied() {
            Some("صبح" | "ق.ظ") => Some(false),
            Some("عصر" | "بعدازظهر" | "شب" | "ب.ظ") => Some(true),
            _ => pm,
        };
        if pm.is_some() {
            words.pop();
        }
    }
    let [clock] = words[..] else {
        return Err(err());
    };
    let (h, m) = match clock.split_once(':') {
        Some((h, m)) => (h, m),
        None => (clock, "0"),
    };
    if h.is_empty()
        || m.is_empty()
        || !h.bytes().chain(m.bytes()).all(|b| b.is_ascii_digit())
        || h.len() > 2
        || m.len() > 2
    {
        return Err(err());
    }
    let mut h: u32 = h.parse().map_err(|_| err())?;
    let m: u32 = m.parse().map_err(|_| err())?;
    if h > 23 {
        return Err(TimeError::Hour(h));
    }
    if m > 59 {
        return Err(TimeError::Minute(m));
    }
    if pm == Some(true) && h < 12 {
        h += 12;
    }
    NaiveTime::from_hms_opt(h, m, 0).ok_or_else(err)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(h: u32, m: u32) -> NaiveTime {
        NaiveTime::from_hms_opt(h, m, 0).unwrap()
    }

    #[test]
    fn forms() {
        for (input, want) in [
            ("۹:۳۰", t(9, 30)),
            ("09:30", t(9, 30)),
            ("ساعت ۱۰", t(10, 0)),
            ("ساعت ۱۰:۱۵", t(10, 15)),
            ("١١:٣٠", t(11, 30)),
            ("۱۰ صبح", t(10, 0)),
            ("۴ بعدازظهر", t(16, 0)),
            ("۴ بعد ازظهر", t(16, 0)),
            ("۸:۳۰ شب", t(20, 30)),
            ("14.30", t(14, 30)),
            ("0:00", t(0, 0)),
        ] {
            assert_eq!(parse_time(input), Ok(want), "{input}");
        }
    }

    #[test]
    fn errors_say_why() {
        assert_eq!(parse_time("۲۵:۰۰"), Err(TimeError::Hour(25)));
        assert_eq!(parse_time("10:75"), Err(TimeError::Minute(75)));
        assert!(matches!(parse_time("ظهر"), Err(TimeError::Unrecognised(_))));
        assert!(matches!(parse_time(""), Err(TimeError::Unrecognised(_))));
        assert!(matches!(parse_time("10:"), Err(TimeError::Unrecognised(_))));
        assert!(matches!(
            parse_time("1:2:3"),
            Err(TimeError::Unrecognised(_))
        ));
        assert!(
            parse_time("۲۵:۰۰")
                .unwrap_err()
                .to_string()
                .contains("hours are 0–23")
        );
    }
}
