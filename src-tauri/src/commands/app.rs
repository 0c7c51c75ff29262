use sea_orm::DatabaseConnection;
use serde::Deserialize;
use tauri::{AppHandle, Manager, Runtime, State, WebviewUrl, WebviewWindowBuilder};

use super::{Args, NoArgs};
use crate::database_choice::ChoiceFile;
use crate::db::database_check::check_database;
use crate::db::{DatabaseLocation, status_operations};
use crate::error::AppError;
use crate::live::LiveLink;
use crate::models::{AppStatus, DatabaseCheck};
use crate::startup::{self, Startup};

#[tauri::command]
pub async fn app_status<R: Runtime>(
    app: AppHandle<R>,
    db: State<'_, DatabaseConnection>,
    location: State<'_, DatabaseLocation>,
    startup: State<'_, Startup>,
    _args: Args<NoArgs>,
) -> Result<AppStatus, AppError> {
    let status = status_operations::app_status(db.inner(), location.inner(), crate::APP_VERSION).await?;
    let server = app.try_state::<LiveLink>().map(|link| link.server());
    Ok(AppStatus { startup_ms: startup.ready_ms(), server, ..status })
}

/// Opens one more window onto the same database and returns its label (`window-2`, `window-3`, ...).
#[tauri::command]
pub async fn app_open_window<R: Runtime>(app: AppHandle<R>, _args: Args<NoArgs>) -> Result<String, AppError> {
    let windows = app.webview_windows();
    let label = (2..).map(|n| format!("window-{n}")).find(|label| !windows.contains_key(label)).unwrap_or_default();
    let title = format!("Tasklane ({})", label.trim_start_matches("window-"));
    WebviewWindowBuilder::new(&app, &label, WebviewUrl::App("index.html".into()))
        .title(title)
        .inner_size(1100.0, 720.0)
        .min_inner_size(640.0, 400.0)
        .visible(false)
        .build()
        .map_err(|err| AppError::Internal(format!("cannot open window {label}: {err}")))?;
    startup::reveal_by_deadline(&app, label.clone());
    Ok(label)
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DatabaseUrl {
    url: String,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DatabaseChoice {
    /// A database URL, or `null` for the local file.
    url: Option<String>,
}

/// "Test connection": whether the database at `url` can be used and the state of its schema.
/// Nothing is created or changed.
#[tauri::command]
pub async fn app_check_database(args: Args<DatabaseUrl>) -> Result<DatabaseCheck, AppError> {
    check_database(&args.0.url).await
}

/// Makes `url` the database Tasklane opens from its next start (`null`: the local file), after the
/// same check as [`app_check_database`]; nothing changes when it fails. The app keeps using the
/// database it has open until it restarts ([`app_restart`]).
#[tauri::command]
pub async fn app_set_database(
    choice: State<'_, ChoiceFile>,
    args: Args<DatabaseChoice>,
) -> Result<Option<DatabaseCheck>, AppError> {
    let url = args.0.url.as_deref().map(str::trim);
    let checked = match url {
        Some(url) => Some(check_database(url).await?),
        None => None,
    };
    choice
        .write(url)
        .map_err(|err| AppError::Internal(format!("cannot save the database choice {}: {err}", choice.0.display())))?;
    Ok(checked)
}

/// Starts Tasklane again (to open the database chosen with [`app_set_database`]).
#[tauri::command]
pub async fn app_restart<R: Runtime>(app: AppHandle<R>, _args: Args<NoArgs>) -> Result<(), AppError> {
    app.restart()
}
