//! Helpers shared by the integration tests: real SQLite databases with the schema applied.
#![allow(dead_code)]

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use sea_orm::{ConnectionTrait, DatabaseConnection, Statement};
use tasklane_lib::db::task_operations::get_tasks;
use tasklane_lib::db::{self, DatabaseLocation};
use tasklane_lib::error::AppResult;
use tasklane_lib::models::{PageRequest, TaskDto, TaskFilter};
use tempfile::TempDir;

pub mod app;

/// Every task matching `filter`, walking the pages of `get_tasks` (500 at a time).
pub async fn all_tasks<C: sea_orm::ConnectionTrait>(db: &C, filter: TaskFilter) -> AppResult<Vec<TaskDto>> {
    let mut tasks = Vec::new();
    let mut after = None;
    loop {
        let page = get_tasks(db, filter.clone(), PageRequest { limit: Some(500), after }).await?;
        tasks.extend(page.tasks);
        match page.next {
            Some(next) => after = Some(next),
            None => return Ok(tasks),
        }
    }
}

/// The engine a suite runs on. `cargo test` runs every suite on SQLite; `make test-rust` then runs
/// the suites that must agree on both engines again with `TASKLANE_TEST_ENGINE=postgres`, on the
/// throwaway server of `scripts/pg-server.sh` (`TASKLANE_TEST_PG_URL`). Tests that only make
/// sense on SQLite (its files, VACUUM, its disk faults) are named `sqlite_only_…` and skipped there
/// by name, in the Makefile, where it can be read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Engine {
    Sqlite,
    Postgres,
}

pub fn engine() -> Engine {
    match std::env::var("TASKLANE_TEST_ENGINE").as_deref() {
        Ok("postgres") => Engine::Postgres,
        Ok("sqlite") | Err(_) => Engine::Sqlite,
        Ok(other) => panic!("TASKLANE_TEST_ENGINE is `{other}`: say `sqlite` or `postgres`"),
    }
}

/// The server the PostgreSQL runs use: an account that may create databases.
pub fn server_url() -> String {
    std::env::var("TASKLANE_TEST_PG_URL").unwrap_or_else(|_| {
        panic!(
            "TASKLANE_TEST_PG_URL is not set. `make test-rust` starts a throwaway PostgreSQL server and sets it; \
             by hand: scripts/pg-server.sh run target/tmp/pg-test -- cargo test ..."
        )
    })
}

/// A new, empty database on the test server (the schema is applied when it is opened), and its URL.
pub async fn new_server_database() -> String {
    let admin_url = server_url();
    let name = format!("t_{}", uuid::Uuid::new_v4().simple());
    let mut options = sea_orm::ConnectOptions::new(admin_url.clone());
    options.max_connections(1).sqlx_logging(false);
    let admin = sea_orm::Database::connect(options).await.expect("the test server answers");
    admin.execute_unprepared(&format!("CREATE DATABASE {name}")).await.unwrap();
    admin.close().await.unwrap();
    let mut url = url::Url::parse(&admin_url).unwrap();
    url.set_path(&name);
    url.to_string()
}

/// A fresh, empty database with the schema, on the engine under test: SQLite in memory, or a
/// new database on the PostgreSQL test server.
pub async fn memory_db() -> DatabaseConnection {
    db::open(&fresh_location().await).await.unwrap()
}

/// Where [`memory_db`] opens its database.
pub async fn fresh_location() -> DatabaseLocation {
    match engine() {
        Engine::Sqlite => DatabaseLocation::from_url("sqlite::memory:").unwrap(),
        Engine::Postgres => DatabaseLocation::from_url(&new_server_database().await).unwrap(),
    }
}

/// A database that outlives its connection (a file in a fresh temp folder, or a database on the
/// test server), to be opened again with [`Durable::reopen`]. Keep the guard alive.
pub struct Durable {
    pub location: DatabaseLocation,
    _dir: Option<TempDir>,
}

impl Durable {
    pub async fn reopen(&self) -> DatabaseConnection {
        db::open(&self.location).await.unwrap()
    }
}

pub async fn file_db() -> (Durable, DatabaseConnection) {
    let durable = match engine() {
        Engine::Sqlite => {
            let dir = tempfile::tempdir().unwrap();
            let location = DatabaseLocation::file(&dir.path().join("tasklane.db"));
            Durable { location, _dir: Some(dir) }
        }
        Engine::Postgres => Durable { location: fresh_location().await, _dir: None },
    };
    let db = durable.reopen().await;
    (durable, db)
}

pub async fn count_rows(db: &DatabaseConnection, table: &str) -> i64 {
    scalar_i64(db, &format!("SELECT COUNT(*) FROM {table}")).await
}

pub async fn scalar_i64(db: &DatabaseConnection, sql: &str) -> i64 {
    let row = db.query_one_raw(Statement::from_string(db.get_database_backend(), sql)).await.unwrap().unwrap();
    row.try_get_by_index::<i64>(0).unwrap()
}

