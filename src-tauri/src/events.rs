//! Backend → frontend events: change announcements after mutations, and the periodic
//! `app:status` report.

use std::sync::Arc;
use std::time::Duration;

use sea_orm::DatabaseConnection;
use tauri::{AppHandle, Emitter, Manager, Runtime};
use tokio::sync::{Notify, watch};

use crate::db::{DatabaseLocation, status_operations};
use crate::live::LiveLink;
use crate::models::{AppStatus, ChangeEvent, ChangeKind};
use crate::startup::Startup;

/// How often `app:status` is sent when nothing changes.
pub const STATUS_INTERVAL: Duration = Duration::from_secs(5);
/// How long after a mutation `app:status` waits for more mutations before it reports.
pub const STATUS_DEBOUNCE: Duration = Duration::from_millis(150);
pub const APP_STATUS_EVENT: &str = "app:status";

/// What changed, which names the event sent to every window.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Topic {
    Tasks,
    Projects,
    Settings,
}

impl Topic {
    pub fn event_name(self) -> &'static str {
        match self {
            Self::Tasks => "tasks:changed",
            Self::Projects => "projects:changed",
            Self::Settings => "settings:changed",
        }
    }
}

/// Tells every window that anything may have changed (an import, a restore): each reloads what
/// it shows.
pub fn announce_everything<R: Runtime>(app: &AppHandle<R>) {
    for topic in [Topic::Tasks, Topic::Projects, Topic::Settings] {
        announce(app, topic, ChangeKind::Updated, Vec::new());
    }
}

/// Tells every window what a successful mutation changed, and schedules a status report.
/// A window that cannot be reached is logged, never an error for the caller: the write happened.
pub fn announce<R: Runtime>(app: &AppHandle<R>, topic: Topic, kind: ChangeKind, ids: Vec<entity::Id>) {
    if let Err(err) = app.emit(topic.event_name(), ChangeEvent { kind, ids }) {
        log::warn!("cannot emit {}: {err}", topic.event_name());
    }
    if let Some(reporter) = app.try_state::<StatusReporter>() {
        reporter.poke();
    }
}

/// The background task that emits `app:status`: every [`STATUS_INTERVAL`], and shortly after each
/// mutation (bursts are coalesced). [`StatusReporter::stop`] ends it; so does dropping the reporter.
pub struct StatusReporter {
    wake: Arc<Notify>,
    shutdown: watch::Sender<bool>,
}

impl StatusReporter {
    pub fn start<R: Runtime>(app: AppHandle<R>, db: DatabaseConnection, location: DatabaseLocation) -> Self {
        let wake = Arc::new(Notify::new());
        let (shutdown, mut stopped) = watch::channel(false);
        let woken = wake.clone();
        tauri::async_runtime::spawn(async move {
            let mut ticks = tokio::time::interval(STATUS_INTERVAL);
            loop {
                tokio::select! {
                    _ = stopped.changed() => break,
                    _ = ticks.tick() => {}
                    _ = woken.notified() => {
                        tokio::time::sleep(STATUS_DEBOUNCE).await;
                        ticks.reset();
                    }
                }
                match status_operations::app_status(&db, &location, crate::APP_VERSION).await {
                    Ok(status) => {
                        let startup_ms = app.try_state::<Startup>().and_then(|startup| startup.ready_ms());
                        let server = app.try_state::<LiveLink>().map(|link| link.server());
                        if let Err(err) = app.emit(APP_STATUS_EVENT, AppStatus { startup_ms, server, ..status }) {
                            log::warn!("cannot emit {APP_STATUS_EVENT}: {err}");
                        }
                    }
                    Err(err) => log::warn!("cannot compute app status: {err}"),
                }
            }
            log::debug!("status reporter stopped");
        });
        Self { wake, shutdown }
    }

    /// Asks for a report soon (after the debounce delay).
    pub fn poke(&self) {
        self.wake.notify_one();
    }

    pub fn stop(&self) {
        let _ = self.shutdown.send(true);
    }
}

impl Drop for StatusReporter {
    fn drop(&mut self) {
        self.stop();
    }
}
