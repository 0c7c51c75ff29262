use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Which tags to suggest: those whose name contains `search` (ignoring case), at most `limit`.
#[derive(Clone, Debug, Default, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(export)]
pub struct TagQuery {
    #[ts(optional)]
    pub search: Option<String>,
    /// 1–200, default 20.
    #[ts(optional)]
    pub limit: Option<u32>,
}

/// A tag and how many tasks carry it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct TagCount {
    pub name: String,
    #[ts(type = "number")]
    pub task_count: i64,
}
