//! The task operations against real SQLite (in memory unless a test needs a file).

mod common;

use std::sync::atomic::Ordering;

use common::{all_tasks, count_rows, count_statements, file_db, memory_db, snapshot};
use entity::{Id, TaskPriority, TaskStatus, Timestamp};
use sea_orm::{ConnectionTrait, DatabaseConnection};
use serde_json::json;
use tasklane_lib::db::project_operations::create_project;
use tasklane_lib::db::task_operations::{create_task, delete_task, get_task, get_tasks, update_task};
use tasklane_lib::error::{AppResult, CurrentRecord, ErrorCode};
use tasklane_lib::models::{NewProject, NewTask, PageRequest, TaskFilter, TaskPage, TaskPatch};

fn new_task(title: &str) -> NewTask {
    NewTask { title: title.into(), ..Default::default() }
}

fn patch(value: serde_json::Value) -> TaskPatch {
    serde_json::from_value(value).unwrap()
}

/// Applies a patch made from the task as it is now (its current version), as the edit panel does.
async fn edit(
    db: &sea_orm::DatabaseConnection,
    id: Id,
    mut body: serde_json::Value,
) -> Result<tasklane_lib::models::TaskDto, tasklane_lib::error::AppError> {
    let version = get_task(db, id).await.map(|task| task.version).unwrap_or(1);
    body["expectedVersion"] = json!(version);
    update_task(db, id, patch(body)).await
}

fn filter(value: serde_json::Value) -> TaskFilter {
    serde_json::from_value(value).unwrap()
}

async fn project(db: &sea_orm::DatabaseConnection, name: &str) -> Id {
    create_project(db, NewProject { name: name.into(), ..Default::default() }).await.unwrap().id
}

fn titles(tasks: &[tasklane_lib::models::TaskDto]) -> Vec<&str> {
    tasks.iter().map(|t| t.title.as_str()).collect()
}

#[tokio::test]
async fn created_task_has_defaults_and_serializes_camel_case() {
    let db = memory_db().await;
    let task = create_task(&db, new_task("  Write the report  ")).await.unwrap();

    assert_eq!(task.title, "Write the report");
    assert_eq!(task.status, TaskStatus::Todo);
    assert_eq!(task.priority, TaskPriority::None);
    assert_eq!(task.completed_at, None);
    let value = serde_json::to_value(&task).unwrap();
    let mut keys: Vec<&str> = value.as_object().unwrap().keys().map(String::as_str).collect();
    keys.sort_unstable();
    assert_eq!(
        keys,
        [
            "assignee",
            "completedAt",
            "createdAt",
            "createdBy",
            "description",
            "dueAt",
            "id",
            "position",
            "priority",
            "projectIds",
            "status",
            "tags",
            "title",
            "updatedAt",
            "version"
        ]
    );
    assert_eq!(value["status"], "todo");
    assert_eq!(value["id"].as_str().unwrap().len(), 36);
    assert!(value["createdAt"].as_str().unwrap().ends_with('Z'));
}

#[tokio::test]
async fn ids_are_stored_as_lowercase_uuid_text() {
    let db = memory_db().await;
    let task = create_task(&db, new_task("a")).await.unwrap();
    let type_of = match common::engine() {
        common::Engine::Sqlite => "typeof(id)",
        common::Engine::Postgres => "lower(pg_typeof(id)::text)",
    };
    let stored =
        common::scalar_text(&db, &format!("SELECT id || '|' || {type_of} || '|' || created_at FROM tasks")).await;
    assert_eq!(stored, format!("{}|text|{}", task.id, task.created_at));
    assert_eq!(task.id.to_string(), task.id.to_string().to_lowercase());
}

#[tokio::test]
async fn create_task_with_everything_links_tags_and_projects() {
    let db = memory_db().await;
    let work = project(&db, "Work").await;
    let home = project(&db, "Home").await;
    let due: Timestamp = "2026-12-01T09:00:00Z".parse().unwrap();
    let task = create_task(
        &db,
        NewTask {
            title: "Plan".into(),
            description: Some("Details".into()),
            status: Some(TaskStatus::InProgress),
            priority: Some(TaskPriority::High),
            tags: Some(vec!["q4".into(), "Planning".into()]),
            project_ids: Some(vec![work, home, work]),
            due_at: Some(due),
            id: None,
            assignee: Some(" Ana ".into()),
        },
    )
    .await
    .unwrap();

    assert_eq!(task.tags, ["Planning", "q4"]);
    let mut expected = vec![work, home];
    expected.sort();
    assert_eq!(task.project_ids, expected);
    assert_eq!(task.due_at, Some(due));
    assert_eq!(get_task(&db, task.id).await.unwrap(), task);
}

