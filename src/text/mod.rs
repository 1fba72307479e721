//! The Persian text engine: bidi layout, shaping, width, normalisation, digits.
//! No terminal types: the UI hands ratatui the finished visual lines.

pub mod bidi;
pub mod controls;
pub mod digits;
pub mod layout;
pub mod normalize;
pub mod shape;
pub mod width;

pub use bidi::Direction;
pub use digits::{Digits, parse_number};
pub use layout::{Cell, Layout, RenderMode, VisualLine, layout_paragraph, layout_text};
pub use normalize::{Match, Normalized, find_all, normalize};
