//! todo.txt (one task per line: `x` and dates, `(A)` priority, `+project`, `@context`,
//! `key:value`). The syntax is the `todo-txt` crate's; the mapping is here and in docs/DATA.md.
//!
//! - Priority: `(A)` urgent, `(B)` high, `(C)` medium, `(D)` and below low; none is none.
//! - `@context` words are tags and `+project` words are projects. Both lose their spaces, which
//!   todo.txt cannot hold: a space becomes `_`.
//! - `due:YYYY-MM-DD` is the due date (the day; a time of day is lost).
//! - `id:` carries the Tasklane id (so a re-import updates instead of duplicating), and `status:`
//!   a status other than todo and done.
//! - A done task's priority is written as `pri:A`, as the todo.txt rules ask: the completion date
//!   must follow the `x` directly, so `x (A) 2026-12-05 …` would be read by other apps as created
//!   on its completion day, with the creation date in its title.
//! - Other `key:value` pairs are kept, one per line, in the description.
//! - The description and the assignee are not written (a line cannot hold them).

use std::collections::BTreeMap;
use std::io::{self, Write};

use chrono::NaiveDate;
use entity::enums::{TaskPriority, TaskStatus};
use entity::{Id, Timestamp};
use todo_txt::Priority;
use todo_txt::task::Simple;

use super::{Dataset, FormatError, ProjectRef, TaskRecord, midnight, one_word, parse_enum, project_names, text_of};
use crate::models::TaskDto;

/// Writes tasks as todo.txt lines.
pub struct TodoTxtWriter<W: Write> {
    out: W,
    project_names: std::collections::HashMap<Id, String>,
}

impl<W: Write> TodoTxtWriter<W> {
    pub fn start(out: W, project_names: std::collections::HashMap<Id, String>) -> Self {
        Self { out, project_names }
    }

    pub fn task(&mut self, task: &TaskDto) -> io::Result<()> {
        let done = task.status.is_done();
        let mut tags = BTreeMap::from([("id".to_owned(), task.id.to_string())]);
        if !matches!(task.status, TaskStatus::Todo | TaskStatus::Done) {
            tags.insert("status".to_owned(), text_of(&task.status));
        }
        let projects = project_names(task, &self.project_names).into_iter().map(one_word).collect();
        let mut priority = match task.priority {
            TaskPriority::Urgent => Priority::from(0),
            TaskPriority::High => Priority::from(1),
            TaskPriority::Medium => Priority::from(2),
            TaskPriority::Low => Priority::from(3),
            TaskPriority::None => Priority::lowest(),
        };
        if done && !priority.is_lowest() {
            tags.insert("pri".to_owned(), priority.to_string());
            priority = Priority::lowest();
        }
        let line = Simple {
            subject: task.title.split_whitespace().collect::<Vec<_>>().join(" "),
            priority,
            create_date: Some(day(task.created_at)),
            finish_date: task.completed_at.filter(|_| done).map(day),
            finished: done,
            threshold_date: None,
            due_date: task.due_at.map(day),
            contexts: task.tags.iter().map(|name| one_word(name)).collect(),
            projects,
            hashtags: Vec::new(),
            tags,
        };
        writeln!(self.out, "{line}")
    }

    pub fn finish(self) -> io::Result<W> {
        Ok(self.out)
    }
}

/// The UTC day of `time`.
fn day(time: Timestamp) -> NaiveDate {
    chrono::DateTime::<chrono::Utc>::from(time).date_naive()
}

/// Reads todo.txt lines; blank lines are skipped. A line that names a date that does not exist
/// (`due:2026-02-30`), a bad `id:` or an unknown `status:` is an error naming the line.
pub fn read(bytes: &[u8]) -> Result<Dataset, FormatError> {
    let text = super::utf8_text(bytes)?;
    let mut dataset = Dataset::default();
    for (index, raw) in text.lines().enumerate() {
        let line = index as u64 + 1;
        if raw.trim().is_empty() {
            continue;
        }
        let parsed: Simple = raw.trim().parse().unwrap_or_default();
        let bad = |why: String| FormatError::at(line, why);
        // The crate drops a `due:` it cannot read; a user would lose it without a word.
        if parsed.due_date.is_none()
            && let Some(due) = raw.split_whitespace().find_map(|w| w.strip_prefix("due:"))
        {
            return Err(bad(format!("due:{due} is not a date (due:2026-12-24)")));
        }
        let mut task = TaskRecord::new(Some(line), title_of(&parsed));
        let mut extra = parsed.tags.clone();
        let mut priority = parsed.priority.clone();
        // A done task's priority, kept as `pri:A` (the todo.txt rules); `(A)` wins over it.
        if let Some(kept) = extra.remove("pri")
            && priority.is_lowest()
        {
            let mut letters = kept.chars();
            priority = match (letters.next().map(Priority::try_from), letters.next()) {
                (Some(Ok(letter)), None) => letter,
                _ => return Err(bad(format!("pri:{kept} is not a priority letter (A to Z)"))),
            };
        }
        task.priority = match u8::from(priority) {
            0 => TaskPriority::Urgent,
            1 => TaskPriority::High,
            2 => TaskPriority::Medium,
            p if p < 26 => TaskPriority::Low,
            _ => TaskPriority::None,
        };
        if let Some(id) = extra.remove("id") {
            task.id = Some(id.parse().map_err(|_| bad(format!("id:{id} is not a Tasklane id")))?);
        }
        task.status = if parsed.finished { TaskStatus::Done } else { TaskStatus::Todo };
        if let Some(status) = extra.remove("status") {
            let named: TaskStatus = parse_enum(&status)
                .ok_or_else(|| bad(format!("status:{status} is not one of backlog, todo, in_progress, blocked")))?;
            if !parsed.finished {
                task.status = named;
            }
        }
        task.created_at = parsed.create_date.map(midnight);
        task.completed_at = parsed.finish_date.map(midnight);
        task.due_at = parsed.due_date.map(midnight);
        task.tags = parsed.contexts.clone();
        task.projects = parsed.projects.iter().cloned().map(ProjectRef::Name).collect();
        if !extra.is_empty() {
            task.description =
                Some(extra.iter().map(|(key, value)| format!("{key}:{value}")).collect::<Vec<_>>().join("\n"));
        }
        dataset.tasks.push(task);
    }
    Ok(dataset)
}

/// The subject without its `+project` and `@context` words (they become links).
fn title_of(task: &Simple) -> String {
    task.subject
        .split_whitespace()
        .filter(|word| {
            let linked = |prefix: char, names: &[String]| {
                word.strip_prefix(prefix).is_some_and(|name| names.iter().any(|known| known == name))
            };
            !linked('+', &task.projects) && !linked('@', &task.contexts)
        })
        .collect::<Vec<_>>()
        .join(" ")
}
