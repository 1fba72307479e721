//! The export dialog: a format and a path with a sensible default name; an
//! existing file is overwritten only after asking.

use std::path::PathBuf;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::widgets::Block;

use crate::export::Format;
use crate::export::doc::MinutesDoc;
use crate::lang::Lang;
use crate::model::Id;
use crate::store::Archive;
use crate::text::RenderMode;
use crate::text::layout::fit;
use crate::ui::msg::Msg;
use crate::ui::widgets::editor::TextField;
use crate::ui::widgets::form::Form;

pub struct ExportDialog {
    pub meeting: Id,
    pub format: Format,
    pub path: TextField,
    /// The file exists and Enter was pressed once: the next Enter overwrites.
    pub confirm: bool,
    dir: PathBuf,
    default_name: String,
}

/// Where exports go by default: the user's Documents folder, else the current one.
pub(crate) fn export_dir() -> PathBuf {
    directories::UserDirs::new()
        .and_then(|u| u.document_dir().map(PathBuf::from))
        .filter(|d| d.is_dir())
        .unwrap_or_else(|| PathBuf::from("."))
}

impl ExportDialog {
    pub fn open(store: &dyn Archive, meeting: Id) -> crate::store::Result<ExportDialog> {
        let doc = MinutesDoc::load(store, meeting)?;
        let format = Format::Docx;
        let dir = export_dir();
        let default_name = doc.file_name("");
        let path = dir.join(format!("{default_name}{}", format.extension()));
        Ok(ExportDialog {
            meeting,
            format,
            path: TextField::new(&path.to_string_lossy(), false),
            confirm: false,
            dir,
            default_name,
        })
    }

    /// Next format; a path still ending in the default name follows it.
    pub fn next_format(&mut self) {
        let i = Format::ALL
            .iter()
            .position(|f| *f == self.format)
            .unwrap_or(0);
        let old = self
            .dir
            .join(format!("{}{}", self.default_name, self.format.extension()));
        self.format = Format::ALL[(i + 1) % Format::ALL.len()];
        if self.path.text() == old.to_string_lossy() {
            let new = self
                .dir
                .join(format!("{}{}", self.default_name, self.format.extension()));
            self.path.set_text(&new.to_string_lossy());
        }
        self.confirm = false;
    }

    /// Writes the file. `Ok(None)`: written; `Ok(Some(msg))`: asks first.
    pub fn write(
        &mut self,
        store: &dyn Archive,
        look: &crate::export::letter::Settings,
    ) -> Result<Option<Msg>, Msg> {
        let path = PathBuf::from(self.path.text().trim());
        if path.as_os_str().is_empty() {
            return Err(Msg::fail("مسیر پرونده خالی است", "the path is empty"));
        }
        if path.exists() && !self.confirm {
            self.confirm = true;
            return Ok(Some(Msg::warn(
                format!("«{}» هست؛ برای جایگزینی دوباره Enter بزنید", path.display()),
                format!("{} exists: Enter again to overwrite", path.display()),
            )));
        }
        let doc = MinutesDoc::load(store, self.meeting).map_err(Msg::error)?;
        let bytes = crate::export::export_meeting(&doc, self.format, &look.font, &look.official)
            .map_err(Msg::error)?;
        crate::export::write_atomic(&path, &bytes)
            .map_err(|e| Msg::error(format!("{}: {e}", path.display())))?;
        Ok(None)
    }

    /// Where the dialog sits over the screen's area.
    fn rect(area: Rect) -> Rect {
        let w = area.width.saturating_sub(8).min(100);
        Rect {
            x: area.x + (area.width - w) / 2,
            y: area.y + area.height.saturating_sub(7) / 2,
            width: w,
            height: 7.min(area.height),
        }
    }

    /// Lays the path field out for the terminal's size (on opening and on resize).
    pub fn set_geometry(&mut self, area: Rect, mode: RenderMode) {
        let inner = Block::bordered().inner(Self::rect(area));
        self.path.set_geometry(inner.width, mode);
    }

    pub fn render(&self, frame: &mut Frame, area: Rect, mode: RenderMode, lang: Lang) {
        let inner = Form::frame(
            frame.buffer_mut(),
            Self::rect(area),
            lang.pick(" خروجی / export "),
            mode,
        );
        let formats: Vec<String> = Format::ALL
            .iter()
            .map(|f| {
                if *f == self.format {
                    format!("[{}]", f.extension())
                } else {
                    f.extension().to_owned()
                }
            })
            .collect();
        let line = format!(
            "{} (Alt+T):  {}",
            lang.pick("قالب / format"),
            formats.join("  ")
        );
        let text = fit(&line, inner.width, mode);
        let tw = crate::text::width::str_width(&text) as u16;
        frame.buffer_mut().set_string(
            inner.right().saturating_sub(tw),
            inner.y,
            text,
            Style::new().add_modifier(Modifier::BOLD),
        );
        if inner.height > 2 {
            self.path.draw(
                frame.buffer_mut(),
                Rect {
                    x: inner.x,
                    y: inner.y + 2,
                    width: inner.width,
                    height: 1,
                },
                0,
                Style::new(),
            );
            let (_, c) = self.path.cursor_pos();
            frame
                .set_cursor_position((inner.x + c.min(inner.width.saturating_sub(1)), inner.y + 2));
        }
        if inner.height > 4 {
            let hint = fit(
                lang.pick("Enter: نوشتن   Esc: انصراف / Enter: write   Esc: cancel"),
                inner.width,
                mode,
            );
            let hw = crate::text::width::str_width(&hint) as u16;
            frame.buffer_mut().set_string(
                inner.right().saturating_sub(hw),
                inner.y + 4,
                hint,
                Style::new().add_modifier(Modifier::DIM),
            );
        }
    }
}
