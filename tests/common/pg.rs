//! A PostgreSQL schema of a test's own: `DABIR_TEST_PG` or
//! postgres://postgres@127.0.0.1:5432/test. Outside CI a test that finds no
//! server says so and passes; in CI (`CI` set) it fails.

/// A schema of the test's own on the test server, dropped when it goes.
pub struct Schema {
    pub base: String,
    pub name: String,
}

impl Schema {
    /// The URL that puts the archive in this schema.
    pub fn url(&self) -> String {
        let sep = if self.base.contains('?') { '&' } else { '?' };
        format!("{}{sep}options=-c%20search_path%3D{}", self.base, self.name)
    }
}

impl Drop for Schema {
    fn drop(&mut self) {
        if let Ok(mut c) = postgres::Client::connect(&self.base, postgres::NoTls) {
            let _ = c.batch_execute(&format!("DROP SCHEMA IF EXISTS {} CASCADE", self.name));
        }
    }
}

/// A fresh schema, or None (and a note) when no server answers outside CI.
pub fn schema(tag: &str) -> Option<Schema> {
    let base = std::env::var("DABIR_TEST_PG")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".into());
    let mut client = match postgres::Client::connect(&base, postgres::NoTls) {
        Ok(c) => c,
        Err(e) if std::env::var_os("CI").is_some() => {
            panic!("CI: the PostgreSQL server at {base} does not answer: {e}")
        }
        Err(e) => {
            eprintln!("SKIPPED: no PostgreSQL server at {base} ({e}); set DABIR_TEST_PG");
            return None;
        }
    };
    let name = format!("dabir_{tag}_{}", std::process::id());
    client
        .batch_execute(&format!(
            "DROP SCHEMA IF EXISTS {name} CASCADE; CREATE SCHEMA {name}"
        ))
        .unwrap();
    Some(Schema { base, name })
}

/// One user's archive in the schema.
pub fn user(schema: &Schema, name: &str) -> dabir::store::pg::PgArchive {
    dabir::store::pg::PgArchive::connect(&schema.url(), name)
        .unwrap()
        .0
}

/// The clean minutes' body, five units and the meeting (a draft), saved by
/// `a` through the Archive interface.
pub fn seeded(
    a: &dyn dabir::store::Archive,
) -> (
    dabir::model::Body,
    Vec<dabir::model::Unit>,
    dabir::model::Meeting,
) {
    let (body, units) = super::clean_body_and_units(a);
    let mut m = super::clean_meeting(&body, &units);
    a.save_meeting(&mut m).unwrap();
    (body, units, m)
}
