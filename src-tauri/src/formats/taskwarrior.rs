//! Taskwarrior JSON: what `task export` writes and `task import` reads, a JSON array of tasks with
//! dates as `YYYYMMDDTHHMMSSZ`. The syntax is serde_json's; the mapping is here and in docs/DATA.md.
//!
//! - `uuid` is the task's id (a re-import updates instead of duplicating).
//! - `status`: pending → todo (or the status kept in `tasklane_status`), completed → done,
//!   waiting → backlog (backlog is written as pending with `tasklane_status`, since Taskwarrior
//!   needs a `wait` date for waiting); deleted and recurring (a template) are left out, with a warning.
//! - `priority` H / M / L: urgent and high → H, medium → M, low → L.
//! - `project`: one per task in Taskwarrior; the first of a Tasklane task's projects, by name.
//! - `annotations`: the description goes out as one; on import they are joined into it.
//! - `tags` cannot hold spaces or commas: each run of them becomes `_`.

use std::collections::HashMap;
use std::io::{self, Write};

use chrono::{NaiveDateTime, TimeZone, Utc};
use entity::enums::{TaskPriority, TaskStatus};
use entity::{Id, Timestamp};
use serde::{Deserialize, Serialize};

use super::{Dataset, FormatError, ProjectRef, TaskRecord, one_word, parse_enum, project_names, text_of};
use crate::models::{ImportWarning, TaskDto};

const DATE: &str = "%Y%m%dT%H%M%SZ";

#[derive(Serialize, Deserialize)]
struct Annotation {
    entry: String,
    description: String,
}

/// A task as `task export` writes it; fields Tasklane does not map (`id`, `urgency`, UDAs) are
/// ignored on import.
#[derive(Serialize, Deserialize)]
struct Task {
    uuid: String,
    description: String,
    status: String,
    entry: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    modified: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    end: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    due: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    priority: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    project: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    tags: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    annotations: Vec<Annotation>,
    /// A Tasklane status Taskwarrior has no word for (in_progress, blocked, backlog), as a UDA.
    #[serde(skip_serializing_if = "Option::is_none")]
    tasklane_status: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    tasklane_assignee: Option<String>,
}

/// A tag as Taskwarrior can hold it: one word without commas (it keeps a task's tags joined by
/// commas, so `a,b` would come back as three tags), each run of spaces and commas becoming `_`.
fn tag_word(tag: &str) -> String {
    one_word(&tag.replace(',', " "))
}

fn date(time: Timestamp) -> String {
    chrono::DateTime::<Utc>::from(time).format(DATE).to_string()
}

fn parse_date(text: &str) -> Option<Timestamp> {
    NaiveDateTime::parse_from_str(text, DATE).ok().map(|t| Utc.from_utc_datetime(&t).into())
}

/// Writes a JSON array, one task per line.
pub struct TaskwarriorWriter<W: Write> {
    out: W,
    project_names: HashMap<Id, String>,
    tasks: u64,
}

impl<W: Write> TaskwarriorWriter<W> {
    pub fn start(mut out: W, project_names: HashMap<Id, String>) -> io::Result<Self> {
        out.write_all(b"[")?;
        Ok(Self { out, project_names, tasks: 0 })
    }

    pub fn task(&mut self, task: &TaskDto) -> io::Result<()> {
        let projects = project_names(task, &self.project_names);
        // Not `waiting` for backlog: Taskwarrior needs a `wait` date for that and stores a waiting
        // task without one as pending anyway; `tasklane_status` keeps backlog.
        let status = if task.status == TaskStatus::Done { "completed" } else { "pending" };
        let record = Task {
            uuid: task.id.to_string(),
            description: task.title.clone(),
            status: status.to_owned(),
            entry: date(task.created_at),
            modified: Some(date(task.updated_at)),
            end: task.completed_at.map(date),
            due: task.due_at.map(date),
            priority: match task.priority {
                TaskPriority::Urgent | TaskPriority::High => Some("H".to_owned()),
                TaskPriority::Medium => Some("M".to_owned()),
                TaskPriority::Low => Some("L".to_owned()),
                TaskPriority::None => None,
            },
            project: projects.first().map(|name| (*name).to_owned()),
            tags: task.tags.iter().map(|tag| tag_word(tag)).collect(),
            annotations: task
                .description
                .iter()
                .map(|text| Annotation { entry: date(task.updated_at), description: text.clone() })
                .collect(),
            tasklane_status: matches!(task.status, TaskStatus::InProgress | TaskStatus::Blocked | TaskStatus::Backlog)
                .then(|| text_of(&task.status)),
            tasklane_assignee: task.assignee.clone(),
        };
        self.out.write_all(if self.tasks == 0 { b"\n" } else { b",\n" })?;
        serde_json::to_writer(&mut self.out, &record)?;
        self.tasks += 1;
        Ok(())
    }

