//! How records are written as sled values.
//!
//! A value is a three-byte header, `b'D'`, the record kind and the record's format
//! version, followed by the record in bincode 2 (standard configuration). bincode is
//! not self-describing: a record written with one field list cannot be read with
//! another, `#[serde(default)]` or not. So every change to a stored type bumps its
//! version here and keeps a decoder for the old one (see `legacy`), with a fixture
//! test in tests/store_codec.rs.
//!
//! Decoding is bounded (`with_limit`) and must consume every byte, so a corrupt value
//! is an error naming its key, never a panic or a huge allocation.

use bincode::config::{self, Config};
use serde::{Serialize, de::DeserializeOwned};

use crate::model::{Body, Id, Letter, Meeting, PersonRecord, Unit};

use super::legacy;

/// The largest value dabir will write or read. A meeting of 5,000 words is about
/// 60 KiB; this leaves room for a hundred times that.
pub const MAX_VALUE: usize = 8 * 1024 * 1024;

fn bincode_config() -> impl Config {
    config::standard().with_limit::<MAX_VALUE>()
}

const MAGIC: u8 = b'D';

/// The kinds of stored record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub enum Kind {
    Body = 1,
    Person = 2,
    Unit = 3,
    Meeting = 4,
    Letter = 5,
}

impl Kind {
    fn from_u8(b: u8) -> Option<Kind> {
        Some(match b {
            1 => Kind::Body,
            2 => Kind::Person,
            3 => Kind::Unit,
            4 => Kind::Meeting,
            5 => Kind::Letter,
            _ => return None,
        })
    }

    pub fn name(self) -> &'static str {
        match self {
            Kind::Body => "body",
            Kind::Person => "person",
            Kind::Unit => "unit",
            Kind::Meeting => "meeting",
            Kind::Letter => "letter",
        }
    }
}

/// A type stored as a record. `VERSION` is the format version written today.
pub trait Record: Serialize + DeserializeOwned + Sized {
    const KIND: Kind;
    const VERSION: u8;

    fn id(&self) -> Id;
    fn set_id(&mut self, id: Id);

    /// Decodes the payload of an older format version. Types that never changed
    /// have no older version.
    fn decode_old(version: u8, payload: &[u8]) -> Result<Self, String> {
        let _ = payload;
        Err(format!(
            "unknown {} format version {version}",
            Self::KIND.name()
        ))
    }
}

impl Record for Body {
    const KIND: Kind = Kind::Body;
    const VERSION: u8 = 0;

    fn id(&self) -> Id {
        self.id
    }
    fn set_id(&mut self, id: Id) {
        self.id = id;
    }
}

impl Record for PersonRecord {
    const KIND: Kind = Kind::Person;
    const VERSION: u8 = 0;

    fn id(&self) -> Id {
        self.id
    }
    fn set_id(&mut self, id: Id) {
        self.id = id;
    }
}

impl Record for Unit {
    const KIND: Kind = Kind::Unit;
    /// 0: id and name. 1: `addressee` and `title` added (letters).
    const VERSION: u8 = 1;

    fn id(&self) -> Id {
        self.id
    }
    fn set_id(&mut self, id: Id) {
        self.id = id;
    }

    fn decode_old(version: u8, payload: &[u8]) -> Result<Self, String> {
        match version {
            0 => decode_payload::<legacy::UnitV0>(payload).map(Unit::from),
            _ => Err(format!("unknown unit format version {version}")),
        }
    }
}

impl Record for Letter {
    const KIND: Kind = Kind::Letter;
    const VERSION: u8 = 0;

    fn id(&self) -> Id {
        self.id
    }
    fn set_id(&mut self, id: Id) {
        self.id = id;
    }
}

impl Record for Meeting {
    const KIND: Kind = Kind::Meeting;
    /// 0: the first layout, without `next_meeting`, `notes` and `history`.
    /// 1: those three fields added.
    /// 2: a resolution's deadline is the approved one (extensions are follow-ups
    ///    and no longer overwrite it); follow-ups carry `requested_by`; history
    ///    entries name who and what (`Event`); a resolution says whether its
    ///    units were inferred by an import and not yet confirmed.
    const VERSION: u8 = 2;

    fn id(&self) -> Id {
        self.id
    }
    fn set_id(&mut self, id: Id) {
        self.id = id;
    }

    fn decode_old(version: u8, payload: &[u8]) -> Result<Self, String> {
        match version {
            0 => decode_payload::<legacy::MeetingV0>(payload).map(Meeting::from),
            1 => decode_payload::<legacy::MeetingV1>(payload).map(Meeting::from),
            _ => Err(format!("unknown meeting format version {version}")),
        }
    }
}

/// Encodes a record with its header.
pub fn encode<T: Record>(record: &T) -> Result<Vec<u8>, String> {
    encode_with_header(T::KIND, T::VERSION, record)
}

