//! The letters dialog: ابلاغ مصوبات of a meeting (Alt+L in the minutes, l in the
//! meetings list) or follow-up letters of the pending list's marked or shown
//! rows (l there). It says how many letters and to whom, takes the file (Word
//! or HTML, Alt+T), and, when the organisation is not set yet, its name lines
//! and numbering pattern, which it writes into config.toml (onboarding).
//!
//! The letters are built when the dialog opens, so a meeting without a
//! responsible unit says so at once; they are numbered and registered on save.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;

use crate::export::letter::{self, Draft, Settings};
use crate::lang::Lang;
use crate::model::{Id, LetterKind, Numbering, ResolutionKey};
use crate::store::Archive;
use crate::text::RenderMode;
use crate::text::layout::fit_right;
use crate::ui::msg::Msg;
use crate::ui::widgets::editor::TextField;
use crate::ui::widgets::form::Form;

/// What the letters are about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// ابلاغ of a meeting's resolutions.
    Notify(Id),
    /// Follow-up letters about these open resolutions, to the units `unit`
    /// names (all when None).
    FollowUp {
        keys: Vec<ResolutionKey>,
        unit: Option<String>,
    },
}

pub struct LettersDialog {
    pub source: Source,
    drafts: Vec<Draft>,
    pub html: bool,
    /// The file; then, when onboarding, the organisation's lines and the
    /// numbering pattern.
    pub fields: Vec<TextField>,
    pub focus: usize,
    /// The organisation was not set: the dialog asks for it.
    pub onboarding: bool,
    dir: PathBuf,
    stem: String,
}

const LABELS: [&str; 3] = [
    "پرونده / file",
    "نام سازمان (سطرها با ؛) / organisation (lines split by ؛)",
    "الگوی شماره / numbering",
];

impl LettersDialog {
    /// Builds the letters; an error says why there are none.
    pub fn open(
        store: &dyn Archive,
        source: Source,
        s: &Settings,
        today: NaiveDate,
    ) -> Result<LettersDialog, Msg> {
        let drafts = match &source {
            Source::Notify(id) => letter::notify(store, *id, s, today),
            Source::FollowUp { keys, unit } => {
                let keep = |r: &crate::export::doc::ResolutionLine| {
                    keys.contains(&ResolutionKey {
                        meeting: r.meeting_id,
                        key: r.key,
                    })
                };
                let unit_ok = |name: &str| unit.as_ref().is_none_or(|u| name == u);
                letter::follow_up(store, &keep, &unit_ok, s, today, today)
            }
        }
        .map_err(Msg::error)?;
        let kind = match source {
            Source::Notify(_) => LetterKind::Notify,
            Source::FollowUp { .. } => LetterKind::FollowUp,
        };
        let stem = letter::file_stem(kind, today);
        let dir = super::export_dialog::export_dir();
        let path = dir.join(format!("{stem}.docx"));
        let onboarding = !s.official.is_set();
        let mut fields = vec![TextField::new(&path.to_string_lossy(), false)];
        if onboarding {
            fields.push(TextField::new("", false));
            fields.push(TextField::new(&s.numbering.pattern, false));
        }
        Ok(LettersDialog {
            source,
            drafts,
            html: false,
            fields,
            focus: 0,
            onboarding,
            dir,
            stem,
        })
    }

    /// Word ↔ HTML; a path still on the default name follows.
    pub fn toggle_format(&mut self) {
        let old = self.default_path();
        self.html = !self.html;
        if self.fields[0].text() == old.to_string_lossy() {
            let new = self.default_path();
            self.fields[0].set_text(&new.to_string_lossy());
        }
    }

