//! Helpers shared by the migration tests: opening a file like the app does, closing it so that its
//! bytes are final, and reading a database as canonical text.

#![allow(dead_code)]

pub mod fixture;

use std::path::{Path, PathBuf};

use sea_orm_migration::MigrationTrait;
use sea_orm_migration::sea_orm::sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode};
use sea_orm_migration::sea_orm::{ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DbErr, Statement};

/// The journal modes a Tasklane file can be in: WAL is what the app uses, DELETE is SQLite's default.
pub const JOURNAL_MODES: [SqliteJournalMode; 2] = [SqliteJournalMode::Wal, SqliteJournalMode::Delete];

/// Opens (creating) the SQLite file at `path` in `journal` mode with foreign keys on, as the app does.
pub async fn open(path: &Path, journal: SqliteJournalMode) -> DatabaseConnection {
    let mut options = ConnectOptions::new(format!("sqlite://{}?mode=rwc", path.display()));
    options.sqlx_logging(false).max_connections(2);
    options.map_sqlx_sqlite_opts(move |opts: SqliteConnectOptions| opts.journal_mode(journal).foreign_keys(true));
    Database::connect(options).await.unwrap()
}

/// Checkpoints the WAL into the main file and closes every connection, so the file's bytes are final.
pub async fn close(db: DatabaseConnection) {
    db.execute_unprepared("PRAGMA wal_checkpoint(TRUNCATE)").await.unwrap();
    db.close().await.unwrap();
}

/// The text of the first column of every row of `sql`.
pub async fn strings(db: &DatabaseConnection, sql: &str) -> Vec<String> {
    let rows = db.query_all_raw(Statement::from_string(db.get_database_backend(), sql)).await.unwrap();
    rows.iter().map(|row| row.try_get_by_index::<String>(0).unwrap()).collect()
}

/// `"name"`, quoted as an SQL identifier.
pub fn ident(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// `'text'`, quoted as an SQL string literal.
pub fn literal(text: &str) -> String {
    format!("'{}'", text.replace('\'', "''"))
}

/// The tables of the database, `seaql_migrations` included, SQLite's own excluded.
pub async fn tables(db: &DatabaseConnection) -> Vec<String> {
    strings(db, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").await
}

/// The columns of `table`, in their order in the table.
pub async fn columns(db: &DatabaseConnection, table: &str) -> Vec<String> {
    strings(db, &format!("SELECT name FROM pragma_table_info({}) ORDER BY cid", literal(table))).await
}

/// Every row of `table` as the SQL literals of `columns` (`quote()`, so the type shows: 1, '1', X'01',
/// NULL), ordered by the primary key, or by every column when there is none.
pub async fn rows(db: &DatabaseConnection, table: &str, columns: &[String]) -> Vec<Vec<String>> {
    let mut order =
        strings(db, &format!("SELECT name FROM pragma_table_info({}) WHERE pk > 0 ORDER BY pk", literal(table))).await;
    if order.is_empty() {
        order = columns.to_vec();
    }
    let values: Vec<String> = columns.iter().map(|column| format!("quote({})", ident(column))).collect();
    let order: Vec<String> = order.iter().map(|column| ident(column)).collect();
    let sql = format!("SELECT {} FROM {} ORDER BY {}", values.join(", "), ident(table), order.join(", "));
    let rows = db.query_all_raw(Statement::from_string(db.get_database_backend(), sql)).await.unwrap();
    rows.iter().map(|row| (0..columns.len()).map(|i| row.try_get_by_index::<String>(i).unwrap()).collect()).collect()
}

/// The schema and every row of every table as text: two databases with the same dump hold the same data.
pub async fn canonical_dump(db: &DatabaseConnection) -> String {
    let mut dump = strings(
        db,
        "SELECT type || ' ' || name || ': ' || coalesce(sql, '') FROM sqlite_master \
         WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name",
    )
    .await
    .join("\n");
    for table in tables(db).await {
        let columns = columns(db, &table).await;
        dump.push_str(&format!("\n\n{table} ({})", columns.join(", ")));
        for row in rows(db, &table, &columns).await {
            dump.push('\n');
            dump.push_str(&row.join(", "));
        }
    }
    dump
}

/// FNV-1a, 64 bits: a checksum that is the same on every platform and Rust version.
pub fn checksum<'a>(texts: impl IntoIterator<Item = &'a String>) -> u64 {
    let mut hash = 0xcbf2_9ce4_8422_2325_u64;
    for text in texts {
        for byte in text.bytes().chain([0xff]) {
            hash = (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
        }
    }
    hash
}

/// `PRAGMA integrity_check` says ok and `PRAGMA foreign_key_check` finds nothing.
pub async fn assert_sound(db: &DatabaseConnection, what: &str) {
    assert_eq!(strings(db, "PRAGMA integrity_check").await, ["ok"], "{what}: integrity_check");
    let orphans =
        db.query_all_raw(Statement::from_string(db.get_database_backend(), "PRAGMA foreign_key_check")).await.unwrap();
    assert!(orphans.is_empty(), "{what}: foreign_key_check found {} rows pointing nowhere", orphans.len());
}

/// A copy of `source` in a new temporary folder.
pub fn copy_to_temp(source: &Path) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(source.file_name().unwrap());
    std::fs::copy(source, &path).unwrap();
    (dir, path)
}

/// A migrator built at run time: the tests need lists that `Migrator` does not have.
pub struct TestMigrator(Box<dyn Fn() -> Vec<Box<dyn MigrationTrait>> + Send + Sync>);

impl TestMigrator {
    pub fn new(migrations: impl Fn() -> Vec<Box<dyn MigrationTrait>> + Send + Sync + 'static) -> Self {
        Self(Box::new(migrations))
    }

    /// Applies every pending migration of the list.
    pub async fn up(&self, db: &DatabaseConnection) -> Result<(), DbErr> {
        sea_orm_migration::MigratorTraitSelf::up(self, db, None).await
    }

    /// How many migrations of the list are not applied.
    pub async fn pending(&self, db: &DatabaseConnection) -> usize {
        sea_orm_migration::MigratorTraitSelf::get_pending_migrations(self, db).await.unwrap().len()
    }
}

// Named in full: in scope, its blanket impl would make `Migrator::up` ambiguous.
impl sea_orm_migration::MigratorTraitSelf for TestMigrator {
    fn migrations(&self) -> Vec<Box<dyn MigrationTrait>> {
        (self.0)()
    }
}
