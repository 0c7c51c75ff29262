use entity::Id;
use serde::Serialize;
use ts_rs::TS;

/// What happened to the rows named in a change event.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "lowercase")]
#[ts(export)]
pub enum ChangeKind {
    Created,
    Updated,
    Deleted,
}

/// Payload of `tasks:changed`, `projects:changed` and `settings:changed`, sent to every window
/// after a successful mutation. `ids` is empty for settings.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ChangeEvent {
    pub kind: ChangeKind,
    pub ids: Vec<Id>,
}
