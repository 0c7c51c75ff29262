//! The commands through Tauri's real IPC path: JSON bodies exactly as the TypeScript client sends
//! them, the app's own config and capabilities, SQLite in memory.

mod common;

use std::time::Duration;

use common::app::{TestApp, invoke_at, next};
use serde_json::{Value, json};
use tasklane_lib::commands::COMMANDS;
use tasklane_lib::startup::{Reveal, Startup};
use tauri::Manager;

#[test]
fn task_commands_create_list_get_update_and_delete() {
    let t = TestApp::new();
    let project = t.ok("db_create_project", json!({ "input": { "name": "Work", "color": "#336699" } }));
    let task = t.ok(
        "db_create_task",
        json!({ "input": {
            "title": "Ship it", "description": "soon", "status": "in_progress", "priority": "high",
            "tags": ["release", "Release"], "projectIds": [project["id"]], "dueAt": "2026-12-01T09:00:00Z"
        } }),
    );
    assert_eq!(task["title"], "Ship it");
    assert_eq!(task["tags"], json!(["release"]));
    assert_eq!(task["projectIds"], json!([project["id"]]));
    assert_eq!(task["dueAt"], "2026-12-01T09:00:00.000Z");

    let id = task["id"].clone();
    assert_eq!(t.ok("db_get_task", json!({ "id": id })), task);
    let listed =
        t.ok("db_get_tasks", json!({ "filter": { "projectIds": [project["id"]], "statuses": ["in_progress"] } }));
    assert_eq!(listed, json!({ "tasks": [task], "next": null, "total": 1 }));
    assert_eq!(t.ok("db_get_tasks", json!({}))["total"], 1, "the filter is optional");

    let updated = t.ok(
        "db_update_task",
        json!({ "id": id, "patch": { "expectedVersion": 1, "status": "done", "description": null, "dueAt": null } }),
    );
    assert_eq!(updated["status"], "done");
    assert_eq!(updated["description"], Value::Null);
    assert_eq!(updated["dueAt"], Value::Null);
    assert!(updated["completedAt"].is_string());

    assert_eq!(t.ok("db_delete_task", json!({ "id": id })), Value::Null);
    assert_eq!(t.ok("db_get_tasks", json!({ "filter": {} })), json!({ "tasks": [], "next": null, "total": 0 }));
}

#[test]
fn project_commands_create_list_get_update_and_delete() {
    let t = TestApp::new();
    let project =
        t.ok("db_create_project", json!({ "input": { "name": "Home", "description": "d", "color": "#AABBCC" } }));
    assert_eq!(project["color"], "#aabbcc");
    t.ok("db_create_task", json!({ "input": { "title": "a", "projectIds": [project["id"]] } }));
    t.ok("db_create_task", json!({ "input": { "title": "b", "status": "done", "projectIds": [project["id"]] } }));

    let list = t.ok("db_get_projects", json!({}));
    assert_eq!(list[0]["taskCount"], 2);
    assert_eq!(list[0]["openTaskCount"], 1);
    let id = project["id"].clone();
    assert_eq!(t.ok("db_get_project", json!({ "id": id })), list[0]);

    let patched = t.ok(
        "db_update_project",
        json!({ "id": id, "patch": { "expectedVersion": 1, "name": "House", "color": null, "archived": true } }),
    );
    assert_eq!(
        (patched["name"].as_str(), &patched["color"], &patched["archived"]),
        (Some("House"), &Value::Null, &json!(true))
    );

    assert_eq!(t.ok("db_delete_project", json!({ "id": id })), Value::Null);
    let tasks = t.ok("db_get_tasks", json!({ "filter": { "inbox": true, "includeDone": true } }));
    assert_eq!(tasks["tasks"].as_array().unwrap().len(), 2, "the project's tasks stay, now in the Inbox");
}

