use sea_orm::DatabaseConnection;
use tauri::{AppHandle, Manager, Runtime, State, WebviewUrl, WebviewWindowBuilder};

use super::{Args, NoArgs};
use crate::db::{DatabaseLocation, status_operations};
use crate::error::AppError;
use crate::live::LiveLink;
use crate::models::AppStatus;
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
