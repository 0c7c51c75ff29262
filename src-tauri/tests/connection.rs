//! Opening databases: pragmas, persistence, and clear errors instead of panics.

mod common;

use common::{file_db, scalar_i64, scalar_text};
use tasklane_lib::db::task_operations::{create_task, get_tasks};
use tasklane_lib::db::{self, DatabaseLocation, OpenError};
use tasklane_lib::models::{NewTask, TaskFilter};

#[tokio::test]
async fn a_file_database_uses_wal_foreign_keys_normal_sync_and_a_busy_timeout() {
    let (_dir, db) = file_db().await;
    assert_eq!(scalar_text(&db, "PRAGMA journal_mode").await, "wal");
    assert_eq!(scalar_i64(&db, "PRAGMA foreign_keys").await, 1);
    assert_eq!(scalar_i64(&db, "PRAGMA synchronous").await, 1, "1 = NORMAL");
    assert!(scalar_i64(&db, "PRAGMA busy_timeout").await >= 5000);
}

#[tokio::test]
async fn an_in_memory_database_enforces_foreign_keys_and_survives_idle_time() {
    let db = common::memory_db().await;
    assert_eq!(scalar_i64(&db, "PRAGMA foreign_keys").await, 1);
    create_task(&db, NewTask { title: "kept".into(), ..Default::default() }).await.unwrap();
    tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    assert_eq!(get_tasks(&db, TaskFilter::default()).await.unwrap().len(), 1);
}

#[tokio::test]
async fn data_persists_when_the_file_is_reopened_and_migrations_are_not_rerun() {
    let dir = tempfile::tempdir().unwrap();
    let location = DatabaseLocation::file(&dir.path().join("nested folder/with space #1/tasklane.db"));
    let db = db::open(&location).await.unwrap();
    create_task(&db, NewTask { title: "persisted".into(), ..Default::default() }).await.unwrap();
    db.close().await.unwrap();

    let reopened = db::open(&location).await.unwrap();
    let tasks = get_tasks(&reopened, TaskFilter::default()).await.unwrap();
    assert_eq!(tasks[0].title, "persisted");
    assert!(location.path.as_ref().unwrap().exists());
}

#[tokio::test]
async fn a_url_names_its_file_and_memory_has_none() {
    let location = DatabaseLocation::from_url("sqlite:/tmp/x/tasklane.db?mode=rwc").unwrap();
    assert_eq!(location.path.as_deref(), Some(std::path::Path::new("/tmp/x/tasklane.db")));
    assert!(DatabaseLocation::from_url("sqlite::memory:").unwrap().is_memory());
    assert!(matches!(DatabaseLocation::from_url("postgres://x"), Err(OpenError::InvalidUrl { .. })));
}

#[tokio::test]
async fn a_file_that_is_not_a_database_is_an_error_not_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notes.txt");
    std::fs::write(&path, "this is not a SQLite database, just some text that is long enough to matter ".repeat(20))
        .unwrap();
    let err = db::open(&DatabaseLocation::file(&path)).await.unwrap_err();
    assert!(matches!(err, OpenError::Connect { .. } | OpenError::Migrate { .. }), "{err}");
    assert!(err.to_string().contains("notes.txt"), "the message names the file: {err}");
}
