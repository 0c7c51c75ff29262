//! A full disk and a read-only database: writes fail with `DATABASE` and a sentence a person
//! understands, reads keep working, nothing is corrupted, and writes work again once the fault is
//! gone.
//!
//! The faults are real when the tests may mount (root, as on CI): a tiny tmpfs for the full disk,
//! read-only bind mounts of the database file and of its folder. Otherwise they fall back to
//! SQLite's own limits on the same file (`PRAGMA max_page_count`, `?mode=ro`) or to permission
//! bits (`chmod 555` on the folder), which produce the same SQLite errors on the same code path.
//! Each test prints which one ran; `TASKLANE_FAULTS_NO_MOUNT=1` forces the fallbacks.

mod common;

use std::ffi::OsStr;
use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::app::TestApp;
use common::{all_tasks, canonical_dump, count_rows, scalar_i64, scalar_text};
use sea_orm::sqlx::sqlite::SqliteJournalMode;
use sea_orm::{ConnectOptions, ConnectionTrait, Database, DatabaseConnection, Statement};
use serde_json::{Value, json};
use tasklane_lib::database_choice::ChoiceFile;
use tasklane_lib::db::project_operations::create_project;
use tasklane_lib::db::task_operations::{create_task, get_task, update_task};
use tasklane_lib::db::{self, DatabaseLocation};
use tasklane_lib::error::{AppError, ErrorCode};
use tasklane_lib::models::{NewProject, NewTask, TaskFilter, TaskPatch};
use tasklane_lib::{Logging, app};
use tauri::Manager;
use tauri::test::mock_builder;

/// A mount made by a test, undone (lazily, so open files do not block it) when dropped.
struct Mounted(PathBuf);

impl Mounted {
    /// Runs `mount args...`; `None` when mounting is refused (not root, no CAP_SYS_ADMIN).
    fn new<S: AsRef<OsStr>>(target: &Path, args: &[S]) -> Option<Self> {
        mount(args).then(|| Self(target.to_owned()))
    }
}

/// Set to run the fallbacks on a machine that could mount.
const NO_MOUNT_ENV: &str = "TASKLANE_FAULTS_NO_MOUNT";

fn mount<S: AsRef<OsStr>>(args: &[S]) -> bool {
    std::env::var_os(NO_MOUNT_ENV).is_none()
        && Command::new("mount")
            .args(args)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|status| status.success())
}

impl Drop for Mounted {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg("-l").arg(&self.0).status();
    }
}

async fn integrity(db: &DatabaseConnection) -> String {
    let fk = db.query_all_raw(Statement::from_string(db.get_database_backend(), "PRAGMA foreign_key_check")).await;
    assert!(fk.unwrap().is_empty(), "foreign_key_check finds no orphans");
    scalar_text(db, "PRAGMA integrity_check").await
}

fn earlier_task(n: usize) -> NewTask {
    NewTask {
        title: format!("earlier {n}"),
        tags: Some(vec!["kept".into(), format!("t{}", n % 3)]),
        ..Default::default()
    }
}

fn filler_task(n: usize) -> NewTask {
    NewTask { title: format!("filler {n}"), description: Some("x".repeat(8_000)), ..Default::default() }
}

fn assert_disk_full(err: &AppError) {
    assert_eq!(err.code(), ErrorCode::Database, "{err:?}");
    let sent = serde_json::to_value(err).unwrap();
    assert_eq!(sent["code"], "DATABASE", "what the client receives: {sent}");
    let message = sent["message"].as_str().unwrap();
    assert!(message.starts_with("The disk is full"), "a person understands it: {message}");
}

/// Fills `file` until the disk refuses more, then gives back `keep` bytes.
fn fill_all_but(file: &Path, keep: u64) -> u64 {
    let mut filler = File::create(file).unwrap();
    let chunk = vec![0xa5u8; 16 * 1024];
    let mut written = 0u64;
    loop {
        match filler.write(&chunk) {
            Ok(0) | Err(_) => break,
            Ok(n) => written += n as u64,
        }
    }
    let size = written.saturating_sub(keep);
    filler.set_len(size).unwrap();
    filler.sync_all().unwrap();
    size
}

