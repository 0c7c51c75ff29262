//! Concurrency on a file database, as the app runs it (WAL, a pool of 4, `BEGIN IMMEDIATE` writes):
//! many writers and readers at once lose nothing and see no errors, and versioned patches of one
//! task let exactly the non-stale ones through.

mod common;

use std::collections::BTreeSet;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use common::{all_tasks, count_rows, file_db, scalar_i64};
use entity::Id;
use sea_orm::DatabaseConnection;
use tasklane_lib::db::project_operations::create_project;
use tasklane_lib::db::task_operations::{create_task, get_task, update_task};
use tasklane_lib::error::ErrorCode;
use tasklane_lib::models::{NewProject, NewTask, TaskFilter, TaskPatch};
use tokio::sync::Barrier;

const WRITERS: usize = 8;
const READERS: usize = 4;
const TASKS: usize = 1_000;
/// Shared by every writer, in spellings that differ in case only: tag creation races between them.
const TAG_SPELLINGS: [&str; 10] =
    ["alpha", "Alpha", "beta", "BETA", "gamma", "Delta", "delta", "ε-épsilon", "Ωmega", "ωmega"];

/// Task `n` of the run: its tags and whether it is linked to the projects; readers use the title
/// to check they never see a task without all its links.
fn tags_of(n: usize) -> Vec<String> {
    (0..n % 4).map(|k| TAG_SPELLINGS[(n * 7 + k * 3) % TAG_SPELLINGS.len()].to_owned()).collect()
}

fn distinct_tag_count(tags: &[String]) -> usize {
    tags.iter().map(|t| t.to_lowercase()).collect::<BTreeSet<_>>().len()
}

fn title_of(n: usize) -> String {
    format!("task {n} tags={} projects={}", distinct_tag_count(&tags_of(n)), if n.is_multiple_of(3) { 2 } else { 0 })
}

