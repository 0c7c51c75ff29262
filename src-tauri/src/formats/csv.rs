//! CSV (RFC 4180, UTF-8, a leading BOM tolerated), one task per row, and Todoist's CSV template on
//! import. The syntax is the `csv` crate's; the columns are in docs/DATA.md.

use std::collections::HashMap;
use std::io::{self, Write};

use chrono::NaiveDate;
use entity::enums::{TaskPriority, TaskStatus};
use entity::{Id, Timestamp};

use super::{
    Dataset, FormatError, ProjectRef, TaskRecord, join_names, midnight, parse_enum, project_names, split_names, text_of,
};
use crate::models::{ImportWarning, TaskDto};

/// Tasklane's columns, in the order it writes them.
pub const COLUMNS: [&str; 13] = [
    "id",
    "title",
    "description",
    "status",
    "priority",
    "due",
    "completed",
    "created",
    "updated",
    "tags",
    "projects",
    "assignee",
    "created_by",
];

/// Todoist's template, which import recognizes by its first two columns.
const TODOIST: [&str; 10] =
    ["TYPE", "CONTENT", "DESCRIPTION", "PRIORITY", "INDENT", "AUTHOR", "RESPONSIBLE", "DATE", "DATE_LANG", "TIMEZONE"];

/// Writes tasks as CSV rows under Tasklane's header.
pub struct CsvWriter<W: Write> {
    out: csv::Writer<W>,
    project_names: HashMap<Id, String>,
}

impl<W: Write> CsvWriter<W> {
    /// `project_names` names each project id a task may carry.
    pub fn start(out: W, project_names: HashMap<Id, String>) -> io::Result<Self> {
        let mut out = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(out);
        out.write_record(COLUMNS)?;
        Ok(Self { out, project_names })
    }

    pub fn task(&mut self, task: &TaskDto) -> io::Result<()> {
        let time = |t: Option<Timestamp>| t.map(|t| t.to_string()).unwrap_or_default();
        let projects = project_names(task, &self.project_names);
        self.out.write_record([
            task.id.to_string(),
            task.title.clone(),
            task.description.clone().unwrap_or_default(),
            text_of(&task.status),
            text_of(&task.priority),
            time(task.due_at),
            time(task.completed_at),
            task.created_at.to_string(),
            task.updated_at.to_string(),
            join_names(task.tags.iter().map(String::as_str)),
            join_names(projects),
            task.assignee.clone().unwrap_or_default(),
            task.created_by.clone().unwrap_or_default(),
        ])?;
        Ok(())
    }

    pub fn finish(self) -> io::Result<W> {
        self.out.into_inner().map_err(|err| err.into_error())
    }
}

/// Reads Tasklane's CSV (any subset of its columns, `title` required, in any order) or Todoist's
/// template. A row that cannot be read is an error naming its line and column.
pub fn read(bytes: &[u8]) -> Result<Dataset, FormatError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(FormatError::at(None, "The file is empty"));
    }
    if let Some(line) = unclosed_quote(bytes) {
        return Err(FormatError::at(line, "A quoted field is not closed (an unbalanced `\"`)"));
    }
    let mut reader = csv::ReaderBuilder::new().flexible(false).has_headers(true).from_reader(bytes);
    let header: Vec<String> = reader
        .headers()
        .map_err(|err| csv_error(err, &mut Lines::new(bytes)))?
        .iter()
        .map(|name| name.trim().to_owned())
        .collect();
    let todoist = header.len() >= 2 && header[0] == TODOIST[0] && header[1] == TODOIST[1];
    let mut dataset = Dataset::default();
    let columns = Columns::new(&header, if todoist { &TODOIST } else { &COLUMNS }, todoist, &mut dataset.warnings)?;
    let mut lines = Lines::new(bytes);
    for row in reader.records() {
        let row = row.map_err(|err| csv_error(err, &mut lines))?;
        let line = row.position().map_or(0, |p| lines.at(p.byte()));
        if row.iter().all(|field| field.trim().is_empty()) {
            continue;
        }
        let row = Row { columns: &columns, record: &row };
        if todoist {
            todoist_row(&row, line, &mut dataset)?;
        } else {
            dataset.tasks.push(tasklane_row(&row, line)?);
        }
    }
    Ok(dataset)
}

