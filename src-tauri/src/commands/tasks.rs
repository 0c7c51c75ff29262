use entity::Id;
use sea_orm::DatabaseConnection;
use serde::Deserialize;
use tauri::{AppHandle, Runtime, State};

use super::Args;
use crate::db::{order_operations, task_operations};
use crate::error::AppError;
use crate::events::{Topic, announce};
use crate::models::{ChangeKind, MoveTo, NewTask, PageRequest, TaskDto, TaskFilter, TaskPage, TaskPatch};

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CreateTask {
    input: NewTask,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct GetTasks {
    #[serde(default)]
    filter: Option<TaskFilter>,
    #[serde(default)]
    page: Option<PageRequest>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TaskId {
    id: Id,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct UpdateTask {
    id: Id,
    patch: TaskPatch,
}

#[tauri::command]
pub async fn db_create_task<R: Runtime>(
    app: AppHandle<R>,
    db: State<'_, DatabaseConnection>,
    args: Args<CreateTask>,
) -> Result<TaskDto, AppError> {
    let task = task_operations::create_task(db.inner(), args.0.input).await?;
    announce(&app, Topic::Tasks, ChangeKind::Created, vec![task.id]);
    Ok(task)
}

#[tauri::command]
pub async fn db_get_tasks(db: State<'_, DatabaseConnection>, args: Args<GetTasks>) -> Result<TaskPage, AppError> {
    let GetTasks { filter, page } = args.0;
    task_operations::get_tasks(db.inner(), filter.unwrap_or_default(), page.unwrap_or_default()).await
}

#[tauri::command]
pub async fn db_get_task(db: State<'_, DatabaseConnection>, args: Args<TaskId>) -> Result<TaskDto, AppError> {
    task_operations::get_task(db.inner(), args.0.id).await
}

#[tauri::command]
pub async fn db_update_task<R: Runtime>(
    app: AppHandle<R>,
    db: State<'_, DatabaseConnection>,
    args: Args<UpdateTask>,
) -> Result<TaskDto, AppError> {
    let UpdateTask { id, patch } = args.0;
    let task = task_operations::update_task(db.inner(), id, patch).await?;
    announce(&app, Topic::Tasks, ChangeKind::Updated, vec![id]);
    Ok(task)
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct MoveTask {
    id: Id,
    to: MoveTo,
}

/// Moves a task in the manual order and, optionally, to another status (docs/ARCHITECTURE.md).
#[tauri::command]
pub async fn db_move_task<R: Runtime>(
    app: AppHandle<R>,
    db: State<'_, DatabaseConnection>,
    args: Args<MoveTask>,
) -> Result<TaskDto, AppError> {
    let MoveTask { id, to } = args.0;
    let moved = order_operations::move_task(db.inner(), id, to).await?;
    let mut ids = vec![id];
    ids.extend(moved.shifted);
    announce(&app, Topic::Tasks, ChangeKind::Updated, ids);
    Ok(moved.task)
}

#[tauri::command]
pub async fn db_delete_task<R: Runtime>(
    app: AppHandle<R>,
    db: State<'_, DatabaseConnection>,
    args: Args<TaskId>,
) -> Result<(), AppError> {
    let id = args.0.id;
    task_operations::delete_task(db.inner(), id).await?;
    announce(&app, Topic::Tasks, ChangeKind::Deleted, vec![id]);
    Ok(())
}
