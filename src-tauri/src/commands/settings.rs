use sea_orm::DatabaseConnection;
use serde::Deserialize;
use tauri::{AppHandle, Runtime, State};

use super::{Args, NoArgs};
use crate::db::settings_operations;
use crate::error::AppError;
use crate::events::{Topic, announce};
use crate::models::{ChangeKind, Settings, SettingsPatch};

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct UpdateSettings {
    patch: SettingsPatch,
}

#[tauri::command]
pub async fn db_get_settings(db: State<'_, DatabaseConnection>, _args: Args<NoArgs>) -> Result<Settings, AppError> {
    settings_operations::get_settings(db.inner()).await
}

#[tauri::command]
pub async fn db_update_settings<R: Runtime>(
    app: AppHandle<R>,
    db: State<'_, DatabaseConnection>,
    args: Args<UpdateSettings>,
) -> Result<Settings, AppError> {
    let settings = settings_operations::update_settings(db.inner(), args.0.patch).await?;
    announce(&app, Topic::Settings, ChangeKind::Updated, Vec::new());
    Ok(settings)
}