/// The app's connection settings on an existing file, with SQLite's page limit as the disk size.
async fn open_with_page_limit(location: &DatabaseLocation, pages: i64) -> DatabaseConnection {
    let mut options = ConnectOptions::new(location.url.clone());
    options.max_connections(4).sqlx_logging(false);
    options.map_sqlx_sqlite_opts(move |opts| {
        opts.journal_mode(SqliteJournalMode::Wal)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(5))
            .pragma("max_page_count", pages.to_string())
    });
    Database::connect(options).await.unwrap()
}

#[test]
fn a_full_disk_refuses_writes_in_words_keeps_reads_and_recovers_when_space_is_freed() {
    use tauri::async_runtime::block_on;
    let started = Instant::now();
    let dir = tempfile::tempdir().unwrap();
    let disk = dir.path().join("disk");
    std::fs::create_dir(&disk).unwrap();
    let tmpfs = Mounted::new(
        &disk,
        &[OsStr::new("-t"), "tmpfs".as_ref(), "-o".as_ref(), "size=8m".as_ref(), "tmpfs".as_ref(), disk.as_os_str()],
    );
    let location = DatabaseLocation::file(&disk.join("tasklane.db"));
    let filler_file = disk.join("filler.bin");

    let (mut db, project) = block_on(async {
        let db = db::open(&location).await.unwrap();
        let project = create_project(&db, NewProject { name: "Kept".into(), ..Default::default() }).await.unwrap();
        for n in 0..20 {
            create_task(&db, NewTask { project_ids: Some(vec![project.id]), ..earlier_task(n) }).await.unwrap();
        }
        (db, project)
    });
    match &tmpfs {
        Some(_) => {
            let filler = fill_all_but(&filler_file, 512 * 1024);
            println!("disk full: an 8 MiB tmpfs, {filler} bytes of it taken by a filler file");
        }
        None => {
            db = block_on(async {
                let pages = scalar_i64(&db, "PRAGMA page_count").await + 128;
                db.close().await.unwrap();
                println!("disk full: mounting refused, so PRAGMA max_page_count = {pages} on the app's file");
                open_with_page_limit(&location, pages).await
            });
        }
    }

    let (filled, err) = block_on(async {
        let mut filled = 0;
        loop {
            match create_task(&db, filler_task(filled)).await {
                Ok(_) => filled += 1,
                Err(err) => break (filled, err),
            }
            assert!(filled < 1_000, "the disk never filled up");
        }
    });
    assert_disk_full(&err);
    let wal = std::fs::metadata(disk.join("tasklane.db-wal")).map(|m| m.len()).unwrap_or(0);
    let db_bytes = std::fs::metadata(disk.join("tasklane.db")).unwrap().len();
    println!("disk full after {filled} creates of 8 kB: database {db_bytes} bytes, WAL {wal} bytes");

    // More writes of both kinds on the full disk, on whichever pooled connections they get. Each
    // either fails in words, or — when SQLite can reuse space the WAL already holds — succeeds;
    // then it must really be stored, which the reopened file shows at the end.
    let (acknowledged_on_full_disk, updated_on_full_disk) = block_on(async {
        let mut acknowledged = Vec::new();
        for n in 0..4 {
            match create_task(&db, filler_task(filled + n)).await {
                Ok(task) => acknowledged.push(task.id),
                Err(err) => assert_disk_full(&err),
            }
        }
        let task = all_tasks(&db, TaskFilter::default()).await.unwrap().remove(0);
        let bigger = "y".repeat(9_000);
        let patch =
            TaskPatch { expected_version: task.version, description: Some(Some(bigger.clone())), ..Default::default() };
        let updated = match update_task(&db, task.id, patch).await {
            Ok(_) => Some((task.id, bigger)),
            Err(err) => {
                assert_disk_full(&err);
                None
            }
        };
        let tasks = all_tasks(&db, TaskFilter::default()).await.expect("reads keep working on a full disk");
        assert_eq!(
            tasks.len(),
            20 + filled + acknowledged.len(),
            "every write that succeeded is there, the refused ones are not"
        );
        let earlier: Vec<_> = tasks.iter().filter(|t| t.title.starts_with("earlier")).collect();
        assert_eq!(earlier.len(), 20);
        assert!(earlier.iter().all(|t| t.tags.len() == 2 && t.project_ids == [project.id]), "with their links");
        assert_eq!(integrity(&db).await, "ok");
        println!(
            "on the full disk: {} of 4 more creates and {} of 1 update went through (WAL space reused)",
            acknowledged.len(),
            u8::from(updated.is_some())
        );
        (acknowledged, updated)
    });
    let filled = filled + acknowledged_on_full_disk.len();

    // What the client receives, through the real IPC path.
    let t = app_on(location.clone(), Some(db.clone()));
    let input = json!({ "input": { "title": "through IPC", "description": "x".repeat(8_000), "tags": ["new"] } });
    let refused = t.invoke("db_create_task", input).expect_err("a create on a full disk fails");
    assert_eq!(refused["code"], "DATABASE", "{refused}");
    assert!(refused["message"].as_str().unwrap().starts_with("The disk is full"), "{refused}");
    assert_eq!(t.ok("db_get_tasks", json!({}))["total"], 20 + filled, "reads work through IPC");
    drop(t);

    match tmpfs {
        Some(_) => std::fs::remove_file(&filler_file).unwrap(),
        None => {
            db = block_on(async {
                db.close().await.unwrap();
                db::open(&location).await.unwrap()
            })
        }
    }
    // More writes than the pool has connections, each read back, then the file reopened: a
    // connection that failed while the disk was full must not keep a write it acknowledged from
    // reaching the file, nor hide it from the others.
    let acknowledged = block_on(async {
        let mut acknowledged = Vec::new();
        for k in 0..12 {
            let input = NewTask { title: format!("after the disk was full {k}"), ..earlier_task(k) };
            let created = create_task(&db, input).await.expect("writes work again once space is freed");
            let seen = get_task(&db, created.id).await.expect("a create is visible as soon as it returned");
            let title = format!("updated after the disk was full {k}");
            let patch = TaskPatch { expected_version: seen.version, title: Some(Some(title)), ..Default::default() };
            update_task(&db, created.id, patch).await.expect("updates work again once space is freed");
            acknowledged.push(created.id);
        }
        db.close().await.unwrap();
        acknowledged
    });
    block_on(async {
        let reopened = db::open(&location).await.unwrap();
        for (k, id) in acknowledged.into_iter().enumerate() {
            let task = get_task(&reopened, id).await.expect("every acknowledged create is in the file");
            assert_eq!(task.title, format!("updated after the disk was full {k}"), "every acknowledged update too");
        }
        for id in &acknowledged_on_full_disk {
            get_task(&reopened, *id).await.expect("a create acknowledged on the full disk is in the file");
        }
        if let Some((id, description)) = &updated_on_full_disk {
            let task = get_task(&reopened, *id).await.unwrap();
            assert_eq!(
                task.description.as_ref(),
                Some(description),
                "an update acknowledged on the full disk is in the file"
            );
        }
        assert_eq!(count_rows(&reopened, "tasks").await, 32 + filled as i64);
        assert_eq!(integrity(&reopened).await, "ok");
        reopened.close().await.unwrap();
    });
    println!("disk full suite took {:.2?}", started.elapsed());
}

