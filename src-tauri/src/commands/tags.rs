use sea_orm::DatabaseConnection;
use tauri::State;

use super::Args;
use crate::db::tag_operations;
use crate::error::AppError;
use crate::models::{TagCount, TagQuery};

/// Tag suggestions from the whole database: `{ search?, limit? }` → `{ name, taskCount }[]`.
#[tauri::command]
pub async fn db_get_tags(db: State<'_, DatabaseConnection>, args: Args<TagQuery>) -> Result<Vec<TagCount>, AppError> {
    tag_operations::get_tags(db.inner(), args.0).await
}
