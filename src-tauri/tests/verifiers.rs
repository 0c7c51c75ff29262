//! Each export read by a parser that did not write it (issue 12): Python's `json` and strict `csv`,
//! `pytodotxt` and `icalendar` (scripts/read-export.py, in .tools/venv), and Taskwarrior's own
//! `task import`. What each reader saw is compared field by field with the database, in the words
//! of the format (the tables below are the mapping of docs/DATA.md, written out again here rather
//! than taken from the writers). Fields a format loses (docs/DATA.md) are not compared.
//!
//! SQLite only: the writers do not depend on the engine. A missing reader fails the test with what
//! to run (`make deps-test`); nothing here is skipped.

mod common;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use chrono::{DateTime, NaiveTime, Utc};
use entity::enums::{TaskPriority, TaskStatus};
use entity::{Id, Timestamp};
use sea_orm::DatabaseConnection;
use serde_json::{Value, json};
use tasklane_lib::db::data_operations::{self, Job};
use tasklane_lib::db::project_operations::create_project;
use tasklane_lib::db::task_operations::create_task;
use tasklane_lib::models::{DataFormat, Progress, TaskDto};

struct NoProgress;

impl Job for NoProgress {
    fn progress(&mut self, _: Progress) {}

    fn cancelled(&self) -> bool {
        false
    }
}

/// The database's tasks and project names, after seeding every status and priority, a due day
/// and a due time, and text that breaks naive writers: quotes, commas, semicolons, backslashes,
/// newlines, tabs, non-Latin scripts, emoji, names with spaces, tags differing only in case, and
/// a title too long for one iCalendar line.
struct Seeded {
    db: DatabaseConnection,
    tasks: Vec<TaskDto>,
    projects: HashMap<Id, String>,
}

async fn seeded() -> Seeded {
    let db = common::memory_db().await;
    let mut projects = HashMap::new();
    let mut ids = Vec::new();
    for name in ["Home Office", "Work, \"big\"; really", "Ünïcødé \\ projekt"] {
        let project = create_project(&db, serde_json::from_value(json!({ "name": name })).unwrap()).await.unwrap();
        projects.insert(project.id, project.name);
        ids.push(project.id);
    }
    let long = "Überweisung für die Wohnung 🏠 ".repeat(4);
    for task in [
        json!({ "title": "Réunion «Q4», \"quoted\"; semi", "status": "in_progress", "priority": "urgent",
                "description": "multi\nline, with \"quotes\"\r\nand a tab\t; and \\ a backslash",
                "tags": ["Urgent", "with, comma", "back\\slash"], "projectIds": [ids[0], ids[1]],
                "dueAt": "2026-12-24T17:30:00Z", "assignee": "Ana" }),
        json!({ "title": "Plain", "status": "todo", "priority": "none" }),
        json!({ "title": "Done one", "status": "done", "priority": "medium", "tags": ["urgent"],
                "projectIds": [ids[1]], "description": "done, \"really\"" }),
        json!({ "title": "🎉 emoji and עברית", "status": "backlog", "priority": "low", "tags": ["two words"],
                "projectIds": [ids[2]], "dueAt": "2027-01-01T00:00:00Z" }),
        json!({ "title": long.trim(), "status": "blocked", "priority": "high", "tags": ["émoji 🎉"] }),
    ] {
        create_task(&db, serde_json::from_value(task).unwrap()).await.unwrap();
    }
    let filter = serde_json::from_value(json!({ "includeDone": true })).unwrap();
    let tasks = common::all_tasks(&db, filter).await.unwrap();
    assert_eq!(tasks.len(), 5);
    Seeded { db, tasks, projects }
}

impl Seeded {
    async fn export(&self, format: DataFormat) -> Vec<u8> {
        let (bytes, _) = data_operations::export(&self.db, format, None, Vec::new(), &mut NoProgress).await.unwrap();
        bytes
    }

    fn project_names(&self, task: &TaskDto) -> Vec<String> {
        task.project_ids.iter().map(|id| self.projects[id].clone()).collect()
    }

    /// What the reader of `format` must report for each task, in the format's words, by id.
    fn expected(&self, format: DataFormat) -> Vec<Value> {
        self.tasks.iter().map(|task| expected_in(format, task, self.project_names(task))).collect()
    }
}

