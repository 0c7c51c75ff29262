//! iCalendar (RFC 5545): one VTODO per task in a VCALENDAR. The syntax (line folding, text
//! escaping, lists, date forms) is the `icalendar` crate's; the mapping is here and in docs/DATA.md.
//!
//! - `UID` is the task's id. A UID that is not a Tasklane id (another app's) becomes a name-based
//!   UUID of it, so a re-import of the same file updates instead of duplicating.
//! - `STATUS`: NEEDS-ACTION → todo, IN-PROCESS → in_progress, COMPLETED → done; CANCELLED tasks
//!   are left out with a warning. backlog and blocked travel in `X-TASKLANE-STATUS`.
//! - `PRIORITY` 1–9 (1 the highest; 0 or none is undefined): 1 urgent, 2–4 high, 5 medium, 6–9 low.
//!   Written as 1, 3, 5 and 9.
//! - `DUE`: a due time at midnight UTC is written as a date (`DUE;VALUE=DATE:20261224`), others as
//!   UTC date-times. On import a date is that day's midnight UTC, a `TZID` time is converted with
//!   the IANA time zone database, and a floating time is read in this computer's time zone.
//! - `CATEGORIES` are the tags; projects (by name) and the assignee travel in `X-TASKLANE-PROJECT`
//!   and `X-TASKLANE-ASSIGNEE`, which other apps ignore.
//! - `DTSTAMP` and `LAST-MODIFIED` are the last change and `CREATED` the creation, to the second.
//! - A line break in the description is written as `\n` (LF): a CR LF or a lone CR becomes LF.

use std::collections::HashMap;
use std::io::{self, Write};

use chrono::{DateTime, Duration, Local, NaiveDateTime, TimeZone, Utc};
use entity::enums::{TaskPriority, TaskStatus};
use entity::{Id, Timestamp};
use icalendar::{
    CalendarComponent, CalendarDateTime, Component, DatePerhapsTime, EventLike, Property, Todo, TodoStatus,
};

use super::{Dataset, FormatError, ProjectRef, TaskRecord, parse_enum, project_names, text_of};
use crate::models::{ImportWarning, TaskDto};

const PROJECT: &str = "X-TASKLANE-PROJECT";
const STATUS: &str = "X-TASKLANE-STATUS";
const ASSIGNEE: &str = "X-TASKLANE-ASSIGNEE";
/// The namespace of the UUIDs made from other apps' UIDs (a fixed random UUID: changing it would
/// make re-imports of old files duplicate).
const FOREIGN_UID: uuid::Uuid = uuid::Uuid::from_u128(0x6d1f_3c52_8a0e_4f7b_9b4e_2c51_d8a7_e913);

/// Writes a VCALENDAR, one VTODO per task.
pub struct IcsWriter<W: Write> {
    out: W,
    project_names: HashMap<Id, String>,
}

