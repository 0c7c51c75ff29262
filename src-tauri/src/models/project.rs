use entity::{Id, Timestamp};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::tri_state;

/// A project as the frontend sees it, with how many tasks it holds.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export, rename = "Project")]
pub struct ProjectDto {
    pub id: Id,
    pub name: String,
    pub description: Option<String>,
    /// `#rrggbb`, lowercase.
    pub color: Option<String>,
    #[ts(type = "number")]
    pub position: i64,
    pub archived: bool,
    #[ts(type = "number")]
    pub task_count: i64,
    /// Tasks of the project whose status is not `done`.
    #[ts(type = "number")]
    pub open_task_count: i64,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
    /// Raised by one on every change; a patch names the version it was made from.
    #[ts(type = "number")]
    pub version: i64,
}

#[derive(Clone, Debug, Default, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(export)]
pub struct NewProject {
    /// Chosen by the client so that a retry cannot create the project twice (see `NewTask::id`).
    #[ts(optional)]
    pub id: Option<Id>,
    pub name: String,
    #[ts(optional)]
    pub description: Option<String>,
    /// `#rrggbb` (either case).
    #[ts(optional)]
    pub color: Option<String>,
}

/// A change to a project, with the same absent / `null` / value rule as `TaskPatch`.
#[derive(Clone, Debug, Default, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(export)]
pub struct ProjectPatch {
    /// The `version` of the project the change was made from (see `TaskPatch::expected_version`).
    #[ts(type = "number")]
    pub expected_version: i64,
    #[serde(default, deserialize_with = "tri_state")]
    #[ts(as = "Option<String>", optional)]
    pub name: Option<Option<String>>,
    #[serde(default, deserialize_with = "tri_state")]
    #[ts(optional)]
    pub description: Option<Option<String>>,
    #[serde(default, deserialize_with = "tri_state")]
    #[ts(optional)]
    pub color: Option<Option<String>>,
    #[serde(default, deserialize_with = "tri_state")]
    #[ts(as = "Option<bool>", optional)]
    pub archived: Option<Option<bool>>,
    #[serde(default, deserialize_with = "tri_state")]
    #[ts(as = "Option<f64>", optional)]
    pub position: Option<Option<i64>>,
}