/// Tasklane's task in the words of `format`, as scripts/read-export.py prints it (tags and
/// projects sorted, absent values null). Not compared, because the format loses them
/// (docs/DATA.md): todo.txt's description and time of day. Not compared here (tests/data.rs pins
/// them by reading each export back): the assignee, author, positions, versions and timestamps.
fn expected_in(format: DataFormat, task: &TaskDto, projects: Vec<String>) -> Value {
    let due = task.due_at.map(DateTime::<Utc>::from);
    let (description, status, priority, due, mut tags, mut projects) = match format {
        // The backup and CSV use Tasklane's own words.
        DataFormat::Json | DataFormat::Csv => (
            task.description.clone(),
            text(&task.status),
            json!(text(&task.priority)),
            task.due_at.map(|due| due.to_string()),
            task.tags.clone(),
            projects,
        ),
        DataFormat::Todotxt => {
            let status = match task.status {
                TaskStatus::Done => "x".to_owned(),
                TaskStatus::Todo => String::new(),
                other => format!("status:{}", text(&other)),
            };
            let letter = match task.priority {
                TaskPriority::Urgent => Some("A"),
                TaskPriority::High => Some("B"),
                TaskPriority::Medium => Some("C"),
                TaskPriority::Low => Some("D"),
                TaskPriority::None => None,
            };
            // A done task's priority is `pri:A`: the completion date must follow the `x`.
            let priority = match task.status {
                TaskStatus::Done => json!(letter.map(|letter| format!("pri:{letter}"))),
                _ => json!(letter),
            };
            // A line has no description, and names no spaces (each run becomes `_`).
            let due = due.map(|due| due.format("%Y-%m-%d").to_string());
            (None, status, priority, due, one_words(&task.tags), one_words(&projects))
        }
        DataFormat::Ics => {
            let status = match task.status {
                TaskStatus::Todo => "NEEDS-ACTION",
                TaskStatus::Backlog => "NEEDS-ACTION X-TASKLANE-STATUS:backlog",
                TaskStatus::InProgress => "IN-PROCESS",
                TaskStatus::Blocked => "IN-PROCESS X-TASKLANE-STATUS:blocked",
                TaskStatus::Done => "COMPLETED",
            };
            let priority = match task.priority {
                TaskPriority::Urgent => json!(1),
                TaskPriority::High => json!(3),
                TaskPriority::Medium => json!(5),
                TaskPriority::Low => json!(9),
                TaskPriority::None => Value::Null,
            };
            // A due time at midnight UTC is a day (DUE;VALUE=DATE).
            let due = due.map(|due| match due.time() == NaiveTime::MIN {
                true => due.format("%Y-%m-%d").to_string(),
                false => due.format("%Y-%m-%dT%H:%M:%SZ").to_string(),
            });
            // TEXT holds no CR: a line break is written as LF.
            let description = task.description.as_ref().map(|text| text.replace("\r\n", "\n"));
            (description, status.to_owned(), priority, due, task.tags.clone(), projects)
        }
        DataFormat::Taskwarrior => unreachable!("Taskwarrior is compared by taskwarrior_view"),
    };
    tags.sort();
    projects.sort();
    json!({ "id": task.id.to_string(), "title": task.title, "description": description, "status": status,
            "priority": priority, "due": due, "tags": tags, "projects": projects })
}

/// Names as one word each, for the formats whose names cannot hold spaces.
fn one_words(names: &[String]) -> Vec<String> {
    names.iter().map(|name| name.split_whitespace().collect::<Vec<_>>().join("_")).collect()
}

fn text<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_value(value).unwrap().as_str().unwrap().to_owned()
}

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_owned()
}

/// Runs `program`, failing the test with what to run when it is not installed.
fn run(program: &Path, args: &[&str], envs: &[(&str, &Path)]) -> Output {
    Command::new(program).args(args).envs(envs.iter().copied()).output().unwrap_or_else(|err| {
        panic!(
            "cannot run {} ({err}). The readers of exports are installed by `make deps-test` \
             (scripts/ensure-system-deps.sh test and scripts/ensure-python-deps.sh)",
            program.display()
        )
    })
}

