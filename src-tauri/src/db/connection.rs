//! Opening the database (a SQLite file, or a PostgreSQL server in team mode) and bringing its
//! schema up to date.

use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::time::{Duration, Instant};

use migration::{Migrator, MigratorTrait};
use sea_orm::sqlx::postgres::PgConnectOptions;
use sea_orm::sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqliteSynchronous};
use sea_orm::{ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DbBackend, DbErr, Statement};

use super::backups::Backups;
use crate::models::BackupKind;

/// The environment variable that names another database (tests, e2e, a second profile).
pub const DB_URL_ENV: &str = "TASKLANE_DB_URL";
/// The file name of the default database inside the OS app-data folder.
pub const DEFAULT_DB_FILE: &str = "tasklane.db";

/// How long a writer waits for another writer before giving up with "database is busy".
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);
/// Connections of a file database: WAL lets them read in parallel; writes are serialized by
/// SQLite's single write lock, taken up front by `begin_write`.
const FILE_POOL_SIZE: u32 = 4;
/// Connections to a PostgreSQL server: one app instance of a small team's.
const SERVER_POOL_SIZE: u32 = 8;
/// How long connecting to a server may take before the user is told it is unreachable.
const SERVER_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// Where the database is: a SQLite URL and the file it names (`None` when in memory), or a
/// PostgreSQL URL (`postgres://user:password@host:5432/db?sslmode=require`).
///
/// The URL may hold a password: show [`DatabaseLocation::redacted`] in messages and logs, never
/// `url` itself.
#[derive(Clone, PartialEq, Eq)]
pub struct DatabaseLocation {
    pub url: String,
    pub path: Option<PathBuf>,
}

/// Never prints the URL itself, which may hold a password.
impl std::fmt::Debug for DatabaseLocation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DatabaseLocation").field("url", &self.redacted()).field("path", &self.path).finish()
    }
}

impl DatabaseLocation {
    /// Parses a SQLite URL such as `sqlite:/tmp/x.db?mode=rwc` or `sqlite::memory:`, or a
    /// PostgreSQL URL (`postgres://` or `postgresql://`; sqlx reads `sslmode` and the rest).
    pub fn from_url(url: &str) -> Result<Self, OpenError> {
        let invalid = |reason: String| OpenError::InvalidUrl { url: redact(url), reason };
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            PgConnectOptions::from_str(url).map_err(|err| invalid(redact_in(&err.to_string(), url)))?;
            return Ok(Self { url: url.to_owned(), path: None });
        }
        if !url.starts_with("sqlite:") {
            return Err(invalid("it starts with neither `sqlite:` nor `postgres://`".into()));
        }
        let options = SqliteConnectOptions::from_str(url).map_err(|err| invalid(err.to_string()))?;
        let in_memory = url.contains(":memory:") || url.contains("mode=memory");
        let path = (!in_memory).then(|| options.get_filename().to_path_buf());
        Ok(Self { url: url.to_owned(), path })
    }

    /// The engine the URL names.
    pub fn backend(&self) -> DbBackend {
        if self.url.starts_with("sqlite:") { DbBackend::Sqlite } else { DbBackend::Postgres }
    }

    /// The URL with its password (in the user part or a `password=` parameter) replaced by `***`:
    /// what messages, logs and the status bar show.
    pub fn redacted(&self) -> String {
        redact(&self.url)
    }

    /// The database file at `path`, created when missing.
    pub fn file(path: &Path) -> Self {
        let encoded: String = path
            .to_string_lossy()
            .chars()
            .map(|c| match c {
                '%' => "%25".to_owned(),
                '?' => "%3F".to_owned(),
                '#' => "%23".to_owned(),
                c => c.to_string(),
            })
            .collect();
        Self { url: format!("sqlite://{encoded}?mode=rwc"), path: Some(path.to_owned()) }
    }

    pub fn is_memory(&self) -> bool {
        self.path.is_none() && self.backend() == DbBackend::Sqlite
    }
}

