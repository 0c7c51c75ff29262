use entity::Id;
use sea_orm::DatabaseConnection;
use serde::Deserialize;
use tauri::{AppHandle, Runtime, State};

use super::{Args, NoArgs};
use crate::db::project_operations;
use crate::error::AppError;
use crate::events::{Topic, announce};
use crate::models::{ChangeKind, NewProject, ProjectDto, ProjectPatch};

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CreateProject {
    input: NewProject,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ProjectId {
    id: Id,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct UpdateProject {
    id: Id,
    patch: ProjectPatch,
}

#[tauri::command]
pub async fn db_create_project<R: Runtime>(
    app: AppHandle<R>,
    db: State<'_, DatabaseConnection>,
    args: Args<CreateProject>,
) -> Result<ProjectDto, AppError> {
    let project = project_operations::create_project(db.inner(), args.0.input).await?;
    announce(&app, Topic::Projects, ChangeKind::Created, vec![project.id]);
    Ok(project)
}

#[tauri::command]
pub async fn db_get_projects(
    db: State<'_, DatabaseConnection>,
    _args: Args<NoArgs>,
) -> Result<Vec<ProjectDto>, AppError> {
    project_operations::get_projects(db.inner()).await
}

#[tauri::command]
pub async fn db_get_project(db: State<'_, DatabaseConnection>, args: Args<ProjectId>) -> Result<ProjectDto, AppError> {
    project_operations::get_project(db.inner(), args.0.id).await
}

#[tauri::command]
pub async fn db_update_project<R: Runtime>(
    app: AppHandle<R>,
    db: State<'_, DatabaseConnection>,
    args: Args<UpdateProject>,
) -> Result<ProjectDto, AppError> {
    let UpdateProject { id, patch } = args.0;
    let project = project_operations::update_project(db.inner(), id, patch).await?;
    announce(&app, Topic::Projects, ChangeKind::Updated, vec![id]);
    Ok(project)
}

/// The project's tasks stay; the `projects:changed` event tells windows to refresh both lists.
#[tauri::command]
pub async fn db_delete_project<R: Runtime>(
    app: AppHandle<R>,
    db: State<'_, DatabaseConnection>,
    args: Args<ProjectId>,
) -> Result<(), AppError> {
    let id = args.0.id;
    project_operations::delete_project(db.inner(), id).await?;
    announce(&app, Topic::Projects, ChangeKind::Deleted, vec![id]);
    Ok(())
}