#[test]
fn tag_suggestions_come_from_the_whole_database_with_counts() {
    let t = TestApp::new();
    t.ok("db_create_task", json!({ "input": { "title": "a", "tags": ["Urgent", "home"] } }));
    t.ok("db_create_task", json!({ "input": { "title": "b", "tags": ["urgent", "Ärger"], "status": "done" } }));
    t.ok("db_create_task", json!({ "input": { "title": "c", "tags": ["surgery"] } }));
    assert_eq!(
        t.ok("db_get_tags", json!({})),
        json!([
            { "name": "Urgent", "taskCount": 2 },
            { "name": "home", "taskCount": 1 },
            { "name": "surgery", "taskCount": 1 },
            { "name": "Ärger", "taskCount": 1 },
        ]),
        "every tag, done tasks counted, the most used first, then by name"
    );
    assert_eq!(
        t.ok("db_get_tags", json!({ "search": "UR" })),
        json!([{ "name": "Urgent", "taskCount": 2 }, { "name": "surgery", "taskCount": 1 }]),
        "a name starting with the text comes before one containing it"
    );
    assert_eq!(
        t.ok("db_get_tags", json!({ "search": "äR", "limit": 1 })),
        json!([{ "name": "Ärger", "taskCount": 1 }])
    );
    assert_eq!(t.ok("db_get_tags", json!({ "search": "%" })), json!([]), "wildcards are literal");
    for (args, field) in [
        (json!({ "limit": 0 }), "limit"),
        (json!({ "limit": 201 }), "limit"),
        (json!({ "limit": -1 }), "limit"),
        (json!({ "search": "x".repeat(51) }), "search"),
        (json!({ "serch": "x" }), "serch"),
    ] {
        let error = t.err("db_get_tags", args.clone());
        assert_eq!((error["code"].as_str(), error["field"].as_str()), (Some("VALIDATION"), Some(field)), "{args}");
    }
}

#[test]
fn settings_commands_read_and_patch() {
    let t = TestApp::new();
    assert_eq!(t.ok("db_get_settings", json!({})), json!({ "theme": "system", "notifications": true }));
    assert_eq!(
        t.ok("db_update_settings", json!({ "patch": { "theme": "dark" } })),
        json!({ "theme": "dark", "notifications": true })
    );
    assert_eq!(t.ok("db_get_settings", json!({}))["theme"], "dark");
}

#[test]
fn app_status_reports_counts_and_versions() {
    let t = TestApp::new();
    t.ok("db_create_project", json!({ "input": { "name": "P" } }));
    t.ok("db_create_task", json!({ "input": { "title": "open" } }));
    t.ok("db_create_task", json!({ "input": { "title": "closed", "status": "done" } }));
    let status = t.ok("app_status", json!({}));
    assert_eq!(status["taskCount"], 2);
    assert_eq!(status["openTaskCount"], 1);
    assert_eq!(status["projectCount"], 1);
    assert_eq!(status["dbPath"], Value::Null, "in memory");
    assert_eq!(status["dbSizeBytes"], 0);
    let latest = {
        use migration::MigratorTrait;
        migration::Migrator::migrations().last().unwrap().name().to_owned()
    };
    assert_eq!(status["schemaVersion"], latest);
    assert_eq!(status["appVersion"], env!("CARGO_PKG_VERSION"));
}

#[test]
fn errors_reach_the_frontend_as_code_message_field() {
    let t = TestApp::new();
    assert_eq!(
        t.err("db_create_task", json!({ "input": { "title": "   " } })),
        json!({ "code": "VALIDATION", "message": "Title cannot be empty", "field": "title" })
    );
    let ghost = "00000000-0000-4000-8000-000000000000";
    assert_eq!(
        t.err("db_get_task", json!({ "id": ghost })),
        json!({ "code": "NOT_FOUND", "message": format!("Task {ghost} does not exist (it may have been deleted)") })
    );
    assert_eq!(
        t.err("db_create_task", json!({ "input": { "title": "x", "projectIds": [ghost] } })),
        json!({
            "code": "NOT_FOUND",
            "message": format!("Project {ghost} does not exist (it may have been deleted)"),
            "field": "projectIds"
        })
    );
    assert_eq!(
        t.err(
            "db_update_project",
            json!({
                "id": t.ok("db_create_project", json!({ "input": { "name": "P" } }))["id"],
                "patch": { "expectedVersion": 1, "color": "teal" }
            })
        ),
        json!({ "code": "VALIDATION", "message": "Colour must look like #1a2b3c, not `teal`", "field": "color" })
    );
    assert_eq!(t.ok("db_get_tasks", json!({}))["tasks"], json!([]), "nothing was written");
}

