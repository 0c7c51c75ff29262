//! The database benchmark (`benches/database.rs`, `make bench`) at a small size, so its code keeps
//! compiling and doing the right work under `cargo test`. Nothing here looks at timings.

#[allow(dead_code)]
#[path = "../benches/harness/mod.rs"]
mod harness;

use harness::baseline;
use harness::fixture::{self, Catalog, SeedSpec};
use sea_orm::sqlx::{self, SqlitePool};
use tasklane_lib::db;

#[test]
fn every_scenario_runs_on_a_small_database_and_does_what_it_claims() {
    let dir = tempfile::tempdir().unwrap();
    let config = harness::Config::smoke();
    let spec = config.spec;
    let report = harness::run(&config, None, dir.path());

    let lists = &report.lists;
    let catalog = Catalog::of(&spec);
    assert_eq!(lists.big_tasks, spec.big_project_tasks, "the pages hold every task of the big project once");
    assert_eq!(lists.big_listed, spec.big_project_tasks, "the page scenarios list done tasks too");
    assert!(lists.deep_offset > 0, "the deep page starts after whole pages");
    assert!(lists.statements_first_page > 0, "statements are counted on the connection the commands use");
    assert_eq!(
        lists.statements_first_page, lists.statements_deep_page,
        "a deep page costs the statements of the first"
    );

    assert!(report.search.matches > 0 && report.search.matches < spec.tasks, "the term matches a small fraction");
    assert_eq!(report.search.matches, report.search.counted, "the index finds what SQLite's LIKE finds");

    let created = &report.create.last_reply;
    assert_eq!(created["tags"].as_array().unwrap().len(), 2);
    assert_eq!(created["projectIds"], serde_json::json!([catalog.spare_project]));
    assert!(report.create.statements > 0 && report.update.statements > 0);
    let moves = &report.moves;
    assert_eq!(moves.first_rows, spec.tasks, "the first move on the packed seed renumbers every task once");
    assert_eq!(moves.most_rows, 1, "later moves write the moved task only");

    for row in report.rows() {
        assert_eq!(row.subject.iterations, row.baseline.iterations, "{}", row.name);
        assert!(row.subject.median <= row.subject.p99, "{}", row.name);
    }
    if cfg!(target_os = "linux") {
        assert!(lists.memory.after.peak_kib.unwrap() > 0);
    }
    let table = report.to_string();
    for scenario in
        ["| 2 first page (200) of the big project |", "| 3c search with no hits |", "| 6 update", "| 8 move"]
    {
        assert!(table.contains(scenario), "{scenario} in {table}");
    }
}

#[test]
fn the_seed_is_deterministic_and_follows_the_schema_rules() {
    let spec = SeedSpec::SMOKE;
    let (first, second) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let location = fixture::prepare(&spec, None, first.path());
    let again = fixture::prepare(&spec, None, second.path());

    tauri::async_runtime::block_on(async {
        let db = db::open(&location).await.unwrap();
        let pool = db.get_sqlite_connection_pool();
        let other = db::open(&again).await.unwrap();
        let ids = "SELECT group_concat(id, ',') FROM (SELECT id FROM tasks ORDER BY position)";
        assert_eq!(text(pool, ids).await, text(other.get_sqlite_connection_pool(), ids).await, "same seed, same rows");

        let catalog = Catalog::of(&spec);
        assert_eq!(count(pool, "SELECT COUNT(*) FROM tasks").await, spec.tasks as i64);
        assert_eq!(count(pool, "SELECT COUNT(*) FROM projects").await, spec.projects as i64);
        assert_eq!(count(pool, "SELECT COUNT(*) FROM tags").await, spec.tags as i64);
        let in_project = |id: &str| format!("SELECT COUNT(*) FROM task_projects WHERE project_id = '{id}'");
        assert_eq!(count(pool, &in_project(&catalog.big_project)).await, spec.big_project_tasks as i64);
        assert_eq!(count(pool, &in_project(&catalog.small_project)).await, spec.small_project_tasks as i64);
        assert_eq!(count(pool, "SELECT COUNT(*) FROM task_projects").await, spec.tasks as i64, "one project each");
        assert_eq!(
            count(pool, "SELECT MAX(n) FROM (SELECT COUNT(*) AS n FROM task_tags GROUP BY task_id)").await,
            3,
            "at most three tags a task"
        );
        assert_eq!(count(pool, "SELECT COUNT(*) FROM tags WHERE name_key <> lower(name)").await, 0);
        assert!(count(pool, "SELECT COUNT(*) FROM tags WHERE name_key <> name").await > 0, "some names have capitals");
        let done_mismatch = "SELECT COUNT(*) FROM tasks WHERE (status = 'done') <> (completed_at IS NOT NULL)";
        assert_eq!(count(pool, done_mismatch).await, 0, "completed_at is set exactly when done");
        let odd_stamps = "SELECT COUNT(*) FROM tasks WHERE created_at NOT GLOB '2026-*T*:*:*.[0-9][0-9][0-9]Z'";
        assert_eq!(count(pool, odd_stamps).await, 0, "timestamps have the app's one text form");
        assert_eq!(count(pool, "SELECT COUNT(*) FROM tasks WHERE id <> lower(id) OR length(id) <> 36").await, 0);
        let broken_links = sqlx::query("PRAGMA foreign_key_check").fetch_all(pool).await.unwrap();
        assert!(broken_links.is_empty(), "every link points at a row");
        assert_eq!(text(pool, "PRAGMA journal_mode").await, "wal");

        let matches = baseline::count_matching(pool, fixture::SEARCH_TERM).await;
        assert!(matches > 0 && matches < spec.tasks as i64 / 20, "{matches} matches");
    });
}

async fn count(pool: &SqlitePool, sql: &str) -> i64 {
    sqlx::query_scalar(sqlx::AssertSqlSafe(sql)).fetch_one(pool).await.unwrap()
}

async fn text(pool: &SqlitePool, sql: &str) -> String {
    sqlx::query_scalar(sqlx::AssertSqlSafe(sql)).fetch_one(pool).await.unwrap()
}
