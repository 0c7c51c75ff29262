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

pub async fn memory_db() -> DatabaseConnection {
    db::open(&DatabaseLocation::from_url("sqlite::memory:").unwrap()).await.unwrap()
}

/// A database file in a fresh temp folder; keep the folder alive as long as the connection.
pub async fn file_db() -> (TempDir, DatabaseConnection) {
    let dir = tempfile::tempdir().unwrap();
    let db = db::open(&DatabaseLocation::file(&dir.path().join("tasklane.db"))).await.unwrap();
    (dir, db)
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

/// Every row of every table, as text: rows in primary-key order, every column as SQLite holds it
/// (`json_array` keeps types apart: `1` vs `"1"`, NULL vs `""`; BLOBs, such as the search
/// index's pages, as `blob:<hex>`). Equal dumps = equal content.
pub async fn canonical_dump(db: &DatabaseConnection) -> String {
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
            &format!("SELECT json_group_array(json_array({columns})) FROM (SELECT * FROM \"{table}\" ORDER BY 1, 2)"),
        )
        .await;
        dump.push_str(&format!("{table}: {rows}\n"));
    }
    dump
}