/// A rejected argument as the frontend receives it: `VALIDATION` with the JSON path as `field`.
fn assert_invalid(rejection: &Value, field: &str, says: &str) {
    assert_eq!(rejection["code"], "VALIDATION", "{rejection}");
    assert_eq!(rejection["field"], field, "{rejection}");
    let message = rejection["message"].as_str().unwrap_or_default();
    assert!(message.contains(says), "{rejection}");
}

#[test]
fn snake_case_and_unknown_keys_are_rejected_with_their_path() {
    let t = TestApp::new();
    let rejection = t.err("db_create_task", json!({ "input": { "title": "x", "project_ids": [] } }));
    assert_invalid(&rejection, "input.project_ids", "unknown field `project_ids`");
    let task = t.ok("db_create_task", json!({ "input": { "title": "x" } }));
    let rejection =
        t.err("db_update_task", json!({ "id": task["id"], "patch": { "expectedVersion": 1, "due_at": null } }));
    assert_invalid(&rejection, "patch.due_at", "unknown field `due_at`");
    let rejection = t.err("db_get_tasks", json!({ "filter": { "project_ids": [] } }));
    assert_invalid(&rejection, "filter.project_ids", "unknown field `project_ids`");
    let rejection = t.err("db_get_tasks", json!({ "filtr": {} }));
    assert_invalid(&rejection, "filtr", "unknown field `filtr`");
    assert_eq!(t.ok("db_get_task", json!({ "id": task["id"] })), task, "the rejected patch changed nothing");
}

#[test]
fn malformed_arguments_are_typed_validation_errors_with_their_path() {
    let t = TestApp::new();
    for (cmd, args, field, says) in [
        ("db_get_task", json!({}), "id", "missing field `id`"),
        ("db_get_task", json!({ "id": "not-a-uuid" }), "id", "`not-a-uuid` is not a valid id"),
        ("db_get_task", json!({ "id": 42 }), "id", "invalid type"),
        ("db_create_task", json!({ "input": "Buy milk" }), "input", "invalid type"),
        (
            "db_create_task",
            json!({ "input": { "title": "x", "dueAt": "next week" } }),
            "input.dueAt",
            "not a valid date-time",
        ),
        (
            "db_create_task",
            json!({ "input": { "title": "x", "status": "later" } }),
            "input.status",
            "unknown variant `later`",
        ),
        (
            "db_create_task",
            json!({ "input": { "title": "x", "priority": "bogus" } }),
            "input.priority",
            "unknown variant `bogus`",
        ),
        ("db_update_settings", json!({ "patch": { "theme": "purple" } }), "patch.theme", "unknown variant `purple`"),
        ("db_update_task", json!({ "id": Value::Null, "patch": {} }), "id", "invalid type"),
        ("db_get_projects", json!({ "extra": true }), "extra", "unknown field `extra`"),
    ] {
        assert_invalid(&t.err(cmd, args.clone()), field, says);
    }
    assert_eq!(t.ok("db_get_tasks", json!({}))["tasks"], json!([]), "the app still answers");
}

#[test]
fn mutations_announce_changes_to_every_window() {
    let t = TestApp::new();
    let tasks = t.listen("tasks:changed");
    let projects = t.listen("projects:changed");
    let settings = t.listen("settings:changed");

    let project = t.ok("db_create_project", json!({ "input": { "name": "P" } }));
    assert_eq!(next(&projects), json!({ "kind": "created", "ids": [project["id"]] }));
    t.ok("db_update_project", json!({ "id": project["id"], "patch": { "expectedVersion": 1, "name": "Q" } }));
    assert_eq!(next(&projects), json!({ "kind": "updated", "ids": [project["id"]] }));

    let task = t.ok("db_create_task", json!({ "input": { "title": "t" } }));
    assert_eq!(next(&tasks), json!({ "kind": "created", "ids": [task["id"]] }));
    t.ok("db_update_task", json!({ "id": task["id"], "patch": { "expectedVersion": 1, "title": "u" } }));
    assert_eq!(next(&tasks), json!({ "kind": "updated", "ids": [task["id"]] }));
    t.ok("db_delete_task", json!({ "id": task["id"] }));
    assert_eq!(next(&tasks), json!({ "kind": "deleted", "ids": [task["id"]] }));
    t.ok("db_delete_project", json!({ "id": project["id"] }));
    assert_eq!(next(&projects), json!({ "kind": "deleted", "ids": [project["id"]] }));
    t.ok("db_update_settings", json!({ "patch": { "notifications": false } }));
    assert_eq!(next(&settings), json!({ "kind": "updated", "ids": [] }));

    t.err("db_create_task", json!({ "input": { "title": "" } }));
    assert!(tasks.recv_timeout(Duration::from_millis(200)).is_err(), "a failed mutation announces nothing");
}

