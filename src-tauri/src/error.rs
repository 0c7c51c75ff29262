//! The one error type every operation and command returns.
//!
//! It reaches the frontend as `{ "code": ..., "message": ..., "field"?: ... }`: `code` is a closed
//! set the UI can branch on, `message` is a sentence a user can read, `field` names the input key
//! (camelCase, as on the wire) the message belongs next to. Database errors keep their SQL text in
//! the log and out of the message.

use sea_orm::{DbErr, SqlErr};
use serde::{Serialize, Serializer};
use ts_rs::TS;

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
}

/// The error as the frontend receives it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
#[ts(export, rename = "AppError")]
pub struct ErrorPayload {
    pub code: ErrorCode,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub field: Option<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("{message}")]
    Validation { field: Option<&'static str>, message: String },
    #[error("{message}")]
    NotFound { field: Option<&'static str>, message: String },
    #[error("{message}")]
    Conflict { field: Option<&'static str>, message: String },
    #[error("database error: {0}")]
    Database(#[source] DbErr),
    #[error("{0}")]
    Internal(String),
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
            Self::Validation { .. } => ErrorCode::Validation,
            Self::NotFound { .. } => ErrorCode::NotFound,
            Self::Conflict { .. } => ErrorCode::Conflict,
            Self::Database(_) => ErrorCode::Database,
            Self::Internal(_) => ErrorCode::Internal,
        }
    }

    pub fn payload(&self) -> ErrorPayload {
        let (message, field) = match self {
            Self::Validation { field, message }
            | Self::NotFound { field, message }
            | Self::Conflict { field, message } => (message.clone(), *field),
            Self::Database(err) => (database_message(err).to_owned(), None),
            Self::Internal(_) => ("Something went wrong inside Tasklane; the log has the details.".to_owned(), None),
        };
        ErrorPayload { code: self.code(), message, field: field.map(str::to_owned) }
    }
}

fn database_message(err: &DbErr) -> &'static str {
    let text = err.to_string();
    if text.contains("database is locked") || text.contains("database is busy") {
        "The database is busy (another program is writing to it). Please try again."
    } else if matches!(err, DbErr::ConnectionAcquire(_) | DbErr::Conn(_)) {
        "The database cannot be reached. Please restart Tasklane."
    } else {
        "The database could not complete the request. Nothing was changed."
    }
}

impl From<DbErr> for AppError {
    fn from(err: DbErr) -> Self {
        match err.sql_err() {
            Some(SqlErr::UniqueConstraintViolation(detail)) => {
                log::warn!("unique constraint violated: {detail}");
                Self::Conflict { field: None, message: "That already exists.".to_owned() }
            }
            _ => {
                log::error!("database error: {err}");
                Self::Database(err)
            }
        }
    }
}

impl Serialize for AppError {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
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
    fn conflict_and_internal_codes_are_screaming_snake_case() {
        let conflict = AppError::Conflict { field: Some("name"), message: "Taken".into() };
        assert_eq!(json_of(conflict), json!({ "code": "CONFLICT", "message": "Taken", "field": "name" }));
        let internal = json_of(AppError::Internal("window builder failed: x".into()));
        assert_eq!(internal["code"], "INTERNAL");
        assert!(!internal["message"].as_str().unwrap().contains("window builder"));
    }
}