/// The app on the mock runtime, like `TestApp::new`, but on the database at `location`. A
/// `connection` given here is managed before set-up, so the commands use it (Tauri keeps the first
/// value of a type, as `docs/BENCHMARKS.md` also relies on).
fn app_on(location: DatabaseLocation, connection: Option<DatabaseConnection>) -> TestApp {
    let config_dir = tempfile::tempdir().unwrap();
    let choice = ChoiceFile(config_dir.path().join(tasklane_lib::database_choice::FILE_NAME));
    let mut builder = app(mock_builder(), Logging::AlreadyInstalled).manage(location).manage(choice);
    if let Some(connection) = connection {
        builder = builder.manage(connection);
    }
    let mut app = builder.build(tauri::generate_context!()).expect("the app builds on the mock runtime");
    #[allow(deprecated)] // one iteration runs set-up, as in TestApp::new
    app.run_iteration(|_, _| {});
    let window = app.get_webview_window("main").expect("set-up opens the main window");
    TestApp { app, window, config_dir, channel_messages: Default::default() }
}

fn assert_read_only(reply: Result<Value, Value>) {
    let err = reply.expect_err("a write to a read-only database fails");
    assert_eq!(err["code"], "DATABASE", "{err}");
    let message = err["message"].as_str().unwrap();
    assert!(message.contains("read-only"), "the message says why: {message}");
}

