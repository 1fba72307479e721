//! Key bindings as data: keymaps/default.toml embedded in the binary, overridden
//! per key by the user's keymap.toml. Resolution is a pure function, so it is unit
//! tested without a terminal.

use std::collections::HashMap;

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use super::action::Action;

pub const DEFAULT_KEYMAP: &str = include_str!("../../keymaps/default.toml");

/// Where a key is pressed: bindings are looked up in the screen's context first,
/// then in `global`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Context {
    Global,
    Meetings,
    /// The minutes editor (screen commands).
    Minutes,
    /// Keys that edit the text of the focused field (looked up after the screen's).
    Editor,
    /// Small forms: new meeting, reason for reopening.
    Dialog,
    /// Bodies, people and units.
    Directory,
    /// Open resolutions of all meetings.
    Pending,
    /// The dashboard.
    Dashboard,
    /// The previous-resolutions report.
    Report,
}

impl Context {
    /// Every context, in the order docs/keys.md lists them.
    pub const ALL: [Context; 9] = [
        Context::Global,
        Context::Meetings,
        Context::Minutes,
        Context::Editor,
        Context::Dialog,
        Context::Directory,
        Context::Pending,
        Context::Dashboard,
        Context::Report,
    ];

    /// The section name in keymap files.
    pub fn name(self) -> &'static str {
        match self {
            Context::Global => "global",
            Context::Meetings => "meetings",
            Context::Minutes => "minutes",
            Context::Editor => "editor",
            Context::Dialog => "dialog",
            Context::Directory => "directory",
            Context::Pending => "pending",
            Context::Dashboard => "dashboard",
            Context::Report => "report",
        }
    }
}

/// A key as bindings see it: code plus ctrl/alt/shift.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

#[derive(Debug, Clone, Default)]
pub struct Keymap {
    bindings: HashMap<(Context, Key), Action>,
}

impl Keymap {
    /// The shipped defaults. They parse: a test makes sure of it.
    pub fn default_keymap() -> Keymap {
        let mut k = Keymap::default();
        k.merge(DEFAULT_KEYMAP)
            .expect("keymaps/default.toml is checked by a test");
        k
    }

    /// The defaults with the user's file applied on top. A bad user file leaves the
    /// defaults in place and returns the message to show in the status line.
    pub fn with_user(user: Option<&str>) -> (Keymap, Option<crate::ui::msg::Msg>) {
        let k = Keymap::default_keymap();
        let Some(text) = user else {
            return (k, None);
        };
        let mut trial = k.clone();
        match trial.merge(text) {
            Ok(()) => (trial, None),
            Err(e) => (
                k,
                Some(crate::ui::msg::Msg::warn(
                    format!("keymap.toml نادیده گرفته شد: {e}"),
                    format!("keymap.toml ignored: {e}"),
                )),
            ),
        }
    }

    /// Applies a TOML keymap on top of this one. `noop` removes a binding.
    pub fn merge(&mut self, text: &str) -> Result<(), String> {
        let table: toml::Table = text.parse().map_err(|e: toml::de::Error| e.to_string())?;
        for (section, keys) in &table {
            let context = Context::ALL
                .into_iter()
                .find(|c| c.name() == section)
                .ok_or_else(|| format!("unknown section [{section}]"))?;
            let keys = keys
                .as_table()
                .ok_or_else(|| format!("[{section}] must be a table of key = \"action\""))?;
            for (key, action) in keys {
                let parsed = parse_key(key).map_err(|e| format!("[{section}] {e}"))?;
                let action = action
                    .as_str()
                    .ok_or_else(|| format!("[{section}] \"{key}\": the action must be a string"))?;
                if action == "noop" {
                    self.bindings.remove(&(context, parsed));
                } else {
                    let action = action
                        .parse()
                        .map_err(|e| format!("[{section}] \"{key}\": {e}"))?;
                    self.bindings.insert((context, parsed), action);
                }
            }
        }
        Ok(())
    }

    /// The action bound to `event` in `context` (falling back to global), after
    /// normalising the key: release events dropped, Persian-layout characters
    /// mapped to the Latin key on the same physical position.
    pub fn resolve(&self, context: Context, event: KeyEvent) -> Option<Action> {
        self.resolve_in(&[context], event)
    }

    /// As [`Keymap::resolve`], trying several contexts in order before global.
    pub fn resolve_in(&self, contexts: &[Context], event: KeyEvent) -> Option<Action> {
        if event.kind == KeyEventKind::Release {
            return None;
        }
        let key = normalise(event);
        contexts
            .iter()
            .chain(std::iter::once(&Context::Global))
            .find_map(|c| self.bindings.get(&(*c, key)))
            .copied()
    }

