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
use std::sync::atomic::{AtomicI64, Ordering};
use std::time::Duration;

use sea_orm::sqlx::postgres::PgListener;
use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, DbErr, Statement, TransactionTrait, Value};
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
/// How long the listening connection may stay quiet before it is asked for an answer, and how
/// long that answer may take before the connection counts as lost.
const HEARTBEAT: Duration = Duration::from_secs(30);
const HEARTBEAT_ANSWER: Duration = Duration::from_secs(5);

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
        // Where the log ends is read now, before any window loads what it shows: whatever commits
        // after this point is announced, so nothing falls between the first load and listening.
        let beginning = tauri::async_runtime::block_on(Beginning::read(&db));
        let link = Link {
            app,
            db,
            url: location.url.clone(),
            state: Arc::new(state_tx),
            transitions: transitions.clone(),
            refreshed_through: AtomicI64::new(0),
        };
        tauri::async_runtime::spawn(link.run(stopped, beginning));
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

/// What an instance knows before it listens: its own origin, and the last entry in the log.
struct Beginning {
    origin: Option<String>,
    seen: i64,
}

impl Beginning {
    async fn read(db: &DatabaseConnection) -> Result<Self, DbErr> {
        let origin = db::origin_of(db).await?;
        if origin.is_none() {
            log::warn!("this instance's connections carry no origin: its own changes will be announced twice");
        }
        let row = db
            .query_one_raw(Statement::from_string(DbBackend::Postgres, "SELECT coalesce(max(seq), 0) FROM change_log"))
            .await?;
        let seen = row.map(|row| row.try_get_by_index::<i64>(0)).transpose()?.unwrap_or(0);
        Ok(Self { origin, seen })
    }
}

struct Link<R: Runtime> {
    app: AppHandle<R>,
    db: DatabaseConnection,
    url: String,
    state: Arc<watch::Sender<LinkState>>,
    transitions: broadcast::Sender<LinkState>,
    /// The newest entry number up to which the windows were last told to reload everything.
    refreshed_through: AtomicI64,
}