/// `url` with any password replaced by `***`.
pub fn redact(url: &str) -> String {
    if url.starts_with("sqlite:") {
        return url.to_owned();
    }
    let Ok(mut parsed) = url::Url::parse(url) else { return redact_unreadable(url) };
    // A password typed with a `/`, `?` or `#` left unencoded ends the authority early, so the URL
    // may still parse (as a host and a port), with the rest of the password in its path: an `@`
    // after the parsed authority means the user part was not read as one.
    if parsed.username().is_empty() && raw_password(url).is_some() {
        return redact_unreadable(url);
    }
    if parsed.password().is_some() {
        let _ = parsed.set_password(Some("***"));
    }
    if parsed.query_pairs().any(|(key, _)| key.eq_ignore_ascii_case("password")) {
        let pairs: Vec<(String, String)> = parsed
            .query_pairs()
            .map(|(key, value)| {
                let value = if key.eq_ignore_ascii_case("password") { "***".to_owned() } else { value.into_owned() };
                (key.into_owned(), value)
            })
            .collect();
        parsed.query_pairs_mut().clear().extend_pairs(pairs);
    }
    parsed.to_string().replace("%2A%2A%2A", "***")
}

/// [`redact`] for a URL that does not parse (a bad port, say): the user part, up to the last `@`
/// (a password may hold `/`, `?`, `#` or `@`), keeps its name and loses whatever follows a `:`,
/// and a query that mentions a password is not shown at all.
fn redact_unreadable(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else { return "(a URL that could not be read)".into() };
    let (user, rest) = match rest.rsplit_once('@') {
        Some((user, host_and_tail)) => {
            (Some(user.split([':', '/', '?', '#']).next().unwrap_or_default()), host_and_tail)
        }
        None => (None, rest),
    };
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (host, tail) = rest.split_at(end);
    let authority = match user {
        Some(user) => format!("{user}:***@{host}"),
        None => host.to_owned(),
    };
    let tail = match tail.to_ascii_lowercase().contains("password") {
        true => format!("{}?(not shown)", tail.split('?').next().unwrap_or_default()),
        false => tail.to_owned(),
    };
    format!("{scheme}://{authority}{tail}")
}

/// The password as typed in `url`: between the first `:` of the user part and its last `@`, or
/// `None` when there is none.
fn raw_password(url: &str) -> Option<&str> {
    let (_, rest) = url.split_once("://")?;
    let (user, _) = rest.rsplit_once('@')?;
    user.split_once(':').map(|(_, password)| password).filter(|password| !password.is_empty())
}

/// `text` (an error message about `url`) with the URL's password removed wherever it appears.
pub fn redact_in(text: &str, url: &str) -> String {
    let mut text = text.replace(url, &redact(url));
    if let Ok(parsed) = url::Url::parse(url) {
        let secrets =
            parsed.password().map(str::to_owned).into_iter().chain(
                parsed.query_pairs().filter(|(key, _)| key.eq_ignore_ascii_case("password")).map(|(_, v)| v.into()),
            );
        for secret in secrets.filter(|secret| !secret.is_empty()) {
            text = text.replace(&secret, "***");
        }
    }
    if let Some(secret) = raw_password(url) {
        text = text.replace(secret, "***");
    }
    text
}

/// The database to open: `TASKLANE_DB_URL` when set, else `tasklane.db` in `app_data_dir`.
pub fn default_location(app_data_dir: &Path) -> Result<DatabaseLocation, OpenError> {
    location_from(std::env::var(DB_URL_ENV).ok(), app_data_dir)
}

fn location_from(url: Option<String>, app_data_dir: &Path) -> Result<DatabaseLocation, OpenError> {
    match url.as_deref().map(str::trim) {
        Some(url) if !url.is_empty() => DatabaseLocation::from_url(url),
        _ => Ok(DatabaseLocation::file(&app_data_dir.join(DEFAULT_DB_FILE))),
    }
}

/// Why the database could not be opened. Shown to the user at start-up, so each says what to do.
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    #[error(
        "`{url}` is not a valid database URL ({reason}). Set {DB_URL_ENV} to e.g. sqlite:/path/to/tasklane.db \
         or postgres://user:password@host:5432/tasklane"
    )]
    InvalidUrl { url: String, reason: String },
    #[error("cannot create the folder {}: {source}", path.display())]
    CreateFolder { path: PathBuf, source: std::io::Error },
    #[error("cannot open the database {url}: {reason}")]
    Connect { url: String, reason: String },
    #[error(
        "cannot bring the database {url} up to date (is it a Tasklane database, from this version or older?): {reason}"
    )]
    Migrate { url: String, reason: String },
    #[error(
        "the database {url} needs {count} schema update(s) from this version of Tasklane (the first is \
         {first}), and your role may not change the schema ({reason}). Ask whoever runs the server to \
         start this version of Tasklane once as the schema's owner role (docs/TEAM.md, \"Roles\"), then \
         start it again"
    )]
    NotAllowedToMigrate { url: String, count: usize, first: String, reason: String },
    #[error(
        "cannot write the backup {} that is made before updating the database, so the database was left as it \
         was; free some disk space or make its folder writable, then start Tasklane again: {reason}",
        path.display()
    )]
    Backup { path: PathBuf, reason: String },
}

