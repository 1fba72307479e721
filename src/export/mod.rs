//! Meetings as they leave dabir. Today: the JSON view that `dabir show` prints,
//! which is the stable machine interface.

pub mod json;
pub mod text;
