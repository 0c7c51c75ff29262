//! Team mode on a real PostgreSQL server (`TASKLANE_TEST_PG_URL`, started by `make test-rust`):
//! app instances on separate pools ("machines") writing at once, and each seeing the others'
//! changes live, also after its listening connection is killed.

mod common;

use std::collections::HashSet;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use common::app::TestApp;
use entity::Id;
use migration::{Migrator, MigratorTrait};
use sea_orm::DatabaseConnection;
use serde_json::{Value, json};
use tasklane_lib::db::task_operations::create_task;
use tasklane_lib::db::{self, DatabaseLocation};
use tasklane_lib::live::{LISTENER_NAME, LiveLink};
use tasklane_lib::models::{LinkState, NewTask};
use tauri::Manager;

async fn server_database() -> DatabaseLocation {
    DatabaseLocation::from_url(&common::new_server_database().await).unwrap()
}

/// Waits until the app's live link is live.
fn wait_until_live(app: &TestApp) {
    let link = app.app.state::<LiveLink>();
    let mut transitions = link.transitions();
    if link.state() == LinkState::Live {
        return;
    }
    let seen = next_states(&mut transitions, LinkState::Live, Duration::from_secs(10));
    assert_eq!(seen.last(), Some(&LinkState::Live), "{seen:?}");
}

/// The link's states from `transitions` until `wanted` (included) or `within` has passed.
fn next_states(
    transitions: &mut tokio::sync::broadcast::Receiver<LinkState>,
    wanted: LinkState,
    within: Duration,
) -> Vec<LinkState> {
    let deadline = Instant::now() + within;
    let mut seen = Vec::new();
    while seen.last() != Some(&wanted) {
        let left = deadline.saturating_duration_since(Instant::now());
        match tauri::async_runtime::block_on(async { tokio::time::timeout(left, transitions.recv()).await }) {
            Ok(Ok(state)) => seen.push(state),
            _ => break,
        }
    }
    seen
}

fn events_within(rx: &mpsc::Receiver<Value>, within: Duration) -> Vec<Value> {
    let deadline = Instant::now() + within;
    let mut events = Vec::new();
    while let Ok(event) = rx.recv_timeout(deadline.saturating_duration_since(Instant::now())) {
        events.push(event);
    }
    events
}

fn new_task_args(title: &str) -> Value {
    json!({ "input": { "title": title } })
}

#[test]
fn a_change_on_one_machine_reaches_the_others_windows_within_a_second() {
    let location = tauri::async_runtime::block_on(server_database());
    let (here, there) = (TestApp::on(location.clone()), TestApp::on(location));
    wait_until_live(&here);
    wait_until_live(&there);
    let seen_there = there.listen("tasks:changed");
    let seen_here = here.listen("tasks:changed");

    let started = Instant::now();
    let task = here.ok("db_create_task", new_task_args("from the first machine"));
    let event = seen_there.recv_timeout(Duration::from_secs(1)).expect("the other machine hears of it within 1 s");
    let latency = started.elapsed();
    assert_eq!(event, json!({ "kind": "created", "ids": [task["id"]] }));
    println!("create on one instance -> event on the other: {latency:?}");

    // The writer's own windows hear of it once (from its command), not a second time from the log.
    let own = events_within(&seen_here, Duration::from_millis(700));
    assert_eq!(own, vec![json!({ "kind": "created", "ids": [task["id"]] })]);

    // Every kind of change crosses: an update, a delete, a project, the settings.
    let projects_there = there.listen("projects:changed");
    let settings_there = there.listen("settings:changed");
    let id = task["id"].clone();
    here.ok("db_update_task", json!({ "id": id, "patch": { "title": "renamed", "expectedVersion": 1 } }));
    here.ok("db_delete_task", json!({ "id": id }));
    let project = here.ok("db_create_project", json!({ "input": { "name": "Shared" } }));
    here.ok("db_update_settings", json!({ "patch": { "theme": "dark" } }));
    let tasks: Vec<Value> = events_within(&seen_there, Duration::from_secs(1));
    assert_eq!(tasks, vec![json!({ "kind": "updated", "ids": [id] }), json!({ "kind": "deleted", "ids": [id] })]);
    assert_eq!(
        projects_there.recv_timeout(Duration::from_secs(1)).unwrap(),
        json!({ "kind": "created", "ids": [project["id"]] })
    );
    assert_eq!(settings_there.recv_timeout(Duration::from_secs(1)).unwrap()["kind"], "updated");

    // The status bar names the server (no password) and says it is live.
    let status = there.ok("app_status", json!({}));
    assert_eq!(status["server"]["state"], "live");
    assert!(status["server"]["url"].as_str().unwrap().starts_with("postgres"), "{status}");
}

