//! Bodies, people and units: the lists behind completion and defaults, with
//! spelling duplicates («اداره راهداری» / «اداره راه‌داری») found through the text
//! engine's normalisation and merged without losing any link.

use std::collections::HashMap;

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::{Block, Cell, Row, Table, TableState};

use crate::model::{Id, Person, Unit};
use crate::store::{Archive, Result};
use crate::text::layout::fit_right;
use crate::text::normalize::normalize;
use crate::text::{Digits, RenderMode};
use crate::ui::action::Action;
use crate::ui::app::Dialog;
use crate::ui::effect::{Cx, Effect, status};
use crate::ui::msg::Msg;
use crate::ui::screens::body_form::BodyForm;
use crate::ui::screens::prompt::{Confirm, Prompt};
use crate::ui::widgets::hints::Hint;

/// The status line's hints.
pub const HINTS: &[Hint] = &[
    Hint(Some(Action::NextField), "فهرست بعد", "next list"),
    Hint(Some(Action::Edit), "ویرایش", "rename"),
    Hint(Some(Action::NewRecord), "تازه", "new"),
    Hint(Some(Action::Merge), "ادغام همزاد", "merge twin"),
    Hint(Some(Action::Close), "بازگشت", "back"),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    Bodies,
    People,
    Units,
}

