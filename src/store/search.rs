//! Full-text search over every text of every meeting, through the `search` index:
//! normalised tokens (see [`index::word_tokens`]) keyed `token · 0 · meeting id`.
//!
//! A query word matches every token it is a prefix of («مدیر» finds «مدیران»), the
//! words of a query must all occur in a meeting, and every candidate the index
//! finds is then checked against the meeting's texts, which also gives the hit's
//! place for the snippet. Meetings are visited newest first and the search stops
//! at `limit` hits, so a common word costs no more than a rare one.

use std::collections::HashSet;
use std::ops::Range;

use crate::model::{Id, Meeting};
use crate::text::normalize::{find_all, normalize};

use super::index::Place;
use super::{
    Result, Store, StoreError, T_MEETINGS, T_MEETINGS_BY_DATE, T_SEARCH, codec, index, keys,
};

/// One place a query occurs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchHit {
    pub meeting: Id,
    pub body: Id,
    pub session: u32,
    pub date: chrono::NaiveDate,
    /// The field the hit is in (its section: `place.section()`).
    pub place: Place,
    /// The number of the resolution the hit is in, for hits in resolutions and
    /// follow-ups.
    pub resolution: Option<u32>,
    /// A line of text around the hit, as typed.
    pub snippet: String,
    /// The hit within `snippet`, in bytes.
    pub highlight: Range<usize>,
}

/// What a search found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SearchResult {
    pub hits: Vec<SearchHit>,
    /// Whether the search stopped at the limit with more meetings left to look at.
    pub truncated: bool,
}

/// Why a query cannot run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QueryError {
    /// No word of two characters or more.
    TooShort,
}

impl std::fmt::Display for QueryError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("عبارت جستجو دست‌کم یک کلمهٔ دوحرفی می‌خواهد / the query needs a word of at least two letters")
    }
}

/// The tokens a query needs: for each word, its parts when a ZWNJ or hyphen splits
/// it (so «بهره‌گیری» also finds «بهره گیری»), else the word.
pub fn query_tokens(query: &str) -> std::result::Result<Vec<String>, QueryError> {
    let mut out = Vec::new();
    for w in index::words(query) {
        let parts: Vec<&str> = w
            .split(['\u{200c}', '-'])
            .filter(|p| !p.is_empty())
            .collect();
        for p in parts {
            let t = normalize(p).text;
            if t.chars().count() >= 2 && !out.contains(&t) {
                out.push(t);
            }
        }
    }
    if out.is_empty() {
        Err(QueryError::TooShort)
    } else {
        Ok(out)
    }
}

const SNIPPET_CONTEXT: usize = 30;

