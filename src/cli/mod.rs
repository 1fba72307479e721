//! The command line: `dabir` starts the terminal UI; subcommands list, show, back up
//! and restore minutes, and fill a database with demo data.

mod commands;
mod date;
mod history;
mod import_sheet;
mod letters;
mod migrate_store;
pub mod out;
pub mod paths;
mod report;
mod search;
pub mod serve;
mod trash;

use std::path::PathBuf;
use std::process::ExitCode;

use chrono::NaiveDate;
use clap::{Parser, Subcommand, ValueEnum};

use crate::config::Config;
use crate::model::Id;
use crate::store::{Store, StoreError};
use crate::text::RenderMode;

#[derive(Debug, Parser)]
#[command(
    name = "dabir",
    version,
    about = "دبیر: صورتجلسه‌نویسی زنده و پیگیری مصوبات\n\
             dabir: live minutes and resolution follow-up for working groups",
    long_about = None
)]
pub struct Cli {
    /// Database directory [default: ~/.local/share/dabir/db]. مسیر پایگاه داده
    #[arg(long, env = "DABIR_DB", global = true, value_name = "PATH")]
    pub db: Option<PathBuf>,

    /// How to draw right-to-left text: app (dabir reorders and shapes), app-unshaped
    /// (the terminal joins letters), terminal (the terminal does both). See
    /// docs/terminals.md [default: from config.toml, else app]. نمایش راست‌به‌چپ
    #[arg(long, global = true, value_enum, value_name = "MODE")]
    pub rtl: Option<RtlArg>,