    /// The keys bound to each action in a context (and global), in the order the
    /// actions are declared: the help overlay's content.
    pub fn bindings_for(&self, context: Context) -> Vec<(Action, Vec<String>)> {
        self.bindings_in(&[context])
    }

    /// The key a hint shows for `action` in these contexts, written short (↵ for
    /// Enter, Alt+D): a named key or a sign before a letter («Esc», not «q»), a
    /// plain letter before one with Ctrl or Alt, a function key last (Alt+D, which
    /// the Persian layout reaches as Alt+ی, not F6), then the shortest. None when
    /// the user unbound the action.
    pub fn hint_key(&self, contexts: &[Context], action: Action) -> Option<String> {
        let rank = |k: &Key| {
            let modified = k.mods.intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
            match k.code {
                KeyCode::F(_) => 3,
                _ if modified => 2,
                KeyCode::Char(c) if c.is_alphabetic() => 1,
                _ => 0,
            }
        };
        self.bindings
            .iter()
            .filter(|((c, _), a)| **a == action && (contexts.contains(c) || *c == Context::Global))
            .map(|((_, k), _)| (rank(k), short(*k)))
            .min_by_key(|(r, s)| (*r, s.chars().count(), s.clone()))
            .map(|(_, s)| s)
    }

    /// The keys bound in exactly this context (not global), per action in the
    /// order the actions are declared: docs/keys.md's reference tables.
    pub fn bindings_only(&self, context: Context) -> Vec<(Action, Vec<String>)> {
        self.bindings_where(|c| c == context)
    }

    /// The help for several contexts at once (the minutes screen and its editor).
    pub fn bindings_in(&self, contexts: &[Context]) -> Vec<(Action, Vec<String>)> {
        self.bindings_where(|c| contexts.contains(&c) || c == Context::Global)
    }

    /// Each action bound in the contexts `keep` accepts, with its keys shortest
    /// first, in the order the actions are declared.
    fn bindings_where(&self, keep: impl Fn(Context) -> bool) -> Vec<(Action, Vec<String>)> {
        Action::ALL
            .iter()
            .filter_map(|&action| {
                let mut keys: Vec<String> = self
                    .bindings
                    .iter()
                    .filter(|((c, _), a)| **a == action && keep(*c))
                    .map(|((_, k), _)| describe(*k))
                    .collect();
                keys.sort_by_key(|k| (k.chars().count(), k.clone()));
                (!keys.is_empty()).then_some((action, keys))
            })
            .collect()
    }
}

/// The Persian standard layout (ISIRI 9147): the Latin key each Persian character
/// sits on.
const PERSIAN_LAYOUT: &[(char, char)] = &[
    ('ض', 'q'),
    ('ص', 'w'),
    ('ث', 'e'),
    ('ق', 'r'),
    ('ف', 't'),
    ('غ', 'y'),
    ('ع', 'u'),
    ('ه', 'i'),
    ('خ', 'o'),
    ('ح', 'p'),
    ('ج', '['),
    ('چ', ']'),
    ('ش', 'a'),
    ('س', 's'),
    ('ی', 'd'),
    ('ب', 'f'),
    ('ل', 'g'),
    ('ا', 'h'),
    ('ت', 'j'),
    ('ن', 'k'),
    ('م', 'l'),
    ('ک', ';'),
    ('گ', '\''),
    ('ظ', 'z'),
    ('ط', 'x'),
    ('ز', 'c'),
    ('ر', 'v'),
    ('ذ', 'b'),
    ('د', 'n'),
    ('پ', 'm'),
    ('و', ','),
    ('؟', '?'),
    ('ژ', 'C'),
    ('آ', 'H'),
    ('۰', '0'),
    ('۱', '1'),
    ('۲', '2'),
    ('۳', '3'),
    ('۴', '4'),
    ('۵', '5'),
    ('۶', '6'),
    ('۷', '7'),
    ('۸', '8'),
    ('۹', '9'),
];

fn latin_for(c: char) -> char {
    PERSIAN_LAYOUT
        .iter()
        .find(|(p, _)| *p == c)
        .map_or(c, |(_, l)| *l)
}

