use serde::Serialize;
use ts_rs::TS;

/// Counts and facts about the open database: the `app_status` reply and the `app:status` event.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct AppStatus {
    #[ts(type = "number")]
    pub task_count: i64,
    #[ts(type = "number")]
    pub open_task_count: i64,
    #[ts(type = "number")]
    pub project_count: i64,
    /// `null` for an in-memory database.
    pub db_path: Option<String>,
    /// Database file plus its WAL; 0 in memory.
    #[ts(type = "number")]
    pub db_size_bytes: u64,
    /// The newest migration applied, e.g. `m20261121_000005_create_settings`.
    pub schema_version: String,
    pub app_version: String,
    /// Milliseconds from the process start to the main window's first painted page of tasks
    /// (`ui:ready`); `null` until then.
    #[ts(type = "number | null")]
    pub startup_ms: Option<u64>,
    /// Team mode: the PostgreSQL server and whether other machines' changes arrive live; `null`
    /// on a SQLite file.
    pub server: Option<ServerLink>,
}

/// What "Test connection" found at a database URL.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct DatabaseCheck {
    /// The URL with its password replaced by `***`.
    pub url: String,
    pub schema: SchemaState,
    /// The PostgreSQL server's version; `null` for a file.
    pub server_version: Option<String>,
}

/// The schema a database has, from this version's point of view.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "lowercase")]
#[ts(export)]
pub enum SchemaState {
    /// No Tasklane schema yet: it is created on first use.
    Empty,
    /// Made by an older Tasklane: brought up to date on first use.
    Older,
    /// Exactly what this version uses.
    Current,
    /// Made by a newer Tasklane, which this version cannot use.
    Newer,
}

/// The server a team-mode app works on.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ServerLink {
    /// The database URL with its password replaced by `***`.
    pub url: String,
    pub state: LinkState,
}

/// Whether changes made on other machines reach this app as they happen.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "lowercase")]
#[ts(export)]
pub enum LinkState {
    /// Starting: not listening yet.
    Connecting,
    /// Listening: another machine's change shows here within a second.
    Live,
    /// The connection to the server was lost; retrying, and catching up once back.
    Reconnecting,
}