#[test]
fn a_killed_listener_reconnects_and_misses_nothing_committed_meanwhile() {
    let location = tauri::async_runtime::block_on(server_database());
    let (here, there) = (TestApp::on(location.clone()), TestApp::on(location));
    wait_until_live(&there);
    let seen_there = there.listen("tasks:changed");
    let mut transitions = there.app.state::<LiveLink>().transitions();

    // Kill every listening connection on this database, then write at once, while they are down.
    let killed = common::scalar_i64_sync(
        &here.db(),
        &format!(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity
             WHERE application_name = '{LISTENER_NAME}' AND datname = current_database()"
        ),
    );
    assert!(killed >= 1, "a listening connection to kill");
    let mut written = Vec::new();
    for n in 0..3 {
        written.push(here.ok("db_create_task", new_task_args(&format!("while down {n}")))["id"].clone());
    }

    let states = next_states(&mut transitions, LinkState::Live, Duration::from_secs(10));
    assert_eq!(states, [LinkState::Reconnecting, LinkState::Live], "the status bar says so, then live again");
    let heard: Vec<Value> = events_within(&seen_there, Duration::from_secs(2))
        .into_iter()
        .flat_map(|event| event["ids"].as_array().cloned().unwrap_or_default())
        .collect();
    assert_eq!(heard, written, "every task created while the listener was down is announced once, in order");
}

/// 8 writers on 2 pools (two machines) create 1,000 tasks, each with tags drawn from a few shared
/// names: positions stay unique, each tag exists once, and no error reaches a writer.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn eight_writers_on_two_machines_create_a_thousand_tasks_without_a_clash() {
    let location = server_database().await;
    let machines = [db::open(&location).await.unwrap(), db::open(&location).await.unwrap()];
    let started = Instant::now();
    let mut writers = Vec::new();
    for writer in 0..8usize {
        let db: DatabaseConnection = machines[writer % 2].clone();
        writers.push(tokio::spawn(async move {
            let mut ids = Vec::new();
            for n in 0..125usize {
                let tags = vec![format!("tag{}", (writer + n) % 7), format!("Shared {}", n % 3)];
                let input = NewTask { tags: Some(tags), ..common_new_task(&format!("w{writer} n{n}")) };
                ids.push(create_task(&db, input).await.map_err(|err| format!("writer {writer}: {err:?}"))?.id);
            }
            Ok::<Vec<Id>, String>(ids)
        }));
    }
    let mut created = HashSet::new();
    for writer in writers {
        created.extend(writer.await.unwrap().unwrap());
    }
    println!("1,000 creates by 8 writers on 2 pools: {:?}", started.elapsed());
    assert_eq!(created.len(), 1000);
    let db = &machines[0];
    assert_eq!(common::scalar_i64(db, "SELECT count(*) FROM tasks").await, 1000);
    assert_eq!(common::scalar_i64(db, "SELECT count(DISTINCT position) FROM tasks").await, 1000);
    assert_eq!(common::scalar_i64(db, "SELECT count(*) FROM tags").await, 10, "7 + 3 names, each once");
    assert_eq!(common::scalar_i64(db, "SELECT count(DISTINCT name_key) FROM tags").await, 10);
    assert_eq!(common::scalar_i64(db, "SELECT count(*) FROM task_tags").await, 2000);
}

fn common_new_task(title: &str) -> NewTask {
    serde_json::from_value(json!({ "title": title })).unwrap()
}

#[tokio::test]
async fn the_migrations_go_down_and_up_again_on_a_server() {
    let location = server_database().await;
    let db = db::open(&location).await.unwrap();
    let applied = Migrator::get_applied_migrations(&db).await.unwrap().len();
    assert_eq!(applied, Migrator::migrations().len());
    Migrator::down(&db, None).await.unwrap();
    let left = common::scalar_i64(
        &db,
        "SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema() \
         AND table_name <> 'seaql_migrations'",
    )
    .await;
    assert_eq!(left, 0, "down removes every table");
    Migrator::up(&db, None).await.unwrap();
    let task = create_task(&db, common_new_task("after a round trip")).await.unwrap();
    assert_eq!(task.position, tasklane_lib::db::order_operations::GAP, "the first task, one gap after 0");
}

