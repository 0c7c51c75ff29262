use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::TaskFilter;

/// A file format Tasklane reads and writes (docs/DATA.md says what each keeps and loses).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize, TS)]
#[serde(rename_all = "lowercase")]
#[ts(export)]
pub enum DataFormat {
    /// The Tasklane backup: every task, project, tag, link and setting, with ids and timestamps.
    Json,
    /// RFC 4180 CSV, one task per row; Todoist's CSV template is recognized on import.
    Csv,
    /// todo.txt: one task per line.
    Todotxt,
    /// iCalendar (RFC 5545): one VTODO per task.
    Ics,
    /// Taskwarrior's JSON, as `task export` writes it and `task import` reads it.
    Taskwarrior,
}

/// What to export, and where to.
#[derive(Clone, Debug, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(export)]
pub struct ExportRequest {
    pub format: DataFormat,
    /// An absolute path; the file is written under a temporary name and renamed when complete.
    pub path: String,
    /// Only the tasks this filter shows (done ones too unless it says otherwise); all when absent.
    #[ts(optional)]
    pub filter: Option<TaskFilter>,
}

/// What to import, and from where.
#[derive(Clone, Debug, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(export)]
pub struct ImportRequest {
    pub format: DataFormat,
    /// An absolute path to a regular file of at most 200 MB.
    pub path: String,
}

/// Where a running import or export is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "lowercase")]
#[ts(export)]
pub enum ProgressPhase {
    Reading,
    Writing,
    Done,
}

/// Sent over the command's channel while it runs: at least every 100 ms, at most about 50 a
/// second, and a last one with phase `done`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Progress {
    pub phase: ProgressPhase,
    /// Records (tasks) handled so far in this phase.
    #[ts(type = "number")]
    pub done: u64,
    /// How many there are, when known.
    #[ts(type = "number | null")]
    pub total: Option<u64>,
}

/// What an export wrote.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ExportSummary {
    pub path: String,
    #[ts(type = "number")]
    pub tasks: u64,
    #[ts(type = "number")]
    pub projects: u64,
    #[ts(type = "number")]
    pub bytes: u64,
}

/// What an import did: each task of the file was created, updated (the same id, or key, with
/// other content) or skipped (already there as it is in the file).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ImportSummary {
    #[ts(type = "number")]
    pub created: u64,
    #[ts(type = "number")]
    pub updated: u64,
    #[ts(type = "number")]
    pub skipped: u64,
    pub warnings: Vec<ImportWarning>,
}

/// Something of the file that was read with a change, or left out (a column Tasklane does not
/// know, say). The import went ahead.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ImportWarning {
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional, type = "number")]
    pub line: Option<u64>,
    pub message: String,
}

/// Why a backup was made; each kind keeps its own number of copies (docs/DATA.md).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "lowercase")]
#[ts(export)]
pub enum BackupKind {
    /// At start-up, at most once a day (the last 7 are kept).
    Daily,
    /// Before an import (the last 5).
    Import,
    /// Before the schema was updated by a new version of Tasklane (the last 5).
    Migration,
    /// The database as it was before a backup was restored over it (the last 5).
    Restore,
}

/// One backup in the `backups` folder next to the database file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Backup {
    /// The file's name, which `data_restore` takes.
    pub name: String,
    pub kind: BackupKind,
    pub created_at: entity::Timestamp,
    #[ts(type = "number")]
    pub bytes: u64,
}

/// The backups of the database in use, newest first. `folder` is null when the database is not
/// a file on this computer (a server, or in memory): those get no automatic backups.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct BackupList {
    #[ts(type = "string | null")]
    pub folder: Option<String>,
    pub backups: Vec<Backup>,
}

/// Which backup to restore over the database in use.
#[derive(Clone, Debug, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(export)]
pub struct RestoreRequest {
    /// A name from `data_backups`.
    pub name: String,
}

/// What a restore did: the database now holds the backup's tasks and projects, and the database
/// as it was is kept as the backup `savedAs` (so a restore can itself be undone).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct RestoreSummary {
    pub restored: String,
    pub saved_as: String,
    #[ts(type = "number")]
    pub tasks: u64,
    #[ts(type = "number")]
    pub projects: u64,
}