    fn extension(&self) -> &'static str {
        if self.html { "html" } else { "docx" }
    }

    fn default_path(&self) -> PathBuf {
        self.dir.join(format!("{}.{}", self.stem, self.extension()))
    }

    /// Enter: the next field, or, on the last, true (write).
    pub fn accept_field(&mut self) -> bool {
        Form::next_or_last(&mut self.focus, self.fields.len())
    }

    /// The organisation the user typed while onboarding, with the pattern.
    fn typed_organisation(&self) -> Result<Option<(Vec<String>, String)>, Msg> {
        if !self.onboarding {
            return Ok(None);
        }
        let lines: Vec<String> = self.fields[1]
            .text()
            .split(['؛', ';', '\n'])
            .map(|l| l.trim().to_owned())
            .filter(|l| !l.is_empty())
            .collect();
        let pattern = self.fields[2].text().trim().to_owned();
        Numbering::check(&pattern).map_err(|e| Msg::fail(e.clone(), e))?;
        Ok((!lines.is_empty()).then_some((lines, pattern)))
    }

    /// Numbers, registers and writes the letters. Returns the message for the
    /// status line and, after onboarding, the settings to use from now on.
    pub fn write(
        &mut self,
        store: &dyn Archive,
        s: &Settings,
        config_dir: Option<&Path>,
    ) -> Result<(Msg, Option<Settings>), Msg> {
        let path = PathBuf::from(self.fields[0].text().trim());
        if path.as_os_str().is_empty() {
            return Err(Msg::fail("مسیر پرونده خالی است", "the path is empty"));
        }
        if path.is_dir() {
            return Err(Msg::fail(
                format!("«{}» یک پوشه است؛ نام پرونده را بنویسید", path.display()),
                format!("{} is a directory: give a file name", path.display()),
            ));
        }
        let mut settings = None;
        if let Some((lines, pattern)) = self.typed_organisation()? {
            let dir = config_dir.ok_or_else(|| {
                Msg::fail(
                    "پوشه تنظیمات پیدا نشد",
                    "no config directory on this system",
                )
            })?;
            crate::config::add_organisation(dir, &lines, &pattern).map_err(Msg::error)?;
            let mut next = s.clone();
            next.official.lines = lines;
            next.numbering = Numbering { pattern };
            settings = Some(next);
        }
        let s = settings.as_ref().unwrap_or(s);
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        // Rendered before the register is written: a letter is registered only
        // when its file can be made.
        letter::issue(store, &mut self.drafts, &s.numbering, true, &|_, _| {
            name.clone()
        })
        .map_err(Msg::error)?;
        let docs: Vec<_> = self.drafts.iter().map(|d| d.doc.clone()).collect();
        let bytes = if self.html {
            letter::letters_html(&docs, s).into_bytes()
        } else {
            letter::letters_docx(&docs, s).map_err(Msg::error)?
        };
        crate::export::write_atomic(&path, &bytes)
            .map_err(|e| Msg::error(format!("{}: {e}", path.display())))?;
        let numbers: Vec<&str> = self
            .drafts
            .iter()
            .map(|d| d.record.number.as_str())
            .filter(|n| !n.is_empty())
            .collect();
        let range = match (numbers.first(), numbers.last()) {
            (Some(a), Some(b)) if a != b => format!(" ({a} … {b})"),
            (Some(a), _) => format!(" ({a})"),
            _ => String::new(),
        };
        let n = self.drafts.len();
        Ok((
            Msg::info(
                format!(
                    "{} نامه در دفتر ثبت و در {} نوشته شد{range}",
                    crate::calendar::Digits::Persian.format(n),
                    path.display()
                ),
                format!(
                    "{n} letters registered and written to {}{range}",
                    path.display()
                ),
            ),
            settings,
        ))
    }

    const FORM: Form = Form {
        label_w: 24,
        max_rows: 2,
    };

    fn rect(&self, area: Rect) -> Rect {
        let recipients = self.drafts.len().min(6);
        Form::centered(area, self.fields.len() * 2 + recipients + 3, 100)
    }

    pub fn set_geometry(&mut self, area: Rect, mode: RenderMode) {
        let r = self.rect(area);
        Self::FORM.set_geometry(r, &mut self.fields, mode);
    }

    pub fn render(&self, frame: &mut Frame, area: Rect, mode: RenderMode, lang: Lang) {
        let kind = match self.source {
            Source::Notify(_) => lang.pick("ابلاغ مصوبات / notify the units"),
            Source::FollowUp { .. } => lang.pick("نامه پیگیری / follow-up letters"),
        };
        let title = format!(
            " {kind} ({}) ",
            crate::calendar::Digits::Persian.format(self.drafts.len())
        );
        let inner = Form::frame(frame.buffer_mut(), self.rect(area), &title, mode);
        let buf = frame.buffer_mut();
        let mut y = inner.y;
        for d in self.drafts.iter().take(6) {
            let line = format!("← {}", d.doc.to.join(" - "));
            buf.set_string(
                inner.x,
                y,
                fit_right(&line, inner.width, mode),
                Style::new(),
            );
            y += 1;
        }
        if self.drafts.len() > 6 {
            let more = format!(
                "… {} {}",
                crate::calendar::Digits::Persian.format(self.drafts.len() - 6),
                lang.pick("نامه دیگر / more")
            );
            buf.set_string(
                inner.x,
                y,
                fit_right(&more, inner.width, mode),
                Style::new(),
            );
        }
        y += 2;
        let form = Rect {
            y: y.min(inner.bottom()),
            height: inner.bottom().saturating_sub(y),
            ..inner
        };
        let rows = Form::labelled(&LABELS[..self.fields.len()], &self.fields, lang);
        let (cursor, y) = Self::FORM.draw(buf, form, &rows, self.focus, mode);
        if y < inner.bottom() {
            let mut hint = format!(
                "{}: {} (Alt+T) · {}",
                lang.pick("قالب / format"),
                if self.html { "HTML" } else { "Word" },
                lang.pick("نوشتن: Ctrl+S / write: Ctrl+S")
            );
            if self.onboarding {
                hint.push_str(" · ");
                hint.push_str(lang.pick(
                    "سازمان در config.toml ذخیره می‌شود / the organisation is saved in config.toml",
                ));
            }
            buf.set_string(
                inner.x,
                y,
                fit_right(&hint, inner.width, mode),
                Style::new(),
            );
        }
        if let Some(c) = cursor {
            frame.set_cursor_position(c);
        }
    }
}