/// Connects to the database and applies pending migrations, after backing up a file that holds
/// data (see [`backup_before_migrating`]); if the backup fails, nothing is migrated.
///
/// A file database gets WAL, `foreign_keys=ON`, `synchronous=NORMAL` and a 5 s busy timeout,
/// with a small pool. A file that exists but cannot be opened for writing (a read-only file or
/// folder) is opened read-only when nothing waits in its write-ahead log, so the user still sees
/// their tasks and each write is refused with a message saying why. An in-memory database lives as long as its only connection, so its pool
/// holds exactly one, never closed for idleness or age.
pub async fn open(location: &DatabaseLocation) -> Result<DatabaseConnection, OpenError> {
    if let Some(folder) = location.path.as_deref().and_then(Path::parent).filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(folder)
            .map_err(|source| OpenError::CreateFolder { path: folder.to_owned(), source })?;
    }

    let cannot_connect = |source: DbErr| OpenError::Connect {
        url: location.redacted(),
        reason: redact_in(&connect_failure(&source), &location.url),
    };
    let db = match Database::connect(connect_options(location, Access::ReadWrite)).await {
        Ok(db) => db,
        Err(source) => match read_only_fallback(location) {
            Some(access) => {
                log::warn!("cannot open {} for writing ({source}); opening it read-only", location.url);
                Database::connect(connect_options(location, access)).await.map_err(cannot_connect)?
            }
            None => return Err(cannot_connect(source)),
        },
    };
    backup_before_migrating(&db, location).await?;
    migrate(&db, location).await?;
    Ok(db)
}

/// Applies the pending migrations. On a server, several app instances may start at once: the
/// first takes a session lock on a connection of its own and migrates; the others wait for it, then
/// find nothing pending.
///
/// On a server, whether anything is pending is read first without writing anything, so people's
/// roles, which may only read and write rows (docs/TEAM.md), can start the app on a schema that
/// is up to date; when it is not and their role may not change it, the error says who can.
async fn migrate(db: &DatabaseConnection, location: &DatabaseLocation) -> Result<(), OpenError> {
    let failed = |source: DbErr| OpenError::Migrate {
        url: location.redacted(),
        reason: redact_in(&source.to_string(), &location.url),
    };
    if db.get_database_backend() != DbBackend::Postgres {
        return Migrator::up(db, None).await.map_err(failed);
    }
    let pending = Migrator::get_pending_migrations_read_only(db).await.map_err(failed)?;
    let Some(first) = pending.first() else { return Ok(()) };
    let (count, first) = (pending.len(), first.name().to_owned());
    let mut options = server_options(location);
    options.min_connections(1).max_connections(1);
    let single = Database::connect(options).await.map_err(failed)?;
    let lock = |sql: &str| Statement::from_string(DbBackend::Postgres, sql.to_owned());
    single.execute_raw(lock(MIGRATION_LOCK)).await.map_err(failed)?;
    let migrated = Migrator::up(&single, None).await.map_err(|source| match is_permission_denied(&source) {
        true => OpenError::NotAllowedToMigrate {
            url: location.redacted(),
            count,
            first: first.clone(),
            reason: redact_in(&source.to_string(), &location.url),
        },
        false => failed(source),
    });
    let _ = single.close().await; // closing the session releases the lock
    migrated
}

/// PostgreSQL's "insufficient privilege" (42501) or "must be owner" errors.
fn is_permission_denied(err: &DbErr) -> bool {
    let text = err.to_string();
    text.contains("permission denied") || text.contains("must be owner") || text.contains("42501")
}

/// A session-level advisory lock that only Tasklane's migrations take (the bytes of "tasklane").
const MIGRATION_LOCK: &str = "SELECT pg_advisory_lock(8386110886357593701)";