/// Two instances starting at once on an empty database: one migrates, the other waits for it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_instances_starting_at_once_migrate_once() {
    let location = server_database().await;
    let (first, second) = tokio::join!(db::open(&location), db::open(&location));
    let (first, second) = (first.unwrap(), second.unwrap());
    let rows = common::scalar_i64(&first, "SELECT count(*) FROM seaql_migrations").await;
    assert_eq!(rows as usize, Migrator::migrations().len());
    create_task(&second, common_new_task("works")).await.unwrap();
}

/// A wrong password is refused with the server's reason, and the password shows nowhere.
#[tokio::test]
async fn a_wrong_password_is_named_and_never_shown() {
    let mut url = url::Url::parse(&common::server_url()).unwrap();
    url.set_username("tasklane_pw").unwrap();
    url.set_password(Some("wrong-horse-battery")).unwrap();
    let err = db::open(&DatabaseLocation::from_url(url.as_str()).unwrap()).await.unwrap_err().to_string();
    assert!(err.contains("password authentication failed"), "{err}");
    assert!(!err.contains("wrong-horse-battery"), "{err}");
    assert!(err.contains("tasklane_pw:***@"), "the URL is named without the password: {err}");
}

/// "Test connection" on a server says what is wrong in words, and never shows the password.
#[tokio::test]
async fn a_connection_check_names_each_failure_without_the_password() {
    use tasklane_lib::db::database_check::check_database;
    use tasklane_lib::error::ErrorCode;
    let good = common::new_server_database().await;
    db::open(&DatabaseLocation::from_url(&good).unwrap()).await.unwrap();
    let current = check_database(&good).await.unwrap();
    assert_eq!(serde_json::to_value(&current).unwrap()["schema"], "current");
    assert!(current.server_version.is_some());
    let empty = common::new_server_database().await;
    assert_eq!(serde_json::to_value(check_database(&empty).await.unwrap()).unwrap()["schema"], "empty");

    let with = |change: &dyn Fn(&mut url::Url)| {
        let mut url = url::Url::parse(&good).unwrap();
        change(&mut url);
        url.to_string()
    };
    let secret = "wrong-horse-battery";
    let cases = [
        (
            with(&|url| {
                url.set_username("tasklane_pw").unwrap();
                url.set_password(Some(secret)).unwrap();
            }),
            "refused the password for the user \"tasklane_pw\"",
        ),
        (with(&|url| url.set_path("no_such_database")), "has no such database"),
        (with(&|url| url.set_port(Some(1)).unwrap()), "Nothing answers at 127.0.0.1:1"),
        (with(&|url| url.set_query(Some("sslmode=require"))), "does not accept TLS connections"),
    ];
    for (url, expected) in cases {
        let err = check_database(&url).await.unwrap_err();
        let payload = err.payload();
        assert_eq!((payload.code, payload.field.as_deref()), (ErrorCode::Database, Some("url")), "{url}");
        assert!(payload.message.contains(expected), "{url}: {}", payload.message);
        assert!(!payload.message.contains(secret), "{}", payload.message);
    }
}

/// When the change log no longer reaches back to the last entry an instance saw (an admin pruned
/// it), the instance says everything may have changed, so its windows reload instead of missing
/// what the pruned entries named; and it says so once, not again at the next entry.
#[test]
fn a_pruned_change_log_makes_the_other_windows_reload_everything() {
    for prune in ["DELETE FROM change_log WHERE seq < (SELECT max(seq) FROM change_log)", "DELETE FROM change_log"] {
        let location = tauri::async_runtime::block_on(server_database());
        let (here, there) = (TestApp::on(location.clone()), TestApp::on(location));
        wait_until_live(&there);
        let seen_there = there.listen("tasks:changed");
        here.ok("db_create_task", new_task_args("seen"));
        assert_eq!(events_within(&seen_there, Duration::from_millis(500)).len(), 1);

        // Two tasks, and the log pruned before it is read: all of it, or all but the newest entry.
        let db = here.db();
        let kept = tauri::async_runtime::block_on(async {
            use sea_orm::{ConnectionTrait, TransactionTrait};
            let txn = db.begin().await.unwrap();
            create_task(&txn, common_new_task("pruned")).await.unwrap();
            let kept = create_task(&txn, common_new_task("maybe kept")).await.unwrap();
            txn.execute_unprepared(prune).await.unwrap();
            txn.commit().await.unwrap();
            kept
        });
        let mut expected = vec![json!({ "kind": "updated", "ids": [] })];
        if prune.contains("max(seq)") {
            expected.push(json!({ "kind": "created", "ids": [kept.id] }));
        }
        assert_eq!(events_within(&seen_there, Duration::from_secs(1)), expected, "{prune}");

        let task = here.ok("db_create_task", new_task_args("after the pruning"));
        let heard = events_within(&seen_there, Duration::from_secs(1));
        assert_eq!(heard, vec![json!({ "kind": "created", "ids": [task["id"]] })], "{prune}: no second reload");
    }
}

