//! Team mode: other machines' changes, live. Every app instance on a PostgreSQL server LISTENs on
//! `tasklane_changes`; the change-log trigger (`m20261122_000005_record_changes`) notifies it of
//! each committed change (`{seq, topic, kind, ids, origin}` as JSON). The instance then reads the log after
//! the last entry it has seen and re-emits the entries other instances wrote as the same
//! `tasks:changed` / `projects:changed` / `settings:changed` events its own writes send, so the
//! windows need nothing new. Its own entries are skipped: its commands announced them already.
//!
//! When the connection drops, the state turns to `Reconnecting` (the status bar says so) and the
//! link retries with a growing pause; once back it reads everything after the last entry it saw,
//! so nothing committed meanwhile is missed, and the state is `Live` again.

use std::sync::Arc;
use std::time::Duration;

use sea_orm::sqlx::postgres::PgListener;
use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, DbErr, Statement, Value};
use tauri::{AppHandle, Emitter, Manager, Runtime};
use tokio::sync::{broadcast, watch};

use crate::db::{self, DatabaseLocation};
use crate::events::{StatusReporter, Topic};
use crate::models::{ChangeEvent, ChangeKind, LinkState, ServerLink};

/// The channel the change-log trigger notifies.
pub const CHANNEL: &str = "tasklane_changes";
/// What the listening connection calls itself on the server (seen in `pg_stat_activity`).
pub const LISTENER_NAME: &str = "tasklane-listener";
/// Entries read from the log per query while catching up.
const BATCH: i64 = 500;
/// The pauses between reconnection attempts: doubling from the first to the last.
const RETRY_FIRST: Duration = Duration::from_millis(200);
const RETRY_LAST: Duration = Duration::from_secs(5);

/// The running link of a team-mode app (managed state; absent on SQLite).
pub struct LiveLink {
    url: String,
    state: watch::Receiver<LinkState>,
    transitions: broadcast::Sender<LinkState>,
    shutdown: watch::Sender<bool>,
}

impl LiveLink {
    /// Starts listening when `location` is a server; `None` on SQLite.
    pub fn start<R: Runtime>(app: AppHandle<R>, db: DatabaseConnection, location: &DatabaseLocation) -> Option<Self> {
        if location.backend() != DbBackend::Postgres {
            return None;
        }
        let (state_tx, state) = watch::channel(LinkState::Connecting);
        let (shutdown, stopped) = watch::channel(false);
        let (transitions, _) = broadcast::channel(64);
        let link =
            Link { app, db, url: location.url.clone(), state: Arc::new(state_tx), transitions: transitions.clone() };
        tauri::async_runtime::spawn(link.run(stopped));
        Some(Self { url: location.redacted(), state, transitions, shutdown })
    }

    /// What the status bar shows.
    pub fn server(&self) -> ServerLink {
        ServerLink { url: self.url.clone(), state: *self.state.borrow() }
    }

    /// The current state.
    pub fn state(&self) -> LinkState {
        *self.state.borrow()
    }

    /// Every change of state from now on, in order (a reconnection can take milliseconds, too
    /// short to catch by looking at the current state).
    pub fn transitions(&self) -> broadcast::Receiver<LinkState> {
        self.transitions.subscribe()
    }

    pub fn stop(&self) {
        let _ = self.shutdown.send(true);
    }
}

impl Drop for LiveLink {
    fn drop(&mut self) {
        self.stop();
    }
}

struct Link<R: Runtime> {
    app: AppHandle<R>,
    db: DatabaseConnection,
    url: String,
    state: Arc<watch::Sender<LinkState>>,
    transitions: broadcast::Sender<LinkState>,
}

impl<R: Runtime> Link<R> {
    async fn run(self, mut stopped: watch::Receiver<bool>) {
        let origin = match db::origin_of(&self.db).await {
            Ok(origin) => origin,
            Err(err) => {
                log::warn!("cannot read this instance's origin ({err}); other machines' changes will not show live");
                return;
            }
        };
        let mut seen: Option<i64> = None;
        let mut pause = RETRY_FIRST;
        loop {
            let connected = tokio::select! {
                _ = stopped.changed() => return,
                connected = self.listen() => connected,
            };
            let mut listener = match connected {
                Ok(listener) => listener,
                Err(err) => {
                    self.set(LinkState::Reconnecting);
                    log::warn!("cannot listen for other machines' changes: {}", db::redact_in(&err, &self.url));
                    tokio::select! {
                        _ = stopped.changed() => return,
                        _ = tokio::time::sleep(pause) => {}
                    }
                    pause = (pause * 2).min(RETRY_LAST);
                    continue;
                }
            };
            // Listening from here on: whatever committed before is in the log.
            match self.catch_up(seen, origin.as_deref()).await {
                Ok(last) => seen = Some(last),
                Err(err) => {
                    log::warn!("cannot read the change log: {err}");
                    self.set(LinkState::Reconnecting);
                    continue;
                }
            }
            pause = RETRY_FIRST;
            self.set(LinkState::Live);
            loop {
                let received = tokio::select! {
                    _ = stopped.changed() => return,
                    received = listener.try_recv() => received,
                };
                match received {
                    Ok(Some(_)) => match self.catch_up(seen, origin.as_deref()).await {
                        Ok(last) => seen = Some(last),
                        Err(err) => {
                            log::warn!("cannot read the change log: {err}");
                            break;
                        }
                    },
                    // The connection is gone (`Ok(None)` without eager reconnection).
                    Ok(None) => break,
                    Err(err) => {
                        log::warn!("lost the server's change notifications: {err}");
                        break;
                    }
                }
            }
            self.set(LinkState::Reconnecting);
            log::info!("reconnecting to {} for live changes", db::redact(&self.url));
        }
    }