#[tokio::test]
async fn tags_are_deduplicated_ignoring_case_within_and_across_tasks() {
    let db = memory_db().await;
    let first = create_task(
        &db,
        NewTask { tags: Some(vec!["Urgent".into(), "urgent".into(), " URGENT ".into()]), ..new_task("a") },
    )
    .await
    .unwrap();
    assert_eq!(first.tags, ["Urgent"]);

    let second =
        create_task(&db, NewTask { tags: Some(vec!["uRgEnT".into(), "Ärger".into()]), ..new_task("b") }).await.unwrap();
    assert_eq!(second.tags, ["Urgent", "Ärger"], "an existing tag keeps its first spelling");
    assert_eq!(get_task(&db, second.id).await.unwrap(), second, "what create returns is what is stored");
    let third = create_task(&db, NewTask { tags: Some(vec!["ärger".into()]), ..new_task("c") }).await.unwrap();
    assert_eq!(third.tags, ["Ärger"]);
    assert_eq!(count_rows(&db, "tags").await, 2);
}

#[tokio::test]
async fn one_unknown_project_id_writes_nothing() {
    let db = memory_db().await;
    let real = project(&db, "Real").await;
    let before = snapshot(&db).await;
    let ghost = Id::new();

    let err = create_task(
        &db,
        NewTask { tags: Some(vec!["brand-new".into()]), project_ids: Some(vec![real, ghost]), ..new_task("x") },
    )
    .await
    .unwrap_err();

    assert_eq!(err.code(), ErrorCode::NotFound);
    assert_eq!(err.payload().field.as_deref(), Some("projectIds"));
    assert!(err.to_string().contains(&ghost.to_string()));
    assert_eq!(snapshot(&db).await, before);
}

#[tokio::test]
async fn invalid_input_is_rejected_with_its_field_and_writes_nothing() {
    let db = memory_db().await;
    let before = snapshot(&db).await;
    let cases = [
        (new_task("   "), "title"),
        (new_task(&"x".repeat(501)), "title"),
        (NewTask { description: Some("d".repeat(10_001)), ..new_task("ok") }, "description"),
        (NewTask { tags: Some(vec!["fine".into(), " ".into()]), ..new_task("ok") }, "tags"),
        (NewTask { tags: Some(vec!["t".repeat(51)]), ..new_task("ok") }, "tags"),
    ];
    for (input, field) in cases {
        let err = create_task(&db, input).await.unwrap_err();
        assert_eq!(err.code(), ErrorCode::Validation);
        assert_eq!(err.payload().field.as_deref(), Some(field));
    }
    assert_eq!(snapshot(&db).await, before);
}

#[tokio::test]
async fn title_of_exactly_500_characters_is_accepted() {
    let db = memory_db().await;
    let task = create_task(&db, new_task(&"ü".repeat(500))).await.unwrap();
    assert_eq!(task.title.chars().count(), 500);
}

#[tokio::test]
async fn completed_at_follows_the_done_status() {
    let db = memory_db().await;
    let born_done =
        create_task(&db, NewTask { status: Some(TaskStatus::Done), ..new_task("done already") }).await.unwrap();
    assert!(born_done.completed_at.is_some());

    let task = create_task(&db, new_task("t")).await.unwrap();
    let done = edit(&db, task.id, json!({ "status": "done" })).await.unwrap();
    let stamp = done.completed_at.expect("done sets completedAt");
    let still_done = edit(&db, task.id, json!({ "status": "done", "title": "t2" })).await.unwrap();
    assert_eq!(still_done.completed_at, Some(stamp), "staying done keeps the first stamp");
    let reopened = edit(&db, task.id, json!({ "status": "blocked" })).await.unwrap();
    assert_eq!(reopened.completed_at, None);
}

#[tokio::test]
async fn clearing_description_and_due_date_sets_null() {
    let db = memory_db().await;
    let task = create_task(
        &db,
        NewTask {
            description: Some("to be cleared".into()),
            due_at: Some("2026-12-24T18:00:00Z".parse().unwrap()),
            ..new_task("t")
        },
    )
    .await
    .unwrap();

    let cleared = edit(&db, task.id, json!({ "description": null, "dueAt": null })).await.unwrap();
    assert_eq!(cleared.description, None);
    assert_eq!(cleared.due_at, None);
    let stored =
        common::scalar_i64(&db, "SELECT COUNT(*) FROM tasks WHERE description IS NULL AND due_at IS NULL").await;
    assert_eq!(stored, 1);
}

#[tokio::test]
async fn absent_patch_fields_stay_unchanged() {
    let db = memory_db().await;
    let home = project(&db, "Home").await;
    let task = create_task(
        &db,
        NewTask {
            description: Some("keep".into()),
            priority: Some(TaskPriority::Urgent),
            tags: Some(vec!["keep".into()]),
            project_ids: Some(vec![home]),
            due_at: Some("2026-12-24T18:00:00Z".parse().unwrap()),
            ..new_task("t")
        },
    )
    .await
    .unwrap();

    let renamed = edit(&db, task.id, json!({ "title": "renamed" })).await.unwrap();
    assert_eq!(renamed.title, "renamed");
    assert_eq!(renamed.description, task.description);
    assert_eq!(renamed.priority, task.priority);
    assert_eq!(renamed.tags, task.tags);
    assert_eq!(renamed.project_ids, task.project_ids);
    assert_eq!(renamed.due_at, task.due_at);
    assert!(renamed.updated_at >= task.updated_at);
}

