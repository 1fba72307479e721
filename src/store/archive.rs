//! What the layers above need of a store, whichever it is: the sled folder
//! (one process, the embedded default) or the PostgreSQL archive (several
//! processes at once). Code written against [`Archive`] runs on both; the
//! store tests run one suite against each (tests/archive_suite.rs).

use std::collections::HashMap;

use chrono::NaiveDate;

use super::backup::Backup;
use super::error::{Result, StoreError};
use super::pg::PgArchive;
use super::{NewRecords, OpenSummary, QueryError, ResolutionRef, SearchResult, Store};
use crate::model::{Body, Id, Letter, Meeting, MeetingState, PersonRecord, Unit};
use crate::text::normalize::normalize;

/// An open resolution as the pending list reads it: its current deadline, where
/// it is, and what the list shows of it.
pub type OpenRow = (Option<NaiveDate>, ResolutionRef, OpenSummary);

/// A meeting as the meetings list needs it.
#[derive(Debug, Clone, PartialEq)]
pub struct MeetingHead {
    pub id: Id,
    pub body: Id,
    pub number: u32,
    pub date: NaiveDate,
    pub state: MeetingState,
    /// Open resolutions.
    pub open: usize,
}

impl MeetingHead {
    pub fn of(m: &Meeting) -> MeetingHead {
        MeetingHead {
            id: m.id,
            body: m.body,
            number: m.number,
            date: m.date,
            state: m.state,
            open: m.open_resolutions(),
        }
    }
}

/// A search that runs on a thread of its own (the UI's search worker), with
/// its own handle on the store.
pub trait SearchWorker: Send {
    fn search(
        &self,
        query: &str,
        limit: usize,
    ) -> Result<Result<SearchResult, QueryError>, StoreError>;
}

impl SearchWorker for super::Searcher {
    fn search(
        &self,
        query: &str,
        limit: usize,
    ) -> Result<Result<SearchResult, QueryError>, StoreError> {
        super::Searcher::search(self, query, limit)
    }
}

impl SearchWorker for PgArchive {
    fn search(
        &self,
        query: &str,
        limit: usize,
    ) -> Result<Result<SearchResult, QueryError>, StoreError> {
        PgArchive::search(self, query, limit)
    }
}

/// A store of minutes, resolutions, the directory and the letters register.
pub trait Archive {
    /// The folder's store, for what only a folder does so far (the trash,
    /// merging directory records, salvage); None on a shared archive.
    fn folder(&self) -> Option<&Store>;
    /// What opening it had to say (a migration's note).
    fn warnings(&self) -> &[String] {
        &[]
    }
    /// Makes every save so far durable (a folder's flush; each save on the
    /// archive is already committed).
    fn flush(&self) -> Result<()> {
        Ok(())
    }
    fn is_empty(&self) -> Result<bool>;
    /// Where it is: the folder's path or the URL (without its password).
    fn location(&self) -> String;

    fn bodies(&self) -> Result<Vec<Body>>;
    fn body(&self, id: Id) -> Result<Option<Body>>;
    /// Saves a body (a new one when its id is 0).
    fn save_body(&self, body: &mut Body) -> Result<()>;
    fn units(&self) -> Result<Vec<Unit>>;
    fn unit(&self, id: Id) -> Result<Option<Unit>>;
    /// Deletes a unit that no resolution names (a folder also keeps those its
    /// trash names); returns whether it was deleted.
    fn delete_unused_unit(&self, id: Id) -> Result<bool>;
    /// How many resolutions name a unit (follow-up unit or executor).
    fn resolutions_naming_unit(&self, id: Id) -> Result<usize>;
    fn save_unit(&self, unit: &mut Unit) -> Result<()>;
    fn people(&self) -> Result<Vec<PersonRecord>>;
    fn person(&self, id: Id) -> Result<Option<PersonRecord>>;
    fn save_person(&self, person: &mut PersonRecord) -> Result<()>;

