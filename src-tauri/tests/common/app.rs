//! The app on Tauri's mock runtime, driven through the real IPC path: JSON bodies exactly as the
//! TypeScript client sends them, the app's own config and capabilities, a fresh database on the
//! engine under test (SQLite in memory, or a new database on the PostgreSQL test server).

use std::sync::{Arc, Mutex, mpsc};
use std::time::Duration;

use sea_orm::DatabaseConnection;
use serde_json::Value;
use tasklane_lib::database_choice::ChoiceFile;
use tasklane_lib::{Logging, app};
use tauri::ipc::{CallbackFn, InvokeBody, InvokeResponseBody};
use tauri::test::{INVOKE_KEY, MockRuntime, get_ipc_response, mock_builder};
use tauri::webview::InvokeRequest;
use tauri::{App, Listener, Manager, WebviewWindow};

pub struct TestApp {
    pub app: App<MockRuntime>,
    pub window: WebviewWindow<MockRuntime>,
    /// Holds the app's config folder (where Settings → Database keeps its choice).
    pub config_dir: tempfile::TempDir,
    /// Every message sent over a `Channel` (a command's `onProgress`), in order, with the channel's id.
    pub channel_messages: Arc<Mutex<Vec<(u32, Value)>>>,
}

impl TestApp {
    pub fn new() -> Self {
        Self::on(tauri::async_runtime::block_on(super::fresh_location()))
    }

    /// The app on the database at `location` (two apps on one server database are two machines).
    pub fn on(location: tasklane_lib::db::DatabaseLocation) -> Self {
        let config_dir = tempfile::tempdir().unwrap();
        let choice = ChoiceFile(config_dir.path().join(tasklane_lib::database_choice::FILE_NAME));
        let channel_messages: Arc<Mutex<Vec<(u32, Value)>>> = Arc::default();
        let sent = channel_messages.clone();
        let builder = mock_builder().channel_interceptor(move |_, callback, _, body| {
            if let InvokeResponseBody::Json(json) = body {
                sent.lock().unwrap().push((callback.0, serde_json::from_str(json).unwrap()));
            }
            true
        });
        let mut app = app(builder, Logging::AlreadyInstalled)
            .manage(location)
            .manage(choice)
            .build(tauri::generate_context!())
            .expect("the app builds on the mock runtime");
        // Set-up runs when the event loop starts; one iteration runs it.
        #[allow(deprecated)] // run_return would block; one iteration is all set-up needs
        app.run_iteration(|_, _| {});
        let window = app.get_webview_window("main").expect("set-up opens the main window");
        Self { app, window, config_dir, channel_messages }
    }

    /// The connection the commands use.
    pub fn db(&self) -> DatabaseConnection {
        self.app.state::<DatabaseConnection>().inner().clone()
    }

    /// Invokes `cmd` with `args` and returns the JSON reply, or the JSON rejection.
    pub fn invoke(&self, cmd: &str, args: Value) -> Result<Value, Value> {
        self.invoke_from(&self.window, cmd, args)
    }

    pub fn invoke_from(&self, window: &WebviewWindow<MockRuntime>, cmd: &str, args: Value) -> Result<Value, Value> {
        invoke_at(window, LOCAL_ORIGIN, cmd, args)
    }

    pub fn ok(&self, cmd: &str, args: Value) -> Value {
        self.invoke(cmd, args).unwrap_or_else(|err| panic!("{cmd} failed: {err}"))
    }

    pub fn err(&self, cmd: &str, args: Value) -> Value {
        self.invoke(cmd, args).expect_err(&format!("{cmd} should have failed"))
    }

    /// Collects the payloads of `event` sent from now on.
    pub fn listen(&self, event: &str) -> mpsc::Receiver<Value> {
        let (tx, rx) = mpsc::channel();
        self.app.listen_any(event, move |event| {
            let _ = tx.send(serde_json::from_str::<Value>(event.payload()).unwrap());
        });
        rx
    }
}

/// The origin the app's own pages have on Linux (the `tauri://` custom protocol).
pub const LOCAL_ORIGIN: &str = "tauri://localhost";

pub fn invoke_at(window: &WebviewWindow<MockRuntime>, origin: &str, cmd: &str, args: Value) -> Result<Value, Value> {
    let request = InvokeRequest {
        cmd: cmd.into(),
        callback: CallbackFn(0),
        error: CallbackFn(1),
        url: origin.parse().unwrap(),
        body: InvokeBody::Json(args),
        headers: Default::default(),
        invoke_key: INVOKE_KEY.to_string(),
    };
    get_ipc_response(window, request).map(|body| body.deserialize::<Value>().unwrap())
}

pub fn next(rx: &mpsc::Receiver<Value>) -> Value {
    rx.recv_timeout(Duration::from_secs(5)).expect("event received")
}