/// Shift+letter arrives as the capital letter, with or without SHIFT; BackTab is
/// Shift+Tab. Bindings store capitals as shift+lowercase.
fn normalise(event: KeyEvent) -> Key {
    let mut mods =
        event.modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT | KeyModifiers::SHIFT);
    let code = match event.code {
        KeyCode::Char(c) => {
            let c = latin_for(c);
            if c.is_ascii_uppercase() {
                mods |= KeyModifiers::SHIFT;
                KeyCode::Char(c.to_ascii_lowercase())
            } else {
                if !c.is_ascii_alphabetic() && c != ' ' {
                    // '?' is shift-/ on most layouts; the character itself is the key.
                    // Space keeps Shift: Shift+Space is the ZWNJ key.
                    mods -= KeyModifiers::SHIFT;
                }
                KeyCode::Char(c)
            }
        }
        KeyCode::BackTab => {
            mods |= KeyModifiers::SHIFT;
            KeyCode::Tab
        }
        other => other,
    };
    Key { code, mods }
}

fn parse_key(s: &str) -> Result<Key, String> {
    let mut mods = KeyModifiers::NONE;
    let mut rest = s;
    loop {
        if let Some(r) = rest.strip_prefix("ctrl-") {
            mods |= KeyModifiers::CONTROL;
            rest = r;
        } else if let Some(r) = rest.strip_prefix("alt-") {
            mods |= KeyModifiers::ALT;
            rest = r;
        } else if let Some(r) = rest.strip_prefix("shift-") {
            mods |= KeyModifiers::SHIFT;
            rest = r;
        } else {
            break;
        }
    }
    let code = match rest {
        "up" => KeyCode::Up,
        "down" => KeyCode::Down,
        "left" => KeyCode::Left,
        "right" => KeyCode::Right,
        "pageup" => KeyCode::PageUp,
        "pagedown" => KeyCode::PageDown,
        "home" => KeyCode::Home,
        "end" => KeyCode::End,
        "enter" => KeyCode::Enter,
        "esc" => KeyCode::Esc,
        "tab" => KeyCode::Tab,
        "backtab" => {
            mods |= KeyModifiers::SHIFT;
            KeyCode::Tab
        }
        "backspace" => KeyCode::Backspace,
        "delete" => KeyCode::Delete,
        "space" => KeyCode::Char(' '),
        f if f.starts_with('f') && f.len() > 1 && f[1..].chars().all(|c| c.is_ascii_digit()) => {
            let n: u8 = f[1..].parse().map_err(|_| format!("bad key `{s}`"))?;
            if !(1..=12).contains(&n) {
                return Err(format!("bad key `{s}`: function keys are f1–f12"));
            }
            KeyCode::F(n)
        }
        c if c.chars().count() == 1 => {
            let ch = c.chars().next().unwrap_or(' ');
            return Ok(normalise(KeyEvent::new(KeyCode::Char(ch), mods)));
        }
        _ => return Err(format!("bad key `{s}`")),
    };
    Ok(Key { code, mods })
}

/// A key as the status line's hints write it: ↵ for Enter, ↑ ↓ for the arrows,
/// Alt+D with the letter in capitals.
fn short(k: Key) -> String {
    let modified = k.mods.intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
    match k.code {
        KeyCode::Enter if k.mods.is_empty() => "↵".into(),
        KeyCode::Up if k.mods.is_empty() => "↑".into(),
        KeyCode::Down if k.mods.is_empty() => "↓".into(),
        KeyCode::Char(c) if modified => describe(Key {
            code: KeyCode::Char(c.to_ascii_uppercase()),
            mods: k.mods - KeyModifiers::SHIFT,
        }),
        _ => describe(k),
    }
}