    /// Unit names by id, for showing resolutions.
    fn unit_names(&self) -> Result<HashMap<Id, String>> {
        Ok(self.units()?.into_iter().map(|u| (u.id, u.name)).collect())
    }
    /// Body names by id, for lists.
    fn body_names(&self) -> Result<HashMap<Id, String>> {
        Ok(self.bodies()?.into_iter().map(|b| (b.id, b.name)).collect())
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
    /// Every meeting, newest first (date, then id), read a few at a time.
    fn meetings_newest_first(&self) -> Box<dyn Iterator<Item = Result<Meeting>> + '_>;
    /// Every meeting as the meetings list shows it, newest first.
    fn meeting_heads(&self) -> Result<Vec<MeetingHead>>;
    /// A body's meetings by session number.
    fn meeting_ids_of_body(&self, body: Id) -> Result<Vec<Id>>;
    /// The session number the next meeting of `body` should get: last + 1.
    fn next_session_number(&self, body: Id) -> Result<u32>;
    /// Saves a meeting (a new one when its id is 0; the next session number of
    /// its body when its number is 0). On a shared archive the save fails with
    /// [`StoreError::Conflict`] when another user saved the meeting since this
    /// process read it, and with [`StoreError::Leased`] while another edits it.
    fn save_meeting(&self, meeting: &mut Meeting) -> Result<()>;
    /// Saves several meetings in one transaction: all of them or none (a
    /// follow-up recorded on resolutions of several meetings).
    fn save_meetings(&self, meetings: &mut [Meeting]) -> Result<()>;
    /// [`Archive::save_meetings`] for follow-ups recorded on resolutions of
    /// several meetings (a shared archive audits them as `follow-up`).
    fn save_follow_ups(&self, meetings: &mut [Meeting]) -> Result<()> {
        self.save_meetings(meetings)
    }
    /// Takes the next id for a record written later (an import's meeting,
    /// body and units, saved together by [`Archive::save_meeting_with`]).
    fn reserve_id(&self) -> Result<Id>;
    /// Saves a new meeting with the new body and units it refers to, in one
    /// transaction: all of them or none.
    fn save_meeting_with(&self, meeting: &mut Meeting, new: &NewRecords) -> Result<()>;
    /// The id of `body`'s meeting with session number `session`, if any.
    fn meeting_of_session(&self, body: Id, session: u32) -> Result<Option<Id>>;
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
    /// Keeps a meeting's text that a conflict kept from being saved, beside
    /// the archive's (a folder, with one writer, never has one).
    fn keep(&self, meeting: &Meeting) -> Result<()>;

    fn letters(&self) -> Result<Vec<Letter>>;
    fn letter(&self, id: Id) -> Result<Option<Letter>>;
    /// Records letters in one transaction (new ones get ids).
    fn save_letters(&self, letters: &mut [Letter]) -> Result<()>;

    /// Every saved change of a meeting, oldest first (a shared archive's
    /// audit); a folder, used by one secretary, keeps none.
    fn saves(&self, _meeting: Id) -> Result<Vec<super::pg::Change>> {
        Ok(Vec::new())
    }
    /// Moves a draft meeting to the trash (final minutes: reopen first).
    fn trash_meeting(&self, id: Id, at: chrono::DateTime<chrono::Utc>) -> Result<Meeting>;
    fn restore_meeting(&self, id: Id) -> Result<Meeting>;
    /// Moves a body without meetings to the trash.
    fn trash_body(&self, id: Id, at: chrono::DateTime<chrono::Utc>) -> Result<Body>;
    fn restore_body(&self, id: Id) -> Result<Body>;
    /// Deletes a meeting or body from the trash for good; whether it was there.
    fn purge(&self, id: Id) -> Result<bool>;
    fn trashed_meetings(&self) -> Result<Vec<super::Trashed<Meeting>>>;
    fn trashed_bodies(&self) -> Result<Vec<super::Trashed<Body>>>;
    /// Merges directory records spelled two ways: every link to `from` goes
    /// to `into` and `from` is deleted; returns the records changed.
    fn merge_units(&self, from: Id, into: Id) -> Result<usize>;
    fn merge_people(&self, from: Id, into: Id) -> Result<usize>;
    fn merge_bodies(&self, from: Id, into: Id) -> Result<usize>;
    /// What the dashboard's figures need of every resolution.
    fn resolution_facts(&self) -> Result<Vec<crate::model::stats::Facts>> {
        let mut facts = Vec::new();
        for m in self.meetings_newest_first() {
            facts.extend(crate::model::stats::Facts::of(&m?));
        }
        Ok(facts)
    }
    /// Every open resolution by current deadline (none last), then meeting and
    /// key.
    fn open_rows(&self) -> Result<Vec<OpenRow>>;
    /// The next `limit` open rows in that order after `after` (from the start
    /// when None), for loading a long list in chunks.
    fn open_rows_after(
        &self,
        after: Option<(Option<NaiveDate>, ResolutionRef)>,
        limit: usize,
    ) -> Result<Vec<OpenRow>>;
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
    /// A handle to search from another thread.
    fn search_worker(&self) -> Result<Box<dyn SearchWorker>>;
    /// Changes other users save, as they happen («meeting 1234»; empty:
    /// anything may have changed): None where nobody else saves (a folder).
    fn changes(&self) -> Result<Option<std::sync::mpsc::Receiver<String>>> {
        Ok(None)
    }
}

/// The methods both backends answer from their own method of the same name.
macro_rules! delegate {
    ($t:ty) => {
        fn bodies(&self) -> Result<Vec<Body>> {
            <$t>::bodies(self)
        }
        fn body(&self, id: Id) -> Result<Option<Body>> {
            <$t>::body(self, id)
        }
        fn save_body(&self, body: &mut Body) -> Result<()> {
            <$t>::save_body(self, body)
        }
        fn units(&self) -> Result<Vec<Unit>> {
            <$t>::units(self)
        }
        fn unit(&self, id: Id) -> Result<Option<Unit>> {
            <$t>::unit(self, id)
        }
        fn save_unit(&self, unit: &mut Unit) -> Result<()> {
            <$t>::save_unit(self, unit)
        }
        fn delete_unused_unit(&self, id: Id) -> Result<bool> {
            <$t>::delete_unused_unit(self, id)
        }
        fn people(&self) -> Result<Vec<PersonRecord>> {
            <$t>::people(self)
        }
        fn person(&self, id: Id) -> Result<Option<PersonRecord>> {
            <$t>::person(self, id)
        }
        fn save_person(&self, person: &mut PersonRecord) -> Result<()> {
            <$t>::save_person(self, person)
        }
        fn meeting_ids_of_body(&self, body: Id) -> Result<Vec<Id>> {
            <$t>::meeting_ids_of_body(self, body)
        }
        fn next_session_number(&self, body: Id) -> Result<u32> {
            <$t>::next_session_number(self, body)
        }
        fn meeting(&self, id: Id) -> Result<Option<Meeting>> {
            <$t>::meeting(self, id)
        }
        fn save_meeting(&self, meeting: &mut Meeting) -> Result<()> {
            <$t>::save_meeting(self, meeting)
        }
        fn save_meetings(&self, meetings: &mut [Meeting]) -> Result<()> {
            <$t>::save_meetings(self, meetings)
        }
        fn reserve_id(&self) -> Result<Id> {
            <$t>::reserve_id(self)
        }
        fn save_meeting_with(&self, meeting: &mut Meeting, new: &NewRecords) -> Result<()> {
            <$t>::save_meeting_with(self, meeting, new)
        }
        fn meeting_of_session(&self, body: Id, session: u32) -> Result<Option<Id>> {
            <$t>::meeting_of_session(self, body, session)
        }
        fn trash_meeting(&self, id: Id, at: chrono::DateTime<chrono::Utc>) -> Result<Meeting> {
            <$t>::trash_meeting(self, id, at)
        }
        fn restore_meeting(&self, id: Id) -> Result<Meeting> {
            <$t>::restore_meeting(self, id)
        }
        fn trash_body(&self, id: Id, at: chrono::DateTime<chrono::Utc>) -> Result<Body> {
            <$t>::trash_body(self, id, at)
        }
        fn restore_body(&self, id: Id) -> Result<Body> {
            <$t>::restore_body(self, id)
        }
        fn purge(&self, id: Id) -> Result<bool> {
            <$t>::purge(self, id)
        }
        fn merge_units(&self, from: Id, into: Id) -> Result<usize> {
            <$t>::merge_units(self, from, into)
        }
        fn merge_people(&self, from: Id, into: Id) -> Result<usize> {
            <$t>::merge_people(self, from, into)
        }
        fn merge_bodies(&self, from: Id, into: Id) -> Result<usize> {
            <$t>::merge_bodies(self, from, into)
        }
        fn trashed_meetings(&self) -> Result<Vec<super::Trashed<Meeting>>> {
            <$t>::trashed_meetings(self)
        }
        fn trashed_bodies(&self) -> Result<Vec<super::Trashed<Body>>> {
            <$t>::trashed_bodies(self)
        }
        fn letters(&self) -> Result<Vec<Letter>> {
            <$t>::letters(self)
        }
        fn letter(&self, id: Id) -> Result<Option<Letter>> {
            <$t>::letter(self, id)
        }
        fn save_letters(&self, letters: &mut [Letter]) -> Result<()> {
            <$t>::save_letters(self, letters)
        }
        fn backup(&self) -> Result<Backup> {
            <$t>::backup(self)
        }
    };
}

impl Archive for Store {
    delegate!(Store);
    fn folder(&self) -> Option<&Store> {
        Some(self)
    }
    fn warnings(&self) -> &[String] {
        Store::warnings(self)
    }
    fn flush(&self) -> Result<()> {
        Store::flush(self)
    }
    fn is_empty(&self) -> Result<bool> {
        Ok(Store::is_empty(self))
    }
    fn resolutions_naming_unit(&self, id: Id) -> Result<usize> {
        Ok(self.resolutions_of_unit(id)?.len())
    }
    fn meetings_newest_first(&self) -> Box<dyn Iterator<Item = Result<Meeting>> + '_> {
        Box::new(Store::meetings_newest_first(self))
    }
    fn meeting_heads(&self) -> Result<Vec<MeetingHead>> {
        Store::meetings_newest_first(self)
            .map(|m| Ok(MeetingHead::of(&m?)))
            .collect()
    }
    fn open_rows_after(
        &self,
        after: Option<(Option<NaiveDate>, ResolutionRef)>,
        limit: usize,
    ) -> Result<Vec<OpenRow>> {
        self.open_summaries_after(after, limit)
    }
    fn search_worker(&self) -> Result<Box<dyn SearchWorker>> {
        Ok(Box::new(self.searcher()))
    }
    fn location(&self) -> String {
        self.path().display().to_string()
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
    fn keep(&self, meeting: &Meeting) -> Result<()> {
        Err(StoreError::Invalid(format!(
            "a database folder has one writer and no conflicts to keep (meeting {})",
            meeting.id
        )))
    }
    fn open_rows(&self) -> Result<Vec<OpenRow>> {
        self.open_summaries(None, usize::MAX)
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
    delegate!(PgArchive);
    fn folder(&self) -> Option<&Store> {
        None
    }
    fn is_empty(&self) -> Result<bool> {
        PgArchive::is_empty(self)
    }
    fn resolutions_naming_unit(&self, id: Id) -> Result<usize> {
        PgArchive::resolutions_naming_unit(self, id)
    }
    fn meetings_newest_first(&self) -> Box<dyn Iterator<Item = Result<Meeting>> + '_> {
        PgArchive::meetings_newest_first(self)
    }
    fn meeting_heads(&self) -> Result<Vec<MeetingHead>> {
        PgArchive::meeting_heads(self)
    }
    fn open_rows_after(
        &self,
        after: Option<(Option<NaiveDate>, ResolutionRef)>,
        limit: usize,
    ) -> Result<Vec<OpenRow>> {
        self.open_summaries_after(after, limit)
    }
    fn search_worker(&self) -> Result<Box<dyn SearchWorker>> {
        Ok(Box::new(self.reconnect()?))
    }
    fn changes(&self) -> Result<Option<std::sync::mpsc::Receiver<String>>> {
        self.listen().map(Some)
    }
    fn resolution_facts(&self) -> Result<Vec<crate::model::stats::Facts>> {
        PgArchive::resolution_facts(self)
    }
    /// From the name columns, without reading the records.
    fn unit_names(&self) -> Result<HashMap<Id, String>> {
        self.names("units")
    }
    fn body_names(&self) -> Result<HashMap<Id, String>> {
        self.names("bodies")
    }
    fn save_follow_ups(&self, meetings: &mut [Meeting]) -> Result<()> {
        self.save_meetings_as(meetings, "follow-up")
    }
    fn saves(&self, meeting: Id) -> Result<Vec<super::pg::Change>> {
        self.history(meeting)
    }
    fn location(&self) -> String {
        self.url().to_owned()
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
    fn keep(&self, meeting: &Meeting) -> Result<()> {
        PgArchive::keep(self, meeting).map(|_| ())
    }
    fn open_rows(&self) -> Result<Vec<OpenRow>> {
        self.open_summaries()
    }
    fn search(
        &self,
        query: &str,
        limit: usize,
    ) -> Result<Result<SearchResult, QueryError>, StoreError> {
        PgArchive::search(self, query, limit)
    }
}
