//! Facts about the open database for the status bar.

use sea_orm::{ConnectionTrait, Statement};

use super::DatabaseLocation;
use crate::error::AppResult;
use crate::models::AppStatus;

/// Task, open-task and project counts in one query (the task counts are kept by triggers in
/// `task_totals`, so no scan), plus file size and schema version.
pub async fn app_status<C: ConnectionTrait>(
    db: &C,
    location: &DatabaseLocation,
    app_version: &str,
) -> AppResult<AppStatus> {
    let backend = db.get_database_backend();
    let counts = db
        .query_one_raw(Statement::from_string(
            backend,
            "SELECT (SELECT task_count FROM task_totals), \
                    (SELECT open_task_count FROM task_totals), \
                    (SELECT COUNT(*) FROM projects), \
                    (SELECT COALESCE(MAX(version), '') FROM seaql_migrations)",
        ))
        .await?;
    let (task_count, open_task_count, project_count, schema_version) = match counts {
        Some(row) => (
            row.try_get_by_index::<i64>(0)?,
            row.try_get_by_index::<i64>(1)?,
            row.try_get_by_index::<i64>(2)?,
            row.try_get_by_index::<String>(3)?,
        ),
        None => (0, 0, 0, String::new()),
    };
    Ok(AppStatus {
        task_count,
        open_task_count,
        project_count,
        db_path: location.path.as_ref().map(|path| path.display().to_string()),
        db_size_bytes: location.path.as_deref().map(file_size_with_wal).unwrap_or(0),
        schema_version,
        app_version: app_version.to_owned(),
        // Known to the app, not the database: the caller fills them in.
        startup_ms: None,
        server: None,
    })
}

/// The database file plus its write-ahead log, which holds recent writes until a checkpoint.
fn file_size_with_wal(path: &std::path::Path) -> u64 {
    let mut wal = path.as_os_str().to_owned();
    wal.push("-wal");
    [path.as_os_str(), wal.as_os_str()]
        .into_iter()
        .filter_map(|file| std::fs::metadata(file).ok())
        .map(|meta| meta.len())
        .sum()
}