impl Tab {
    fn title(self) -> &'static str {
        match self {
            Tab::Bodies => "کارگروه‌ها / Bodies",
            Tab::People => "اشخاص / People",
            Tab::Units => "واحدها / Units",
        }
    }

    fn next(self) -> Tab {
        match self {
            Tab::Bodies => Tab::People,
            Tab::People => Tab::Units,
            Tab::Units => Tab::Bodies,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DirRow {
    pub id: Id,
    pub name: String,
    /// Meetings of a body, resolutions naming a unit, bodies a person is in.
    pub uses: usize,
    /// Another record with the same name after normalisation.
    pub twin: Option<Id>,
}

pub struct DirectoryScreen {
    pub tab: Tab,
    pub rows: Vec<DirRow>,
    pub selected: usize,
    /// A merge waiting for confirmation: (from, into).
    pub pending_merge: Option<(Id, Id)>,
    digits: Digits,
}

impl DirectoryScreen {
    pub fn open(store: &dyn Archive, tab: Tab, digits: Digits) -> Result<DirectoryScreen> {
        let mut s = DirectoryScreen {
            tab,
            rows: Vec::new(),
            selected: 0,
            pending_merge: None,
            digits,
        };
        s.reload(store)?;
        Ok(s)
    }

    pub fn reload(&mut self, store: &dyn Archive) -> Result<()> {
        let mut rows: Vec<DirRow> = match self.tab {
            Tab::Units => store
                .units()?
                .into_iter()
                .map(|u| {
                    let uses = store.resolutions_naming_unit(u.id).unwrap_or(0);
                    DirRow {
                        id: u.id,
                        name: u.name,
                        uses,
                        twin: None,
                    }
                })
                .collect(),
            Tab::People => {
                let bodies = store.bodies()?;
                store
                    .people()?
                    .into_iter()
                    .map(|p| DirRow {
                        id: p.id,
                        name: p.person.display(),
                        uses: bodies
                            .iter()
                            .filter(|b| {
                                b.members.contains(&p.id)
                                    || b.chair == Some(p.id)
                                    || b.secretary == Some(p.id)
                            })
                            .count(),
                        twin: None,
                    })
                    .collect()
            }
            Tab::Bodies => {
                let mut count: HashMap<Id, usize> = HashMap::new();
                for m in store.meetings_newest_first() {
                    *count.entry(m?.body).or_default() += 1;
                }
                store
                    .bodies()?
                    .into_iter()
                    .map(|b| DirRow {
                        id: b.id,
                        uses: count.get(&b.id).copied().unwrap_or(0),
                        name: b.name,
                        twin: None,
                    })
                    .collect()
            }
        };
        // Twins: same normalised name (ZWNJ, spaces, ي/ك, marks aside).
        let keys: Vec<String> = rows
            .iter()
            .map(|r| match self.tab {
                Tab::People => normalize(r.name.split('،').next().unwrap_or(&r.name)).text,
                _ => normalize(&r.name).text,
            })
            .collect();
        for i in 0..rows.len() {
            rows[i].twin = (0..rows.len())
                .find(|&j| j != i && keys[j] == keys[i])
                .map(|j| rows[j].id);
        }
        rows.sort_by(|a, b| a.name.cmp(&b.name));
        self.rows = rows;
        self.selected = self.selected.min(self.rows.len().saturating_sub(1));
        Ok(())
    }

    pub fn selected_row(&self) -> Option<&DirRow> {
        self.rows.get(self.selected)
    }

    /// Handles list moves, tab switching and merging; returns a message.
    /// The screen's keys: the dialogs it opens, and the rest ([`Self::update`]).
    pub fn on_action(&mut self, cx: &mut Cx, action: Action) -> Vec<Effect> {
        match action {
            Action::Close => vec![Effect::Home],
            Action::Edit => {
                let Some(row) = self.selected_row() else {
                    return vec![];
                };
                let dialog = match self.tab {
                    Tab::Bodies => match cx.store.body(row.id) {
                        Ok(Some(b)) => match BodyForm::open(cx.store, &b) {
                            Ok(f) => Dialog::Body(Box::new(f)),
                            Err(e) => return vec![Effect::Status(Msg::error(e))],
                        },
                        Ok(None) => Dialog::Prompt(Prompt::rename(&row.name)),
                        Err(e) => return vec![Effect::Status(Msg::error(e))],
                    },
                    Tab::Units => match cx.store.unit(row.id) {
                        Ok(Some(u)) => Dialog::Body(Box::new(BodyForm::unit(&u))),
                        Ok(None) => Dialog::Prompt(Prompt::rename(&row.name)),
                        Err(e) => return vec![Effect::Status(Msg::error(e))],
                    },
                    Tab::People => Dialog::Prompt(Prompt::rename(&row.name)),
                };
                vec![Effect::Dialog(dialog)]
            }
            Action::NewRecord => vec![Effect::Dialog(Dialog::Prompt(Prompt::new_name()))],
            Action::Trash => {
                let Some(row) = self.selected_row() else {
                    return vec![];
                };
                let (id, name) = (row.id, row.name.clone());
                match self.tab {
                    Tab::Bodies if row.uses > 0 => status(Some(Msg::warn(
                        format!(
                            "این کارگروه {} جلسه دارد و حذف نمی‌شود (ادغام کنید: m)",
                            self.digits.format(row.uses)
                        ),
                        format!(
                            "this body has {} meetings and is not deleted (merge it: m)",
                            row.uses
                        ),
                    ))),
                    Tab::Bodies => vec![Effect::Dialog(Dialog::Confirm(Confirm::TrashBody(
                        id, name,
                    )))],
                    Tab::Units if row.uses > 0 => status(Some(Msg::warn(
                        format!(
                            "{} مصوبه این واحد را نام می‌برد و حذف نمی‌شود",
                            self.digits.format(row.uses)
                        ),
                        format!("{} resolutions name this unit: it is kept", row.uses),
                    ))),
                    Tab::Units => vec![Effect::Dialog(Dialog::Confirm(Confirm::DeleteUnit(
                        id, name,
                    )))],
                    Tab::People => status(Some(Msg::info(
                        "اشخاص حذف نمی‌شوند: صورتجلسه‌ها نامشان را همان‌گونه که بود نگه می‌دارند؛ همزاد را ادغام کنید (m) \
                        ",
                        "people are not deleted (minutes keep them as they were); merge a twin instead (m)",
                    ))),
                }
            }
            a => status(self.update(cx.store, a, cx.page)),
        }
    }

    pub fn update(&mut self, store: &dyn Archive, action: Action, page: usize) -> Option<Msg> {
        let last = self.rows.len().saturating_sub(1);
        match action {
            Action::Up => self.selected = self.selected.saturating_sub(1),
            Action::Down => self.selected = (self.selected + 1).min(last),
            Action::PageUp => self.selected = self.selected.saturating_sub(page),
            Action::PageDown => self.selected = (self.selected + page).min(last),
            Action::First => self.selected = 0,
            Action::Last => self.selected = last,
            Action::NextField => {
                self.tab = self.tab.next();
                self.selected = 0;
                self.pending_merge = None;
                if let Err(e) = self.reload(store) {
                    return Some(Msg::error(e));
                }
            }
            Action::Merge => return self.merge(store),
            _ => {}
        }
        if action != Action::Merge {
            self.pending_merge = None;
        }
        None
    }

    /// First press: propose merging the selected record into its twin (the one
    /// used more is kept). Second press: do it.
    fn merge(&mut self, store: &dyn Archive) -> Option<Msg> {
        let row = self.selected_row()?.clone();
        let Some(twin_id) = row.twin else {
            return Some(Msg::warn(
                "این ردیف همزادی با همان نام ندارد",
                "no record with the same name to merge with",
            ));
        };
        let twin = self.rows.iter().find(|r| r.id == twin_id)?.clone();
        let (from, into) = if twin.uses > row.uses || (twin.uses == row.uses && twin.id < row.id) {
            (row.clone(), twin)
        } else {
            (twin, row.clone())
        };
        if self.pending_merge != Some((from.id, into.id)) {
            self.pending_merge = Some((from.id, into.id));
            return Some(Msg::warn(
                format!(
                    "«{}» در «{}» ادغام شود؟ دوباره m بزنید",
                    from.name, into.name
                ),
                format!("merge «{}» into «{}»? press m again", from.name, into.name),
            ));
        }
        self.pending_merge = None;
        let done = match self.tab {
            Tab::Units => store.merge_units(from.id, into.id),
            Tab::People => store.merge_people(from.id, into.id),
            Tab::Bodies => store.merge_bodies(from.id, into.id),
        };
        let msg = match done {
            Ok(n) => Msg::info(
                format!(
                    "«{}» در «{}» ادغام شد ({} پیوند)",
                    from.name,
                    into.name,
                    self.digits.format(n)
                ),
                format!("«{}» merged into «{}» ({n} links)", from.name, into.name),
            ),
            Err(e) => Msg::fail(format!("ادغام نشد: {e}"), format!("not merged: {e}")),
        };
        if let Err(e) = self.reload(store) {
            return Some(Msg::error(e));
        }
        Some(msg)
    }

    /// Saves a new name for the selected record (a new record when `new`).
    pub fn save_name(
        &mut self,
        store: &dyn Archive,
        text: &str,
        new: bool,
    ) -> std::result::Result<(), Msg> {
        let text = text.trim();
        if text.is_empty() {
            return Err(Msg::fail("نام خالی است", "the name is empty"));
        }
        let id = if new {
            0
        } else {
            self.selected_row()
                .map(|r| r.id)
                .ok_or_else(|| Msg::fail("ردیفی انتخاب نشده", "no row selected"))?
        };
        let r = match self.tab {
            Tab::Units if id == 0 => crate::service::create_unit(store, text).map(|_| ()),
            // A rename keeps the unit's addressee and title.
            Tab::Units => match store.unit(id).map_err(Msg::error)? {
                Some(mut u) => {
                    u.name = text.to_owned();
                    store.save_unit(&mut u)
                }
                None => store.save_unit(&mut Unit {
                    id,
                    ..Unit::named(text)
                }),
            },
            Tab::People => {
                let person =
                    super::fields::split_person(text).unwrap_or_else(|| Person::new(text, ""));
                let mut p = match store.person(id).map_err(Msg::error)? {
                    Some(mut p) => {
                        p.person.name = person.name;
                        p.person.post = person.post;
                        p
                    }
                    None => crate::model::PersonRecord { id: 0, person },
                };
                store.save_person(&mut p)
            }
            Tab::Bodies => match store.body(id).map_err(Msg::error)? {
                Some(mut b) => {
                    b.name = text.to_owned();
                    b.kind = crate::model::BodyKind::from_name(text);
                    store.save_body(&mut b)
                }
                None => {
                    let mut b = crate::model::Body {
                        id: 0,
                        name: text.to_owned(),
                        kind: crate::model::BodyKind::from_name(text),
                        members: Vec::new(),
                        chair: None,
                        secretary: None,
                        place: String::new(),
                    };
                    store.save_body(&mut b)
                }
            },
        };
        r.map_err(Msg::error)?;
        self.reload(store).map_err(Msg::error)
    }

    pub fn render(&self, frame: &mut Frame, area: Rect, mode: RenderMode, lang: crate::lang::Lang) {
        let tabs: Vec<String> = [Tab::Bodies, Tab::People, Tab::Units]
            .iter()
            .map(|t| {
                if *t == self.tab {
                    format!("[{}]", lang.pick(t.title()))
                } else {
                    lang.pick(t.title()).to_owned()
                }
            })
            .collect();
        let title = format!(" {} ", tabs.join("  "));
        let block = Block::bordered();
        let name_w = area.width.saturating_sub(2 + 8 + 10 + 2);
        let widths = [10, 8, name_w];
        let cell = |t: &str, w: u16| Cell::from(Line::from(fit_right(t, w, mode)));
        let header = Row::new([
            cell(lang.pick("همزاد / twin"), 10),
            cell(lang.pick("کاربرد / uses"), 8),
            cell(lang.pick("نام / name"), name_w),
        ])
        .style(Style::new().add_modifier(Modifier::BOLD));
        let rows = self.rows.iter().map(|r| {
            let twin = if r.twin.is_some() {
                lang.pick("⚠ مشابه / ⚠ twin")
            } else {
                ""
            };
            Row::new([
                cell(twin, 10),
                cell(&self.digits.format(r.uses), 8),
                cell(&r.name, name_w),
            ])
        });
        let table = Table::new(rows, widths.map(Constraint::Length))
            .header(header)
            .row_highlight_style(Style::new().add_modifier(Modifier::REVERSED))
            .block(block);
        let mut state = TableState::default().with_selected(Some(self.selected));
        frame.render_stateful_widget(table, area, &mut state);
        crate::ui::widgets::right_title(frame.buffer_mut(), area, &title, mode);
    }
}
