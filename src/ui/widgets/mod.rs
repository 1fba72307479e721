//! Widgets of our own: the right-to-left text editor.

pub mod editor;
