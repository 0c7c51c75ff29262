//! Automatic backups of a database file and restoring one (SQLite only: a server gets no
//! automatic backups). What is kept, what a restore brings back, that a restore can be undone,
//! and that a damaged, foreign or newer file is refused with the database left as it was.

mod common;

use common::app::TestApp;
use common::{canonical_dump, scalar_i64, scalar_text};
use sea_orm::{ConnectionTrait, Database, DatabaseConnection};
use serde_json::json;
use tasklane_lib::db::backups::{Backups, keep};
use tasklane_lib::db::project_operations::{create_project, update_project};
use tasklane_lib::db::settings_operations::update_settings;
use tasklane_lib::db::task_operations::{create_task, delete_task, update_task};
use tasklane_lib::db::{self, DatabaseLocation};
use tasklane_lib::error::ErrorCode;
use tasklane_lib::models::{BackupKind, TaskDto};

struct Fixture {
    dir: tempfile::TempDir,
    location: DatabaseLocation,
    db: DatabaseConnection,
    backups: Backups,
}

async fn fixture() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let location = DatabaseLocation::file(&dir.path().join("tasklane.db"));
    let db = db::open(&location).await.unwrap();
    let backups = Backups::of(&location).unwrap();
    Fixture { dir, location, db, backups }
}

/// Two projects, tagged tasks in them (one done), and settings.
async fn seed(db: &DatabaseConnection) -> Vec<TaskDto> {
    let home = create_project(db, serde_json::from_value(json!({ "name": "Home" })).unwrap()).await.unwrap();
    let work = create_project(db, serde_json::from_value(json!({ "name": "Work" })).unwrap()).await.unwrap();
    let mut tasks = Vec::new();
    for task in [
        json!({ "title": "Kumquat jam", "tags": ["kitchen", "Urgent"], "projectIds": [home.id] }),
        json!({ "title": "Quarterly report", "status": "done", "tags": ["urgent"], "projectIds": [work.id, home.id] }),
        json!({ "title": "Ünïcødé 🎉", "description": "with a description", "priority": "high" }),
    ] {
        tasks.push(create_task(db, serde_json::from_value(task).unwrap()).await.unwrap());
    }
    update_settings(db, serde_json::from_value(json!({ "theme": "dark" })).unwrap()).await.unwrap();
    tasks
}

/// What users wrote, and what the triggers derive from it (counts), without the search index's
/// internal row numbers, which a restore renumbers.
async fn user_rows(db: &DatabaseConnection) -> String {
    let tables = ["settings:", "projects:", "tags:", "tasks:", "task_tags:", "task_projects:", "task_totals:"];
    canonical_dump(db)
        .await
        .lines()
        .filter(|line| tables.iter().any(|t| line.starts_with(t)))
        .collect::<Vec<_>>()
        .join("\n")
}

async fn search_titles(db: &DatabaseConnection, text: &str) -> Vec<String> {
    let filter = serde_json::from_value(json!({ "search": text, "includeDone": true })).unwrap();
    common::all_tasks(db, filter).await.unwrap().into_iter().map(|t| t.title).collect()
}

#[tokio::test]
async fn the_daily_backup_is_written_once_a_day_and_holds_the_database() {
    let f = fixture().await;
    seed(&f.db).await;
    let first = f.backups.daily(&f.db).await.unwrap().expect("no daily backup yet today");
    assert_eq!(first.kind, BackupKind::Daily);
    assert!(first.name.starts_with("tasklane-") && first.name.ends_with("Z-daily.db"), "{}", first.name);
    assert_eq!(f.backups.daily(&f.db).await.unwrap(), None, "a second one the same day");

    let listed = f.backups.list().unwrap();
    assert_eq!(listed, vec![first.clone()]);
    let path = f.dir.path().join("backups").join(&first.name);
    assert_eq!(std::fs::metadata(&path).unwrap().len(), first.bytes);
    let copy = Database::connect(format!("sqlite://{}?mode=ro", path.display())).await.unwrap();
    assert_eq!(scalar_text(&copy, "PRAGMA integrity_check").await, "ok");
    assert_eq!(scalar_i64(&copy, "SELECT count(*) FROM tasks").await, 3);
}

#[tokio::test]
async fn each_kind_keeps_its_newest_copies_and_other_files_are_left_alone() {
    let f = fixture().await;
    std::fs::create_dir_all(f.backups.folder()).unwrap();
    let other_database = f.backups.folder().join("other-20260101T000000Z-daily.db");
    std::fs::write(&other_database, "another database's backup").unwrap();
    let mut written = Vec::new();
    for _ in 0..9 {
        written.push(f.backups.write(&f.db, BackupKind::Daily).await.unwrap().name);
    }
    for _ in 0..6 {
        f.backups.write(&f.db, BackupKind::Import).await.unwrap();
    }
    let listed = f.backups.list().unwrap();
    let daily: Vec<&str> = listed.iter().filter(|b| b.kind == BackupKind::Daily).map(|b| b.name.as_str()).collect();
    let newest: Vec<&str> = written.iter().rev().take(keep(BackupKind::Daily)).map(String::as_str).collect();
    assert_eq!(daily, newest, "the 7 newest daily copies, newest first");
    assert_eq!(listed.iter().filter(|b| b.kind == BackupKind::Import).count(), keep(BackupKind::Import));
    assert!(other_database.exists());
    assert_eq!(std::fs::read_dir(f.backups.folder()).unwrap().count(), 7 + 5 + 1, "nothing else is left behind");
}