/// The line where a quoted field opens and never closes, if one does. RFC 4180 quotes come in
/// pairs (a quote inside a quoted field is doubled), so the last quote that leaves the file
/// "inside quotes" is where it went wrong; the csv reader would instead take the rest of the file
/// as that field's text and complain about a field count, far from the cause.
fn unclosed_quote(bytes: &[u8]) -> Option<u64> {
    let (mut line, mut inside, mut opened_at) = (1, false, 1);
    for &byte in bytes {
        match byte {
            b'\n' => line += 1,
            b'"' => {
                inside = !inside;
                if inside {
                    opened_at = line;
                }
            }
            _ => {}
        }
    }
    inside.then_some(opened_at)
}

/// Which column holds which field.
struct Columns {
    index: HashMap<String, usize>,
}

impl Columns {
    fn new(
        header: &[String],
        known: &[&str],
        todoist: bool,
        warnings: &mut Vec<ImportWarning>,
    ) -> Result<Self, FormatError> {
        let mut index = HashMap::new();
        for (i, name) in header.iter().enumerate() {
            let key = if todoist { name.to_uppercase() } else { name.to_lowercase() };
            if !known.contains(&key.as_str()) {
                warnings.push(ImportWarning { line: Some(1), message: format!("The column \"{name}\" was not read") });
            } else if index.insert(key, i).is_some() {
                return Err(FormatError::at(1, format!("The column \"{name}\" appears twice")));
            }
        }
        let required = if todoist { "CONTENT" } else { "title" };
        if !index.contains_key(required) {
            return Err(FormatError::at(
                1,
                format!("The first row must name the columns, with a \"{required}\" column (see docs/DATA.md)"),
            ));
        }
        Ok(Self { index })
    }

    fn get(&self, name: &str) -> Option<usize> {
        self.index.get(name).copied()
    }
}

/// One row, read by column name.
struct Row<'a> {
    columns: &'a Columns,
    record: &'a csv::StringRecord,
}

impl Row<'_> {
    /// The text in `name`'s column; empty when the file has no such column.
    fn cell(&self, name: &str) -> &str {
        self.columns.get(name).and_then(|i| self.record.get(i)).unwrap_or("")
    }
}

fn tasklane_row(row: &Row<'_>, line: u64) -> Result<TaskRecord, FormatError> {
    let cell = |name: &str| row.cell(name);
    let mut task = TaskRecord::new(Some(line), cell("title").to_owned());
    let bad = |column: &str, why: String| FormatError::at(line, format!("column \"{column}\": {why}"));
    if !cell("id").trim().is_empty() {
        task.id = Some(cell("id").trim().parse().map_err(|_| bad("id", format!("`{}` is not a task id", cell("id"))))?);
    }
    task.description = Some(cell("description").to_owned()).filter(|text| !text.is_empty());
    if !cell("status").trim().is_empty() {
        task.status = parse_enum(&cell("status").trim().to_lowercase()).ok_or_else(|| {
            bad("status", format!("`{}` is not one of backlog, todo, in_progress, blocked, done", cell("status")))
        })?;
    }
    if !cell("priority").trim().is_empty() {
        task.priority = parse_enum(&cell("priority").trim().to_lowercase()).ok_or_else(|| {
            bad("priority", format!("`{}` is not one of none, low, medium, high, urgent", cell("priority")))
        })?;
    }
    task.due_at = time_cell(cell("due")).map_err(|why| bad("due", why))?;
    task.completed_at = time_cell(cell("completed")).map_err(|why| bad("completed", why))?;
    task.created_at = time_cell(cell("created")).map_err(|why| bad("created", why))?;
    task.updated_at = time_cell(cell("updated")).map_err(|why| bad("updated", why))?;
    task.tags = split_names(cell("tags"));
    task.projects = split_names(cell("projects")).into_iter().map(ProjectRef::Name).collect();
    task.assignee = Some(cell("assignee").trim().to_owned()).filter(|name| !name.is_empty());
    task.created_by = Some(cell("created_by").trim().to_owned()).filter(|name| !name.is_empty());
    Ok(task)
}

/// A date-time (RFC 3339) or a calendar date (`2026-12-24`, read as midnight UTC); empty is none.
fn time_cell(text: &str) -> Result<Option<Timestamp>, String> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    if let Ok(time) = text.parse::<Timestamp>() {
        return Ok(Some(time));
    }
    match NaiveDate::parse_from_str(text, "%Y-%m-%d") {
        Ok(date) => Ok(Some(midnight(date))),
        Err(_) => Err(format!("`{text}` is not a date (2026-12-24) or a date-time (2026-12-24T09:30:00Z)")),
    }
}

