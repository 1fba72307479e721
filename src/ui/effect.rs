//! What a screen asks of the app. Screens change their own state in `on_action`
//! and return effects for everything beyond it (another screen, a dialog, the
//! status line, the clipboard); `App` applies them, in order.

use super::msg::Msg;
use crate::calendar::WorkWeek;
use crate::lang::Lang;
use crate::model::Id;
use crate::store::{Archive, Place};
use crate::text::{Digits, RenderMode};

use super::app::{Dialog, Screen};

/// What every screen's update may read: the store and the user's settings.
pub struct Cx<'a> {
    pub store: &'a dyn Archive,
    /// Rows on screen, for page moves.
    pub page: usize,
    pub digits: Digits,
    pub lang: Lang,
    pub work: &'a WorkWeek,
    pub mode: RenderMode,
    /// The font and the official header of Word files, and what letters take
    /// from the settings.
    pub letters: &'a crate::export::letter::Settings,
    /// Who is at the keyboard, for a meeting's history.
    pub user: &'a str,
    /// Where config.toml lives (the letters dialog writes the organisation).
    pub config_dir: Option<&'a std::path::Path>,
}

/// Where the cursor goes in a meeting opened from a list.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Focus {
    Top,
    Resolution(u32),
    Place(Place),
}

pub enum Effect {
    /// A message in the status line.
    Status(Msg),
    /// Clears the status line (the key hints show again).
    ClearStatus,
    /// A dialog over the current screen.
    Dialog(Dialog),
    CloseDialog,
    /// Another screen in place of this one.
    Open(Screen),
    /// A meeting in the minutes editor. `from_list`: Esc goes back to the list it
    /// was opened from (pending, search), with its state.
    OpenMeeting {
        id: Id,
        focus: Focus,
        from_list: bool,
    },
    /// The lines of an import's report beside the meeting just opened.
    ImportReport(Vec<String>),
    /// Leave this screen: back to the list it was opened from, or home.
    Back,
    /// The meetings list, with its rows read again.
    Home,
    /// The meetings list's rows read again (a meeting was added).
    ReloadList,
    /// Text for the system clipboard.
    Copy(String),
    /// New letter settings (the organisation was just set up).
    Letters(Box<crate::export::letter::Settings>),
}

/// The letters dialog for `source`, or why there are no letters.
pub fn letters_dialog(cx: &Cx, source: crate::ui::screens::letters_dialog::Source) -> Vec<Effect> {
    let today = chrono::Local::now().date_naive();
    match crate::ui::screens::letters_dialog::LettersDialog::open(
        cx.store, source, cx.letters, today,
    ) {
        Ok(d) => vec![Effect::Dialog(Dialog::Letters(Box::new(d)))],
        Err(e) => vec![Effect::Status(e)],
    }
}

/// A meeting just made (created or imported): the dialog closed, the list read
/// again, the meeting opened.
pub fn opened_new(id: Id) -> Vec<Effect> {
    vec![
        Effect::CloseDialog,
        Effect::ReloadList,
        Effect::OpenMeeting {
            id,
            focus: Focus::Top,
            from_list: false,
        },
    ]
}

/// `Status(msg)` or nothing.
pub fn status(msg: Option<Msg>) -> Vec<Effect> {
    msg.map(Effect::Status).into_iter().collect()
}