/// Encodes any serialisable value under a given header. Used by `encode` and by the
/// tests that build fixtures of older versions.
pub fn encode_with_header<T: Serialize>(
    kind: Kind,
    version: u8,
    value: &T,
) -> Result<Vec<u8>, String> {
    let mut out = vec![MAGIC, kind as u8, version];
    bincode::serde::encode_into_std_write(value, &mut out, bincode_config())
        .map_err(|e| e.to_string())?;
    if out.len() > MAX_VALUE {
        return Err(format!(
            "the {} is {} bytes, more than the {MAX_VALUE} a record may hold",
            kind.name(),
            out.len()
        ));
    }
    Ok(out)
}

/// Decodes a record, checking its header. The error says what is wrong but not
/// where: the caller adds the tree and key.
pub fn decode<T: Record>(bytes: &[u8]) -> Result<T, String> {
    if bytes.len() < 3 {
        return Err(format!(
            "value of {} bytes is too short for a header",
            bytes.len()
        ));
    }
    if bytes[0] != MAGIC {
        return Err(format!("bad magic byte 0x{:02x}", bytes[0]));
    }
    match Kind::from_u8(bytes[1]) {
        Some(k) if k == T::KIND => {}
        Some(k) => {
            return Err(format!(
                "holds a {}, expected a {}",
                k.name(),
                T::KIND.name()
            ));
        }
        None => return Err(format!("unknown record kind {}", bytes[1])),
    }
    if bytes.len() > MAX_VALUE {
        return Err(format!(
            "value of {} bytes is larger than any record",
            bytes.len()
        ));
    }
    let version = bytes[2];
    let payload = &bytes[3..];
    match version.cmp(&T::VERSION) {
        std::cmp::Ordering::Equal => decode_payload(payload),
        std::cmp::Ordering::Less => T::decode_old(version, payload),
        std::cmp::Ordering::Greater => Err(format!(
            "{} format version {version} is newer than this dabir reads ({})",
            T::KIND.name(),
            T::VERSION
        )),
    }
}

fn decode_payload<T: DeserializeOwned>(payload: &[u8]) -> Result<T, String> {
    let (value, used) = bincode::serde::decode_from_slice::<T, _>(payload, bincode_config())
        .map_err(|e| format!("undecodable: {e}"))?;
    if used != payload.len() {
        return Err(format!(
            "{} trailing bytes after the record",
            payload.len() - used
        ));
    }
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unit() -> Unit {
        Unit {
            id: 7,
            ..Unit::named("اداره راهداری")
        }
    }

    #[test]
    fn round_trip() {
        let bytes = encode(&unit()).unwrap();
        assert_eq!(&bytes[..3], &[b'D', Kind::Unit as u8, Unit::VERSION]);
        assert_eq!(decode::<Unit>(&bytes).unwrap(), unit());
    }

    #[test]
    fn a_string_claiming_64_gib_is_an_error_not_an_allocation() {
        // header, id 7 as varint, then a string length prefix of 2^36 (u64 varint tag 253).
        let mut bytes = vec![b'D', Kind::Unit as u8, 0, 7, 253];
        bytes.extend_from_slice(&(1u64 << 36).to_le_bytes());
        assert_eq!(bytes.len(), 13);
        let err = decode::<Unit>(&bytes).unwrap_err();
        assert!(err.contains("undecodable"), "{err}");
    }

    #[test]
    fn trailing_bytes_are_refused() {
        let mut bytes = encode(&unit()).unwrap();
        bytes.push(0);
        assert!(decode::<Unit>(&bytes).unwrap_err().contains("trailing"));
    }

    #[test]
    fn wrong_kind_short_values_and_newer_versions_are_refused() {
        let bytes = encode(&unit()).unwrap();
        assert!(
            decode::<Body>(&bytes)
                .unwrap_err()
                .contains("expected a body")
        );
        assert!(
            decode::<Unit>(&bytes[..2])
                .unwrap_err()
                .contains("too short")
        );
        let mut newer = bytes.clone();
        newer[2] = 9;
        assert!(decode::<Unit>(&newer).unwrap_err().contains("newer"));
        let mut magic = bytes;
        magic[0] = b'X';
        assert!(decode::<Unit>(&magic).unwrap_err().contains("magic"));
    }

    #[test]
    fn every_truncation_of_a_meeting_is_an_error() {
        let now = chrono::DateTime::from_timestamp(1_730_800_000, 0).unwrap();
        let date = chrono::NaiveDate::from_ymd_opt(2024, 11, 5).unwrap();
        let mut m = Meeting::new(3, 1, 12, date, now);
        m.place = "سالن شهید رجایی".into();
        m.add_resolution("استقرار سامانه EIS")
            .unwrap()
            .approved_deadline = Some(date);
        let bytes = encode(&m).unwrap();
        for cut in 0..bytes.len() {
            assert!(decode::<Meeting>(&bytes[..cut]).is_err(), "cut at {cut}");
        }
        assert_eq!(decode::<Meeting>(&bytes).unwrap(), m);
    }
}
