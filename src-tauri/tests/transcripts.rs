//! Records what the real backend answers to a scripted session through the IPC path, into
//! `src/bindings/ipc-transcript.json`. The UI tests replay it against their fake backend
//! (`src/test/fakeBackend.transcript.test.ts`), so the fake cannot drift from the real one
//! unnoticed; `make check-bindings` fails when the committed transcript is stale.
//!
//! Named `export_bindings_*` so `make bindings` regenerates it with the TypeScript types.
//! Deterministic: creates carry client-chosen ids, and timestamps and machine details are
//! replaced by placeholders.

mod common;

use common::app::TestApp;
use serde_json::{Value, json};

const TASK_A: &str = "00000000-0000-4000-8000-00000000000a";
const TASK_B: &str = "00000000-0000-4000-8000-00000000000b";
const TASK_C: &str = "00000000-0000-4000-8000-00000000000c";
const TASK_D: &str = "00000000-0000-4000-8000-00000000000d";
const TASK_E: &str = "00000000-0000-4000-8000-00000000000e";
const PROJECT_P: &str = "00000000-0000-4000-8000-0000000000f1";
const PROJECT_Q: &str = "00000000-0000-4000-8000-0000000000f2";
const GHOST: &str = "00000000-0000-4000-8000-00000000dead";

