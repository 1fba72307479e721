//! Search on the archive, with the folder's own rules: each meeting's words
//! are normalised by dabir (the folder index's tokens: ي/ی, ك/ک, ZWNJ,
//! digits) and kept in `search_words`; a query word matches every word it is a
//! prefix of, every word of a query must occur in a meeting, and the hits are
//! found in the candidates' texts by the folder's own code, newest meeting
//! first, up to `limit`. The same query gives the same hits on both backends
//! (tests/archive_suite.rs).

use postgres::GenericClient;
use postgres::types::ToSql;

use super::{PgArchive, id};
use crate::model::Meeting;
use crate::store::error::Result;
use crate::store::search::{QueryError, SearchResult, gather, query_tokens};

/// Meetings read at a time while hits are gathered.
const BATCH: usize = 32;

impl PgArchive {
    /// Searches every meeting for `query`, newest meeting first, stopping after
    /// `limit` hits (as the folder's `Store::search`).
    pub fn search(
        &self,
        query: &str,
        limit: usize,
    ) -> Result<std::result::Result<SearchResult, QueryError>> {
        let tokens = match query_tokens(query) {
            Ok(t) => t,
            Err(e) => return Ok(Err(e)),
        };
        let patterns: Vec<String> = tokens
            .iter()
            .map(|t| format!("{}%", like_escape(t)))
            .collect();
        // One set of meetings per query word, intersected; the statement is
        // built from the number of words, every word goes as a parameter.
        let sets: Vec<String> = (1..=patterns.len())
            .map(|i| format!("SELECT meeting FROM search_words WHERE word LIKE ${i}"))
            .collect();
        let sql = format!(
            "SELECT id FROM meetings WHERE id IN ({}) ORDER BY date DESC, id DESC",
            sets.join(" INTERSECT ")
        );
        let params: Vec<&(dyn ToSql + Sync)> =
            patterns.iter().map(|p| p as &(dyn ToSql + Sync)).collect();
        let ids: Vec<i64> = self
            .client()
            .query(&sql, &params)
            .map_err(self.err("searching"))?
            .into_iter()
            .map(|r| r.get(0))
            .collect();
        let mut result = SearchResult::default();
        let mut left = ids.len();
        for chunk in ids.chunks(BATCH) {
            let rows = self
                .client()
                .query(
                    "SELECT id, data FROM meetings WHERE id = ANY($1)",
                    &[&chunk],
                )
                .map_err(self.err("searching"))?;
            let mut meetings: Vec<(i64, Meeting)> = rows
                .into_iter()
                .map(|r| Ok((r.get(0), self.decode("meetings", r.get(0), r.get(1))?)))
                .collect::<Result<_>>()?;
            meetings.sort_by_key(|(i, _)| chunk.iter().position(|c| c == i));
            for (_, m) in &meetings {
                left -= 1;
                if gather(&mut result, m, query, &tokens, limit, left) {
                    return Ok(Ok(result));
                }
            }
        }
        Ok(Ok(result))
    }

    /// Fills the search words of every meeting (when the search table is new).
    pub(super) fn fill_search(&self) -> Result<()> {
        let mut client = self.client();
        let mut tx = client.transaction().map_err(self.err("indexing"))?;
        let rows = tx
            .query("SELECT id, data FROM meetings", &[])
            .map_err(self.err("indexing"))?;
        for r in rows {
            let m: Meeting = self.decode("meetings", r.get(0), r.get(1))?;
            write_words(&mut tx, &m).map_err(self.err("indexing"))?;
        }
        tx.commit().map_err(self.err("indexing"))
    }
}

/// Replaces a meeting's search words by those of its texts now.
pub(super) fn write_words(
    c: &mut impl GenericClient,
    m: &Meeting,
) -> std::result::Result<(), postgres::Error> {
    let words: Vec<String> = crate::store::index::tokens(m).into_iter().collect();
    let meeting: i64 = id(m.id);
    c.execute("DELETE FROM search_words WHERE meeting = $1", &[&meeting])?;
    c.execute(
        "INSERT INTO search_words (meeting, word) SELECT $1, unnest($2::text[])",
        &[&meeting, &words],
    )?;
    Ok(())
}

/// A word as a LIKE pattern matching itself: `\`, `%` and `_` escaped.
fn like_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(c, '\\' | '%' | '_') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn like_patterns_escape_their_wildcards() {
        assert_eq!(super::like_escape("مدیر"), "مدیر");
        assert_eq!(super::like_escape(r"a%b_c\d"), r"a\%b\_c\\d");
    }
}
