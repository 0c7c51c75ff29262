//! Every fixture database (one per released schema, in tests/fixtures) upgrades to the current schema
//! with every row and every value of the columns that still exist.

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use common::{TestMigrator, assert_sound, canonical_dump, checksum, close, columns, fixture, open, rows, tables};
use migration::{Migrator, MigratorTrait};
use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::DatabaseConnection;
use sea_orm_migration::sea_orm::sqlx::sqlite::SqliteJournalMode;

/// The table that records applied migrations: it grows with every upgrade by design.
const BOOKKEEPING: &str = "seaql_migrations";

/// A table's columns and its rows as SQL literals, ordered by primary key.
struct Content {
    columns: Vec<String>,
    rows: Vec<Vec<String>>,
}

impl Content {
    /// The rows reduced to `kept` columns, as one text per row.
    fn project(&self, kept: &[String]) -> Vec<String> {
        let at: Vec<usize> = kept.iter().map(|c| self.columns.iter().position(|own| own == c).unwrap()).collect();
        self.rows.iter().map(|row| at.iter().map(|&i| row[i].as_str()).collect::<Vec<_>>().join(", ")).collect()
    }
}

async fn contents(db: &DatabaseConnection) -> BTreeMap<String, Content> {
    let mut all = BTreeMap::new();
    for table in tables(db).await.into_iter().filter(|table| table != BOOKKEEPING) {
        let columns = columns(db, &table).await;
        let rows = rows(db, &table, &columns).await;
        all.insert(table, Content { columns, rows });
    }
    all
}

#[test]
fn there_is_a_fixture_for_the_first_release() {
    let names: Vec<String> =
        fixture::databases().iter().map(|p| p.file_name().unwrap().to_string_lossy().into_owned()).collect();
    assert!(names.iter().any(|name| name == "schema-v5.sqlite"), "{names:?}");
}

/// A migration made of SQL statements, to show what the upgrade check catches.
struct Sql(&'static [&'static str]);

impl MigrationName for Sql {
    fn name(&self) -> &str {
        "m29991231_000001_test_only"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Sql {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for statement in self.0 {
            manager.get_connection().execute_unprepared(statement).await?;
        }
        Ok(())
    }
}

/// Copies the fixture `source`, runs every migration (then the `extra` statements as one more), and
/// checks that every table kept its row count and the values of the columns that still exist.
async fn assert_upgrade_keeps_every_value(source: &Path, extra: &'static [&'static str]) {
    let name = source.file_name().unwrap().to_string_lossy().into_owned();
    let (_dir, path) = common::copy_to_temp(source);
    let db = open(&path, SqliteJournalMode::Wal).await;
    assert_sound(&db, &name).await;
    let applied = Migrator::get_applied_migrations(&db).await.unwrap().len();
    assert_eq!(applied as u32, fixture::version_of(source), "{name}: its applied migrations");
    let before = contents(&db).await;
    for (table, content) in &before {
        assert!(!content.rows.is_empty(), "{name}: {table} has no rows, so nothing of it is checked");
    }

    Migrator::up(&db, None).await.unwrap_or_else(|err| panic!("{name} does not upgrade: {err}"));
    assert!(Migrator::get_pending_migrations(&db).await.unwrap().is_empty(), "{name}");
    if !extra.is_empty() {
        let with_extra = move || {
            let mut all = Migrator::migrations();
            all.push(migration::atomic(Box::new(Sql(extra))));
            all
        };
        TestMigrator::new(with_extra).up(&db).await.unwrap();
    }
    assert_sound(&db, &name).await;

    let after = contents(&db).await;
    for (table, old) in &before {
        let Some(new) = after.get(table) else { panic!("{name}: the upgrade dropped the table {table}") };
        let kept: Vec<String> = old.columns.iter().filter(|c| new.columns.contains(c)).cloned().collect();
        assert!(!kept.is_empty(), "{name}: no column of {table} is left");
        assert_eq!(new.rows.len(), old.rows.len(), "{name}: the row count of {table}");
        let (old_rows, new_rows) = (old.project(&kept), new.project(&kept));
        if checksum(&old_rows) != checksum(&new_rows) {
            let changed = old_rows.iter().zip(&new_rows).find(|(old, new)| old != new);
            panic!("{name}: the content of {table} ({}) changed; first difference: {changed:?}", kept.join(", "));
        }
    }
    close(db).await;
}

#[tokio::test]
async fn every_fixture_upgrades_with_every_row_and_value() {
    for source in fixture::databases() {
        assert_upgrade_keeps_every_value(&source, &[]).await;
    }
}

