//! The scenarios. Each times the app's path and its baseline in alternation (see
//! [`compare`]) and checks, untimed, that both did the same work. Scenario 5 (memory) is
//! measured around scenario 2.

use std::time::Duration;

use migration::{Migrator, MigratorTrait};
use sea_orm::sqlx::{Connection, SqliteConnection};
use serde_json::{Value, json};
use tasklane_lib::db::{self, DatabaseLocation};

use super::app::{BenchApp, block_on};
use super::fixture::{Catalog, SEARCH_TERM};
use super::measure::{Summary, compare, timed};
use super::memory::{self, Rss};
use super::report::{Row, Target};
use super::{Config, baseline};

/// Scenario 1 — creating one task with two existing tags and one project through IPC
/// (`db_create_task`: JSON in, validation, the operation's statements, JSON reply, change event)
/// against the same rows inserted with three raw statements in one transaction.
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
            timed(|| block_on(baseline::create_task(app.pool(), &title, [&a.0, &b.0], &catalog.spare_project))).0
        },
    );
    let one_more = config.warmup + config.create_iterations;
    let (statements, reply) = app.statements_during(|| app.invoke("db_create_task", args(one_more)));
    Create {
        row: Row::new("1 create task (IPC vs raw sqlx)", subject, base, Target::ratio(1.5)),
        statements,
        last_reply: serde_json::from_str(&reply).expect("a JSON task"),
    }
}

/// Scenario 2 — listing the tasks of the big project (10,000 at full size) through IPC
/// (`db_get_tasks` with a `projectIds` filter: the operation's queries, row mapping, JSON reply)
/// against one hand-written query serialized to the same JSON. Also counts statements per call
/// on the big and the small project, and memory around the scenario.
pub struct List {
    pub row: Row,
    pub big_tasks: usize,
    pub small_tasks: usize,
    pub statements_big: usize,
    pub statements_small: usize,
    pub reply_bytes: usize,
    pub memory: Memory,
}

/// Resident memory around scenario 2: before it, and the peak while it ran (`VmHWM`, reset just
/// before when the kernel allows; otherwise the process-wide peak so far).
#[derive(Clone, Copy, Debug)]
pub struct Memory {
    pub before: Rss,
    pub after: Rss,
    pub peak_was_reset: bool,
}

pub fn list_project(app: &BenchApp, catalog: &Catalog, config: &Config) -> List {
    // Done tasks included, as the baseline and the earlier runs in BENCHMARKS.md list them.
    let filter = |project: &str| json!({ "filter": { "projectIds": [project], "includeDone": true } });
    let (statements_big, reply) = app.statements_during(|| app.invoke("db_get_tasks", filter(&catalog.big_project)));
    let (statements_small, small) =
        app.statements_during(|| app.invoke("db_get_tasks", filter(&catalog.small_project)));
    let expected = block_on(baseline::tasks_in_project(app.pool(), &catalog.big_project));
    assert!(reply == expected, "the baseline must return the same JSON as db_get_tasks");

    let before = memory::rss();
    let peak_was_reset = memory::reset_peak();
    let (subject, base) = compare(
        config.warmup,
        config.list_iterations,
        |_| timed(|| app.invoke("db_get_tasks", filter(&catalog.big_project))).0,
        |_| timed(|| block_on(baseline::tasks_in_project(app.pool(), &catalog.big_project))).0,
    );
    let after = memory::rss();

    List {
        row: Row::new(
            "2 list the big project",
            subject,
            base,
            Target::ratio_and_median(2.0, Duration::from_millis(30)),
        ),
        big_tasks: count_tasks(&reply),
        small_tasks: count_tasks(&small),
        statements_big,
        statements_small,
        reply_bytes: reply.len(),
        memory: Memory { before, after, peak_was_reset },
    }
}

/// Scenario 3 — text search over every task through IPC (`db_get_tasks` with `search`: a
/// `LIKE '%term%'` on title and description) against one hand-written `LIKE` query serialized
/// to the same JSON. No target.
pub struct Search {
    pub row: Row,
    pub matches: usize,
    /// What SQLite alone counts for the same `LIKE`.
    pub counted: usize,
    pub statements: usize,
}

pub fn search(app: &BenchApp, config: &Config) -> Search {
    let args = || json!({ "filter": { "search": SEARCH_TERM, "includeDone": true } });
    let (statements, reply) = app.statements_during(|| app.invoke("db_get_tasks", args()));
    let expected = block_on(baseline::tasks_matching(app.pool(), SEARCH_TERM));
    assert!(reply == expected, "the baseline must return the same JSON as db_get_tasks");
    let (subject, base) = compare(
        config.warmup,
        config.search_iterations,
        |_| timed(|| app.invoke("db_get_tasks", args())).0,
        |_| timed(|| block_on(baseline::tasks_matching(app.pool(), SEARCH_TERM))).0,
    );
    Search {
        row: Row::new("3 search all tasks", subject, base, Target::none()),
        matches: count_tasks(&reply),
        counted: block_on(baseline::count_matching(app.pool(), SEARCH_TERM)) as usize,
        statements,
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

fn count_tasks(reply: &str) -> usize {
    serde_json::from_str::<Vec<Value>>(reply).expect("a JSON array of tasks").len()
}
