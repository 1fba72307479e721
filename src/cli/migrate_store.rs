//! `dabir migrate-store --from SRC --to DST`: a whole archive copied between a
//! sled folder and a PostgreSQL database (either way), checked by backup
//! identity: the JSON backup of the target must equal the source's.

use std::path::Path;

use super::CliError;
use super::out::say;
use crate::calendar::Digits;
use crate::store::pg::is_url;
use crate::store::{Backup, Restored};

pub fn run(from: &str, to: &str, user: &str) -> Result<(), CliError> {
    match (is_url(from), is_url(to)) {
        (false, true) => {
            let source = super::open_store(Path::new(from))?.backup()?;
            let pg = super::connect_archive(to, user)?;
            let restored = pg.load(&source)?;
            check(&source, &pg.backup()?, restored)
        }
        (true, false) => {
            let source = super::connect_archive(from, user)?.backup()?;
            let store = super::open_store_for_restore(Path::new(to))?;
            let restored = store.restore(&source)?;
            check(&source, &store.backup()?, restored)
        }
        _ => Err(CliError::Usage(
            "one side is a sled folder and the other a postgres:// URL; to copy a folder, \
             use `dabir backup` and `dabir restore` / یک سو پوشه و سوی دیگر نشانی postgres:// باشد"
                .into(),
        )),
    }
}

/// The target's backup must equal the source's, record for record.
fn check(source: &Backup, target: &Backup, n: Restored) -> Result<(), CliError> {
    if source != target {
        return Err(CliError::Failed(
            "the copy differs from the source (their backups are not equal); the target \
             holds the copy for inspection / رونوشت با مبدأ یکی نیست"
                .into(),
        ));
    }
    let d = Digits::Persian;
    say!(
        "{} کارگروه، {} شخص، {} واحد، {} جلسه، {} نامه رونوشت شد؛ پشتیبان مقصد با مبدأ یکی است / \
         {} bodies, {} people, {} units, {} meetings, {} letters copied; the target's backup equals the source's",
        d.format(n.bodies),
        d.format(n.people),
        d.format(n.units),
        d.format(n.meetings),
        d.format(n.letters),
        n.bodies,
        n.people,
        n.units,
        n.meetings,
        n.letters
    );
    Ok(())
}