/// What a user needs to know when a connection fails: a server's own message (wrong password,
/// unknown database, TLS required) or the network's (refused, unreachable, timed out).
fn connect_failure(err: &DbErr) -> String {
    let text = err.to_string();
    if text.contains("pool timed out") || text.contains("PoolTimedOut") {
        return format!("the server did not answer within {} s", SERVER_CONNECT_TIMEOUT.as_secs());
    }
    text
}

/// How a file database is opened.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Access {
    ReadWrite,
    /// The file or its folder cannot be written: SQLite cannot even create the WAL index (`-shm`),
    /// so the file is opened as immutable. Reads work; every write fails with SQLite's read-only
    /// error, which the user sees as "The database file is read-only ...".
    ReadOnly,
}

/// Whether a file that could not be opened for writing can be shown read-only: it exists, and no
/// write-ahead log holds changes that an immutable reader would not see (showing an older state
/// as if it were current would be worse than refusing to start).
fn read_only_fallback(location: &DatabaseLocation) -> Option<Access> {
    let path = location.path.as_deref()?;
    if !path.is_file() {
        return None;
    }
    let mut wal = path.as_os_str().to_owned();
    wal.push("-wal");
    let wal_is_empty = std::fs::metadata(PathBuf::from(wal)).map_or(true, |meta| meta.len() == 0);
    wal_is_empty.then_some(Access::ReadOnly)
}

/// A pool on a PostgreSQL server. sqlx reads TLS (`sslmode`, `sslrootcert`), the port and the
/// rest from the URL.
///
/// Each pool names itself to the server: `application_name` says `tasklane` (what an admin sees in
/// `pg_stat_activity`), and `tasklane.origin` is a new id per pool, which the change-log trigger
/// records so that each app instance can tell its own changes from the others' ([`origin_of`]).
fn server_options(location: &DatabaseLocation) -> ConnectOptions {
    let mut options = ConnectOptions::new(location.url.clone());
    let origin = uuid::Uuid::new_v4().to_string();
    options
        .sqlx_logging_level(log::LevelFilter::Trace)
        .min_connections(1)
        .max_connections(SERVER_POOL_SIZE)
        .connect_timeout(SERVER_CONNECT_TIMEOUT)
        .acquire_timeout(SERVER_CONNECT_TIMEOUT)
        .map_sqlx_postgres_opts(move |opts| {
            // A transaction left open on a connection whose app froze or lost its network would
            // hold the write lock until TCP gave up on it (many minutes): the server ends it.
            opts.application_name(APPLICATION_NAME)
                .options([(ORIGIN_SETTING, origin.as_str()), ("idle_in_transaction_session_timeout", "60s")])
        });
    options
}

/// What Tasklane's connections call themselves on a server.
pub const APPLICATION_NAME: &str = "tasklane";
/// The session setting that names the app instance (the pool) a connection belongs to.
const ORIGIN_SETTING: &str = "tasklane.origin";

/// The id this connection's pool writes into the change log as the origin of its changes, or
/// `None` on SQLite, which keeps no change log.
pub async fn origin_of(db: &DatabaseConnection) -> Result<Option<String>, DbErr> {
    if db.get_database_backend() != DbBackend::Postgres {
        return Ok(None);
    }
    let row = db
        .query_one_raw(Statement::from_string(
            DbBackend::Postgres,
            format!("SELECT current_setting('{ORIGIN_SETTING}', true)"),
        ))
        .await?;
    Ok(row.map(|row| row.try_get_by_index::<String>(0)).transpose()?.filter(|origin| !origin.is_empty()))
}

