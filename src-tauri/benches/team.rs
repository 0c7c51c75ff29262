//! `make bench` on PostgreSQL (team mode): create, first page, search and move at 100,000 tasks,
//! each timed through the app's operations and, in alternation, as hand-written SQL on the same
//! server and pool; plus the notify path (a commit → the other instance's LISTEN).
//!
//! Needs a server: `TASKLANE_BENCH_PG_URL` (an account that may create databases; `make bench`
//! starts a throwaway one). Without `--bench` (`cargo test --benches`) it seeds 2,000 tasks and
//! runs a few rounds, so it keeps working.

#[path = "harness/measure.rs"]
#[allow(dead_code)] // the database bench uses the rest
mod measure;

use std::time::{Duration, Instant};

use entity::Id;
use measure::{Summary, compare, ratio};
use sea_orm::sqlx::postgres::PgListener;
use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, Statement, TransactionTrait, Value};
use tasklane_lib::db::task_operations::{create_task, get_tasks, update_task};
use tasklane_lib::db::{self, DatabaseLocation};
use tasklane_lib::models::{NewTask, PageRequest, TaskFilter, TaskPatch};

struct Sizes {
    tasks: i64,
    warmup: usize,
    writes: usize,
    reads: usize,
}

fn main() {
    let full = std::env::args().any(|arg| arg == "--bench");
    let sizes = if full {
        Sizes { tasks: 100_000, warmup: 20, writes: 300, reads: 100 }
    } else {
        Sizes { tasks: 2_000, warmup: 2, writes: 10, reads: 5 }
    };
    let Ok(server) = std::env::var("TASKLANE_BENCH_PG_URL") else {
        eprintln!("TASKLANE_BENCH_PG_URL is not set: `make bench` starts a PostgreSQL server for this bench");
        std::process::exit(if full { 1 } else { 0 });
    };
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().unwrap();
    runtime.block_on(run(&server, &sizes));
}

async fn run(server: &str, sizes: &Sizes) {
    // TASKLANE_BENCH_PG_REUSE names a database an earlier run seeded (seeding 100,000 tasks takes
    // about two minutes), to try a change quickly; the figures in docs come from a fresh one.
    let reused = std::env::var("TASKLANE_BENCH_PG_REUSE").ok();
    let url = match &reused {
        Some(url) => url.clone(),
        None => new_database(server).await,
    };
    eprintln!("bench database: {}", db::redact(&url));
    let db = db::open(&DatabaseLocation::from_url(&url).unwrap()).await.expect("open the bench database");
    if reused.is_none() {
        let started = Instant::now();
        seed(&db, sizes.tasks).await;
        eprintln!("seeded {} tasks in {:.1} s", sizes.tasks, started.elapsed().as_secs_f64());
    }
    let version = scalar_text(&db, "SHOW server_version").await;

    let mut rows: Vec<(String, Summary, Summary)> = Vec::new();
    rows.push(bench_create(&db, sizes).await);
    rows.push(bench_first_page(&db, sizes).await);
    rows.push(bench_search(&db, sizes).await);
    rows.push(bench_move(&db, sizes).await);

    println!(
        "\nTasklane on PostgreSQL {version}: {} tasks; app operation vs hand-written SQL, same pool\n",
        sizes.tasks
    );
    println!("| scenario | app median | app p99 | SQL median | SQL p99 | ratio |");
    println!("|---|---:|---:|---:|---:|---:|");
    for (name, ours, theirs) in &rows {
        println!(
            "| {name} | {} | {} | {} | {} | {:.2} |",
            ms(ours.median),
            ms(ours.p99),
            ms(theirs.median),
            ms(theirs.p99),
            ratio(ours.median, theirs.median)
        );
    }
    let notify = bench_notify(&db, &url, sizes).await;
    println!(
        "\nnotify path: create committed -> NOTIFY received on another connection: median {}, p99 {} ({} rounds)",
        ms(notify.median),
        ms(notify.p99),
        notify.iterations
    );
}

fn ms(duration: Duration) -> String {
    format!("{:.2} ms", duration.as_secs_f64() * 1000.0)
}

async fn new_database(server: &str) -> String {
    let admin = sea_orm::Database::connect(server).await.expect("the bench server answers");
    let name = format!("bench_{}", uuid::Uuid::new_v4().simple());
    admin.execute_unprepared(&format!("CREATE DATABASE {name}")).await.unwrap();
    admin.close().await.unwrap();
    let mut url = url::Url::parse(server).unwrap();
    url.set_path(&name);
    url.to_string()
}

