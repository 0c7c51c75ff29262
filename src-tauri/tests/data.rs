//! Import and export: round trips per format, re-imports, bad files (refused with their line,
//! nothing written), file paths, cancelling, and the progress sent over the channel. On the engine
//! under test (run on both by `make test-rust`).

mod common;

use common::app::TestApp;
use sea_orm::DatabaseConnection;
use serde_json::{Value, json};
use tasklane_lib::commands::read_import_file;
use tasklane_lib::db::data_operations::{self, Job};
use tasklane_lib::db::project_operations::create_project;
use tasklane_lib::db::settings_operations::update_settings;
use tasklane_lib::db::task_operations::create_task;
use tasklane_lib::error::{AppError, ErrorCode};
use tasklane_lib::models::{DataFormat, ImportSummary, Progress, ProgressPhase};

/// A job that records progress and cancels once `cancel_after` messages were sent.
#[derive(Default)]
struct Recorder {
    seen: Vec<Progress>,
    cancel_after: Option<usize>,
}

impl Job for Recorder {
    fn progress(&mut self, progress: Progress) {
        self.seen.push(progress);
    }

    fn cancelled(&self) -> bool {
        self.cancel_after.is_some_and(|after| self.seen.len() >= after)
    }
}

/// Projects, tags, settings and tasks with every field a user can set, in awkward text.
async fn seed(db: &DatabaseConnection) {
    let home = create_project(db, serde_json::from_value(json!({ "name": "Home", "color": "#1A2B3C" })).unwrap())
        .await
        .unwrap();
    let work = create_project(
        db,
        serde_json::from_value(json!({ "name": "Work, \"big\"", "description": "line one\nline two" })).unwrap(),
    )
    .await
    .unwrap();
    let tasks = [
        json!({ "title": "Plain" }),
        json!({ "title": "Réunion «Q4», \"quoted\"", "description": "multi\nline, with \"quotes\"\r\nand a tab\t",
                "tags": ["Urgent", "with, comma", "back\\slash"], "projectIds": [home.id, work.id],
                "priority": "urgent", "status": "in_progress", "dueAt": "2026-12-24T17:30:00Z", "assignee": "Ana" }),
        json!({ "title": "Done one", "status": "done", "tags": ["urgent"], "projectIds": [work.id] }),
        json!({ "title": "🎉 emoji and עברית", "priority": "low", "status": "backlog", "dueAt": "2027-01-01T00:00:00Z" }),
    ];
    for task in tasks {
        create_task(db, serde_json::from_value(task).unwrap()).await.unwrap();
    }
    update_settings(db, serde_json::from_value(json!({ "theme": "dark", "notifications": false })).unwrap())
        .await
        .unwrap();
}

async fn export(db: &DatabaseConnection, format: DataFormat) -> Vec<u8> {
    let (bytes, _) = data_operations::export(db, format, None, Vec::new(), &mut Recorder::default()).await.unwrap();
    bytes
}

async fn import(db: &DatabaseConnection, format: DataFormat, bytes: &[u8]) -> Result<ImportSummary, AppError> {
    let dataset = data_operations::read(format, bytes)?;
    data_operations::import(db, dataset, &mut Recorder::default()).await
}