pub async fn scalar_text(db: &DatabaseConnection, sql: &str) -> String {
    let row = db.query_one_raw(Statement::from_string(db.get_database_backend(), sql)).await.unwrap().unwrap();
    row.try_get_by_index::<String>(0).unwrap()
}

/// Row counts of every table, to prove that a failed operation changed nothing.
pub async fn snapshot(db: &DatabaseConnection) -> Vec<(&'static str, i64)> {
    let mut counts = Vec::new();
    for table in ["tasks", "projects", "tags", "task_tags", "task_projects", "settings"] {
        counts.push((table, count_rows(db, table).await));
    }
    counts
}

/// Counts the SQL statements the connection runs from now on.
pub fn count_statements(db: &mut DatabaseConnection) -> Arc<AtomicUsize> {
    let counter = Arc::new(AtomicUsize::new(0));
    let seen = counter.clone();
    db.set_metric_callback(move |_| {
        seen.fetch_add(1, Ordering::SeqCst);
    });
    counter
}

/// Every row of every table, as text: rows in the order of their text, every column as SQLite holds it
/// (`json_array` keeps types apart: `1` vs `"1"`, NULL vs `""`; BLOBs, such as the search
/// index's pages, as `blob:<hex>`). Equal dumps = equal content.
pub async fn canonical_dump(db: &DatabaseConnection) -> String {
    if engine() == Engine::Postgres {
        return canonical_dump_postgres(db).await;
    }
    let backend = db.get_database_backend();
    let tables = db
        .query_all_raw(Statement::from_string(
            backend,
            "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
        ))
        .await
        .unwrap();
    let mut dump = String::new();
    for table in tables {
        let table: String = table.try_get_by_index(0).unwrap();
        let columns = scalar_text(
            db,
            &format!(
                "SELECT group_concat(\
                     'iif(typeof(\"' || name || '\") = ''blob'', ''blob:'' || hex(\"' || name || '\"), \"' || name || '\")', \
                     ', ') \
                 FROM (SELECT name FROM pragma_table_info('{table}') ORDER BY cid)"
            ),
        )
        .await;
        let rows = scalar_text(
            db,
            // Rows in the order of their text: any table, whatever its columns, dumps one way.
            &format!(
                "SELECT json_group_array(json(row)) FROM (SELECT json_array({columns}) AS row FROM \"{table}\" ORDER BY row)"
            ),
        )
        .await;
        dump.push_str(&format!("{table}: {rows}\n"));
    }
    dump
}

/// [`canonical_dump`] on PostgreSQL: every table of the schema as a JSON array of its rows in
/// the order of their text (`row_to_json` keeps numbers, booleans, NULL and text apart).
async fn canonical_dump_postgres(db: &DatabaseConnection) -> String {
    let tables = db
        .query_all_raw(Statement::from_string(
            db.get_database_backend(),
            "SELECT table_name::text FROM information_schema.tables \
             WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY 1",
        ))
        .await
        .unwrap();
    let mut dump = String::new();
    for table in tables {
        let table: String = table.try_get_by_index(0).unwrap();
        let rows =
            scalar_text(db, &format!("SELECT coalesce(json_agg(r ORDER BY r::text)::text, '[]') FROM \"{table}\" r"))
                .await;
        dump.push_str(&format!("{table}: {rows}\n"));
    }
    dump
}

/// [`scalar_i64`] from a test that is not async.
pub fn scalar_i64_sync(db: &DatabaseConnection, sql: &str) -> i64 {
    tauri::async_runtime::block_on(scalar_i64(db, sql))
}

/// [`scalar_text`] from a test that is not async.
pub fn scalar_text_sync(db: &DatabaseConnection, sql: &str) -> String {
    tauri::async_runtime::block_on(scalar_text(db, sql))
}

/// A database file at `path` with the first four migrations applied (before settings) and one
/// task titled `title`: a file written by an older Tasklane, which `open` must bring up to date.
pub async fn older_schema_file(path: &std::path::Path, title: &str) {
    use migration::{Migrator, MigratorTrait};
    let db = sea_orm::Database::connect(format!("sqlite://{}?mode=rwc", path.display())).await.unwrap();
    Migrator::up(&db, Some(4)).await.unwrap();
    db.execute_raw(Statement::from_sql_and_values(
        db.get_database_backend(),
        "INSERT INTO tasks (id, title, status, priority, position, created_at, updated_at) VALUES \
         ('20000000-0000-4000-8000-000000000001', ?, 'todo', 'none', 1, \
          '2026-11-21T00:00:00.000Z', '2026-11-21T00:00:00.000Z')",
        [title.into()],
    ))
    .await
    .unwrap();
    db.close().await.unwrap();
}