#[tokio::test]
async fn patch_replaces_tags_and_projects_and_null_empties_them() {
    let db = memory_db().await;
    let a = project(&db, "A").await;
    let b = project(&db, "B").await;
    let task = create_task(&db, NewTask { tags: Some(vec!["x".into()]), project_ids: Some(vec![a]), ..new_task("t") })
        .await
        .unwrap();

    let moved = edit(&db, task.id, json!({ "tags": ["y", "Y", "z"], "projectIds": [b] })).await.unwrap();
    assert_eq!(moved.tags, ["y", "z"]);
    assert_eq!(moved.project_ids, [b]);

    let bare = edit(&db, task.id, json!({ "tags": null, "projectIds": [] })).await.unwrap();
    assert!(bare.tags.is_empty());
    assert!(bare.project_ids.is_empty());
}

#[tokio::test]
async fn required_fields_cannot_be_cleared() {
    let db = memory_db().await;
    let task = create_task(&db, new_task("t")).await.unwrap();
    for (body, field) in [
        (json!({ "title": null }), "title"),
        (json!({ "title": "  " }), "title"),
        (json!({ "status": null }), "status"),
        (json!({ "priority": null }), "priority"),
        (json!({ "position": null }), "position"),
    ] {
        let err = edit(&db, task.id, body).await.unwrap_err();
        assert_eq!(err.code(), ErrorCode::Validation);
        assert_eq!(err.payload().field.as_deref(), Some(field));
    }
    assert_eq!(get_task(&db, task.id).await.unwrap(), task);
}

#[tokio::test]
async fn failed_update_changes_nothing() {
    let db = memory_db().await;
    let task = create_task(&db, NewTask { tags: Some(vec!["old".into()]), ..new_task("before") }).await.unwrap();
    let before = snapshot(&db).await;

    let err = edit(&db, task.id, json!({ "title": "after", "tags": ["new-tag"], "projectIds": [Id::new()] }))
        .await
        .unwrap_err();

    assert_eq!(err.code(), ErrorCode::NotFound);
    assert_eq!(get_task(&db, task.id).await.unwrap(), task);
    assert_eq!(snapshot(&db).await, before);
}

#[tokio::test]
async fn missing_task_is_not_found_for_get_update_and_delete() {
    let db = memory_db().await;
    let ghost = Id::new();
    assert_eq!(get_task(&db, ghost).await.unwrap_err().code(), ErrorCode::NotFound);
    assert_eq!(edit(&db, ghost, json!({ "title": "x" })).await.unwrap_err().code(), ErrorCode::NotFound);
    assert_eq!(delete_task(&db, ghost).await.unwrap_err().code(), ErrorCode::NotFound);
}

#[tokio::test]
async fn deleting_a_task_removes_its_links_but_keeps_tags_and_projects() {
    let db = memory_db().await;
    let p = project(&db, "P").await;
    let task = create_task(&db, NewTask { tags: Some(vec!["t".into()]), project_ids: Some(vec![p]), ..new_task("x") })
        .await
        .unwrap();

    delete_task(&db, task.id).await.unwrap();

    assert_eq!(count_rows(&db, "tasks").await, 0);
    assert_eq!(count_rows(&db, "task_tags").await, 0);
    assert_eq!(count_rows(&db, "task_projects").await, 0);
    assert_eq!(count_rows(&db, "tags").await, 1);
    assert_eq!(count_rows(&db, "projects").await, 1);
}

#[tokio::test]
async fn tasks_list_in_creation_order_and_position_reorders() {
    let db = memory_db().await;
    let a = create_task(&db, new_task("a")).await.unwrap();
    let b = create_task(&db, new_task("b")).await.unwrap();
    let c = create_task(&db, new_task("c")).await.unwrap();
    assert!(a.position < b.position && b.position < c.position);
    assert_eq!(titles(&all_tasks(&db, TaskFilter::default()).await.unwrap()), ["a", "b", "c"]);

    edit(&db, c.id, json!({ "position": a.position - 1 })).await.unwrap();
    assert_eq!(titles(&all_tasks(&db, TaskFilter::default()).await.unwrap()), ["c", "a", "b"]);
}