/// 100,000 tasks written by SQL (the triggers index and count them as for the app's writes):
/// a quarter done, words from a small vocabulary so that searches hit, 1 task in 10 in a project.
async fn seed(db: &DatabaseConnection, tasks: i64) {
    let statements = [
        "INSERT INTO projects (id, name, position, created_at, updated_at)
            SELECT '10000000-0000-4000-8000-' || lpad(p::text, 12, '0'), 'Project ' || p, p,
                   '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'
            FROM generate_series(1, 20) p"
            .to_owned(),
        format!(
            "INSERT INTO tasks (id, title, description, status, priority, completed_at, position, created_at,
                                updated_at, created_by)
            SELECT gen_random_uuid()::text,
                   (ARRAY['Plan','Write','Review','Call','Fix','Buy','Read','Clean'])[1 + i % 8] || ' '
                       || (ARRAY['report','garden','invoice','budget','slides','car','roof','taxes'])[1 + (i / 8) % 8]
                       || ' ' || i,
                   CASE WHEN i % 3 = 0 THEN 'Notes about ' || md5(i::text) END,
                   CASE WHEN i % 4 = 0 THEN 'done' ELSE 'todo' END,
                   (ARRAY['none','low','medium','high','urgent'])[1 + i % 5],
                   CASE WHEN i % 4 = 0 THEN '2026-02-01T00:00:00.000Z' END,
                   i,
                   to_char(timestamp '2026-01-01' + i * interval '1 second', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"'),
                   to_char(timestamp '2026-01-01' + i * interval '1 second', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"'),
                   'bench'
            FROM generate_series(1, {tasks}) i"
        ),
        "INSERT INTO task_projects (task_id, project_id)
            SELECT id, '10000000-0000-4000-8000-' || lpad((1 + position % 20)::text, 12, '0')
            FROM tasks WHERE position % 10 = 0"
            .to_owned(),
        "ANALYZE".to_owned(),
    ];
    for sql in statements {
        db.execute_unprepared(&sql).await.expect("seed");
    }
}

async fn scalar_text(db: &DatabaseConnection, sql: &str) -> String {
    let row = db.query_one_raw(Statement::from_string(DbBackend::Postgres, sql)).await.unwrap().unwrap();
    row.try_get_by_index::<String>(0).unwrap()
}

/// Runs `future` to completion from inside a timing closure.
fn block<T>(future: impl std::future::Future<Output = T>) -> T {
    tokio::task::block_in_place(|| tokio::runtime::Handle::current().block_on(future))
}

fn timed_async<T>(future: impl std::future::Future<Output = T>) -> Duration {
    let start = Instant::now();
    block(future);
    start.elapsed()
}

async fn bench_create(db: &DatabaseConnection, sizes: &Sizes) -> (String, Summary, Summary) {
    let (ours, theirs) = compare(
        sizes.warmup,
        sizes.writes,
        |round| timed_async(async { create_task(db, new_task(&format!("bench create {round}"))).await.unwrap() }),
        |round| {
            timed_async(async {
                let txn = db.begin().await.unwrap();
                txn.execute_unprepared("SELECT pg_advisory_xact_lock(8386110886357593702)").await.unwrap();
                let insert = Statement::from_sql_and_values(
                    DbBackend::Postgres,
                    "INSERT INTO tasks (id, title, status, priority, position, created_at, updated_at, created_by)
                     VALUES ($1, $2, 'todo', 'none', (SELECT coalesce(max(position), 0) + 1 FROM tasks), $3, $3,
                             current_user)
                     RETURNING position",
                    [Id::new().to_string().into(), format!("sql create {round}").into(), now().into()],
                );
                txn.query_one_raw(insert).await.unwrap();
                txn.commit().await.unwrap();
            })
        },
    );
    ("create a task".into(), ours, theirs)
}

const LINKS: &str = "(SELECT coalesce(json_agg(g.name ORDER BY g.name_key), '[]')::text FROM task_tags tt
                      JOIN tags g ON g.id = tt.tag_id WHERE tt.task_id = t.id),
                     (SELECT coalesce(json_agg(project_id ORDER BY project_id), '[]')::text FROM task_projects tp
                      WHERE tp.task_id = t.id)";

async fn bench_first_page(db: &DatabaseConnection, sizes: &Sizes) -> (String, Summary, Summary) {
    let (ours, theirs) = compare(
        sizes.warmup,
        sizes.reads,
        |_| timed_async(async { get_tasks(db, TaskFilter::default(), PageRequest::default()).await.unwrap() }),
        |_| {
            timed_async(async {
                let page = format!(
                    "SELECT t.*, {LINKS} FROM tasks t WHERE t.status <> 'done'
                     ORDER BY t.position, t.created_at, t.id LIMIT 201"
                );
                db.query_all_raw(Statement::from_string(DbBackend::Postgres, page)).await.unwrap();
                db.query_one_raw(Statement::from_string(
                    DbBackend::Postgres,
                    "SELECT open_task_count FROM task_totals",
                ))
                .await
                .unwrap();
            })
        },
    );
    ("first page of All tasks (200)".into(), ours, theirs)
}

