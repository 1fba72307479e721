//! Phrases for the review screen: «امروز», «۳ روز مانده», «۵ روز گذشته».

use chrono::NaiveDate;

use super::Digits;

/// How far `date` is from `today`, as the pending list says it.
pub fn relative_phrase(date: NaiveDate, today: NaiveDate) -> String {
    let days = (date - today).num_days();
    let n = |d: i64| Digits::Persian.apply(&d.to_string());
    match days {
        0 => "امروز".into(),
        1 => "فردا".into(),
        -1 => "دیروز".into(),
        d if d > 0 => format!("{} روز مانده", n(d)),
        d => format!("{} روز گذشته", n(-d)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phrases() {
        let t = NaiveDate::from_ymd_opt(2025, 3, 20).unwrap();
        let d = |n: i64| t + chrono::Duration::days(n);
        assert_eq!(relative_phrase(d(0), t), "امروز");
        assert_eq!(relative_phrase(d(1), t), "فردا");
        assert_eq!(relative_phrase(d(-1), t), "دیروز");
        assert_eq!(relative_phrase(d(3), t), "۳ روز مانده");
        assert_eq!(relative_phrase(d(-5), t), "۵ روز گذشته");
        assert_eq!(relative_phrase(d(120), t), "۱۲۰ روز مانده");
    }
}
