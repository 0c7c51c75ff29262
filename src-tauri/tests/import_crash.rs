//! Crash safety of an import: the app (on the mock runtime, through the real `data_import`
//! command) imports a 50,000-task CSV and is killed with SIGKILL at a random moment, 10 times,
//! each on a fresh database file. After each kill the database opens, passes `integrity_check`
//! and `foreign_key_check`, and holds either none of the file's tasks, projects and tags or all of
//! them, with counts and the search index agreeing with the rows.
//!
//! The child is this test binary itself, running `child_imports_until_killed`: that test does
//! nothing unless `TASKLANE_IMPORT_CHILD` names a database. Set `TASKLANE_CRASH_SEED` to replay.

mod common;

use std::io::{BufRead, BufReader, Write};
use std::os::unix::process::ExitStatusExt;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use common::app::TestApp;
use common::{scalar_i64, scalar_text};
use serde_json::json;
use tasklane_lib::db::{self, DatabaseLocation};

const CHILD_ENV: &str = "TASKLANE_IMPORT_CHILD";
const FILE_ENV: &str = "TASKLANE_IMPORT_FILE";
const SEED_ENV: &str = "TASKLANE_CRASH_SEED";
const TASKS: usize = 50_000;
const PROJECTS: usize = 10;
const TAGS: usize = 20;
const KILLS: usize = 10;

fn say(line: &str) {
    let mut out = std::io::stdout().lock();
    writeln!(out, "{line}").unwrap();
    out.flush().unwrap();
}

#[test]
fn child_imports_until_killed() {
    let Ok(path) = std::env::var(CHILD_ENV) else { return };
    let file = std::env::var(FILE_ENV).unwrap();
    let app = TestApp::on(DatabaseLocation::file(Path::new(&path)));
    say("begin");
    let request = json!({ "request": { "format": "csv", "path": file }, "onProgress": "__CHANNEL__:1" });
    let summary = app.ok("data_import", request);
    say(&format!("committed {}", summary["created"]));
}

/// `TASKS` rows with fixed ids, tags and projects, and a unicode title each.
fn write_file(path: &Path) {
    let mut out = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    writeln!(out, "id,title,status,priority,tags,projects").unwrap();
    for n in 0..TASKS {
        let id = format!("{:08x}-0000-4000-8000-{:012x}", 0x5eed_0000_u32, n);
        let status = ["todo", "done", "in_progress", "backlog", "blocked"][n % 5];
        let priority = ["none", "low", "medium", "high", "urgent"][n % 5];
        let tags = format!("t{}, T{}", n % TAGS, (n / 7) % TAGS);
        writeln!(out, "{id},\"Tâche n°{n}, «importée»\",{status},{priority},\"{tags}\",Project {}", n % PROJECTS)
            .unwrap();
    }
    out.flush().unwrap();
}

fn spawn_child(db: &Path, file: &Path) -> Child {
    Command::new(std::env::current_exe().unwrap())
        .args(["child_imports_until_killed", "--exact", "--nocapture", "--test-threads=1"])
        .env(CHILD_ENV, db)
        .env(FILE_ENV, file)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

fn lines_of(child: &mut Child) -> mpsc::Receiver<String> {
    let (tx, rx) = mpsc::channel();
    let stdout = child.stdout.take().unwrap();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    rx
}

/// Waits for the child's `begin` (the app is up, the import starts).
fn wait_for_begin(lines: &mpsc::Receiver<String>) {
    loop {
        match lines.recv_timeout(Duration::from_secs(120)) {
            // libtest writes "test child_imports_until_killed ... " before it.
            Ok(line) if line.ends_with("begin") => return,
            Ok(_) => {}
            Err(err) => panic!("the child never began: {err}"),
        }
    }
}

/// A fresh, migrated database file in its own folder.
async fn fresh_file() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tasklane.db");
    db::open(&DatabaseLocation::file(&path)).await.unwrap().close().await.unwrap();
    (dir, path)
}

