//! Crash safety: a child process writes in transactions (creates with tags and projects, updates,
//! deletes, moves) and is killed with SIGKILL at random moments, 20 times, on the same file. After
//! each kill the database opens, passes `integrity_check` and `foreign_key_check`, holds every
//! transaction the child reported as committed, and holds no transaction only in part.
//!
//! The child is this test binary itself, running `child_writes_until_killed`: that test does
//! nothing unless `TASKLANE_CRASH_CHILD` names a database. Set `TASKLANE_CRASH_SEED` to replay a run.

mod common;

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Write};
use std::os::unix::process::ExitStatusExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use common::{all_tasks, scalar_text, snapshot};
use entity::Id;
use sea_orm::{
    ConnectionTrait, DatabaseConnection, SqliteTransactionMode, Statement, TransactionOptions, TransactionTrait,
};
use tasklane_lib::db::project_operations::{create_project, get_projects};
use tasklane_lib::db::task_operations::{create_task, delete_task, get_task, update_task};
use tasklane_lib::db::{self, DatabaseLocation};
use tasklane_lib::models::{NewProject, NewTask, TaskDto, TaskFilter, TaskPatch};

const CHILD_ENV: &str = "TASKLANE_CRASH_CHILD";
const SEED_ENV: &str = "TASKLANE_CRASH_SEED";
const KILLS: usize = 20;
const PROJECTS: usize = 4;
const TAGS: [&str; 6] = ["home", "Work", "urgent", "later", "éte", "日本"];

/// xorshift64*: enough randomness for choosing moments and operations, replayable from a seed.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Self {
        Self(seed.max(1))
    }

    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

// ---------------------------------------------------------------------------------------------
// The child: writes until it is killed, reporting each transaction before it starts
// (`begin ...`) and after its commit returned (`committed ...`).
// ---------------------------------------------------------------------------------------------

/// A task title that announces the task's links, so that a task holding only part of what its
/// transaction wrote is visible on its own: `c3.17 r2 tags=home,urgent projects=0,3`.
fn title(name: &str, revision: u64, tags: &[&str], projects: &[usize]) -> String {
    let projects: Vec<String> = projects.iter().map(usize::to_string).collect();
    format!("{name} r{revision} tags={} projects={}", tags.join(","), projects.join(","))
}

/// Up to `most` distinct items of `from`, in random order.
fn pick<T: Copy + PartialEq>(rng: &mut Rng, from: &[T], most: usize) -> Vec<T> {
    let wanted = (rng.below(most as u64 + 1) as usize).min(from.len());
    let mut chosen = Vec::new();
    while chosen.len() < wanted {
        let item = from[rng.below(from.len() as u64) as usize];
        if !chosen.contains(&item) {
            chosen.push(item);
        }
    }
    chosen
}

fn say(line: String) {
    let mut out = std::io::stdout().lock();
    writeln!(out, "{line}").unwrap();
    out.flush().unwrap();
}

#[tokio::test]
async fn child_writes_until_killed() {
    let Ok(path) = std::env::var(CHILD_ENV) else { return };
    let seed: u64 = std::env::var(SEED_ENV).unwrap().parse().unwrap();
    let mut rng = Rng::new(seed);
    let db = db::open(&DatabaseLocation::file(Path::new(&path))).await.unwrap();
    let mut projects = get_projects(&db).await.unwrap();
    projects.sort_by(|a, b| a.name.cmp(&b.name));
    let project_ids: Vec<Id> = projects.iter().map(|p| p.id).collect();
    let mut tasks: Vec<Id> = all_tasks(&db, TaskFilter::default()).await.unwrap().iter().map(|t| t.id).collect();
    say("ready".into());

    for n in 0.. {
        let choice = if tasks.len() < 5 { 0 } else { rng.below(100) };
        match choice {
            0..40 => {
                let id = Id::new();
                let tags = pick(&mut rng, &TAGS, 5);
                let projects = pick(&mut rng, &[0, 1, 2, 3], 2);
                let title = title(&format!("s{seed}.{n}"), 1, &tags, &projects);
                say(format!("begin create {id} {title}"));
                let task = create_task(
                    &db,
                    NewTask {
                        id: Some(id),
                        title: title.clone(),
                        tags: Some(tags.iter().map(|t| t.to_string()).collect()),
                        project_ids: Some(projects.iter().map(|&i| project_ids[i]).collect()),
                        ..Default::default()
                    },
                )
                .await
                .unwrap();
                say(format!("committed create {id} {} {title}", task.position));
                tasks.push(id);
            }
            40..65 => {
                let id = tasks[rng.below(tasks.len() as u64) as usize];
                let task = get_task(&db, id).await.unwrap();
                let tags = pick(&mut rng, &TAGS, 5);
                let projects = pick(&mut rng, &[0, 1, 2, 3], 3);
                let name = task.title.split(' ').next().unwrap().to_owned();
                let title = title(&name, task.version as u64 + 1, &tags, &projects);
                say(format!("begin update {id} {title}"));
                let patch = TaskPatch {
                    expected_version: task.version,
                    title: Some(Some(title.clone())),
                    tags: Some(Some(tags.iter().map(|t| t.to_string()).collect())),
                    project_ids: Some(Some(projects.iter().map(|&i| project_ids[i]).collect())),
                    ..Default::default()
                };
                update_task(&db, id, patch).await.unwrap();
                say(format!("committed update {id} {title}"));
            }
            65..85 => {
                let a = tasks[rng.below(tasks.len() as u64) as usize];
                let b = tasks[rng.below(tasks.len() as u64) as usize];
                if a == b {
                    continue;
                }
                say(format!("begin move {a} {b}"));
                let (a_position, b_position) = swap_positions(&db, a, b).await;
                say(format!("committed move {a} {b_position} {b} {a_position}"));
            }
            _ => {
                let id = tasks.swap_remove(rng.below(tasks.len() as u64) as usize);
                say(format!("begin delete {id}"));
                delete_task(&db, id).await.unwrap();
                say(format!("committed delete {id}"));
            }
        }
    }
}

