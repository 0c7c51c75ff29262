//! The write, start-up and count scenarios (the list scenarios are in [`super::pages`]). Each
//! times the app's path and its baseline in alternation (see [`compare`]) and checks, untimed,
//! that both did the same work. Scenario 5 (memory) is measured around scenario 2.

use std::time::Duration;

use migration::{Migrator, MigratorTrait};
use sea_orm::sqlx::{Connection, SqliteConnection};
use serde_json::{Value, json};
use tasklane_lib::db::{self, DatabaseLocation};

use super::app::{BenchApp, block_on};
use super::fixture::Catalog;
use super::measure::{Summary, compare, timed};
use super::report::{Row, Target};
use super::{Config, baseline};

/// Scenario 1 — creating one task with two existing tags and one project through IPC
/// (`db_create_task`: JSON in, validation, the operation's statements, JSON reply, change event)
/// against the same rows written by hand in one transaction, tag names resolved to ids as the app
/// must (like for like). Both fire the search index's triggers.
pub struct Create {
    pub row: Row,
    /// SQL statements one `db_create_task` runs (transaction control not included).
    pub statements: usize,
    /// The reply to the last create, parsed.
    pub last_reply: Value,
}

pub fn create_task(app: &BenchApp, catalog: &Catalog, config: &Config) -> Create {
    let tags = block_on(baseline::tags(app.pool()));
    let pick = |round: usize| [&tags[(2 * round) % tags.len()], &tags[(2 * round + 1) % tags.len()]];
    let args = |round: usize| {
        let [a, b] = pick(round);
        json!({ "input": {
            "title": format!("Benchmark task {round}"),
            "tags": [a.1, b.1],
            "projectIds": [catalog.spare_project],
        } })
    };
    let (subject, base) = compare(
        config.warmup,
        config.create_iterations,
        |round| {
            let args = args(round);
            timed(|| app.invoke("db_create_task", args)).0
        },
        |round| {
            let [a, b] = pick(round);
            let title = format!("Baseline task {round}");
            timed(|| block_on(baseline::create_task(app.pool(), &title, [&a.1, &b.1], &catalog.spare_project))).0
        },
    );
    let one_more = config.warmup + config.create_iterations;
    let (statements, reply) = app.statements_during(|| app.invoke("db_create_task", args(one_more)));
    Create {
        row: Row::new("1 create task (IPC vs raw sqlx)", subject, base, Target::ratio(1.3)),
        statements,
        last_reply: serde_json::from_str(&reply).expect("a JSON task"),
    }
}

/// Scenario 4 — start-up: `db::open` (pool with the app's pragmas, then the migrator finding
/// nothing pending) against a bare sqlx connection to the same file. Each opened pool is closed
/// outside the timed part. Also times the migrator alone on an open pool.
pub struct Startup {
    pub row: Row,
    /// `Migrator::up` with nothing pending, on an already open connection.
    pub migrator_alone: Summary,
}

pub fn startup(location: &DatabaseLocation, config: &Config) -> Startup {
    let (subject, base) = compare(
        config.warmup,
        config.startup_iterations,
        |_| {
            let (elapsed, db) = timed(|| block_on(db::open(location)).expect("open"));
            block_on(db.close()).expect("close");
            elapsed
        },
        |_| {
            let (elapsed, conn) = timed(|| block_on(SqliteConnection::connect(&location.url)).expect("connect"));
            block_on(conn.close()).expect("close");
            elapsed
        },
    );
    let db = block_on(db::open(location)).expect("open");
    let migrator_alone = Summary::of(
        (0..config.startup_iterations)
            .map(|_| timed(|| block_on(Migrator::up(&db, None)).expect("nothing to migrate")).0)
            .collect(),
    );
    block_on(db.close()).expect("close");
    let target = Target::median(Duration::from_millis(100));
    Startup { row: Row::new("4 start-up db::open", subject, base, target), migrator_alone }
}

/// Scenario 6 — changing a task's status through IPC (`db_update_task`: version check, update,
/// the task read back, change event) against one hand-written UPDATE in a transaction. Both
/// alternate the same task between `todo` and `in_progress`, each on its own task.
pub struct Update {
    pub row: Row,
    pub statements: usize,
}

pub fn update_status(app: &BenchApp, catalog: &Catalog, config: &Config) -> Update {
    let ids = |filter: Value| -> Vec<(String, i64)> {
        let page: Value =
            serde_json::from_str(&app.invoke("db_get_tasks", json!({ "filter": filter, "page": { "limit": 2 } })))
                .expect("a page");
        page["tasks"]
            .as_array()
            .expect("tasks")
            .iter()
            .map(|t| (t["id"].as_str().unwrap().to_owned(), t["version"].as_i64().unwrap()))
            .collect()
    };
    let picked = ids(json!({ "projectIds": [catalog.small_project], "statuses": ["todo", "in_progress"] }));
    let [(subject_id, first_version), (baseline_id, _)] = [picked[0].clone(), picked[1].clone()];
    let status = |round: usize| if round.is_multiple_of(2) { "in_progress" } else { "todo" };
    let mut version = first_version;
    let mut patch = |round: usize| {
        let args = json!({ "id": subject_id, "patch": { "expectedVersion": version, "status": status(round) } });
        version += 1;
        args
    };
    let (subject, base) = compare(
        config.warmup,
        config.update_iterations,
        |round| {
            let args = patch(round);
            timed(|| app.invoke("db_update_task", args)).0
        },
        |round| timed(|| block_on(baseline::set_status(app.pool(), &baseline_id, status(round)))).0,
    );
    let round = config.warmup + config.update_iterations;
    let (statements, reply) = app.statements_during(|| app.invoke("db_update_task", patch(round)));
    let reply: Value = serde_json::from_str(&reply).expect("a task");
    assert_eq!(reply["status"], status(round), "the last update went through");
    Update {
        row: Row::new("6 update a task's status (IPC vs raw sqlx)", subject, base, Target::ratio(1.5)),
        statements,
    }
}

