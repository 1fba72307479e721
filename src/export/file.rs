//! Writing a finished file safely: exports, letters and backups.
//!
//! The bytes go to a temporary file created beside the target with a random name
//! and `O_EXCL` (the tempfile crate), are synced, then renamed over the target, so
//! an existing file is never left half-written and a planted symlink or file of
//! the temporary name cannot redirect the write. The target must be a regular file
//! or not exist: a symlink, a FIFO, a device or a folder is refused, not replaced.
//! An existing target keeps its mode; a new export gets the umask's default, a new
//! backup 0600.

use std::io::Write;
use std::path::Path;

/// Writes an export or letter (a new file's mode follows the umask).
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    write_file(path, bytes, false)
}

/// Writes a file only its owner may read (a backup): 0600 when new.
pub fn write_private(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    write_file(path, bytes, true)
}

fn write_file(path: &Path, bytes: &[u8], private: bool) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    if path.file_name().is_none() {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            format!("{} is not a file name", path.display()),
        ));
    }
    let existing = match std::fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_file() => Some(m.permissions()),
        Ok(_) => {
            return Err(std::io::Error::new(
                std::io::ErrorKind::InvalidInput,
                format!(
                    "{} exists and is not a regular file (a link, folder, device or pipe); \
                     choose another name / این مسیر پرونده معمولی نیست؛ نام دیگری برگزینید",
                    path.display()
                ),
            ));
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(e),
    };
    #[cfg(not(unix))]
    let _ = private; // Windows has no mode bits: the folder's ACL decides
    let mut builder = tempfile::Builder::new();
    builder.prefix(".dabir-").suffix(".tmp");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        // Filtered by the umask, as any new file; set exactly below when needed.
        let mode = if private { 0o600 } else { 0o666 };
        builder.permissions(std::fs::Permissions::from_mode(mode));
    }
    let mut tmp = builder.tempfile_in(dir)?;
    tmp.write_all(bytes)?;
    if let Some(permissions) = existing {
        tmp.as_file().set_permissions(permissions)?;
    }
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    fn mode(p: &Path) -> u32 {
        std::fs::metadata(p).unwrap().permissions().mode() & 0o777
    }

    #[test]
    fn symlinks_fifos_devices_and_folders_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let victim = dir.path().join("victim");
        std::fs::write(&victim, "keep").unwrap();
        let link = dir.path().join("out.docx");
        std::os::unix::fs::symlink(&victim, &link).unwrap();
        let err = write_atomic(&link, b"x").unwrap_err();
        assert!(err.to_string().contains("not a regular file"), "{err}");
        assert_eq!(std::fs::read(&victim).unwrap(), b"keep");
        assert!(
            std::fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );

        let fifo = dir.path().join("fifo");
        let c = std::ffi::CString::new(fifo.as_os_str().as_encoded_bytes()).unwrap();
        // SAFETY: a valid NUL-terminated path.
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
        assert!(write_atomic(&fifo, b"x").is_err());
        assert!(write_atomic(Path::new("/dev/null"), b"x").is_err());
        assert!(write_atomic(dir.path(), b"x").is_err());
        // Nothing left behind.
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names.len(), 3, "{names:?}");
    }

    #[test]
    fn a_planted_file_of_the_old_temporary_name_is_not_followed() {
        let dir = tempfile::tempdir().unwrap();
        let victim = dir.path().join("victim");
        std::fs::write(&victim, "keep").unwrap();
        let target = dir.path().join("b.json");
        let old_name = dir
            .path()
            .join(format!(".b.json.tmp-{}", std::process::id()));
        std::os::unix::fs::symlink(&victim, &old_name).unwrap();
        write_private(&target, b"{}").unwrap();
        assert_eq!(std::fs::read(&victim).unwrap(), b"keep");
        assert_eq!(std::fs::read(&target).unwrap(), b"{}");
    }

    #[test]
    fn modes_new_private_kept_and_umask() {
        let dir = tempfile::tempdir().unwrap();
        let backup = dir.path().join("backup.json");
        write_private(&backup, b"1").unwrap();
        assert_eq!(mode(&backup), 0o600);
        write_atomic(&backup, b"2").unwrap();
        assert_eq!(mode(&backup), 0o600, "an existing file keeps its mode");
        let shared = dir.path().join("minutes.html");
        std::fs::write(&shared, "old").unwrap();
        std::fs::set_permissions(&shared, std::fs::Permissions::from_mode(0o640)).unwrap();
        write_private(&shared, b"new").unwrap();
        assert_eq!(mode(&shared), 0o640);
        let fresh = dir.path().join("new.md");
        write_atomic(&fresh, b"x").unwrap();
        // Read, not set: setting the umask would race the other tests' files.
        let status = std::fs::read_to_string("/proc/self/status").unwrap();
        let umask = status
            .lines()
            .find_map(|l| l.strip_prefix("Umask:"))
            .map(|m| u32::from_str_radix(m.trim(), 8).unwrap())
            .unwrap();
        assert_eq!(
            mode(&fresh),
            0o666 & !umask,
            "a new export follows the umask"
        );
    }
}
