//! The project operations against real SQLite.

mod common;

use common::{count_rows, memory_db, snapshot};
use entity::{Id, TaskStatus};
use serde_json::json;
use tasklane_lib::db::project_operations::{create_project, delete_project, get_project, get_projects, update_project};
use tasklane_lib::db::task_operations::{create_task, get_task};
use tasklane_lib::error::{CurrentRecord, ErrorCode};
use tasklane_lib::models::{NewProject, NewTask, ProjectPatch};

fn new_project(name: &str) -> NewProject {
    NewProject { name: name.into(), ..Default::default() }
}

fn patch(value: serde_json::Value) -> ProjectPatch {
    serde_json::from_value(value).unwrap()
}

#[tokio::test]
async fn created_project_is_trimmed_and_its_colour_lowercased() {
    let db = memory_db().await;
    let p = create_project(
        &db,
        NewProject {
            name: "  Work ".into(),
            description: Some("Office".into()),
            color: Some("#A0B1C2".into()),
            id: None,
        },
    )
    .await
    .unwrap();
    assert_eq!(p.name, "Work");
    assert_eq!(p.color.as_deref(), Some("#a0b1c2"));
    assert!(!p.archived);
    assert_eq!((p.task_count, p.open_task_count), (0, 0));
    let value = serde_json::to_value(&p).unwrap();
    assert_eq!(value["taskCount"], 0);
    assert_eq!(value["openTaskCount"], 0);
}

#[tokio::test]
async fn invalid_project_input_is_rejected_and_writes_nothing() {
    let db = memory_db().await;
    let before = snapshot(&db).await;
    for (input, field) in [
        (new_project(""), "name"),
        (new_project(&"n".repeat(201)), "name"),
        (NewProject { color: Some("blue".into()), ..new_project("ok") }, "color"),
        (NewProject { color: Some("#abcdeg".into()), ..new_project("ok") }, "color"),
    ] {
        let err = create_project(&db, input).await.unwrap_err();
        assert_eq!(err.code(), ErrorCode::Validation);
        assert_eq!(err.payload().field.as_deref(), Some(field));
    }
    assert_eq!(snapshot(&db).await, before);
}

#[tokio::test]
async fn project_list_is_ordered_and_counts_open_and_all_tasks() {
    let db = memory_db().await;
    let a = create_project(&db, new_project("A")).await.unwrap();
    let b = create_project(&db, new_project("B")).await.unwrap();
    let empty = create_project(&db, new_project("Empty")).await.unwrap();
    for (status, projects) in [
        (TaskStatus::Todo, vec![a.id]),
        (TaskStatus::Done, vec![a.id]),
        (TaskStatus::Blocked, vec![a.id, b.id]),
        (TaskStatus::Done, vec![b.id]),
    ] {
        create_task(
            &db,
            NewTask { title: "t".into(), status: Some(status), project_ids: Some(projects), ..Default::default() },
        )
        .await
        .unwrap();
    }

    let list = get_projects(&db).await.unwrap();
    let summary: Vec<(&str, i64, i64)> =
        list.iter().map(|p| (p.name.as_str(), p.task_count, p.open_task_count)).collect();
    assert_eq!(summary, [("A", 3, 2), ("B", 2, 1), ("Empty", 0, 0)]);
    assert_eq!(get_project(&db, a.id).await.unwrap(), list[0]);
    assert_eq!(get_project(&db, empty.id).await.unwrap().task_count, 0);
}

