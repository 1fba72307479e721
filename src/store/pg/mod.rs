//! PostgreSQL as a shared archive (issue 15): its schema, applied by versioned
//! migrations (migrations/postgres/*.sql) when it is opened; a whole archive
//! copied in and out (`dabir migrate-store`, [`copy`]); the lists read by SQL
//! ([`read`]); saves that several processes can make at once ([`write`]):
//! every meeting save checks the version it read, a meeting being edited is
//! leased to one process, and every change is recorded with who and when
//! ([`lease`]).
//!
//! Records are stored as the JSON of their types (the backup's shape), so the
//! backup of the archive equals the backup of the sled database it came from;
//! a resolutions table beside the meetings carries what the pending list
//! queries (deadline, status, units).
//!
//! SQL is never built from user text: every value goes as a parameter.

mod copy;
mod lease;
mod listen;
mod merge;
mod read;
mod search;
mod tls;
mod trash;
mod write;

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, MutexGuard};

use postgres::Client;
use serde::Serialize;

use super::error::{Result, StoreError};
use crate::model::Id;

pub use lease::Change;

/// The migrations, in order: (version, SQL).
const MIGRATIONS: &[(i32, &str)] = &[
    (
        1,
        include_str!("../../../migrations/postgres/0001_archive.sql"),
    ),
    (
        2,
        include_str!("../../../migrations/postgres/0002_shared.sql"),
    ),
    (
        3,
        include_str!("../../../migrations/postgres/0003_search.sql"),
    ),
    (
        4,
        include_str!("../../../migrations/postgres/0004_kept.sql"),
    ),
    (
        5,
        include_str!("../../../migrations/postgres/0005_done_on.sql"),
    ),
    (
        6,
        include_str!("../../../migrations/postgres/0006_trash.sql"),
    ),
];

/// The schema version this dabir writes.
pub const PG_SCHEMA_VERSION: i32 = 6;

/// How long a lease holds without being renewed: an editor renews it well
/// within this, a crashed one loses it after this.
pub const LEASE_SECONDS: i32 = 60;

/// Whether `--db` names a PostgreSQL archive rather than a sled folder.
pub fn is_url(s: &str) -> bool {
    s.starts_with("postgres://") || s.starts_with("postgresql://")
}

/// The URL without its password, for messages.
fn shown(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(s), Some(at)) if at > s => {
            let user = &url[s + 3..at];
            let user = user.split(':').next().unwrap_or("");
            format!("{}{user}{}", &url[..s + 3], &url[at..])
        }
        _ => url.to_owned(),
    }
}

/// An open PostgreSQL archive, used by one user. Its methods take `&self`
/// (the connection is behind a mutex), as the sled store's do.
pub struct PgArchive {
    client: Mutex<Client>,
    /// The URL as given (with its password, if any): never shown.
    given: String,
    /// The server process of this connection (after connecting again, the
    /// new one): its own announcements are not news to it.
    backend: std::sync::Arc<std::sync::atomic::AtomicI32>,
    /// Set by an error that left the connection unusable: connect again.
    broken: std::sync::Arc<std::sync::atomic::AtomicBool>,
    url: String,
    /// Who saves: recorded in the audit table and shown on leases.
    user: String,
    /// This connection's own mark on the leases it holds.
    token: String,
    lease_seconds: i32,
    /// The version of each meeting as this process last read or saved it: a
    /// save succeeds only if the archive still has that version.
    versions: Mutex<HashMap<Id, i64>>,
}

impl std::fmt::Debug for PgArchive {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PgArchive")
            .field("url", &self.url)
            .field("user", &self.user)
            .finish()
    }
}