fn todoist_row(row: &Row<'_>, line: u64, dataset: &mut Dataset) -> Result<(), FormatError> {
    let cell = |name: &str| row.cell(name);
    let bad = |column: &str, why: String| FormatError::at(line, format!("column \"{column}\": {why}"));
    let warn =
        |dataset: &mut Dataset, message: String| dataset.warnings.push(ImportWarning { line: Some(line), message });
    match cell("TYPE").trim().to_lowercase().as_str() {
        "task" => {}
        "note" => {
            let note = cell("CONTENT").trim();
            match dataset.tasks.last_mut() {
                Some(task) if !note.is_empty() => {
                    let description = task.description.get_or_insert_with(String::new);
                    if !description.is_empty() {
                        description.push_str("\n\n");
                    }
                    description.push_str(note);
                }
                _ => warn(dataset, "A note without a task before it was not read".into()),
            }
            return Ok(());
        }
        "section" => {
            warn(
                dataset,
                format!("The section \"{}\" was not read (Tasklane has no sections)", cell("CONTENT").trim()),
            );
            return Ok(());
        }
        other => return Err(bad("TYPE", format!("`{other}` is not task, note or section"))),
    }
    // `@label` words are tags; the rest is the title.
    let (mut words, mut tags) = (Vec::new(), Vec::new());
    for word in cell("CONTENT").split_whitespace() {
        match word.strip_prefix('@').filter(|label| !label.is_empty()) {
            Some(label) => tags.push(label.to_owned()),
            None => words.push(word),
        }
    }
    let mut task = TaskRecord::new(Some(line), words.join(" "));
    task.tags = tags;
    task.description = Some(cell("DESCRIPTION").to_owned()).filter(|text| !text.trim().is_empty());
    // Todoist's CSV counts priority 1 as the highest (its API counts the other way).
    task.priority = match cell("PRIORITY").trim() {
        "1" => TaskPriority::Urgent,
        "2" => TaskPriority::High,
        "3" => TaskPriority::Medium,
        "4" | "" => TaskPriority::None,
        other => return Err(bad("PRIORITY", format!("`{other}` is not 1, 2, 3 or 4"))),
    };
    if cell("INDENT").trim().parse::<u32>().is_ok_and(|indent| indent > 1) {
        warn(dataset, format!("\"{}\" is a subtask in Todoist; it is imported as a task", task.title));
    }
    let date = cell("DATE").trim();
    if !date.is_empty() {
        match time_cell(date) {
            Ok(due) => task.due_at = due,
            Err(_) => warn(
                dataset,
                format!("The date \"{date}\" of \"{}\" was not read (only 2026-12-24 or a date-time is)", task.title),
            ),
        }
    }
    task.assignee = Some(cell("RESPONSIBLE").trim().to_owned()).filter(|name| !name.is_empty());
    task.status = TaskStatus::Todo;
    dataset.tasks.push(task);
    Ok(())
}

fn csv_error(err: csv::Error, lines: &mut Lines<'_>) -> FormatError {
    let line = err.position().map(|p| lines.at(p.byte()));
    let message = match err.kind() {
        csv::ErrorKind::Utf8 { err, .. } => format!("The text is not UTF-8 (field {})", err.field() + 1),
        csv::ErrorKind::UnequalLengths { expected_len, len, .. } => {
            format!("this row has {len} fields, the first row {expected_len}")
        }
        _ => err.to_string(),
    };
    FormatError::at(line, message)
}

/// The line a record starts on, from its byte offset. (The csv reader's own line numbers are one
/// short after a CRLF, as it counts the record from the line feed.) Offsets only grow while
/// reading, so each byte is counted once.
struct Lines<'a> {
    bytes: &'a [u8],
    counted_to: usize,
    line: u64,
}

impl<'a> Lines<'a> {
    fn new(bytes: &'a [u8]) -> Self {
        Self { bytes, counted_to: 0, line: 1 }
    }

    fn at(&mut self, byte: u64) -> u64 {
        let mut start = usize::try_from(byte).unwrap_or(usize::MAX).min(self.bytes.len());
        while start < self.bytes.len() && matches!(self.bytes[start], b'\r' | b'\n') {
            start += 1;
        }
        if start < self.counted_to {
            (self.counted_to, self.line) = (0, 1);
        }
        self.line += self.bytes[self.counted_to..start].iter().filter(|&&b| b == b'\n').count() as u64;
        self.counted_to = start;
        self.line
    }
}