#[tokio::test]
async fn filter_by_several_projects_statuses_tags_and_text() {
    let db = memory_db().await;
    let work = project(&db, "Work").await;
    let home = project(&db, "Home").await;
    let garden = project(&db, "Garden").await;
    let make = |title: &str, projects: Vec<Id>, status: TaskStatus, tags: Vec<&str>| NewTask {
        project_ids: Some(projects),
        status: Some(status),
        tags: Some(tags.into_iter().map(String::from).collect()),
        ..new_task(title)
    };
    for input in [
        make("Report", vec![work], TaskStatus::Todo, vec!["Writing"]),
        make("Dishes", vec![home], TaskStatus::Done, vec![]),
        make("Roses", vec![garden], TaskStatus::Todo, vec!["outside"]),
        make("Budget 100% done", vec![work, home], TaskStatus::Blocked, vec!["money"]),
        make("Loose end", vec![], TaskStatus::Backlog, vec!["writing"]),
    ] {
        create_task(&db, input).await.unwrap();
    }
    let list = |value| {
        let db = &db;
        async move { titles(&all_tasks(db, filter(value)).await.unwrap()).into_iter().map(String::from).collect::<Vec<_>>() }
    };

    assert_eq!(list(json!({ "projectIds": [work, home] })).await, ["Report", "Budget 100% done"], "done left out");
    assert_eq!(
        list(json!({ "projectIds": [work, home], "includeDone": true })).await,
        ["Report", "Dishes", "Budget 100% done"]
    );
    assert_eq!(
        list(json!({ "projectIds": [], "includeDone": true })).await.len(),
        5,
        "an empty list does not constrain"
    );
    assert_eq!(list(json!({ "inbox": true })).await, ["Loose end"]);
    assert_eq!(list(json!({ "statuses": ["todo", "blocked"] })).await, ["Report", "Roses", "Budget 100% done"]);
    assert_eq!(list(json!({ "tags": ["WRITING"] })).await, ["Report", "Loose end"]);
    assert_eq!(list(json!({ "search": "ROSE" })).await, ["Roses"]);
    assert_eq!(list(json!({ "search": "100%" })).await, ["Budget 100% done"]);
    assert_eq!(list(json!({ "search": "0%d" })).await, Vec::<String>::new(), "% is not a wildcard");
    assert_eq!(list(json!({ "projectIds": [work], "statuses": ["todo"], "tags": ["writing"] })).await, ["Report"]);
    let budget = all_tasks(&db, filter(json!({ "search": "budget" }))).await.unwrap();
    assert_eq!(budget[0].project_ids.len(), 2, "a filtered task still shows all its projects");
}

#[tokio::test]
async fn search_matches_the_description_too() {
    let db = memory_db().await;
    create_task(&db, NewTask { description: Some("call the plumber".into()), ..new_task("Kitchen") }).await.unwrap();
    create_task(&db, new_task("Other")).await.unwrap();
    assert_eq!(titles(&all_tasks(&db, filter(json!({ "search": "Plumber" }))).await.unwrap()), ["Kitchen"]);
}

#[tokio::test]
async fn get_tasks_runs_a_constant_number_of_queries() {
    let mut db = memory_db().await;
    let projects = [project(&db, "A").await, project(&db, "B").await];
    let mut statements_per_size = Vec::new();
    for (size, total) in [(3, 3), (60, 63)] {
        for i in 0..size {
            let input = NewTask {
                tags: Some(vec![format!("tag{}", i % 7), "shared".into()]),
                project_ids: Some(vec![projects[i % 2]]),
                ..new_task(&format!("task {i}"))
            };
            create_task(&db, input).await.unwrap();
        }
        let counter = count_statements(&mut db);
        let tasks = all_tasks(&db, TaskFilter::default()).await.unwrap();
        assert_eq!(tasks.len(), total);
        assert!(tasks.iter().all(|t| t.tags.len() == 2 && t.project_ids.len() == 1));
        statements_per_size.push(counter.load(Ordering::SeqCst));
    }
    assert_eq!(statements_per_size, [2, 2], "a count and one page query, links folded in, whatever the count");
}

#[tokio::test]
async fn concurrent_writers_on_a_file_database_all_succeed() {
    let (_dir, db) = file_db().await;
    let p = project(&db, "P").await;
    let mut handles = Vec::new();
    for i in 0..24 {
        let db = db.clone();
        handles.push(tokio::spawn(async move {
            let input = NewTask {
                tags: Some(vec![format!("t{}", i % 3)]),
                project_ids: Some(vec![p]),
                ..new_task(&format!("{i}"))
            };
            create_task(&db, input).await
        }));
    }
    for handle in handles {
        handle.await.unwrap().unwrap();
    }
    assert_eq!(count_rows(&db, "tasks").await, 24);
    assert_eq!(count_rows(&db, "tags").await, 3);
    let positions = common::scalar_i64(&db, "SELECT COUNT(DISTINCT position) FROM tasks").await;
    assert_eq!(positions, 24, "each writer saw the previous one's position");
}

