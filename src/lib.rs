//! dabir (دبیر): live minutes and resolution follow-up for Iranian administrative
//! working groups.
//!
//! Layers, inner to outer: `model` → `store` → `ui` / `cli`. See docs/architecture.md.

pub mod calendar;
pub mod cli;
pub mod config;
pub mod demo;
pub mod export;
pub mod import;
pub mod lang;
pub mod model;
pub mod store;
pub mod text;
pub mod ui;
