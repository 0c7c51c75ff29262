//! The Tasklane backup (`"format": "tasklane-backup", "version": 1`): every task, project, tag,
//! link and setting, with ids, positions, versions and timestamps. Lossless: a backup imported
//! into an empty database and exported again comes out byte-identical.
//!
//! One record per line, in a fixed order (projects, tags and settings by id or key, tasks in the
//! manual order), so two backups diff well and a message can name the line of a bad record.

use std::io::{self, Write};

use entity::enums::{TaskPriority, TaskStatus};
use entity::{Id, Timestamp};
use serde::de::IgnoredAny;
use serde::{Deserialize, Serialize};

use super::{Dataset, FormatError, ProjectRecord, ProjectRef, SettingRecord, TagRecord, TaskRecord};
use crate::models::TaskDto;

pub const FORMAT: &str = "tasklane-backup";
pub const VERSION: u32 = 1;

#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct BackupProject {
    id: Id,
    name: String,
    description: Option<String>,
    color: Option<String>,
    position: i64,
    archived: bool,
    created_at: Timestamp,
    updated_at: Timestamp,
    version: i64,
}

#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct BackupTag {
    id: Id,
    name: String,
    created_at: Timestamp,
}

#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct BackupSetting {
    key: String,
    value: String,
    updated_at: Timestamp,
}

#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct BackupTask {
    id: Id,
    title: String,
    description: Option<String>,
    status: TaskStatus,
    priority: TaskPriority,
    due_at: Option<Timestamp>,
    completed_at: Option<Timestamp>,
    position: i64,
    created_at: Timestamp,
    updated_at: Timestamp,
    version: i64,
    created_by: Option<String>,
    assignee: Option<String>,
    tags: Vec<String>,
    project_ids: Vec<Id>,
}

/// The whole file, as read.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct Backup {
    #[allow(dead_code)]
    format: String,
    #[allow(dead_code)]
    version: u32,
    projects: Vec<BackupProject>,
    tags: Vec<BackupTag>,
    settings: Vec<BackupSetting>,
    tasks: Vec<BackupTask>,
}

/// Only the first two keys, read before the rest so that another file or version is named as
/// such instead of failing on its first unknown field.
#[derive(Deserialize)]
struct Header {
    format: Option<String>,
    version: Option<IgnoredAny>,
}

/// Writes a backup: the head with projects, tags and settings, then one task at a time.
pub struct BackupWriter<W: Write> {
    out: W,
    tasks: u64,
}

impl<W: Write> BackupWriter<W> {
    pub fn start(
        mut out: W,
        projects: &[ProjectRecord],
        tags: &[TagRecord],
        settings: &[SettingRecord],
    ) -> io::Result<Self> {
        write!(out, "{{\"format\":\"{FORMAT}\",\"version\":{VERSION},\n\"projects\":[")?;
        let projects = projects.iter().map(|p| BackupProject {
            id: p.id,
            name: p.name.clone(),
            description: p.description.clone(),
            color: p.color.clone(),
            position: p.position,
            archived: p.archived,
            created_at: p.created_at,
            updated_at: p.updated_at,
            version: p.version,
        });
        write_list(&mut out, projects)?;
        out.write_all(b"],\n\"tags\":[")?;
        write_list(
            &mut out,
            tags.iter().map(|t| BackupTag { id: t.id, name: t.name.clone(), created_at: t.created_at }),
        )?;
        out.write_all(b"],\n\"settings\":[")?;
        let settings = settings.iter().map(|s| BackupSetting {
            key: s.key.clone(),
            value: s.value.clone(),
            updated_at: s.updated_at,
        });
        write_list(&mut out, settings)?;
        out.write_all(b"],\n\"tasks\":[")?;
        Ok(Self { out, tasks: 0 })
    }

    pub fn task(&mut self, task: &TaskDto) -> io::Result<()> {
        self.out.write_all(if self.tasks == 0 { b"\n" } else { b",\n" })?;
        let record = BackupTask {
            id: task.id,
            title: task.title.clone(),
            description: task.description.clone(),
            status: task.status,
            priority: task.priority,
            due_at: task.due_at,
            completed_at: task.completed_at,
            position: task.position,
            created_at: task.created_at,
            updated_at: task.updated_at,
            version: task.version,
            created_by: task.created_by.clone(),
            assignee: task.assignee.clone(),
            tags: task.tags.clone(),
            project_ids: task.project_ids.clone(),
        };
        serde_json::to_writer(&mut self.out, &record)?;
        self.tasks += 1;
        Ok(())
    }

