//! One file per screen: its state, its update and its render.

pub mod meetings;
