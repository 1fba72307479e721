//! Editing a body's defaults: name, place, chair, secretary and members (one per
//! line, «نام، سمت»), the things a new meeting of the body starts with.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::widgets::{Block, Clear};

use super::fields::split_person;
use crate::lang::Lang;
use crate::model::{Body, BodyKind, Id, Person, PersonRecord};
use crate::store::Store;
use crate::text::RenderMode;
use crate::text::layout::fit;
use crate::text::normalize::normalize;
use crate::ui::widgets::editor::TextField;
use crate::ui::widgets::right_title;

const LABELS: [&str; 5] = [
    "نام / Name",
    "مکان / Place",
    "رئیس / Chair",
    "دبیر / Secretary",
    "اعضا / Members",
];

pub struct BodyForm {
    pub id: Id,
    pub fields: [TextField; 5],
    pub focus: usize,
}

impl BodyForm {
    pub fn open(store: &Store, body: &Body) -> crate::store::Result<BodyForm> {
        let person = |id: Option<Id>| -> crate::store::Result<String> {
            Ok(match id {
                Some(id) => store
                    .person(id)?
                    .map(|p| p.person.display())
                    .unwrap_or_default(),
                None => String::new(),
            })
        };
        let mut members = Vec::new();
        for &m in &body.members {
            if let Some(p) = store.person(m)? {
                members.push(p.person.display());
            }
        }
        Ok(BodyForm {
            id: body.id,
            fields: [
                TextField::new(&body.name, false),
                TextField::new(&body.place, false),
                TextField::new(&person(body.chair)?, false),
                TextField::new(&person(body.secretary)?, false),
                TextField::new(&members.join("\n"), true),
            ],
            focus: 0,
        })
    }

    pub fn field_mut(&mut self) -> &mut TextField {
        &mut self.fields[self.focus]
    }

    /// A person record for «نام، سمت»: the existing one with that name
    /// (normalised), its post updated, or a new one.
    fn person_id(
        store: &Store,
        people: &mut Vec<PersonRecord>,
        text: &str,
    ) -> crate::store::Result<Option<Id>> {
        let Some(p) = split_person(text) else {
            return Ok(None);
        };
        let key = normalize(&p.name).text;
        if let Some(existing) = people
            .iter_mut()
            .find(|r| normalize(&r.person.name).text == key)
        {
            if !p.post.is_empty() && existing.person.post != p.post {
                existing.person.post = p.post;
                store.put_person(existing)?;
            }
            return Ok(Some(existing.id));
        }
        let mut r = PersonRecord {
            id: 0,
            person: Person {
                organisation: String::new(),
                ..p
            },
        };
        store.put_person(&mut r)?;
        let id = r.id;
        people.push(r);
        Ok(Some(id))
    }

    pub fn save(&self, store: &Store) -> Result<(), String> {
        let err = |e: crate::store::StoreError| e.to_string();
        let name = self.fields[0].text().trim();
        if name.is_empty() {
            return Err("نام کارگروه خالی است / the body's name is empty".into());
        }
        let mut body = store.body(self.id).map_err(err)?.ok_or("body not found")?;
        let mut people = store.people().map_err(err)?;
        body.name = name.to_owned();
        body.kind = BodyKind::from_name(name);
        body.place = self.fields[1].text().trim().to_owned();
        body.chair = Self::person_id(store, &mut people, self.fields[2].text()).map_err(err)?;
        body.secretary = Self::person_id(store, &mut people, self.fields[3].text()).map_err(err)?;
        let mut members = Vec::new();
        for line in self.fields[4].text().lines() {
            if let Some(id) = Self::person_id(store, &mut people, line).map_err(err)?
                && !members.contains(&id)
            {
                members.push(id);
            }
        }
        body.members = members;
        store.save_body(&mut body).map_err(err)
    }

    pub fn render(&self, frame: &mut Frame, area: Rect, mode: RenderMode, lang: Lang) {
        let w = area.width.saturating_sub(8).min(90);
        let h = area.height.saturating_sub(4).min(22);
        let r = Rect {
            x: area.x + (area.width - w) / 2,
            y: area.y + 2,
            width: w,
            height: h,
        };
        frame.render_widget(Clear, r);
        let block = Block::bordered();
        let inner = block.inner(r);
        frame.render_widget(block, r);
        right_title(frame.buffer_mut(), r, lang.pick(" کارگروه / body "), mode);
        let label_w = 14;
        let field_w = inner.width.saturating_sub(label_w + 1);
        let mut y = inner.y;
        let mut cursor = None;
        for (i, f) in self.fields.iter().enumerate() {
            if y >= inner.bottom() {
                break;
            }
            let style = if i == self.focus {
                Style::new().add_modifier(Modifier::REVERSED)
            } else {
                Style::new()
            };
            let label = fit(lang.pick(LABELS[i]), label_w, mode);
            let lw = crate::text::width::str_width(&label) as u16;
            frame
                .buffer_mut()
                .set_string(inner.right() - lw, y, label, style);
            let mut ed = f.clone();
            ed.set_geometry(field_w, mode);
            let rows = ed.height().min(inner.bottom() - y);
            ed.draw(
                frame.buffer_mut(),
                Rect {
                    x: inner.x,
                    y,
                    width: field_w,
                    height: rows,
                },
                0,
                Style::new(),
            );
            if i == self.focus {
                let (row, c) = ed.cursor_pos();
                if row < rows {
                    cursor = Some((inner.x + c.min(field_w.saturating_sub(1)), y + row));
                }
            }
            y += rows.max(1) + 1;
        }
        if let Some(c) = cursor {
            frame.set_cursor_position(c);
        }
    }
}