/// The tag and project counts a title announces.
fn announced_links(title: &str) -> (usize, usize) {
    let number = |key: &str| -> usize {
        let start = title.find(key).unwrap_or_else(|| panic!("{key} in {title}")) + key.len();
        title[start..].split(' ').next().unwrap().parse().unwrap()
    };
    (number("tags="), number("projects="))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn eight_writers_and_four_readers_on_a_file_database_lose_nothing() {
    let (_dir, db) = file_db().await;
    let projects = [
        create_project(&db, NewProject { name: "Home".into(), ..Default::default() }).await.unwrap().id,
        create_project(&db, NewProject { name: "Work".into(), ..Default::default() }).await.unwrap().id,
    ];
    let started = Instant::now();
    let writing = Arc::new(AtomicBool::new(true));
    let reads = Arc::new(AtomicUsize::new(0));

    let mut readers = Vec::new();
    for _ in 0..READERS {
        let (db, writing, reads) = (db.clone(), writing.clone(), reads.clone());
        readers.push(tokio::spawn(async move {
            let mut errors = Vec::new();
            let mut last_len = 0;
            while writing.load(Ordering::SeqCst) {
                match all_tasks(&db, TaskFilter::default()).await {
                    Ok(tasks) => {
                        reads.fetch_add(1, Ordering::SeqCst);
                        if tasks.len() < last_len {
                            errors.push(format!("a list shrank from {last_len} to {} tasks", tasks.len()));
                        }
                        last_len = tasks.len();
                        for task in &tasks {
                            if announced_links(&task.title) != (task.tags.len(), task.project_ids.len()) {
                                errors.push(format!("half a create visible: {task:?}"));
                            }
                        }
                    }
                    Err(err) => errors.push(format!("read: {:?}: {err}", err.code())),
                }
            }
            errors
        }));
    }

    let mut writers = Vec::new();
    for writer in 0..WRITERS {
        let db = db.clone();
        writers.push(tokio::spawn(async move {
            let mut errors = Vec::new();
            for n in (writer..TASKS).step_by(WRITERS) {
                let input = NewTask {
                    title: title_of(n),
                    tags: Some(tags_of(n)),
                    project_ids: (n.is_multiple_of(3)).then(|| projects.to_vec()),
                    ..Default::default()
                };
                if let Err(err) = create_task(&db, input).await {
                    errors.push(format!("create {n}: {:?}: {err}", err.code()));
                }
            }
            errors
        }));
    }

    let mut errors = Vec::new();
    for writer in writers {
        errors.extend(writer.await.unwrap());
    }
    let write_time = started.elapsed();
    writing.store(false, Ordering::SeqCst);
    for reader in readers {
        errors.extend(reader.await.unwrap());
    }
    println!(
        "{TASKS} creates by {WRITERS} writers in {write_time:.2?} while {READERS} readers listed {} times",
        reads.load(Ordering::SeqCst)
    );
    assert_eq!(errors, Vec::<String>::new(), "no writer or reader may see an error");

    assert_eq!(count_rows(&db, "tasks").await, TASKS as i64);
    assert_eq!(scalar_i64(&db, "SELECT COUNT(DISTINCT position) FROM tasks").await, TASKS as i64, "unique positions");
    let distinct_tags = distinct_tag_count(&TAG_SPELLINGS.map(String::from)) as i64;
    assert_eq!(distinct_tags, 6);
    assert_eq!(scalar_i64(&db, "SELECT COUNT(DISTINCT name_key) FROM tags").await, distinct_tags);
    assert_eq!(count_rows(&db, "tags").await, distinct_tags, "one tag per name, however many writers raced for it");
    let tag_links: usize = (0..TASKS).map(|n| distinct_tag_count(&tags_of(n))).sum();
    assert_eq!(count_rows(&db, "task_tags").await, tag_links as i64);
    assert_eq!(count_rows(&db, "task_projects").await, (TASKS.div_ceil(3) * 2) as i64);
    let tasks = all_tasks(&db, TaskFilter::default()).await.unwrap();
    let titles: BTreeSet<String> = tasks.iter().map(|t| t.title.clone()).collect();
    assert_eq!(titles, (0..TASKS).map(title_of).collect::<BTreeSet<_>>(), "every create landed exactly once");
    assert!(reads.load(Ordering::SeqCst) >= READERS, "the readers ran while the writers wrote");
}

/// What one versioned update of the shared task did.
enum Outcome {
    /// It won: the version it read and the marker it appended.
    Won {
        read_version: i64,
        new_version: i64,
        marker: String,
    },
    /// It was stale: the version it read and the version the conflict reported.
    Stale {
        read_version: i64,
        current_version: i64,
    },
    Failed(String),
}

/// Reads the task after `delay`, waits at `barrier` (when given) so that a whole wave reads the
/// same version, then appends its marker to the description it read, naming the version it read. A lost update
/// would drop a marker from the description.
async fn read_then_update(
    db: DatabaseConnection,
    id: Id,
    marker: String,
    delay: Duration,
    barrier: Option<Arc<Barrier>>,
) -> Outcome {
    tokio::time::sleep(delay).await;
    let seen = match get_task(&db, id).await {
        Ok(task) => task,
        Err(err) => return Outcome::Failed(format!("read: {:?}: {err}", err.code())),
    };
    if let Some(barrier) = barrier {
        barrier.wait().await;
    }
    let description = format!("{} {marker}", seen.description.unwrap_or_default());
    let patch = TaskPatch {
        expected_version: seen.version,
        description: Some(Some(description.trim_start().to_owned())),
        ..Default::default()
    };
    match update_task(&db, id, patch).await {
        Ok(task) => Outcome::Won { read_version: seen.version, new_version: task.version, marker },
        // Read from the payload the client receives: `current` is the task as it is now.
        Err(err) if err.code() == ErrorCode::Conflict => {
            match serde_json::to_value(err.payload()).unwrap()["current"]["version"].as_i64() {
                Some(current_version) => Outcome::Stale { read_version: seen.version, current_version },
                None => Outcome::Failed(format!("a CONFLICT without the current task: {err}")),
            }
        }
        Err(err) => Outcome::Failed(format!("update: {:?}: {err}", err.code())),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_hundred_racing_versioned_updates_of_one_task_lose_none() {
    const WAVES: usize = 10;
    const WAVE_SIZE: usize = 10;
    const FREE_RUNNING: usize = 100;
    let (_dir, db) = file_db().await;
    let id = create_task(&db, NewTask { title: "contended".into(), ..Default::default() }).await.unwrap().id;
    let started = Instant::now();

    let mut outcomes = Vec::new();
    // Waves: every update of a wave reads the same version before any writes, so exactly one wins.
    for wave in 0..WAVES {
        let barrier = Arc::new(Barrier::new(WAVE_SIZE));
        let updates: Vec<_> = (0..WAVE_SIZE)
            .map(|k| {
                tokio::spawn(read_then_update(
                    db.clone(),
                    id,
                    format!("w{wave}.{k}"),
                    Duration::ZERO,
                    Some(barrier.clone()),
                ))
            })
            .collect();
        let mut winners = 0;
        for update in updates {
            let outcome = update.await.unwrap();
            winners += matches!(outcome, Outcome::Won { .. }) as usize;
            outcomes.push(outcome);
        }
        assert_eq!(winners, 1, "wave {wave}: all read one version, so exactly one update is not stale");
    }
    // Free-running: spread over 25 ms, so reads and writes interleave however the scheduler lets them.
    let updates: Vec<_> = (0..FREE_RUNNING)
        .map(|k| {
            let delay = Duration::from_millis(k as u64 % 25);
            tokio::spawn(read_then_update(db.clone(), id, format!("f{k}"), delay, None))
        })
        .collect();
    for update in updates {
        outcomes.push(update.await.unwrap());
    }

    let mut wins: Vec<(i64, i64, String)> = Vec::new();
    let mut stale = 0;
    for outcome in outcomes {
        match outcome {
            Outcome::Won { read_version, new_version, marker } => wins.push((read_version, new_version, marker)),
            Outcome::Stale { read_version, current_version } => {
                assert!(
                    current_version > read_version,
                    "refused although it read version {read_version} and the task is at {current_version}"
                );
                stale += 1;
            }
            Outcome::Failed(message) => panic!("every update either wins or is CONFLICT; got {message}"),
        }
    }
    wins.sort();
    println!(
        "{} versioned updates in {:.2?}: {} won, {stale} refused as stale",
        WAVES * WAVE_SIZE + FREE_RUNNING,
        started.elapsed(),
        wins.len()
    );

    for (i, (read_version, new_version, marker)) in wins.iter().enumerate() {
        let expected_read = 1 + i as i64;
        assert_eq!(*read_version, expected_read, "winning updates read versions 1, 2, 3, ... without gaps ({marker})");
        assert_eq!(*new_version, read_version + 1, "a win raises the version by exactly one ({marker})");
    }
    let task = get_task(&db, id).await.unwrap();
    assert_eq!(task.version, 1 + wins.len() as i64, "the final version counts the wins");
    let markers: Vec<&str> = wins.iter().map(|(_, _, marker)| marker.as_str()).collect();
    assert_eq!(
        task.description.as_deref().unwrap_or_default(),
        markers.join(" "),
        "every win's change is there, in version order: no update was lost"
    );
    assert!(wins.len() > WAVES, "some free-running updates won too");
}