fn describe(k: Key) -> String {
    let mut s = String::new();
    if k.mods.contains(KeyModifiers::CONTROL) {
        s.push_str("Ctrl+");
    }
    if k.mods.contains(KeyModifiers::ALT) {
        s.push_str("Alt+");
    }
    let shift = k.mods.contains(KeyModifiers::SHIFT);
    match k.code {
        KeyCode::Char(c) if shift && c.is_ascii_alphabetic() => s.push(c.to_ascii_uppercase()),
        // A space would show as nothing («Ctrl+»): name it.
        KeyCode::Char(' ') => s.push_str(if shift { "Shift+Space" } else { "Space" }),
        KeyCode::Char(c) => s.push(c),
        KeyCode::F(n) => s.push_str(&format!("F{n}")),
        KeyCode::Tab if shift => s.push_str("Shift+Tab"),
        other => {
            if shift {
                s.push_str("Shift+");
            }
            s.push_str(&format!("{other:?}"));
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(c: char) -> KeyEvent {
        KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
    }

    #[test]
    fn every_shipped_keymap_parses() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/keymaps");
        let mut n = 0;
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            let text = std::fs::read_to_string(&path).unwrap();
            Keymap::default()
                .merge(&text)
                .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            n += 1;
        }
        assert!(n >= 1);
    }

    #[test]
    fn persian_layout_reaches_latin_bindings() {
        let k = Keymap::default_keymap();
        assert_eq!(k.resolve(Context::Meetings, press('j')), Some(Action::Down));
        assert_eq!(k.resolve(Context::Meetings, press('ت')), Some(Action::Down));
        assert_eq!(k.resolve(Context::Meetings, press('ن')), Some(Action::Up));
        assert_eq!(k.resolve(Context::Meetings, press('ض')), Some(Action::Quit));
        assert_eq!(k.resolve(Context::Meetings, press('؟')), Some(Action::Help));
        assert_eq!(k.resolve(Context::Meetings, press('G')), Some(Action::Last));
        assert_eq!(
            k.resolve(
                Context::Meetings,
                KeyEvent::new(KeyCode::Char('G'), KeyModifiers::SHIFT)
            ),
            Some(Action::Last)
        );
        assert_eq!(
            k.resolve(
                Context::Meetings,
                KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL)
            ),
            Some(Action::Quit),
            "global bindings apply in every context"
        );
    }

    #[test]
    fn help_lists_each_action_once_with_all_its_keys() {
        let k = Keymap::default_keymap();
        let help = k.bindings_for(Context::Meetings);
        let down = help.iter().find(|(a, _)| *a == Action::Down).unwrap();
        assert_eq!(down.1, vec!["j".to_string(), "Down".to_string()]);
        let quit = help.iter().find(|(a, _)| *a == Action::Quit).unwrap();
        assert_eq!(quit.1, vec!["q".to_string(), "Ctrl+c".to_string()]);
        assert_eq!(help[0].0, Action::Quit, "declaration order");
    }

    #[test]
    fn zwnj_keys_and_alt_letters_on_the_persian_layout() {
        let k = Keymap::default_keymap();
        let ev = |c, m| KeyEvent::new(KeyCode::Char(c), m);
        let ed = [Context::Minutes, Context::Editor];
        assert_eq!(
            k.resolve_in(&ed, ev(' ', KeyModifiers::SHIFT)),
            Some(Action::InsertZwnj)
        );
        assert_eq!(
            k.resolve_in(&ed, ev(' ', KeyModifiers::CONTROL)),
            Some(Action::InsertZwnj)
        );
        assert_eq!(
            k.resolve_in(&ed, ev(' ', KeyModifiers::NONE)),
            None,
            "a plain space types"
        );
        assert_eq!(
            k.resolve_in(&ed, ev('ی', KeyModifiers::ALT)),
            Some(Action::AddDiscussion)
        );
        assert_eq!(
            k.resolve_in(&ed, ev('ق', KeyModifiers::ALT)),
            Some(Action::AddResolution)
        );
        assert_eq!(
            k.resolve_in(&ed, ev('۲', KeyModifiers::ALT)),
            Some(Action::JumpAttendance)
        );
    }

    #[test]
    fn user_file_overrides_per_key_and_noop_unbinds() {
        let (k, err) = Keymap::with_user(Some("[meetings]\n\"n\" = \"down\"\n\"j\" = \"noop\"\n"));
        assert_eq!(err, None);
        assert_eq!(k.resolve(Context::Meetings, press('n')), Some(Action::Down));
        assert_eq!(k.resolve(Context::Meetings, press('j')), None);
        assert_eq!(
            k.resolve(Context::Meetings, press('k')),
            Some(Action::Up),
            "others kept"
        );
    }

    #[test]
    fn a_bad_user_file_keeps_the_defaults_and_says_why() {
        for bad in [
            "[meetings]\n\"j\" = \"fly\"\n",
            "[nowhere]\n\"j\" = \"up\"\n",
            "[meetings]\n\"hyper-j\" = \"up\"\n",
            "[meetings]\n\"f13\" = \"up\"\n",
            "not toml at all [",
        ] {
            let (k, err) = Keymap::with_user(Some(bad));
            assert!(err.is_some(), "{bad}");
            assert_eq!(
                k.resolve(Context::Meetings, press('j')),
                Some(Action::Down),
                "{bad}"
            );
        }
    }
}