impl<W: Write> IcsWriter<W> {
    pub fn start(mut out: W, project_names: HashMap<Id, String>) -> io::Result<Self> {
        // The calendar's own lines; each VTODO below is written by the crate.
        out.write_all(b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Tasklane//Tasklane//EN\r\nCALSCALE:GREGORIAN\r\n")?;
        Ok(Self { out, project_names })
    }

    pub fn task(&mut self, task: &TaskDto) -> io::Result<()> {
        let mut todo = Todo::with_uid(&task.id.to_string());
        todo.summary(&task.title)
            .timestamp(task.updated_at.into())
            .created(task.created_at.into())
            .last_modified(task.updated_at.into())
            .status(match task.status {
                TaskStatus::Done => TodoStatus::Completed,
                TaskStatus::InProgress | TaskStatus::Blocked => TodoStatus::InProcess,
                TaskStatus::Todo | TaskStatus::Backlog => TodoStatus::NeedsAction,
            });
        if let Some(description) = &task.description {
            // The crate escapes LF but leaves CR raw, which TEXT may not hold (RFC 5545 §3.3.11).
            todo.description(&description.replace("\r\n", "\n").replace('\r', "\n"));
        }
        if matches!(task.status, TaskStatus::Backlog | TaskStatus::Blocked) {
            todo.add_property(STATUS, text_of(&task.status));
        }
        match task.priority {
            TaskPriority::Urgent => todo.priority(1),
            TaskPriority::High => todo.priority(3),
            TaskPriority::Medium => todo.priority(5),
            TaskPriority::Low => todo.priority(9),
            TaskPriority::None => &mut todo,
        };
        if let Some(due) = task.due_at {
            let due = DateTime::<Utc>::from(due);
            if due.time() == chrono::NaiveTime::MIN {
                todo.due(due.date_naive());
            } else {
                todo.due(due);
            }
        }
        if let Some(completed) = task.completed_at {
            todo.completed(completed.into());
        }
        if !task.tags.is_empty() {
            todo.categories(&task.tags);
        }
        for project in project_names(task, &self.project_names) {
            todo.append_multi_property(Property::new(PROJECT, project));
        }
        if let Some(assignee) = &task.assignee {
            todo.add_property(ASSIGNEE, assignee);
        }
        let mut text = String::new();
        todo.fmt_write(&mut text).map_err(io::Error::other)?;
        // The crate folds its last continuation line one octet too long (76); fold it again.
        for line in icalendar::parser::unfold(&text).lines() {
            write_folded(&mut self.out, line)?;
        }
        Ok(())
    }

    pub fn finish(mut self) -> io::Result<W> {
        self.out.write_all(b"END:VCALENDAR\r\n")?;
        Ok(self.out)
    }
}

/// Writes `line` as RFC 5545 §3.1 content lines of at most 75 octets, each continuation starting
/// with a space, never splitting a character.
fn write_folded(out: &mut impl Write, line: &str) -> io::Result<()> {
    let mut rest = line;
    let mut limit = 75;
    loop {
        if rest.len() <= limit {
            return out.write_all(rest.as_bytes()).and_then(|()| out.write_all(b"\r\n"));
        }
        let mut cut = limit;
        while !rest.is_char_boundary(cut) {
            cut -= 1;
        }
        out.write_all(&rest.as_bytes()[..cut])?;
        out.write_all(b"\r\n ")?;
        rest = &rest[cut..];
        limit = 74;
    }
}

/// Reads the VTODOs of an iCalendar file (other components, such as events, are left out with a
/// warning). A VTODO that cannot be read is an error naming the line where it begins.
pub fn read(bytes: &[u8]) -> Result<Dataset, FormatError> {
    let text = super::utf8_text(bytes)?;
    let lines: Vec<&str> = text.lines().collect();
    let first = lines.iter().position(|line| !line.trim().is_empty());
    if first.is_none_or(|at| !lines[at].trim_end().eq_ignore_ascii_case("BEGIN:VCALENDAR")) {
        return Err(FormatError::at(
            first.map(|at| at as u64 + 1),
            "This is not an iCalendar file (no BEGIN:VCALENDAR)",
        ));
    }
    let last = lines.iter().rposition(|line| !line.trim().is_empty()).unwrap_or_default();
    if !lines[last].trim_end().eq_ignore_ascii_case("END:VCALENDAR") {
        return Err(FormatError::at(last as u64 + 1, "The file ends before END:VCALENDAR (is it cut short?)"));
    }
    // Where each VTODO begins in the file, for messages (a folded line never starts a property).
    let starts: Vec<u64> = lines
        .iter()
        .enumerate()
        .filter(|(_, line)| line.trim_end().eq_ignore_ascii_case("BEGIN:VTODO"))
        .map(|(at, _)| at as u64 + 1)
        .collect();
    let unfolded = icalendar::parser::unfold(text);
    let parsed = icalendar::parser::read_calendar(&unfolded).map_err(|err| {
        let first_line = err.lines().find(|line| !line.trim().is_empty() && line.trim() != "error:").unwrap_or("");
        FormatError::at(None, format!("This iCalendar file cannot be read: {}", first_line.trim()))
    })?;
    let calendar = icalendar::Calendar::from(parsed);

    let mut dataset = Dataset::default();
    let others = calendar
        .components
        .iter()
        .filter(|c| match c {
            CalendarComponent::Todo(_) => false,
            CalendarComponent::Other(other) => other.component_kind() != "VTIMEZONE",
            _ => true,
        })
        .count();
    if others > 0 {
        dataset.warnings.push(ImportWarning {
            line: None,
            message: format!("{others} calendar entries that are not tasks (VTODO), such as events, were left out"),
        });
    }
    for (index, todo) in calendar.todos().enumerate() {
        let line = starts.get(index).copied();
        if let Some(task) = read_todo(todo, line, &mut dataset.warnings)? {
            dataset.tasks.push(task);
        }
    }
    Ok(dataset)
}

fn read_todo(
    todo: &Todo,
    line: Option<u64>,
    warnings: &mut Vec<ImportWarning>,
) -> Result<Option<TaskRecord>, FormatError> {
    let bad = |why: String| FormatError::at(line, why);
    let uid = todo.get_uid().filter(|uid| !uid.trim().is_empty()).ok_or_else(|| bad("The VTODO has no UID".into()))?;
    let summary = todo.get_summary().unwrap_or_default().trim().to_owned();
    let mut task = TaskRecord::new(line, summary);
    task.id = Some(match uid.parse() {
        Ok(id) => id,
        Err(_) => uuid::Uuid::new_v5(&FOREIGN_UID, uid.as_bytes())
            .to_string()
            .parse()
            .map_err(|_| bad(format!("UID {uid}")))?,
    });
    let status = todo.property_value("STATUS");
    task.status = match status.map(str::to_ascii_uppercase).as_deref() {
        None | Some("NEEDS-ACTION") => TaskStatus::Todo,
        Some("IN-PROCESS") => TaskStatus::InProgress,
        Some("COMPLETED") => TaskStatus::Done,
        Some("CANCELLED") => {
            warnings.push(ImportWarning {
                line,
                message: format!("\"{}\" is cancelled in the calendar and was left out", task.title),
            });
            return Ok(None);
        }
        Some(_) => {
            return Err(bad(format!(
                "STATUS:{} is not NEEDS-ACTION, IN-PROCESS, COMPLETED or CANCELLED",
                status.unwrap_or_default()
            )));
        }
    };
    if let Some(kept) = todo.property_value(STATUS)
        && task.status != TaskStatus::Done
    {
        task.status = parse_enum(kept).ok_or_else(|| bad(format!("{STATUS}:{kept} is not a Tasklane status")))?;
    }
    task.priority = match todo.property_value("PRIORITY").map(str::trim) {
        None | Some("" | "0") => TaskPriority::None,
        Some("1") => TaskPriority::Urgent,
        Some("2" | "3" | "4") => TaskPriority::High,
        Some("5") => TaskPriority::Medium,
        Some("6" | "7" | "8" | "9") => TaskPriority::Low,
        Some(other) => return Err(bad(format!("PRIORITY:{other} is not a number from 0 to 9"))),
    };
    task.description = todo.get_description().filter(|text| !text.is_empty()).map(str::to_owned);
    task.due_at = due(todo, line, warnings)?;
    task.completed_at = utc(todo, "COMPLETED", line)?;
    task.created_at = utc(todo, "CREATED", line)?;
    task.updated_at = match utc(todo, "LAST-MODIFIED", line)? {
        Some(time) => Some(time),
        None => utc(todo, "DTSTAMP", line)?,
    };
    task.tags = todo.get_categories().unwrap_or_default();
    task.projects = todo
        .multi_properties()
        .get(PROJECT)
        .into_iter()
        .flatten()
        .chain(todo.properties().get(PROJECT))
        .map(|p| ProjectRef::Name(p.value().to_owned()))
        .collect();
    task.assignee = todo.property_value(ASSIGNEE).map(str::to_owned);
    Ok(Some(task))
}

/// A UTC date-time property (`COMPLETED`, `CREATED`, `LAST-MODIFIED`, `DTSTAMP`).
fn utc(todo: &Todo, key: &str, line: Option<u64>) -> Result<Option<Timestamp>, FormatError> {
    let Some(property) = todo.properties().get(key) else { return Ok(None) };
    let text = property.value().trim();
    NaiveDateTime::parse_from_str(text, "%Y%m%dT%H%M%SZ")
        .map(|time| Some(Utc.from_utc_datetime(&time).into()))
        .map_err(|_| FormatError::at(line, format!("{key}:{text} is not a UTC date-time like 20261224T093000Z")))
}

/// `DUE` in any of its forms, as an instant.
fn due(todo: &Todo, line: Option<u64>, warnings: &mut Vec<ImportWarning>) -> Result<Option<Timestamp>, FormatError> {
    let Some(property) = todo.properties().get("DUE") else { return Ok(None) };
    let text = property.value().trim();
    let Some(due) = todo.get_due() else {
        return Err(FormatError::at(
            line,
            format!("DUE:{text} is not a date (20261224) or a date-time (20261224T093000Z)"),
        ));
    };
    let time = match due {
        DatePerhapsTime::Date(date) => super::midnight(date),
        DatePerhapsTime::DateTime(CalendarDateTime::Utc(time)) => time.into(),
        DatePerhapsTime::DateTime(CalendarDateTime::Floating(time)) => local(&Local, time).into(),
        DatePerhapsTime::DateTime(CalendarDateTime::WithTimezone { date_time, tzid }) => {
            match tzid.parse::<chrono_tz::Tz>() {
                Ok(zone) => local(&zone, date_time).into(),
                Err(_) => {
                    warnings.push(ImportWarning {
                        line,
                        message: format!(
                            "DUE has the time zone \"{tzid}\", which is not an IANA name; its time was read as UTC"
                        ),
                    });
                    Utc.from_utc_datetime(&date_time).into()
                }
            }
        }
    };
    Ok(Some(time))
}

/// A wall-clock time in `zone` as an instant: the earlier of two when clocks go back, and an hour
/// later when it falls in the gap of clocks going forward (as calendars do).
fn local<Z: TimeZone>(zone: &Z, time: NaiveDateTime) -> DateTime<Utc> {
    zone.from_local_datetime(&time)
        .earliest()
        .or_else(|| zone.from_local_datetime(&(time + Duration::hours(1))).earliest())
        .map(|t| t.with_timezone(&Utc))
        .unwrap_or_else(|| Utc.from_utc_datetime(&time))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn calendar(body: &str) -> Vec<u8> {
        format!("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n{body}END:VCALENDAR\r\n").into_bytes()
    }

    #[test]
    fn a_due_time_with_a_tzid_is_converted_and_a_gap_moves_an_hour_later() {
        let file = calendar(
            "BEGIN:VTODO\r\nUID:a@example.com\r\nDTSTAMP:20260101T000000Z\r\nSUMMARY:Berlin\r\n\
             DUE;TZID=Europe/Berlin:20260329T023000\r\nEND:VTODO\r\n\
             BEGIN:VTODO\r\nUID:b@example.com\r\nDTSTAMP:20260101T000000Z\r\nSUMMARY:New York\r\n\
             DUE;TZID=America/New_York:20261224T090000\r\nEND:VTODO\r\n",
        );
        let dataset = read(&file).unwrap();
        let due: Vec<String> = dataset.tasks.iter().map(|t| t.due_at.unwrap().to_string()).collect();
        // 02:30 does not exist in Berlin on 29 March 2026; 03:30 CEST is 01:30 UTC.
        assert!(due[0].starts_with("2026-03-29T01:30:00"), "{}", due[0]);
        assert!(due[1].starts_with("2026-12-24T14:00:00"), "{}", due[1]);
    }

    #[test]
    fn long_lines_fold_at_75_octets_between_characters_and_unfold_to_the_same() {
        let line = format!("SUMMARY:{}", "ab€🏠 ".repeat(40));
        let mut out = Vec::new();
        write_folded(&mut out, &line).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(text.split("\r\n").all(|l| l.len() <= 75), "{text}");
        assert!(text.split("\r\n").filter(|l| !l.is_empty()).skip(1).all(|l| l.starts_with(' ')));
        assert_eq!(icalendar::parser::unfold(&text).strip_suffix("\r\n"), Some(line.as_str()));
    }

    #[test]
    fn a_foreign_uid_always_gives_the_same_id() {
        let file =
            calendar("BEGIN:VTODO\r\nUID:abc@example.com\r\nDTSTAMP:20260101T000000Z\r\nSUMMARY:x\r\nEND:VTODO\r\n");
        let first = read(&file).unwrap().tasks[0].id;
        assert_eq!(read(&file).unwrap().tasks[0].id, first);
        assert!(first.is_some());
    }
}