/// What any listener hears: the change log entry as JSON, with the writing instance's origin.
#[tokio::test]
async fn each_committed_change_is_notified_with_its_topic_kind_ids_and_origin() {
    let location = server_database().await;
    let db = db::open(&location).await.unwrap();
    let mut listener = sea_orm::sqlx::postgres::PgListener::connect(&location.url).await.unwrap();
    listener.listen(tasklane_lib::live::CHANNEL).await.unwrap();
    let task = create_task(&db, common_new_task("heard")).await.unwrap();
    let note = tokio::time::timeout(Duration::from_secs(1), listener.recv()).await.unwrap().unwrap();
    let payload: Value = serde_json::from_str(note.payload()).unwrap();
    let origin = db::origin_of(&db).await.unwrap().expect("a server connection has an origin");
    assert_eq!(payload["topic"], "tasks");
    assert_eq!(payload["kind"], "created");
    assert_eq!(payload["ids"], json!([task.id]));
    assert_eq!(payload["origin"], json!(origin));
    assert!(payload["seq"].as_i64().is_some_and(|seq| seq > 0), "{payload}");

    // A write that rolls back announces nothing.
    {
        use sea_orm::TransactionTrait;
        let txn = db.begin().await.unwrap();
        create_task(&txn, common_new_task("never")).await.unwrap();
        txn.rollback().await.unwrap();
    }
    let quiet = tokio::time::timeout(Duration::from_millis(300), listener.recv()).await;
    assert!(quiet.is_err(), "a rolled-back write must not be announced: {quiet:?}");
}

/// A person's role, as docs/TEAM.md sets them up (rows only, no DDL), on the database at `url`:
/// returns the role's URL. The role's name is unique to the database (roles are server-wide).
async fn rows_only_role(owner: &DatabaseConnection, url: &str) -> String {
    use sea_orm::ConnectionTrait;
    let database = url::Url::parse(url).unwrap().path().trim_start_matches('/').to_owned();
    let role = format!("person_{database}");
    for sql in [
        format!("CREATE ROLE {role} LOGIN"),
        "REVOKE CREATE ON SCHEMA public FROM PUBLIC".to_owned(),
        format!("REVOKE ALL ON DATABASE {database} FROM PUBLIC"),
        format!("GRANT CONNECT, TEMPORARY ON DATABASE {database} TO {role}"),
        format!("GRANT USAGE ON SCHEMA public TO {role}"),
        format!("GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {role}"),
        format!("GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {role}"),
    ] {
        owner.execute_unprepared(&sql).await.unwrap();
    }
    let mut person = url::Url::parse(url).unwrap();
    person.set_username(&role).unwrap();
    person.to_string()
}

/// People's roles may read and write rows but not change the schema: the app starts for them on
/// an up-to-date schema (nothing is written to the migrations table), and on one that needs an
/// update the error names the update and who can make it, and changes nothing.
#[tokio::test]
async fn a_role_that_may_only_write_rows_starts_the_app_and_is_told_when_the_owner_must_migrate() {
    let owner_url = common::new_server_database().await;
    let owner = db::open(&DatabaseLocation::from_url(&owner_url).unwrap()).await.unwrap();
    let person_url = rows_only_role(&owner, &owner_url).await;
    let person =
        db::open(&DatabaseLocation::from_url(&person_url).unwrap()).await.expect("a person's role starts the app");
    let task = create_task(&person, common_new_task("written by a person")).await.unwrap();
    assert!(task.created_by.as_deref().is_some_and(|by| by.starts_with("person_")), "{:?}", task.created_by);
    person.close().await.unwrap();

    // The owner's schema one version behind: the person's app must not try to migrate it.
    let last = Migrator::migrations().last().unwrap().name().to_owned();
    Migrator::down(&owner, Some(1)).await.unwrap();
    let err = db::open(&DatabaseLocation::from_url(&person_url).unwrap()).await.unwrap_err().to_string();
    assert!(err.contains("needs 1 schema update(s)") && err.contains(&last), "{err}");
    assert!(err.contains("owner role") && err.contains("docs/TEAM.md"), "{err}");
    let applied = common::scalar_i64(&owner, "SELECT count(*) FROM seaql_migrations").await;
    assert_eq!(applied as usize, Migrator::migrations().len() - 1, "nothing was migrated");
}

