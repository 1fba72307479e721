//! Where dabir keeps things: the database (platform data directory, or `--db` /
//! `DABIR_DB`) and the config file (platform config directory).

use std::path::PathBuf;

use directories::ProjectDirs;

fn project() -> Option<ProjectDirs> {
    ProjectDirs::from("", "", "dabir")
}

/// The default database directory: `~/.local/share/dabir/db` on Linux,
/// `%APPDATA%\dabir\data\db` on Windows, `~/Library/Application Support/dabir/db`
/// on macOS.
pub fn default_db() -> Option<PathBuf> {
    project().map(|p| p.data_dir().join("db"))
}

/// The user's config directory (`~/.config/dabir` on Linux), where `config.toml`
/// and `keymap.toml` live.
pub fn config_dir() -> Option<PathBuf> {
    project().map(|p| p.config_dir().to_owned())
}
