use std::path::PathBuf;

use sled::transaction::TransactionError;

/// Everything that can go wrong between dabir and its database. Messages name the
/// path or key involved, so that a user (or a bug report) can act on them.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error(
        "another dabir{holder} is using the database at {path}; close it first\n\
         دبیر دیگری{holder} از پایگاه داده {path} استفاده می‌کند؛ نخست آن را ببندید"
    )]
    Locked { path: PathBuf, holder: String },

    #[error("cannot use the database at {path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },

    #[error(
        "database error at {path}: {source}\n\
         the database files may be damaged: `dabir salvage FILE` copies every record \
         that still reads into a backup"
    )]
    Sled {
        path: PathBuf,
        #[source]
        source: sled::Error,
    },

    #[error(
        "sled cannot open the database files at {path}: {source}\n\
         they are damaged past what dabir can read; restore your latest backup into a \
         new database (`dabir --db NEW restore FILE`)\n\
         پرونده‌های پایگاه داده باز نمی‌شوند؛ آخرین پشتیبان را در پایگاهی تازه بازیابی کنید"
    )]
    Unopenable {
        path: PathBuf,
        #[source]
        source: sled::Error,
    },

    #[error(
        "corrupt record in tree `{tree}` at key {key}: {reason}\n\
         `dabir salvage FILE` copies every record that still reads into a backup \
         / رکورد آسیب‌دیده؛ با `dabir salvage FILE` آنچه خواندنی است را نجات دهید"
    )]
    Corrupt {
        tree: &'static str,
        key: String,
        reason: String,
    },

    #[error(
        "the database at {path} has schema version {found}, newer than this dabir understands \
         ({supported}); install a newer dabir to open it"
    )]
    TooNew {
        path: PathBuf,
        found: u32,
        supported: u32,
    },

    #[error(
        "the database at {path} holds part of a backup: a restore into it was interrupted; \
         run `dabir restore FILE` again (it starts over)\n\
         بازیابی در پایگاه داده {path} نیمه‌کاره مانده است؛ دوباره `dabir restore FILE` را اجرا کنید"
    )]
    PartialRestore { path: PathBuf },

    /// The PostgreSQL archive: the server, the connection or a statement failed.
    #[error("PostgreSQL archive {url}: {reason}")]
    Postgres { url: String, reason: String },

    /// Another user saved the meeting after this process read it: nothing was
    /// written; the caller keeps its text, `theirs` is the archive's.
    #[error(
        "meeting {id} was saved by {by} at {at} after you opened it; nothing was overwritten: \
         your text is kept here and theirs is in the archive\n\
         صورتجلسه {id} را {by} پس از باز شدن آن در اینجا ذخیره کرده است؛ چیزی رونویسی نشد: \
         متن شما همین‌جا و متن او در بایگانی است"
    )]
    Conflict {
        id: u64,
        /// The archive's version now.
        version: i64,
        by: String,
        at: String,
        theirs: Box<crate::model::Meeting>,
    },

    /// Another process holds the meeting's lease: it is being edited there.
    #[error(
        "meeting {id} is being edited by {holder} (since {since}); it is read-only here \
         until they leave it / در حال ویرایش توسط {holder}"
    )]
    Leased {
        id: u64,
        holder: String,
        since: String,
    },

    #[error("no {kind} with id {id}")]
    NotFound { kind: &'static str, id: u64 },

    #[error("{0}")]
    Invalid(String),
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// Error type used inside sled transactions, which need a `Clone`-free abort value.
pub(super) fn from_tx(path: &std::path::Path, e: TransactionError<StoreError>) -> StoreError {
    match e {
        TransactionError::Abort(e) => e,
        TransactionError::Storage(source) => StoreError::Sled {
            path: path.to_owned(),
            source,
        },
    }
}