async fn bench_search(db: &DatabaseConnection, sizes: &Sizes) -> (String, Summary, Summary) {
    let filter = TaskFilter { search: Some("garden".into()), ..TaskFilter::default() };
    let (ours, theirs) = compare(
        sizes.warmup,
        sizes.reads,
        |_| timed_async(async { get_tasks(db, filter.clone(), PageRequest::default()).await.unwrap() }),
        |_| {
            timed_async(async {
                let matching = "t.id IN (SELECT task_id FROM task_search WHERE document @@ 'garden:*'::tsquery)
                                AND t.status <> 'done'";
                let page = format!(
                    "SELECT t.*, {LINKS} FROM tasks t WHERE {matching} ORDER BY t.position, t.created_at, t.id LIMIT 201"
                );
                db.query_all_raw(Statement::from_string(DbBackend::Postgres, page)).await.unwrap();
                let count = format!("SELECT count(*) FROM tasks t WHERE {matching}");
                db.query_one_raw(Statement::from_string(DbBackend::Postgres, count)).await.unwrap();
            })
        },
    );
    ("search one word (first page + total)".into(), ours, theirs)
}

async fn bench_move(db: &DatabaseConnection, sizes: &Sizes) -> (String, Summary, Summary) {
    let ids: Vec<(String, i64)> = db
        .query_all_raw(Statement::from_string(
            DbBackend::Postgres,
            "SELECT id, version FROM tasks WHERE status <> 'done' ORDER BY position LIMIT 1000",
        ))
        .await
        .unwrap()
        .iter()
        .map(|row| (row.try_get_by_index(0).unwrap(), row.try_get_by_index(1).unwrap()))
        .collect();
    let versions = std::cell::RefCell::new(ids.iter().map(|(_, version)| *version).collect::<Vec<i64>>());
    let pick = |round: usize| round * 7 % ids.len();
    let (ours, theirs) = compare(
        sizes.warmup,
        sizes.writes,
        |round| {
            let index = pick(round);
            let id: Id = ids[index].0.parse().unwrap();
            let expected = versions.borrow()[index];
            let patch: TaskPatch = serde_json::from_value(
                serde_json::json!({ "expectedVersion": expected, "position": round as i64 * 3 }),
            )
            .unwrap();
            let time = timed_async(async { update_task(db, id, patch).await.unwrap() });
            versions.borrow_mut()[index] += 1;
            time
        },
        |round| {
            let index = pick(round + 1);
            let expected = versions.borrow()[index];
            let update = Statement::from_sql_and_values(
                DbBackend::Postgres,
                "UPDATE tasks SET position = $1, updated_at = $2, version = version + 1
                 WHERE id = $3 AND version = $4 RETURNING *",
                [Value::from(round as i64 * 3 + 1), now().into(), ids[index].0.clone().into(), expected.into()],
            );
            let time = timed_async(async { db.query_all_raw(update).await.unwrap() });
            versions.borrow_mut()[index] += 1;
            time
        },
    );
    ("move a task (position)".into(), ours, theirs)
}

/// From the moment a create commits to the moment another connection LISTENing receives the
/// change log's notification: the part of "a change on one machine shows on another" that is
/// the server's (the app then reads the log entry and refetches the page).
async fn bench_notify(db: &DatabaseConnection, url: &str, sizes: &Sizes) -> Summary {
    let mut listener = PgListener::connect(url).await.unwrap();
    listener.listen(tasklane_lib::live::CHANNEL).await.unwrap();
    let mut samples = Vec::new();
    for round in 0..sizes.warmup + sizes.reads {
        create_task(db, new_task(&format!("notify {round}"))).await.unwrap();
        let committed = Instant::now();
        // Drain: a create in a project would also log the project's counts.
        listener.recv().await.unwrap();
        if round >= sizes.warmup {
            samples.push(committed.elapsed());
        }
        while tokio::time::timeout(Duration::from_millis(1), listener.recv()).await.is_ok() {}
    }
    Summary::of(samples)
}

fn new_task(title: &str) -> NewTask {
    NewTask { title: title.into(), ..NewTask::default() }
}

fn now() -> String {
    entity::Timestamp::now().to_string()
}
