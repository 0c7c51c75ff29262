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

/// The backups in the `backups` folder next to the database, by name.
fn backups(dir: &std::path::Path) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(dir.join("backups")) else { return Vec::new() };
    let mut names: Vec<String> = entries
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".db"))
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
    common::older_schema_file(&path, "written by the old version ✓").await;

    let db = db::open(&DatabaseLocation::file(&path)).await.unwrap();
    assert_eq!(scalar_i64(&db, "SELECT count(*) FROM settings").await, 0, "the database is migrated");
    db.close().await.unwrap();

    let names = backups(dir.path());
    assert_eq!(names.len(), 1, "{names:?}");
    assert!(names[0].starts_with("tasklane-") && names[0].ends_with("Z-migration.db"), "{names:?}");
    let backup = read_only(&dir.path().join("backups").join(&names[0])).await;
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
    common::older_schema_file(&path, "written by the old version ✓").await;
    // Earlier copies under every name this second and the next few could take.
    std::fs::create_dir(dir.path().join("backups")).unwrap();
    let now = chrono::Utc::now();
    let earlier: Vec<std::path::PathBuf> = (0..4)
        .map(|s| {
            let stamp = (now + chrono::Duration::seconds(s)).format("%Y%m%dT%H%M%SZ");
            dir.path().join("backups").join(format!("tasklane-{stamp}-migration.db"))
        })
        .collect();
    for file in &earlier {
        std::fs::write(file, "an earlier backup").unwrap();
    }

    db::open(&DatabaseLocation::file(&path)).await.unwrap().close().await.unwrap();

    for file in &earlier {
        assert_eq!(std::fs::read_to_string(file).unwrap(), "an earlier backup");
    }
    let names = backups(dir.path());
    let new: Vec<&String> = names.iter().filter(|name| name.ends_with("-migration-2.db")).collect();
    assert_eq!(new.len(), 1, "{names:?}");
    let backup = read_only(&dir.path().join("backups").join(new[0])).await;
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
    common::older_schema_file(&path, "written by the old version ✓").await;
    // The backups folder's name is taken by a file.
    std::fs::write(dir.path().join("backups"), "not a folder").unwrap();

    let err = db::open(&DatabaseLocation::file(&path)).await.unwrap_err();
    assert!(matches!(err, OpenError::Backup { .. }), "{err}");
    assert!(err.to_string().contains("backups"), "names the folder: {err}");

    assert!(backups(dir.path()).is_empty());
    let untouched = read_only(&path).await;
    assert_eq!(scalar_i64(&untouched, "SELECT count(*) FROM seaql_migrations").await, 4, "nothing was migrated");
}