#[tokio::test]
async fn a_backup_imported_into_an_empty_database_exports_byte_identical() {
    let db = common::memory_db().await;
    seed(&db).await;
    let first = export(&db, DataFormat::Json).await;
    let text = String::from_utf8(first.clone()).unwrap();
    assert!(text.starts_with(r#"{"format":"tasklane-backup","version":1,"#), "{text}");

    let restored = common::memory_db().await;
    let summary = import(&restored, DataFormat::Json, &first).await.unwrap();
    assert_eq!((summary.created, summary.updated, summary.skipped), (4, 0, 0));
    let second = export(&restored, DataFormat::Json).await;
    assert_eq!(String::from_utf8(second).unwrap(), text);
    assert_eq!(common::snapshot(&restored).await, common::snapshot(&db).await);
}

#[tokio::test]
async fn a_csv_imported_into_an_empty_database_exports_the_same_rows() {
    let db = common::memory_db().await;
    seed(&db).await;
    let first = export(&db, DataFormat::Csv).await;
    let restored = common::memory_db().await;
    let summary = import(&restored, DataFormat::Csv, &first).await.unwrap();
    assert_eq!(summary.created, 4);
    assert!(summary.warnings.is_empty(), "{:?}", summary.warnings);
    let second = export(&restored, DataFormat::Csv).await;
    assert_eq!(String::from_utf8(second).unwrap(), String::from_utf8(first.clone()).unwrap());

    // An independent reader (the csv crate, strict about field counts) sees the same cells.
    let mut reader = csv::ReaderBuilder::new().flexible(false).from_reader(first.as_slice());
    let header: Vec<String> = reader.headers().unwrap().iter().map(str::to_owned).collect();
    assert_eq!(header, tasklane_lib::formats::csv::COLUMNS);
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 4);
    let festive = rows.iter().find(|row| row[1].starts_with("Réunion")).unwrap();
    assert_eq!(&festive[2], "multi\nline, with \"quotes\"\r\nand a tab\t");
    assert_eq!(&festive[9], r"back\\slash, Urgent, with\, comma");
    let mut projects = tasklane_lib::formats::split_names(&festive[10]);
    projects.sort();
    assert_eq!(projects, ["Home", "Work, \"big\""]);
}

#[tokio::test]
async fn importing_the_same_file_again_duplicates_nothing_and_a_changed_task_is_updated() {
    let db = common::memory_db().await;
    seed(&db).await;
    let backup = export(&db, DataFormat::Json).await;
    let before = common::canonical_dump(&db).await;
    let again = import(&db, DataFormat::Json, &backup).await.unwrap();
    assert_eq!((again.created, again.updated, again.skipped), (0, 0, 4));
    assert_eq!(common::canonical_dump(&db).await, before, "an import of what is there changes nothing");

    let edited = String::from_utf8(backup).unwrap().replace("\"title\":\"Plain\"", "\"title\":\"Plain, edited\"");
    let summary = import(&db, DataFormat::Json, edited.as_bytes()).await.unwrap();
    assert_eq!((summary.created, summary.updated, summary.skipped), (0, 1, 3));
    assert_eq!(common::count_rows(&db, "tasks").await, 4);
    let title = common::scalar_text(&db, "SELECT title FROM tasks WHERE version = 2").await;
    assert_eq!(title, "Plain, edited");
}

#[tokio::test]
async fn todoist_csv_is_read_with_its_priorities_labels_notes_and_dates() {
    let db = common::memory_db().await;
    let file = "\u{feff}TYPE,CONTENT,DESCRIPTION,PRIORITY,INDENT,AUTHOR,RESPONSIBLE,DATE,DATE_LANG,TIMEZONE\r\n\
                section,Errands,,,,,,,,\r\n\
                task,Buy milk @home @Shop,From the corner shop,1,1,Ana (1),,2026-12-24,en,Europe/Berlin\r\n\
                note,Semi-skimmed,,,,,,,,\r\n\
                task,Call Ravi,,4,2,Ana (1),Ravi,every monday,en,Europe/Berlin\r\n\
                ,,,,,,,,,\r\n\
                task,Plan trip,,2,1,,,,,\r\n";
    let summary = import(&db, DataFormat::Csv, file.as_bytes()).await.unwrap();
    assert_eq!(summary.created, 3);
    let messages: Vec<&str> = summary.warnings.iter().map(|w| w.message.as_str()).collect();
    assert!(messages.iter().any(|m| m.contains("section \"Errands\"")), "{messages:?}");
    assert!(messages.iter().any(|m| m.contains("every monday")), "{messages:?}");
    assert!(messages.iter().any(|m| m.contains("subtask")), "{messages:?}");
    let filter = serde_json::from_value(json!({ "includeDone": true })).unwrap();
    let rows: Vec<String> = common::all_tasks(&db, filter)
        .await
        .unwrap()
        .into_iter()
        .map(|t| {
            let due = t.due_at.map(|d| d.to_string()).unwrap_or("-".into());
            let text = |v: Option<String>| v.unwrap_or("-".into());
            format!("{}|{:?}|{due}|{}|{}|{:?}", t.title, t.priority, text(t.assignee), text(t.description), t.tags)
        })
        .collect();
    assert_eq!(
        rows,
        [
            "Buy milk|Urgent|2026-12-24T00:00:00.000Z|-|From the corner shop\n\nSemi-skimmed|[\"home\", \"Shop\"]",
            "Call Ravi|None|-|Ravi|-|[]",
            "Plan trip|High|-|-|-|[]",
        ]
    );
}

/// Each bad file is refused with a message naming where and what, and leaves the database as it was.
#[tokio::test]
async fn a_bad_file_is_refused_with_its_line_and_changes_nothing() {
    let db = common::memory_db().await;
    seed(&db).await;
    let good = String::from_utf8(export(&db, DataFormat::Json).await).unwrap();
    let before = common::canonical_dump(&db).await;
    let long_title = "x".repeat(1_000_000);
    let csv_head = "title,status,priority,due\r\n";
    let cases: Vec<(DataFormat, Vec<u8>, &str)> = vec![
        (DataFormat::Json, good.as_bytes()[..good.len() / 2].to_vec(), "ends too early"),
        (DataFormat::Json, good.replace("\"version\":1", "\"version\":2").into_bytes(), "version 2"),
        (DataFormat::Json, good.replace("tasklane-backup", "other-app").into_bytes(), "not a Tasklane backup"),
        (DataFormat::Json, b"{\"format\":\"tasklane-backup\"}".to_vec(), "no readable \"version\""),
        (DataFormat::Json, good.replacen("\"priority\":\"none\"", "\"priority\":\"bogus\"", 1).into_bytes(), "Line"),
        (
            DataFormat::Json,
            good.replacen("\"title\":\"Plain\"", "\"title\":\"   \"", 1).into_bytes(),
            "Title cannot be empty",
        ),
        (
            DataFormat::Json,
            good.replacen("\"title\":\"Plain\"", &format!("\"title\":\"{long_title}\""), 1).into_bytes(),
            "too long",
        ),
        (
            DataFormat::Json,
            good.replacen("\"dueAt\":\"2026-12-24T17:30:00.000Z\"", "\"dueAt\":\"2026-02-30T10:00:00Z\"", 1)
                .into_bytes(),
            "Line",
        ),
        (
            DataFormat::Json,
            good.replacen("\"version\":1,\n", "\"version\":1,\"extra\":true,\n", 1).into_bytes(),
            "unknown field",
        ),
        (DataFormat::Json, b"".to_vec(), "ends too early"),
        (DataFormat::Json, vec![0xff, 0xfe, 0x00, 0x9c, 0x01], "not valid JSON"),
        (DataFormat::Json, b"[1, 2, 3]".to_vec(), "Line 1"),
        (
            DataFormat::Csv,
            format!("{csv_head}ok,todo,none,\r\n\"unclosed,todo,none,\r\n").into_bytes(),
            "Line 3: A quoted field is not closed",
        ),
        (DataFormat::Csv, format!("{csv_head}ok,todo,none,2026-02-30\r\n").into_bytes(), "Line 2: column \"due\""),
        (DataFormat::Csv, format!("{csv_head}ok,todo,42,\r\n").into_bytes(), "Line 2: column \"priority\""),
        (DataFormat::Csv, format!("{csv_head}ok,finished,none,\r\n").into_bytes(), "column \"status\""),
        (DataFormat::Csv, format!("{csv_head}ok,todo\r\n").into_bytes(), "Line 2: this row has 2 fields"),
        (
            DataFormat::Csv,
            format!("{csv_head},todo,none,\r\n").into_bytes(),
            "Line 2, the task \"\": Title cannot be empty",
        ),
        (DataFormat::Csv, format!("{csv_head}{long_title},todo,none,\r\n").into_bytes(), "Line 2"),
        (DataFormat::Csv, b"name,when\r\nx,y\r\n".to_vec(), "a \"title\" column"),
        (DataFormat::Csv, b"title,title\r\nx,y\r\n".to_vec(), "appears twice"),
        (DataFormat::Csv, b"".to_vec(), "empty"),
        (DataFormat::Csv, b"title\r\nok\r\n\xff\xfe bad\r\n".to_vec(), "not UTF-8"),
        (DataFormat::Csv, b"id,title\r\nnot-an-id,x\r\n".to_vec(), "column \"id\""),
        (DataFormat::Csv, b"TYPE,CONTENT,PRIORITY\r\ntask,x,7\r\n".to_vec(), "column \"PRIORITY\""),
        (DataFormat::Csv, b"TYPE,CONTENT\r\nreminder,x\r\n".to_vec(), "column \"TYPE\""),
        (
            DataFormat::Csv,
            format!("title,tags\r\nx,\"{}\"\r\n", (0..60).map(|n| format!("t{n}")).collect::<Vec<_>>().join(","))
                .into_bytes(),
            "at most 50 tags",
        ),
        (DataFormat::Csv, b"title,projects\r\nx,\"\x01bell\"\r\n".to_vec(), "control character"),
        (
            DataFormat::Csv,
            b"title,assignee\r\nx,this name is far too long to be anyone's name at all really\r\n".to_vec(),
            "too long",
        ),
        (
            DataFormat::Csv,
            b"id,title\r\n3f2b0d55-5f5e-4b8a-9d6e-0a1b2c3d4e5f,a\r\n3f2b0d55-5f5e-4b8a-9d6e-0a1b2c3d4e5f,b\r\n"
                .to_vec(),
            "appears twice",
        ),
        (
            DataFormat::Ics,
            ics(&ics_todo("")).replace("END:VCALENDAR\r\n", "").into_bytes(),
            "ends before END:VCALENDAR",
        ),
        (DataFormat::Ics, b"BEGIN:VTODO\r\nUID:x\r\nEND:VTODO\r\n".to_vec(), "Line 1: This is not an iCalendar file"),
        (
            DataFormat::Ics,
            ics(&ics_todo("")).replace("UID:t1@example.com\r\n", "").into_bytes(),
            "Line 4: The VTODO has no UID",
        ),
        (DataFormat::Ics, ics(&ics_todo("PRIORITY:42\r\n")).into_bytes(), "Line 4: PRIORITY:42 is not a number"),
        (
            DataFormat::Ics,
            ics(&ics_todo("DUE;VALUE=DATE:20260230\r\n")).into_bytes(),
            "Line 4: DUE:20260230 is not a date",
        ),
        (DataFormat::Ics, ics(&ics_todo("STATUS:MAYBE\r\n")).into_bytes(), "Line 4: STATUS:MAYBE"),
        (DataFormat::Ics, ics(&ics_todo("COMPLETED:yesterday\r\n")).into_bytes(), "Line 4: COMPLETED:yesterday"),
        (DataFormat::Ics, ics(&ics_todo("SUMMARY:\r\n")).into_bytes(), "Title cannot be empty"),
        (
            DataFormat::Ics,
            ics(&ics_todo("")).replace("BEGIN:VTODO", "BEGIN:VTODO\r\nno colon here").into_bytes(),
            "cannot be read",
        ),
        (
            DataFormat::Ics,
            b"BEGIN:VCALENDAR\r\n\xff\xfe\r\nEND:VCALENDAR\r\n".to_vec(),
            "Line 2: The text is not UTF-8",
        ),
    ];
    assert!(cases.len() >= 30, "{} cases", cases.len());
    for (format, bytes, expected) in cases {
        let err = import(&db, format, &bytes).await.expect_err(expected);
        let payload = err.payload();
        assert_eq!(payload.code, ErrorCode::Validation, "{expected}: {err:?}");
        assert!(payload.message.contains(expected), "expected {expected:?} in: {}", short(&payload.message));
        assert_eq!(common::canonical_dump(&db).await, before, "{expected}: the database changed");
    }
}

/// A calendar around `body` (its VTODOs start at line 4).
fn ics(body: &str) -> String {
    format!("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n{body}END:VCALENDAR\r\n")
}

/// A VTODO with `extra` lines; a second SUMMARY in `extra` replaces the first.
fn ics_todo(extra: &str) -> String {
    format!("BEGIN:VTODO\r\nUID:t1@example.com\r\nDTSTAMP:20261201T000000Z\r\nSUMMARY:x\r\n{extra}END:VTODO\r\n")
}

fn short(text: &str) -> String {
    text.chars().take(300).collect()
}

/// Only absolute paths to regular files of at most 200 MB are read; symlinks are followed to
/// what they name.
#[test]
fn only_a_regular_file_of_at_most_200_mb_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("tasks.json");
    std::fs::write(&good, b"{}").unwrap();
    let linked = dir.path().join("link.json");
    std::os::unix::fs::symlink(&good, &linked).unwrap();
    assert_eq!(read_import_file(linked.to_str().unwrap()).unwrap(), b"{}");

    let to_zero = dir.path().join("zero.json");
    std::os::unix::fs::symlink("/dev/zero", &to_zero).unwrap();
    let fifo = dir.path().join("fifo.csv");
    assert!(std::process::Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    let huge = dir.path().join("huge.csv");
    std::fs::File::create(&huge).unwrap().set_len(200 * 1024 * 1024 + 1).unwrap();
    let cases = [
        ("tasks.json".to_owned(), "not an absolute path"),
        (dir.path().display().to_string(), "not a regular file"),
        ("/dev/zero".to_owned(), "not a regular file"),
        (to_zero.display().to_string(), "not a regular file"),
        (fifo.display().to_string(), "not a regular file"),
        (huge.display().to_string(), "at most 200 MB"),
        (dir.path().join("missing.csv").display().to_string(), "Cannot open"),
    ];
    for (path, expected) in cases {
        let payload = read_import_file(&path).unwrap_err().payload();
        assert_eq!((payload.code, payload.field.as_deref()), (ErrorCode::Validation, Some("request.path")), "{path}");
        assert!(payload.message.contains(expected), "{path}: {}", payload.message);
    }
}

/// A cancelled import writes nothing; a cancelled export stops.
#[tokio::test]
async fn cancelling_an_import_writes_nothing() {
    let db = common::memory_db().await;
    seed(&db).await;
    let mut backup = String::from_utf8(export(&db, DataFormat::Json).await).unwrap();
    let target = common::memory_db().await;
    let before = common::canonical_dump(&target).await;
    // More than one chunk of tasks, so the cancel falls between two.
    let extra: Vec<String> = (0..700)
        .map(|n| format!(
            "{{\"id\":\"{}\",\"title\":\"t{n}\",\"description\":null,\"status\":\"todo\",\"priority\":\"none\",\"dueAt\":null,\"completedAt\":null,\"position\":{},\"createdAt\":\"2026-12-07T00:00:00.000Z\",\"updatedAt\":\"2026-12-07T00:00:00.000Z\",\"version\":1,\"createdBy\":null,\"assignee\":null,\"tags\":[],\"projectIds\":[]}}",
            uuid::Uuid::new_v4(), 100 + n
        ))
        .collect();
    backup = backup.replacen("\"tasks\":[\n", &format!("\"tasks\":[\n{},\n", extra.join(",\n")), 1);
    let dataset = data_operations::read(DataFormat::Json, backup.as_bytes()).unwrap();
    let mut job = Recorder { cancel_after: Some(2), ..Recorder::default() };
    let err = data_operations::import(&target, dataset, &mut job).await.unwrap_err();
    assert_eq!(err.code(), ErrorCode::Cancelled);
    assert_eq!(common::canonical_dump(&target).await, before);

    let mut job = Recorder { cancel_after: Some(0), ..Recorder::default() };
    let err = data_operations::export(&db, DataFormat::Csv, None, Vec::new(), &mut job).await.unwrap_err();
    assert_eq!(err.code(), ErrorCode::Cancelled);
}

/// Through the real IPC path: an export then an import, each sending its progress over the
/// channel in order and ending with `done`; the file is written whole; bad paths are refused.
#[test]
fn export_and_import_through_ipc_report_progress_and_end_with_done() {
    let app = TestApp::new();
    for n in 0..1_200 {
        app.ok("db_create_task", json!({ "input": { "title": format!("task {n}"), "tags": [format!("t{}", n % 5)] } }));
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("backup.json");
    let summary =
        app.ok("data_export", json!({ "request": { "format": "json", "path": path }, "onProgress": "__CHANNEL__:41" }));
    assert_eq!(summary["tasks"], 1_200);
    assert_eq!(summary["bytes"], std::fs::metadata(&path).unwrap().len());
    let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(names, ["backup.json"], "no temporary file is left");
    check_progress(&messages_on(&app, 41), 1_200);

    let other = TestApp::new();
    let changed = other.listen("tasks:changed");
    let summary = other
        .ok("data_import", json!({ "request": { "format": "json", "path": path }, "onProgress": "__CHANNEL__:42" }));
    assert_eq!((summary["created"].as_u64(), summary["skipped"].as_u64()), (Some(1_200), Some(0)));
    check_progress(&messages_on(&other, 42), 1_200);
    assert_eq!(common::app::next(&changed), json!({ "kind": "updated", "ids": [] }));

    for (path, expected) in [("relative.json", "not an absolute path"), ("/no/such/folder/x.json", "does not exist")] {
        let err = app.err(
            "data_export",
            json!({ "request": { "format": "csv", "path": path }, "onProgress": "__CHANNEL__:43" }),
        );
        assert_eq!((err["code"].as_str(), err["field"].as_str()), (Some("VALIDATION"), Some("request.path")), "{err}");
        assert!(err["message"].as_str().unwrap().contains(expected), "{err}");
    }
    let err =
        app.err("data_import", json!({ "request": { "format": "xml", "path": "/x" }, "onProgress": "__CHANNEL__:44" }));
    assert_eq!((err["code"].as_str(), err["field"].as_str()), (Some("VALIDATION"), Some("request.format")), "{err}");
    assert_eq!(app.ok("data_cancel", json!({})), json!(false), "nothing runs");
}

fn messages_on(app: &TestApp, channel: u32) -> Vec<Value> {
    app.channel_messages.lock().unwrap().iter().filter(|(id, _)| *id == channel).map(|(_, m)| m.clone()).collect()
}

/// Progress comes in order (a phase never goes back, `done` never shrinks), and the last message
/// is `done` with everything counted.
fn check_progress(messages: &[Value], total: u64) {
    assert!(messages.len() >= 2, "{messages:?}");
    let phase = |m: &Value| ["reading", "writing", "done"].iter().position(|p| m["phase"] == *p).unwrap();
    for pair in messages.windows(2) {
        assert!(phase(&pair[0]) <= phase(&pair[1]), "{messages:?}");
        if phase(&pair[0]) == phase(&pair[1]) {
            assert!(pair[0]["done"].as_u64() <= pair[1]["done"].as_u64(), "{messages:?}");
        }
    }
    let last = messages.last().unwrap();
    assert_eq!(last, &json!({ "phase": "done", "done": total, "total": total }));
    assert!(messages.iter().all(|m| m["total"].is_null() || m["total"] == total), "{messages:?}");
    let _ = ProgressPhase::Done;
}

/// todo.txt: what a line carries comes back (names without spaces or punctuation, which the
/// format cannot hold, are the caveat: docs/DATA.md), and a second import only skips.
#[tokio::test]
async fn a_todo_txt_export_reads_back_the_same_and_reimports_as_skipped() {
    let db = common::memory_db().await;
    let project = create_project(&db, serde_json::from_value(json!({ "name": "Home Office" })).unwrap()).await.unwrap();
    for task in [
        json!({ "title": "Call  the   bank", "priority": "urgent", "tags": ["phone", "q4-admin"], "projectIds": [project.id], "dueAt": "2026-12-24T00:00:00Z" }),
        json!({ "title": "Done thing", "status": "done", "priority": "medium" }),
        json!({ "title": "Waiting on the vendor", "status": "blocked", "priority": "low" }),
        json!({ "title": "Réunion über café" }),
    ] {
        create_task(&db, serde_json::from_value(task).unwrap()).await.unwrap();
    }
    let first = String::from_utf8(export(&db, DataFormat::Todotxt).await).unwrap();
    let lines: Vec<&str> = first.lines().collect();
    assert_eq!(lines.len(), 4, "{first}");
    assert!(
        lines[0].starts_with("(A) ") && lines[0].contains("Call the bank") && lines[0].contains("+Home_Office"),
        "{first}"
    );
    assert!(
        lines[0].contains("@phone") && lines[0].contains("@q4-admin") && lines[0].contains("due:2026-12-24"),
        "{first}"
    );
    assert!(lines[1].starts_with("x 20") && lines[1].contains(" pri:C"), "{first}");
    assert!(lines[2].contains("status:blocked"), "{first}");

    let restored = common::memory_db().await;
    let summary = import(&restored, DataFormat::Todotxt, first.as_bytes()).await.unwrap();
    assert_eq!(summary.created, 4);
    assert_eq!(String::from_utf8(export(&restored, DataFormat::Todotxt).await).unwrap(), first);
    let again = import(&restored, DataFormat::Todotxt, first.as_bytes()).await.unwrap();
    assert_eq!((again.created, again.updated, again.skipped), (0, 0, 4));
}

#[tokio::test]
async fn a_todo_txt_file_from_elsewhere_is_read_and_a_bad_line_is_named() {
    let db = common::memory_db().await;
    let file = "x (A) 2026-12-05 2026-12-01 Call Mom +Family @phone due:2026-12-06\n\n\
                (B) 2026-11-30 Buy milk @shop\n\
                (Q) Read the manual url:https://example.org/manual\n";
    let summary = import(&db, DataFormat::Todotxt, file.as_bytes()).await.unwrap();
    assert_eq!(summary.created, 3);
    let filter = serde_json::from_value(json!({ "includeDone": true })).unwrap();
    let tasks = common::all_tasks(&db, filter).await.unwrap();
    let call = tasks.iter().find(|t| t.title == "Call Mom").unwrap();
    assert_eq!(
        (call.status, call.priority, call.tags.clone()),
        (entity::TaskStatus::Done, entity::TaskPriority::Urgent, vec!["phone".to_owned()])
    );
    assert_eq!(call.due_at.unwrap().to_string(), "2026-12-06T00:00:00.000Z");
    assert_eq!(call.completed_at.unwrap().to_string(), "2026-12-05T00:00:00.000Z");
    assert_eq!(call.created_at.to_string(), "2026-12-01T00:00:00.000Z");
    assert_eq!(call.project_ids.len(), 1);
    let manual = tasks.iter().find(|t| t.title == "Read the manual").unwrap();
    assert_eq!(manual.priority, entity::TaskPriority::Low);
    assert_eq!(manual.description.as_deref(), Some("url:https://example.org/manual"));

    let before = common::canonical_dump(&db).await;
    for (bytes, expected) in [
        (&b"fine\n(A) Pay rent due:2026-02-30\n"[..], "Line 2: due:2026-02-30 is not a date"),
        (b"Pay rent id:not-an-id\n", "Line 1: id:not-an-id is not a Tasklane id"),
        (b"ok\nPay rent status:later\n", "Line 2: status:later"),
        (b"x 2026-12-05 Paid rent pri:AB\n", "Line 1: pri:AB is not a priority letter"),
        (b"ok\n\xff\xfe\n", "Line 2: The text is not UTF-8"),
        (b"(A) +Family @phone\n", "Line 1, the task \"\": Title cannot be empty"),
    ] {
        let err = import(&db, DataFormat::Todotxt, bytes).await.unwrap_err();
        assert!(err.payload().message.contains(expected), "expected {expected:?} in {}", err.payload().message);
        assert_eq!(common::canonical_dump(&db).await, before);
    }
}

/// Taskwarrior JSON: an export reads back to the same file (urgent becomes H, so it is seeded as
/// high), a second import only skips, and a `task export` from elsewhere is read with its statuses,
/// priorities, project, tags and annotations.
#[tokio::test]
async fn a_taskwarrior_export_reads_back_the_same_and_a_task_export_is_read() {
    let db = common::memory_db().await;
    let project = create_project(&db, serde_json::from_value(json!({ "name": "Home" })).unwrap()).await.unwrap();
    for task in [
        json!({ "title": "Call the bank", "priority": "high", "tags": ["phone"], "projectIds": [project.id],
                "dueAt": "2026-12-24T09:30:00Z", "description": "Ask about the fee", "assignee": "Ana" }),
        json!({ "title": "Done thing", "status": "done", "priority": "medium" }),
        json!({ "title": "Blocked thing", "status": "blocked", "priority": "low" }),
        json!({ "title": "Someday", "status": "backlog" }),
    ] {
        create_task(&db, serde_json::from_value(task).unwrap()).await.unwrap();
    }
    let first = String::from_utf8(export(&db, DataFormat::Taskwarrior).await).unwrap();
    let parsed: Vec<Value> = serde_json::from_str(&first).unwrap();
    assert_eq!(parsed.len(), 4);
    let bank = parsed.iter().find(|t| t["description"] == "Call the bank").unwrap();
    assert_eq!(
        (&bank["status"], &bank["priority"], &bank["project"], &bank["due"]),
        (&json!("pending"), &json!("H"), &json!("Home"), &json!("20261224T093000Z"))
    );
    assert!(bank["entry"].as_str().unwrap().ends_with('Z') && bank["entry"].as_str().unwrap().len() == 16, "{bank}");

    let restored = common::memory_db().await;
    assert_eq!(import(&restored, DataFormat::Taskwarrior, first.as_bytes()).await.unwrap().created, 4);
    assert_eq!(String::from_utf8(export(&restored, DataFormat::Taskwarrior).await).unwrap(), first);
    let again = import(&restored, DataFormat::Taskwarrior, first.as_bytes()).await.unwrap();
    assert_eq!((again.created, again.updated, again.skipped), (0, 0, 4));

    let elsewhere = r#"[
{"id":1,"description":"Write report","entry":"20261201T080000Z","modified":"20261202T080000Z","status":"pending","uuid":"4b4c5a5e-3e0c-4c4e-9f0a-2f7a1c3d9e11","priority":"M","project":"Work","tags":["writing","q4"],"annotations":[{"entry":"20261201T090000Z","description":"first note"},{"entry":"20261201T100000Z","description":"second note"}],"urgency":5.2},
{"id":0,"description":"Old thing","end":"20261130T120000Z","entry":"20261101T080000Z","status":"completed","uuid":"a4b0c2d1-1111-4c4e-9f0a-2f7a1c3d9e12"},
{"id":0,"description":"Gone","entry":"20261101T080000Z","status":"deleted","uuid":"b4b0c2d1-1111-4c4e-9f0a-2f7a1c3d9e13"}
]"#;
    let other = common::memory_db().await;
    let summary = import(&other, DataFormat::Taskwarrior, elsewhere.as_bytes()).await.unwrap();
    assert_eq!(summary.created, 2);
    assert!(summary.warnings[0].message.contains("\"Gone\") is deleted"), "{:?}", summary.warnings);
    let filter = serde_json::from_value(json!({ "includeDone": true })).unwrap();
    let tasks = common::all_tasks(&other, filter).await.unwrap();
    let report = tasks.iter().find(|t| t.title == "Write report").unwrap();
    assert_eq!(report.id.to_string(), "4b4c5a5e-3e0c-4c4e-9f0a-2f7a1c3d9e11");
    assert_eq!(
        (report.priority, report.tags.clone()),
        (entity::TaskPriority::Medium, vec!["q4".to_owned(), "writing".to_owned()])
    );
    assert_eq!(report.description.as_deref(), Some("first note\n\nsecond note"));
    assert_eq!(report.created_at.to_string(), "2026-12-01T08:00:00.000Z");
    let old = tasks.iter().find(|t| t.title == "Old thing").unwrap();
    assert_eq!(
        (old.status, old.completed_at.unwrap().to_string()),
        (entity::TaskStatus::Done, "2026-11-30T12:00:00.000Z".to_owned())
    );

    let before = common::canonical_dump(&other).await;
    for (bytes, expected) in [
        (r#"{"not":"an array"}"#, "not a Taskwarrior export"),
        (
            r#"[{"description":"x","entry":"20261301T000000Z","status":"pending","uuid":"c4b0c2d1-1111-4c4e-9f0a-2f7a1c3d9e14"}]"#,
            "task 1 of the file (c4b0c2d1-1111-4c4e-9f0a-2f7a1c3d9e14): entry `20261301T000000Z` is not a date",
        ),
        (
            r#"[{"description":"x","entry":"20261201T000000Z","status":"pending","uuid":"nope"}]"#,
            "its uuid is not a UUID",
        ),
        (
            r#"[{"description":"x","entry":"20261201T000000Z","status":"pending","uuid":"c4b0c2d1-1111-4c4e-9f0a-2f7a1c3d9e14","priority":"X"}]"#,
            "priority `X`",
        ),
        (
            r#"[{"description":"x","entry":"20261201T000000Z","status":"lost","uuid":"c4b0c2d1-1111-4c4e-9f0a-2f7a1c3d9e14"}]"#,
            "status `lost`",
        ),
        (
            r#"[{"entry":"20261201T000000Z","status":"pending","uuid":"c4b0c2d1-1111-4c4e-9f0a-2f7a1c3d9e14"}]"#,
            "missing field `description`",
        ),
    ] {
        let err = import(&other, DataFormat::Taskwarrior, bytes.as_bytes()).await.unwrap_err();
        assert!(err.payload().message.contains(expected), "expected {expected:?} in {}", err.payload().message);
        assert_eq!(common::canonical_dump(&other).await, before);
    }
}

/// iCalendar: an export reads back to the same file (every status and priority Tasklane has,
/// commas, newlines and a long unicode title that must be folded), a second import only skips,
/// and a calendar from elsewhere (time zones, folding, escapes, events, a cancelled task) is read.
#[tokio::test]
async fn an_ics_export_reads_back_the_same_and_another_apps_calendar_is_read() {
    let db = common::memory_db().await;
    let project =
        create_project(&db, serde_json::from_value(json!({ "name": "Home, \"sweet\"; home" })).unwrap()).await.unwrap();
    let long = "Überweisung für die Wohnung 🏠 ".repeat(6);
    for task in [
        json!({ "title": "Call the bank, then; the notary", "priority": "urgent", "tags": ["phone", "a, b"],
                "projectIds": [project.id], "dueAt": "2026-12-24T09:30:00Z",
                "description": "Ask about the fee\nand the \\ backslash", "assignee": "Ana" }),
        json!({ "title": long.trim(), "status": "in_progress", "priority": "high", "dueAt": "2026-12-31T00:00:00Z" }),
        json!({ "title": "Done thing", "status": "done", "priority": "medium" }),
        json!({ "title": "Blocked thing", "status": "blocked", "priority": "low" }),
        json!({ "title": "Someday", "status": "backlog" }),
    ] {
        create_task(&db, serde_json::from_value(task).unwrap()).await.unwrap();
    }
    let first = String::from_utf8(export(&db, DataFormat::Ics).await).unwrap();
    assert!(first.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n") && first.ends_with("END:VCALENDAR\r\n"));
    assert!(first.lines().all(|line| line.len() <= 75), "a line longer than 75 octets:\n{first}");
    for expected in [
        "SUMMARY:Call the bank\\, then\\; the notary",
        "DESCRIPTION:Ask about the fee\\nand the \\\\ backslash",
        "PRIORITY:1",
        "DUE:20261224T093000Z",
        "DUE;VALUE=DATE:20261231",
        "STATUS:IN-PROCESS",
        "STATUS:COMPLETED",
        "X-TASKLANE-STATUS:blocked",
        "CATEGORIES:a\\, b,phone",
        "X-TASKLANE-PROJECT:Home\\, \"sweet\"\\; home",
    ] {
        assert!(first.contains(expected), "{expected:?} missing from\n{first}");
    }
    assert_eq!(first.matches("BEGIN:VTODO").count(), 5);

    let restored = common::memory_db().await;
    assert_eq!(import(&restored, DataFormat::Ics, first.as_bytes()).await.unwrap().created, 5);
    assert_eq!(String::from_utf8(export(&restored, DataFormat::Ics).await).unwrap(), first);
    let again = import(&restored, DataFormat::Ics, first.as_bytes()).await.unwrap();
    assert_eq!((again.created, again.updated, again.skipped), (0, 0, 5));
    let filter = serde_json::from_value(json!({ "includeDone": true })).unwrap();
    let tasks = common::all_tasks(&restored, filter).await.unwrap();
    assert!(tasks.iter().any(|t| t.title == long.trim()), "the folded title did not come back whole");

    let elsewhere = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Nextcloud Tasks v0.16//EN\r\n\
BEGIN:VTIMEZONE\r\nTZID:Europe/Berlin\r\nBEGIN:STANDARD\r\nDTSTART:19701025T030000\r\nTZOFFSETFROM:+0200\r\n\
TZOFFSETTO:+0100\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n\
BEGIN:VTODO\r\nUID:20261201T080000-123@nextcloud.example\r\nDTSTAMP:20261202T080000Z\r\nCREATED:20261201T080000Z\r\n\
SUMMARY:Write the report about the long project that needs a folded line in\r\n  the file\r\n\
DESCRIPTION:first\\nsecond\\, third\r\nCATEGORIES:Writing,Q4\r\nPRIORITY:2\r\n\
DUE;TZID=Europe/Berlin:20261224T150000\r\nEND:VTODO\r\n\
BEGIN:VTODO\r\nUID:old@nextcloud.example\r\nDTSTAMP:20261202T080000Z\r\nSUMMARY:Old thing\r\nSTATUS:COMPLETED\r\n\
COMPLETED:20261130T120000Z\r\nDUE;VALUE=DATE:20261130\r\nEND:VTODO\r\n\
BEGIN:VTODO\r\nUID:gone@nextcloud.example\r\nDTSTAMP:20261202T080000Z\r\nSUMMARY:Gone\r\nSTATUS:CANCELLED\r\nEND:VTODO\r\n\
BEGIN:VEVENT\r\nUID:meeting@nextcloud.example\r\nDTSTAMP:20261202T080000Z\r\nDTSTART:20261203T100000Z\r\nSUMMARY:Meeting\r\nEND:VEVENT\r\n\
END:VCALENDAR\r\n";
    let other = common::memory_db().await;
    let summary = import(&other, DataFormat::Ics, elsewhere.as_bytes()).await.unwrap();
    assert_eq!(summary.created, 2);
    let warnings: Vec<&str> = summary.warnings.iter().map(|w| w.message.as_str()).collect();
    assert!(warnings.iter().any(|w| w.contains("\"Gone\" is cancelled")), "{warnings:?}");
    assert!(warnings.iter().any(|w| w.starts_with("1 calendar entries")), "{warnings:?}");
    let tasks =
        common::all_tasks(&other, serde_json::from_value(json!({ "includeDone": true })).unwrap()).await.unwrap();
    let report = tasks.iter().find(|t| t.title.starts_with("Write the report")).unwrap();
    assert_eq!(report.title, "Write the report about the long project that needs a folded line in the file");
    assert_eq!(report.description.as_deref(), Some("first\nsecond, third"));
    assert_eq!(
        (report.priority, report.tags.clone()),
        (entity::TaskPriority::High, vec!["Q4".to_owned(), "Writing".to_owned()])
    );
    assert_eq!(report.due_at.unwrap().to_string(), "2026-12-24T14:00:00.000Z");
    assert_eq!(report.created_at.to_string(), "2026-12-01T08:00:00.000Z");
    let old = tasks.iter().find(|t| t.title == "Old thing").unwrap();
    assert_eq!(
        (old.status, old.completed_at.unwrap().to_string(), old.due_at.unwrap().to_string()),
        (entity::TaskStatus::Done, "2026-11-30T12:00:00.000Z".to_owned(), "2026-11-30T00:00:00.000Z".to_owned())
    );
    let again = import(&other, DataFormat::Ics, elsewhere.as_bytes()).await.unwrap();
    assert_eq!((again.created, again.skipped), (0, 2), "a foreign UID must give the same task again");
}

/// An import indexes its tasks for search once at the end (the triggers only queue them while it
/// runs): new tasks, their tags, and a task whose title a re-import changed are all found, and
/// the pause ends with the import.
#[tokio::test]
async fn imported_tasks_are_found_by_search_and_the_indexing_pause_ends_with_the_import() {
    let db = common::memory_db().await;
    let file = "id,title,description,tags\r\n\
                3f2b0d55-5f5e-4b8a-9d6e-0a1b2c3d4e01,Kumquat jam,from the garden,\"Kitchen, Später\"\r\n\
                3f2b0d55-5f5e-4b8a-9d6e-0a1b2c3d4e02,Quarterly report,,work\r\n";
    assert_eq!(import(&db, DataFormat::Csv, file.as_bytes()).await.unwrap().created, 2);
    let found = |text: &'static str| {
        let db = db.clone();
        async move {
            let filter = serde_json::from_value(json!({ "search": text, "includeDone": true })).unwrap();
            let mut titles: Vec<String> =
                common::all_tasks(&db, filter).await.unwrap().into_iter().map(|t| t.title).collect();
            titles.sort();
            titles
        }
    };
    assert_eq!(found("kumq").await, ["Kumquat jam"]);
    assert_eq!(found("garden").await, ["Kumquat jam"]);
    assert_eq!(found("spater").await, ["Kumquat jam"], "a tag name, accents folded");
    assert_eq!(found("work").await, ["Quarterly report"]);

    let renamed = file.replace("Quarterly report", "Annual summary").replace(",work\r\n", ",\"work, finance\"\r\n");
    let summary = import(&db, DataFormat::Csv, renamed.as_bytes()).await.unwrap();
    assert_eq!((summary.updated, summary.skipped), (1, 1));
    assert!(found("quarterly").await.is_empty(), "the old title is no longer indexed");
    assert_eq!(found("annual finance").await, ["Annual summary"]);
    for table in ["task_search_paused", "task_search_queue"] {
        assert_eq!(common::count_rows(&db, table).await, 0, "{table} after the import");
    }
    // Writes after the import index row by row again.
    create_task(&db, serde_json::from_value(json!({ "title": "Typed by hand" })).unwrap()).await.unwrap();
    assert_eq!(found("typed").await, ["Typed by hand"]);
}