fn connect_options(location: &DatabaseLocation, access: Access) -> ConnectOptions {
    if location.backend() == DbBackend::Postgres {
        return server_options(location);
    }
    let mut options = ConnectOptions::new(location.url.clone());
    options.sqlx_logging_level(log::LevelFilter::Trace);
    if location.is_memory() {
        options.min_connections(1).max_connections(1).idle_timeout(None).max_lifetime(None);
        options.map_sqlx_sqlite_opts(|opts| opts.foreign_keys(true));
        return options;
    }
    options.min_connections(1).max_connections(FILE_POOL_SIZE);
    // A write that fails on a full disk makes SQLite undo the transaction itself, so the cleanup
    // ROLLBACK fails and sqlx still counts the connection as inside a transaction. Handed out
    // again, it would turn the next BEGIN into a SAVEPOINT whose "commit" commits nothing (and
    // keep the write lock). Such a connection is dropped instead; closing it rolls back whatever
    // SQLite still holds, and the pool opens a fresh one.
    options.map_sqlx_sqlite_before_acquire(|conn, _| {
        Box::pin(async move { Ok(!sea_orm::sqlx::Connection::is_in_transaction(conn)) })
    });
    // That check replaces the default ping before each acquire: a round trip to the connection's
    // worker thread that cannot fail for a local file (measured: +0.2 ms per create with both).
    options.test_before_acquire(false);
    match access {
        Access::ReadWrite => options.map_sqlx_sqlite_opts(|opts| {
            opts.create_if_missing(true)
                .journal_mode(SqliteJournalMode::Wal)
                .synchronous(SqliteSynchronous::Normal)
                .foreign_keys(true)
                .busy_timeout(BUSY_TIMEOUT)
        }),
        Access::ReadOnly => options.map_sqlx_sqlite_opts(|opts| {
            opts.read_only(true).immutable(true).foreign_keys(true).busy_timeout(BUSY_TIMEOUT)
        }),
    };
    options
}

/// When migrations are pending on a database file that already holds something, writes a
/// `migration` backup of it in the `backups` folder next to it (docs/DATA.md, "Backups") and
/// returns its path. A brand-new empty file, or one with nothing pending, gets no backup (`None`).
///
/// Errors: [`OpenError::Backup`] when the copy cannot be written (the caller must then not
/// migrate), [`OpenError::Migrate`] when the file cannot be read at all.
async fn backup_before_migrating(
    db: &DatabaseConnection,
    location: &DatabaseLocation,
) -> Result<Option<PathBuf>, OpenError> {
    let Some(backups) = Backups::of(location) else { return Ok(None) };
    let unreadable = |source: DbErr| OpenError::Migrate { url: location.redacted(), reason: source.to_string() };
    let pending = Migrator::get_pending_migrations_read_only(db).await.map_err(unreadable)?;
    let Some(first) = pending.first() else { return Ok(None) };
    let objects = db
        .query_one_raw(Statement::from_string(db.get_database_backend(), "SELECT count(*) FROM sqlite_master"))
        .await
        .and_then(|row| row.map_or(Ok(0), |row| row.try_get_by_index::<i64>(0)))
        .map_err(unreadable)?;
    if objects == 0 {
        return Ok(None);
    }

    let started = Instant::now();
    let backup = backups
        .write(db, BackupKind::Migration)
        .await
        .map_err(|reason| OpenError::Backup { path: backups.folder().to_owned(), reason })?;
    let target = backups.folder().join(&backup.name);
    log::info!("backed up the database to {} in {:?} before {}", target.display(), started.elapsed(), first.name());
    Ok(Some(target))
}

/// A connection of its own to a database file, with the pool's settings: for work that must run
/// statements on one connection (ATTACH).
pub(crate) async fn single_connection(location: &DatabaseLocation) -> Result<DatabaseConnection, DbErr> {
    let mut options = connect_options(location, Access::ReadWrite);
    options.min_connections(1).max_connections(1);
    Database::connect(options).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_environment_url_wins_over_the_app_data_folder() {
        let dir = Path::new("/home/me/.local/share/app.tasklane.desktop");
        let chosen = location_from(Some(" sqlite:/tmp/other.db?mode=rwc ".into()), dir).unwrap();
        assert_eq!(chosen.path.as_deref(), Some(Path::new("/tmp/other.db")));
        for unset in [None, Some(String::new()), Some("  ".into())] {
            let default = location_from(unset, dir).unwrap();
            assert_eq!(default.path, Some(dir.join("tasklane.db")));
        }
        assert!(matches!(location_from(Some("tasklane.db".into()), dir), Err(OpenError::InvalidUrl { .. })));
    }

    #[test]
    fn a_file_path_with_url_characters_round_trips() {
        let path = Path::new("/data/50% done?/#1/tasklane.db");
        let location = DatabaseLocation::file(path);
        assert_eq!(DatabaseLocation::from_url(&location.url).unwrap().path.as_deref(), Some(path));
    }
}
