//! Domain operations the UI and the CLI share, above the store: what a secretary
//! does that touches several records at once.

use std::collections::HashMap;

use chrono::NaiveDate;

use crate::model::{Body, BodyKind, Id, Meeting, MeetingState, Person, PersonRecord, Unit};
use crate::store::{Archive, Result};
use crate::text::normalize::normalize;

/// What the meetings list and `dabir meetings` show of a meeting.
#[derive(Debug, Clone, PartialEq)]
pub struct MeetingSummary {
    pub id: Id,
    pub body: String,
    pub number: u32,
    pub date: NaiveDate,
    pub state: MeetingState,
    /// Open resolutions.
    pub open: usize,
}

impl MeetingSummary {
    fn of(m: &Meeting, bodies: &HashMap<Id, String>) -> MeetingSummary {
        MeetingSummary {
            id: m.id,
            body: bodies.get(&m.body).cloned().unwrap_or_default(),
            number: m.number,
            date: m.date,
            state: m.state,
            open: m.open_resolutions(),
        }
    }
}

/// Every meeting, newest first.
pub fn meeting_summaries(store: &dyn Archive) -> Result<Vec<MeetingSummary>> {
    let bodies = store.body_names()?;
    Ok(store
        .meeting_heads()?
        .into_iter()
        .map(|h| MeetingSummary {
            id: h.id,
            body: bodies.get(&h.body).cloned().unwrap_or_default(),
            number: h.number,
            date: h.date,
            state: h.state,
            open: h.open,
        })
        .collect())
}

/// One meeting's summary, after it changed (None if it is gone).
pub fn meeting_summary(store: &dyn Archive, id: Id) -> Result<Option<MeetingSummary>> {
    let Some(m) = store.meeting(id)? else {
        return Ok(None);
    };
    // Only this meeting's body is read, not the whole directory.
    let bodies: HashMap<Id, String> = store
        .body(m.body)?
        .map(|b| (b.id, b.name))
        .into_iter()
        .collect();
    Ok(Some(MeetingSummary::of(&m, &bodies)))
}

/// The body of that name (spelling normalised: ي/ی, ZWNJ…), or a new one.
pub fn find_or_create_body(store: &dyn Archive, name: &str) -> Result<Body> {
    if let Some(b) = store.body_by_name(name)? {
        return Ok(b);
    }
    let mut b = Body {
        id: 0,
        kind: BodyKind::from_name(name),
        name: name.to_owned(),
        members: Vec::new(),
        chair: None,
        secretary: None,
        place: String::new(),
    };
    store.save_body(&mut b)?;
    Ok(b)
}

/// A new unit of that name, saved (the directory's «new unit», a name typed in
/// a resolution's units field that the directory does not know yet).
pub fn create_unit(store: &dyn Archive, name: &str) -> Result<Unit> {
    let mut u = Unit {
        id: 0,
        ..Unit::named(name)
    };
    store.save_unit(&mut u)?;
    Ok(u)
}

/// Deletes a unit no resolution names; a unit in use stays (false). Nothing
/// referenced is ever orphaned: the store checks its unit index.
pub fn delete_unit_if_unused(store: &dyn Archive, id: Id) -> Result<bool> {
    store.delete_unused_unit(id)
}

/// A body's first meeting teaches it its defaults: members (the attendees),
/// chair, secretary and place, so the next meeting starts prefilled.
pub fn learn_body_defaults(store: &dyn Archive, m: &Meeting) -> Result<()> {
    let Some(mut body) = store.body(m.body)? else {
        return Ok(());
    };
    if !body.members.is_empty() || m.attendees.is_empty() {
        return Ok(());
    }
    let mut ids = Vec::new();
    for a in m
        .attendees
        .iter()
        .filter(|a| !a.person.name.trim().is_empty())
    {
        let mut p = PersonRecord {
            id: 0,
            person: a.person.clone(),
        };
        store.save_person(&mut p)?;
        ids.push((p.id, a.person.name.clone()));
    }
    // The chair and secretary are usually among the attendees; if not, they get
    // records of their own.
    let find_or_add = |who: &Option<Person>| -> Result<Option<u64>> {
        let Some(w) = who.as_ref().filter(|w| !w.name.trim().is_empty()) else {
            return Ok(None);
        };
        let key = normalize(&w.name).text;
        if let Some((id, _)) = ids.iter().find(|(_, n)| normalize(n).text == key) {
            return Ok(Some(*id));
        }
        let mut p = PersonRecord {
            id: 0,
            person: w.clone(),
        };
        store.save_person(&mut p)?;
        Ok(Some(p.id))
    };
    body.chair = find_or_add(&m.chair)?;
    body.secretary = find_or_add(&m.secretary)?;
    body.members = ids.iter().map(|(id, _)| *id).collect();
    if body.place.is_empty() {
        body.place = m.place.clone();
    }
    store.save_body(&mut body)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Meeting;
    use crate::store::Store;

    #[test]
    fn a_unit_is_deleted_only_while_no_resolution_names_it() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("db")).unwrap();
        let used = create_unit(&store, "اداره برنامه‌ریزی و بودجه").unwrap();
        let spare = create_unit(&store, "دفتر فناوری اطلاعات").unwrap();
        let body = find_or_create_body(&store, "کارگروه تحول اداری").unwrap();
        let date = NaiveDate::from_ymd_opt(2024, 11, 5).unwrap();
        let mut m = Meeting::new(0, body.id, 0, date, chrono::Utc::now());
        m.add_resolution("فهرست خدمات تهیه شود.".to_string())
            .unwrap()
            .responsible
            .push(used.id);
        store.save_meeting(&mut m).unwrap();
        assert!(!delete_unit_if_unused(&store, used.id).unwrap());
        assert!(delete_unit_if_unused(&store, spare.id).unwrap());
        let names: Vec<String> = store.units().unwrap().into_iter().map(|u| u.name).collect();
        assert_eq!(names, vec!["اداره برنامه‌ریزی و بودجه".to_string()]);
    }
}