/// A database with a project and five tagged tasks in `folder`; returns its canonical dump.
async fn database_with_tasks(location: &DatabaseLocation) -> String {
    let db = db::open(location).await.unwrap();
    let project = create_project(&db, NewProject { name: "Kept".into(), ..Default::default() }).await.unwrap();
    for n in 0..5 {
        create_task(&db, NewTask { project_ids: Some(vec![project.id]), ..earlier_task(n) }).await.unwrap();
    }
    let dump = canonical_dump(&db).await;
    db.close().await.unwrap();
    dump
}

/// Reopens the file writable: it passes the checks, holds exactly `before`, and takes writes again.
async fn unchanged_and_writable_again(location: &DatabaseLocation, before: &str) {
    let db = db::open(location).await.unwrap();
    assert_eq!(integrity(&db).await, "ok");
    assert_eq!(canonical_dump(&db).await, before, "the file is exactly as it was before it became read-only");
    let task = all_tasks(&db, TaskFilter::default()).await.unwrap().remove(0);
    let patch =
        TaskPatch { expected_version: task.version, title: Some(Some("writable again".into())), ..Default::default() };
    update_task(&db, task.id, patch).await.expect("the file takes writes once it is no longer read-only");
    db.close().await.unwrap();
}

/// A read-only database file in a writable folder (SQLite can still keep its `-shm` next to it):
/// the app starts, lists the tasks, and the client gets `{code: "DATABASE", message: "...read-only..."}`
/// for every write.
#[test]
fn a_read_only_database_file_refuses_writes_in_words_through_ipc_and_keeps_reads() {
    let started = Instant::now();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("tasklane.db");
    let writable = DatabaseLocation::file(&file);
    let before = tauri::async_runtime::block_on(database_with_tasks(&writable));

    // The file bound onto itself, then made read-only; root ignores permission bits, a mount it cannot.
    let read_only = Mounted::new(&file, &[OsStr::new("--bind"), file.as_os_str(), file.as_os_str()])
        .filter(|_| mount(&[OsStr::new("-o"), "remount,bind,ro".as_ref(), file.as_os_str()]));
    let location = match &read_only {
        Some(_) => {
            println!("read-only file: a read-only bind mount of the file");
            writable.clone()
        }
        None => {
            println!("read-only file: mounting refused, so the app opens the file with ?mode=ro");
            DatabaseLocation::from_url(&writable.url.replace("mode=rwc", "mode=ro")).unwrap()
        }
    };

    let t = app_on(location, None);
    let listed = t.ok("db_get_tasks", json!({}));
    assert_eq!(listed["tasks"].as_array().unwrap().len(), 5, "reads work: {listed}");
    let task = &listed["tasks"][0];
    assert_eq!(task["tags"].as_array().unwrap().len(), 2);
    assert_read_only(t.invoke("db_create_task", json!({ "input": { "title": "new", "tags": ["fresh"] } })));
    assert_read_only(t.invoke(
        "db_update_task",
        json!({ "id": task["id"], "patch": { "expectedVersion": task["version"], "title": "changed" } }),
    ));
    assert_read_only(t.invoke("db_delete_task", json!({ "id": task["id"] })));
    assert_read_only(t.invoke("db_create_project", json!({ "input": { "name": "New" } })));
    assert_eq!(t.ok("db_get_tasks", json!({})), listed, "the refused writes changed nothing");
    assert_eq!(tauri::async_runtime::block_on(integrity(&t.db())), "ok");
    drop(t);
    drop(read_only);

    tauri::async_runtime::block_on(unchanged_and_writable_again(&writable, &before));
    println!("read-only file suite took {:.2?}", started.elapsed());
}

