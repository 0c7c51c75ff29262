//! Import and export of files, with progress over a channel and a cancel command. The handlers
//! check the paths (absolute; an import reads a regular file of at most 200 MB, symlinks
//! resolved; an export is written under a temporary name in the same folder and renamed when
//! complete) and hand the bytes to `db::data_operations`.

use std::io::{BufWriter, Read};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use sea_orm::DatabaseConnection;
use serde::Deserialize;
use tauri::ipc::{Channel, JavaScriptChannelId};
use tauri::{AppHandle, Runtime, State, Webview};

use super::{Args, NoArgs};
use crate::db::DatabaseLocation;
use crate::db::backups::Backups;
use crate::db::data_operations::{self, Job};
use crate::error::AppError;
use crate::events::announce_everything;
use crate::models::{BackupKind, ExportRequest, ExportSummary, ImportRequest, ImportSummary, Progress, ProgressPhase};

/// The largest file an import reads.
pub const IMPORT_MAX_BYTES: u64 = 200 * 1024 * 1024;

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ExportArgs {
    request: ExportRequest,
    on_progress: JavaScriptChannelId,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ImportArgs {
    request: ImportRequest,
    on_progress: JavaScriptChannelId,
}

/// The import or export running now, if any (one at a time), so `data_cancel` can stop it.
#[derive(Default)]
pub struct DataJobs {
    running: std::sync::Mutex<Option<Arc<AtomicBool>>>,
}

impl DataJobs {
    pub(super) fn begin(&self) -> Result<Running<'_>, AppError> {
        let mut running = self.running.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if running.is_some() {
            return Err(AppError::Conflict {
                field: None,
                message: "An import, export or restore is already running; wait for it or cancel it.".into(),
            });
        }
        let cancelled = Arc::new(AtomicBool::new(false));
        *running = Some(cancelled.clone());
        Ok(Running { jobs: self, cancelled })
    }

    /// Asks the running job to stop; `false` when none runs.
    fn cancel(&self) -> bool {
        let running = self.running.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        running.as_ref().map(|flag| flag.store(true, Ordering::SeqCst)).is_some()
    }
}

/// A job while it runs; it is no longer running once dropped.
pub(super) struct Running<'a> {
    jobs: &'a DataJobs,
    cancelled: Arc<AtomicBool>,
}

impl Drop for Running<'_> {
    fn drop(&mut self) {
        *self.jobs.running.lock().unwrap_or_else(|poisoned| poisoned.into_inner()) = None;
    }
}

/// Sends progress over the channel: at most one message per [`PROGRESS_GAP`] (about 50 a second),
/// except the first and the last, which always go.
struct ChannelJob<'a> {
    channel: Channel<Progress>,
    cancelled: &'a AtomicBool,
    last_sent: Option<Instant>,
    pending: Option<Progress>,
}

const PROGRESS_GAP: Duration = Duration::from_millis(20);

impl<'a> ChannelJob<'a> {
    fn new(channel: Channel<Progress>, running: &'a Running<'a>) -> Self {
        Self { channel, cancelled: &running.cancelled, last_sent: None, pending: None }
    }

    fn send(&mut self, progress: Progress) {
        self.pending = None;
        self.last_sent = Some(Instant::now());
        if let Err(err) = self.channel.send(progress) {
            log::warn!("cannot send progress: {err}");
        }
    }

    /// Sends what was held back, then `done`.
    fn finish(&mut self, done: u64, total: Option<u64>) {
        if let Some(pending) = self.pending.take() {
            self.send(pending);
        }
        self.send(Progress { phase: ProgressPhase::Done, done, total });
    }
}

impl Job for ChannelJob<'_> {
    fn progress(&mut self, progress: Progress) {
        let phase_changed = self.pending.is_some_and(|pending| pending.phase != progress.phase);
        match self.last_sent {
            Some(at) if at.elapsed() < PROGRESS_GAP && !phase_changed => self.pending = Some(progress),
            _ => self.send(progress),
        }
    }

    fn cancelled(&self) -> bool {
        self.cancelled.load(Ordering::SeqCst)
    }
}

/// Writes the tasks (all, or those `request.filter` shows) to `request.path` in
/// `request.format`. Errors: `VALIDATION` (field `request.path`), `CONFLICT` (another import or
/// export runs), `CANCELLED` (no file is left), `DATABASE`, `INTERNAL`.
#[tauri::command]
pub async fn data_export<R: Runtime>(
    webview: Webview<R>,
    db: State<'_, DatabaseConnection>,
    jobs: State<'_, DataJobs>,
    args: Args<ExportArgs>,
) -> Result<ExportSummary, AppError> {
    let ExportArgs { request, on_progress } = args.0;
    let path = export_path(&request.path)?;
    let running = jobs.begin()?;
    let mut job = ChannelJob::new(on_progress.channel_on(webview), &running);
    let folder = path.parent().unwrap_or(Path::new("/"));
    let temp = tempfile::Builder::new()
        .prefix(".tasklane-export-")
        .tempfile_in(folder)
        .map_err(|err| path_error(format!("Cannot write in {}: {err}", folder.display())))?;
    // Dropping `temp` (an error, a cancel) removes the file; nothing appears under the chosen name.
    let (out, exported) =
        data_operations::export(db.inner(), request.format, request.filter, BufWriter::new(temp), &mut job).await?;
    let temp = out.into_inner().map_err(|err| AppError::Internal(format!("cannot write the export: {err}")))?;
    temp.as_file().sync_all().map_err(|err| AppError::Internal(format!("cannot write the export: {err}")))?;
    let bytes = temp.as_file().metadata().map(|meta| meta.len()).unwrap_or(0);
    temp.persist(&path).map_err(|err| path_error(format!("Cannot write {}: {}", path.display(), err.error)))?;
    job.finish(exported.tasks, Some(exported.tasks));
    Ok(ExportSummary { path: path.display().to_string(), tasks: exported.tasks, projects: exported.projects, bytes })
}

