//! Serde adapters for dates and instants.
//!
//! In human-readable formats (the JSON backup, `dabir show --format json`) dates are
//! ISO strings; in the binary store they are plain integers, which are smaller and
//! faster than chrono's string form.

use chrono::{DateTime, Datelike, NaiveDate, NaiveTime, Timelike, Utc};
use serde::{Deserialize, Deserializer, Serialize, Serializer, de::Error};

/// A `NaiveDate`: `"2024-12-20"` or days since 0001-01-01 (CE day number).
pub mod date {
    use super::*;

    pub fn serialize<S: Serializer>(d: &NaiveDate, s: S) -> Result<S::Ok, S::Error> {
        if s.is_human_readable() {
            d.format("%Y-%m-%d").to_string().serialize(s)
        } else {
            d.num_days_from_ce().serialize(s)
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
        if d.is_human_readable() {
            let s = String::deserialize(d)?;
            NaiveDate::parse_from_str(&s, "%Y-%m-%d").map_err(D::Error::custom)
        } else {
            let n = i32::deserialize(d)?;
            NaiveDate::from_num_days_from_ce_opt(n)
                .ok_or_else(|| D::Error::custom(format!("day number {n} is out of range")))
        }
    }
}

/// An optional `NaiveDate`.
pub mod opt_date {
    use super::*;

    #[derive(Serialize, Deserialize)]
    struct W(#[serde(with = "super::date")] NaiveDate);

    pub fn serialize<S: Serializer>(d: &Option<NaiveDate>, s: S) -> Result<S::Ok, S::Error> {
        d.map(W).serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
        Ok(Option::<W>::deserialize(d)?.map(|w| w.0))
    }
}

/// A `NaiveTime` to the minute: `"09:30"` or minutes since midnight.
pub mod time {
    use super::*;

    pub fn serialize<S: Serializer>(t: &NaiveTime, s: S) -> Result<S::Ok, S::Error> {
        if s.is_human_readable() {
            t.format("%H:%M").to_string().serialize(s)
        } else {
            ((t.hour() * 60 + t.minute()) as u16).serialize(s)
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveTime, D::Error> {
        if d.is_human_readable() {
            let s = String::deserialize(d)?;
            NaiveTime::parse_from_str(&s, "%H:%M").map_err(D::Error::custom)
        } else {
            let m = u16::deserialize(d)? as u32;
            NaiveTime::from_hms_opt(m / 60, m % 60, 0)
                .ok_or_else(|| D::Error::custom(format!("{m} minutes is not a time of day")))
        }
    }
}

/// An optional `NaiveTime`.
pub mod opt_time {
    use super::*;

    #[derive(Serialize, Deserialize)]
    struct W(#[serde(with = "super::time")] NaiveTime);

    pub fn serialize<S: Serializer>(t: &Option<NaiveTime>, s: S) -> Result<S::Ok, S::Error> {
        t.map(W).serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveTime>, D::Error> {
        Ok(Option::<W>::deserialize(d)?.map(|w| w.0))
    }
}

/// An instant: RFC 3339 with milliseconds, or milliseconds since the Unix epoch.
pub mod instant {
    use super::*;

    pub fn serialize<S: Serializer>(t: &DateTime<Utc>, s: S) -> Result<S::Ok, S::Error> {
        if s.is_human_readable() {
            t.to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
                .serialize(s)
        } else {
            t.timestamp_millis().serialize(s)
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<DateTime<Utc>, D::Error> {
        if d.is_human_readable() {
            let s = String::deserialize(d)?;
            DateTime::parse_from_rfc3339(&s)
                .map(|t| t.with_timezone(&Utc))
                .map_err(D::Error::custom)
        } else {
            let ms = i64::deserialize(d)?;
            DateTime::from_timestamp_millis(ms)
                .ok_or_else(|| D::Error::custom(format!("{ms} ms is out of range")))
        }
    }
}

/// Truncates an instant to whole milliseconds, the precision it is stored with, so
/// that a value compares equal after a round trip through the store.
pub fn to_millis(t: DateTime<Utc>) -> DateTime<Utc> {
    DateTime::from_timestamp_millis(t.timestamp_millis()).unwrap_or(t)
}

/// Truncates a time to whole minutes, the precision it is stored with.
pub fn to_minute(t: NaiveTime) -> NaiveTime {
    NaiveTime::from_hms_opt(t.hour(), t.minute(), 0).unwrap_or(t)
}