impl<R: Runtime> Link<R> {
    async fn run(self, mut stopped: watch::Receiver<bool>, beginning: Result<Beginning, DbErr>) {
        let mut pause = RETRY_FIRST;
        let Beginning { origin, mut seen } = match beginning {
            Ok(beginning) => beginning,
            Err(err) => {
                // The server went away right after opening: once it is back, nothing said what
                // changed meanwhile, so the windows are told that anything may have.
                log::warn!("cannot read where the change log ends: {}", db::redact_in(&err.to_string(), &self.url));
                self.set(LinkState::Reconnecting);
                loop {
                    if !self.pause(&mut pause, &mut stopped).await {
                        return;
                    }
                    if let Ok(beginning) = Beginning::read(&self.db).await {
                        self.announce_everything();
                        break beginning;
                    }
                }
            }
        };
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
                    if !self.pause(&mut pause, &mut stopped).await {
                        return;
                    }
                    continue;
                }
            };
            // Listening from here on: whatever committed before is in the log.
            match self.catch_up(seen, origin.as_deref()).await {
                Ok(last) => seen = last,
                Err(err) => {
                    log::warn!("cannot read the change log: {}", db::redact_in(&err.to_string(), &self.url));
                    self.set(LinkState::Reconnecting);
                    if !self.pause(&mut pause, &mut stopped).await {
                        return;
                    }
                    continue;
                }
            }
            // After a lost connection, the windows reload what they show: a change this instance
            // made as the connection dropped may have committed although its command failed.
            if self.state() == LinkState::Reconnecting {
                self.announce_everything();
            }
            pause = RETRY_FIRST;
            self.set(LinkState::Live);
            loop {
                let received = tokio::select! {
                    _ = stopped.changed() => return,
                    received = listener.try_recv() => Some(received),
                    _ = tokio::time::sleep(HEARTBEAT) => None,
                };
                match received {
                    Some(Ok(Some(_))) => {}
                    // The connection is gone (`Ok(None)` without eager reconnection).
                    Some(Ok(None)) => break,
                    Some(Err(err)) => {
                        log::warn!("lost the server's change notifications: {err}");
                        break;
                    }
                    // Quiet for a while: a connection whose peer vanished (a laptop that slept,
                    // a NAT that forgot it) looks exactly like this, so ask the listening
                    // connection for an answer, and read the log in case a notification was lost.
                    None => {
                        let answer = tokio::time::timeout(
                            HEARTBEAT_ANSWER,
                            sea_orm::sqlx::query("SELECT 1").execute(&mut listener),
                        )
                        .await;
                        if !matches!(answer, Ok(Ok(_))) {
                            log::warn!("the server did not answer on the listening connection; reconnecting");
                            break;
                        }
                    }
                }
                match self.catch_up(seen, origin.as_deref()).await {
                    Ok(last) => seen = last,
                    Err(err) => {
                        log::warn!("cannot read the change log: {}", db::redact_in(&err.to_string(), &self.url));
                        break;
                    }
                }
            }
            self.set(LinkState::Reconnecting);
            log::info!("reconnecting to {} for live changes", db::redact(&self.url));
        }
    }

    /// Waits before the next attempt, the pause growing each time; `false` when the app stops.
    async fn pause(&self, pause: &mut Duration, stopped: &mut watch::Receiver<bool>) -> bool {
        let wait = *pause;
        *pause = (*pause * 2).min(RETRY_LAST);
        tokio::select! {
            _ = stopped.changed() => false,
            _ = tokio::time::sleep(wait) => true,
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
    /// number.
    async fn catch_up(&self, seen: i64, origin: Option<&str>) -> Result<i64, DbErr> {
        // Entries may have been pruned (docs/TEAM.md): when the log no longer reaches back to what
        // this instance saw (its oldest entry is newer, or it is empty while numbers were handed
        // out since), say that everything may have changed. A rolled-back write also leaves a gap
        // in the numbers; the needless refresh that causes is harmless.
        let covered = seen.max(self.refreshed_through.load(Ordering::Relaxed));
        let (oldest, handed_out) = self.bounds(false).await?;
        let pruned = match oldest {
            // Entries are numbered under the write lock and commit before the next is numbered,
            // so the oldest one kept is past `covered + 1` only when entries were deleted.
            Some(oldest) => oldest > covered + 1,
            // An empty log with newer numbers handed out: pruned, or a write still in flight
            // (its entry not committed yet). Read again once no writer holds the write lock.
            None if handed_out > covered => {
                let (oldest, handed_out) = self.bounds(true).await?;
                oldest.map_or(handed_out > covered, |oldest| oldest > covered + 1)
            }
            None => false,
        };
        if pruned {
            // (`seen` stays where it is: `refreshed_through` keeps this gap from being
            // announced again.)
            self.refreshed_through.store(handed_out, Ordering::Relaxed);
            self.announce_everything();
        }
        let mut last = seen;
        loop {
            let rows = self
                .db
                .query_all_raw(Statement::from_sql_and_values(
                    DbBackend::Postgres,
                    // An entry is this instance's own when it carries this instance's origin; one
                    // without an origin (psql, another tool) never is.
                    "SELECT seq, topic, kind, ids, coalesce(origin = $1, false) FROM change_log
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

    /// The oldest entry in the log and the newest number handed out. With `after_writers`, read
    /// once no write is in flight (a shared hold on the write lock, in a transaction of its own).
    async fn bounds(&self, after_writers: bool) -> Result<(Option<i64>, i64), DbErr> {
        // A sequence not yet used reports 1 as its last value, with is_called false.
        let sql = "SELECT min(seq), (SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM change_log_seq_seq)
                   FROM change_log";
        let statement = Statement::from_string(DbBackend::Postgres, sql);
        let row = if after_writers {
            let txn = self.db.begin().await?;
            txn.execute_raw(Statement::from_string(
                DbBackend::Postgres,
                "SELECT pg_advisory_xact_lock_shared(8386110886357593702)",
            ))
            .await?;
            let row = txn.query_one_raw(statement).await?;
            txn.commit().await?;
            row
        } else {
            self.db.query_one_raw(statement).await?
        };
        match row {
            Some(row) => Ok((row.try_get_by_index::<Option<i64>>(0)?, row.try_get_by_index::<i64>(1)?)),
            None => Ok((None, 0)),
        }
    }

    /// Tells the windows that anything may have changed, so they reload what they show.
    fn announce_everything(&self) {
        for topic in ["tasks", "projects", "settings"] {
            self.announce(topic, "updated", "[]");
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

    fn state(&self) -> LinkState {
        *self.state.borrow()
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
