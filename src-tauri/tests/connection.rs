//! Opening databases: pragmas, persistence, and clear errors instead of panics.

mod common;

use common::{all_tasks, file_db, scalar_i64, scalar_text};
use tasklane_lib::db::task_operations::create_task;
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
    assert_eq!(all_tasks(&db, TaskFilter::default()).await.unwrap().len(), 1);
}

#[tokio::test]
async fn data_persists_when_the_file_is_reopened_and_migrations_are_not_rerun() {
    let dir = tempfile::tempdir().unwrap();
    let location = DatabaseLocation::file(&dir.path().join("nested folder/with space #1/tasklane.db"));
    let db = db::open(&location).await.unwrap();
    create_task(&db, NewTask { title: "persisted".into(), ..Default::default() }).await.unwrap();
    db.close().await.unwrap();

    let reopened = db::open(&location).await.unwrap();
    let tasks = all_tasks(&reopened, TaskFilter::default()).await.unwrap();
    assert_eq!(tasks[0].title, "persisted");
    assert!(location.path.as_ref().unwrap().exists());
}

#[tokio::test]
async fn a_url_names_its_file_and_memory_has_none() {
    let location = DatabaseLocation::from_url("sqlite:/tmp/x/tasklane.db?mode=rwc").unwrap();
    assert_eq!(location.path.as_deref(), Some(std::path::Path::new("/tmp/x/tasklane.db")));
    assert!(DatabaseLocation::from_url("sqlite::memory:").unwrap().is_memory());
    for not_a_database in ["mysql://x/db", "tasklane.db", "postgres://host:notaport/db"] {
        let err = DatabaseLocation::from_url(not_a_database).unwrap_err();
        assert!(matches!(err, OpenError::InvalidUrl { .. }), "{not_a_database}: {err}");
    }
    let server = DatabaseLocation::from_url("postgres://alice@db.example.org:5432/tasklane?sslmode=require").unwrap();
    assert_eq!((server.path.as_deref(), server.is_memory()), (None, false));
}

/// A server URL's password is never shown: not in the location's text, its Debug form, or the
/// message of a URL that cannot be used.
#[test]
fn a_server_password_is_never_shown() {
    let secret = "s3cr%C3%A9t-pass";
    let cases = [
        (format!("postgres://alice:{secret}@db.example.org/tasklane?sslmode=require"), true),
        (format!("postgresql://db.example.org/tasklane?user=alice&password={secret}&sslmode=verify-full"), true),
        (format!("postgres://alice:{secret}@db.example.org:notaport/tasklane"), false),
    ];
    for (url, valid) in cases {
        let shown = match DatabaseLocation::from_url(&url) {
            Ok(location) => {
                assert!(valid, "{url} should be refused");
                format!("{} {location:?}", location.redacted())
            }
            Err(err) => {
                assert!(!valid, "{url}: {err}");
                format!("{err} {err:?}")
            }
        };
        for hidden in [secret, "s3cr", "t-pass"] {
            assert!(!shown.contains(hidden), "{hidden} shown in: {shown}");
        }
        assert!(shown.contains("db.example.org"), "the server is still named: {shown}");
    }
    let location = DatabaseLocation::from_url("postgres://alice:pw@db.example.org/tasklane?sslmode=require").unwrap();
    assert_eq!(location.redacted(), "postgres://alice:***@db.example.org/tasklane?sslmode=require");
}

/// A password typed without percent-encoding its `/`, `?`, `#` or `@` still shows nowhere: not
/// in the location's text, nor in an error about the URL, nor in a message that quotes it.
#[test]
fn a_password_with_url_characters_left_unencoded_is_never_shown() {
    for secret in ["123/qzh", "qxv/qzh", "qxv?qzh", "qxv#qzh", "qxv@qzh", "qxv:987/qkk?qyy#qww@qzh"] {
        let url = format!("postgres://alice:{secret}@db.example.org:5432/tasklane");
        let shown = match DatabaseLocation::from_url(&url) {
            Ok(location) => format!("{} {location:?}", location.redacted()),
            Err(err) => format!("{err} {err:?}"),
        };
        let quoted = db::redact_in(&format!("error connecting to {url}: password {secret} refused"), &url);
        for text in [&shown, &quoted] {
            assert!(!text.contains(secret), "{secret} shown in: {text}");
            assert!(
                text.matches("alice:").count() == text.matches("alice:***@db.example.org").count(),
                "{secret}: {text}"
            );
            for part in secret.split(['/', '?', '#', '@', ':']) {
                assert!(!text.contains(part), "{part} of {secret}: {text}");
            }
            assert!(text.contains("db.example.org"), "the server is still named: {text}");
        }
    }
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

/// The migration that the files made by [`file_before_settings`] are missing (and every later one).
const FIRST_PENDING: &str = "m20261121_000005_create_settings";

/// A database file at `path` with the first four migrations applied and one task in it: a file
/// written by an older Tasklane, for which `open` has migrations to run.
async fn file_before_settings(path: &std::path::Path) {
    use migration::{Migrator, MigratorTrait};
    use sea_orm::{ConnectionTrait, Database};
    let db = Database::connect(format!("sqlite://{}?mode=rwc", path.display())).await.unwrap();
    Migrator::up(&db, Some(4)).await.unwrap();
    db.execute_unprepared(
        "INSERT INTO tasks (id, title, status, priority, position, created_at, updated_at) VALUES \
         ('20000000-0000-4000-8000-000000000001', 'written by the old version ✓', 'todo', 'none', 1, \
          '2026-11-21T00:00:00.000Z', '2026-11-21T00:00:00.000Z')",
    )
    .await
    .unwrap();
    db.close().await.unwrap();
}

/// The `.bak` files next to the database, by name.
fn backups(dir: &std::path::Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".bak"))
        .collect();
    names.sort();
    names
}

