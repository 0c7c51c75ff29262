//! The automatic backups of the database file: listing them and restoring one
//! (`db::backups` makes, keeps and checks them).

use sea_orm::DatabaseConnection;
use serde::Deserialize;
use tauri::{AppHandle, Runtime, State};

use super::data::DataJobs;
use super::{Args, NoArgs};
use crate::db::DatabaseLocation;
use crate::db::backups::Backups;
use crate::error::AppError;
use crate::events::announce_everything;
use crate::models::{BackupList, RestoreRequest, RestoreSummary};

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RestoreArgs {
    request: RestoreRequest,
}

/// The backups of the database in use, newest first; none (and no folder) for a server.
/// Errors: `INTERNAL` (the folder cannot be read).
#[tauri::command]
pub async fn data_backups(location: State<'_, DatabaseLocation>, _args: Args<NoArgs>) -> Result<BackupList, AppError> {
    let Some(backups) = Backups::of(&location) else { return Ok(BackupList { folder: None, backups: Vec::new() }) };
    let listed = backups.list().map_err(|err| AppError::Internal(format!("cannot read the backups: {err}")))?;
    Ok(BackupList { folder: Some(backups.folder().display().to_string()), backups: listed })
}

/// Restores a backup over the database in use (saving it first as a `restore` backup), then every
/// window reloads. Errors: `NOT_FOUND` (field `request.name`), `VALIDATION` (a damaged or foreign
/// file, or a server database: nothing changed), `CONFLICT` (an import or export runs),
/// `DATABASE`, `INTERNAL`.
#[tauri::command]
pub async fn data_restore<R: Runtime>(
    app: AppHandle<R>,
    db: State<'_, DatabaseConnection>,
    location: State<'_, DatabaseLocation>,
    jobs: State<'_, DataJobs>,
    args: Args<RestoreArgs>,
) -> Result<RestoreSummary, AppError> {
    let Some(backups) = Backups::of(&location) else {
        return Err(AppError::Validation {
            field: None,
            message: "This database is not a file on this computer, so it has no backups to restore.".into(),
        });
    };
    let _running = jobs.begin()?;
    let summary = backups.restore(db.inner(), &location, &args.0.request.name).await?;
    announce_everything(&app);
    Ok(summary)
}