/// Opens the file after the kill and checks it; returns how many tasks it holds (0 or all).
async fn check(path: &Path, committed: bool, what: &str) -> i64 {
    let db = db::open(&DatabaseLocation::file(path)).await.unwrap_or_else(|err| panic!("{what}: cannot open: {err}"));
    assert_eq!(scalar_text(&db, "PRAGMA integrity_check").await, "ok", "{what}");
    assert_eq!(scalar_i64(&db, "SELECT count(*) FROM pragma_foreign_key_check").await, 0, "{what}");
    let tasks = scalar_i64(&db, "SELECT count(*) FROM tasks").await;
    let projects = scalar_i64(&db, "SELECT count(*) FROM projects").await;
    let tags = scalar_i64(&db, "SELECT count(*) FROM tags").await;
    let links = scalar_i64(&db, "SELECT count(*) FROM task_projects").await;
    let all = (TASKS as i64, PROJECTS as i64, TAGS as i64, TASKS as i64);
    assert!(
        (tasks, projects, tags, links) == (0, 0, 0, 0) || (tasks, projects, tags, links) == all,
        "{what}: part of the import is in the database: {tasks} tasks, {projects} projects, {tags} tags, {links} links"
    );
    if committed {
        assert_eq!(tasks, TASKS as i64, "{what}: the child reported the commit");
    }
    assert_eq!(scalar_i64(&db, "SELECT task_count FROM task_totals").await, tasks, "{what}: counts");
    assert_eq!(scalar_i64(&db, "SELECT count(*) FROM task_search_rows").await, tasks, "{what}: search rows");
    assert_eq!(scalar_i64(&db, "SELECT count(*) FROM task_search").await, tasks, "{what}: search index");
    db.close().await.unwrap();
    tasks
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_import_killed_ten_times_leaves_all_of_it_or_none() {
    let seed = std::env::var(SEED_ENV).ok().and_then(|s| s.parse().ok()).unwrap_or_else(|| {
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos() as u64
    });
    println!("seed {seed} (replay with {SEED_ENV}={seed})");
    let files = tempfile::tempdir().unwrap();
    let file = files.path().join("tasks.csv");
    write_file(&file);

    // One import left to finish: how long one takes here, and that it holds everything.
    let (_dir, path) = fresh_file().await;
    let mut child = spawn_child(&path, &file);
    let lines = lines_of(&mut child);
    wait_for_begin(&lines);
    let began = Instant::now();
    let done = lines.recv_timeout(Duration::from_secs(600)).expect("the import finished");
    let took = began.elapsed();
    assert_eq!(done, format!("committed {TASKS}"));
    assert!(child.wait().unwrap().success());
    assert_eq!(check(&path, true, "the import left to finish").await, TASKS as i64);
    println!("one import of {TASKS} tasks took {took:?} here");

    let mut state = seed.max(1);
    let mut outcomes = Vec::new();
    for round in 0..KILLS {
        // xorshift: a moment from the start of the import to a little past its usual end.
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        let delay = took.mul_f64((state % 1_100) as f64 / 1_000.0);
        let (_dir, path) = fresh_file().await;
        let mut child = spawn_child(&path, &file);
        let lines = lines_of(&mut child);
        wait_for_begin(&lines);
        std::thread::sleep(delay);
        child.kill().unwrap(); // SIGKILL
        let status = child.wait().unwrap();
        let committed = lines.try_iter().any(|line| line.contains("committed"));
        let what = format!("seed {seed}, kill {round} after {delay:?}");
        assert!(committed || status.signal() == Some(9), "{what}: {status:?}");
        let tasks = check(&path, committed, &what).await;
        outcomes.push((delay, tasks));
    }
    println!("kills (delay after begin, tasks found): {outcomes:?}");
    assert!(
        outcomes.iter().any(|(_, tasks)| *tasks == 0),
        "no kill landed during an import, so nothing was tested: {outcomes:?}"
    );
}