#[tokio::test]
async fn an_added_column_with_a_default_is_not_part_of_the_old_checksum() {
    let statements = &["ALTER TABLE tags ADD COLUMN colour TEXT NOT NULL DEFAULT '#000000'"];
    assert_upgrade_keeps_every_value(&fixture::folder().join("schema-v5.sqlite"), statements).await;
}

#[tokio::test]
#[should_panic(expected = "the content of tasks")]
async fn an_upgrade_that_rewrites_a_value_is_caught() {
    let statements = &["UPDATE tasks SET title = 'Cafe creme' WHERE title LIKE 'Caf%'"];
    assert_upgrade_keeps_every_value(&fixture::folder().join("schema-v5.sqlite"), statements).await;
}

#[tokio::test]
#[should_panic(expected = "the row count of task_tags")]
async fn an_upgrade_that_loses_a_row_is_caught() {
    let statements = &["DELETE FROM task_tags WHERE task_id = '20000000-0000-4000-8000-000000000001'"];
    assert_upgrade_keeps_every_value(&fixture::folder().join("schema-v5.sqlite"), statements).await;
}

#[tokio::test]
async fn fixtures_match_their_seeds() {
    for committed in fixture::databases() {
        let version = fixture::version_of(&committed);
        let scratch = tempfile::tempdir().unwrap();
        let rebuilt = scratch.path().join("rebuilt.sqlite");
        fixture::build(version, &rebuilt).await.unwrap();

        let dump = |path: std::path::PathBuf| async move {
            let db = open(&path, SqliteJournalMode::Delete).await;
            let dump = canonical_dump(&db).await;
            close(db).await;
            dump
        };
        let (_dir, copy) = common::copy_to_temp(&committed);
        assert!(
            dump(copy).await == dump(rebuilt).await,
            "{} is stale: run `cargo run -p migration --example make_fixture -- {version}`",
            committed.display()
        );
    }
}

/// What later migrations derive from the rows, the search index and the kept task counts, is
/// built for the data an upgraded file already holds (not only kept up by triggers afterwards).
#[tokio::test]
async fn an_upgraded_fixture_indexes_and_counts_the_tasks_it_already_had() {
    for source in fixture::databases() {
        let name = source.file_name().unwrap().to_string_lossy().into_owned();
        let (_dir, path) = common::copy_to_temp(&source);
        let db = open(&path, SqliteJournalMode::Wal).await;
        Migrator::up(&db, None).await.unwrap_or_else(|err| panic!("{name} does not upgrade: {err}"));

        // One value, as text.
        let one = |sql: &'static str| {
            let db = db.clone();
            async move { common::strings(&db, &format!("SELECT CAST(({sql}) AS TEXT)")).await.concat() }
        };
        assert_ne!(one("SELECT COUNT(*) FROM tasks").await, "0", "{name}: a fixture with tasks");
        let unindexed = "SELECT COUNT(*) FROM tasks t WHERE NOT EXISTS (
            SELECT 1 FROM task_search s JOIN task_search_rows r ON r.search_rowid = s.rowid
            WHERE r.task_id = t.id AND s.title = t.title AND s.description = coalesce(t.description, ''))";
        assert_eq!(one(unindexed).await, "0", "{name}: every task is in the search index with its text");
        assert_eq!(
            one("SELECT (SELECT COUNT(*) FROM task_search) = (SELECT COUNT(*) FROM tasks)").await,
            "1",
            "{name}: one index row a task"
        );
        let found = "SELECT COUNT(*) FROM task_search WHERE task_search MATCH (
            SELECT '\"' || replace(substr(title, 1, instr(title || ' ', ' ') - 1), '\"', '') || '\"*' FROM tasks LIMIT 1)";
        assert_ne!(one(found).await, "0", "{name}: a search for the first word of a title finds it");
        let kept = "SELECT group_concat(id || ':' || task_count || '/' || open_task_count, ' ') FROM
            (SELECT * FROM projects ORDER BY id)";
        let recounted = "SELECT group_concat(id || ':' || n || '/' || open, ' ') FROM
            (SELECT p.id, COUNT(t.id) AS n, COUNT(t.id) FILTER (WHERE t.status <> 'done') AS open
             FROM projects p LEFT JOIN task_projects tp ON tp.project_id = p.id
             LEFT JOIN tasks t ON t.id = tp.task_id GROUP BY p.id ORDER BY p.id)";
        assert_eq!(one(kept).await, one(recounted).await, "{name}: project task counts");
        assert_eq!(
            one("SELECT task_count || '/' || open_task_count FROM task_totals").await,
            one("SELECT COUNT(*) || '/' || COUNT(*) FILTER (WHERE status <> 'done') FROM tasks").await,
            "{name}: task totals"
        );
        close(db).await;
    }
}
