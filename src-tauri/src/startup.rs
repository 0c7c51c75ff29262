//! Windows appear painted: each is created hidden and shown when its page emits `ui:ready`
//! (after painting its first page of tasks), or after [`ready_timeout`] if the page never says so.
//!
//! `ui:ready` is the one event that goes from a page to the backend. Its payload names the
//! window (`{ "label": "main" }`); the isolation hook lets pages emit no other event.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use serde::Deserialize;
use tauri::{AppHandle, Listener, Manager, Runtime};

/// The event a page emits once its first page of tasks is painted.
pub const UI_READY: &str = "ui:ready";
/// How long a window may stay hidden waiting for its page, unless `TASKLANE_READY_TIMEOUT_MS`
/// says otherwise (the end-to-end tests raise it: under WebDriver on a loaded machine a page can
/// take longer than 5 s to load, and they check that the window was shown by `ui:ready`).
pub const READY_TIMEOUT: Duration = Duration::from_secs(5);

/// [`READY_TIMEOUT`], or `TASKLANE_READY_TIMEOUT_MS` when set to a number.
pub fn ready_timeout() -> Duration {
    std::env::var("TASKLANE_READY_TIMEOUT_MS")
        .ok()
        .and_then(|ms| ms.parse().ok())
        .map_or(READY_TIMEOUT, Duration::from_millis)
}

/// Why a window was shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reveal {
    /// Its page emitted `ui:ready`.
    Ready,
    /// Its page had not emitted `ui:ready` after [`ready_timeout`].
    Timeout,
}

/// Start-up timing and which windows have been shown, managed as app state.
pub struct Startup {
    began: Instant,
    state: Mutex<StartupState>,
}

#[derive(Default)]
struct StartupState {
    /// Milliseconds from [`Startup::began`] to the main window's first `ui:ready`.
    ready_ms: Option<u64>,
    revealed: HashMap<String, Reveal>,
}

impl Startup {
    /// `began` is when the process started its work (taken first thing in `run`).
    pub fn new(began: Instant) -> Self {
        Self { began, state: Mutex::new(StartupState::default()) }
    }

    /// Milliseconds from the process start to the main window's first painted page; `None` before.
    pub fn ready_ms(&self) -> Option<u64> {
        self.lock().ready_ms
    }

    /// Why the window `label` was shown, if it has been.
    pub fn revealed(&self, label: &str) -> Option<Reveal> {
        self.lock().revealed.get(label).copied()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, StartupState> {
        self.state.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

#[derive(Deserialize)]
struct Ready {
    label: String,
}

/// Listens for `ui:ready` from every page. Call once, in set-up, after managing [`Startup`].
pub fn listen_for_ready<R: Runtime>(app: &AppHandle<R>) {
    let handle = app.clone();
    app.listen_any(UI_READY, move |event| match serde_json::from_str::<Ready>(event.payload()) {
        Ok(Ready { label }) => reveal(&handle, &label, Reveal::Ready),
        Err(err) => log::warn!("ignored a {UI_READY} event with payload {}: {err}", event.payload()),
    });
}

/// Shows the window `label` after [`ready_timeout`] if its page has not emitted `ui:ready` by then.
pub fn reveal_by_deadline<R: Runtime>(app: &AppHandle<R>, label: String) {
    let handle = app.clone();
    let timeout = ready_timeout();
    tauri::async_runtime::spawn(async move {
        tokio::time::sleep(timeout).await;
        reveal(&handle, &label, Reveal::Timeout);
    });
}

/// Shows the window once, whichever of `ui:ready` and the deadline comes first, and logs it.
fn reveal<R: Runtime>(app: &AppHandle<R>, label: &str, why: Reveal) {
    let (Some(startup), Some(window)) = (app.try_state::<Startup>(), app.get_webview_window(label)) else {
        return;
    };
    let elapsed = u64::try_from(startup.began.elapsed().as_millis()).unwrap_or(u64::MAX);
    {
        let mut state = startup.lock();
        if state.revealed.contains_key(label) {
            return;
        }
        state.revealed.insert(label.to_owned(), why);
        if label == "main" && why == Reveal::Ready {
            state.ready_ms = Some(elapsed);
        }
    }
    match why {
        Reveal::Ready => log::info!("window {label} painted its first page {elapsed} ms after start"),
        Reveal::Timeout => log::warn!(
            "window {label}: no {UI_READY} from its page within {} ms ({elapsed} ms after start); showing it anyway",
            ready_timeout().as_millis()
        ),
    }
    if let Err(err) = window.show() {
        log::error!("cannot show window {label}: {err}");
    }
}