#[tokio::test]
async fn every_change_raises_the_version_and_a_stale_patch_is_a_conflict_with_the_current_task() {
    let db = memory_db().await;
    let task = create_task(&db, new_task("shared")).await.unwrap();
    assert_eq!(task.version, 1);
    let mine = update_task(&db, task.id, patch(json!({ "expectedVersion": 1, "title": "mine", "tags": ["a"] })))
        .await
        .unwrap();
    assert_eq!(mine.version, 2);

    let before = snapshot(&db).await;
    let err = update_task(&db, task.id, patch(json!({ "expectedVersion": 1, "title": "theirs", "tags": ["b"] })))
        .await
        .unwrap_err();
    let payload = err.payload();
    assert_eq!(payload.code, ErrorCode::Conflict);
    assert_eq!(payload.current, Some(CurrentRecord::Task(mine.clone())), "the conflict carries the task now");
    assert!(payload.message.contains("another window"), "{}", payload.message);
    assert_eq!(get_task(&db, task.id).await.unwrap(), mine, "the stale patch changed nothing");
    assert_eq!(snapshot(&db).await, before);

    let ahead = update_task(&db, task.id, patch(json!({ "expectedVersion": 3, "title": "x" }))).await.unwrap_err();
    assert_eq!(ahead.code(), ErrorCode::Conflict, "a version from the future is not the current one either");
}

#[tokio::test]
async fn a_retried_create_with_the_same_id_returns_the_task_instead_of_a_duplicate() {
    let db = memory_db().await;
    let p = project(&db, "Errands").await;
    let id = Id::new();
    let input = NewTask {
        id: Some(id),
        tags: Some(vec!["Shop".into(), "home".into()]),
        project_ids: Some(vec![p]),
        due_at: Some("2026-12-24T00:00:00Z".parse().unwrap()),
        ..new_task("Buy milk")
    };
    let created = create_task(&db, input.clone()).await.unwrap();
    assert_eq!(created.id, id);

    let retried =
        create_task(&db, NewTask { tags: Some(vec!["HOME".into(), "shop".into()]), ..input.clone() }).await.unwrap();
    assert_eq!(retried, created, "the same content (tags in another order and case) is the same task");
    assert_eq!(count_rows(&db, "tasks").await, 1);
    assert_eq!(count_rows(&db, "task_tags").await, 2);

    let before = snapshot(&db).await;
    for other in [
        NewTask { title: "Buy oat milk".into(), ..input.clone() },
        NewTask { tags: Some(vec!["Shop".into()]), ..input.clone() },
        NewTask { project_ids: None, ..input.clone() },
        NewTask { status: Some(TaskStatus::Done), ..input.clone() },
    ] {
        let err = create_task(&db, other.clone()).await.unwrap_err();
        assert_eq!((err.code(), err.payload().field.as_deref()), (ErrorCode::Conflict, Some("id")), "{other:?}");
    }
    assert_eq!(snapshot(&db).await, before, "a clashing create writes nothing, new tags included");
}

#[tokio::test]
async fn the_largest_allowed_position_still_leaves_room_for_new_tasks() {
    let db = memory_db().await;
    let task = create_task(&db, new_task("last")).await.unwrap();
    let limit = (1_i64 << 53) - 1;
    let err = edit(&db, task.id, json!({ "position": limit + 1 })).await.unwrap_err();
    assert_eq!((err.code(), err.payload().field.as_deref()), (ErrorCode::Validation, Some("position")));
    assert_eq!(edit(&db, task.id, json!({ "position": limit })).await.unwrap().position, limit);
    let after = create_task(&db, new_task("after")).await.unwrap();
    assert_eq!(after.position, limit, "a new task stays within the limit (MAX + GAP is capped)");
}

#[tokio::test]
async fn done_tasks_stay_in_the_database_unless_asked_for() {
    let db = memory_db().await;
    create_task(&db, new_task("open")).await.unwrap();
    create_task(&db, NewTask { status: Some(TaskStatus::Done), ..new_task("finished") }).await.unwrap();
    assert_eq!(titles(&all_tasks(&db, filter(json!({}))).await.unwrap()), ["open"]);
    assert_eq!(titles(&all_tasks(&db, filter(json!({ "includeDone": true }))).await.unwrap()), ["open", "finished"]);
    assert_eq!(titles(&all_tasks(&db, filter(json!({ "statuses": ["done"] }))).await.unwrap()), ["finished"]);
}

#[tokio::test]
async fn sorting_by_due_date_puts_undated_tasks_last_in_both_directions() {
    let db = memory_db().await;
    for (title, due) in
        [("undated", None), ("later", Some("2026-12-24T00:00:00Z")), ("sooner", Some("2026-12-01T00:00:00Z"))]
    {
        create_task(&db, NewTask { due_at: due.map(|d| d.parse().unwrap()), ..new_task(title) }).await.unwrap();
    }
    let sorted = |descending: bool| {
        let db = db.clone();
        async move {
            titles(&all_tasks(&db, filter(json!({ "sort": "due", "descending": descending }))).await.unwrap()).join(" ")
        }
    };
    assert_eq!(sorted(false).await, "sooner later undated");
    assert_eq!(sorted(true).await, "later sooner undated");
    let december = filter(json!({ "dueAfter": "2026-12-01T00:00:00Z", "dueBefore": "2026-12-24T00:00:00Z" }));
    assert_eq!(titles(&all_tasks(&db, december).await.unwrap()), ["sooner"], "after is inclusive, before is not");
}

