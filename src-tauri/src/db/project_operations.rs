//! Projects: create, list with task counts, read, change, delete.

use std::collections::HashSet;

use entity::{Id, Timestamp, project};
use sea_orm::sea_query::{Alias, Expr, OnConflict};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, EntityTrait, FromQueryResult,
    QueryFilter, QueryOrder, QuerySelect, TransactionSession, TransactionTrait,
};

use super::validate::{self, PROJECT_NAME_MAX};
use super::{begin_write, delete_by_id};
use crate::error::{AppError, AppResult};
use crate::models::{NewProject, ProjectDto, ProjectPatch};

/// Creates a project at the end of the list.
///
/// Idempotent when the caller chooses the id, like [`create_task`](super::task_operations::create_task):
/// the same id with the same name, description and colour returns the existing project.
///
/// Errors: `VALIDATION` (name, description, color), `CONFLICT` (field `id`: another project has it).
pub async fn create_project<C>(db: &C, input: NewProject) -> AppResult<ProjectDto>
where
    C: ConnectionTrait + TransactionTrait,
{
    let name = validate::required_text("name", "Name", &input.name, PROJECT_NAME_MAX)?;
    let description = validate::description(input.description)?;
    let color = validate::color(input.color)?;
    let now = Timestamp::now();
    let id = input.id.unwrap_or_default(); // `Id::default()` is a new random id

    let txn = begin_write(db).await?;
    let max: Option<i64> = project::Entity::find()
        .select_only()
        .column_as(project::Column::Position.max(), "max_position")
        .into_tuple()
        .one(&txn)
        .await?
        .flatten();
    let inserted = project::Entity::insert(project::ActiveModel {
        id: Set(id),
        name: Set(name.clone()),
        description: Set(description.clone()),
        color: Set(color.clone()),
        position: Set(max.unwrap_or(0) + 1),
        archived: Set(false),
        created_at: Set(now),
        updated_at: Set(now),
        version: Set(1),
    })
    .on_conflict(OnConflict::column(project::Column::Id).do_nothing().to_owned())
    .exec_without_returning(&txn)
    .await?;
    let created = load_one(&txn, id).await?;
    if inserted == 0 {
        // The id is taken; nothing was written, and the transaction rolls back when dropped.
        let same = created.name == name && created.description == description && created.color == color;
        return if same {
            Ok(created)
        } else {
            Err(AppError::Conflict { field: Some("id"), message: format!("Another project already has the id {id}") })
        };
    }
    txn.commit().await?;
    Ok(created)
}

/// Every project, archived ones included, in manual order, each with its task counts.
/// Two queries whatever the number of projects and tasks.
pub async fn get_projects<C: ConnectionTrait>(db: &C) -> AppResult<Vec<ProjectDto>> {
    load_projects(db, Condition::all()).await
}

/// Errors: `NOT_FOUND`.
pub async fn get_project<C: ConnectionTrait>(db: &C, id: Id) -> AppResult<ProjectDto> {
    load_one(db, id).await
}

/// Applies `patch` (absent = unchanged, `null` clears description and color); the version goes
/// up by one.
///
/// Errors: `NOT_FOUND`, `VALIDATION`, `CONFLICT` with the current project when
/// `patch.expected_version` is not its version.
pub async fn update_project<C>(db: &C, id: Id, patch: ProjectPatch) -> AppResult<ProjectDto>
where
    C: ConnectionTrait + TransactionTrait,
{
    let name = validate::not_cleared("name", "Name", patch.name)?
        .map(|name| validate::required_text("name", "Name", &name, PROJECT_NAME_MAX))
        .transpose()?;
    let description = patch.description.map(validate::description).transpose()?;
    let color = patch.color.map(validate::color).transpose()?;
    let archived = validate::not_cleared("archived", "Archived", patch.archived)?;
    let position = validate::not_cleared("position", "Position", patch.position)?
        .map(|position| validate::position("position", position))
        .transpose()?;

    let txn = begin_write(db).await?;
    let current = project::Entity::find_by_id(id).one(&txn).await?.ok_or_else(|| AppError::not_found("Project", id))?;
    if current.version != patch.expected_version {
        return Err(AppError::stale("The project", patch.expected_version, load_one(&txn, id).await?));
    }
    let version = current.version + 1;
    let mut row: project::ActiveModel = current.into();
    if let Some(name) = name {
        row.name = Set(name);
    }
    if let Some(description) = description {
        row.description = Set(description);
    }
    if let Some(color) = color {
        row.color = Set(color);
    }
    if let Some(archived) = archived {
        row.archived = Set(archived);
    }
    if let Some(position) = position {
        row.position = Set(position);
    }
    row.updated_at = Set(Timestamp::now());
    row.version = Set(version);
    row.update(&txn).await?;
    let updated = load_one(&txn, id).await?;
    txn.commit().await?;
    Ok(updated)
}

/// Deletes the project. Its tasks stay; they only lose the link (and land in the Inbox when it
/// was their only project).
///
/// Errors: `NOT_FOUND`.
pub async fn delete_project<C: ConnectionTrait + TransactionTrait>(db: &C, id: Id) -> AppResult<()> {
    if delete_by_id::<project::Entity, _, _>(db, id).await? == 0 {
        return Err(AppError::not_found("Project", id));
    }
    Ok(())
}

/// Fails with `NOT_FOUND` (field `projectIds`) naming the first id that is not a project.
pub(crate) async fn ensure_projects_exist<C: ConnectionTrait>(db: &C, ids: &[Id]) -> AppResult<()> {
    if ids.is_empty() {
        return Ok(());
    }
    let found: HashSet<Id> = project::Entity::find()
        .select_only()
        .column(project::Column::Id)
        .filter(project::Column::Id.is_in(ids.iter().copied()))
        .into_tuple::<Id>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    match ids.iter().find(|id| !found.contains(id)) {
        Some(missing) => Err(AppError::NotFound {
            field: Some("projectIds"),
            message: format!("Project {missing} does not exist (it may have been deleted)"),
        }),
        None => Ok(()),
    }
}

async fn load_one<C: ConnectionTrait>(db: &C, id: Id) -> AppResult<ProjectDto> {
    load_projects(db, Condition::all().add(project::Column::Id.eq(id)))
        .await?
        .pop()
        .ok_or_else(|| AppError::not_found("Project", id))
}

/// A project row with the task counts its triggers keep (`m20261122_000003_add_task_counts`).
#[derive(FromQueryResult)]
struct ProjectWithCounts {
    #[sea_orm(nested)]
    project: project::Model,
    task_count: i64,
    open_task_count: i64,
}

/// The projects matching `condition` in manual order, with their task counts: one query, and the
/// counts are columns kept by triggers, so this costs the same at 100 tasks or 100,000.
async fn load_projects<C: ConnectionTrait>(db: &C, condition: Condition) -> AppResult<Vec<ProjectDto>> {
    let rows = project::Entity::find()
        .filter(condition)
        .column_as(Expr::col((project::Entity, Alias::new("task_count"))), "task_count")
        .column_as(Expr::col((project::Entity, Alias::new("open_task_count"))), "open_task_count")
        .order_by_asc(project::Column::Position)
        .order_by_asc(project::Column::CreatedAt)
        .into_model::<ProjectWithCounts>()
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|ProjectWithCounts { project: row, task_count, open_task_count }| ProjectDto {
            id: row.id,
            name: row.name,
            description: row.description,
            color: row.color,
            position: row.position,
            archived: row.archived,
            task_count,
            open_task_count,
            created_at: row.created_at,
            updated_at: row.updated_at,
            version: row.version,
        })
        .collect())
}
