//! The official page: what the organisation prints at the top of every document
//! (its logo, «بسمه تعالی», its name lines) from `[organisation]` in config.toml.

use std::path::Path;

/// The organisation's header; empty lines and no logo print no header at all.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Official {
    /// «وزارت کشور», «استانداری خراسان رضوی», «فرمانداری شهرستان نمونه».
    pub lines: Vec<String>,
    pub logo: Option<Logo>,
}

impl Official {
    /// Whether anything is configured: without it documents print no header.
    pub fn is_set(&self) -> bool {
        !self.lines.is_empty() || self.logo.is_some()
    }
}

/// A PNG or JPEG image with its size in pixels.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Logo {
    pub bytes: Vec<u8>,
    /// "png" or "jpeg".
    pub extension: &'static str,
    pub mime: &'static str,
    pub width: u32,
    pub height: u32,
}

/// The largest logo read (a letterhead logo is some KiB).
const MAX_LOGO: u64 = 4 * 1024 * 1024;

impl Logo {
    /// Reads a PNG or JPEG file; the error says what is wrong with it.
    pub fn load(path: &Path) -> Result<Logo, String> {
        let size = std::fs::metadata(path)
            .map_err(|e| format!("{}: {e}", path.display()))?
            .len();
        if size > MAX_LOGO {
            return Err(format!(
                "{}: {size} bytes; a logo over 4 MiB is not read",
                path.display()
            ));
        }
        let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
        Logo::from_bytes(bytes).map_err(|e| format!("{}: {e}", path.display()))
    }

    pub fn from_bytes(bytes: Vec<u8>) -> Result<Logo, String> {
        let (extension, mime, (width, height)) = if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
            ("png", "image/png", png_size(&bytes)?)
        } else if bytes.starts_with(&[0xFF, 0xD8]) {
            ("jpeg", "image/jpeg", jpeg_size(&bytes)?)
        } else {
            return Err("not a PNG or JPEG image".into());
        };
        Ok(Logo {
            bytes,
            extension,
            mime,
            width,
            height,
        })
    }

    /// The image as a `data:` URI for HTML.
    pub fn data_uri(&self) -> String {
        format!("data:{};base64,{}", self.mime, base64(&self.bytes))
    }
}

fn png_size(b: &[u8]) -> Result<(u32, u32), String> {
    if b.len() < 24 || &b[12..16] != b"IHDR" {
        return Err("a damaged PNG (no IHDR)".into());
    }
    let be = |i: usize| u32::from_be_bytes([b[i], b[i + 1], b[i + 2], b[i + 3]]);
    Ok((be(16), be(20)))
}

/// The size from the first start-of-frame marker.
fn jpeg_size(b: &[u8]) -> Result<(u32, u32), String> {
    let mut i = 2;
    while i + 9 < b.len() {
        if b[i] != 0xFF {
            i += 1;
            continue;
        }
        let marker = b[i + 1];
        let len = usize::from(u16::from_be_bytes([b[i + 2], b[i + 3]]));
        if matches!(marker, 0xC0..=0xC3 | 0xC5..=0xC7 | 0xC9..=0xCB | 0xCD..=0xCF) {
            let h = u16::from_be_bytes([b[i + 5], b[i + 6]]);
            let w = u16::from_be_bytes([b[i + 7], b[i + 8]]);
            return Ok((u32::from(w), u32::from(h)));
        }
        i += 2 + len;
    }
    Err("a damaged JPEG (no frame header)".into())
}

fn base64(bytes: &[u8]) -> String {
    const A: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, &b)| n | u32::from(b) << (16 - 8 * i));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(A[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A 3×2 PNG (one colour), made for the tests.
    pub fn tiny_png() -> Vec<u8> {
        let mut b = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
        b.extend_from_slice(&3u32.to_be_bytes());
        b.extend_from_slice(&2u32.to_be_bytes());
        b.extend_from_slice(&[8, 2, 0, 0, 0, 0, 0, 0, 0]);
        b
    }

    #[test]
    fn png_and_jpeg_sizes_are_read() {
        let logo = Logo::from_bytes(tiny_png()).unwrap();
        assert_eq!((logo.extension, logo.width, logo.height), ("png", 3, 2));
        // SOI, an APP0 of 4 bytes, SOF0 with height 20 and width 30.
        let jpeg = vec![
            0xFF, 0xD8, 0xFF, 0xE0, 0, 4, 0, 0, 0xFF, 0xC0, 0, 11, 8, 0, 20, 0, 30, 3, 0, 0,
        ];
        let logo = Logo::from_bytes(jpeg).unwrap();
        assert_eq!((logo.extension, logo.width, logo.height), ("jpeg", 30, 20));
        assert!(
            Logo::from_bytes(b"GIF89a".to_vec())
                .unwrap_err()
                .contains("PNG")
        );
        assert!(Logo::from_bytes(b"\x89PNG\r\n\x1a\n".to_vec()).is_err());
    }

    #[test]
    fn base64_pads() {
        assert_eq!(base64(b"Man"), "TWFu");
        assert_eq!(base64(b"Ma"), "TWE=");
        assert_eq!(base64(b"M"), "TQ==");
    }
}
