//! Editing a directory record in a form: a body's defaults (name, place, chair,
//! secretary and members, one per line, «نام، سمت»: what a new meeting of the
//! body starts with), or a unit's name and whom letters to it are addressed to.

use ratatui::Frame;
use ratatui::layout::Rect;

use super::fields::split_person;
use crate::lang::Lang;
use crate::model::{Body, BodyKind, Id, Person, PersonRecord, Unit};
use crate::store::Archive;
use crate::text::RenderMode;
use crate::text::normalize::normalize;
use crate::ui::msg::Msg;
use crate::ui::widgets::editor::TextField;
use crate::ui::widgets::form::Form;

const LABELS: [&str; 5] = [
    "نام / Name",
    "مکان / Place",
    "رئیس / Chair",
    "دبیر / Secretary",
    "اعضا / Members",
];

const UNIT_LABELS: [&str; 3] = [
    "نام / Name",
    "گیرنده نامه / Addressee",
    "عنوان گیرنده / Title",
];

/// What the form edits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Record {
    Body,
    Unit,
}

pub struct BodyForm {
    pub record: Record,
    pub id: Id,
    pub fields: Vec<TextField>,
    pub focus: usize,
}

impl BodyForm {
    pub fn open(store: &dyn Archive, body: &Body) -> crate::store::Result<BodyForm> {
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
            record: Record::Body,
            id: body.id,
            fields: vec![
                TextField::new(&body.name, false),
                TextField::new(&body.place, false),
                TextField::new(&person(body.chair)?, false),
                TextField::new(&person(body.secretary)?, false),
                TextField::new(&members.join("\n"), true),
            ],
            focus: 0,
        })
    }

    /// A unit: its name, and the addressee and title its letters open with
    /// («جناب آقای مهندس احمدی»، «مدیرکل محترم راه و شهرسازی»).
    pub fn unit(unit: &Unit) -> BodyForm {
        BodyForm {
            record: Record::Unit,
            id: unit.id,
            fields: vec![
                TextField::new(&unit.name, false),
                TextField::new(&unit.addressee, false),
                TextField::new(&unit.title, false),
            ],
            focus: 0,
        }
    }

    fn save_unit(&self, store: &dyn Archive) -> Result<(), Msg> {
        let name = self.fields[0].text().trim();
        if name.is_empty() {
            return Err(Msg::fail("نام خالی است", "the name is empty"));
        }
        let mut unit = store
            .unit(self.id)
            .map_err(Msg::error)?
            .ok_or_else(|| Msg::fail("واحد پیدا نشد", "unit not found"))?;
        unit.name = name.to_owned();
        unit.addressee = self.fields[1].text().trim().to_owned();
        unit.title = self.fields[2].text().trim().to_owned();
        store.save_unit(&mut unit).map_err(Msg::error)
    }

    pub fn field_mut(&mut self) -> &mut TextField {
        &mut self.fields[self.focus]
    }

    /// A person record for «نام، سمت»: the existing one with that name
    /// (normalised), its post updated, or a new one.
    fn person_id(
        store: &dyn Archive,
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
                store.save_person(existing)?;
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
        store.save_person(&mut r)?;
        let id = r.id;
        people.push(r);
        Ok(Some(id))
    }

    pub fn save(&self, store: &dyn Archive) -> Result<(), Msg> {
        if self.record == Record::Unit {
            return self.save_unit(store);
        }
        let err = Msg::error;
        let name = self.fields[0].text().trim();
        if name.is_empty() {
            return Err(Msg::fail(
                "نام کارگروه خالی است",
                "the body's name is empty",
            ));
        }
        let mut body = store
            .body(self.id)
            .map_err(err)?
            .ok_or_else(|| Msg::fail("کارگروه پیدا نشد", "body not found"))?;
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

    const FORM: Form = Form {
        label_w: 14,
        max_rows: u16::MAX,
    };

    /// Where the form sits over the screen's area.
    fn rect(area: Rect) -> Rect {
        let w = area.width.saturating_sub(8).min(90);
        let h = area.height.saturating_sub(4).min(22);
        Rect {
            x: area.x + (area.width - w) / 2,
            y: area.y + 2,
            width: w,
            height: h,
        }
    }

    /// Lays the fields out for the terminal's size (on opening and on resize).
    pub fn set_geometry(&mut self, area: Rect, mode: RenderMode) {
        Self::FORM.set_geometry(Self::rect(area), &mut self.fields, mode);
    }

    pub fn render(&self, frame: &mut Frame, area: Rect, mode: RenderMode, lang: Lang) {
        let r = Self::rect(area);
        let (title, labels): (_, &[&str]) = match self.record {
            Record::Body => (" کارگروه / body ", &LABELS),
            Record::Unit => (" واحد / unit ", &UNIT_LABELS),
        };
        let inner = Form::frame(frame.buffer_mut(), r, lang.pick(title), mode);
        let rows = Form::labelled(labels, &self.fields, lang);
        let (cursor, _) = Self::FORM.draw(frame.buffer_mut(), inner, &rows, self.focus, mode);
        if let Some(c) = cursor {
            frame.set_cursor_position(c);
        }
    }
}