/// A move: two tasks trade places in one transaction (two versioned updates inside it).
/// Returns their positions before the move.
async fn swap_positions(db: &DatabaseConnection, a: Id, b: Id) -> (i64, i64) {
    let txn = db
        .begin_with_options(TransactionOptions {
            sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
            ..Default::default()
        })
        .await
        .unwrap();
    let (task_a, task_b) = (get_task(&txn, a).await.unwrap(), get_task(&txn, b).await.unwrap());
    let moved = |task: &TaskDto, position: i64| TaskPatch {
        expected_version: task.version,
        position: Some(Some(position)),
        ..Default::default()
    };
    update_task(&txn, a, moved(&task_a, task_b.position)).await.unwrap();
    update_task(&txn, b, moved(&task_b, task_a.position)).await.unwrap();
    txn.commit().await.unwrap();
    (task_a.position, task_b.position)
}

// ---------------------------------------------------------------------------------------------
// The parent: a model of what must be in the file, built from what the child reported.
// ---------------------------------------------------------------------------------------------

/// What the model holds of a task; `position: None` when any position will do (an in-flight create).
#[derive(Clone, Debug, PartialEq, Eq)]
struct Expected {
    title: String,
    position: Option<i64>,
    version: i64,
}

type Model = BTreeMap<Id, Expected>;

/// Applies one reported transaction to the model. `pending` is a `begin` line: its outcome (and so
/// the new position of a create) is unknown.
fn apply(model: &mut Model, line: &str, pending: bool) {
    let words: Vec<&str> = line.splitn(6, ' ').collect();
    let id = |i: usize| -> Id { words[i].parse().unwrap() };
    match (words[1], pending) {
        ("create", true) => {
            let title = line.splitn(4, ' ').nth(3).unwrap().to_owned();
            model.insert(id(2), Expected { title, position: None, version: 1 });
        }
        ("create", false) => {
            let title = line.splitn(5, ' ').nth(4).unwrap().to_owned();
            model.insert(id(2), Expected { title, position: Some(words[3].parse().unwrap()), version: 1 });
        }
        ("update", _) => {
            let task = model.get_mut(&id(2)).unwrap();
            task.title = line.splitn(4, ' ').nth(3).unwrap().to_owned();
            task.version += 1;
        }
        ("delete", _) => {
            model.remove(&id(2));
        }
        ("move", true) => {
            for i in [2, 3] {
                let task = model.get_mut(&id(i)).unwrap();
                task.position = None;
                task.version += 1;
            }
        }
        ("move", false) => {
            for (i, position) in [(2, 3), (4, 5)] {
                let task = model.get_mut(&id(i)).unwrap();
                task.position = Some(words[position].parse().unwrap());
                task.version += 1;
            }
        }
        (kind, _) => panic!("unknown report {kind}: {line}"),
    }
}

fn matches(model: &Model, actual: &Model) -> bool {
    model.len() == actual.len()
        && model.iter().zip(actual).all(|((id, want), (actual_id, got))| {
            id == actual_id
                && want.title == got.title
                && want.version == got.version
                && want.position.is_none_or(|p| Some(p) == got.position)
        })
}

