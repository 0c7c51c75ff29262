//! Automatic backups of a database file, and restoring one.
//!
//! Each backup is a `VACUUM INTO` copy in the `backups` folder next to the database, named after
//! the database file, the time (UTC) and why it was made: `tasklane-20261208T093000Z-daily.db`.
//! Copies are made at start-up (at most once a day), before every import, and before the schema
//! is updated; each kind keeps its last few ([`keep`]). A server's database gets none: backing up
//! a server is its administrator's job (docs/TEAM.md).
//!
//! Restoring never replaces the file under the open pool. The backup is copied aside, checked
//! (`integrity_check`, Tasklane's schema, not newer than this app), brought up to date, and its
//! rows replace the database's in one write transaction on a connection of its own, so other
//! windows and connections see either the old tasks or the restored ones, and a crash or a bad
//! backup leaves the database as it was.

use std::path::{Path, PathBuf};

use chrono::{DateTime, NaiveDateTime, Timelike, Utc};
use migration::{Migrator, MigratorTrait};
use sea_orm::{ConnectionTrait, Database, DatabaseConnection, DbBackend, DbErr, Statement, Value};

use super::connection::{DatabaseLocation, single_connection};
use super::{begin_write, search_queue};
use crate::error::{AppError, AppResult};
use crate::models::{Backup, BackupKind, RestoreSummary};

/// The folder, next to the database file, that holds its backups.
pub const FOLDER: &str = "backups";
const STAMP: &str = "%Y%m%dT%H%M%SZ";

/// The tables that hold what users wrote, parents first. Everything else (search index, counts)
/// is derived from them by triggers.
const TABLES: [&str; 6] = ["settings", "projects", "tags", "tasks", "task_tags", "task_projects"];
/// Columns kept by triggers: a restored row starts at 0 and the links it gets count it again.
const DERIVED_COLUMNS: [&str; 2] = ["task_count", "open_task_count"];

/// How many backups of a kind are kept.
pub fn keep(kind: BackupKind) -> usize {
    match kind {
        BackupKind::Daily => 7,
        BackupKind::Import | BackupKind::Migration | BackupKind::Restore => 5,
    }
}

fn word(kind: BackupKind) -> &'static str {
    match kind {
        BackupKind::Daily => "daily",
        BackupKind::Import => "import",
        BackupKind::Migration => "migration",
        BackupKind::Restore => "restore",
    }
}

/// The backups of one database file.
#[derive(Clone, Debug)]
pub struct Backups {
    folder: PathBuf,
    /// The database file's name without its extension: backups of other files in the same
    /// folder are not this file's.
    stem: String,
}

impl Backups {
    /// The backups of the database at `location`; `None` for a server or an in-memory database.
    pub fn of(location: &DatabaseLocation) -> Option<Self> {
        let path = location.path.as_deref()?;
        let stem = path.file_stem()?.to_string_lossy().into_owned();
        Some(Self { folder: path.parent().unwrap_or(Path::new(".")).join(FOLDER), stem })
    }

    pub fn folder(&self) -> &Path {
        &self.folder
    }

    /// What is in the folder, newest first. A missing folder holds nothing.
    pub fn list(&self) -> std::io::Result<Vec<Backup>> {
        let entries = match std::fs::read_dir(&self.folder) {
            Ok(entries) => entries,
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(err) => return Err(err),
        };
        let mut backups = Vec::new();
        for entry in entries {
            let entry = entry?;
            let name = entry.file_name().to_string_lossy().into_owned();
            let Some((created_at, kind, n)) = self.parse(&name) else { continue };
            let bytes = entry.metadata().map(|meta| meta.len()).unwrap_or(0);
            backups.push((n, Backup { name, kind, created_at: created_at.into(), bytes }));
        }
        // Newest first; within one second, the later copy has the higher number.
        backups.sort_by(|(an, a), (bn, b)| b.created_at.cmp(&a.created_at).then(bn.cmp(an)));
        Ok(backups.into_iter().map(|(_, backup)| backup).collect())
    }

    /// `<stem>-<stamp>-<kind>.db`, or `<stem>-<stamp>-<kind>-<n>.db` for the n-th copy of a kind in
    /// one second: when it was made, why, and n (1 when absent).
    fn parse(&self, name: &str) -> Option<(DateTime<Utc>, BackupKind, u32)> {
        let rest = name.strip_prefix(&self.stem)?.strip_prefix('-')?.strip_suffix(".db")?;
        let (stamp, rest) = rest.split_once('-')?;
        let (kind_word, n) = match rest.split_once('-') {
            Some((kind, n)) => (kind, n.parse().ok()?),
            None => (rest, 1),
        };
        let kind = [BackupKind::Daily, BackupKind::Import, BackupKind::Migration, BackupKind::Restore]
            .into_iter()
            .find(|kind| word(*kind) == kind_word)?;
        let time = NaiveDateTime::parse_from_str(stamp, STAMP).ok()?.and_utc();
        Some((time, kind, n))
    }