    /// Language of the UI: fa (default) or en [default: from config.toml]. زبان
    #[arg(long, global = true, value_name = "LANG", value_parser = ["fa", "en"])]
    pub lang: Option<String>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List meetings, newest first. فهرست جلسه‌ها
    Meetings {
        #[arg(long, value_enum, default_value_t = ListFormat::Table)]
        format: ListFormat,
    },
    /// Print one meeting's minutes. نمایش صورتجلسه
    ///
    /// On a terminal the text is laid out right to left for it (see --rtl),
    /// wrapped to its width; piped or with --logical, it is plain logical text.
    Show {
        /// Meeting id, as `dabir meetings` lists it.
        id: u64,
        #[arg(long, value_enum, default_value_t = ShowFormat::Text)]
        format: ShowFormat,
        /// Wrap to this many columns [default: the terminal's width].
        #[arg(long, value_name = "N")]
        width: Option<u16>,
        /// Print logical text even on a terminal.
        #[arg(long)]
        logical: bool,
    },
    /// Fill an empty database with realistic demo data. داده نمونه
    Demo {
        /// How many meetings to create.
        #[arg(long, default_value_t = 60)]
        meetings: usize,
        /// Seed: the same seed and day give the same data.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// The day the data is built around (ISO, e.g. 2024-12-20) [default: today].
        #[arg(long, value_name = "DATE")]
        today: Option<NaiveDate>,
    },
    /// Convert and check dates as dabir reads them. تبدیل و بررسی تاریخ
    ///
    /// Each argument is one date (quote dates with spaces): 1403/12/30, 10/10/1397,
    /// 11/10/97, "۱۵ آذر ۱۴۰۳", "8 دیماه", "دو هفته پس از جلسه", +7, "۱۰ روز کاری",
    /// "پایان سال", 2024-12-20, "g 20/12/2024". Prints
    /// `Jalali  Gregorian  long form`, one line each. With no argument: today.
    Date {
        /// The dates to read.
        texts: Vec<String>,
        /// The context date for relative forms, missing years and two-digit-year
        /// readings, in any form dabir reads [default: today].
        #[arg(long, value_name = "DATE")]
        today: Option<String>,
        /// Read as a deadline: a missing year means the first such date on or
        /// after the context date (otherwise: the nearest).
        #[arg(long)]
        deadline: bool,
        #[arg(long, value_enum, default_value_t = ShowFormat::Text)]
        format: ShowFormat,
    },
    /// Show a test sentence as each --rtl mode draws it, to choose the mode that
    /// reads right in this terminal (docs/terminals.md). آزمون نمایش راست‌به‌چپ
    RtlTest,
    /// Export one meeting's minutes. خروجی صورتجلسه
    ///
    /// docx (Word), html (print to PDF from a browser), md, txt (for messengers);
    /// xlsx, csv, ics hold its resolutions. The default file name is like
    /// «صورتجلسه-کارگروه-تحول-اداری-۱۲-۱۴۰۳-۰۸-۱۵.docx» in the current directory.
    Export {
        /// Meeting id, as `dabir meetings` lists it.
        id: u64,
        #[arg(long, value_name = "FORMAT", value_parser = ["docx", "html", "md", "txt", "xlsx", "csv", "ics"])]
        format: String,
        /// The file to write ("-" for standard output).
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Open resolutions of all meetings by deadline, overdue first. مصوبات باز
    Pending {
        #[command(flatten)]
        filter: commands::PendingFilter,
        #[arg(long, value_name = "FORMAT", default_value = "table", value_parser = ["table", "json", "csv"])]
        format: String,
    },
    /// A body's earlier resolutions, open or closed since its last meeting, as the
    /// text the next meeting's agenda takes. گزارش مصوبات جلسات پیشین
    Report {
        /// The body (part of its name; spelling normalised).
        #[arg(long, value_name = "BODY")]
        body: String,
        /// List those closed on or after this date [default: the body's last meeting].
        #[arg(long, value_name = "DATE")]
        since: Option<String>,
        /// Report as of this date [default: today].
        #[arg(long, value_name = "DATE")]
        today: Option<String>,
    },
    /// Search every text of every meeting, newest first. جستجو
    ///
    /// Spelling is normalised (ي/ی, ك/ک, ZWNJ, digits); a word also finds longer
    /// words it starts («مدیر» finds «مدیران»); all words must be in a meeting.
    Search {
        query: String,
        /// Stop after this many hits.
        #[arg(long, value_name = "N", default_value_t = 200)]
        limit: usize,
        #[arg(long, value_name = "FORMAT", default_value = "text", value_parser = ["text", "json"])]
        format: String,
    },
    /// Export open resolutions of all meetings (filtered) as xlsx, csv or ics.
    /// خروجی مصوبات باز
    ExportPending {
        #[command(flatten)]
        filter: commands::PendingFilter,
        #[arg(long, value_name = "FORMAT", value_parser = ["xlsx", "csv", "ics"])]
        format: String,
        /// The file to write ("-" for standard output).
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Import minutes from text (.txt, .md) or Word (.docx) files, or follow-up
    /// sheets (.xlsx, .csv), as draft meetings. ورود صورتجلسه و جدول پیگیری
    ///
    /// A directory imports every .txt, .md and .docx in it. With --dry-run nothing
    /// is written and each file's meeting is printed (JSON: the `dabir show` shape).
    Import {
        /// Files or directories.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// The body the meetings belong to [default: from each document's title].
        #[arg(long, value_name = "NAME")]
        body: Option<String>,
        /// Print what would be created; write nothing.
        #[arg(long)]
        dry_run: bool,
        #[arg(long, value_enum, default_value_t = ShowFormat::Text)]
        format: ShowFormat,
        /// For a sheet (.xlsx, .csv): what a column holds, when its header is not
        /// recognised or is taken wrongly: "HEADER=FIELD" (fields: row, body,
        /// session, meeting-date, text, responsible, executor, deadline,
        /// approved, extensions, status, last-action, other). Repeatable.
        #[arg(long, value_name = "HEADER=FIELD", value_parser = import_sheet::parse_column)]
        column: Vec<(String, crate::import::sheet::Field)>,
        /// Keep Arabic ي/ك and Arabic-Indic digits as written [default: Persian
        /// ی/ک and the digits of the config].
        #[arg(long)]
        keep_spelling: bool,
    },
    /// Write every record to one portable JSON file. پشتیبان‌گیری
    Backup {
        /// The file to write ("-" for standard output).
        file: PathBuf,
        /// Copy out what still reads from a damaged database, as `dabir salvage`.
        #[arg(long)]
        salvage: bool,
    },
    /// Copy every record that still reads from a damaged database into a backup
    /// file; list what could not be read. Exit 3 when something was left out.
    /// نجات داده‌های پایگاه آسیب‌دیده
    Salvage {
        /// The backup file to write ("-" for standard output).
        file: PathBuf,
    },
    /// Who saved a meeting and when (a shared archive's audit; a folder's
    /// meeting history: finalised, reopened, imported). تاریخچه جلسه
    History {
        /// The meeting's id.
        id: Id,
        /// Also print each text kept beside the archive's (a save that
        /// conflicted, edits kept while the archive was out of reach).
        #[arg(long)]
        kept: bool,
    },
    /// Move a draft meeting into the trash (final minutes: reopen first). حذف جلسه
    Delete {
        /// Meeting id, as `dabir meetings` lists it.
        id: u64,
    },
    /// Deleted meetings and bodies: list them, restore or purge. سطل زباله
    ///
    /// Without a subcommand, lists them. The trash is not part of backups.
    Trash {
        #[command(subcommand)]
        command: Option<trash::TrashCommand>,
    },
    /// Letters: ابلاغ مصوبات, follow-up letters, invitations, status reports,
    /// and the register of letters (docs/letters.md). نامه‌ها
    Letters {
        #[command(subcommand)]
        command: letters::LettersCommand,
    },
    /// Copy a whole archive between a sled folder and a PostgreSQL database,
    /// either way, into an empty target; checked by comparing the two backups.
    /// انتقال بایگانی میان پوشه و PostgreSQL
    MigrateStore {
        /// A database folder or a postgres:// URL.
        #[arg(long, value_name = "PATH|URL")]
        from: String,
        /// An empty database folder or an empty PostgreSQL database (URL).
        #[arg(long, value_name = "PATH|URL")]
        to: String,
    },
    /// Load a backup into an empty database. بازیابی از پشتیبان
    Restore {
        /// The backup file to read.
        file: PathBuf,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RtlArg {
    App,
    AppUnshaped,
    Terminal,
}

impl From<RtlArg> for RenderMode {
    fn from(a: RtlArg) -> RenderMode {
        match a {
            RtlArg::App => RenderMode::App,
            RtlArg::AppUnshaped => RenderMode::AppUnshaped,
            RtlArg::Terminal => RenderMode::Terminal,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    Table,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ShowFormat {
    Text,
    Json,
}

/// What a PostgreSQL archive serves so far.
const ARCHIVE_ONLY: &str = concat!(
    "`salvage` reads the files of a damaged database folder; a PostgreSQL archive has ",
    "pg_dump and `dabir backup` (docs/shared-archive.md) / `salvage` پرونده‌های پوشهٔ ",
    "آسیب‌دیده را می‌خواند؛ برای بایگانی PostgreSQL از pg_dump و `dabir backup` استفاده کنید"
);

/// Where a command reads: a database folder or a PostgreSQL archive.
#[derive(Debug, Clone)]
pub enum Db {
    Folder(PathBuf),
    /// The archive's URL and the user who works on it (config `[user] name`,
    /// else the login name): the audit records it, others see it on a lease.
    Archive {
        url: String,
        user: String,
    },
}

/// Connects to a PostgreSQL archive, saying on stderr which schema versions
/// were applied now.
pub fn connect_archive(url: &str, user: &str) -> Result<crate::store::pg::PgArchive, CliError> {
    let (pg, applied) = crate::store::pg::PgArchive::connect(url, user)?;
    if !applied.is_empty() {
        out::say!("PostgreSQL schema versions applied: {applied:?}");
    }
    Ok(pg)
}

/// An error the user can act on, with the exit code it maps to.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("{0}")]
    Usage(String),
    /// Something was already reported on stderr; this is the summary.
    #[error("{0}")]
    Failed(String),
    /// A salvage wrote its backup but had to leave records out (exit 3).
    #[error("{0}")]
    Salvaged(String),
    /// With its causes: «cannot write X: X exists and is not a regular file».
    #[error("{0:#}")]
    Other(#[from] anyhow::Error),
}

impl CliError {
    /// The reader of standard output went away (`dabir show 7 | head`): not an
    /// error worth a message.
    pub fn is_broken_pipe(&self) -> bool {
        match self {
            CliError::Other(e) => e.chain().any(|c| {
                c.downcast_ref::<std::io::Error>()
                    .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            }),
            _ => false,
        }
    }

    /// 2 when another dabir holds the database (so scripts can tell), 3 when a
    /// salvage left records out, 1 otherwise.
    pub fn exit_code(&self) -> ExitCode {
        ExitCode::from(self.exit_status())
    }

    /// [`CliError::exit_code`] as a number.
    pub fn exit_status(&self) -> u8 {
        match self {
            CliError::Store(StoreError::Locked { .. }) => 2,
            CliError::Salvaged(_) => 3,
            _ => 1,
        }
    }
}

impl Cli {
    /// The user's config with `--rtl` applied on top; problems in the file are
    /// reported on stderr and the defaults kept.
    pub fn config(&self) -> Config {
        let (mut config, problems) = Config::load(paths::config_dir().as_deref());
        for p in problems {
            out::say!("dabir: config ignored in part: {p}");
        }
        if let Some(rtl) = self.rtl {
            config.render = rtl.into();
        }
        if let Some(lang) = self.lang.as_deref().and_then(crate::lang::Lang::from_name) {
            config.lang = lang;
        }
        config
    }

    /// `--db` (or DABIR_DB) when it is a postgres:// URL.
    pub fn archive_url(&self) -> Option<String> {
        self.db
            .as_ref()
            .map(|d| d.to_string_lossy().into_owned())
            .filter(|d| crate::store::pg::is_url(d))
    }

    /// The database directory: `--db`, then `DABIR_DB` (both via clap), then the
    /// platform default.
    pub fn db_path(&self) -> Result<PathBuf, CliError> {
        if let Some(db) = &self.db
            && crate::store::pg::is_url(&db.to_string_lossy())
        {
            return Err(CliError::Usage(ARCHIVE_ONLY.into()));
        }
        self.db.clone().or_else(paths::default_db).ok_or_else(|| {
            CliError::Usage(
                "no home directory to keep the database in; pass --db PATH or set DABIR_DB".into(),
            )
        })
    }
}

/// Runs a subcommand. `None` (no subcommand) is the UI, which main starts itself.
/// Opens the database, saying on stderr when a schema upgrade makes it slow.
pub fn open_store(db: &std::path::Path) -> Result<Store, CliError> {
    let store = Store::open_reporting(db, &mut |from, to| {
        use std::io::Write;
        let _ = writeln!(
            std::io::stderr(),
            "به‌روزرسانی پایگاه داده (نسخه {from} به {to})؛ یک بار، چند ثانیه… / upgrading the database (schema {from} to {to}); once, a few seconds…"
        );
    })?;
    warn(store.warnings());
    Ok(store)
}

/// Prints what opening could not do (a mode it could not set) on stderr.
pub fn warn(warnings: &[String]) {
    use std::io::Write;
    for w in warnings {
        let _ = writeln!(std::io::stderr(), "dabir: warning: {w}");
    }
}

/// The store a read-only command reads: its own, or the running app's when the
/// app answers for another process ([`serve`]).
pub enum Opened {
    Own(Store),
    Shared(std::sync::Arc<Store>),
}

impl std::ops::Deref for Opened {
    type Target = Store;
    fn deref(&self) -> &Store {
        match self {
            Opened::Own(s) => s,
            Opened::Shared(s) => s,
        }
    }
}

/// A store a command works on through the [`Archive`](crate::store::Archive)
/// interface: a folder (its own, or the running app's) or a PostgreSQL archive.
pub enum AnyStore {
    Folder(Opened),
    Archive(Box<crate::store::pg::PgArchive>),
}

impl std::ops::Deref for AnyStore {
    type Target = dyn crate::store::Archive;
    fn deref(&self) -> &Self::Target {
        match self {
            AnyStore::Folder(o) => &**o,
            AnyStore::Archive(a) => &**a,
        }
    }
}

impl Db {
    /// Opens for a command that only reads (a folder the app has open is read
    /// through the app).
    pub fn open_read(&self) -> Result<AnyStore, CliError> {
        match self {
            Db::Folder(path) => Ok(AnyStore::Folder(open_read(path)?)),
            Db::Archive { url, user } => {
                Ok(AnyStore::Archive(Box::new(connect_archive(url, user)?)))
            }
        }
    }

    /// Opens for a command that writes.
    pub fn open_write(&self) -> Result<AnyStore, CliError> {
        match self {
            Db::Folder(path) => Ok(AnyStore::Folder(Opened::Own(open_store(path)?))),
            Db::Archive { url, user } => {
                Ok(AnyStore::Archive(Box::new(connect_archive(url, user)?)))
            }
        }
    }
}

/// Opens the database for a read-only command.
pub fn open_read(db: &std::path::Path) -> Result<Opened, CliError> {
    match out::shared_store() {
        Some(s) => Ok(Opened::Shared(s)),
        None => Ok(Opened::Own(open_store(db)?)),
    }
}

/// Opens the database for `dabir restore`, which may also take one that an
/// interrupted restore left partial.
pub fn open_store_for_restore(db: &std::path::Path) -> Result<Store, CliError> {
    let store = Store::open_for_restore(db, &mut |_, _| {})?;
    warn(store.warnings());
    Ok(store)
}

pub fn run(cli: &Cli, command: &Command) -> Result<(), CliError> {
    if let Command::Date {
        texts,
        today,
        deadline,
        format,
    } = command
    {
        return date::run(texts, today.as_deref(), *deadline, *format, &cli.config());
    }
    if let Command::RtlTest = command {
        return commands::rtl_test();
    }
    if let Command::MigrateStore { from, to } = command {
        return migrate_store::run(from, to, &cli.config().user);
    }
    let config = cli.config();
    // Commands through the storage interface work on a folder and on a
    // PostgreSQL archive alike.
    let any = match cli.archive_url() {
        Some(url) => Db::Archive {
            url,
            user: config.user.clone(),
        },
        None => Db::Folder(cli.db_path()?),
    };
    match command {
        Command::Meetings { format } => return commands::meetings(&any, *format),
        Command::Pending { filter, format } => return commands::pending(&any, filter, format),
        Command::Show {
            id,
            format,
            width,
            logical,
        } => return commands::show(&any, *id, *format, *width, *logical, config.render),
        Command::History { id, kept } => return history::run(&any, *id, *kept),
        Command::Search {
            query,
            limit,
            format,
        } => return search::search(&any, query, *limit, format),
        Command::Report { body, since, today } => {
            return report::run(&any, body, since.as_deref(), today.as_deref(), &config);
        }
        Command::Export { id, format, output } => {
            return commands::export(&any, *id, format, output.as_deref(), &config);
        }
        Command::Letters { command } => return letters::run(&any, command, &config),
        Command::Backup {
            file,
            salvage: false,
        } => return commands::backup(&any, file),
        Command::ExportPending {
            filter,
            format,
            output,
        } => return commands::export_pending(&any, filter, format, output.as_deref()),
        Command::Delete { id } => return trash::delete(&any, *id),
        Command::Demo {
            meetings,
            seed,
            today,
        } => return commands::demo(&any, *meetings, *seed, *today),
        Command::Trash { command } => return trash::run(&any, command.as_ref()),
        Command::Import {
            files,
            body,
            dry_run,
            format,
            column,
            keep_spelling,
        } => {
            let sheets = files.iter().filter(|f| import_sheet::is_sheet(f)).count();
            return if sheets == 0 {
                let config = cli.config();
                let opts = crate::import::ReadOptions {
                    keep_spelling: *keep_spelling,
                    digits: config.digits,
                    known_units: Vec::new(),
                };
                commands::import(
                    &any,
                    files,
                    body.as_deref(),
                    *dry_run,
                    *format,
                    &config,
                    &opts,
                )
            } else if sheets == files.len() {
                import_sheet::run(
                    &any,
                    files,
                    body.as_deref(),
                    column,
                    *dry_run,
                    *format,
                    &cli.config(),
                )
            } else {
                Err(CliError::Usage(
                    "import sheets (.xlsx, .csv) and minutes (.txt, .md, .docx) in separate commands"
                        .into(),
                ))
            };
        }
        Command::Restore { file } => {
            if let Db::Archive { url, user } = &any {
                return commands::restore_archive(url, user, file);
            }
        }
        _ => {}
    }
    let Db::Folder(db) = any else {
        return Err(CliError::Usage(ARCHIVE_ONLY.into()));
    };
    match command {
        Command::Date { .. }
        | Command::RtlTest
        | Command::MigrateStore { .. }
        | Command::Meetings { .. }
        | Command::Pending { .. }
        | Command::Show { .. }
        | Command::History { .. }
        | Command::Search { .. }
        | Command::Report { .. }
        | Command::Export { .. }
        | Command::Letters { .. }
        | Command::Backup { salvage: false, .. }
        | Command::ExportPending { .. }
        | Command::Delete { .. }
        | Command::Demo { .. }
        | Command::Trash { .. }
        | Command::Import { .. } => {
            unreachable!("handled above")
        }
        Command::Backup {
            file,
            salvage: true,
        }
        | Command::Salvage { file } => commands::salvage(&db, file),
        Command::Restore { file } => commands::restore(&db, file),
    }
}