/// The tasks in the file, checked one by one against what their titles announce.
async fn tasks_in(db: &DatabaseConnection, project_ids: &[Id]) -> Result<Model, String> {
    let tasks = all_tasks(db, TaskFilter::default()).await.map_err(|err| err.to_string())?;
    let mut model = Model::new();
    for task in tasks {
        let tags_word = task.title.split(' ').find_map(|w| w.strip_prefix("tags=")).unwrap();
        let projects_word = task.title.split(' ').find_map(|w| w.strip_prefix("projects=")).unwrap();
        let mut want_tags: Vec<String> =
            tags_word.split(',').filter(|t| !t.is_empty()).map(str::to_lowercase).collect();
        want_tags.sort();
        let mut have_tags: Vec<String> = task.tags.iter().map(|t| t.to_lowercase()).collect();
        have_tags.sort();
        let mut want_projects: Vec<Id> = projects_word
            .split(',')
            .filter(|p| !p.is_empty())
            .map(|p| project_ids[p.parse::<usize>().unwrap()])
            .collect();
        want_projects.sort();
        if want_tags != have_tags || want_projects != task.project_ids {
            return Err(format!(
                "half a transaction: {:?} has tags {have_tags:?} and projects {:?}",
                task.title, task.project_ids
            ));
        }
        model.insert(task.id, Expected { title: task.title, position: Some(task.position), version: task.version });
    }
    Ok(model)
}

/// One kill: where it landed, for the report.
struct Kill {
    committed: usize,
    in_flight: Option<String>,
    in_flight_landed: bool,
    wal_bytes: u64,
    alive: Duration,
}

fn wal_size(path: &Path) -> u64 {
    let mut wal = path.as_os_str().to_owned();
    wal.push("-wal");
    std::fs::metadata(PathBuf::from(wal)).map(|m| m.len()).unwrap_or(0)
}