/// Another program (psql, a script) writing on the server without taking the write lock itself,
/// while the app writes too: its statements take the lock before they touch a row (a trigger), so
/// neither side ever sees a deadlock, and every row arrives.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn another_program_writing_alongside_the_app_never_deadlocks_it() {
    use sea_orm::{ConnectionTrait, TransactionTrait};
    let location = server_database().await;
    let app = db::open(&location).await.unwrap();
    let project = tasklane_lib::db::project_operations::create_project(
        &app,
        serde_json::from_value(json!({ "name": "Shared" })).unwrap(),
    )
    .await
    .unwrap();
    let mut options = sea_orm::ConnectOptions::new(location.url.clone());
    options.max_connections(4).sqlx_logging(false);
    let other = sea_orm::Database::connect(options).await.unwrap();
    let script = {
        let (other, project) = (other.clone(), project.id.to_string());
        tokio::spawn(async move {
            for n in 0..150 {
                // What a script might do: several statements in one transaction, rows first.
                let txn = other.begin().await.unwrap();
                let id = uuid::Uuid::new_v4();
                txn.execute_unprepared(&format!(
                    "INSERT INTO tasks (id, title, status, priority, position, created_at, updated_at)
                     VALUES ('{id}', 'script {n}', 'todo', 'none', 1000000 + {n},
                             '2026-12-07T00:00:00.000Z', '2026-12-07T00:00:00.000Z')"
                ))
                .await
                .map_err(|err| format!("script {n}: {err}"))?;
                txn.execute_unprepared(&format!(
                    "INSERT INTO task_projects (task_id, project_id) VALUES ('{id}', '{project}')"
                ))
                .await
                .map_err(|err| format!("script {n}: {err}"))?;
                txn.commit().await.map_err(|err| format!("script {n}: {err}"))?;
            }
            Ok::<(), String>(())
        })
    };
    let mut writers = Vec::new();
    for writer in 0..3 {
        let (app, project) = (app.clone(), project.id);
        writers.push(tokio::spawn(async move {
            for n in 0..50 {
                let input: NewTask =
                    serde_json::from_value(json!({ "title": format!("app {writer} {n}"), "projectIds": [project] }))
                        .unwrap();
                create_task(&app, input).await.map_err(|err| format!("writer {writer}: {err:?}"))?;
            }
            Ok::<(), String>(())
        }));
    }
    script.await.unwrap().unwrap();
    for writer in writers {
        writer.await.unwrap().unwrap();
    }
    assert_eq!(common::scalar_i64(&app, "SELECT count(*) FROM task_projects").await, 300);
    let kept = common::scalar_i64(&app, &format!("SELECT task_count FROM projects WHERE id = '{}'", project.id)).await;
    assert_eq!(kept, 300, "the kept count agrees with the rows");
}

/// A write that cannot get the write lock (another program holds it inside a transaction it left
/// open) gives up after 5 s with "the database is busy", instead of hanging, and writes nothing.
#[tokio::test]
async fn a_write_waiting_on_a_lock_held_elsewhere_gives_up_as_busy() {
    use sea_orm::{ConnectionTrait, TransactionTrait};
    use tasklane_lib::error::ErrorCode;
    let location = server_database().await;
    let app = db::open(&location).await.unwrap();
    let other = sea_orm::Database::connect(location.url.clone()).await.unwrap();
    let stuck = other.begin().await.unwrap();
    stuck.execute_unprepared("SELECT pg_advisory_xact_lock(8386110886357593702)").await.unwrap();

    let started = Instant::now();
    let err = create_task(&app, common_new_task("waits")).await.unwrap_err();
    let waited = started.elapsed();
    let payload = err.payload();
    assert_eq!(payload.code, ErrorCode::Database, "{err:?}");
    assert!(payload.message.contains("busy"), "{}", payload.message);
    assert!(waited >= Duration::from_secs(4) && waited < Duration::from_secs(30), "{waited:?}");
    stuck.rollback().await.unwrap();
    assert_eq!(common::scalar_i64(&app, "SELECT count(*) FROM tasks").await, 0);
}
