//! What the layers above need of a store, whichever it is: the sled folder
//! (one process, the embedded default) or the PostgreSQL archive (several
//! processes at once). Code written against [`Archive`] runs on both; the
//! store tests run one suite against each (tests/archive_suite.rs).

use std::collections::HashMap;

use chrono::NaiveDate;

use super::backup::Backup;
use super::error::{Result, StoreError};
use super::pg::PgArchive;
use super::{OpenSummary, QueryError, ResolutionRef, SearchResult, Store};
use crate::model::{Body, Id, Letter, Meeting, PersonRecord, Unit};
use crate::text::normalize::normalize;

/// An open resolution as the pending list reads it: its current deadline, where
/// it is, and what the list shows of it.
pub type OpenRow = (Option<NaiveDate>, ResolutionRef, OpenSummary);

/// A store of minutes, resolutions, the directory and the letters register.
pub trait Archive {
    /// Where it is: the folder's path or the URL (without its password).
    fn location(&self) -> String;

    fn bodies(&self) -> Result<Vec<Body>>;
    fn body(&self, id: Id) -> Result<Option<Body>>;
    /// Saves a body (a new one when its id is 0).
    fn save_body(&self, body: &mut Body) -> Result<()>;
    fn units(&self) -> Result<Vec<Unit>>;
    fn save_unit(&self, unit: &mut Unit) -> Result<()>;
    fn people(&self) -> Result<Vec<PersonRecord>>;
    fn person(&self, id: Id) -> Result<Option<PersonRecord>>;
    fn save_person(&self, person: &mut PersonRecord) -> Result<()>;

    /// Unit names by id, for showing resolutions.
    fn unit_names(&self) -> Result<HashMap<Id, String>> {
        Ok(self.units()?.into_iter().map(|u| (u.id, u.name)).collect())
    }
    /// The body of that name, spelling normalised (ي/ی, ك/ک, ZWNJ, digits).
    fn body_by_name(&self, name: &str) -> Result<Option<Body>> {
        let key = normalize(name).text;
        Ok(self
            .bodies()?
            .into_iter()
            .find(|b| normalize(&b.name).text == key))
    }

    fn meeting(&self, id: Id) -> Result<Option<Meeting>>;
    /// A body's meetings by session number.
    fn meeting_ids_of_body(&self, body: Id) -> Result<Vec<Id>>;
    /// The session number the next meeting of `body` should get: last + 1.
    fn next_session_number(&self, body: Id) -> Result<u32>;
    /// Saves a meeting (a new one when its id is 0; the next session number of
    /// its body when its number is 0). On a shared archive the save fails with
    /// [`StoreError::Conflict`] when another user saved the meeting since this
    /// process read it, and with [`StoreError::Leased`] while another edits it.
    fn save_meeting(&self, meeting: &mut Meeting) -> Result<()>;
    /// Reads a meeting, applies `change` and saves it, as one step that no
    /// other user's change can come between (a follow-up, a status).
    fn update_meeting(
        &self,
        id: Id,
        action: &str,
        change: &mut dyn FnMut(&mut Meeting) -> Result<()>,
    ) -> Result<Meeting>;
    /// Takes or renews the right to edit a meeting; released by
    /// [`Archive::release`] or, on a shared archive, when not renewed in
    /// time.
    fn lease(&self, id: Id) -> Result<()>;
    fn release(&self, id: Id) -> Result<()>;

    fn letters(&self) -> Result<Vec<Letter>>;
    fn letter(&self, id: Id) -> Result<Option<Letter>>;
    /// Records letters in one transaction (new ones get ids).
    fn save_letters(&self, letters: &mut [Letter]) -> Result<()>;

    /// Every open resolution by current deadline (none last), then meeting and
    /// key.
    fn open_rows(&self) -> Result<Vec<OpenRow>>;
    /// Every record, as `dabir backup` writes it.
    fn backup(&self) -> Result<Backup>;
    /// Searches every text of every meeting (spelling normalised; a query
    /// word matches the words it begins), newest meeting first, up to `limit`
    /// hits; a query with no word of two letters is refused.
    fn search(
        &self,
        query: &str,
        limit: usize,
    ) -> Result<Result<SearchResult, QueryError>, StoreError>;
}