#[tokio::test]
async fn a_restore_brings_back_every_row_rebuilds_search_and_counts_and_can_be_undone() {
    let f = fixture().await;
    let tasks = seed(&f.db).await;
    let backup = f.backups.write(&f.db, BackupKind::Daily).await.unwrap();
    let at_backup = user_rows(&f.db).await;

    // Changes after the backup: a task deleted, one edited, one added, a project renamed.
    delete_task(&f.db, tasks[0].id).await.unwrap();
    update_task(
        &f.db,
        tasks[1].id,
        serde_json::from_value(
            json!({ "title": "Annual report", "status": "todo", "expectedVersion": tasks[1].version }),
        )
        .unwrap(),
    )
    .await
    .unwrap();
    create_task(&f.db, serde_json::from_value(json!({ "title": "Added later" })).unwrap()).await.unwrap();
    let projects = tasklane_lib::db::project_operations::get_projects(&f.db).await.unwrap();
    update_project(
        &f.db,
        projects[0].id,
        serde_json::from_value(json!({ "name": "Renamed", "expectedVersion": projects[0].version })).unwrap(),
    )
    .await
    .unwrap();
    let before_restore = user_rows(&f.db).await;
    assert_ne!(before_restore, at_backup);

    let summary = f.backups.restore(&f.db, &f.location, &backup.name).await.unwrap();
    assert_eq!((summary.restored.as_str(), summary.tasks, summary.projects), (backup.name.as_str(), 3, 2));
    assert_eq!(user_rows(&f.db).await, at_backup, "the pool sees exactly the backup's rows");
    assert_eq!(search_titles(&f.db, "kumq").await, ["Kumquat jam"]);
    assert!(search_titles(&f.db, "added").await.is_empty());
    assert_eq!(search_titles(&f.db, "urgent").await.len(), 2, "tag names are searchable again");
    assert_eq!(scalar_text(&f.db, "PRAGMA integrity_check").await, "ok");
    assert_eq!(scalar_i64(&f.db, "SELECT count(*) FROM pragma_foreign_key_check").await, 0);

    // The database as it was is a `restore` backup: restoring it undoes the restore.
    let saved = f.backups.list().unwrap().into_iter().find(|b| b.name == summary.saved_as).unwrap();
    assert_eq!(saved.kind, BackupKind::Restore);
    f.backups.restore(&f.db, &f.location, &saved.name).await.unwrap();
    assert_eq!(user_rows(&f.db).await, before_restore);
}

#[tokio::test]
async fn a_backup_from_an_older_version_is_brought_up_to_date_when_restored() {
    let f = fixture().await;
    seed(&f.db).await;
    std::fs::create_dir_all(f.backups.folder()).unwrap();
    let old = f.backups.folder().join("tasklane-20260101T000000Z-migration.db");
    common::older_schema_file(&old, "from the old version").await;

    let summary = f.backups.restore(&f.db, &f.location, "tasklane-20260101T000000Z-migration.db").await.unwrap();
    assert_eq!(summary.tasks, 1);
    let titles = search_titles(&f.db, "old").await;
    assert_eq!(titles, ["from the old version"]);
    assert_eq!(scalar_i64(&f.db, "SELECT count(*) FROM settings").await, 0, "the old file had no settings");
    assert_eq!(scalar_i64(&f.db, "SELECT task_count FROM task_totals").await, 1);
}

