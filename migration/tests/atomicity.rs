//! A migration that fails halfway leaves the database file exactly as it was, so the app can open and
//! migrate it again.

mod common;

use std::path::Path;

use common::{JOURNAL_MODES, TestMigrator, canonical_dump, close, fixture, open, strings};
use migration::{Migrator, MigratorTrait, atomic};
use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::sqlx::sqlite::SqliteJournalMode;

/// Changes data and schema with statements that succeed, then runs one that fails.
struct FailsHalfway {
    use_transaction: Option<bool>,
}

impl MigrationName for FailsHalfway {
    fn name(&self) -> &str {
        "m29991231_000001_fail_halfway"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for FailsHalfway {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        db.execute_unprepared("CREATE TABLE half_built (id INTEGER PRIMARY KEY, note TEXT NOT NULL) STRICT").await?;
        db.execute_unprepared("INSERT INTO half_built (note) VALUES ('written before the failure')").await?;
        db.execute_unprepared("ALTER TABLE tasks ADD COLUMN half_built INTEGER").await?;
        db.execute_unprepared("UPDATE tasks SET title = 'overwritten', half_built = 1").await?;
        db.execute_unprepared("DELETE FROM settings").await?;
        db.execute_unprepared("INSERT INTO no_such_table VALUES (1)").await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.get_connection().execute_unprepared("DROP TABLE half_built").await.map(drop)
    }

    fn use_transaction(&self) -> Option<bool> {
        self.use_transaction
    }
}

/// Runs a real migration, then fails: the whole step must be undone, the real statements included.
struct ThenFails(Box<dyn MigrationTrait>);

impl MigrationName for ThenFails {
    fn name(&self) -> &str {
        self.0.name()
    }
}

#[async_trait::async_trait]
impl MigrationTrait for ThenFails {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        self.0.up(manager).await?;
        Err(DbErr::Migration(format!("{} is followed by a failure", self.0.name())))
    }

    fn use_transaction(&self) -> Option<bool> {
        self.0.use_transaction()
    }
}

fn real_then_failing_atomic() -> Vec<Box<dyn MigrationTrait>> {
    let mut all = Migrator::migrations();
    all.push(atomic(Box::new(FailsHalfway { use_transaction: None })));
    all
}

fn real_then_failing_without_transaction() -> Vec<Box<dyn MigrationTrait>> {
    let mut all = Migrator::migrations();
    all.push(Box::new(FailsHalfway { use_transaction: Some(false) }));
    all
}

/// The file's bytes and canonical dump once every connection is closed.
async fn snapshot(path: &Path, journal: SqliteJournalMode) -> (Vec<u8>, String) {
    let db = open(path, journal).await;
    let dump = canonical_dump(&db).await;
    close(db).await;
    (std::fs::read(path).unwrap(), dump)
}

/// The v5 fixture (real data) brought up to date by the real migrations, in `journal` mode.
async fn migrated_fixture(journal: SqliteJournalMode) -> (tempfile::TempDir, std::path::PathBuf) {
    let (dir, path) = common::copy_to_temp(&fixture::folder().join("schema-v5.sqlite"));
    let db = open(&path, journal).await;
    Migrator::up(&db, None).await.unwrap();
    close(db).await;
    (dir, path)
}

#[test]
fn every_migration_runs_in_a_transaction() {
    for migration in Migrator::migrations() {
        assert_eq!(migration.use_transaction(), Some(true), "{} would not be atomic on SQLite", migration.name());
    }
}

#[tokio::test]
async fn a_migration_that_fails_halfway_leaves_the_file_byte_identical() {
    for journal in JOURNAL_MODES {
        let (_dir, path) = migrated_fixture(journal).await;
        let (bytes_before, dump_before) = snapshot(&path, journal).await;
        assert!(dump_before.contains("Buy milk"), "the fixture's data is there to be damaged");

        let db = open(&path, journal).await;
        let err = TestMigrator::new(real_then_failing_atomic).up(&db).await.unwrap_err();
        assert!(err.to_string().contains("no_such_table"), "{journal:?}: failed for another reason: {err}");
        close(db).await;

        let (bytes_after, dump_after) = snapshot(&path, journal).await;
        assert_eq!(dump_after, dump_before, "{journal:?}: the content changed");
        assert!(bytes_after == bytes_before, "{journal:?}: the file's bytes changed");
        let wal = format!("{}-wal", path.display());
        assert!(std::fs::metadata(&wal).map_or(true, |meta| meta.len() == 0), "{journal:?}: a WAL is left");

        let db = open(&path, journal).await;
        Migrator::up(&db, None).await.expect("the app migrates the file after the failure");
        common::assert_sound(&db, &format!("{journal:?}")).await;
        let pending = TestMigrator::new(real_then_failing_atomic).pending(&db).await;
        assert_eq!(pending, 1, "{journal:?}: only the failed migration is pending");
        close(db).await;
    }
}

#[tokio::test]
async fn without_a_transaction_the_same_failure_leaves_a_half_built_file() {
    // The control for the test above: the comparison does see a half-applied migration.
    for journal in JOURNAL_MODES {
        let (_dir, path) = migrated_fixture(journal).await;
        let (bytes_before, dump_before) = snapshot(&path, journal).await;

        let db = open(&path, journal).await;
        TestMigrator::new(real_then_failing_without_transaction).up(&db).await.unwrap_err();
        let half_built = strings(&db, "SELECT note FROM half_built").await;
        assert_eq!(half_built, ["written before the failure"], "{journal:?}");
        close(db).await;

        let (bytes_after, dump_after) = snapshot(&path, journal).await;
        assert_ne!(dump_after, dump_before, "{journal:?}");
        assert!(bytes_after != bytes_before, "{journal:?}");
    }
}

#[tokio::test]
async fn every_real_migration_is_undone_when_its_step_fails() {
    let total = Migrator::migrations().len();
    for failing in 0..total {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("step.db");
        let db = open(&path, SqliteJournalMode::Wal).await;
        Migrator::up(&db, Some(failing as u32)).await.unwrap();
        close(db).await;
        let (bytes_before, dump_before) = snapshot(&path, SqliteJournalMode::Wal).await;

        let failing_step = move || {
            let mut all = Migrator::migrations();
            let real = all.remove(failing);
            all.insert(failing, Box::new(ThenFails(real)));
            all
        };
        let name = Migrator::migrations()[failing].name().to_owned();
        let db = open(&path, SqliteJournalMode::Wal).await;
        let migrator = TestMigrator::new(failing_step);
        let err = migrator.up(&db).await.unwrap_err();
        assert!(err.to_string().contains("is followed by a failure"), "{name}: {err}");
        close(db).await;

        let (bytes_after, dump_after) = snapshot(&path, SqliteJournalMode::Wal).await;
        assert_eq!(dump_after, dump_before, "{name} was not undone");
        assert!(bytes_after == bytes_before, "{name}: the file's bytes changed");
    }
}