impl PgArchive {
    /// Connects as `user` (the name the audit records and others see on a
    /// lease) and brings the schema to [`PG_SCHEMA_VERSION`]; a newer schema is
    /// refused. Returns the archive and the migrations applied now.
    pub fn connect(url: &str, user: &str) -> Result<(PgArchive, Vec<i32>)> {
        let shown = shown(url);
        let tls = tls::prepare(url).map_err(|reason| StoreError::Postgres {
            url: shown.clone(),
            reason,
        })?;
        let mut client = Client::connect(&tls.url, tls.tls).map_err(|e| StoreError::Postgres {
            url: shown.clone(),
            reason: format!("cannot connect: {}", describe(&e)),
        })?;
        let backend: i32 = client
            .query_one("SELECT pg_backend_pid()", &[])
            .map_err(pg_error(&shown, "asking the server"))?
            .get(0);
        let user = if user.trim().is_empty() {
            "?".to_owned()
        } else {
            user.trim().to_owned()
        };
        let a = PgArchive {
            client: Mutex::new(client),
            given: url.to_owned(),
            backend: std::sync::Arc::new(std::sync::atomic::AtomicI32::new(backend)),
            broken: std::sync::Arc::default(),
            url: shown,
            token: token(&user),
            user,
            lease_seconds: LEASE_SECONDS,
            versions: Mutex::new(HashMap::new()),
        };
        let applied = a.migrate()?;
        // The search words of an archive made before version 3.
        if applied.contains(&3) {
            a.fill_search()?;
        }
        // The done dates of an archive made before version 5.
        if applied.contains(&5) {
            a.fill_resolutions()?;
        }
        Ok((a, applied))
    }

    /// A second connection as the same user, for a thread of its own (the
    /// UI's search worker). Its saves are checked against its own reads.
    pub fn reconnect(&self) -> Result<PgArchive> {
        let (mut a, _) = PgArchive::connect(&self.given, &self.user)?;
        a.lease_seconds = self.lease_seconds;
        Ok(a)
    }

    /// Leases taken from now on last `seconds` unless renewed (tests of expiry).
    pub fn set_lease_seconds(&mut self, seconds: i32) {
        self.lease_seconds = seconds.max(1);
    }

    /// The user this archive saves as.
    pub fn user(&self) -> &str {
        &self.user
    }

    /// The URL, without its password.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// The connection. A panic while it was held cannot leave it half-used in
    /// a way that matters: a transaction not committed is rolled back when the
    /// client next speaks.
    ///
    /// A connection the network or the server closed is opened again here,
    /// so the call after a failed one (the app's next save) goes through once
    /// the server answers; if it does not, the closed one is kept and the
    /// call fails as before.
    fn client(&self) -> MutexGuard<'_, Client> {
        let mut guard = self.client.lock().unwrap_or_else(|p| p.into_inner());
        if (guard.is_closed() || self.broken.swap(false, Ordering::Relaxed))
            && let Ok(tls) = tls::prepare(&self.given)
        {
            match Client::connect(&tls.url, tls.tls) {
                Ok(mut fresh) => {
                    tracing::info!("connected again to {}", self.url);
                    if let Ok(row) = fresh.query_one("SELECT pg_backend_pid()", &[]) {
                        self.backend.store(row.get(0), Ordering::Relaxed);
                    }
                    *guard = fresh;
                }
                Err(e) => {
                    tracing::warn!("connecting again to {}: {}", self.url, describe(&e));
                    self.broken.store(true, Ordering::Relaxed);
                }
            }
        }
        guard
    }

    /// The server process serving this archive's connection now.
    pub fn backend_pid(&self) -> i32 {
        self.backend.load(Ordering::Relaxed)
    }

    /// The error of doing `what`; one that leaves the connection unusable
    /// (closed, ended by the server) has the next call connect again.
    fn err(&self, what: &str) -> impl Fn(postgres::Error) -> StoreError + use<> {
        let broken = std::sync::Arc::clone(&self.broken);
        let describe = pg_error(&self.url, what);
        move |e| {
            let lost = e.is_closed()
                || e.as_db_error().is_none_or(|d| {
                    let class = &d.code().code()[..2];
                    class == "08" || class == "57"
                });
            if lost {
                broken.store(true, Ordering::Relaxed);
            }
            describe(e)
        }
    }

    fn invalid(&self, reason: String) -> StoreError {
        StoreError::Postgres {
            url: self.url.clone(),
            reason,
        }
    }

    fn migrate(&self) -> Result<Vec<i32>> {
        let pg = |what: &str| self.err(what);
        let mut client = self.client();
        // Looked for first: a role that may only read and write the tables
        // (docs/shared-archive.md) may not create one, even «if not exists».
        let exists: bool = client
            .query_one("SELECT to_regclass('dabir_schema') IS NOT NULL", &[])
            .map_err(pg("looking for the schema table"))?
            .get(0);
        if !exists {
            client
                .batch_execute(
                    "CREATE TABLE dabir_schema (
                        version integer PRIMARY KEY,
                        applied timestamptz NOT NULL DEFAULT now()
                    )",
                )
                .map_err(pg("creating the schema table"))?;
        }
        let current: i32 = client
            .query_one("SELECT coalesce(max(version), 0) FROM dabir_schema", &[])
            .map_err(pg("reading the schema version"))?
            .get(0);
        if current > PG_SCHEMA_VERSION {
            return Err(self.invalid(format!(
                "schema version {current} is newer than this dabir understands \
                 ({PG_SCHEMA_VERSION}); install a newer dabir"
            )));
        }
        let mut applied = Vec::new();
        for (version, sql) in MIGRATIONS.iter().filter(|(v, _)| *v > current) {
            let mut tx = client.transaction().map_err(pg("starting a migration"))?;
            tx.batch_execute(sql).map_err(pg("applying a migration"))?;
            tx.execute("INSERT INTO dabir_schema (version) VALUES ($1)", &[version])
                .map_err(pg("recording a migration"))?;
            tx.commit().map_err(pg("committing a migration"))?;
            applied.push(*version);
        }
        Ok(applied)
    }

    /// True when the archive holds no record.
    pub fn is_empty(&self) -> Result<bool> {
        let n: i64 = self
            .client()
            .query_one(
                "SELECT (SELECT count(*) FROM bodies) + (SELECT count(*) FROM people) \
                 + (SELECT count(*) FROM units) + (SELECT count(*) FROM meetings) \
                 + (SELECT count(*) FROM letters)",
                &[],
            )
            .map_err(self.err("counting records"))?
            .get(0);
        Ok(n == 0)
    }
}

