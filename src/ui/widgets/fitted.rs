//! Text fitted to a width (shaped, reordered, cut) once and drawn every frame
//! until the text, width or mode changes. The header, the status line and the
//! notes under fields change about once a second or less; frames come with every
//! key, and laying them out again each time was a third of a frame's work.
//!
//! The line is kept split into its cells ([`Cells`]), so drawing it measures
//! nothing.
//!
//! The cache sits behind a `RefCell` so that `render` keeps taking `&self`: what
//! it draws depends on the state only, the cache just remembers a pure function's
//! last answer.

use std::cell::{Ref, RefCell};

use super::cells::Cells;
use crate::text::RenderMode;
use crate::text::layout::{fit, fit_right};

/// Until the first `get`, the empty text fitted to nothing (what fitting it
/// gives).
#[derive(Debug, Clone, Default)]
pub struct Fitted(RefCell<Entry>);

#[derive(Debug, Clone, Default)]
struct Entry {
    text: String,
    width: u16,
    mode: RenderMode,
    padded: bool,
    line: Cells,
}

impl Fitted {
    /// [`fit`] (or [`fit_right`] when `padded`) of `text`, remembered.
    pub fn get(&self, text: &str, width: u16, mode: RenderMode, padded: bool) -> Ref<'_, Cells> {
        let fresh = {
            let e = self.0.borrow();
            e.text == text && e.width == width && e.mode == mode && e.padded == padded
        };
        if !fresh {
            let line = Cells::new(if padded {
                fit_right(text, width, mode)
            } else {
                fit(text, width, mode)
            });
            *self.0.borrow_mut() = Entry {
                text: text.to_owned(),
                width,
                mode,
                padded,
                line,
            };
        }
        Ref::map(self.0.borrow(), |e| &e.line)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn remembers_until_the_text_or_width_changes() {
        let f = Fitted::default();
        let a = f
            .get("ذخیره شد ۱۲:۰۰", 30, RenderMode::App, true)
            .as_str()
            .to_owned();
        assert_eq!(a, fit_right("ذخیره شد ۱۲:۰۰", 30, RenderMode::App));
        assert_eq!(
            f.get("ذخیره شد ۱۲:۰۰", 30, RenderMode::App, true).as_str(),
            a
        );
        let b = f
            .get("ذخیره شد ۱۲:۰۱", 30, RenderMode::App, true)
            .as_str()
            .to_owned();
        assert_ne!(a, b);
        let c = f
            .get("ذخیره شد ۱۲:۰۱", 10, RenderMode::App, false)
            .as_str()
            .to_owned();
        assert_eq!(c, fit("ذخیره شد ۱۲:۰۱", 10, RenderMode::App));
    }
}