fn spawn_child(path: &Path, seed: u64) -> Child {
    Command::new(std::env::current_exe().unwrap())
        .args(["child_writes_until_killed", "--exact", "--nocapture", "--test-threads=1"])
        .env(CHILD_ENV, path)
        .env(SEED_ENV, seed.to_string())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_writer_killed_twenty_times_loses_no_committed_transaction_and_leaves_none_in_part() {
    let seed = std::env::var(SEED_ENV).ok().and_then(|s| s.parse().ok()).unwrap_or_else(|| {
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos() as u64
    });
    println!("seed {seed} (replay with {SEED_ENV}={seed})");
    let mut rng = Rng::new(seed);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tasklane.db");
    let location = DatabaseLocation::file(&path);

    let db = db::open(&location).await.unwrap();
    let mut project_ids = Vec::new();
    for i in 0..PROJECTS {
        project_ids
            .push(create_project(&db, NewProject { name: format!("P{i}"), ..Default::default() }).await.unwrap().id);
    }
    let mut model = tasks_in(&db, &project_ids).await.unwrap();
    db.close().await.unwrap();

    let started = Instant::now();
    let mut kills = Vec::new();
    for round in 0..KILLS {
        let fail = |what: String| -> ! { panic!("seed {seed}, kill {round}: {what}") };
        // Mostly a little after a random number of commits (past the WAL's 4 MB auto-checkpoint
        // at times); sometimes while the child is still starting and opening the file.
        let (target, delay) = if rng.below(10) == 0 {
            (0, Duration::from_micros(rng.below(40_000)))
        } else {
            (1 + rng.below(300) as usize, Duration::from_micros(rng.below(3_000)))
        };
        let mut child = spawn_child(&path, rng.next() >> 1);
        let spawned = Instant::now();

        let (lines_tx, lines) = mpsc::channel::<String>();
        let stdout = child.stdout.take().unwrap();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if lines_tx.send(line).is_err() {
                    break;
                }
            }
        });
        let mut reports = Vec::new();
        let mut committed = 0;
        while committed < target {
            match lines.recv_timeout(Duration::from_secs(20)) {
                Ok(line) => {
                    committed += line.starts_with("committed ") as usize;
                    reports.push(line);
                }
                Err(_) => {
                    let _ = child.kill();
                    let mut stderr = String::new();
                    std::io::Read::read_to_string(&mut child.stderr.take().unwrap(), &mut stderr).unwrap();
                    fail(format!("the child stopped before it was killed: {stderr}"));
                }
            }
        }
        std::thread::sleep(delay);
        child.kill().unwrap();
        let alive = spawned.elapsed();
        let status = child.wait().unwrap();
        if status.signal() != Some(9) {
            // It ended on its own before the kill: a write failed in it.
            let mut stderr = String::new();
            std::io::Read::read_to_string(&mut child.stderr.take().unwrap(), &mut stderr).unwrap();
            fail(format!("the child ended with {status} instead of being killed: {stderr}"));
        }
        let wal_bytes = wal_size(&path);
        // The child is dead, so its stdout ends: every line it wrote before dying is read here.
        reports.extend(lines.iter());

        let reports: Vec<&str> = reports
            .iter()
            .map(String::as_str)
            .filter(|l| l.starts_with("begin ") || l.starts_with("committed "))
            .collect();
        let mut in_flight = None;
        for line in &reports {
            if line.starts_with("committed ") {
                apply(&mut model, line, false);
                in_flight = None;
            } else {
                in_flight = Some(line.to_string());
            }
        }

        let db = db::open(&location).await.unwrap_or_else(|err| fail(format!("the app cannot open the file: {err}")));
        let integrity = scalar_text(&db, "PRAGMA integrity_check").await;
        if integrity != "ok" {
            fail(format!("integrity_check: {integrity}"));
        }
        let orphans = db
            .query_all_raw(Statement::from_string(db.get_database_backend(), "PRAGMA foreign_key_check"))
            .await
            .unwrap();
        if !orphans.is_empty() {
            fail(format!("foreign_key_check found {} rows", orphans.len()));
        }
        let actual = tasks_in(&db, &project_ids).await.unwrap_or_else(|err| fail(err));
        let in_flight_landed = if matches(&model, &actual) {
            false
        } else {
            let mut with_in_flight = model.clone();
            match &in_flight {
                Some(line) => apply(&mut with_in_flight, line, true),
                None => fail(format!("the file differs from what was committed: {}", diff(&model, &actual))),
            }
            if !matches(&with_in_flight, &actual) {
                fail(format!(
                    "the file is neither before nor after the transaction in flight ({in_flight:?}): {}",
                    diff(&model, &actual)
                ));
            }
            true
        };
        let counts = snapshot(&db).await;
        db.close().await.unwrap();
        model = actual;
        println!(
            "kill {round:2}: after {committed:3} commits (+{:4} µs), alive {alive:>9.2?}, WAL {wal_bytes:7} bytes, in flight: {} {}; tables {counts:?}",
            delay.as_micros(),
            in_flight.as_deref().map_or("none", |l| l.split(' ').nth(1).unwrap()),
            match (&in_flight, in_flight_landed) {
                (None, _) => "",
                (Some(_), true) => "(landed)",
                (Some(_), false) => "(rolled back)",
            },
        );
        kills.push(Kill { committed, in_flight, in_flight_landed, wal_bytes, alive });
    }

    let mid_transaction = kills.iter().filter(|k| k.in_flight.is_some()).count();
    let mut by_kind = BTreeMap::<&str, usize>::new();
    for kill in &kills {
        *by_kind.entry(kill.in_flight.as_deref().map_or("none", |l| l.split(' ').nth(1).unwrap())).or_default() += 1;
    }
    println!(
        "{KILLS} kills in {:.2?}: {} commits reported, {mid_transaction} kills with a transaction in flight ({} of them landed), in flight by kind {by_kind:?}, WAL at kill {}..{} bytes, child alive {:.2?}..{:.2?}",
        started.elapsed(),
        kills.iter().map(|k| k.committed).sum::<usize>(),
        kills.iter().filter(|k| k.in_flight_landed).count(),
        kills.iter().map(|k| k.wal_bytes).min().unwrap(),
        kills.iter().map(|k| k.wal_bytes).max().unwrap(),
        kills.iter().map(|k| k.alive).min().unwrap(),
        kills.iter().map(|k| k.alive).max().unwrap(),
    );
    assert!(mid_transaction > 0, "seed {seed}: no kill landed while a transaction was in flight");
}

fn diff(want: &Model, got: &Model) -> String {
    let mut lines = Vec::new();
    for (id, task) in want {
        match got.get(id) {
            None => lines.push(format!("missing {id} {task:?}")),
            Some(actual) if actual != task => lines.push(format!("{id}: want {task:?}, got {actual:?}")),
            _ => {}
        }
    }
    for (id, task) in got {
        if !want.contains_key(id) {
            lines.push(format!("unexpected {id} {task:?}"));
        }
    }
    lines.join("; ")
}