    /// Writes a backup of `db` now, then removes the oldest of its kind beyond [`keep`].
    pub async fn write<C: ConnectionTrait>(&self, db: &C, kind: BackupKind) -> Result<Backup, String> {
        std::fs::create_dir_all(&self.folder)
            .map_err(|err| format!("cannot create the folder {}: {err}", self.folder.display()))?;
        let now = Utc::now().with_nanosecond(0).unwrap_or_else(Utc::now);
        let base = format!("{}-{}-{}", self.stem, now.format(STAMP), word(kind));
        // Numbered after every copy of this second (a pruned one's number is not reused, so the
        // order of the numbers stays the order of the copies), and never over an existing file.
        let taken = std::fs::read_dir(&self.folder)
            .map_err(|err| format!("cannot read the folder {}: {err}", self.folder.display()))?
            .filter_map(|entry| entry.ok())
            .filter_map(|entry| self.parse(&entry.file_name().to_string_lossy()))
            .filter(|(time, k, _)| *time == now && *k == kind)
            .map(|(_, _, n)| n)
            .max()
            .unwrap_or(0);
        let name = (taken + 1..)
            .map(|n| if n == 1 { format!("{base}.db") } else { format!("{base}-{n}.db") })
            .find(|name| !self.folder.join(name).exists())
            .unwrap_or_else(|| format!("{base}.db"));
        let target = self.folder.join(&name);
        write_copy(db, &target).await?;
        let bytes = std::fs::metadata(&target).map(|meta| meta.len()).unwrap_or(0);
        self.prune(kind);
        Ok(Backup { name, kind, created_at: now.into(), bytes })
    }

    /// Writes the daily backup unless one was written today (UTC); `None` when there was one.
    pub async fn daily<C: ConnectionTrait>(&self, db: &C) -> Result<Option<Backup>, String> {
        let today = Utc::now().date_naive();
        let listed = self.list().map_err(|err| format!("cannot read {}: {err}", self.folder.display()))?;
        let done_today = listed
            .iter()
            .any(|b| b.kind == BackupKind::Daily && DateTime::<Utc>::from(b.created_at).date_naive() == today);
        if done_today {
            return Ok(None);
        }
        self.write(db, BackupKind::Daily).await.map(Some)
    }

    /// Removes the backups of `kind` beyond the newest [`keep`]; a file that cannot be removed is
    /// logged and left.
    fn prune(&self, kind: BackupKind) {
        let Ok(listed) = self.list() else { return };
        for old in listed.iter().filter(|b| b.kind == kind).skip(keep(kind)) {
            if let Err(err) = std::fs::remove_file(self.folder.join(&old.name)) {
                log::warn!("cannot remove the old backup {}: {err}", old.name);
            }
        }
    }

    /// Replaces every task, project, tag, link and setting of the database at `location` with the
    /// backup `name`'s, after saving the database as it is as a `restore` backup.
    ///
    /// Errors: `NOT_FOUND` (no such backup), `VALIDATION` (a damaged file, not a Tasklane database,
    /// or one from a newer Tasklane: the database is untouched), `DATABASE`, `INTERNAL`.
    pub async fn restore(
        &self,
        db: &DatabaseConnection,
        location: &DatabaseLocation,
        name: &str,
    ) -> AppResult<RestoreSummary> {
        let listed = self.list().map_err(|err| AppError::Internal(format!("cannot read the backups: {err}")))?;
        let Some(backup) = listed.iter().find(|b| b.name == name) else {
            return Err(AppError::NotFound {
                field: Some("request.name"),
                message: format!("There is no backup named {name:?}"),
            });
        };
        let staged = tempfile::Builder::new()
            .prefix(".restore-")
            .suffix(".db")
            .tempfile_in(&self.folder)
            .map_err(|err| AppError::Internal(format!("cannot copy the backup: {err}")))?;
        std::fs::copy(self.folder.join(&backup.name), staged.path())
            .map_err(|err| AppError::Internal(format!("cannot copy the backup: {err}")))?;
        let (tasks, projects) = prepare(staged.path(), name).await?;

        let saved = self
            .write(db, BackupKind::Restore)
            .await
            .map_err(|err| AppError::Internal(format!("cannot save the database before restoring: {err}")))?;
        replace_rows(location, staged.path()).await?;
        log::info!("restored the backup {name} ({tasks} tasks); the database before it is {}", saved.name);
        Ok(RestoreSummary { restored: name.to_owned(), saved_as: saved.name, tasks, projects })
    }
}