/// The session: what a user does in the UI, in the shapes the TypeScript client sends.
fn script() -> Vec<(&'static str, Value)> {
    vec![
        ("db_get_settings", json!({})),
        ("db_update_settings", json!({ "patch": { "theme": "dark" } })),
        ("db_get_projects", json!({})),
        ("db_create_project", json!({ "input": { "id": PROJECT_P, "name": " Work ", "color": "#AABBCC" } })),
        ("db_create_project", json!({ "input": { "id": PROJECT_Q, "name": "Home", "description": "house" } })),
        ("db_create_project", json!({ "input": { "id": PROJECT_Q, "name": "Home", "description": "house" } })),
        ("db_create_project", json!({ "input": { "id": PROJECT_Q, "name": "Garden" } })),
        ("db_create_project", json!({ "input": { "name": "   " } })),
        (
            "db_create_task",
            json!({ "input": { "id": TASK_A, "title": "  Write the report ", "tags": ["Work", "urgent", "work"], "projectIds": [PROJECT_P], "priority": "high" } }),
        ),
        (
            "db_create_task",
            json!({ "input": { "id": TASK_B, "title": "Über café plans", "description": "Straße und ÄRGER", "tags": ["URGENT", "ärger"], "status": "done" } }),
        ),
        (
            "db_create_task",
            json!({ "input": { "id": TASK_C, "title": "Water the plants", "projectIds": [PROJECT_P, PROJECT_Q], "dueAt": "2026-12-24T00:00:00+01:00" } }),
        ),
        (
            "db_create_task",
            json!({ "input": { "id": TASK_C, "title": "Water the plants", "projectIds": [PROJECT_Q, PROJECT_P], "dueAt": "2026-12-23T23:00:00Z" } }),
        ),
        ("db_create_task", json!({ "input": { "id": TASK_C, "title": "Water the cactus" } })),
        ("db_create_task", json!({ "input": { "title": "" } })),
        ("db_create_task", json!({ "input": { "title": "orphan", "projectIds": [GHOST] } })),
        ("db_get_tasks", json!({ "filter": {} })),
        ("db_get_tasks", json!({ "filter": { "projectIds": [PROJECT_Q] } })),
        ("db_get_tasks", json!({ "filter": { "inbox": true } })),
        ("db_get_tasks", json!({ "filter": { "statuses": ["done"] } })),
        ("db_get_tasks", json!({ "filter": { "priorities": ["high", "low"] } })),
        ("db_get_tasks", json!({ "filter": { "tags": ["Urgent"] } })),
        ("db_get_tasks", json!({ "filter": { "tags": ["ÄRGER"] } })),
        ("db_get_tasks", json!({ "filter": { "search": "REPORT" } })),
        ("db_create_task", json!({ "input": { "id": TASK_D, "title": "Call the plumber", "assignee": " Zoë " } })),
        ("db_create_task", json!({ "input": { "id": TASK_E, "title": "Pay the plumber", "assignee": "ZOË" } })),
        ("db_create_task", json!({ "input": { "title": "Nobody", "assignee": "   " } })),
        ("db_get_tasks", json!({ "filter": { "assignee": "zoë" } })),
        ("db_update_task", json!({ "id": TASK_A, "patch": { "expectedVersion": 1, "assignee": "zoe" } })),
        ("db_update_task", json!({ "id": TASK_A, "patch": { "expectedVersion": 2, "assignee": null } })),
        ("db_update_task", json!({ "id": TASK_A, "patch": { "expectedVersion": 3, "assignee": "x".repeat(51) } })),
        ("db_get_tasks", json!({ "filter": { "search": "über" } })),
        ("db_get_tasks", json!({ "filter": { "search": "straße" } })),
        ("db_get_tasks", json!({ "filter": { "search": "  plants  " } })),
        ("db_get_tasks", json!({ "filter": { "includeDone": true } })),
        ("db_get_tasks", json!({ "filter": { "includeDone": true, "sort": "due" } })),
        ("db_get_tasks", json!({ "filter": { "includeDone": true, "sort": "due", "descending": true } })),
        ("db_get_tasks", json!({ "filter": { "includeDone": true, "sort": "priority", "descending": true } })),
        ("db_get_tasks", json!({ "filter": { "includeDone": true, "sort": "title" } })),
        ("db_get_tasks", json!({ "filter": { "includeDone": true, "sort": "title" }, "page": { "limit": 2 } })),
        ("db_get_tasks", json!({ "filter": { "includeDone": true }, "page": { "limit": 3 } })),
        ("db_get_tasks", json!({ "page": { "after": "not-a-cursor" } })),
        ("db_get_tasks", json!({ "page": { "limit": 501 } })),
        ("db_get_tasks", json!({ "filter": { "includeDone": true, "search": "uber" } })),
        ("db_get_tasks", json!({ "filter": { "includeDone": true, "search": "CAFÉ" } })),
        ("db_get_tasks", json!({ "filter": { "includeDone": true, "search": "cafe\u{301} pla" } })),
        ("db_get_tasks", json!({ "filter": { "includeDone": true, "search": "pla" } })),
        ("db_get_tasks", json!({ "filter": { "includeDone": true, "search": "strasse" } })),
        ("db_get_tasks", json!({ "filter": { "includeDone": true, "search": "arger urg" } })),
        ("db_get_tasks", json!({ "filter": { "includeDone": true, "search": "\"water the" } })),
        ("db_get_tasks", json!({ "filter": { "includeDone": true, "search": "NEAR(water plants)" } })),
        ("db_get_tasks", json!({ "filter": { "includeDone": true, "search": "water OR report" } })),
        ("db_get_tasks", json!({ "filter": { "includeDone": true, "search": "***" } })),
        ("db_get_tasks", json!({ "filter": { "includeDone": true, "sort": "manual", "descending": true } })),
        (
            "db_get_tasks",
            json!({ "filter": { "dueBefore": "2026-12-24T00:00:00Z", "dueAfter": "2026-12-01T00:00:00Z" } }),
        ),
        ("db_get_tags", json!({})),
        ("db_get_tags", json!({ "search": "UR" })),
        ("db_get_tags", json!({ "search": "ä", "limit": 1 })),
        ("db_get_tags", json!({ "limit": 0 })),
        ("db_get_task", json!({ "id": TASK_A })),
        ("db_get_task", json!({ "id": GHOST })),
        (
            "db_update_task",
            json!({ "id": TASK_A, "patch": { "expectedVersion": 1, "status": "done", "tags": ["Later", "URGENT"] } }),
        ),
        ("db_update_task", json!({ "id": TASK_A, "patch": { "expectedVersion": 1, "title": "stale edit" } })),
        (
            "db_update_task",
            json!({ "id": TASK_A, "patch": { "expectedVersion": 2, "status": "todo", "description": "now with notes", "projectIds": [] } }),
        ),
        (
            "db_update_task",
            json!({ "id": TASK_B, "patch": { "expectedVersion": 1, "description": null, "dueAt": "2027-01-01T10:00:00Z" } }),
        ),
        ("db_update_task", json!({ "id": TASK_B, "patch": { "expectedVersion": 2, "title": "  " } })),
        ("db_update_task", json!({ "id": GHOST, "patch": { "expectedVersion": 1, "title": "x" } })),
        ("db_get_projects", json!({})),
        (
            "db_update_project",
            json!({ "id": PROJECT_P, "patch": { "expectedVersion": 1, "name": "Office", "color": null, "archived": true } }),
        ),
        ("db_update_project", json!({ "id": PROJECT_P, "patch": { "expectedVersion": 1, "name": "stale" } })),
        ("db_get_project", json!({ "id": PROJECT_P })),
        ("db_delete_project", json!({ "id": PROJECT_Q })),
        ("db_get_tasks", json!({ "filter": { "inbox": true } })),
        ("db_delete_task", json!({ "id": TASK_B })),
        ("db_delete_task", json!({ "id": TASK_B })),
        ("db_get_tasks", json!({ "filter": {} })),
        ("db_get_tags", json!({ "search": "later" })),
        ("app_open_window", json!({})),
        ("app_open_window", json!({})),
        ("app_status", json!({})),
        ("app_check_database", json!({ "url": " sqlite::memory: " })),
        ("app_check_database", json!({ "url": "mysql://x/tasklane" })),
        ("app_set_database", json!({ "url": null })),
    ]
}

