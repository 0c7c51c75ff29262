//! The one error type every operation and command returns.
//!
//! It reaches the frontend as `{ "code": ..., "message": ..., "field"?: ... }`: `code` is a closed
//! set the UI can branch on, `message` is a sentence a user can read, `field` names the input key
//! (camelCase, as on the wire) the message belongs next to. Database errors keep their SQL text in
//! the log and out of the message.

use sea_orm::{DbErr, SqlErr};
use serde::{Serialize, Serializer};
use ts_rs::TS;

use crate::models::{ProjectDto, TaskDto};

/// What kind of failure happened; the frontend branches on this, never on the message.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
#[ts(export)]
pub enum ErrorCode {
    /// The input breaks a rule (empty title, bad colour, ...); nothing was written.
    Validation,
    /// A task or project named by id does not exist (any more).
    NotFound,
    /// The write would break a uniqueness rule.
    Conflict,
    /// The database failed or is unavailable; details are in the log.
    Database,
    /// Anything else that went wrong inside the app; details are in the log.
    Internal,
    /// The user cancelled it (an import or an export); nothing was written.
    Cancelled,
}

/// The record a stale patch was refused for, as it is now.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
#[serde(untagged)]
#[ts(export)]
pub enum CurrentRecord {
    Task(TaskDto),
    Project(ProjectDto),
}

impl CurrentRecord {
    pub fn version(&self) -> i64 {
        match self {
            Self::Task(task) => task.version,
            Self::Project(project) => project.version,
        }
    }
}

impl From<TaskDto> for CurrentRecord {
    fn from(task: TaskDto) -> Self {
        Self::Task(task)
    }
}

impl From<ProjectDto> for CurrentRecord {
    fn from(project: ProjectDto) -> Self {
        Self::Project(project)
    }
}

