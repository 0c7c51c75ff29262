//! Tasklane's backend.
//!
//! - [`db`]: opening the database and the operations (no Tauri in there);
//! - [`models`]: the IPC contract types; [`error`]: the error every command returns;
//! - [`commands`]: thin `#[tauri::command]` handlers; [`events`]: what the backend tells windows.
//!
//! [`app`] assembles the application on any [`Runtime`], so `main` runs it on the real one and the
//! tests on `tauri::test::mock_builder()`.

pub mod commands;
pub mod database_choice;
pub mod db;
pub mod error;
pub mod events;
pub mod formats;
pub mod live;
pub mod models;
pub mod startup;

use tauri::{App, Builder, Manager, RunEvent, Runtime, WebviewWindowBuilder};
use tauri_plugin_dialog::{DialogExt, MessageDialogButtons, MessageDialogKind};

use crate::database_choice::ChoiceFile;
use crate::db::DatabaseLocation;
use crate::events::StatusReporter;
use crate::live::LiveLink;
use crate::startup::Startup;

pub const APP_VERSION: &str = env!("CARGO_PKG_VERSION");

/// Whether [`app`] installs the process-wide logger. A process has one logger, so tests that
/// build many apps in one process install none.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Logging {
    Install,
    AlreadyInstalled,
}

/// Registers plugins, commands and set-up: everything the app is, on any runtime.
///
/// Set-up opens the database (a [`DatabaseLocation`] already managed by the caller, else
/// `TASKLANE_DB_URL`, else `tasklane.db` in the app-data folder),
/// migrates it, manages the connection and its location, starts the status reporter, and opens
/// the windows declared in `tauri.conf.json` (hidden until their page is painted: [`startup`]). When the database cannot be opened, the user gets a
/// dialog saying why and the app exits; nothing panics.
pub fn app<R: Runtime>(builder: Builder<R>, logging: Logging) -> Builder<R> {
    builder
        .plugin(log_plugin(logging))
        .plugin(tauri_plugin_dialog::init())
        .invoke_handler(commands::with_command_names!(handler_of_commands))
        .setup(|app| {
            if let Err(message) = start(app) {
                log::error!("start-up failed: {message}");
                let handle = app.handle().clone();
                let error = |text: String| app.dialog().message(text).title("Tasklane").kind(MessageDialogKind::Error);
                if !chosen_in_settings(app) {
                    error(format!("Tasklane cannot start.\n\n{message}")).show(move |_| handle.exit(1));
                    return Ok(());
                }
                // A server chosen in Settings that cannot be used now (down, unreachable, a
                // password changed) must not lock the user out of the app: they may go back to
                // the database on this computer, which forgets the choice (the server is untouched).
                error(format!(
                    "Tasklane cannot start.\n\n{message}\n\nThis database was chosen in Settings → Database. \
                     You can open the database on this computer instead, and choose the server again in \
                     Settings once it can be reached."
                ))
                .buttons(MessageDialogButtons::OkCancelCustom("Use this computer's database".into(), "Quit".into()))
                .show(move |use_local| {
                    if !use_local {
                        return handle.exit(1);
                    }
                    match handle.state::<ChoiceFile>().write(None) {
                        Ok(()) => handle.restart(),
                        Err(err) => {
                            log::error!("cannot forget the chosen database: {err}");
                            handle.exit(1);
                        }
                    }
                });
            }
            Ok(())
        })
}

macro_rules! handler_of_commands {
    ($($name:ident),* $(,)?) => {
        tauri::generate_handler![$(commands::$name),*]
    };
}
use handler_of_commands;

/// Whether the database this instance tried to open is the one chosen in Settings (not
/// `TASKLANE_DB_URL`, not the default file).
fn chosen_in_settings<R: Runtime>(app: &App<R>) -> bool {
    std::env::var(db::DB_URL_ENV).ok().filter(|url| !url.trim().is_empty()).is_none()
        && app.try_state::<ChoiceFile>().is_some_and(|choice| matches!(choice.read(), Ok(Some(_))))
}

