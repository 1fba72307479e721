//! Edits kept on this computer while a shared archive cannot be reached: a
//! save that fails for any reason but a conflict or a lease writes the
//! meeting, as typed, to `unsaved-ID.json` in the local folder (beside the
//! default database), and the save that goes through removes it. If the app
//! ends before the archive answers again (a power cut during the outage), the
//! next start puts what was kept into the archive beside the meeting's text
//! (`kept`, shown by `dabir history ID --kept`) and says so: typed text is
//! never lost.

use std::path::{Path, PathBuf};

use crate::model::{Id, Meeting};
use crate::store::Archive;
use crate::ui::msg::Msg;

fn path(dir: &Path, id: Id) -> PathBuf {
    dir.join(format!("unsaved-{id}.json"))
}

/// Keeps a meeting that could not be saved; returns where.
pub fn keep(dir: &Path, m: &Meeting) -> std::io::Result<PathBuf> {
    let p = path(dir, m.id);
    let json = serde_json::to_vec(m).map_err(std::io::Error::other)?;
    std::fs::create_dir_all(dir)?;
    crate::export::write_atomic(&p, &json)?;
    Ok(p)
}

/// Whether a local copy of the meeting is kept now.
pub fn is_kept(dir: &Path, id: Id) -> bool {
    path(dir, id).exists()
}

/// The meeting was saved: its local copy is no longer needed.
pub fn saved(dir: &Path, id: Id) {
    let p = path(dir, id);
    if p.exists()
        && let Err(e) = std::fs::remove_file(&p)
    {
        tracing::warn!("removing {}: {e}", p.display());
    }
}

/// At start: every local copy left by an app that ended before the archive
/// answered goes into the archive beside the meeting's text; the message
/// says which meetings, or what could not be done (the files then stay).
pub fn recover(store: &dyn Archive, dir: &Path) -> Option<Msg> {
    let entries = std::fs::read_dir(dir).ok()?;
    let mut kept = Vec::new();
    let mut failed = Vec::new();
    for e in entries.flatten() {
        let p = e.path();
        let name = e.file_name().to_string_lossy().into_owned();
        if !(name.starts_with("unsaved-") && name.ends_with(".json")) {
            continue;
        }
        let done = std::fs::read(&p)
            .map_err(|e| e.to_string())
            .and_then(|b| serde_json::from_slice::<Meeting>(&b).map_err(|e| e.to_string()))
            .and_then(|m| store.keep(&m).map(|()| m.id).map_err(|e| e.to_string()));
        match done {
            Ok(id) => {
                kept.push(id.to_string());
                if let Err(e) = std::fs::remove_file(&p) {
                    tracing::warn!("removing {}: {e}", p.display());
                }
            }
            Err(e) => failed.push(format!("{} ({e})", p.display())),
        }
    }
    if !failed.is_empty() {
        return Some(Msg::fail(
            format!("ویرایش‌های ذخیره‌نشده در {} مانده است", failed.join("، ")),
            format!("unsaved edits are still in {}", failed.join(", ")),
        ));
    }
    (!kept.is_empty()).then(|| {
        let ids = kept.join("، ");
        Msg::warn(
            format!(
                "ویرایش‌هایی که پیش از قطع اتصال ذخیره نشده بود (جلسه {ids}) کنار متن بایگانی \
                 نگه داشته شد؛ dabir history ID --kept"
            ),
            format!(
                "edits not saved before the connection dropped (meeting {}) are kept in the \
                 archive beside its text: dabir history ID --kept",
                kept.join(", ")
            ),
        )
    })
}