async fn read_only(path: &std::path::Path) -> sea_orm::DatabaseConnection {
    sea_orm::Database::connect(format!("sqlite://{}?mode=ro", path.display())).await.unwrap()
}

#[tokio::test]
async fn pending_migrations_run_after_a_backup_that_holds_the_old_schema_and_data() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tasklane.db");
    file_before_settings(&path).await;

    let db = db::open(&DatabaseLocation::file(&path)).await.unwrap();
    assert_eq!(scalar_i64(&db, "SELECT count(*) FROM settings").await, 0, "the database is migrated");
    db.close().await.unwrap();

    let expected = format!("tasklane.db.before-{FIRST_PENDING}.bak");
    assert_eq!(backups(dir.path()), std::slice::from_ref(&expected));
    let backup = read_only(&dir.path().join(&expected)).await;
    assert_eq!(scalar_text(&backup, "PRAGMA integrity_check").await, "ok");
    assert_eq!(scalar_i64(&backup, "SELECT count(*) FROM seaql_migrations").await, 4);
    let settings = "SELECT count(*) FROM sqlite_master WHERE name = 'settings'";
    assert_eq!(scalar_i64(&backup, settings).await, 0, "the backup has the old schema");
    assert_eq!(scalar_text(&backup, "SELECT title FROM tasks").await, "written by the old version ✓");
}

#[tokio::test]
async fn an_existing_backup_is_never_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tasklane.db");
    file_before_settings(&path).await;
    let earlier = dir.path().join(format!("tasklane.db.before-{FIRST_PENDING}.bak"));
    std::fs::write(&earlier, "an earlier backup").unwrap();

    db::open(&DatabaseLocation::file(&path)).await.unwrap().close().await.unwrap();

    assert_eq!(std::fs::read_to_string(&earlier).unwrap(), "an earlier backup");
    let second = dir.path().join(format!("tasklane.db.before-{FIRST_PENDING}-2.bak"));
    let backup = read_only(&second).await;
    assert_eq!(scalar_i64(&backup, "SELECT count(*) FROM tasks").await, 1);
}

#[tokio::test]
async fn no_backup_of_a_new_file_nor_when_nothing_is_pending() {
    let dir = tempfile::tempdir().unwrap();
    let location = DatabaseLocation::file(&dir.path().join("tasklane.db"));
    let db = db::open(&location).await.unwrap();
    create_task(&db, NewTask { title: "kept".into(), ..Default::default() }).await.unwrap();
    db.close().await.unwrap();
    db::open(&location).await.unwrap().close().await.unwrap();
    assert!(backups(dir.path()).is_empty(), "{:?}", backups(dir.path()));
}

#[tokio::test]
async fn when_the_backup_cannot_be_written_nothing_is_migrated() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tasklane.db");
    file_before_settings(&path).await;
    // The unfinished copy's name is taken by a folder that cannot be removed as a file.
    let blocker = dir.path().join(format!("tasklane.db.before-{FIRST_PENDING}.bak.tmp"));
    std::fs::create_dir_all(blocker.join("inside")).unwrap();

    let err = db::open(&DatabaseLocation::file(&path)).await.unwrap_err();
    assert!(matches!(err, OpenError::Backup { .. }), "{err}");
    assert!(err.to_string().contains(&format!("before-{FIRST_PENDING}.bak")), "names the backup: {err}");

    assert!(backups(dir.path()).is_empty());
    let untouched = read_only(&path).await;
    assert_eq!(scalar_i64(&untouched, "SELECT count(*) FROM seaql_migrations").await, 4, "nothing was migrated");
}