#[tokio::test]
async fn sorting_by_priority_and_title() {
    let db = memory_db().await;
    for (title, priority) in
        [("beta", TaskPriority::Low), ("Alpha", TaskPriority::Urgent), ("gamma", TaskPriority::None)]
    {
        create_task(&db, NewTask { priority: Some(priority), ..new_task(title) }).await.unwrap();
    }
    let order = |value| {
        let db = db.clone();
        async move { titles(&all_tasks(&db, filter(value)).await.unwrap()).join(" ") }
    };
    assert_eq!(order(json!({ "sort": "priority", "descending": true })).await, "Alpha beta gamma");
    assert_eq!(order(json!({ "sort": "title" })).await, "Alpha beta gamma", "ignoring ASCII case");
    assert_eq!(order(json!({ "sort": "title", "descending": true })).await, "gamma beta Alpha");
    assert_eq!(order(json!({})).await, "beta Alpha gamma", "manual order by default");
}

// --- pages ------------------------------------------------------------------------------------

async fn page(
    db: &DatabaseConnection,
    value: serde_json::Value,
    limit: u32,
    after: Option<String>,
) -> AppResult<TaskPage> {
    get_tasks(db, filter(value), PageRequest { limit: Some(limit), after }).await
}

#[tokio::test]
async fn pages_walk_the_list_once_and_say_the_total_on_each() {
    let db = memory_db().await;
    for i in 0..7 {
        create_task(&db, new_task(&format!("t{i}"))).await.unwrap();
    }
    let first = page(&db, json!({}), 3, None).await.unwrap();
    assert_eq!((titles(&first.tasks), first.total), (vec!["t0", "t1", "t2"], 7));
    let second = page(&db, json!({}), 3, first.next.clone()).await.unwrap();
    assert_eq!((titles(&second.tasks), second.total), (vec!["t3", "t4", "t5"], 7));
    let last = page(&db, json!({}), 3, second.next).await.unwrap();
    assert_eq!((titles(&last.tasks), last.next, last.total), (vec!["t6"], None, 7));
    let exact = page(&db, json!({}), 7, None).await.unwrap();
    assert_eq!((exact.tasks.len(), exact.next), (7, None), "no cursor when nothing follows");
    let default = get_tasks(&db, TaskFilter::default(), PageRequest::default()).await.unwrap();
    assert_eq!(default.tasks.len(), 7, "200 a page by default");
}

#[tokio::test]
async fn a_page_continues_after_its_cursor_whatever_changed_in_between() {
    let db = memory_db().await;
    let mut ids = Vec::new();
    for i in 0..6 {
        ids.push(create_task(&db, new_task(&format!("t{i}"))).await.unwrap().id);
    }
    let first = page(&db, json!({}), 3, None).await.unwrap();
    delete_task(&db, ids[2]).await.unwrap(); // the row the cursor points after
    delete_task(&db, ids[3]).await.unwrap();
    create_task(&db, new_task("t6")).await.unwrap();
    let rest = page(&db, json!({}), 10, first.next).await.unwrap();
    assert_eq!(titles(&rest.tasks), ["t4", "t5", "t6"]);
    assert_eq!(rest.total, 5);
}

#[tokio::test]
async fn a_bad_page_is_refused_on_its_field() {
    let db = memory_db().await;
    for i in 0..3 {
        create_task(&db, new_task(&format!("t{i}"))).await.unwrap();
    }
    let cursor = page(&db, json!({ "sort": "title" }), 1, None).await.unwrap().next;
    assert!(cursor.is_some());
    let field = |result: AppResult<TaskPage>| result.unwrap_err().payload().field;
    assert_eq!(field(page(&db, json!({}), 1, cursor.clone()).await).as_deref(), Some("page.after"), "another sort");
    assert_eq!(
        field(page(&db, json!({ "sort": "title", "descending": true }), 1, cursor).await).as_deref(),
        Some("page.after"),
        "another direction"
    );
    assert_eq!(field(page(&db, json!({}), 1, Some("garbage".into())).await).as_deref(), Some("page.after"));
    assert_eq!(field(page(&db, json!({}), 0, None).await).as_deref(), Some("page.limit"));
    assert_eq!(field(page(&db, json!({}), 501, None).await).as_deref(), Some("page.limit"));
}

// --- search -----------------------------------------------------------------------------------

async fn search(db: &DatabaseConnection, text: &str) -> Vec<String> {
    let found = all_tasks(db, filter(json!({ "search": text, "includeDone": true }))).await.unwrap();
    titles(&found).into_iter().map(String::from).collect()
}