/// scripts/read-export.py on `bytes`: its tasks, or its message when it refuses the file.
fn read_export(format: DataFormat, bytes: &[u8]) -> Result<Vec<Value>, String> {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("export");
    std::fs::write(&file, bytes).unwrap();
    let root = repo_root();
    let output = run(
        &root.join(".tools/venv/bin/python"),
        &[root.join("scripts/read-export.py").to_str().unwrap(), &text(&format), file.to_str().unwrap()],
        &[],
    );
    if !output.status.success() {
        return Err(String::from_utf8_lossy(&output.stderr).into_owned());
    }
    Ok(serde_json::from_slice(&output.stdout).expect("read-export.py prints JSON"))
}

/// Compares what a reader saw with what was expected, task by task (matched by id).
fn assert_same_tasks(reader: &str, mut seen: Vec<Value>, mut expected: Vec<Value>, file: &[u8]) {
    let id = |task: &Value| task["id"].as_str().or(task["uuid"].as_str()).unwrap_or_default().to_owned();
    seen.sort_by_key(id);
    expected.sort_by_key(id);
    let file = String::from_utf8_lossy(file);
    assert_eq!(seen.len(), expected.len(), "{reader} read another number of tasks from\n{file}");
    for (seen, expected) in seen.iter().zip(&expected) {
        assert_eq!(seen, expected, "{reader} read this task otherwise than the database holds it, from\n{file}");
    }
}

async fn check_with_python(format: DataFormat) {
    let seeded = seeded().await;
    let file = seeded.export(format).await;
    let seen = read_export(format, &file)
        .unwrap_or_else(|message| panic!("{message}in the file:\n{}", String::from_utf8_lossy(&file)));
    assert_same_tasks(&format!("read-export.py {}", text(&format)), seen, seeded.expected(format), &file);
}

#[tokio::test]
async fn a_backup_read_by_pythons_json_holds_what_the_database_holds() {
    check_with_python(DataFormat::Json).await;
}

#[tokio::test]
async fn a_csv_read_by_pythons_strict_csv_holds_what_the_database_holds() {
    check_with_python(DataFormat::Csv).await;
}

#[tokio::test]
async fn a_todo_txt_read_by_pytodotxt_holds_what_the_database_holds() {
    check_with_python(DataFormat::Todotxt).await;
}

#[tokio::test]
async fn an_ics_read_by_pythons_icalendar_holds_what_the_database_holds() {
    check_with_python(DataFormat::Ics).await;
}

