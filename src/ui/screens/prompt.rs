//! One-line dialogs: the reason for reopening final minutes, a name in the
//! directory, the path of a file to import.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::Block;

use crate::lang::Lang;
use crate::model::Id;
use crate::text::RenderMode;
use crate::ui::action::Action;
use crate::ui::app::Screen;
use crate::ui::effect::{Cx, Effect, opened_new};
use crate::ui::msg::Msg;
use crate::ui::widgets::editor::TextField;
use crate::ui::widgets::form::Form;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ask {
    /// The reason for reopening final minutes.
    Reopen,
    /// A new name for the selected record of the directory.
    Rename,
    /// The name of a new record of the directory.
    NewName,
    /// The path of a .txt, .md or .docx file to import.
    Import,
}

pub struct Prompt {
    pub ask: Ask,
    pub field: TextField,
}

impl Prompt {
    fn with(ask: Ask, text: &str) -> Prompt {
        Prompt {
            ask,
            field: TextField::new(text, false),
        }
    }
    pub fn reopen() -> Prompt {
        Prompt::with(Ask::Reopen, "")
    }
    pub fn rename(name: &str) -> Prompt {
        Prompt::with(Ask::Rename, name)
    }
    pub fn new_name() -> Prompt {
        Prompt::with(Ask::NewName, "")
    }
    pub fn import() -> Prompt {
        Prompt::with(Ask::Import, "")
    }

    fn title(&self) -> &'static str {
        match self.ask {
            Ask::Reopen => " دلیل بازگشایی / reason for reopening ",
            Ask::Import => " ورود از فایل / import from a file ",
            Ask::Rename | Ask::NewName => " نام / name ",
        }
    }

    /// Where the dialog sits in the screen's area.
    fn area(main: Rect) -> Rect {
        Rect {
            x: main.x + 4,
            y: main.y + main.height / 2,
            width: main.width.saturating_sub(8),
            height: 3,
        }
    }

    /// Lays the field out for the terminal's size (on opening and on resize), so
    /// drawing needs no copy of it.
    pub fn set_geometry(&mut self, main: Rect, mode: RenderMode) {
        let inner = Block::bordered().inner(Prompt::area(main));
        self.field.set_geometry(inner.width, mode);
    }

    pub fn on_action(&mut self, cx: &mut Cx, screen: &mut Screen, action: Action) -> Vec<Effect> {
        if action != Action::Accept {
            self.field.edit(action);
            return vec![];
        }
        let text = self.field.text().to_owned();
        match (self.ask, screen) {
            (Ask::Reopen, Screen::Minutes(m)) => {
                m.reopen(cx.store, cx.user, &text);
                let mut effects: Vec<Effect> =
                    m.message.take().map(Effect::Status).into_iter().collect();
                if !m.meeting.is_final() {
                    effects.push(Effect::CloseDialog);
                }
                effects
            }
            (Ask::Rename | Ask::NewName, Screen::Directory(d)) => {
                match d.save_name(cx.store, &text, self.ask == Ask::NewName) {
                    Ok(()) => vec![
                        Effect::CloseDialog,
                        Effect::Status(Msg::info("ذخیره شد", "saved")),
                    ],
                    Err(e) => vec![Effect::Status(e)],
                }
            }
            (Ask::Import, _) => import_file(cx, std::path::Path::new(text.trim())),
            _ => vec![Effect::CloseDialog],
        }
    }

    pub fn render(&self, frame: &mut Frame, main: Rect, mode: RenderMode, lang: Lang) {
        let r = Prompt::area(main);
        let inner = Form::frame(frame.buffer_mut(), r, lang.pick(self.title()), mode);
        self.field.draw(frame.buffer_mut(), inner, 0, Style::new());
        let (_, c) = self.field.cursor_pos();
        frame.set_cursor_position((inner.x + c.min(inner.width.saturating_sub(1)), inner.y));
    }
}

