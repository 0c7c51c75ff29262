use sea_orm::DatabaseConnection;
use tauri::{AppHandle, Runtime, State};

use crate::db::settings_operations;
use crate::error::AppError;
use crate::events::{Topic, announce};
use crate::models::{ChangeKind, Settings, SettingsPatch};

#[tauri::command]
pub async fn db_get_settings(db: State<'_, DatabaseConnection>) -> Result<Settings, AppError> {
    settings_operations::get_settings(db.inner()).await
}

#[tauri::command]
pub async fn db_update_settings<R: Runtime>(
    app: AppHandle<R>,
    db: State<'_, DatabaseConnection>,
    patch: SettingsPatch,
) -> Result<Settings, AppError> {
    let settings = settings_operations::update_settings(db.inner(), patch).await?;
    announce(&app, Topic::Settings, ChangeKind::Updated, Vec::new());
    Ok(settings)
}
