//! Tasklane on Tauri's mock runtime, driven through the real IPC path (JSON in, JSON out), with a
//! count of the SQL statements its commands run.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use sea_orm::DatabaseConnection;
use sea_orm::sqlx::SqlitePool;
use serde_json::Value;
use tasklane_lib::db::{self, DatabaseLocation};
use tasklane_lib::events::StatusReporter;
use tasklane_lib::{Logging, app};
use tauri::ipc::{CallbackFn, InvokeBody, InvokeResponseBody};
use tauri::test::{INVOKE_KEY, MockRuntime, get_ipc_response, mock_builder};
use tauri::webview::InvokeRequest;
use tauri::{App, Manager, WebviewWindow};

/// The origin of the app's own pages on Linux.
const LOCAL_ORIGIN: &str = "tauri://localhost";

pub struct BenchApp {
    _app: App<MockRuntime>,
    window: WebviewWindow<MockRuntime>,
    /// The connection the commands use (a clone sharing its pool and statement counter).
    pub db: DatabaseConnection,
    statements: Arc<AtomicUsize>,
}

impl BenchApp {
    /// Builds the app as `main` does, on the mock runtime, and runs its set-up.
    ///
    /// The connection is opened here with `db::open` (same pragmas and pool as the app's) and
    /// managed *before* set-up, with a metric callback that counts statements. Set-up still opens
    /// its own connection, for the status reporter, but `manage` keeps the first value of a type,
    /// so every command runs on this one. The status reporter is stopped, so that its periodic
    /// full-table counts do not land in the samples.
    pub fn start(location: &DatabaseLocation) -> Self {
        let mut db = tauri::async_runtime::block_on(db::open(location)).expect("open the database");
        let statements = Arc::new(AtomicUsize::new(0));
        let counter = statements.clone();
        db.set_metric_callback(move |_| {
            counter.fetch_add(1, Ordering::Relaxed);
        });
        let mut app = app(mock_builder(), Logging::AlreadyInstalled)
            .manage(location.clone())
            .manage(db.clone())
            .build(tauri::generate_context!())
            .expect("the app builds on the mock runtime");
        #[allow(deprecated)] // run_return would block; one iteration is all set-up needs
        app.run_iteration(|_, _| {});
        let window = app.get_webview_window("main").expect("set-up opens the main window");
        app.state::<StatusReporter>().stop();
        Self { _app: app, window, db, statements }
    }

    /// Invokes `cmd` with `args` and returns the JSON text of the reply; panics on a rejection.
    pub fn invoke(&self, cmd: &str, args: Value) -> String {
        let request = InvokeRequest {
            cmd: cmd.into(),
            callback: CallbackFn(0),
            error: CallbackFn(1),
            url: LOCAL_ORIGIN.parse().unwrap(),
            body: InvokeBody::Json(args),
            headers: Default::default(),
            invoke_key: INVOKE_KEY.to_string(),
        };
        match get_ipc_response(&self.window, request) {
            Ok(InvokeResponseBody::Json(json)) => json,
            Ok(InvokeResponseBody::Raw(bytes)) => String::from_utf8(bytes).expect("a UTF-8 reply"),
            Err(rejection) => panic!("{cmd} was rejected: {rejection}"),
        }
    }

    /// The SQL statements the commands run while `work` runs, with its result.
    pub fn statements_during<T>(&self, work: impl FnOnce() -> T) -> (usize, T) {
        let before = self.statements.load(Ordering::SeqCst);
        let result = work();
        (self.statements.load(Ordering::SeqCst) - before, result)
    }

    /// The raw sqlx pool under the commands' connection, for the hand-written baselines.
    pub fn pool(&self) -> &SqlitePool {
        self.db.get_sqlite_connection_pool()
    }
}

/// Runs `future` to completion on the runtime the commands run on.
pub fn block_on<F: std::future::Future>(future: F) -> F::Output {
    tauri::async_runtime::block_on(future)
}
