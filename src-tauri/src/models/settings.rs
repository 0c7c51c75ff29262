use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The colour scheme; `system` follows the OS.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
#[ts(export)]
pub enum Theme {
    Light,
    Dark,
    #[default]
    System,
}

/// The user's preferences; a preference never set takes its default.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Settings {
    pub theme: Theme,
    pub notifications: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Self { theme: Theme::System, notifications: true }
    }
}

/// A change to the preferences; absent keys stay as they are. Neither can be cleared.
#[derive(Clone, Debug, Default, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(export)]
pub struct SettingsPatch {
    #[ts(optional)]
    pub theme: Option<Theme>,
    #[ts(optional)]
    pub notifications: Option<bool>,
}
