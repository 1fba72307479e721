//! dabir (دبیر): live minutes and resolution follow-up for Iranian administrative
//! working groups.
//!
//! Layers, inner to outer: `text` / `calendar` → `model` → `store` → `export` /
//! `import` → `service` → `ui` / `cli`. See docs/architecture.md.

pub mod calendar;
pub mod cli;
pub mod config;
pub mod demo;
pub mod export;
pub mod import;
pub mod lang;
pub mod model;
pub mod service;
pub mod store;
pub mod text;
pub mod ui;
