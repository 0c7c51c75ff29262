//! File formats: one module per format, each mapping between its records and Tasklane's. The
//! syntax comes from a well-kept crate (serde_json, csv, todo-txt, icalendar); what is here is the mapping, and what
//! each format keeps and loses is in docs/DATA.md. Nothing here touches the database or Tauri.
//!
//! Writers take tasks one at a time (an export streams); readers return a whole [`Dataset`], which
//! the import then writes in one transaction.

pub mod backup;
pub mod csv;
pub mod ics;
pub mod taskwarrior;
pub mod todotxt;

use std::collections::HashMap;

use chrono::NaiveDate;
use entity::enums::{TaskPriority, TaskStatus};
use entity::{Id, Timestamp};
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::models::{ImportWarning, TaskDto};

/// Everything read from a file, before it is checked against the database.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Dataset {
    pub projects: Vec<ProjectRecord>,
    pub tags: Vec<TagRecord>,
    pub settings: Vec<SettingRecord>,
    pub tasks: Vec<TaskRecord>,
    pub warnings: Vec<ImportWarning>,
}

/// A task as a file describes it. What a format does not carry is `None` (the import then picks
/// what a new task gets: a new id, the next position, now).
#[derive(Clone, Debug, PartialEq)]
pub struct TaskRecord {
    /// Where the record starts in the file (1-based), for messages.
    pub line: Option<u64>,
    pub id: Option<Id>,
    pub title: String,
    pub description: Option<String>,
    pub status: TaskStatus,
    pub priority: TaskPriority,
    pub due_at: Option<Timestamp>,
    pub completed_at: Option<Timestamp>,
    pub position: Option<i64>,
    pub created_at: Option<Timestamp>,
    pub updated_at: Option<Timestamp>,
    pub version: Option<i64>,
    pub created_by: Option<String>,
    pub assignee: Option<String>,
    /// Tag names (a tag is its name, ignoring case).
    pub tags: Vec<String>,
    pub projects: Vec<ProjectRef>,
}

impl TaskRecord {
    pub fn new(line: Option<u64>, title: String) -> Self {
        Self {
            line,
            id: None,
            title,
            description: None,
            status: TaskStatus::Todo,
            priority: TaskPriority::None,
            due_at: None,
            completed_at: None,
            position: None,
            created_at: None,
            updated_at: None,
            version: None,
            created_by: None,
            assignee: None,
            tags: Vec::new(),
            projects: Vec::new(),
        }
    }
}

/// How a task names its project: by id (the backup) or by name (CSV).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum ProjectRef {
    Id(Id),
    Name(String),
}

#[derive(Clone, Debug, PartialEq)]
pub struct ProjectRecord {
    pub line: Option<u64>,
    pub id: Id,
    pub name: String,
    pub description: Option<String>,
    pub color: Option<String>,
    pub position: i64,
    pub archived: bool,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
    pub version: i64,
}

#[derive(Clone, Debug, PartialEq)]
pub struct TagRecord {
    pub id: Id,
    pub name: String,
    pub created_at: Timestamp,
}

#[derive(Clone, Debug, PartialEq)]
pub struct SettingRecord {
    pub key: String,
    pub value: String,
    pub updated_at: Timestamp,
}

/// Why a file cannot be read: where, and what is wrong, in words. The import turns it into a
/// `VALIDATION` error and writes nothing.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{}{message}", line.map(|line| format!("Line {line}: ")).unwrap_or_default())]
pub struct FormatError {
    pub line: Option<u64>,
    pub message: String,
}

impl FormatError {
    pub fn at(line: impl Into<Option<u64>>, message: impl Into<String>) -> Self {
        Self { line: line.into(), message: message.into() }
    }
}

/// A list of names in one text field, as CSV writes tags and projects: separated by `, `; a
/// comma or backslash inside a name is escaped with a backslash, so any name survives.
pub fn join_names<'a>(names: impl IntoIterator<Item = &'a str>) -> String {
    names.into_iter().map(|name| name.replace('\\', "\\\\").replace(',', "\\,")).collect::<Vec<_>>().join(", ")
}

/// The inverse of [`join_names`]: blank names are dropped.
pub fn split_names(text: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut current = String::new();
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => current.extend(chars.next()),
            ',' => names.push(std::mem::take(&mut current)),
            c => current.push(c),
        }
    }
    names.push(current);
    names.into_iter().map(|name| name.trim().to_owned()).filter(|name| !name.is_empty()).collect()
}

/// An enum's text as the IPC contract spells it (`in_progress`, `urgent`).
pub(crate) fn text_of<T: Serialize>(value: &T) -> String {
    serde_json::to_value(value).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default()
}

/// The enum value whose contract text is exactly `text`, if any.
pub(crate) fn parse_enum<T: DeserializeOwned>(text: &str) -> Option<T> {
    serde_json::from_value(serde_json::Value::String(text.to_owned())).ok()
}

/// The names of `task`'s projects, by name ignoring case: ids differ between databases, and the
/// formats that carry projects by name must write them in one order.
pub(crate) fn project_names<'a>(task: &TaskDto, names: &'a HashMap<Id, String>) -> Vec<&'a str> {
    let mut projects: Vec<&str> = task.project_ids.iter().filter_map(|id| names.get(id)).map(String::as_str).collect();
    projects.sort_by_key(|name| name.to_lowercase());
    projects
}

/// A name as one word, for formats whose names cannot hold spaces: each run of spaces becomes `_`.
pub(crate) fn one_word(name: &str) -> String {
    name.split_whitespace().collect::<Vec<_>>().join("_")
}

/// A line-based file's text, without a UTF-8 byte order mark; bytes that are not UTF-8 are an
/// error naming their line.
pub(crate) fn utf8_text(bytes: &[u8]) -> Result<&str, FormatError> {
    let text = std::str::from_utf8(bytes).map_err(|err| {
        let line = bytes[..err.valid_up_to()].iter().filter(|&&b| b == b'\n').count() as u64 + 1;
        FormatError::at(line, "The text is not UTF-8")
    })?;
    Ok(text.strip_prefix('\u{feff}').unwrap_or(text))
}

/// A calendar day, as the instant it starts in UTC.
pub(crate) fn midnight(date: NaiveDate) -> Timestamp {
    date.and_hms_opt(0, 0, 0).unwrap_or_default().and_utc().into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_with_commas_and_backslashes_survive_a_join_and_a_split() {
        let names = ["plain", "a, b", r"back\slash", "trailing\\", "ünïcødé"];
        assert_eq!(split_names(&join_names(names)), names);
        assert_eq!(split_names(" one ,, two ,"), ["one", "two"]);
        assert_eq!(split_names(""), Vec::<String>::new());
    }
}