/// A mark no other connection has: the user, the host, the process and a
/// counter with the clock (several archives can be open in one process).
fn token(user: &str) -> String {
    static NEXT: AtomicU64 = AtomicU64::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0);
    let host = std::env::var("HOSTNAME").unwrap_or_default();
    format!(
        "{user}@{host}:{}:{}:{nanos}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    )
}

/// An error of the server while doing `what`, naming the archive.
fn pg_error(url: &str, what: &str) -> impl Fn(postgres::Error) -> StoreError + use<> {
    let (url, what) = (url.to_owned(), what.to_owned());
    move |e| StoreError::Postgres {
        url: url.clone(),
        reason: format!("{what}: {}", describe(&e)),
    }
}

/// The server's own message for an error it reported («permission denied for
/// table meetings»), with its detail and hint; the client's otherwise (the
/// bare «db error» says nothing).
pub(super) fn describe(e: &postgres::Error) -> String {
    let Some(db) = e.as_db_error() else {
        // The causes too: «error performing TLS handshake: invalid peer
        // certificate: …» says what to mend.
        let mut s = e.to_string();
        let mut cause = std::error::Error::source(e);
        while let Some(c) = cause {
            s.push_str(&format!(": {c}"));
            cause = c.source();
        }
        return s;
    };
    let mut s = db.message().to_owned();
    if let Some(d) = db.detail() {
        s.push_str(&format!(" ({d})"));
    }
    if let Some(h) = db.hint() {
        s.push_str(&format!("; {h}"));
    }
    s
}

/// An id as PostgreSQL's bigint (ids come from one counter and stay far below
/// 2^63).
fn id(v: u64) -> i64 {
    v as i64
}

fn json<T: Serialize>(v: &T) -> Result<serde_json::Value> {
    serde_json::to_value(v).map_err(|e| StoreError::Invalid(format!("JSON: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_are_told_from_paths_and_shown_without_the_password() {
        assert!(is_url("postgres://zahra@db.example/archive"));
        assert!(is_url("postgresql://db/archive"));
        assert!(!is_url("/home/zahra/db"));
        assert!(!is_url("postgres"));
        assert_eq!(
            shown("postgres://zahra:secret@db.example:5432/archive"),
            "postgres://zahra@db.example:5432/archive"
        );
        assert_eq!(shown("postgres://db/archive"), "postgres://db/archive");
    }

    #[test]
    fn migrations_are_numbered_in_order_up_to_the_current_version() {
        let versions: Vec<i32> = MIGRATIONS.iter().map(|(v, _)| *v).collect();
        assert_eq!(versions, (1..=PG_SCHEMA_VERSION).collect::<Vec<_>>());
    }
}