    pub fn finish(mut self) -> io::Result<W> {
        self.out.write_all(b"\n]\n")?;
        Ok(self.out)
    }
}

/// Reads what `task export` writes. A task that cannot be read is an error naming it (its place in
/// the array and its uuid).
pub fn read(bytes: &[u8]) -> Result<Dataset, FormatError> {
    let tasks: Vec<serde_json::Value> = serde_json::from_slice(bytes).map_err(|err| {
        FormatError::at(
            u64::try_from(err.line()).ok().filter(|l| *l > 0),
            format!("This is not a Taskwarrior export: {err}"),
        )
    })?;
    let mut dataset = Dataset::default();
    for (index, value) in tasks.into_iter().enumerate() {
        let which = format!("task {} of the file", index + 1);
        let task: Task =
            serde_json::from_value(value).map_err(|err| FormatError::at(None, format!("The {which}: {err}")))?;
        let bad = |why: String| FormatError::at(None, format!("The {which} ({}): {why}", task.uuid));
        let time = |field: &str, text: &Option<String>| -> Result<Option<Timestamp>, FormatError> {
            text.as_deref()
                .map(|text| {
                    parse_date(text).ok_or_else(|| bad(format!("{field} `{text}` is not a date like 20261224T093000Z")))
                })
                .transpose()
        };
        let mut record = TaskRecord::new(None, task.description.clone());
        record.id = Some(task.uuid.parse().map_err(|_| bad("its uuid is not a UUID".into()))?);
        record.status = match task.status.as_str() {
            "pending" => TaskStatus::Todo,
            "completed" => TaskStatus::Done,
            "waiting" => TaskStatus::Backlog,
            "deleted" | "recurring" => {
                dataset.warnings.push(ImportWarning {
                    line: None,
                    message: format!(
                        "The {which} (\"{}\") is {} in Taskwarrior and was left out",
                        task.description, task.status
                    ),
                });
                continue;
            }
            other => {
                return Err(bad(format!("status `{other}` is not pending, completed, waiting, deleted or recurring")));
            }
        };
        if let Some(kept) = &task.tasklane_status
            && record.status != TaskStatus::Done
        {
            record.status =
                parse_enum(kept).ok_or_else(|| bad(format!("tasklane_status `{kept}` is not a Tasklane status")))?;
        }
        record.created_at = time("entry", &Some(task.entry.clone()))?;
        record.updated_at = time("modified", &task.modified)?;
        record.completed_at = time("end", &task.end)?;
        record.due_at = time("due", &task.due)?;
        record.priority = match task.priority.as_deref() {
            Some("H") => TaskPriority::High,
            Some("M") => TaskPriority::Medium,
            Some("L") => TaskPriority::Low,
            None | Some("") => TaskPriority::None,
            Some(other) => return Err(bad(format!("priority `{other}` is not H, M or L"))),
        };
        record.projects = task.project.iter().map(|name| ProjectRef::Name(name.clone())).collect();
        record.tags = task.tags.clone();
        record.assignee = task.tasklane_assignee.clone();
        let notes: Vec<&str> = task.annotations.iter().map(|a| a.description.as_str()).collect();
        record.description = (!notes.is_empty()).then(|| notes.join("\n\n"));
        dataset.tasks.push(record);
    }
    Ok(dataset)
}