#[tokio::test]
async fn search_ignores_case_and_accents_and_matches_word_prefixes() {
    let db = memory_db().await;
    create_task(&db, new_task("Über den Fluss")).await.unwrap();
    create_task(&db, NewTask { description: Some("un café au lait".into()), ..new_task("Breakfast") }).await.unwrap();
    create_task(&db, new_task("Buy kumquats")).await.unwrap();
    create_task(&db, new_task("Straße fegen")).await.unwrap();
    create_task(&db, NewTask { tags: Some(vec!["Éléphant".into()]), ..new_task("Zoo") }).await.unwrap();
    create_task(&db, new_task("Réunion trimestrielle")).await.unwrap();

    assert_eq!(search(&db, "uber").await, ["Über den Fluss"]);
    assert_eq!(search(&db, "ÜBER").await, ["Über den Fluss"]);
    assert_eq!(search(&db, "CAFÉ").await, ["Breakfast"], "in the description");
    assert_eq!(search(&db, "cafe").await, ["Breakfast"]);
    assert_eq!(search(&db, "kum").await, ["Buy kumquats"], "a prefix while typing");
    assert_eq!(search(&db, "quats").await, Vec::<String>::new(), "not the middle of a word");
    assert_eq!(search(&db, "elephant").await, ["Zoo"], "tag names are searched");
    assert_eq!(search(&db, "REUNION trim").await, ["Réunion trimestrielle"], "every word must match");
    assert_eq!(search(&db, "reunion zoo").await, Vec::<String>::new());
    assert_eq!(search(&db, "straße").await, ["Straße fegen"]);
    assert_eq!(search(&db, "strasse").await, Vec::<String>::new(), "ß is not folded to ss (documented)");
    assert_eq!(search(&db, "stra").await, ["Straße fegen"]);
}

/// Text that means something in FTS5's query language is searched for as the words it contains,
/// never parsed as syntax: no error, and the same hits as the words alone. Text with no word at
/// all is looked for literally in titles and descriptions.
#[tokio::test]
async fn query_syntax_in_the_search_text_is_searched_literally() {
    let db = memory_db().await;
    create_task(&db, new_task("near the river")).await.unwrap();
    create_task(&db, new_task("title: and or not")).await.unwrap();
    create_task(&db, new_task("say \"hello\" (twice)")).await.unwrap();
    create_task(&db, new_task("a*b^c")).await.unwrap();
    let cases: &[(&str, &[&str])] = &[
        ("\"", &["say \"hello\" (twice)"]),
        ("\"\"", &[]),
        ("\"hello", &["say \"hello\" (twice)"]),
        ("hello\"", &["say \"hello\" (twice)"]),
        ("\"hello\"", &["say \"hello\" (twice)"]),
        ("(twice", &["say \"hello\" (twice)"]),
        ("twice)", &["say \"hello\" (twice)"]),
        ("((", &[]),
        (")", &["say \"hello\" (twice)"]),
        ("AND", &["title: and or not"]),
        ("OR", &["title: and or not"]),
        ("NOT", &["title: and or not"]),
        ("near AND river", &[]),
        ("NEAR(", &["near the river"]),
        ("NEAR(near river)", &[]),
        ("NEAR(river", &[]),
        ("title:", &["title: and or not"]),
        ("title:and", &["title: and or not"]),
        ("description:river", &[]),
        ("*", &["a*b^c"]),
        ("riv*", &["near the river"]),
        ("*river", &["near the river"]),
        ("^near", &["near the river"]),
        ("a*b", &["a*b^c"]),
        ("b^c", &["a*b^c"]),
        ("-river", &["near the river"]),
        ("+", &[]),
        ("{title}: near", &[]),
        ("[near]", &["near the river"]),
        ("near OR hello", &[]),
        ("'", &[]),
        ("\\", &[]),
        ("%", &[]),
        ("_", &[]),
    ];
    for (text, want) in cases {
        assert_eq!(search(&db, text).await, *want, "search {text:?}");
    }
}

#[tokio::test]
async fn the_search_index_follows_every_write() {
    let db = memory_db().await;
    let task = create_task(&db, NewTask { tags: Some(vec!["alpha".into()]), ..new_task("first words") }).await.unwrap();
    assert_eq!(search(&db, "first").await, ["first words"]);
    assert_eq!(search(&db, "alpha").await, ["first words"]);

    let patch = json!({ "expectedVersion": 1, "title": "second words", "description": "deep note", "tags": ["beta"] });
    let task = update_task(&db, task.id, serde_json::from_value(patch).unwrap()).await.unwrap();
    assert_eq!(search(&db, "first").await, Vec::<String>::new(), "the old title is gone from the index");
    assert_eq!(search(&db, "alpha").await, Vec::<String>::new(), "so is the old tag");
    assert_eq!(search(&db, "second deep beta").await, ["second words"]);

    db.execute_unprepared("UPDATE tags SET name = 'Gamma', name_key = 'gamma' WHERE name_key = 'beta'").await.unwrap();
    assert_eq!(search(&db, "gamma").await, ["second words"], "a renamed tag is searched by its new name");
    assert_eq!(search(&db, "beta").await, Vec::<String>::new());

    delete_task(&db, task.id).await.unwrap();
    assert_eq!(search(&db, "second").await, Vec::<String>::new());
    // The index's rows of deleted tasks: SQLite keys its FTS5 rows in task_search_rows,
    // PostgreSQL keeps one task_search row per task.
    let index_rows = match common::engine() {
        common::Engine::Sqlite => "task_search_rows",
        common::Engine::Postgres => "task_search",
    };
    assert_eq!(count_rows(&db, index_rows).await, 0, "no key is left behind");
}

