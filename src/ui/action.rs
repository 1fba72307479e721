//! Everything the user can ask for. Keymaps name these in kebab-case; the help
//! overlay lists them with their doc line.

use std::str::FromStr;

macro_rules! actions {
    ($($variant:ident = $name:literal, $doc:literal;)*) => {
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Action {
            $(#[doc = $doc] $variant,)*
        }

        impl Action {
            pub const ALL: &'static [Action] = &[$(Action::$variant,)*];

            /// The kebab-case name used in keymap files.
            pub fn name(self) -> &'static str {
                match self { $(Action::$variant => $name,)* }
            }

            /// One line for the help overlay.
            pub fn doc(self) -> &'static str {
                match self { $(Action::$variant => $doc,)* }
            }
        }

        impl FromStr for Action {
            type Err = String;
            fn from_str(s: &str) -> Result<Action, String> {
                match s {
                    $($name => Ok(Action::$variant),)*
                    _ => Err(format!("unknown action `{s}`")),
                }
            }
        }
    };
}

actions! {
    Quit = "quit", "خروج / quit";
    Help = "help", "راهنمای کلیدها / show or hide the keys of this screen";
    Close = "close", "بستن / close the overlay or message";
    Up = "up", "ردیف بالا / previous row";
    Down = "down", "ردیف پایین / next row";
    PageUp = "page-up", "صفحه قبل / one page up";
    PageDown = "page-down", "صفحه بعد / one page down";
    First = "first", "نخستین ردیف / first row";
    Last = "last", "آخرین ردیف / last row";
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for a in Action::ALL {
            assert_eq!(a.name().parse::<Action>(), Ok(*a));
        }
        assert!("no-such-thing".parse::<Action>().is_err());
    }
}
