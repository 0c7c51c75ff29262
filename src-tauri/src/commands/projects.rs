use entity::Id;
use sea_orm::DatabaseConnection;
use tauri::{AppHandle, Runtime, State};

use crate::db::project_operations;
use crate::error::AppError;
use crate::events::{Topic, announce};
use crate::models::{ChangeKind, NewProject, ProjectDto, ProjectPatch};

#[tauri::command]
pub async fn db_create_project<R: Runtime>(
    app: AppHandle<R>,
    db: State<'_, DatabaseConnection>,
    input: NewProject,
) -> Result<ProjectDto, AppError> {
    let project = project_operations::create_project(db.inner(), input).await?;
    announce(&app, Topic::Projects, ChangeKind::Created, vec![project.id]);
    Ok(project)
}

#[tauri::command]
pub async fn db_get_projects(db: State<'_, DatabaseConnection>) -> Result<Vec<ProjectDto>, AppError> {
    project_operations::get_projects(db.inner()).await
}

#[tauri::command]
pub async fn db_get_project(db: State<'_, DatabaseConnection>, id: Id) -> Result<ProjectDto, AppError> {
    project_operations::get_project(db.inner(), id).await
}

#[tauri::command]
pub async fn db_update_project<R: Runtime>(
    app: AppHandle<R>,
    db: State<'_, DatabaseConnection>,
    id: Id,
    patch: ProjectPatch,
) -> Result<ProjectDto, AppError> {
    let project = project_operations::update_project(db.inner(), id, patch).await?;
    announce(&app, Topic::Projects, ChangeKind::Updated, vec![id]);
    Ok(project)
}

/// The project's tasks stay; the `projects:changed` event tells windows to refresh both lists.
#[tauri::command]
pub async fn db_delete_project<R: Runtime>(
    app: AppHandle<R>,
    db: State<'_, DatabaseConnection>,
    id: Id,
) -> Result<(), AppError> {
    project_operations::delete_project(db.inner(), id).await?;
    announce(&app, Topic::Projects, ChangeKind::Deleted, vec![id]);
    Ok(())
}
