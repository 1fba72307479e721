use chrono::Weekday;

/// Month names, Farvardin first.
pub const MONTHS: [&str; 12] = [
    "فروردین",
    "اردیبهشت",
    "خرداد",
    "تیر",
    "مرداد",
    "شهریور",
    "مهر",
    "آبان",
    "آذر",
    "دی",
    "بهمن",
    "اسفند",
];

/// Month names as English texts write them.
pub const MONTHS_EN: [&str; 12] = [
    "Farvardin",
    "Ordibehesht",
    "Khordad",
    "Tir",
    "Mordad",
    "Shahrivar",
    "Mehr",
    "Aban",
    "Azar",
    "Dey",
    "Bahman",
    "Esfand",
];

/// Weekday names, Saturday (the first day of the Iranian week) first.
pub const WEEKDAYS: [&str; 7] = [
    "شنبه",
    "یکشنبه",
    "دوشنبه",
    "سه‌شنبه",
    "چهارشنبه",
    "پنجشنبه",
    "جمعه",
];

pub fn weekday_name(w: Weekday) -> &'static str {
    WEEKDAYS[weekday_index(w)]
}

/// Position in the Iranian week: Saturday 0 … Friday 6.
pub fn weekday_index(w: Weekday) -> usize {
    (w.num_days_from_monday() as usize + 2) % 7
}