fn start<R: Runtime>(app: &mut App<R>) -> Result<(), String> {
    if app.try_state::<ChoiceFile>().is_none() {
        let config_dir =
            app.path().app_config_dir().map_err(|err| format!("cannot find the app config folder: {err}"))?;
        app.manage(ChoiceFile(config_dir.join(database_choice::FILE_NAME)));
    }
    let location = match app.try_state::<DatabaseLocation>() {
        Some(chosen) => chosen.inner().clone(),
        None => {
            let data_dir =
                app.path().app_data_dir().map_err(|err| format!("cannot find the app-data folder: {err}"))?;
            // TASKLANE_DB_URL, else the database chosen in Settings, else the local file.
            let chosen = match std::env::var(db::DB_URL_ENV).ok().filter(|url| !url.trim().is_empty()) {
                Some(_) => None,
                None => app.state::<ChoiceFile>().read()?,
            };
            let location = match chosen {
                Some(url) => DatabaseLocation::from_url(&url).map_err(|err| err.to_string())?,
                None => db::default_location(&data_dir).map_err(|err| err.to_string())?,
            };
            app.manage(location.clone());
            location
        }
    };
    log::info!("opening database {}", location.redacted());
    let connection = tauri::async_runtime::block_on(db::open(&location)).map_err(|err| err.to_string())?;

    if let Some(link) = LiveLink::start(app.handle().clone(), connection.clone(), &location) {
        app.manage(link);
    }
    if let Some(backups) = db::backups::Backups::of(&location) {
        // In the background: a copy does not block writers (WAL) and takes ~1 s at 100,000 tasks.
        let connection = connection.clone();
        tauri::async_runtime::spawn(async move {
            match backups.daily(&connection).await {
                Ok(Some(backup)) => log::info!("wrote the daily backup {} ({} bytes)", backup.name, backup.bytes),
                Ok(None) => {}
                Err(err) => log::warn!("cannot write the daily backup: {err}"),
            }
        });
    }
    app.manage(StatusReporter::start(app.handle().clone(), connection.clone(), location));
    app.manage(connection);
    app.manage(commands::DataJobs::default());

    if app.try_state::<Startup>().is_none() {
        app.manage(Startup::new(std::time::Instant::now()));
    }
    startup::listen_for_ready(app.handle());
    for config in app.config().app.windows.iter().filter(|config| !config.create) {
        WebviewWindowBuilder::from_config(app.handle(), config)
            .and_then(|window| window.build())
            .map_err(|err| format!("cannot open window {}: {err}", config.label))?;
        startup::reveal_by_deadline(app.handle(), config.label.clone());
    }
    Ok(())
}

fn log_plugin<R: Runtime>(logging: Logging) -> tauri::plugin::TauriPlugin<R> {
    use tauri_plugin_log::{Builder, Target, TargetKind};
    let builder = Builder::new()
        .level(log::LevelFilter::Info)
        .level_for("sqlx", log::LevelFilter::Warn)
        .level_for("sea_orm", log::LevelFilter::Warn)
        .targets([Target::new(TargetKind::Stdout), Target::new(TargetKind::LogDir { file_name: None })]);
    match logging {
        Logging::Install => builder.build(),
        Logging::AlreadyInstalled => builder.skip_logger().build(),
    }
}

/// Runs Tasklane on the real runtime until its last window closes.
pub fn run() {
    let began = std::time::Instant::now();
    let app =
        app(tauri::Builder::default().manage(Startup::new(began)), Logging::Install).build(tauri::generate_context!());
    match app {
        Ok(app) => app.run(|handle, event| {
            if let RunEvent::Exit = event {
                if let Some(reporter) = handle.try_state::<StatusReporter>() {
                    reporter.stop();
                }
                if let Some(link) = handle.try_state::<LiveLink>() {
                    link.stop();
                }
            }
        }),
        Err(err) => {
            log::error!("cannot build the app: {err}");
            std::process::exit(1);
        }
    }
}
