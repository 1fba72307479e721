//! The status line's key hints and the help overlay, both read from the keymap in
//! force: a key the user rebound shows as rebound, one unbound is not offered.

use ratatui::Frame;
use ratatui::layout::{Margin, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, Clear, Paragraph};

use super::right_title;
use crate::calendar::Digits;
use crate::lang::Lang;
use crate::text::RenderMode;
use crate::text::layout::fit_right;
use crate::ui::action::Action;
use crate::ui::keymap::{Context, Keymap};

/// One hint: an action (none for a plain instruction) and its short label in
/// each language.
pub struct Hint(pub Option<Action>, pub &'static str, pub &'static str);

/// The hints as one line: «label key» in Persian (read from the right), «key
/// label» in English.
pub fn hint_line(keymap: &Keymap, contexts: &[Context], hints: &[Hint], lang: Lang) -> String {
    hints
        .iter()
        .filter_map(|Hint(action, fa, en)| {
            let Some(action) = action else {
                return Some(match lang {
                    Lang::Fa => (*fa).to_owned(),
                    Lang::En => (*en).to_owned(),
                });
            };
            let key = keymap.hint_key(contexts, *action)?;
            Some(match lang {
                Lang::Fa => format!("{fa} {key}"),
                Lang::En => format!("{key} {en}"),
            })
        })
        .collect::<Vec<_>>()
        .join("   ")
}

/// Every action bound in these contexts with its keys (F1), from line `top`
/// (clamped so the last page stays full); the title says which lines show.
pub fn render_help(
    frame: &mut Frame,
    main: Rect,
    keymap: &Keymap,
    contexts: &[Context],
    top: usize,
    lang: Lang,
    mode: RenderMode,
) {
    let area = main.inner(Margin::new(4, 2));
    let inner = area.width.saturating_sub(2);
    let bindings = keymap.bindings_in(contexts);
    let rows = usize::from(area.height.saturating_sub(2)).max(1);
    let top = top.min(bindings.len().saturating_sub(rows));
    let lines: Vec<Line> = bindings
        .iter()
        .skip(top)
        .take(rows)
        .map(|(action, keys)| {
            Line::from(fit_right(
                &format!("{}   {}", lang.pick(action.doc()), keys.join("، ")),
                inner,
                mode,
            ))
        })
        .collect();
    frame.render_widget(Clear, area);
    frame.render_widget(Paragraph::new(lines).block(Block::bordered()), area);
    let mut title = lang.pick(" کلیدها / keys ").to_owned();
    if bindings.len() > rows {
        let d = Digits::Persian;
        title = format!(
            "{} ({}–{} {} {}، ↑↓) ",
            title.trim_end(),
            d.format(top + 1),
            d.format((top + rows).min(bindings.len())),
            lang.pick("از / of"),
            d.format(bindings.len())
        );
    }
    right_title(frame.buffer_mut(), area, &title, mode);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rebound_key_shows_in_the_hints_and_an_unbound_one_does_not() {
        let hints = [
            Hint(Some(Action::NewMeeting), "جلسه تازه", "new meeting"),
            Hint(Some(Action::Open), "باز کردن", "open"),
            Hint(Some(Action::Quit), "خروج", "quit"),
        ];
        let ctx = [Context::Meetings];
        let default = Keymap::default_keymap();
        assert_eq!(
            hint_line(&default, &ctx, &hints, Lang::Fa),
            "جلسه تازه n   باز کردن ↵   خروج q"
        );
        assert_eq!(
            hint_line(&default, &ctx, &hints, Lang::En),
            "n new meeting   ↵ open   q quit"
        );
        let (mine, problem) = Keymap::with_user(Some(
            "[meetings]\n\"a\" = \"new-meeting\"\n\"n\" = \"noop\"\n",
        ));
        assert_eq!(problem, None);
        assert_eq!(
            hint_line(&mine, &ctx, &hints, Lang::En),
            "a new meeting   ↵ open   q quit"
        );
    }
}