/// Each reader refuses a file broken in the way it checks, so a pass above means it read the file.
#[test]
fn the_readers_refuse_a_broken_file() {
    let long_line = format!("SUMMARY:{}", "x".repeat(68));
    let cases: [(DataFormat, String, &str); 7] = [
        (DataFormat::Json, r#"{"format":"tasklane-backup","version":2}"#.into(), "the top level"),
        (DataFormat::Csv, "id,title\r\nx,\"open\r\n".into(), "unexpected end of data"),
        (DataFormat::Csv, "title,id\r\nx,y\r\n".into(), "the header row"),
        (DataFormat::Todotxt, "a task id:1 id:2\n".into(), "line 1 has 2 id:"),
        (
            DataFormat::Ics,
            ics(&format!("UID:a\r\nDTSTAMP:20261201T000000Z\r\n{long_line}\r\n")),
            "line 7 has 76 octets",
        ),
        (DataFormat::Ics, ics("UID:a\r\nSUMMARY:x\r\n"), "lacks UID or DTSTAMP"),
        (DataFormat::Ics, ics("UID:a\r\nDTSTAMP:20261201T000000Z\r\nDESCRIPTION:a\rb\r\n"), "line 7 holds a bare"),
    ];
    for (format, file, expected) in cases {
        let message = read_export(format, file.as_bytes()).expect_err(expected);
        assert!(message.contains(expected), "expected {expected:?} in: {message}");
    }
}

fn ics(todo: &str) -> String {
    format!("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\nBEGIN:VTODO\r\n{todo}END:VTODO\r\nEND:VCALENDAR\r\n")
}

/// A Taskwarrior task as JSON (what Tasklane writes, what `task export` prints), in Taskwarrior's
/// words: the fields Tasklane maps, tags sorted. `id`, `urgency`, `entry` and `modified` are left
/// out (Taskwarrior numbers and scores tasks itself).
fn taskwarrior_view(task: &Value) -> Value {
    let mut status = task["status"].as_str().unwrap_or_default().to_owned();
    if let Some(kept) = task["tasklane_status"].as_str() {
        status.push_str(&format!(" tasklane_status:{kept}"));
    }
    let mut tags: Vec<&str> = task["tags"].as_array().into_iter().flatten().filter_map(Value::as_str).collect();
    tags.sort();
    let notes: Vec<&Value> = task["annotations"].as_array().into_iter().flatten().map(|a| &a["description"]).collect();
    json!({ "uuid": task["uuid"], "description": task["description"], "status": status,
            "priority": task["priority"], "project": task["project"], "tags": tags, "due": task["due"],
            "end": task["end"], "annotations": notes, "assignee": task["tasklane_assignee"] })
}

/// Tasklane's task in Taskwarrior's words (docs/DATA.md). Lost: urgent (written as H), every
/// project but the first by name, and the spaces and commas in tags.
fn taskwarrior_expected(task: &TaskDto, mut projects: Vec<String>) -> Value {
    let date = |time: Timestamp| DateTime::<Utc>::from(time).format("%Y%m%dT%H%M%SZ").to_string();
    let status = match task.status {
        TaskStatus::Todo => "pending",
        TaskStatus::Done => "completed",
        TaskStatus::Backlog => "pending tasklane_status:backlog",
        TaskStatus::InProgress => "pending tasklane_status:in_progress",
        TaskStatus::Blocked => "pending tasklane_status:blocked",
    };
    let priority = match task.priority {
        TaskPriority::Urgent | TaskPriority::High => json!("H"),
        TaskPriority::Medium => json!("M"),
        TaskPriority::Low => json!("L"),
        TaskPriority::None => Value::Null,
    };
    projects.sort_by_key(|name| name.to_lowercase());
    let mut tags = one_words(&task.tags.iter().map(|tag| tag.replace(',', " ")).collect::<Vec<_>>());
    tags.sort();
    json!({ "uuid": task.id.to_string(), "description": task.title, "status": status, "priority": priority,
            "project": projects.first(), "tags": tags, "due": task.due_at.map(date),
            "end": task.completed_at.map(date), "annotations": task.description.iter().collect::<Vec<_>>(),
            "assignee": task.assignee })
}

/// `task import` of Tasklane's file into an empty TASKDATA, then `task export`: Taskwarrior keeps
/// every task with the fields Tasklane wrote, and the file holds what the database holds.
#[tokio::test]
async fn a_taskwarrior_export_imported_by_task_exports_the_same_tasks() {
    let seeded = seeded().await;
    let file = seeded.export(DataFormat::Taskwarrior).await;
    let expected: Vec<Value> =
        seeded.tasks.iter().map(|task| taskwarrior_expected(task, seeded.project_names(task))).collect();
    let written: Vec<Value> = serde_json::from_slice(&file).unwrap();
    assert_same_tasks("Tasklane's file", written.iter().map(taskwarrior_view).collect(), expected.clone(), &file);

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tasks.json");
    std::fs::write(&path, &file).unwrap();
    let data = dir.path().join("taskdata");
    std::fs::create_dir(&data).unwrap();
    // No user's .taskrc, no hooks, no questions; the UDAs need no declaring (Taskwarrior keeps
    // attributes it does not know, as "orphans").
    let task = |args: &[&str]| {
        let mut all = vec!["rc.confirmation=off", "rc.hooks=off", "rc.json.array=on", "rc.verbose=nothing"];
        all.extend(args);
        let output = run(Path::new("task"), &all, &[("TASKRC", Path::new("/dev/null")), ("TASKDATA", &data)]);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(output.status.success(), "task {all:?} failed: {stderr}");
        output.stdout
    };
    task(&["import", path.to_str().unwrap()]);
    let exported: Vec<Value> = serde_json::from_slice(&task(&["export"])).unwrap();
    assert_same_tasks("task export", exported.iter().map(taskwarrior_view).collect(), expected, &file);
}
