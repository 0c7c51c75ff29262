//! The IPC contract: what crosses between the frontend and the backend.
//!
//! Outputs (`TaskDto`, `ProjectDto`, ...) serialize camelCase. Inputs (`NewTask`, `TaskPatch`,
//! `TaskFilter`, ...) deserialize camelCase and refuse unknown keys, so a misspelt key is an error
//! rather than a silently ignored default. Every type here is exported to TypeScript by ts-rs into
//! `src/bindings/`.

mod data;
mod events;
mod project;
mod settings;
mod status;
mod tag;
mod task;

pub use data::{
    Backup, BackupKind, BackupList, DataFormat, ExportRequest, ExportSummary, ImportRequest, ImportSummary,
    ImportWarning, Progress, ProgressPhase, RestoreRequest, RestoreSummary,
};
pub use events::{ChangeEvent, ChangeKind};
pub use project::{NewProject, ProjectDto, ProjectPatch};
pub use settings::{Settings, SettingsPatch, Theme};
pub use status::{AppStatus, DatabaseCheck, LinkState, SchemaState, ServerLink};
pub use tag::{TagCount, TagQuery};
pub use task::{MoveTo, NewTask, PageRequest, TaskDto, TaskFilter, TaskPage, TaskPatch, TaskSort};

use serde::{Deserialize, Deserializer};

/// Deserializes a patch field so that the three cases stay apart: with `#[serde(default)]` an
/// absent key is `None` (leave unchanged), `null` is `Some(None)` (clear), a value is
/// `Some(Some(v))` (set).
pub(crate) fn tri_state<'de, D, T>(deserializer: D) -> Result<Option<Option<T>>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    Option::<T>::deserialize(deserializer).map(Some)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn patch_keeps_absent_null_and_value_apart() {
        let absent: TaskPatch = serde_json::from_value(json!({ "expectedVersion": 1 })).unwrap();
        assert_eq!(absent.description, None);
        let cleared: TaskPatch =
            serde_json::from_value(json!({ "expectedVersion": 1, "description": null, "dueAt": null })).unwrap();
        assert_eq!(cleared.description, Some(None));
        assert_eq!(cleared.due_at, Some(None));
        let set: TaskPatch = serde_json::from_value(json!({ "expectedVersion": 1, "description": "new" })).unwrap();
        assert_eq!(set.description, Some(Some("new".to_owned())));
    }

    #[test]
    fn snake_case_or_unknown_keys_are_rejected_not_ignored() {
        let err = serde_json::from_value::<TaskPatch>(json!({ "due_at": null })).unwrap_err();
        assert!(err.to_string().contains("unknown field `due_at`"), "{err}");
        assert!(serde_json::from_value::<NewTask>(json!({ "title": "t", "project_ids": [] })).is_err());
        assert!(serde_json::from_value::<TaskFilter>(json!({ "status": ["todo"] })).is_err());
        assert!(serde_json::from_value::<ProjectPatch>(json!({ "colour": null })).is_err());
    }

    #[test]
    fn malformed_ids_and_dates_are_rejected_with_a_readable_reason() {
        let err = serde_json::from_value::<NewTask>(json!({ "title": "t", "projectIds": ["nope"] })).unwrap_err();
        assert!(err.to_string().contains("`nope` is not a valid id"), "{err}");
        let err = serde_json::from_value::<NewTask>(json!({ "title": "t", "dueAt": "tomorrow" })).unwrap_err();
        assert!(err.to_string().contains("not a valid date-time"), "{err}");
    }
}