/// The error as the frontend receives it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export, rename = "AppError")]
pub struct ErrorPayload {
    pub code: ErrorCode,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub field: Option<String>,
    /// On a `CONFLICT` with a newer version: the record as it is now, so the UI can offer to
    /// reload it or to overwrite it.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub current: Option<CurrentRecord>,
}

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("{message}")]
    Validation { field: Option<&'static str>, message: String },
    #[error("{message}")]
    NotFound { field: Option<&'static str>, message: String },
    /// The arguments do not fit the command (wrong type, unknown key or enum value, ...);
    /// `field` is the JSON path of the offending value. Reaches the frontend as `VALIDATION`.
    #[error("{message}")]
    InvalidArgument { field: Option<String>, message: String },
    #[error("{message}")]
    Conflict { field: Option<&'static str>, message: String },
    /// The record changed since the caller read it; `current` is how it is now.
    #[error("{message}")]
    Stale { message: String, current: Box<CurrentRecord> },
    #[error("database error: {0}")]
    Database(#[source] DbErr),
    /// A database that cannot be used, with the reason in words (a server that cannot be reached,
    /// a password it refused, a schema from a newer Tasklane). Reaches the frontend as `DATABASE`.
    #[error("{message}")]
    Unusable { field: Option<&'static str>, message: String },
    #[error("{0}")]
    Internal(String),
    #[error("Cancelled; nothing was written.")]
    Cancelled,
}

pub type AppResult<T> = Result<T, AppError>;

impl AppError {
    pub fn validation(field: &'static str, message: impl Into<String>) -> Self {
        Self::Validation { field: Some(field), message: message.into() }
    }

    /// `what` is the user's word for the thing, capitalized: "Task", "Project".
    pub fn not_found(what: &str, id: impl std::fmt::Display) -> Self {
        Self::NotFound { field: None, message: format!("{what} {id} does not exist (it may have been deleted)") }
    }

    pub fn code(&self) -> ErrorCode {
        match self {
            Self::Validation { .. } | Self::InvalidArgument { .. } => ErrorCode::Validation,
            Self::NotFound { .. } => ErrorCode::NotFound,
            Self::Conflict { .. } | Self::Stale { .. } => ErrorCode::Conflict,
            Self::Database(_) | Self::Unusable { .. } => ErrorCode::Database,
            Self::Internal(_) => ErrorCode::Internal,
            Self::Cancelled => ErrorCode::Cancelled,
        }
    }

    /// The record `current` (a task or project) changed since the caller read `expected`.
    pub fn stale(what: &str, expected: i64, current: impl Into<CurrentRecord>) -> Self {
        let current = current.into();
        let version = current.version();
        Self::Stale {
            message: format!("{what} was changed in another window (version {version}, you edited version {expected})"),
            current: Box::new(current),
        }
    }

    pub fn payload(&self) -> ErrorPayload {
        let (message, field) = match self {
            Self::Validation { field, message }
            | Self::NotFound { field, message }
            | Self::Conflict { field, message }
            | Self::Unusable { field, message } => (message.clone(), field.map(str::to_owned)),
            Self::InvalidArgument { field, message } => (message.clone(), field.clone()),
            Self::Stale { message, .. } => (message.clone(), None),
            Self::Database(err) => (database_message(err).to_owned(), None),
            Self::Internal(_) => ("Something went wrong inside Tasklane; the log has the details.".to_owned(), None),
            Self::Cancelled => (self.to_string(), None),
        };
        let current = match self {
            Self::Stale { current, .. } => Some(current.as_ref().clone()),
            _ => None,
        };
        ErrorPayload { code: self.code(), message, field, current }
    }

    /// Logs the error with its cause chain: failures of the app as errors, rejected input as
    /// information (the user saw the message; it is worth finding in a log, not alarming).
    fn log(&self) {
        let mut chain = self.to_string();
        let mut source = std::error::Error::source(self);
        while let Some(cause) = source {
            chain.push_str(": ");
            chain.push_str(&cause.to_string());
            source = cause.source();
        }
        let field = self.payload().field.map(|field| format!(" (field {field})")).unwrap_or_default();
        match self.code() {
            ErrorCode::Database | ErrorCode::Internal => log::error!("{:?}{field}: {chain}", self.code()),
            _ => log::info!("{:?}{field}: {chain}", self.code()),
        }
    }
}

fn database_message(err: &DbErr) -> &'static str {
    let text = err.to_string();
    // SQLite's busy timeout, or PostgreSQL's lock timeout on the write lock (`begin_write`).
    if text.contains("database is locked") || text.contains("database is busy") || text.contains("lock timeout") {
        "The database is busy (another program is writing to it). Please try again."
    } else if text.contains("database or disk is full") {
        "The disk is full, so Tasklane could not save this change. Free some space and try again; \
         nothing was changed."
    } else if text.contains("readonly database") || text.contains("read-only") {
        "The database file is read-only, so Tasklane cannot save changes. Check the file's \
         permissions or the disk it is on; your tasks can still be read."
    } else if text.contains("disk I/O error") {
        "The disk reported an error while saving. Nothing was changed; check the disk and try again."
    } else if matches!(err, DbErr::ConnectionAcquire(_) | DbErr::Conn(_)) {
        // A lost connection may lose the answer to a commit that happened, so this does not claim
        // that nothing was saved: the lists reload once the server is back and show what was.
        "The database cannot be reached. If it is a team server, check the network: Tasklane reconnects \
         by itself, and the lists show what was saved once it is back."
    } else {
        "The database could not complete the request. Nothing was changed."
    }
}

impl From<DbErr> for AppError {
    fn from(err: DbErr) -> Self {
        match err.sql_err() {
            Some(SqlErr::UniqueConstraintViolation(_)) => {
                Self::Conflict { field: None, message: "That already exists.".to_owned() }
            }
            _ => Self::Database(err),
        }
    }
}

/// Serialization is where an error crosses the IPC boundary: Tauri serializes the error a command
/// returns (or an argument that does not parse) exactly once, to send it. So it is logged here,
/// once, with its cause chain, whichever command or layer produced it.
impl Serialize for AppError {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.log();
        self.payload().serialize(serializer)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn json_of(err: AppError) -> serde_json::Value {
        serde_json::to_value(err).unwrap()
    }

    #[test]
    fn validation_error_serializes_code_message_and_field() {
        assert_eq!(
            json_of(AppError::validation("title", "Title cannot be empty")),
            json!({ "code": "VALIDATION", "message": "Title cannot be empty", "field": "title" })
        );
    }

    #[test]
    fn not_found_error_has_no_field_key() {
        let id = "6f9619ff-8b86-4011-b42d-00c04fc964ff";
        assert_eq!(
            json_of(AppError::not_found("Task", id)),
            json!({
                "code": "NOT_FOUND",
                "message": format!("Task {id} does not exist (it may have been deleted)")
            })
        );
    }

    #[test]
    fn database_error_hides_sql_text() {
        let err = AppError::from(DbErr::Custom("near \"SELEC\": syntax error in SELEC * FROM tasks".into()));
        assert_eq!(
            json_of(err),
            json!({ "code": "DATABASE", "message": "The database could not complete the request. Nothing was changed." })
        );
    }

    #[test]
    fn a_full_disk_and_a_read_only_file_are_named_in_words() {
        let full =
            AppError::from(DbErr::Custom("error returned from database: (code: 13) database or disk is full".into()));
        assert!(full.payload().message.starts_with("The disk is full"), "{}", full.payload().message);
        let read_only = AppError::from(DbErr::Custom(
            "error returned from database: (code: 8) attempt to write a readonly database".into(),
        ));
        assert_eq!(read_only.code(), ErrorCode::Database);
        assert!(read_only.payload().message.contains("read-only"), "{}", read_only.payload().message);
    }

    #[test]
    fn conflict_and_internal_codes_are_screaming_snake_case() {
        let conflict = AppError::Conflict { field: Some("name"), message: "Taken".into() };
        assert_eq!(json_of(conflict), json!({ "code": "CONFLICT", "message": "Taken", "field": "name" }));
        let internal = json_of(AppError::Internal("window builder failed: x".into()));
        assert_eq!(internal["code"], "INTERNAL");
        assert!(!internal["message"].as_str().unwrap().contains("window builder"));
    }
}
