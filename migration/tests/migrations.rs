//! The migrations on a real SQLite file: up, all the way down, up again; and the schema they build.

use migration::{Migrator, MigratorTrait};
use sea_orm_migration::sea_orm::{ConnectionTrait, Database, DatabaseConnection, Statement};

/// The app's tables, and the FTS5 index with the shadow tables SQLite keeps for it.
const TABLES: [&str; 16] = [
    "projects",
    "settings",
    "tags",
    "task_projects",
    "task_search",
    "task_search_config",
    "task_search_content",
    "task_search_data",
    "task_search_docsize",
    "task_search_idx",
    "task_search_paused",
    "task_search_queue",
    "task_search_rows",
    "task_tags",
    "task_totals",
    "tasks",
];

async fn temp_db() -> (tempfile::TempDir, String, DatabaseConnection) {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}?mode=rwc", dir.path().join("migrations.db").display());
    let db = Database::connect(&url).await.unwrap();
    (dir, url, db)
}

async fn strings(db: &DatabaseConnection, sql: &str) -> Vec<String> {
    let rows = db.query_all_raw(Statement::from_string(db.get_database_backend(), sql)).await.unwrap();
    rows.iter().map(|row| row.try_get_by_index::<String>(0).unwrap()).collect()
}

async fn user_tables(db: &DatabaseConnection) -> Vec<String> {
    strings(db, "SELECT name FROM sqlite_master WHERE type = 'table' AND name <> 'seaql_migrations' AND name NOT LIKE 'sqlite_%' ORDER BY name").await
}

#[tokio::test]
async fn up_down_up_leaves_the_same_schema() {
    let (_dir, _url, db) = temp_db().await;

    Migrator::up(&db, None).await.unwrap();
    assert_eq!(user_tables(&db).await, TABLES);
    let schema = strings(
        &db,
        "SELECT sql FROM sqlite_master WHERE sql IS NOT NULL AND name <> 'seaql_migrations' ORDER BY name",
    )
    .await;
    assert!(Migrator::get_pending_migrations(&db).await.unwrap().is_empty());

    Migrator::down(&db, None).await.unwrap();
    assert!(user_tables(&db).await.is_empty(), "down removes every table");
    assert_eq!(Migrator::get_pending_migrations(&db).await.unwrap().len(), Migrator::migrations().len());

    Migrator::up(&db, None).await.unwrap();
    let again = strings(
        &db,
        "SELECT sql FROM sqlite_master WHERE sql IS NOT NULL AND name <> 'seaql_migrations' ORDER BY name",
    )
    .await;
    assert_eq!(again, schema);
}

#[tokio::test]
async fn each_migration_steps_down_and_up_on_its_own() {
    let (_dir, _url, db) = temp_db().await;
    Migrator::up(&db, None).await.unwrap();
    let total = Migrator::migrations().len();
    for applied in (0..total).rev() {
        Migrator::down(&db, Some(1)).await.unwrap();
        assert_eq!(Migrator::get_applied_migrations(&db).await.unwrap().len(), applied);
    }
    for applied in 1..=total {
        Migrator::up(&db, Some(1)).await.unwrap();
        assert_eq!(Migrator::get_applied_migrations(&db).await.unwrap().len(), applied);
    }
}

#[tokio::test]
async fn schema_has_cascading_foreign_keys_checks_and_indexes() {
    let (_dir, _url, db) = temp_db().await;
    Migrator::up(&db, None).await.unwrap();

    for (table, parent) in
        [("task_projects", "tasks"), ("task_projects", "projects"), ("task_tags", "tasks"), ("task_tags", "tags")]
    {
        let on_delete = strings(
            &db,
            &format!("SELECT on_delete FROM pragma_foreign_key_list('{table}') WHERE \"table\" = '{parent}'"),
        )
        .await;
        assert_eq!(on_delete, ["CASCADE"], "{table} -> {parent}");
    }
    let pk = strings(&db, "SELECT name FROM pragma_table_info('task_projects') WHERE pk > 0 ORDER BY pk").await;
    assert_eq!(pk, ["task_id", "project_id"]);

    let indexes =
        strings(&db, "SELECT name FROM sqlite_master WHERE type = 'index' AND name LIKE 'idx_%' ORDER BY name").await;
    for expected in [
        "idx_projects_position",
        "idx_tags_name_key",
        "idx_task_projects_project",
        "idx_task_tags_tag",
        "idx_tasks_position",
        "idx_tasks_status_position",
    ] {
        assert!(indexes.iter().any(|name| name == expected), "missing {expected} in {indexes:?}");
    }

    let now = "'2026-11-21T00:00:00.000Z'";
    let id = "'00000000-0000-4000-8000-000000000001'";
    let task = |title: &str, status: &str, priority: &str, version: i64| {
        format!(
            "INSERT INTO tasks (id, title, status, priority, completed_at, position, created_at, updated_at, version) \
             VALUES ({id}, '{title}', '{status}', '{priority}', NULL, 1, {now}, {now}, {version})"
        )
    };
    let project = |color: &str| {
        format!(
            "INSERT INTO projects (id, name, color, position, archived, created_at, updated_at) \
             VALUES ({id}, 'p', '{color}', 1, 0, {now}, {now})"
        )
    };
    // The same statements with good values are accepted, so each rejection below is the rule's.
    for good in [task("t", "todo", "none", 1), project("#aabbcc")] {
        db.execute_unprepared(&good).await.unwrap_or_else(|err| panic!("{good}: {err}"));
    }
    db.execute_unprepared("DELETE FROM tasks").await.unwrap();
    db.execute_unprepared("DELETE FROM projects").await.unwrap();
    for (what, sql) in [
        ("unknown status", task("t", "later", "none", 1)),
        ("unknown priority", task("t", "todo", "meh", 1)),
        ("blank title", task("  ", "todo", "none", 1)),
        ("done without completed_at", task("t", "done", "none", 1)),
        ("version 0", task("t", "todo", "none", 0)),
        ("bad colour", project("red")),
        ("link to no task", format!("INSERT INTO task_projects VALUES ({id}, {id})")),
    ] {
        db.execute_unprepared("PRAGMA foreign_keys = ON").await.unwrap();
        assert!(db.execute_unprepared(&sql).await.is_err(), "the schema accepted a row with {what}");
    }
}

#[test]
fn the_cli_reports_status_and_migrates_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}?mode=rwc", dir.path().join("cli.db").display());
    let run = |args: &[&str]| {
        let output = std::process::Command::new(env!("CARGO_BIN_EXE_migration"))
            .args(args)
            .env("DATABASE_URL", &url)
            .output()
            .unwrap();
        assert!(output.status.success(), "{args:?}: {}", String::from_utf8_lossy(&output.stderr));
        format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr))
    };
    run(&["up"]);
    let status = run(&["status"]);
    for migration in Migrator::migrations() {
        assert!(status.contains(migration.name()), "{status}");
    }
    assert!(status.contains("Applied"), "{status}");
    let all = Migrator::migrations().len().to_string();
    run(&["down", "-n", &all]);
    let status = run(&["status"]);
    assert!(!status.contains("Applied"), "{status}");
    run(&["fresh"]);
    run(&["refresh"]);
    run(&["reset"]);
}
