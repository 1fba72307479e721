//! One file per screen: its state, its update and its render.

pub mod body_form;
pub mod checklist;
pub mod dashboard;
pub mod directory;
pub mod export_dialog;
pub mod fields;
pub mod history;
pub mod lease;
pub mod letters_dialog;
pub mod meetings;
pub mod minutes;
pub mod new_meeting;
pub mod pending;
pub mod prompt;
pub mod report;
pub mod search;
pub mod sheet_preview;