    /// Ends the file and returns the writer.
    pub fn finish(mut self) -> io::Result<W> {
        self.out.write_all(if self.tasks == 0 { b"]}\n" } else { b"\n]}\n" })?;
        Ok(self.out)
    }
}

fn write_list<W: Write, T: Serialize>(out: &mut W, items: impl Iterator<Item = T>) -> io::Result<()> {
    let mut any = false;
    for item in items {
        out.write_all(if any { b",\n" } else { b"\n" })?;
        serde_json::to_writer(&mut *out, &item)?;
        any = true;
    }
    if any {
        out.write_all(b"\n")?;
    }
    Ok(())
}

/// Reads a backup. Anything that does not fit (another format or version, a missing or unknown
/// field, a bad value) is an error naming the line and the reason.
pub fn read(bytes: &[u8]) -> Result<Dataset, FormatError> {
    let header: Header = serde_json::from_slice(bytes).map_err(|err| json_error(&err))?;
    if header.format.as_deref() != Some(FORMAT) {
        return Err(FormatError::at(
            None,
            format!("This is not a Tasklane backup (its \"format\" is not \"{FORMAT}\")"),
        ));
    }
    let version: Result<u32, _> = serde_json::from_slice::<VersionOnly>(bytes).map(|v| v.version);
    match (header.version, version) {
        (Some(_), Ok(VERSION)) => {}
        (Some(_), Ok(other)) => {
            return Err(FormatError::at(
                None,
                format!("This backup is version {other}; this Tasklane reads version {VERSION}. Use a newer Tasklane."),
            ));
        }
        _ => return Err(FormatError::at(None, "This backup has no readable \"version\"")),
    }
    let backup: Backup = serde_json::from_slice(bytes).map_err(|err| json_error(&err))?;
    let lines = LineIndex::new(bytes);
    Ok(Dataset {
        projects: backup
            .projects
            .into_iter()
            .map(|p| ProjectRecord {
                line: lines.of_id(&p.id),
                id: p.id,
                name: p.name,
                description: p.description,
                color: p.color,
                position: p.position,
                archived: p.archived,
                created_at: p.created_at,
                updated_at: p.updated_at,
                version: p.version,
            })
            .collect(),
        tags: backup.tags.into_iter().map(|t| TagRecord { id: t.id, name: t.name, created_at: t.created_at }).collect(),
        settings: backup
            .settings
            .into_iter()
            .map(|s| SettingRecord { key: s.key, value: s.value, updated_at: s.updated_at })
            .collect(),
        tasks: backup
            .tasks
            .into_iter()
            .map(|t| TaskRecord {
                line: lines.of_id(&t.id),
                id: Some(t.id),
                title: t.title,
                description: t.description,
                status: t.status,
                priority: t.priority,
                due_at: t.due_at,
                completed_at: t.completed_at,
                position: Some(t.position),
                created_at: Some(t.created_at),
                updated_at: Some(t.updated_at),
                version: Some(t.version),
                created_by: t.created_by,
                assignee: t.assignee,
                tags: t.tags,
                projects: t.project_ids.into_iter().map(ProjectRef::Id).collect(),
            })
            .collect(),
        warnings: Vec::new(),
    })
}

#[derive(Deserialize)]
struct VersionOnly {
    version: u32,
}

fn json_error(err: &serde_json::Error) -> FormatError {
    let reason = err.to_string();
    // serde_json ends its message with " at line L column C"; the line goes first instead.
    let reason = reason.split(" at line ").next().unwrap_or(&reason).to_owned();
    let what = match err.classify() {
        serde_json::error::Category::Eof => "The file ends too early (is it complete?)".to_owned(),
        serde_json::error::Category::Syntax => format!("This is not valid JSON: {reason}"),
        _ => reason,
    };
    FormatError::at(
        u64::try_from(err.line()).ok().filter(|line| *line > 0),
        format!("{what} (column {})", err.column()),
    )
}

/// The line on which each record starts, for messages: found in one pass over the lines that
/// begin a record (`{"id":"…`), as Tasklane writes them; a record of another writer's layout has
/// none, and its messages name its id only.
struct LineIndex {
    lines: std::collections::HashMap<Id, u64>,
}

impl LineIndex {
    fn new(text: &[u8]) -> Self {
        let lines = text
            .split(|&b| b == b'\n')
            .enumerate()
            .filter_map(|(n, line)| {
                let rest = line.strip_prefix(b"{\"id\":\"")?;
                let id = std::str::from_utf8(rest.get(..36)?).ok()?.parse().ok()?;
                Some((id, n as u64 + 1))
            })
            .collect();
        Self { lines }
    }

    fn of_id(&self, id: &Id) -> Option<u64> {
        self.lines.get(id).copied()
    }
}