#[test]
fn a_mutation_is_followed_by_an_app_status_report() {
    let t = TestApp::new();
    let status = t.listen("app:status");
    t.ok("db_create_task", json!({ "input": { "title": "counted" } }));
    let deadline = std::time::Instant::now() + Duration::from_secs(5);
    loop {
        let report = next(&status);
        if report["taskCount"] == 1 {
            assert_eq!(report["openTaskCount"], 1);
            break;
        }
        assert!(std::time::Instant::now() < deadline, "no report counted the new task");
    }
}

#[test]
fn a_second_window_sees_the_same_data() {
    let t = TestApp::new();
    let label = t.ok("app_open_window", json!({}));
    assert_eq!(label, "window-2");
    assert_eq!(t.ok("app_open_window", json!({})), "window-3");
    let second = t.app.get_webview_window("window-2").expect("the window exists");

    let created = t.ok("db_create_task", json!({ "input": { "title": "from main" } }));
    let seen = t.invoke_from(&second, "db_get_tasks", json!({})).unwrap();
    assert_eq!(seen["tasks"], json!([created]));
}

#[test]
fn every_listed_command_is_registered_and_nothing_else_answers() {
    let t = TestApp::new();
    for name in COMMANDS {
        // A restart would end the test; an argument it does not take shows it is there all the same.
        let args = if *name == "app_restart" { json!({ "unexpected": 1 }) } else { json!({}) };
        if let Err(rejection) = t.invoke(name, args) {
            let text = rejection.to_string();
            assert!(!text.contains("not found") && !text.contains("not allowed"), "{name}: {text}");
        }
    }
    let rejection = t.err("db_drop_everything", json!({}));
    assert!(rejection.to_string().contains("not found"), "{rejection}");
}

#[test]
fn the_capability_grants_exactly_the_listed_commands_events_and_the_file_dialogs() {
    let file = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/capabilities/default.json")).unwrap();
    let capability: Value = serde_json::from_str(&file).unwrap();
    let mut granted: Vec<String> =
        capability["permissions"].as_array().unwrap().iter().map(|p| p.as_str().unwrap().to_owned()).collect();
    granted.sort();
    let mut expected: Vec<String> = COMMANDS.iter().map(|name| format!("allow-{}", name.replace('_', "-"))).collect();
    expected.extend(
        [
            "core:event:allow-listen",
            "core:event:allow-unlisten",
            "core:event:allow-emit",
            // The open and save dialogs of Settings -> Data (not `message`: the page has its own).
            "dialog:allow-open",
            "dialog:allow-save",
        ]
        .map(String::from),
    );
    expected.sort();
    assert_eq!(granted, expected);
    assert_eq!(capability["windows"], json!(["main", "window-*"]));
}

#[test]
fn a_page_from_another_origin_is_refused_every_command() {
    let t = TestApp::new();
    for name in COMMANDS {
        let rejection = invoke_at(&t.window, "https://evil.example", name, json!({})).unwrap_err();
        assert!(rejection.to_string().contains("not allowed"), "{name}: {rejection}");
    }
}