/// Reads `request.path` as `request.format` and writes what it holds in one transaction, after an
/// `import` backup of a database file (docs/DATA.md, "Backups"). Errors: `VALIDATION` (field `request.path`: the path or the file; none: a record, named by
/// line), `CONFLICT`, `CANCELLED` (nothing was written), `DATABASE`, `INTERNAL` (the backup
/// cannot be written: nothing was imported).
#[tauri::command]
pub async fn data_import<R: Runtime>(
    app: AppHandle<R>,
    webview: Webview<R>,
    db: State<'_, DatabaseConnection>,
    location: State<'_, DatabaseLocation>,
    jobs: State<'_, DataJobs>,
    args: Args<ImportArgs>,
) -> Result<ImportSummary, AppError> {
    let ImportArgs { request, on_progress } = args.0;
    let running = jobs.begin()?;
    let mut job = ChannelJob::new(on_progress.channel_on(webview), &running);
    job.progress(Progress { phase: ProgressPhase::Reading, done: 0, total: None });
    let bytes = read_import_file(&request.path)?;
    let dataset = data_operations::read(request.format, &bytes)?;
    drop(bytes);
    if job.cancelled() {
        return Err(AppError::Cancelled);
    }
    if let Some(backups) = Backups::of(&location) {
        backups.write(db.inner(), BackupKind::Import).await.map_err(|err| {
            AppError::Internal(format!("Cannot back up the database before importing, so nothing was imported: {err}"))
        })?;
    }
    let summary = data_operations::import(db.inner(), dataset, &mut job).await?;
    let handled = summary.created + summary.updated + summary.skipped;
    job.finish(handled, Some(handled));
    announce_everything(&app);
    Ok(summary)
}

/// Cancels the running import or export; `false` when none runs.
#[tauri::command]
pub async fn data_cancel(jobs: State<'_, DataJobs>, _args: Args<NoArgs>) -> Result<bool, AppError> {
    Ok(jobs.cancel())
}

fn path_error(message: String) -> AppError {
    AppError::InvalidArgument { field: Some("request.path".into()), message }
}

fn absolute(path: &str) -> Result<PathBuf, AppError> {
    let path = PathBuf::from(path);
    if !path.is_absolute() {
        return Err(path_error(format!("`{}` is not an absolute path", path.display())));
    }
    Ok(path)
}

fn export_path(path: &str) -> Result<PathBuf, AppError> {
    let path = absolute(path)?;
    if path.file_name().is_none() {
        return Err(path_error(format!("`{}` does not name a file", path.display())));
    }
    if path.is_dir() {
        return Err(path_error(format!("{} is a folder", path.display())));
    }
    match path.parent() {
        Some(folder) if folder.is_dir() => Ok(path),
        _ => Err(path_error(format!("The folder of {} does not exist", path.display()))),
    }
}

/// Reads an import file: an absolute path to a regular file (symlinks resolved; never a FIFO, a
/// device or a folder) of at most [`IMPORT_MAX_BYTES`].
pub fn read_import_file(path: &str) -> Result<Vec<u8>, AppError> {
    let path = absolute(path)?;
    let real = path.canonicalize().map_err(|err| path_error(format!("Cannot open {}: {err}", path.display())))?;
    let meta = real.metadata().map_err(|err| path_error(format!("Cannot open {}: {err}", path.display())))?;
    if !meta.is_file() {
        return Err(path_error(format!("{} is not a regular file", path.display())));
    }
    if meta.len() > IMPORT_MAX_BYTES {
        return Err(path_error(format!(
            "{} is {} MB; Tasklane imports files of at most {} MB",
            path.display(),
            meta.len() / (1024 * 1024),
            IMPORT_MAX_BYTES / (1024 * 1024)
        )));
    }
    let file =
        std::fs::File::open(&real).map_err(|err| path_error(format!("Cannot open {}: {err}", path.display())))?;
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    // The size is checked again while reading: the file may have grown since.
    file.take(IMPORT_MAX_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|err| path_error(format!("Cannot read {}: {err}", path.display())))?;
    if bytes.len() as u64 > IMPORT_MAX_BYTES {
        return Err(path_error(format!("{} is larger than {} MB", path.display(), IMPORT_MAX_BYTES / (1024 * 1024))));
    }
    Ok(bytes)
}
