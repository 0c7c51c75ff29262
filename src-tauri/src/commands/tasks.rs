use entity::Id;
use sea_orm::DatabaseConnection;
use tauri::{AppHandle, Runtime, State};

use crate::db::task_operations;
use crate::error::AppError;
use crate::events::{Topic, announce};
use crate::models::{ChangeKind, NewTask, TaskDto, TaskFilter, TaskPatch};

#[tauri::command]
pub async fn db_create_task<R: Runtime>(
    app: AppHandle<R>,
    db: State<'_, DatabaseConnection>,
    input: NewTask,
) -> Result<TaskDto, AppError> {
    let task = task_operations::create_task(db.inner(), input).await?;
    announce(&app, Topic::Tasks, ChangeKind::Created, vec![task.id]);
    Ok(task)
}

#[tauri::command]
pub async fn db_get_tasks(
    db: State<'_, DatabaseConnection>,
    filter: Option<TaskFilter>,
) -> Result<Vec<TaskDto>, AppError> {
    task_operations::get_tasks(db.inner(), filter.unwrap_or_default()).await
}

#[tauri::command]
pub async fn db_get_task(db: State<'_, DatabaseConnection>, id: Id) -> Result<TaskDto, AppError> {
    task_operations::get_task(db.inner(), id).await
}

#[tauri::command]
pub async fn db_update_task<R: Runtime>(
    app: AppHandle<R>,
    db: State<'_, DatabaseConnection>,
    id: Id,
    patch: TaskPatch,
) -> Result<TaskDto, AppError> {
    let task = task_operations::update_task(db.inner(), id, patch).await?;
    announce(&app, Topic::Tasks, ChangeKind::Updated, vec![id]);
    Ok(task)
}

#[tauri::command]
pub async fn db_delete_task<R: Runtime>(
    app: AppHandle<R>,
    db: State<'_, DatabaseConnection>,
    id: Id,
) -> Result<(), AppError> {
    task_operations::delete_task(db.inner(), id).await?;
    announce(&app, Topic::Tasks, ChangeKind::Deleted, vec![id]);
    Ok(())
}