/// A line of `text` around `hit`, cut at character boundaries with an ellipsis.
fn snippet(text: &str, hit: Range<usize>) -> (String, Range<usize>) {
    let line_start = text[..hit.start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[hit.end..]
        .find('\n')
        .map_or(text.len(), |i| hit.end + i);
    let before: Vec<(usize, char)> = text[line_start..hit.start].char_indices().collect();
    let start = if before.len() > SNIPPET_CONTEXT {
        line_start + before[before.len() - SNIPPET_CONTEXT].0
    } else {
        line_start
    };
    let end = text[hit.end..line_end]
        .char_indices()
        .nth(SNIPPET_CONTEXT)
        .map_or(line_end, |(i, _)| hit.end + i);
    let mut s = String::new();
    if start > line_start {
        s.push('…');
    }
    let offset = s.len() as isize - start as isize;
    s.push_str(&text[start..end]);
    if end < line_end {
        s.push('…');
    }
    let h = (hit.start as isize + offset) as usize..(hit.end as isize + offset) as usize;
    (s, h)
}

/// The hits of a query in one meeting: each text holding the whole query, or,
/// when none does, each text holding all its words.
fn hits_in(m: &Meeting, query: &str, tokens: &[String]) -> Vec<SearchHit> {
    let texts: Vec<(Place, &str)> = index::texts(m)
        .into_iter()
        .filter(|(_, t)| !t.is_empty())
        .collect();
    let hit_at = |place: &Place, text: &str, hit: Range<usize>| {
        let resolution = match *place {
            Place::Resolution(i) | Place::FollowUp(i) => m.resolutions.get(i).map(|r| r.number),
            _ => None,
        };
        let (snippet, highlight) = snippet(text, hit);
        SearchHit {
            meeting: m.id,
            body: m.body,
            session: m.number,
            date: m.date,
            place: *place,
            resolution,
            snippet,
            highlight,
        }
    };
    let mut out = Vec::new();
    for (place, text) in &texts {
        if let Some(hit) = find_all(text, query).into_iter().next() {
            out.push(hit_at(place, text, hit));
        }
    }
    if out.is_empty() {
        for (place, text) in &texts {
            let first = tokens
                .iter()
                .map(|t| find_all(text, t).into_iter().next())
                .collect::<Option<Vec<_>>>();
            if let Some(hit) = first.and_then(|h| h.into_iter().min_by_key(|r| r.start)) {
                out.push(hit_at(place, text, hit));
            }
        }
    }
    out
}

/// Adds a candidate meeting's hits (`left`: candidates after it); true when
/// the limit is reached and the search is over (`truncated` then set).
pub(super) fn gather(
    result: &mut SearchResult,
    m: &Meeting,
    query: &str,
    tokens: &[String],
    limit: usize,
    left: usize,
) -> bool {
    result.hits.extend(hits_in(m, query, tokens));
    if result.hits.len() < limit {
        return false;
    }
    result.truncated = left > 0 || result.hits.len() > limit;
    result.hits.truncate(limit);
    true
}

/// A handle for searching from another thread: the trees a search reads, shared
/// with the store (sled trees are reference-counted), so the UI can keep typing
/// while a worker searches.
#[derive(Clone)]
pub struct Searcher {
    path: std::path::PathBuf,
    by_date: sled::Tree,
    meetings: sled::Tree,
    search: sled::Tree,
}

impl Store {
    pub fn searcher(&self) -> Searcher {
        Searcher {
            path: self.path.clone(),
            by_date: self.tree(T_MEETINGS_BY_DATE).clone(),
            meetings: self.tree(T_MEETINGS).clone(),
            search: self.tree(T_SEARCH).clone(),
        }
    }

    /// Searches every meeting for `query`; see [`Searcher::search`].
    pub fn search(
        &self,
        query: &str,
        limit: usize,
    ) -> Result<std::result::Result<SearchResult, QueryError>> {
        self.searcher().search(query, limit)
    }
}

impl Searcher {
    fn sled_err(&self, source: sled::Error) -> StoreError {
        StoreError::Sled {
            path: self.path.clone(),
            source,
        }
    }

    /// Meetings holding a token that starts with `prefix`.
    fn meetings_with_prefix(&self, prefix: &str) -> Result<HashSet<Id>> {
        let mut out = HashSet::new();
        for kv in self.search.scan_prefix(prefix.as_bytes()) {
            let (k, v) = kv.map_err(|e| self.sled_err(e))?;
            if let Some(ids) = index::search_block_ids(&k, &v) {
                out.extend(ids);
            }
        }
        Ok(out)
    }

    fn meeting(&self, id: Id) -> Result<Option<Meeting>> {
        let key = keys::id_key(id);
        match self.meetings.get(key).map_err(|e| self.sled_err(e))? {
            Some(bytes) => codec::decode::<Meeting>(&bytes)
                .map(Some)
                .map_err(|reason| super::corrupt::<Meeting>(&key, reason)),
            None => Ok(None),
        }
    }

    /// Searches every meeting for `query`, newest meeting first, stopping after
    /// `limit` hits.
    pub fn search(
        &self,
        query: &str,
        limit: usize,
    ) -> Result<std::result::Result<SearchResult, QueryError>> {
        let tokens = match query_tokens(query) {
            Ok(t) => t,
            Err(e) => return Ok(Err(e)),
        };
        let mut candidates: Option<HashSet<Id>> = None;
        for t in &tokens {
            let found = self.meetings_with_prefix(t)?;
            candidates = Some(match candidates {
                None => found,
                Some(c) => c.intersection(&found).copied().collect(),
            });
            if candidates.as_ref().is_some_and(HashSet::is_empty) {
                break;
            }
        }
        let candidates = candidates.unwrap_or_default();
        let mut result = SearchResult::default();
        let mut left = candidates.len();
        if left == 0 {
            return Ok(Ok(result));
        }
        for kv in self.by_date.iter().rev() {
            let (k, _) = kv.map_err(|e| self.sled_err(e))?;
            let Some(id) = k.get(4..).and_then(keys::id_from_key) else {
                continue;
            };
            if !candidates.contains(&id) {
                continue;
            }
            left -= 1;
            if let Some(m) = self.meeting(id)?
                && gather(&mut result, &m, query, &tokens, limit, left)
            {
                break;
            }
            if left == 0 {
                break;
            }
        }
        Ok(Ok(result))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_tokens_split_and_normalise() {
        assert_eq!(query_tokens("مديران").unwrap(), vec!["مدیران"]);
        assert_eq!(query_tokens("بهره‌گیری").unwrap(), vec!["بهره", "گیری"]);
        assert_eq!(query_tokens("بهره گیری").unwrap(), vec!["بهره", "گیری"]);
        assert_eq!(query_tokens("ب و").unwrap_err(), QueryError::TooShort);
        assert_eq!(query_tokens("  ").unwrap_err(), QueryError::TooShort);
    }

    #[test]
    fn snippet_cuts_around_the_hit() {
        let text = format!("{}مدیران{}", "الف ".repeat(20), " ب".repeat(30));
        let hit = text.find("مدیران").unwrap();
        let (s, h) = snippet(&text, hit..hit + "مدیران".len());
        assert!(s.starts_with('…') && s.ends_with('…'));
        assert_eq!(&s[h], "مدیران");
        let (s, h) = snippet("سطر یک\nمدیران\nسطر سه", 12..24);
        assert_eq!(s, "مدیران");
        assert_eq!(h, 0..12);
    }
}