/// Imports a file as a draft meeting and opens it, with the report beside it.
fn import_file(cx: &mut Cx, path: &std::path::Path) -> Vec<Effect> {
    if crate::import::sheet::is_sheet(path) {
        return match super::sheet_preview::SheetPreview::open(cx, path) {
            Ok(p) => vec![
                Effect::Dialog(crate::ui::dialog::Dialog::SheetPreview(Box::new(p))),
                Effect::Status(Msg::info(
                    "نگاشت ستون‌ها را ببینید؛ Enter: وارد شود، Esc: نه",
                    "check which column went where; Enter: import, Esc: cancel",
                )),
            ],
            Err(e) => vec![Effect::Status(e)],
        };
    }
    let today = chrono::Local::now().date_naive();
    let opts = crate::import::ReadOptions {
        keep_spelling: false,
        digits: cx.digits,
        known_units: match cx.store.units() {
            Ok(u) => u.into_iter().map(|u| u.name).collect(),
            Err(e) => return vec![Effect::Status(Msg::error(e))],
        },
    };
    let (draft, report) = match crate::import::read_file(path, today, cx.work, &opts) {
        Ok(r) => r,
        Err(e) => return vec![Effect::Status(Msg::error(e))],
    };
    let m = match crate::import::save_draft(
        cx.store,
        &draft,
        None,
        &path.display().to_string(),
        cx.user,
        today,
    ) {
        Ok(m) => m,
        Err(e) => return vec![Effect::Status(Msg::error(e))],
    };
    let mut lines = vec![format!(
        "{}: جلسه {} / meeting {}",
        path.display(),
        cx.digits.format(m.number),
        m.id
    )];
    lines.extend(report.unplaced.iter().map(|(n, l)| {
        format!(
            "سطر {} به یادداشت / line {n} to notes: {l}",
            cx.digits.format(*n)
        )
    }));
    lines.extend(report.warnings.iter().map(|w| format!("⚠ {w}")));
    lines.extend(report.inferred.iter().map(|(n, units)| {
        format!(
            "مسئول پیشنهادی مصوبه {}: {} (Enter روی فیلد مسئول: تأیید) / units inferred for resolution {n}: confirm with Enter on the field",
            cx.digits.format(*n),
            units.join("؛ ")
        )
    }));
    if report.unplaced.is_empty() && report.warnings.is_empty() {
        lines.push("همه سطرها جا گرفتند / every line found its place".into());
    }
    let mut effects = opened_new(m.id);
    effects.push(Effect::ImportReport(lines));
    effects.push(Effect::Status(Msg::info(
        "پیش‌نویس واردشده را بررسی کنید",
        "check the imported draft",
    )));
    effects
}

/// A yes-or-no question before something that cannot be undone from the UI.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Confirm {
    /// Sixty demo meetings into the empty database.
    LoadDemo,
    /// The row under the cursor in the minutes (an attendee, an agenda item, a
    /// discussion entry, a resolution), named «fa / en» as its label reads.
    DeleteRow(String),
    /// A draft meeting into the trash: its id and «جلسه ۱۲ کارگروه …».
    TrashMeeting(Id, String),
    /// A body without meetings into the trash.
    TrashBody(Id, String),
    /// A unit no resolution names, deleted for good.
    DeleteUnit(Id, String),
}

impl Confirm {
    fn question(&self) -> Msg {
        const YES_NO: (&str, &str) = ("Enter: بله   Esc: نه", "Enter: yes   Esc: no");
        let (fa, en) = match self {
            Confirm::LoadDemo => (
                "۶۰ جلسه نمونه در این پایگاه داده ساخته شود؟".to_owned(),
                "Load 60 demo meetings into this database?".to_owned(),
            ),
            Confirm::DeleteRow(row) => (
                format!("{} حذف شود؟", Lang::Fa.pick(row)),
                format!("Delete {}?", Lang::En.pick(row).to_lowercase()),
            ),
            Confirm::TrashMeeting(_, name) | Confirm::TrashBody(_, name) => (
                format!("«{name}» به سطل زباله برود؟"),
                format!("Move «{name}» to the trash?"),
            ),
            Confirm::DeleteUnit(_, name) => (
                format!("واحد «{name}» برای همیشه حذف شود؟"),
                format!("Delete the unit «{name}» for good?"),
            ),
        };
        Msg::warn(format!("{fa} {}", YES_NO.0), format!("{en} {}", YES_NO.1))
    }

