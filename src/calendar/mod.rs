//! The Solar Hijri (Jalali) calendar: conversion, names and formatting.
//!
//! Dates are stored as `chrono::NaiveDate`; Jalali is only a way of showing and
//! typing them.

mod convert;
mod names;
mod parse;
mod relative;
mod time;
mod workweek;

pub use convert::{CalendarError, JalaliDate, MAX_YEAR, MIN_YEAR, is_leap, month_days};
pub use names::{MONTHS, MONTHS_EN, WEEKDAYS, weekday_index, weekday_name};
pub use parse::{DateContext, DateError, ParsedDate, parse_date};
pub use relative::relative_phrase;
pub use time::{TimeError, parse_time};
pub use workweek::{WorkWeek, parse_weekday};

pub use crate::text::Digits;