/// Scenario 7 — what a change costs the sidebar and the status bar: `db_get_projects` (per-project
/// counts) and `app_status` (task counts), each through IPC against the same counts written by
/// hand. No target: the figures say whether a change event's refetch scans 100k rows.
pub struct Counts {
    pub projects: Row,
    pub status: Row,
}

pub fn counts(app: &BenchApp, config: &Config) -> Counts {
    let (projects, projects_base) = compare(
        config.warmup,
        config.list_iterations,
        |_| timed(|| app.invoke("db_get_projects", json!({}))).0,
        |_| timed(|| block_on(baseline::project_counts(app.pool()))).0,
    );
    let (status, status_base) = compare(
        config.warmup,
        config.list_iterations,
        |_| timed(|| app.invoke("app_status", json!({}))).0,
        |_| timed(|| block_on(baseline::task_counts(app.pool()))).0,
    );
    Counts {
        projects: Row::new("7 sidebar: db_get_projects with counts", projects, projects_base, Target::none()),
        status: Row::new("7b status bar: app_status counts", status, status_base, Target::none()),
    }
}

/// Scenario 8 — moving a task in the manual order of the big project (`db_move_task`): the first
/// move on the seeded file, whose positions are packed (1, 2, 3, … as lists made before moves
/// existed), renumbers every task once; later moves put the task between two neighbours and
/// write one row. Timed against the hand-written UPDATE of that one row (position, version,
/// updated_at) in a `BEGIN IMMEDIATE` transaction. Rows written are counted untimed, by comparing
/// every position before and after a move.
pub struct Move {
    pub row: Row,
    /// The first move (the renumbering), and the rows it wrote.
    pub first: Duration,
    pub first_rows: usize,
    /// The most rows any of the sampled later moves wrote, and how many were sampled.
    pub most_rows: usize,
    pub sampled: usize,
    pub statements: usize,
}

pub fn move_task(app: &BenchApp, catalog: &Catalog, config: &Config) -> Move {
    let page: Value = serde_json::from_str(&app.invoke(
        "db_get_tasks",
        json!({ "filter": { "projectIds": [catalog.big_project], "sort": "manual" }, "page": { "limit": 60 } }),
    ))
    .expect("a page");
    let ids: Vec<String> =
        page["tasks"].as_array().expect("tasks").iter().map(|t| t["id"].as_str().unwrap().to_owned()).collect();
    assert!(ids.len() >= 8, "the big project has tasks to move between");
    let step = ids.len() / 4;
    let (subject, anchors) = (ids[0].clone(), [ids[step].clone(), ids[2 * step].clone()]);
    let args = |round: usize| json!({ "id": subject, "to": { "before": anchors[round % 2] } });

    let before = block_on(baseline::positions(app.pool()));
    let (first, reply) = timed(|| app.invoke("db_move_task", args(1)));
    assert!(reply.contains(&subject), "the first move went through: {reply}");
    let first_rows = changed(&before, &block_on(baseline::positions(app.pool())));

    let spot = block_on(baseline::positions(app.pool()));
    let baseline_id = ids[3 * step].clone();
    let [low, high] = [spot[&ids[3 * step + 1]], spot[&ids[3 * step + 2]]];
    let (subject_time, base) = compare(
        config.warmup,
        config.update_iterations,
        |round| {
            let args = args(round);
            timed(|| app.invoke("db_move_task", args)).0
        },
        |round| {
            let position = if round.is_multiple_of(2) { low + (high - low) / 2 } else { spot[&baseline_id] };
            timed(|| block_on(baseline::set_position(app.pool(), &baseline_id, position))).0
        },
    );
    let sampled = if config.progress { 20 } else { 2 };
    let mut most_rows = 0;
    for round in 0..sampled {
        let before = block_on(baseline::positions(app.pool()));
        app.invoke("db_move_task", args(round));
        most_rows = most_rows.max(changed(&before, &block_on(baseline::positions(app.pool()))));
    }
    let (statements, _) = app.statements_during(|| app.invoke("db_move_task", args(0)));
    Move {
        row: Row::new(
            "8 move a task in a 10k list (IPC vs raw UPDATE)",
            subject_time,
            base,
            Target::ratio_and_median(2.0, Duration::from_millis(5)),
        ),
        first,
        first_rows,
        most_rows,
        sampled,
        statements,
    }
}

/// How many tasks have another position in `after` than in `before`.
fn changed(before: &std::collections::HashMap<String, i64>, after: &std::collections::HashMap<String, i64>) -> usize {
    after.iter().filter(|(id, position)| before.get(*id) != Some(position)).count()
}
