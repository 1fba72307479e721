use std::io::Write;
use std::process::ExitCode;

use clap::Parser;
use dabir::cli::{self, Cli, CliError};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match &cli.command {
        Some(command) => match cli::run(&cli, command) {
            // The app has the database open: it answers read-only commands itself.
            Err(e @ CliError::Store(dabir::store::StoreError::Locked { .. }))
                if cli::serve::is_read_only(command) =>
            {
                match cli.db_path().ok().and_then(|db| cli::serve::forward(&db)) {
                    Some(0) => Ok(None),
                    Some(status) => return ExitCode::from(status),
                    None => Err(e),
                }
            }
            other => other.map(|()| None),
        },
        None => run_ui(&cli),
    };
    match result {
        Ok(None) => ExitCode::SUCCESS,
        // Saved, then ended as the signal asked: 128 + its number.
        Ok(Some(status)) => ExitCode::from(status),
        Err(e) if e.is_broken_pipe() => ExitCode::SUCCESS,
        Err(e) => {
            // Not eprintln!: it panics if stderr is gone (a closed terminal).
            // Shown, never obeyed: a name or a path in the message may carry controls.
            let message = dabir::text::controls::visible_lines(&e.to_string()).into_owned();
            let _ = writeln!(std::io::stderr(), "dabir: {message}");
            e.exit_code()
        }
    }
}

fn run_ui(cli: &Cli) -> Result<Option<u8>, CliError> {
    if let Some(url) = cli.archive_url() {
        return run_ui_on_archive(cli, &url);
    }
    let db = cli.db_path()?;
    let store = std::sync::Arc::new(dabir::cli::open_store(&db)?);
    // Logs go to a file beside the database, never to the terminal the UI draws on.
    let _guard = log_to(&db, "dabir.log");
    tracing::info!(db = %db.display(), "starting the UI");
    // Read-only commands from other processes are answered while the app runs.
    let _serving = match cli::serve::start(std::sync::Arc::clone(&store)) {
        Ok(guard) => Some(guard),
        Err(e) => {
            tracing::warn!("not answering read-only commands: {e}");
            None
        }
    };
    // The log file was just created with the umask's mode.
    cli::warn(&store.make_private());
    let status = dabir::ui::run(
        &*store,
        &cli.config(),
        cli::paths::config_dir().as_deref(),
        None,
    )?;
    store.flush()?;
    cli::warn(&store.make_private());
    Ok(status)
}

/// The app on a shared PostgreSQL archive: other processes reach the archive
/// themselves, so nothing is served; the log (`dabir-archive.log`) and the
/// edits kept while the archive is out of reach go to `archive/` beside the
/// default database, created if need be.
fn run_ui_on_archive(cli: &Cli, url: &str) -> Result<Option<u8>, CliError> {
    let config = cli.config();
    let archive = cli::connect_archive(url, &config.user)?;
    // Beside the default database: the log, and edits kept while the
    // archive cannot be reached.
    let local = cli::paths::default_db()
        .and_then(|db| db.parent().map(|d| d.join("archive")))
        .filter(|dir| std::fs::create_dir_all(dir).is_ok());
    let _guard = local.as_deref().map(|dir| log_to(dir, "dabir-archive.log"));
    tracing::info!(archive = %archive.url(), user = %archive.user(), "starting the UI on the archive");
    Ok(dabir::ui::run(
        &archive,
        &config,
        cli::paths::config_dir().as_deref(),
        local.as_deref(),
    )?)
}

/// Logs to `dir/name` (DABIR_LOG sets the level); panics are logged too.
fn log_to(dir: &std::path::Path, name: &str) -> tracing_appender::non_blocking::WorkerGuard {
    let appender = tracing_appender::rolling::never(dir, name);
    let (writer, guard) = tracing_appender::non_blocking(appender);
    let _ = tracing_subscriber::fmt()
        .with_writer(writer)
        .with_ansi(false)
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("DABIR_LOG")
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info")),
        )
        .try_init();
    let default_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        tracing::error!("panic: {info}");
        default_hook(info);
    }));
    guard
}
