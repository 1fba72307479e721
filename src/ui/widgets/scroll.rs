//! A scrolled view over rows (the dashboard's units, the report's lines): one
//! place for the arrow and page keys and the clamp.

use crate::ui::action::Action;

/// The first row shown.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Scroll(pub usize);

impl Scroll {
    /// Moves by `delta` rows within `rows`.
    pub fn by(&mut self, delta: isize, rows: usize) {
        let last = rows.saturating_sub(1) as isize;
        self.0 = (self.0 as isize + delta).clamp(0, last.max(0)) as usize;
    }

    /// Up, Down, PageUp and PageDown move the view; true when the action was one
    /// of them.
    pub fn on_action(&mut self, action: Action, page: usize, rows: usize) -> bool {
        let page = page as isize;
        let delta = match action {
            Action::Up => -1,
            Action::Down => 1,
            Action::PageUp => -page,
            Action::PageDown => page,
            _ => return false,
        };
        self.by(delta, rows);
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn moves_within_the_rows() {
        let mut s = Scroll::default();
        assert!(s.on_action(Action::PageDown, 10, 25));
        assert_eq!(s, Scroll(10));
        s.on_action(Action::PageDown, 10, 25);
        s.on_action(Action::PageDown, 10, 25);
        assert_eq!(s, Scroll(24), "stops at the last row");
        s.on_action(Action::Up, 10, 25);
        assert_eq!(s, Scroll(23));
        s.by(-100, 25);
        assert_eq!(s, Scroll(0));
        assert!(!s.on_action(Action::Open, 10, 25));
        s.on_action(Action::Down, 10, 0);
        assert_eq!(s, Scroll(0), "nothing to scroll");
    }
}