/// Replaces what differs between runs and machines with placeholders.
fn scrub(value: &mut Value) {
    match value {
        Value::Object(map) => {
            for (key, item) in map.iter_mut() {
                match key.as_str() {
                    "createdAt" | "updatedAt" if item.is_string() => *item = json!("<timestamp>"),
                    "completedAt" if item.is_string() => *item = json!("<timestamp>"),
                    // `server`: null on a file, the test server's URL on PostgreSQL (`make test-rust`
                    // records the transcript on both engines; the second must equal the first).
                    "dbPath" | "dbSizeBytes" | "appVersion" | "server" => *item = json!("<machine>"),
                    // The OS user who created a task differs between machines.
                    "createdBy" if item.is_string() => *item = json!("<user>"),
                    // Cursors are opaque: the fake backend may encode them its own way.
                    "next" if item.is_string() => *item = json!("<cursor>"),
                    _ => scrub(item),
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(scrub),
        _ => {}
    }
}

#[test]
fn export_bindings_ipc_transcript() {
    let t = TestApp::new();
    let exchanges: Vec<Value> = script()
        .into_iter()
        .map(|(command, args)| {
            let (key, mut reply) = match t.invoke(command, args.clone()) {
                Ok(reply) => ("ok", reply),
                Err(error) => ("error", error),
            };
            scrub(&mut reply);
            json!({ "command": command, "args": args, key: reply })
        })
        .collect();
    let errors = exchanges.iter().filter(|exchange| exchange.get("error").is_some()).count();
    assert!(errors >= 8 && errors < exchanges.len() / 2, "the script exercises both outcomes ({errors} errors)");

    let transcript = json!({
        "generated": "by `cargo test export_bindings` (src-tauri/tests/transcripts.rs); do not edit by hand",
        "exchanges": exchanges,
    });
    let dir = std::env::var("TS_RS_EXPORT_DIR").expect("TS_RS_EXPORT_DIR is set by .cargo/config.toml");
    let text = serde_json::to_string_pretty(&transcript).unwrap() + "\n";
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(std::path::Path::new(&dir).join("ipc-transcript.json"), text).unwrap();
}