#[tokio::test]
async fn sqlite_only_the_search_index_survives_vacuum() {
    let (_dir, db) = file_db().await;
    let mut ids = Vec::new();
    for i in 0..50 {
        ids.push(create_task(&db, new_task(&format!("word{i} common"))).await.unwrap().id);
    }
    for id in ids.iter().step_by(2) {
        delete_task(&db, *id).await.unwrap();
    }
    db.execute_unprepared("VACUUM").await.unwrap();
    assert_eq!(search(&db, "word7").await, ["word7 common"]);
    assert_eq!(search(&db, "common").await.len(), 25);
    let task = create_task(&db, new_task("fresh after vacuum")).await.unwrap();
    delete_task(&db, ids[1]).await.unwrap();
    assert_eq!(search(&db, "word1").await.len(), 5, "word11, word13, ..., word19, and not the deleted word1");
    assert_eq!(search(&db, "fresh").await, ["fresh after vacuum"]);
    assert_eq!(get_task(&db, task.id).await.unwrap().title, "fresh after vacuum");
}

/// Who did what: the creator is recorded (the connecting role on a server, the OS user on a file),
/// an assignee keeps the first spelling in use, filters ignore case, and bad names are refused.
#[tokio::test]
async fn tasks_record_their_creator_and_an_assignee_that_filters_ignore_case_of() {
    let db = memory_db().await;
    let assigned = |title: &str, name: Option<&str>| NewTask { assignee: name.map(str::to_owned), ..new_task(title) };
    let first = create_task(&db, assigned("first", Some("  Zoë "))).await.unwrap();
    assert_eq!(first.assignee.as_deref(), Some("Zoë"));
    let creator = first.created_by.clone().expect("the creator is known");
    let expected = match common::engine() {
        common::Engine::Sqlite => whoami::username(),
        common::Engine::Postgres => common::scalar_text(&db, "SELECT current_user::text").await,
    };
    assert_eq!(creator, expected);

    let second = create_task(&db, assigned("second", Some("ZOË"))).await.unwrap();
    assert_eq!(second.assignee.as_deref(), Some("Zoë"), "a name in use keeps its first spelling");
    let other = create_task(&db, assigned("other", Some("Ravi"))).await.unwrap();
    create_task(&db, assigned("nobody's", None)).await.unwrap();

    let listed = |name: &str| {
        let filter = TaskFilter { assignee: Some(name.into()), ..TaskFilter::default() };
        let db = db.clone();
        async move {
            let page = get_tasks(&db, filter, PageRequest::default()).await.unwrap();
            (page.total, page.tasks.into_iter().map(|task| task.title).collect::<Vec<_>>())
        }
    };
    assert_eq!(listed("zoë").await, (2, vec!["first".to_owned(), "second".to_owned()]));
    assert_eq!(listed(" RAVI ").await, (1, vec!["other".to_owned()]));
    assert_eq!(listed("nobody").await, (0, vec![]));

    // Reassign in one statement (no tags or projects in the patch), then with tags, then clear.
    let patch = |version: i64, body: serde_json::Value| {
        let mut body = body;
        body["expectedVersion"] = version.into();
        serde_json::from_value::<TaskPatch>(body).unwrap()
    };
    let moved = update_task(&db, other.id, patch(1, json!({ "assignee": "zoë" }))).await.unwrap();
    assert_eq!(moved.assignee.as_deref(), Some("Zoë"));
    let moved = update_task(&db, other.id, patch(2, json!({ "assignee": "Kai", "tags": ["x"] }))).await.unwrap();
    assert_eq!((moved.assignee.as_deref(), moved.tags.clone()), (Some("Kai"), vec!["x".to_owned()]));
    let cleared = update_task(&db, other.id, patch(3, json!({ "assignee": null }))).await.unwrap();
    assert_eq!(cleared.assignee, None);
    assert_eq!(cleared.created_by, Some(creator), "an edit keeps the creator");

    let before = snapshot(&db).await;
    for bad in [json!(""), json!("   "), json!("x".repeat(51)), json!("bell\u{7}")] {
        let err = update_task(&db, first.id, patch(1, json!({ "assignee": bad.clone() }))).await.unwrap_err();
        assert_eq!((err.code(), err.payload().field.as_deref()), (ErrorCode::Validation, Some("assignee")), "{bad}");
        let err = create_task(&db, assigned("bad", bad.as_str())).await.unwrap_err();
        assert_eq!(err.payload().field.as_deref(), Some("assignee"), "{bad}");
    }
    assert_eq!(snapshot(&db).await, before);
}
