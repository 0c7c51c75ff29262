//! The closed sets of values that task columns take. Each is also CHECK-constrained in the schema
//! (see the `create_tasks` migration), so a row written by any tool stays inside the set.

use sea_orm::{DeriveActiveEnum, EnumIter};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Where a task stands in its life.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize, TS)]
#[sea_orm(rs_type = "String", db_type = "Text")]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum TaskStatus {
    #[sea_orm(string_value = "backlog")]
    Backlog,
    #[sea_orm(string_value = "todo")]
    Todo,
    #[sea_orm(string_value = "in_progress")]
    InProgress,
    #[sea_orm(string_value = "blocked")]
    Blocked,
    #[sea_orm(string_value = "done")]
    Done,
}

impl TaskStatus {
    pub fn is_done(self) -> bool {
        self == Self::Done
    }
}

/// How urgent a task is, from `None` (not triaged) to `Urgent`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize, TS)]
#[sea_orm(rs_type = "String", db_type = "Text")]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum TaskPriority {
    #[sea_orm(string_value = "none")]
    None,
    #[sea_orm(string_value = "low")]
    Low,
    #[sea_orm(string_value = "medium")]
    Medium,
    #[sea_orm(string_value = "high")]
    High,
    #[sea_orm(string_value = "urgent")]
    Urgent,
}