    async fn listen(&self) -> Result<PgListener, String> {
        let mut url = url::Url::parse(&self.url).map_err(|err| err.to_string())?;
        url.query_pairs_mut().append_pair("application_name", LISTENER_NAME);
        let mut listener = PgListener::connect(url.as_str()).await.map_err(|err| err.to_string())?;
        listener.eager_reconnect(false);
        listener.listen(CHANNEL).await.map_err(|err| err.to_string())?;
        Ok(listener)
    }

    /// Emits the entries after `seen` that other instances wrote, and returns the last entry's
    /// number. The first time (`seen` is `None`) it only notes where the log ends: the windows
    /// load everything they show after start-up anyway.
    async fn catch_up(&self, seen: Option<i64>, origin: Option<&str>) -> Result<i64, DbErr> {
        let Some(mut last) = seen else {
            let row = self
                .db
                .query_one_raw(Statement::from_string(
                    DbBackend::Postgres,
                    "SELECT coalesce(max(seq), 0) FROM change_log",
                ))
                .await?;
            return Ok(row.map(|row| row.try_get_by_index::<i64>(0)).transpose()?.unwrap_or(0));
        };
        // Entries older than the oldest kept may have been pruned (docs/TEAM.md): when the log
        // no longer reaches back to what this instance saw, say that everything may have changed.
        // (A rolled-back write also leaves a gap in the numbers; a needless refresh is harmless.)
        let oldest = self
            .db
            .query_one_raw(Statement::from_string(DbBackend::Postgres, "SELECT min(seq) FROM change_log"))
            .await?
            .map(|row| row.try_get_by_index::<Option<i64>>(0))
            .transpose()?
            .flatten();
        if oldest.is_some_and(|oldest| oldest > last + 1) {
            for topic in ["tasks", "projects", "settings"] {
                self.announce(topic, "updated", "[]");
            }
        }
        loop {
            let rows = self
                .db
                .query_all_raw(Statement::from_sql_and_values(
                    DbBackend::Postgres,
                    "SELECT seq, topic, kind, ids, origin IS NOT DISTINCT FROM $1 FROM change_log
                     WHERE seq > $2 ORDER BY seq LIMIT $3",
                    [Value::from(origin.map(str::to_owned)), last.into(), BATCH.into()],
                ))
                .await?;
            let full = rows.len() as i64 == BATCH;
            for row in rows {
                last = row.try_get_by_index(0)?;
                let mine: bool = row.try_get_by_index(4)?;
                if mine {
                    continue;
                }
                let (topic, kind, ids): (String, String, String) =
                    (row.try_get_by_index(1)?, row.try_get_by_index(2)?, row.try_get_by_index(3)?);
                self.announce(&topic, &kind, &ids);
            }
            if !full {
                return Ok(last);
            }
        }
    }

    fn announce(&self, topic: &str, kind: &str, ids: &str) {
        let topic = match topic {
            "tasks" => Topic::Tasks,
            "projects" => Topic::Projects,
            _ => Topic::Settings,
        };
        let kind = match kind {
            "created" => ChangeKind::Created,
            "deleted" => ChangeKind::Deleted,
            _ => ChangeKind::Updated,
        };
        let ids = serde_json::from_str(ids).unwrap_or_default();
        if let Err(err) = self.app.emit(topic.event_name(), ChangeEvent { kind, ids }) {
            log::warn!("cannot emit {}: {err}", topic.event_name());
        }
        if let Some(reporter) = self.app.try_state::<StatusReporter>() {
            reporter.poke();
        }
    }

    fn set(&self, state: LinkState) {
        if !self.state.send_if_modified(|current| std::mem::replace(current, state) != state) {
            return;
        }
        let _ = self.transitions.send(state); // nobody may be subscribed
        if let Some(reporter) = self.app.try_state::<StatusReporter>() {
            reporter.poke();
        }
    }
}
