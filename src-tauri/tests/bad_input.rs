//! Fault suite: bad input through the real IPC path. Every case gets its documented code (or, for
//! odd but valid text, succeeds and round-trips exactly), nothing panics, and after every rejected
//! call the database content is identical to before (canonical dump of every table).

mod common;

use common::app::TestApp;
use common::canonical_dump;
use serde_json::{Value, json};

/// What a call must answer.
enum Expect {
    /// `VALIDATION` naming this field (an operation's field, or a malformed argument's JSON path).
    Invalid(&'static str),
    NotFound,
    Conflict,
    /// Success, and the reply's `title` (or `name`) is exactly this text.
    RoundTrip(&'static str, String),
    /// Success with this exact reply.
    Answer(Value),
}
use Expect::*;

struct Case {
    what: String,
    cmd: &'static str,
    args: Value,
    expect: Expect,
}

fn case(what: impl Into<String>, cmd: &'static str, args: Value, expect: Expect) -> Case {
    Case { what: what.into(), cmd, args, expect }
}

/// `depth` arrays inside each other around a string.
fn nested(depth: usize) -> Value {
    let mut value = json!("leaf");
    for _ in 0..depth {
        value = Value::Array(vec![value]);
    }
    value
}

/// Drops a deep value one level at a time (a recursive drop of 10,000 levels needs a deep stack).
fn drop_flat(mut value: Value) {
    while let Value::Array(mut items) = value {
        value = items.pop().unwrap_or(Value::Null);
    }
}

fn cases(task: &Value, project: &Value) -> Vec<Case> {
    let task_id = task["id"].clone();
    let project_id = project["id"].clone();
    let ghost = json!("00000000-0000-4000-8000-00000000dead");
    let mb = "x".repeat(1 << 20);
    let ten_mb = "y".repeat(10 << 20);
    let many_tags: Vec<String> = (0..10_000).map(|n| format!("tag{n}")).collect();
    let create = |input: Value| json!({ "input": input });
    let update = |patch: Value| json!({ "id": task_id, "patch": patch });
    let update_project = |patch: Value| json!({ "id": project_id, "patch": patch });

    let mut cases = vec![
        // --- db_create_task: shape
        case("no input", "db_create_task", json!({}), Invalid("input")),
        case("null input", "db_create_task", json!({ "input": null }), Invalid("input")),
        case("input is a string", "db_create_task", json!({ "input": "Buy milk" }), Invalid("input")),
        // Serde reads a struct from an array by position, so the first element is checked as `id`.
        case("input is an array", "db_create_task", json!({ "input": ["Buy milk"] }), Invalid("input[0]")),
        case("arguments are an array", "db_create_task", json!(["Buy milk"]), Invalid("")),
        case("no title", "db_create_task", create(json!({})), Invalid("input.title")),
        case("null title", "db_create_task", create(json!({ "title": null })), Invalid("input.title")),
        case("title is a number", "db_create_task", create(json!({ "title": 42 })), Invalid("input.title")),
        case(
            "title is an object",
            "db_create_task",
            create(json!({ "title": { "text": "x" } })),
            Invalid("input.title"),
        ),
        case(
            "misspelt key",
            "db_create_task",
            create(json!({ "title": "t", "descripton": "d" })),
            Invalid("input.descripton"),
        ),
        case(
            "snake_case key",
            "db_create_task",
            create(json!({ "title": "t", "due_at": null })),
            Invalid("input.due_at"),
        ),
        case(
            "extra top-level key",
            "db_create_task",
            json!({ "input": { "title": "t" }, "force": true }),
            Invalid("force"),
        ),
        case("malformed id", "db_create_task", create(json!({ "id": "123", "title": "t" })), Invalid("input.id")),
        // --- db_create_task: text
        case("empty title", "db_create_task", create(json!({ "title": "" })), Invalid("title")),
        case("whitespace title", "db_create_task", create(json!({ "title": " \t\n\u{3000} " })), Invalid("title")),
        case("1 MB title", "db_create_task", create(json!({ "title": mb })), Invalid("title")),
        case("10 MB title", "db_create_task", create(json!({ "title": ten_mb })), Invalid("title")),
        case(
            "1 MB description",
            "db_create_task",
            create(json!({ "title": "t", "description": mb })),
            Invalid("description"),
        ),
        case("NUL in title", "db_create_task", create(json!({ "title": "a\u{0}b" })), Invalid("title")),
        case(
            "escape sequence in title",
            "db_create_task",
            create(json!({ "title": "\u{1b}[31mred" })),
            Invalid("title"),
        ),
        case(
            "NUL in description",
            "db_create_task",
            create(json!({ "title": "t", "description": "x\u{0}" })),
            Invalid("description"),
        ),
        case("NUL in a tag", "db_create_task", create(json!({ "title": "t", "tags": ["a\u{0}"] })), Invalid("tags")),
        // --- db_create_task: enums, lists, ids, dates
        case(
            "unknown status",
            "db_create_task",
            create(json!({ "title": "t", "status": "later" })),
            Invalid("input.status"),
        ),
        case(
            "unknown priority",
            "db_create_task",
            create(json!({ "title": "t", "priority": "bogus" })),
            Invalid("input.priority"),
        ),
        case(
            "priority as a number",
            "db_create_task",
            create(json!({ "title": "t", "priority": 3 })),
            Invalid("input.priority"),
        ),
        case(
            "status in capitals",
            "db_create_task",
            create(json!({ "title": "t", "status": "TODO" })),
            Invalid("input.status"),
        ),
        case("tags as text", "db_create_task", create(json!({ "title": "t", "tags": "a,b" })), Invalid("input.tags")),
        case(
            "null inside tags",
            "db_create_task",
            create(json!({ "title": "t", "tags": ["a", null] })),
            Invalid("input.tags[1]"),
        ),
        case("10,000 tags", "db_create_task", create(json!({ "title": "t", "tags": many_tags })), Invalid("tags")),
        case(
            "overlong tag",
            "db_create_task",
            create(json!({ "title": "t", "tags": ["t".repeat(51)] })),
            Invalid("tags"),
        ),
        case("blank tag", "db_create_task", create(json!({ "title": "t", "tags": [" "] })), Invalid("tags")),
        case(
            "malformed project id",
            "db_create_task",
            create(json!({ "title": "t", "projectIds": ["p1"] })),
            Invalid("input.projectIds[0]"),
        ),
        case("unknown project id", "db_create_task", create(json!({ "title": "t", "projectIds": [ghost] })), NotFound),
        case(
            "a task id as a project id",
            "db_create_task",
            create(json!({ "title": "t", "projectIds": [task_id] })),
            NotFound,
        ),
        case(
            "30 February",
            "db_create_task",
            create(json!({ "title": "t", "dueAt": "2026-02-30T00:00:00Z" })),
            Invalid("input.dueAt"),
        ),
        case(
            "month 13",
            "db_create_task",
            create(json!({ "title": "t", "dueAt": "2026-13-01T00:00:00Z" })),
            Invalid("input.dueAt"),
        ),
        case(
            "25 o'clock",
            "db_create_task",
            create(json!({ "title": "t", "dueAt": "2026-01-01T25:00:00Z" })),
            Invalid("input.dueAt"),
        ),
        case(
            "year 10000",
            "db_create_task",
            create(json!({ "title": "t", "dueAt": "+10000-01-01T00:00:00Z" })),
            Invalid("input.dueAt"),
        ),
        case(
            "date without time",
            "db_create_task",
            create(json!({ "title": "t", "dueAt": "2026-12-24" })),
            Invalid("input.dueAt"),
        ),
        case(
            "date as a number",
            "db_create_task",
            create(json!({ "title": "t", "dueAt": 1_700_000_000 })),
            Invalid("input.dueAt"),
        ),
        case(
            "JSON nested 10,000 deep",
            "db_create_task",
            create(json!({ "title": "t", "tags": nested(10_000) })),
            Invalid("input.tags[0]"),
        ),
        // --- db_get_tasks
        case("filter is text", "db_get_tasks", json!({ "filter": "all" }), Invalid("filter")),
        case(
            "unknown status in filter",
            "db_get_tasks",
            json!({ "filter": { "statuses": ["bogus"] } }),
            Invalid("filter.statuses[0]"),
        ),
        case(
            "malformed project id in filter",
            "db_get_tasks",
            json!({ "filter": { "projectIds": ["x"] } }),
            Invalid("filter.projectIds[0]"),
        ),
        case("inbox as text", "db_get_tasks", json!({ "filter": { "inbox": "yes" } }), Invalid("filter.inbox")),
        case("misspelt filter", "db_get_tasks", json!({ "filtr": {} }), Invalid("filtr")),
        case("1 MB search", "db_get_tasks", json!({ "filter": { "search": mb } }), Invalid("search")),
        case(
            "SQL-looking search",
            "db_get_tasks",
            json!({ "filter": { "search": "%' OR 1=1 --" } }),
            Answer(json!({ "tasks": [], "next": null, "total": 0 })),
        ),
        case(
            "LIKE wildcards in search",
            "db_get_tasks",
            json!({ "filter": { "search": "_%_" } }),
            Answer(json!({ "tasks": [], "next": null, "total": 0 })),
        ),
        case("sort by colour", "db_get_tasks", json!({ "filter": { "sort": "colour" } }), Invalid("filter.sort")),
        case(
            "descending as text",
            "db_get_tasks",
            json!({ "filter": { "descending": "yes" } }),
            Invalid("filter.descending"),
        ),
        case(
            "impossible due bound",
            "db_get_tasks",
            json!({ "filter": { "dueBefore": "2026-02-30T00:00:00Z" } }),
            Invalid("filter.dueBefore"),
        ),
        case("page limit 0", "db_get_tasks", json!({ "page": { "limit": 0 } }), Invalid("page.limit")),
        case("page limit 501", "db_get_tasks", json!({ "page": { "limit": 501 } }), Invalid("page.limit")),
        case("negative page limit", "db_get_tasks", json!({ "page": { "limit": -1 } }), Invalid("page.limit")),
        case("cursor that is not one", "db_get_tasks", json!({ "page": { "after": "page-2" } }), Invalid("page.after")),
        case("cursor as a number", "db_get_tasks", json!({ "page": { "after": 200 } }), Invalid("page.after")),
        case("misspelt page key", "db_get_tasks", json!({ "page": { "size": 10 } }), Invalid("page.size")),
        // --- db_get_tags
        case("tag limit 0", "db_get_tags", json!({ "limit": 0 }), Invalid("limit")),
        case("tag limit as text", "db_get_tags", json!({ "limit": "ten" }), Invalid("limit")),
        case("tag search as a list", "db_get_tags", json!({ "search": ["a"] }), Invalid("search")),
        case("tag query wrapped in input", "db_get_tags", json!({ "input": { "search": "a" } }), Invalid("input")),
        // --- db_get_task / db_delete_task
        case("no id", "db_get_task", json!({}), Invalid("id")),
        case("malformed id", "db_get_task", json!({ "id": "' OR 1=1 --" }), Invalid("id")),
        case("id as a number", "db_get_task", json!({ "id": 7 }), Invalid("id")),
        case("unknown id", "db_get_task", json!({ "id": ghost }), NotFound),
        case("a project id as a task id", "db_get_task", json!({ "id": project_id }), NotFound),
        case("delete: malformed id", "db_delete_task", json!({ "id": "nope" }), Invalid("id")),
        case("delete: unknown id", "db_delete_task", json!({ "id": ghost }), NotFound),
        case("delete: a project id", "db_delete_task", json!({ "id": project_id }), NotFound),
        // --- db_update_task
        case("no patch", "db_update_task", json!({ "id": task_id }), Invalid("patch")),
        case(
            "no expected version",
            "db_update_task",
            update(json!({ "title": "x" })),
            Invalid("patch.expectedVersion"),
        ),
        case(
            "version as text",
            "db_update_task",
            update(json!({ "expectedVersion": "1" })),
            Invalid("patch.expectedVersion"),
        ),
        case("stale version", "db_update_task", update(json!({ "expectedVersion": 0, "title": "x" })), Conflict),
        case(
            "clearing the title",
            "db_update_task",
            update(json!({ "expectedVersion": 1, "title": null })),
            Invalid("title"),
        ),
        case(
            "clearing the status",
            "db_update_task",
            update(json!({ "expectedVersion": 1, "status": null })),
            Invalid("status"),
        ),
        case(
            "10 MB title in a patch",
            "db_update_task",
            update(json!({ "expectedVersion": 1, "title": ten_mb })),
            Invalid("title"),
        ),
        case(
            "10,000 tags in a patch",
            "db_update_task",
            update(json!({ "expectedVersion": 1, "tags": many_tags })),
            Invalid("tags"),
        ),
        case(
            "impossible date in a patch",
            "db_update_task",
            update(json!({ "expectedVersion": 1, "dueAt": "2026-04-31T00:00:00Z" })),
            Invalid("patch.dueAt"),
        ),
        case(
            "position as text",
            "db_update_task",
            update(json!({ "expectedVersion": 1, "position": "first" })),
            Invalid("patch.position"),
        ),
        case(
            "position out of range",
            "db_update_task",
            update(json!({ "expectedVersion": 1, "position": 1e300 })),
            Invalid("patch.position"),
        ),
        case(
            "unknown key in a patch",
            "db_update_task",
            update(json!({ "expectedVersion": 1, "colour": "red" })),
            Invalid("patch.colour"),
        ),
        case(
            "unknown project in a patch",
            "db_update_task",
            update(json!({ "expectedVersion": 1, "projectIds": [ghost] })),
            NotFound,
        ),
        case(
            "update of an unknown task",
            "db_update_task",
            json!({ "id": ghost, "patch": { "expectedVersion": 1 } }),
            NotFound,
        ),
        // --- projects
        case("empty project name", "db_create_project", json!({ "input": { "name": "" } }), Invalid("name")),
        case("1 MB project name", "db_create_project", json!({ "input": { "name": mb } }), Invalid("name")),
        case(
            "colour by name",
            "db_create_project",
            json!({ "input": { "name": "p", "color": "red" } }),
            Invalid("color"),
        ),
        case(
            "colour as a number",
            "db_create_project",
            json!({ "input": { "name": "p", "color": 0xff0000 } }),
            Invalid("input.color"),
        ),
        case(
            "archived on create",
            "db_create_project",
            json!({ "input": { "name": "p", "archived": true } }),
            Invalid("input.archived"),
        ),
        case(
            "archived as text",
            "db_update_project",
            update_project(json!({ "expectedVersion": 1, "archived": "yes" })),
            Invalid("patch.archived"),
        ),
        case(
            "clearing the name",
            "db_update_project",
            update_project(json!({ "expectedVersion": 1, "name": null })),
            Invalid("name"),
        ),
        case(
            "stale project version",
            "db_update_project",
            update_project(json!({ "expectedVersion": 9, "name": "n" })),
            Conflict,
        ),
        case(
            "a task id as a project id",
            "db_update_project",
            json!({ "id": task_id, "patch": { "expectedVersion": 1 } }),
            NotFound,
        ),
        case("delete: a task id as a project", "db_delete_project", json!({ "id": task_id }), NotFound),
        // --- settings and app
        case("unknown theme", "db_update_settings", json!({ "patch": { "theme": "purple" } }), Invalid("patch.theme")),
        case(
            "notifications as text",
            "db_update_settings",
            json!({ "patch": { "notifications": "yes" } }),
            Invalid("patch.notifications"),
        ),
        case("null settings patch", "db_update_settings", json!({ "patch": null }), Invalid("patch")),
        case("arguments to get_settings", "db_get_settings", json!({ "all": true }), Invalid("all")),
        case("arguments to app_status", "app_status", json!({ "verbose": 1 }), Invalid("verbose")),
        case("arguments to open_window", "app_open_window", json!({ "label": "main" }), Invalid("label")),
    ];
    // Odd but valid text is stored and returned exactly as sent.
    for (what, text) in [
        ("SQL-looking title", "Robert'); DROP TABLE tasks; --"),
        ("RTL text", "שלום עולם — مرحبا بالعالم"),
        ("emoji with ZWJ and skin tone", "👩🏽‍💻 deploy 🚀 🇺🇦"),
        ("combining marks (not normalized)", "cafe\u{301} Åström"),
        ("bidi override characters", "abc \u{202e}txt.exe"),
        ("zero-width joiner alone", "a\u{200d}b"),
        ("500 astral characters", "𝄞"),
    ] {
        let text = if what.starts_with("500") { text.repeat(500) } else { text.to_owned() };
        cases.push(case(what, "db_create_task", create(json!({ "title": text })), RoundTrip("title", text)));
    }
    cases.push(case(
        "project name in Devanagari",
        "db_create_project",
        json!({ "input": { "name": "परियोजना" } }),
        RoundTrip("name", "परियोजना".into()),
    ));
    cases
}

#[test]
fn every_bad_input_gets_its_code_and_changes_nothing() {
    // The 10,000-deep value is built, sent and dropped here; a deep stack keeps that safe.
    let suite = std::thread::Builder::new().stack_size(256 << 20).spawn(run_suite).unwrap();
    suite.join().expect("no case panicked");
}

fn run_suite() {
    let t = TestApp::new();
    let db = t.db();
    let dump = || tauri::async_runtime::block_on(canonical_dump(&db));

    let project = t.ok("db_create_project", json!({ "input": { "name": "Work" } }));
    let task = t.ok(
        "db_create_task",
        json!({ "input": { "title": "Existing", "tags": ["home"], "projectIds": [project["id"]] } }),
    );
    let all = cases(&task, &project);
    let total = all.len();
    assert!(total >= 60, "the suite has {total} cases");

    let mut unchanged = 0;
    for Case { what, cmd, args, expect } in all {
        let before = dump();
        let reply = t.invoke(cmd, args.clone());
        drop_flat(args);
        match (&expect, reply) {
            (Invalid(field), Err(error)) => {
                assert_eq!(error["code"], "VALIDATION", "{what}: {error}");
                let expected_field = if field.is_empty() { Value::Null } else { json!(field) };
                assert_eq!(error["field"], expected_field, "{what}: {error}");
                assert!(error["message"].as_str().is_some_and(|m| !m.is_empty()), "{what}: {error}");
            }
            (NotFound, Err(error)) => assert_eq!(error["code"], "NOT_FOUND", "{what}: {error}"),
            (Conflict, Err(error)) => {
                assert_eq!(error["code"], "CONFLICT", "{what}: {error}");
                assert!(error["current"]["version"].is_number(), "{what}: the conflict carries the record");
            }
            (RoundTrip(key, text), Ok(reply)) => {
                assert_eq!(reply[key], json!(text), "{what}");
                let fetched = match cmd {
                    "db_create_task" => t.ok("db_get_task", json!({ "id": reply["id"] })),
                    _ => t.ok("db_get_project", json!({ "id": reply["id"] })),
                };
                assert_eq!(fetched[key], json!(text), "{what}: read back");
                continue;
            }
            (Answer(expected), Ok(reply)) => assert_eq!(&reply, expected, "{what}"),
            (_, reply) => panic!("{what}: unexpected {reply:?}"),
        }
        unchanged += 1;
        assert_eq!(dump(), before, "{what}: the rejected call changed the database");
    }
    assert!(unchanged >= 60, "{unchanged} calls checked to change nothing");
    println!("bad input: {total} cases, {unchanged} of them checked to leave the database unchanged");
    // The app still answers, with the data it had.
    assert_eq!(t.ok("db_get_task", json!({ "id": task["id"] })), task);
}