/// Polls `check` for up to `limit`; the window logic runs on other threads.
fn eventually(limit: std::time::Duration, check: impl Fn() -> bool) -> bool {
    let start = std::time::Instant::now();
    while start.elapsed() < limit {
        if check() {
            return true;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    check()
}

#[test]
fn a_window_is_shown_when_its_page_emits_ui_ready_and_start_up_time_is_reported() {
    let t = TestApp::new();
    let startup = t.app.state::<Startup>();
    assert_eq!(startup.revealed("main"), None, "the main window waits for its page");
    assert_eq!(t.ok("app_status", json!({}))["startupMs"], Value::Null);

    t.ok("plugin:event|emit", json!({ "event": "ui:ready", "payload": { "label": "main" } }));
    assert!(eventually(Duration::from_secs(5), || startup.revealed("main") == Some(Reveal::Ready)));
    let startup_ms = t.ok("app_status", json!({}))["startupMs"].clone();
    assert!(startup_ms.is_u64(), "startupMs once the main window is painted: {startup_ms}");

    t.ok("plugin:event|emit", json!({ "event": "ui:ready", "payload": { "label": "main" } }));
    assert_eq!(t.ok("app_status", json!({}))["startupMs"], startup_ms, "only the first ui:ready counts");
}

#[test]
fn a_window_whose_page_never_says_ready_is_shown_after_the_deadline() {
    let t = TestApp::new();
    let label = t.ok("app_open_window", json!({}));
    let label = label.as_str().unwrap().to_owned();
    let startup = t.app.state::<Startup>();
    assert_eq!(startup.revealed(&label), None, "a new window waits for its page too");
    let deadline = tasklane_lib::startup::ready_timeout() + Duration::from_secs(3);
    assert!(eventually(deadline, || startup.revealed(&label) == Some(Reveal::Timeout)));
    assert_eq!(t.ok("app_status", json!({}))["startupMs"], Value::Null, "start-up time is the main window's");
}

#[test]
fn a_page_may_not_emit_a_malformed_ui_ready_to_show_a_window() {
    let t = TestApp::new();
    t.ok("plugin:event|emit", json!({ "event": "ui:ready", "payload": { "window": "main" } }));
    std::thread::sleep(Duration::from_millis(200));
    assert_eq!(t.app.state::<Startup>().revealed("main"), None, "a payload without a label is ignored");
}

/// Settings → Database on a file: "Test connection" tells an empty, a current and an unusable
/// database apart, and the choice is kept for the next start (and the local file is chosen again
/// with `null`).
#[test]
fn the_database_choice_is_checked_then_kept_for_the_next_start() {
    let t = TestApp::new();
    let dir = tempfile::tempdir().unwrap();
    let url_of = |name: &str| format!("sqlite:{}?mode=rwc", dir.path().join(name).display());

    let fresh = t.ok("app_check_database", json!({ "url": url_of("new.db") }));
    assert_eq!((fresh["schema"].as_str(), &fresh["serverVersion"]), (Some("empty"), &Value::Null));
    let existing = dir.path().join("existing.db");
    tauri::async_runtime::block_on(async {
        let location = tasklane_lib::db::DatabaseLocation::file(&existing);
        tasklane_lib::db::open(&location).await.unwrap().close().await.unwrap();
    });
    assert_eq!(t.ok("app_check_database", json!({ "url": url_of("existing.db") }))["schema"], "current");

    let not_a_url = t.err("app_check_database", json!({ "url": "mysql://x/tasklane" }));
    assert_eq!((not_a_url["code"].as_str(), not_a_url["field"].as_str()), (Some("VALIDATION"), Some("url")));
    std::fs::write(dir.path().join("notes.db"), "not a database at all, just text ".repeat(40)).unwrap();
    let unusable = t.err("app_check_database", json!({ "url": url_of("notes.db") }));
    assert_eq!((unusable["code"].as_str(), unusable["field"].as_str()), (Some("DATABASE"), Some("url")), "{unusable}");

    let choice = t.config_dir.path().join(tasklane_lib::database_choice::FILE_NAME);
    let refused = t.err("app_set_database", json!({ "url": url_of("notes.db") }));
    assert_eq!(refused["code"], "DATABASE");
    assert!(!choice.exists(), "a database that fails the check is not chosen");
    let chosen = t.ok("app_set_database", json!({ "url": url_of("existing.db") }));
    assert_eq!(chosen["schema"], "current");
    assert!(std::fs::read_to_string(&choice).unwrap().contains("existing.db"));

    // The next start opens the chosen database (no TASKLANE_DB_URL in the way).
    if std::env::var(tasklane_lib::db::DB_URL_ENV).is_err() {
        let mut next = tasklane_lib::app(tauri::test::mock_builder(), tasklane_lib::Logging::AlreadyInstalled)
            .manage(tasklane_lib::database_choice::ChoiceFile(choice.clone()))
            .build(tauri::generate_context!())
            .unwrap();
        #[allow(deprecated)]
        next.run_iteration(|_, _| {});
        let opened = next.state::<tasklane_lib::db::DatabaseLocation>();
        assert_eq!(opened.path.as_deref(), Some(existing.as_path()));
    }

    assert_eq!(t.ok("app_set_database", json!({ "url": null })), Value::Null);
    assert!(!choice.exists(), "null goes back to the local file");
}