#[tokio::test]
async fn a_damaged_foreign_newer_or_unknown_backup_is_refused_and_nothing_changes() {
    let f = fixture().await;
    seed(&f.db).await;
    let good = f.backups.write(&f.db, BackupKind::Daily).await.unwrap();
    let folder = f.backups.folder().to_owned();

    let garbage = "tasklane-20260101T000001Z-daily.db";
    std::fs::write(folder.join(garbage), vec![0x5a; 8192]).unwrap();

    let foreign = "tasklane-20260101T000002Z-daily.db";
    let other = Database::connect(format!("sqlite://{}?mode=rwc", folder.join(foreign).display())).await.unwrap();
    other.execute_unprepared("CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('hi')").await.unwrap();
    other.close().await.unwrap();

    let newer = "tasklane-20260101T000003Z-daily.db";
    std::fs::copy(folder.join(&good.name), folder.join(newer)).unwrap();
    let future = Database::connect(format!("sqlite://{}?mode=rw", folder.join(newer).display())).await.unwrap();
    future
        .execute_unprepared(
            "INSERT INTO seaql_migrations (version, applied_at) VALUES ('m20991231_000001_from_the_future', 0)",
        )
        .await
        .unwrap();
    future.close().await.unwrap();

    // A real backup with pages overwritten in the middle: the header still says SQLite.
    let damaged = "tasklane-20260101T000004Z-daily.db";
    let mut bytes = std::fs::read(folder.join(&good.name)).unwrap();
    let page = 4096;
    assert!(bytes.len() > 4 * page, "{} bytes", bytes.len());
    for byte in &mut bytes[page + 100..3 * page] {
        *byte = 0xa5;
    }
    std::fs::write(folder.join(damaged), bytes).unwrap();

    let before = canonical_dump(&f.db).await;
    let listed_before = f.backups.list().unwrap().len();
    for (name, expected, code) in [
        (garbage, "is not a SQLite database", ErrorCode::Validation),
        (foreign, "is not a Tasklane database", ErrorCode::Validation),
        (newer, "made by a newer version of Tasklane", ErrorCode::Validation),
        (damaged, "is damaged", ErrorCode::Validation),
        ("tasklane-20991231T000000Z-daily.db", "There is no backup named", ErrorCode::NotFound),
        ("../tasklane.db", "There is no backup named", ErrorCode::NotFound),
    ] {
        let err = f.backups.restore(&f.db, &f.location, name).await.expect_err(name);
        let payload = err.payload();
        assert_eq!(payload.code, code, "{name}: {}", payload.message);
        assert!(payload.message.contains(expected), "{name}: expected {expected:?} in {}", payload.message);
        assert_eq!(canonical_dump(&f.db).await, before, "{name}: the database changed");
    }
    assert_eq!(f.backups.list().unwrap().len(), listed_before, "a refused restore saves no copy");
    let leftovers: Vec<String> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with('.'))
        .collect();
    assert!(leftovers.is_empty(), "staged copies left behind: {leftovers:?}");
}

/// Through the IPC path: an import first writes an `import` backup; `data_backups` lists it;
/// `data_restore` brings the database back and tells every window to reload.
#[test]
fn an_import_is_backed_up_first_and_restored_through_ipc() {
    let dir = tempfile::tempdir().unwrap();
    let app = TestApp::on(DatabaseLocation::file(&dir.path().join("tasklane.db")));
    app.ok("db_create_task", json!({ "input": { "title": "Before the import" } }));
    let file = dir.path().join("tasks.csv");
    std::fs::write(&file, "title\r\nImported one\r\nImported two\r\n").unwrap();
    let import =
        json!({ "request": { "format": "csv", "path": file.to_str().unwrap() }, "onProgress": "__CHANNEL__:7" });
    assert_eq!(app.ok("data_import", import)["created"], 2);

    let listed = app.ok("data_backups", json!({}));
    assert_eq!(listed["folder"], dir.path().join("backups").to_str().unwrap());
    let import_backup =
        listed["backups"].as_array().unwrap().iter().find(|b| b["kind"] == "import").expect("an import backup").clone();
    let name = import_backup["name"].as_str().unwrap();

    let changed = app.listen("tasks:changed");
    let summary = app.ok("data_restore", json!({ "request": { "name": name } }));
    assert_eq!((summary["restored"].as_str(), summary["tasks"].as_u64()), (Some(name), Some(1)));
    assert_eq!(common::app::next(&changed), json!({ "kind": "updated", "ids": [] }));
    let tasks = app.ok("db_get_tasks", json!({}));
    let titles: Vec<&str> = tasks["tasks"].as_array().unwrap().iter().map(|t| t["title"].as_str().unwrap()).collect();
    assert_eq!(titles, ["Before the import"]);

    let err = app.err("data_restore", json!({ "request": { "name": "nope.db" } }));
    assert_eq!((err["code"].as_str(), err["field"].as_str()), (Some("NOT_FOUND"), Some("request.name")));
    let err = app.err("data_restore", json!({ "request": { "name": name, "path": "/etc/passwd" } }));
    assert_eq!(err["code"], "VALIDATION");
}

#[test]
fn a_server_or_memory_database_lists_no_backups_and_cannot_restore() {
    let app = TestApp::on(DatabaseLocation::from_url("sqlite::memory:").unwrap());
    assert_eq!(app.ok("data_backups", json!({})), json!({ "folder": null, "backups": [] }));
    let err = app.err("data_restore", json!({ "request": { "name": "tasklane-20260101T000000Z-daily.db" } }));
    assert_eq!(err["code"], "VALIDATION");
    assert!(err["message"].as_str().unwrap().contains("not a file on this computer"), "{err}");
}
