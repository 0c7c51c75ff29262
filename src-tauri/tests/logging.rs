//! Every error that reaches the IPC boundary is logged exactly once, with its cause chain.
//! A process has one logger, so this suite has its own test binary.

mod common;

use std::sync::Mutex;

use common::app::TestApp;
use log::{Level, LevelFilter, Log, Metadata, Record};
use sea_orm::ConnectionTrait;
use serde_json::json;

struct Capture(Mutex<Vec<(Level, String)>>);

impl Log for Capture {
    fn enabled(&self, _: &Metadata) -> bool {
        true
    }

    fn log(&self, record: &Record) {
        if record.target() == "tasklane_lib::error" {
            self.0.lock().unwrap().push((record.level(), record.args().to_string()));
        }
    }

    fn flush(&self) {}
}

static LOGGED: Capture = Capture(Mutex::new(Vec::new()));

/// What the error module logged while `call` ran.
fn logged_during(call: impl FnOnce()) -> Vec<(Level, String)> {
    LOGGED.0.lock().unwrap().clear();
    call();
    std::mem::take(&mut *LOGGED.0.lock().unwrap())
}

#[test]
fn each_error_is_logged_once_with_its_code_field_and_cause_chain() {
    log::set_logger(&LOGGED).expect("this test binary installs the only logger");
    log::set_max_level(LevelFilter::Trace);
    let t = TestApp::new();

    let rejected = logged_during(|| {
        t.err("db_create_task", json!({ "input": { "title": " " } }));
    });
    assert_eq!(rejected, [(Level::Info, "Validation (field title): Title cannot be empty".to_owned())]);

    let malformed = logged_during(|| {
        t.err("db_create_task", json!({ "input": { "title": "t", "priority": "bogus" } }));
    });
    assert_eq!(malformed.len(), 1, "{malformed:?}");
    assert_eq!(malformed[0].0, Level::Info);
    assert!(malformed[0].1.contains("(field input.priority)") && malformed[0].1.contains("bogus"), "{malformed:?}");

    let db = t.db();
    tauri::async_runtime::block_on(db.execute_unprepared("DROP TABLE settings")).unwrap();
    let failed = logged_during(|| {
        let error = t.err("db_get_settings", json!({}));
        assert_eq!(error["code"], "DATABASE");
        assert!(!error["message"].as_str().unwrap().contains("settings"), "the SQL stays out of the message");
    });
    assert_eq!(failed.len(), 1, "{failed:?}");
    assert_eq!(failed[0].0, Level::Error);
    assert!(failed[0].1.starts_with("Database: database error: "), "{failed:?}");
    assert!(failed[0].1.contains("no such table: settings"), "the cause is in the log: {failed:?}");

    let fine = logged_during(|| {
        t.ok("db_get_tasks", json!({}));
    });
    assert!(fine.is_empty(), "success logs no error: {fine:?}");
}