#[tokio::test]
async fn project_patch_renames_archives_and_clears_with_null() {
    let db = memory_db().await;
    let p = create_project(
        &db,
        NewProject { name: "Old".into(), description: Some("d".into()), color: Some("#112233".into()), id: None },
    )
    .await
    .unwrap();

    let renamed = update_project(&db, p.id, patch(json!({ "expectedVersion": 1, "name": "New", "archived": true })))
        .await
        .unwrap();
    assert_eq!(renamed.name, "New");
    assert!(renamed.archived);
    assert_eq!(renamed.color, p.color, "absent keys stay unchanged");

    let cleared = update_project(&db, p.id, patch(json!({ "expectedVersion": 2, "description": null, "color": null })))
        .await
        .unwrap();
    assert_eq!((cleared.description, cleared.color), (None, None));

    for (body, field) in [
        (json!({ "expectedVersion": 3, "name": null }), "name"),
        (json!({ "expectedVersion": 3, "color": "#12" }), "color"),
    ] {
        let err = update_project(&db, p.id, patch(body)).await.unwrap_err();
        assert_eq!((err.code(), err.payload().field.as_deref()), (ErrorCode::Validation, Some(field)));
    }
}

#[tokio::test]
async fn deleting_a_project_keeps_its_tasks_and_drops_only_the_links() {
    let db = memory_db().await;
    let doomed = create_project(&db, new_project("Doomed")).await.unwrap();
    let kept = create_project(&db, new_project("Kept")).await.unwrap();
    let task = create_task(
        &db,
        NewTask { title: "survivor".into(), project_ids: Some(vec![doomed.id, kept.id]), ..Default::default() },
    )
    .await
    .unwrap();

    delete_project(&db, doomed.id).await.unwrap();

    assert_eq!(get_task(&db, task.id).await.unwrap().project_ids, [kept.id]);
    assert_eq!(count_rows(&db, "task_projects").await, 1);
    assert_eq!(count_rows(&db, "projects").await, 1);
}

#[tokio::test]
async fn missing_project_is_not_found() {
    let db = memory_db().await;
    let ghost = Id::new();
    assert_eq!(get_project(&db, ghost).await.unwrap_err().code(), ErrorCode::NotFound);
    assert_eq!(delete_project(&db, ghost).await.unwrap_err().code(), ErrorCode::NotFound);
    let err = update_project(&db, ghost, patch(json!({ "expectedVersion": 1, "name": "x" }))).await.unwrap_err();
    assert_eq!(err.code(), ErrorCode::NotFound);
}

#[tokio::test]
async fn a_patch_made_from_an_old_version_is_a_conflict_carrying_the_current_project() {
    let db = memory_db().await;
    let p = create_project(&db, new_project("Shared")).await.unwrap();
    assert_eq!(p.version, 1);
    let first = update_project(&db, p.id, patch(json!({ "expectedVersion": 1, "name": "Mine" }))).await.unwrap();
    assert_eq!(first.version, 2);

    let err = update_project(&db, p.id, patch(json!({ "expectedVersion": 1, "name": "Theirs" }))).await.unwrap_err();
    let payload = err.payload();
    assert_eq!(payload.code, ErrorCode::Conflict);
    assert_eq!(payload.current, Some(CurrentRecord::Project(first.clone())), "the conflict carries the project now");
    assert_eq!(get_project(&db, p.id).await.unwrap(), first, "the stale patch changed nothing");
}

#[tokio::test]
async fn creating_a_project_twice_with_one_id_returns_it_and_other_content_is_a_conflict() {
    let db = memory_db().await;
    let id = Id::new();
    let input = NewProject { id: Some(id), name: "Garden".into(), color: Some("#00AA00".into()), ..Default::default() };
    let created = create_project(&db, input.clone()).await.unwrap();
    assert_eq!(created.id, id);
    assert_eq!(create_project(&db, input.clone()).await.unwrap(), created, "a retry returns the same project");
    assert_eq!(count_rows(&db, "projects").await, 1);

    let other = NewProject { name: "Orchard".into(), ..input };
    let err = create_project(&db, other).await.unwrap_err();
    assert_eq!((err.code(), err.payload().field.as_deref()), (ErrorCode::Conflict, Some("id")));
    assert_eq!(get_project(&db, id).await.unwrap(), created);
}