/// Checks the copy of a backup at `path` and brings its schema up to date; returns how many
/// tasks and projects it holds. Refusals are `VALIDATION` errors that name the backup.
async fn prepare(path: &Path, name: &str) -> AppResult<(u64, u64)> {
    let refused = |why: String| AppError::Validation {
        field: Some("request.name"),
        message: format!("The backup {name} cannot be restored: {why}. Your tasks were not changed."),
    };
    let url = DatabaseLocation::file(path).url.replace("mode=rwc", "mode=rw");
    let copy = Database::connect(url).await.map_err(|err| match err.to_string().contains("not a database") {
        true => refused("it is not a SQLite database".into()),
        false => refused(format!("it cannot be opened ({err})")),
    })?;
    let checked = async {
        let sql = |text: &str| Statement::from_string(DbBackend::Sqlite, text.to_owned());
        let integrity: String = match copy.query_one_raw(sql("PRAGMA integrity_check")).await {
            Ok(Some(row)) => row.try_get_by_index(0).unwrap_or_default(),
            Ok(None) => String::new(),
            Err(err) if err.to_string().contains("not a database") => {
                return Err(refused("it is not a SQLite database".into()));
            }
            Err(err) => return Err(refused(format!("it is damaged ({err})"))),
        };
        if integrity != "ok" {
            return Err(refused(format!("it is damaged (integrity check: {integrity})")));
        }
        let applied: Vec<String> = match copy.query_all_raw(sql("SELECT version FROM seaql_migrations")).await {
            Ok(rows) => rows.iter().filter_map(|row| row.try_get_by_index::<String>(0).ok()).collect(),
            Err(_) => return Err(refused("it is not a Tasklane database".into())),
        };
        let known: Vec<String> = Migrator::migrations().iter().map(|m| m.name().to_owned()).collect();
        if !applied.iter().any(|name| known.contains(name)) {
            return Err(refused("it is not a Tasklane database".into()));
        }
        if let Some(unknown) = applied.iter().find(|name| !known.contains(name)) {
            return Err(refused(format!("it was made by a newer version of Tasklane (its schema has {unknown})")));
        }
        Migrator::up(&copy, None).await.map_err(|err| refused(format!("it cannot be brought up to date ({err})")))?;
        let count = |table: &str| {
            let copy = &copy;
            let statement = sql(&format!("SELECT count(*) FROM {table}"));
            async move {
                let row = copy.query_one_raw(statement).await?;
                Ok::<u64, DbErr>(row.map(|row| row.try_get_by_index::<i64>(0)).transpose()?.unwrap_or(0) as u64)
            }
        };
        Ok((count("tasks").await?, count("projects").await?))
    }
    .await;
    let _ = copy.close().await;
    checked
}

/// In one write transaction on a connection of its own: deletes every row of [`TABLES`] and
/// inserts the staged copy's, column by column (the triggers rebuild the counts; search is
/// re-indexed once at the end).
async fn replace_rows(location: &DatabaseLocation, staged: &Path) -> AppResult<()> {
    let single = single_connection(location).await?;
    let sql = |text: String| Statement::from_string(DbBackend::Sqlite, text);
    let staged_text = staged.to_str().ok_or_else(|| AppError::Internal("the backup's path is not UTF-8".into()))?;
    single
        .execute_raw(Statement::from_sql_and_values(
            DbBackend::Sqlite,
            "ATTACH DATABASE ? AS restored",
            [Value::from(staged_text)],
        ))
        .await?;
    let replaced = async {
        let txn = begin_write(&single).await?;
        search_queue::pause(&txn).await?;
        for table in TABLES.iter().rev() {
            txn.execute_raw(sql(format!("DELETE FROM main.{table}"))).await?;
        }
        for table in TABLES {
            let columns: Vec<String> = txn
                .query_all_raw(sql(format!("SELECT name FROM pragma_table_info('{table}', 'main')")))
                .await?
                .iter()
                .filter_map(|row| row.try_get_by_index::<String>(0).ok())
                .filter(|column| !DERIVED_COLUMNS.contains(&column.as_str()))
                .map(|column| format!("\"{column}\""))
                .collect();
            let columns = columns.join(", ");
            txn.execute_raw(sql(format!(
                "INSERT INTO main.{table} ({columns}) SELECT {columns} FROM restored.{table}"
            )))
            .await?;
        }
        search_queue::index_queued(&txn).await?;
        txn.commit().await?;
        Ok::<(), AppError>(())
    }
    .await;
    let _ = single.execute_raw(sql("DETACH DATABASE restored".into())).await;
    let _ = single.close().await;
    replaced
}

/// Writes a `VACUUM INTO` copy of the database at `target` by way of `<target>.tmp`, synced to disk
/// before the rename; on failure the unfinished copy is removed.
pub(crate) async fn write_copy<C: ConnectionTrait>(db: &C, target: &Path) -> Result<(), String> {
    let mut partial = target.as_os_str().to_owned();
    partial.push(".tmp");
    let partial = PathBuf::from(partial);
    match std::fs::remove_file(&partial) {
        Err(err) if err.kind() != std::io::ErrorKind::NotFound => {
            return Err(format!("cannot remove the unfinished copy {}: {err}", partial.display()));
        }
        _ => {}
    }
    let Some(partial_text) = partial.to_str() else { return Err("its path is not valid UTF-8".into()) };
    let vacuum =
        Statement::from_sql_and_values(db.get_database_backend(), "VACUUM INTO ?", [Value::from(partial_text)]);
    let written = async {
        db.execute_raw(vacuum).await.map_err(|err| err.to_string())?;
        std::fs::File::open(&partial).and_then(|file| file.sync_all()).map_err(|err| err.to_string())?;
        std::fs::rename(&partial, target).map_err(|err| err.to_string())
    }
    .await;
    if written.is_err() {
        let _ = std::fs::remove_file(&partial);
    }
    written
}