impl Archive for Store {
    fn location(&self) -> String {
        self.path().display().to_string()
    }
    fn bodies(&self) -> Result<Vec<Body>> {
        Store::bodies(self)
    }
    fn body(&self, id: Id) -> Result<Option<Body>> {
        Store::body(self, id)
    }
    fn save_body(&self, body: &mut Body) -> Result<()> {
        Store::save_body(self, body)
    }
    fn units(&self) -> Result<Vec<Unit>> {
        Store::units(self)
    }
    fn save_unit(&self, unit: &mut Unit) -> Result<()> {
        Store::save_unit(self, unit)
    }
    fn people(&self) -> Result<Vec<PersonRecord>> {
        Store::people(self)
    }
    fn person(&self, id: Id) -> Result<Option<PersonRecord>> {
        Store::person(self, id)
    }
    fn save_person(&self, person: &mut PersonRecord) -> Result<()> {
        Store::save_person(self, person)
    }
    fn meeting_ids_of_body(&self, body: Id) -> Result<Vec<Id>> {
        Store::meeting_ids_of_body(self, body)
    }
    fn next_session_number(&self, body: Id) -> Result<u32> {
        Store::next_session_number(self, body)
    }
    fn meeting(&self, id: Id) -> Result<Option<Meeting>> {
        Store::meeting(self, id)
    }
    fn save_meeting(&self, meeting: &mut Meeting) -> Result<()> {
        Store::save_meeting(self, meeting)
    }
    fn update_meeting(
        &self,
        id: Id,
        _action: &str,
        change: &mut dyn FnMut(&mut Meeting) -> Result<()>,
    ) -> Result<Meeting> {
        // One process writes a folder (its lock file), so nothing can come
        // between the read and the save.
        let mut m = Store::meeting(self, id)?.ok_or(StoreError::NotFound {
            kind: "meeting",
            id,
        })?;
        change(&mut m)?;
        m.id = id;
        Store::save_meeting(self, &mut m)?;
        Ok(m)
    }
    /// A folder is open in one process only (its lock file): that process
    /// holds every lease.
    fn lease(&self, _id: Id) -> Result<()> {
        Ok(())
    }
    fn release(&self, _id: Id) -> Result<()> {
        Ok(())
    }
    fn letters(&self) -> Result<Vec<Letter>> {
        Store::letters(self)
    }
    fn letter(&self, id: Id) -> Result<Option<Letter>> {
        Store::letter(self, id)
    }
    fn save_letters(&self, letters: &mut [Letter]) -> Result<()> {
        Store::save_letters(self, letters)
    }
    fn open_rows(&self) -> Result<Vec<OpenRow>> {
        self.open_summaries(None, usize::MAX)
    }
    fn backup(&self) -> Result<Backup> {
        Store::backup(self)
    }
    fn search(
        &self,
        query: &str,
        limit: usize,
    ) -> Result<Result<SearchResult, QueryError>, StoreError> {
        Store::search(self, query, limit)
    }
}

impl Archive for PgArchive {
    fn location(&self) -> String {
        self.url().to_owned()
    }
    fn bodies(&self) -> Result<Vec<Body>> {
        PgArchive::bodies(self)
    }
    fn body(&self, id: Id) -> Result<Option<Body>> {
        PgArchive::body(self, id)
    }
    fn save_body(&self, body: &mut Body) -> Result<()> {
        PgArchive::save_body(self, body)
    }
    fn units(&self) -> Result<Vec<Unit>> {
        PgArchive::units(self)
    }
    fn save_unit(&self, unit: &mut Unit) -> Result<()> {
        PgArchive::save_unit(self, unit)
    }
    fn people(&self) -> Result<Vec<PersonRecord>> {
        PgArchive::people(self)
    }
    fn person(&self, id: Id) -> Result<Option<PersonRecord>> {
        PgArchive::person(self, id)
    }
    fn save_person(&self, person: &mut PersonRecord) -> Result<()> {
        PgArchive::save_person(self, person)
    }
    fn meeting_ids_of_body(&self, body: Id) -> Result<Vec<Id>> {
        PgArchive::meeting_ids_of_body(self, body)
    }
    fn next_session_number(&self, body: Id) -> Result<u32> {
        PgArchive::next_session_number(self, body)
    }
    fn meeting(&self, id: Id) -> Result<Option<Meeting>> {
        PgArchive::meeting(self, id)
    }
    fn save_meeting(&self, meeting: &mut Meeting) -> Result<()> {
        PgArchive::save_meeting(self, meeting)
    }
    fn update_meeting(
        &self,
        id: Id,
        action: &str,
        change: &mut dyn FnMut(&mut Meeting) -> Result<()>,
    ) -> Result<Meeting> {
        PgArchive::update_meeting(self, id, action, change)
    }
    fn lease(&self, id: Id) -> Result<()> {
        PgArchive::lease(self, id)
    }
    fn release(&self, id: Id) -> Result<()> {
        PgArchive::release(self, id)
    }
    fn letters(&self) -> Result<Vec<Letter>> {
        PgArchive::letters(self)
    }
    fn letter(&self, id: Id) -> Result<Option<Letter>> {
        PgArchive::letter(self, id)
    }
    fn save_letters(&self, letters: &mut [Letter]) -> Result<()> {
        PgArchive::save_letters(self, letters)
    }
    fn open_rows(&self) -> Result<Vec<OpenRow>> {
        self.open_summaries()
    }
    fn backup(&self) -> Result<Backup> {
        PgArchive::backup(self)
    }
    fn search(
        &self,
        query: &str,
        limit: usize,
    ) -> Result<Result<SearchResult, QueryError>, StoreError> {
        PgArchive::search(self, query, limit)
    }
}
