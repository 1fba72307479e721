//! Byte layouts of record and index keys. All integers are big-endian so that
//! sled's byte order is numeric order.

use chrono::{Datelike, NaiveDate};

use crate::model::Id;

pub fn id_key(id: Id) -> [u8; 8] {
    id.to_be_bytes()
}

pub fn id_from_key(key: &[u8]) -> Option<Id> {
    Some(Id::from_be_bytes(key.get(..8)?.try_into().ok()?))
}

/// A date as four bytes that sort like the date.
pub fn date_bytes(d: NaiveDate) -> [u8; 4] {
    ((d.num_days_from_ce() as u32) ^ 0x8000_0000).to_be_bytes()
}

pub fn date_from_bytes(b: &[u8]) -> Option<NaiveDate> {
    let n = u32::from_be_bytes(b.get(..4)?.try_into().ok()?) ^ 0x8000_0000;
    NaiveDate::from_num_days_from_ce_opt(n as i32)
}

/// A deadline: a date, or none, which sorts after every date.
pub fn deadline_bytes(d: Option<NaiveDate>) -> [u8; 4] {
    match d {
        Some(d) => date_bytes(d),
        None => [0xff; 4],
    }
}

pub fn deadline_from_bytes(b: &[u8]) -> Option<NaiveDate> {
    if b.get(..4)? == [0xff; 4] {
        None
    } else {
        date_from_bytes(b)
    }
}

/// Concatenates key parts.
pub fn key(parts: &[&[u8]]) -> Vec<u8> {
    let mut k = Vec::with_capacity(parts.iter().map(|p| p.len()).sum());
    for p in parts {
        k.extend_from_slice(p);
    }
    k
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn date_bytes_sort_like_dates(a in -100_000i32..1_000_000, b in -100_000i32..1_000_000) {
            let da = NaiveDate::from_num_days_from_ce_opt(a).unwrap();
            let db = NaiveDate::from_num_days_from_ce_opt(b).unwrap();
            prop_assert_eq!(da.cmp(&db), date_bytes(da).cmp(&date_bytes(db)));
            prop_assert_eq!(date_from_bytes(&date_bytes(da)), Some(da));
            prop_assert!(deadline_bytes(Some(da)) < deadline_bytes(None));
        }
    }
}
