use entity::{Id, TaskPriority, TaskStatus, Timestamp};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::tri_state;

/// A task as the frontend sees it, with its tags and projects.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export, rename = "Task")]
pub struct TaskDto {
    pub id: Id,
    pub title: String,
    pub description: Option<String>,
    pub status: TaskStatus,
    pub priority: TaskPriority,
    /// Tag names, sorted case-insensitively.
    pub tags: Vec<String>,
    pub project_ids: Vec<Id>,
    pub due_at: Option<Timestamp>,
    pub completed_at: Option<Timestamp>,
    #[ts(type = "number")]
    pub position: i64,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
}

/// What a user types to create a task. Only `title` is required.
#[derive(Clone, Debug, Default, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(export)]
pub struct NewTask {
    pub title: String,
    #[ts(optional)]
    pub description: Option<String>,
    /// Defaults to `todo`.
    #[ts(optional)]
    pub status: Option<TaskStatus>,
    /// Defaults to `none`.
    #[ts(optional)]
    pub priority: Option<TaskPriority>,
    /// Created when missing; duplicates (ignoring case) are merged.
    #[ts(optional)]
    pub tags: Option<Vec<String>>,
    /// Every id must name an existing project; duplicates are ignored.
    #[ts(optional)]
    pub project_ids: Option<Vec<Id>>,
    #[ts(optional)]
    pub due_at: Option<Timestamp>,
}

/// Which tasks to list. Every criterion present must hold; within a list, any value matches.
#[derive(Clone, Debug, Default, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(export)]
pub struct TaskFilter {
    /// Tasks in any of these projects.
    #[ts(optional)]
    pub project_ids: Option<Vec<Id>>,
    /// `true`: only tasks in no project (the Inbox).
    #[ts(optional)]
    pub inbox: Option<bool>,
    #[ts(optional)]
    pub statuses: Option<Vec<TaskStatus>>,
    #[ts(optional)]
    pub priorities: Option<Vec<TaskPriority>>,
    /// Tasks carrying any of these tags (ignoring case).
    #[ts(optional)]
    pub tags: Option<Vec<String>>,
    /// Text contained in the title or the description (ignoring ASCII case).
    #[ts(optional)]
    pub search: Option<String>,
}

/// A change to a task: an absent key leaves the field as it is, `null` clears a nullable field,
/// a value sets it. `tags` and `projectIds` replace the whole set.
#[derive(Clone, Debug, Default, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(export)]
pub struct TaskPatch {
    #[serde(default, deserialize_with = "tri_state")]
    #[ts(as = "Option<String>", optional)]
    pub title: Option<Option<String>>,
    #[serde(default, deserialize_with = "tri_state")]
    #[ts(optional)]
    pub description: Option<Option<String>>,
    #[serde(default, deserialize_with = "tri_state")]
    #[ts(as = "Option<TaskStatus>", optional)]
    pub status: Option<Option<TaskStatus>>,
    #[serde(default, deserialize_with = "tri_state")]
    #[ts(as = "Option<TaskPriority>", optional)]
    pub priority: Option<Option<TaskPriority>>,
    #[serde(default, deserialize_with = "tri_state")]
    #[ts(as = "Option<Vec<String>>", optional)]
    pub tags: Option<Option<Vec<String>>>,
    #[serde(default, deserialize_with = "tri_state")]
    #[ts(as = "Option<Vec<Id>>", optional)]
    pub project_ids: Option<Option<Vec<Id>>>,
    #[serde(default, deserialize_with = "tri_state")]
    #[ts(optional)]
    pub due_at: Option<Option<Timestamp>>,
    #[serde(default, deserialize_with = "tri_state")]
    #[ts(as = "Option<f64>", optional)]
    pub position: Option<Option<i64>>,
}