/// The whole folder read-only (a read-only disk or share): SQLite cannot create the `-shm` file a
/// WAL database needs. The tasks must still open for reading, and writes fail in words.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_database_in_a_read_only_folder_still_opens_for_reading() {
    let dir = tempfile::tempdir().unwrap();
    let (writable, read_only) = (dir.path().join("rw"), dir.path().join("ro"));
    std::fs::create_dir_all(&writable).unwrap();
    std::fs::create_dir_all(&read_only).unwrap();
    let writable_location = DatabaseLocation::file(&writable.join("tasklane.db"));
    let before = database_with_tasks(&writable_location).await;

    let bound = Mounted::new(&read_only, &[OsStr::new("--bind"), writable.as_os_str(), read_only.as_os_str()])
        .filter(|_| mount(&[OsStr::new("-o"), "remount,bind,ro".as_ref(), read_only.as_os_str()]));
    let (location, restore) = match &bound {
        Some(_) => {
            println!("read-only folder: a read-only bind mount of the database's folder");
            (DatabaseLocation::file(&read_only.join("tasklane.db")), None)
        }
        None => {
            // Not root, so permission bits apply.
            println!("read-only folder: mounting refused, so the folder is chmod 555");
            let permissions = std::fs::metadata(&writable).unwrap().permissions();
            let mut locked = permissions.clone();
            std::os::unix::fs::PermissionsExt::set_mode(&mut locked, 0o555);
            std::fs::set_permissions(&writable, locked).unwrap();
            let probe = writable.join("probe");
            if std::fs::write(&probe, "x").is_ok() {
                let _ = std::fs::remove_file(&probe);
                panic!(
                    "cannot make a folder read-only here: mounting is refused and permission bits do not bind (root?)"
                );
            }
            (writable_location.clone(), Some(permissions))
        }
    };

    let opened = db::open(&location).await;
    let outcome = match opened {
        Ok(db) => {
            let tasks = all_tasks(&db, TaskFilter::default()).await;
            let write = create_task(&db, NewTask { title: "new".into(), ..Default::default() }).await;
            let integrity = integrity(&db).await;
            db.close().await.unwrap();
            Ok((tasks, write, integrity))
        }
        Err(err) => Err(err.to_string()),
    };
    drop(bound);
    if let Some(permissions) = restore {
        std::fs::set_permissions(&writable, permissions).unwrap();
    }

    let (tasks, write, integrity) = outcome.unwrap_or_else(|err| panic!("the app cannot open it to read: {err}"));
    assert_eq!(tasks.expect("reads work").len(), 5);
    let err = write.expect_err("a write to a read-only folder fails");
    assert_eq!(err.code(), ErrorCode::Database);
    assert!(err.payload().message.contains("read-only"), "{}", err.payload().message);
    assert_eq!(integrity, "ok");
    unchanged_and_writable_again(&writable_location, &before).await;
}