    pub fn on_action(&self, cx: &mut Cx, screen: &mut Screen, action: Action) -> Vec<Effect> {
        if action != Action::Accept {
            return vec![];
        }
        match self {
            Confirm::LoadDemo => {
                let opts = crate::demo::DemoOptions {
                    meetings: 60,
                    seed: 1,
                    today: chrono::Local::now().date_naive(),
                };
                match crate::demo::generate(cx.store, opts, || {}) {
                    Ok(()) => vec![
                        Effect::CloseDialog,
                        Effect::ReloadList,
                        Effect::Status(Msg::info("داده نمونه بارگذاری شد", "demo data loaded")),
                    ],
                    Err(e) => vec![Effect::CloseDialog, Effect::Status(Msg::error(e))],
                }
            }
            Confirm::TrashMeeting(id, name) => {
                match cx.store.trash_meeting(*id, chrono::Utc::now()) {
                    Ok(_) => vec![
                        Effect::CloseDialog,
                        Effect::ReloadList,
                        Effect::Status(trashed(name, *id)),
                    ],
                    Err(e) => vec![Effect::CloseDialog, Effect::Status(Msg::error(e))],
                }
            }
            Confirm::TrashBody(id, name) => {
                let done = cx
                    .store
                    .trash_body(*id, chrono::Utc::now())
                    .map(|_| trashed(name, *id));
                reloaded_directory(cx, screen, done)
            }
            Confirm::DeleteUnit(id, name) => {
                let done = crate::service::delete_unit_if_unused(cx.store, *id).map(|deleted| {
                    if deleted {
                        Msg::info(
                            format!("واحد «{name}» حذف شد"),
                            format!("unit «{name}» deleted"),
                        )
                    } else {
                        Msg::warn(
                            format!("واحد «{name}» در مصوبه‌ای آمده است و حذف نشد"),
                            format!("unit «{name}» is named by a resolution and was kept"),
                        )
                    }
                });
                reloaded_directory(cx, screen, done)
            }
            Confirm::DeleteRow(row) => {
                let Screen::Minutes(m) = screen else {
                    return vec![Effect::CloseDialog];
                };
                let message = if m.delete_entry() {
                    Some(Msg::info(
                        format!("{} حذف شد", Lang::Fa.pick(row)),
                        format!("{} deleted", Lang::En.pick(row)),
                    ))
                } else {
                    m.message.take()
                };
                let mut effects = vec![Effect::CloseDialog];
                effects.extend(message.map(Effect::Status));
                effects
            }
        }
    }

    pub fn render(&self, frame: &mut Frame, main: Rect, mode: RenderMode, lang: Lang) {
        let inner = Form::frame(frame.buffer_mut(), Prompt::area(main), "", mode);
        let text = crate::text::layout::fit_right(self.question().text(lang), inner.width, mode);
        frame
            .buffer_mut()
            .set_string(inner.x, inner.y, text, Style::new());
    }
}

/// Closes the question, says how it went and shows the directory again.
fn reloaded_directory(
    cx: &mut Cx,
    screen: &mut Screen,
    done: crate::store::Result<Msg>,
) -> Vec<Effect> {
    let mut message = done.unwrap_or_else(Msg::error);
    if let Screen::Directory(d) = screen
        && let Err(e) = d.reload(cx.store)
    {
        message = Msg::error(e);
    }
    vec![Effect::CloseDialog, Effect::Status(message)]
}

/// «… به سطل زباله رفت» with the command that brings it back.
fn trashed(name: &str, id: Id) -> Msg {
    Msg::info(
        format!("«{name}» به سطل زباله رفت؛ بازگرداندن: dabir trash restore {id}"),
        format!("«{name}» moved to the trash; `dabir trash restore {id}` brings it back"),
    )
}
