//! Import and export: moving a [`Dataset`] into the database in one transaction, and streaming
//! the database out through a format's writer. The same SQL on both engines (no dialect here: the
//! inserts go through SeaQuery and the triggers keep counts, search and the change log).

use std::collections::{HashMap, HashSet};
use std::io::Write;

use entity::{Id, TaskStatus, Timestamp, project, setting, tag, task, task_project, task_tag};
use sea_orm::sea_query::{Expr, ExprTrait, OnConflict, Query};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
    TransactionSession, TransactionTrait,
};

use super::order_operations::GAP;
use super::task_operations::{creator, get_tasks, load_tasks};
use super::validate::{self, PROJECT_NAME_MAX, TITLE_MAX};
use super::{begin_write, search_queue};
use crate::error::{AppError, AppResult};
use crate::formats::backup::BackupWriter;
use crate::formats::csv::CsvWriter;
use crate::formats::ics::IcsWriter;
use crate::formats::taskwarrior::TaskwarriorWriter;
use crate::formats::todotxt::TodoTxtWriter;
use crate::formats::{Dataset, FormatError, ProjectRecord, ProjectRef, SettingRecord, TagRecord, TaskRecord};
use crate::models::{
    DataFormat, ImportSummary, ImportWarning, PageRequest, Progress, ProgressPhase, TaskDto, TaskFilter,
};

/// Rows written per INSERT: well under both engines' limits on bound values.
const CHUNK: usize = 300;
/// Tasks read per page while exporting.
const EXPORT_PAGE: u32 = 500;

/// How an operation reports: progress, and whether the user cancelled.
pub trait Job: Send {
    fn progress(&mut self, progress: Progress);
    fn cancelled(&self) -> bool;
}

/// What an export wrote (the command adds the path and size).
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Exported {
    pub tasks: u64,
    pub projects: u64,
}

/// Writes the tasks `filter` shows (all, done ones included, when `None`) to `out` in `format`,
/// one page at a time. A backup holds every project, tag and setting too.
///
/// Errors: `CANCELLED` (the caller removes what was written), `DATABASE`, `INTERNAL` (writing).
pub async fn export<C: ConnectionTrait, W: Write>(
    db: &C,
    format: DataFormat,
    filter: Option<TaskFilter>,
    out: W,
    job: &mut dyn Job,
) -> AppResult<(W, Exported)> {
    let filter = filter.unwrap_or(TaskFilter { include_done: Some(true), ..TaskFilter::default() });
    let projects: Vec<ProjectRecord> = project::Entity::find()
        .order_by_asc(project::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|p| ProjectRecord {
            line: None,
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
        .collect();
    let written = |err: std::io::Error| AppError::Internal(format!("cannot write the export: {err}"));
    let mut writer = match format {
        DataFormat::Json => {
            let tags: Vec<TagRecord> = tag::Entity::find()
                .order_by_asc(tag::Column::Id)
                .all(db)
                .await?
                .into_iter()
                .map(|t| TagRecord { id: t.id, name: t.name, created_at: t.created_at })
                .collect();
            let settings: Vec<SettingRecord> = setting::Entity::find()
                .order_by_asc(setting::Column::Key)
                .all(db)
                .await?
                .into_iter()
                .map(|s| SettingRecord { key: s.key, value: s.value, updated_at: s.updated_at })
                .collect();
            Writer::Backup(BackupWriter::start(out, &projects, &tags, &settings).map_err(written)?)
        }
        DataFormat::Csv => Writer::Csv(Box::new(CsvWriter::start(out, project_names(&projects)).map_err(written)?)),
        DataFormat::Todotxt => Writer::TodoTxt(TodoTxtWriter::start(out, project_names(&projects))),
        DataFormat::Ics => Writer::Ics(IcsWriter::start(out, project_names(&projects)).map_err(written)?),
        DataFormat::Taskwarrior => {
            Writer::Taskwarrior(TaskwarriorWriter::start(out, project_names(&projects)).map_err(written)?)
        }
    };
    let mut page = PageRequest { limit: Some(EXPORT_PAGE), after: None };
    let mut done = 0;
    loop {
        if job.cancelled() {
            return Err(AppError::Cancelled);
        }
        let tasks = get_tasks(db, filter.clone(), page).await?;
        for task in &tasks.tasks {
            writer.task(task).map_err(written)?;
        }
        done += tasks.tasks.len() as u64;
        job.progress(Progress { phase: ProgressPhase::Writing, done, total: Some(tasks.total) });
        match tasks.next {
            Some(next) => page = PageRequest { limit: Some(EXPORT_PAGE), after: Some(next) },
            None => break,
        }
    }
    let out = writer.finish().map_err(written)?;
    Ok((out, Exported { tasks: done, projects: projects.len() as u64 }))
}

/// Each project's name by its id, for the formats that name a task's projects.
fn project_names(projects: &[ProjectRecord]) -> HashMap<Id, String> {
    projects.iter().map(|p| (p.id, p.name.clone())).collect()
}

enum Writer<W: Write> {
    Backup(BackupWriter<W>),
    Csv(Box<CsvWriter<W>>),
    TodoTxt(TodoTxtWriter<W>),
    Ics(IcsWriter<W>),
    Taskwarrior(TaskwarriorWriter<W>),
}

impl<W: Write> Writer<W> {
    fn task(&mut self, task: &TaskDto) -> std::io::Result<()> {
        match self {
            Self::Backup(writer) => writer.task(task),
            Self::Csv(writer) => writer.task(task),
            Self::TodoTxt(writer) => writer.task(task),
            Self::Ics(writer) => writer.task(task),
            Self::Taskwarrior(writer) => writer.task(task),
        }
    }

    fn finish(self) -> std::io::Result<W> {
        match self {
            Self::Backup(writer) => writer.finish(),
            Self::Csv(writer) => (*writer).finish(),
            Self::TodoTxt(writer) => writer.finish(),
            Self::Ics(writer) => writer.finish(),
            Self::Taskwarrior(writer) => writer.finish(),
        }
    }
}

/// Writes what a file holds, in one transaction: all of it, or (on any error, or when cancelled)
/// nothing.
///
/// - A task whose id exists is compared with the file: the same content is `skipped`, other
///   content `updated` (a new version). Other tasks are `created`, keeping the file's id,
///   timestamps, version and author; positions too when the database has no tasks yet (so a
///   backup restored into an empty database is exact), else they go last, in the file's order.
/// - Projects come by id (a backup: created when missing, updated when different) or by name
///   (CSV: created when missing). Tags are their names, ignoring case.
/// - Settings Tasklane knows are set; others are left out with a warning.
///
/// Errors: `VALIDATION` (a record that breaks a rule, named by its line or id), `CANCELLED`,
/// `DATABASE`.
pub async fn import<C>(db: &C, dataset: Dataset, job: &mut dyn Job) -> AppResult<ImportSummary>
where
    C: ConnectionTrait + TransactionTrait,
{
    let Dataset { projects, tags, settings, tasks, mut warnings } = dataset;
    let tasks = tasks.into_iter().map(checked).collect::<AppResult<Vec<_>>>()?;
    let projects = projects.into_iter().map(checked_project).collect::<AppResult<Vec<_>>>()?;
    let total = tasks.len() as u64;
    job.progress(Progress { phase: ProgressPhase::Writing, done: 0, total: Some(total) });

    let txn = begin_write(db).await?;
    // Search is indexed once at the end, not row by row (3x per task with 2 tags).
    search_queue::pause(&txn).await?;
    let now = Timestamp::now();
    let project_ids = import_projects(&txn, &projects, &tasks, now).await?;
    let tag_ids = import_tags(&txn, &tags, &tasks, now).await?;
    import_settings(&txn, settings, &mut warnings).await?;

    let empty = task::Entity::find()
        .select_only()
        .column(task::Column::Id)
        .limit(1)
        .into_tuple::<Id>()
        .one(&txn)
        .await?
        .is_none();
    let mut next_position = next_position(&txn).await?;
    let mut summary = ImportSummary::default();
    let mut seen = HashSet::new();
    for chunk in tasks.chunks(CHUNK) {
        if job.cancelled() {
            return Err(AppError::Cancelled); // the transaction rolls back when dropped
        }
        for task in chunk {
            if let Some(id) = task.id
                && !seen.insert(id)
            {
                return Err(record_error(task, format!("the id {id} appears twice in the file")));
            }
        }
        let ids: Vec<Id> = chunk.iter().filter_map(|task| task.id).collect();
        // Into a database that had no tasks, every task of the file is new (`seen` refused repeats).
        let existing: HashMap<Id, TaskDto> = if ids.is_empty() || empty {
            HashMap::new()
        } else {
            load_tasks(&txn, Condition::all().add(task::Column::Id.is_in(ids)), &[], None)
                .await?
                .into_iter()
                .map(|task| (task.id, task))
                .collect()
        };
        let mut new = Vec::new();
        for task in chunk {
            let links = Links::of(task, &project_ids, &tag_ids);
            match task.id.and_then(|id| existing.get(&id)) {
                Some(current) if same(task, &links, current) => summary.skipped += 1,
                Some(current) => {
                    update(&txn, task, &links, current, now).await?;
                    summary.updated += 1;
                }
                None => new.push((task, links)),
            }
        }
        summary.created += new.len() as u64;
        insert(&txn, &new, empty, &mut next_position, now).await?;
        let done = summary.created + summary.updated + summary.skipped;
        job.progress(Progress { phase: ProgressPhase::Writing, done, total: Some(total) });
    }
    if job.cancelled() {
        return Err(AppError::Cancelled);
    }
    search_queue::index_queued(&txn).await?;
    txn.commit().await?;
    summary.warnings = warnings;
    Ok(summary)
}

/// A task record that keeps every rule a typed task keeps, cleaned the same way.
fn checked(mut task: TaskRecord) -> AppResult<TaskRecord> {
    let fail = |task: &TaskRecord, err: AppError| record_error(task, err.to_string());
    task.title = validate::required_text("title", "Title", &task.title, TITLE_MAX).map_err(|e| fail(&task, e))?;
    task.description = validate::description(task.description.take()).map_err(|e| fail(&task, e))?;
    task.tags = validate::tags(std::mem::take(&mut task.tags)).map_err(|e| fail(&task, e))?;
    task.assignee = validate::assignee(task.assignee.take()).map_err(|e| fail(&task, e))?.map(|(name, _)| name);
    if let Some(position) = task.position {
        validate::position("position", position).map_err(|e| fail(&task, e))?;
    }
    if task.version.is_some_and(|version| version < 1) {
        return Err(record_error(&task, "its version must be 1 or more".into()));
    }
    task.created_by = task.created_by.map(|name| name.chars().take(200).collect());
    // Done exactly while it has a completion time: the file's, else when it was last changed.
    task.completed_at = match task.status {
        TaskStatus::Done => task.completed_at.or(task.updated_at).or(Some(Timestamp::now())),
        _ => None,
    };
    Ok(task)
}

fn checked_project(mut project: ProjectRecord) -> AppResult<ProjectRecord> {
    let fail = |project: &ProjectRecord, err: AppError| AppError::Validation {
        field: None,
        message: format!("{}project {}: {err}", line_prefix(project.line), project.id),
    };
    project.name =
        validate::required_text("name", "Name", &project.name, PROJECT_NAME_MAX).map_err(|e| fail(&project, e))?;
    project.description = validate::description(project.description.take()).map_err(|e| fail(&project, e))?;
    project.color = validate::color(project.color.take()).map_err(|e| fail(&project, e))?;
    validate::position("position", project.position).map_err(|e| fail(&project, e))?;
    Ok(project)
}

/// A file's record that breaks a rule, named by its line, else its id, and its title.
fn record_error(task: &TaskRecord, why: String) -> AppError {
    let which = match (task.line, task.id) {
        (Some(_), _) => format!("the task \"{}\"", short(&task.title)),
        (None, Some(id)) => format!("the task {id} (\"{}\")", short(&task.title)),
        (None, None) => format!("the task \"{}\"", short(&task.title)),
    };
    AppError::Validation { field: None, message: format!("{}{which}: {why}", line_prefix(task.line)) }
}

fn line_prefix(line: Option<u64>) -> String {
    line.map(|line| format!("Line {line}, ")).unwrap_or_default()
}

fn short(text: &str) -> String {
    let mut short: String = text.chars().take(40).collect();
    if text.chars().nth(40).is_some() {
        short.push('…');
    }
    short
}

impl From<FormatError> for AppError {
    fn from(err: FormatError) -> Self {
        AppError::Validation { field: None, message: err.to_string() }
    }
}

/// Creates or updates the backup's projects, creates the CSV's named ones that are missing, and
/// returns each project's id by how tasks name it.
async fn import_projects<C: ConnectionTrait>(
    db: &C,
    projects: &[ProjectRecord],
    tasks: &[TaskRecord],
    now: Timestamp,
) -> AppResult<HashMap<ProjectRef, Id>> {
    let existing: HashMap<Id, project::Model> =
        project::Entity::find().all(db).await?.into_iter().map(|p| (p.id, p)).collect();
    let empty = existing.is_empty();
    let mut next = existing.values().map(|p| p.position).max().unwrap_or(0) + 1;
    let mut by_name: HashMap<String, Id> = existing.values().map(|p| (p.name.to_lowercase(), p.id)).collect();
    let mut refs = HashMap::new();
    for record in projects {
        match existing.get(&record.id) {
            Some(current) => {
                let changed = current.name != record.name
                    || current.description != record.description
                    || current.color != record.color
                    || current.archived != record.archived;
                if changed {
                    project::Entity::update_many()
                        .col_expr(project::Column::Name, Expr::value(record.name.clone()))
                        .col_expr(project::Column::Description, Expr::value(record.description.clone()))
                        .col_expr(project::Column::Color, Expr::value(record.color.clone()))
                        .col_expr(project::Column::Archived, Expr::value(record.archived))
                        .col_expr(project::Column::UpdatedAt, Expr::value(now))
                        .col_expr(project::Column::Version, Expr::col(project::Column::Version).add(1))
                        .filter(project::Column::Id.eq(record.id))
                        .exec(db)
                        .await?;
                }
            }
            None => {
                let position = if empty { record.position } else { take(&mut next, 1) };
                project::Entity::insert(project::ActiveModel {
                    id: Set(record.id),
                    name: Set(record.name.clone()),
                    description: Set(record.description.clone()),
                    color: Set(record.color.clone()),
                    position: Set(position),
                    archived: Set(record.archived),
                    created_at: Set(record.created_at),
                    updated_at: Set(record.updated_at),
                    version: Set(record.version),
                })
                .exec_without_returning(db)
                .await?;
            }
        }
        by_name.entry(record.name.to_lowercase()).or_insert(record.id);
        refs.insert(ProjectRef::Id(record.id), record.id);
    }
    for task in tasks {
        for reference in &task.projects {
            if refs.contains_key(reference) {
                continue;
            }
            let id = match reference {
                ProjectRef::Id(id) if existing.contains_key(id) => *id,
                ProjectRef::Id(id) => {
                    return Err(record_error(task, format!("its project {id} is neither in the file nor here")));
                }
                ProjectRef::Name(name) => {
                    let name = validate::required_text("projects", "A project name", name, PROJECT_NAME_MAX)
                        .map_err(|err| record_error(task, err.to_string()))?;
                    match by_name.get(&name.to_lowercase()) {
                        Some(id) => *id,
                        None => {
                            let id = Id::new();
                            project::Entity::insert(project::ActiveModel {
                                id: Set(id),
                                name: Set(name.clone()),
                                description: Set(None),
                                color: Set(None),
                                position: Set(take(&mut next, 1)),
                                archived: Set(false),
                                created_at: Set(now),
                                updated_at: Set(now),
                                version: Set(1),
                            })
                            .exec_without_returning(db)
                            .await?;
                            by_name.insert(name.to_lowercase(), id);
                            id
                        }
                    }
                }
            };
            refs.insert(reference.clone(), id);
        }
    }
    Ok(refs)
}

/// The next free position, and advances it by `step`.
fn take(next: &mut i64, step: i64) -> i64 {
    *next += step;
    *next - step
}

/// Creates the tags that are missing (a backup's keep their ids and creation times), and returns
/// each tag's id by its key.
async fn import_tags<C: ConnectionTrait>(
    db: &C,
    tags: &[TagRecord],
    tasks: &[TaskRecord],
    now: Timestamp,
) -> AppResult<HashMap<String, Id>> {
    let mut ids: HashMap<String, Id> =
        tag::Entity::find().all(db).await?.into_iter().map(|t| (t.name_key, t.id)).collect();
    let taken: HashSet<Id> = ids.values().copied().collect();
    let mut new = Vec::new();
    let named = tags.iter().map(|t| (t.name.clone(), Some((t.id, t.created_at))));
    let used = tasks.iter().flat_map(|task| task.tags.iter().map(|name| (name.clone(), None)));
    for (name, kept) in named.chain(used) {
        let name = validate::required_text("tags", "A tag", &name, validate::TAG_MAX).map_err(|err| {
            AppError::Validation { field: None, message: format!("the tag \"{}\": {err}", short(&name)) }
        })?;
        let key = validate::tag_key(&name);
        if ids.contains_key(&key) {
            continue;
        }
        let (id, created_at) = match kept {
            Some((id, created_at)) if !taken.contains(&id) => (id, created_at),
            _ => (Id::new(), now),
        };
        ids.insert(key.clone(), id);
        new.push(tag::ActiveModel { id: Set(id), name: Set(name), name_key: Set(key), created_at: Set(created_at) });
    }
    for chunk in new.chunks(CHUNK) {
        tag::Entity::insert_many(chunk.to_vec()).exec_without_returning(db).await?;
    }
    Ok(ids)
}

/// The settings Tasklane knows, with the values it accepts.
const SETTINGS: [(&str, &[&str]); 2] = [("theme", &["light", "dark", "system"]), ("notifications", &["true", "false"])];

async fn import_settings<C: ConnectionTrait>(
    db: &C,
    settings: Vec<SettingRecord>,
    warnings: &mut Vec<ImportWarning>,
) -> AppResult<()> {
    let current: HashMap<String, String> =
        setting::Entity::find().all(db).await?.into_iter().map(|s| (s.key, s.value)).collect();
    for record in settings {
        let known = SETTINGS.iter().find(|(key, _)| *key == record.key);
        match known {
            Some(_) if current.get(&record.key) == Some(&record.value) => {}
            Some((_, values)) if values.contains(&record.value.as_str()) => {
                setting::Entity::insert(setting::ActiveModel {
                    key: Set(record.key),
                    value: Set(record.value),
                    updated_at: Set(record.updated_at),
                })
                .on_conflict(
                    OnConflict::column(setting::Column::Key)
                        .update_columns([setting::Column::Value, setting::Column::UpdatedAt])
                        .to_owned(),
                )
                .exec_without_returning(db)
                .await?;
            }
            _ => warnings.push(ImportWarning {
                line: None,
                message: format!(
                    "The setting {} = \"{}\" was left out (not one Tasklane knows)",
                    record.key, record.value
                ),
            }),
        }
    }
    Ok(())
}

async fn next_position<C: ConnectionTrait>(db: &C) -> AppResult<i64> {
    let max: Option<i64> = task::Entity::find()
        .select_only()
        .column_as(task::Column::Position.max(), "max")
        .into_tuple::<Option<i64>>()
        .one(db)
        .await?
        .flatten();
    Ok(max.unwrap_or(0) + GAP)
}

/// A task's links, as ids.
struct Links {
    tags: Vec<Id>,
    tag_keys: Vec<String>,
    projects: Vec<Id>,
}

impl Links {
    fn of(task: &TaskRecord, projects: &HashMap<ProjectRef, Id>, tags: &HashMap<String, Id>) -> Self {
        let mut tag_keys: Vec<String> = task.tags.iter().map(|name| validate::tag_key(name)).collect();
        tag_keys.sort_unstable();
        tag_keys.dedup();
        let tags = tag_keys.iter().filter_map(|key| tags.get(key).copied()).collect();
        let mut projects: Vec<Id> = task.projects.iter().filter_map(|r| projects.get(r).copied()).collect();
        projects.sort_unstable();
        projects.dedup();
        Self { tags, tag_keys, projects }
    }
}

/// Whether the file says nothing new about `current`.
fn same(task: &TaskRecord, links: &Links, current: &TaskDto) -> bool {
    let mut current_keys: Vec<String> = current.tags.iter().map(|name| validate::tag_key(name)).collect();
    current_keys.sort_unstable();
    task.title == current.title
        && task.description == current.description
        && task.status == current.status
        && task.priority == current.priority
        && task.due_at == current.due_at
        && task.assignee == current.assignee
        && (task.completed_at == current.completed_at || !task.status.is_done())
        && links.tag_keys == current_keys
        && links.projects == current.project_ids
}

async fn update<C: ConnectionTrait>(
    db: &C,
    task: &TaskRecord,
    links: &Links,
    current: &TaskDto,
    now: Timestamp,
) -> AppResult<()> {
    let completed_at = match (task.status.is_done(), current.completed_at) {
        (true, Some(kept)) if current.status.is_done() => Some(task.completed_at.unwrap_or(kept)),
        (true, _) => task.completed_at.or(Some(now)),
        (false, _) => None,
    };
    let assignee_key = task.assignee.as_deref().map(validate::tag_key);
    task::Entity::update_many()
        .col_expr(task::Column::Title, Expr::value(task.title.clone()))
        .col_expr(task::Column::Description, Expr::value(task.description.clone()))
        .col_expr(task::Column::Status, Expr::value(task.status))
        .col_expr(task::Column::Priority, Expr::value(task.priority))
        .col_expr(task::Column::DueAt, Expr::value(task.due_at))
        .col_expr(task::Column::CompletedAt, Expr::value(completed_at))
        .col_expr(task::Column::Assignee, Expr::value(task.assignee.clone()))
        .col_expr(task::Column::AssigneeKey, Expr::value(assignee_key))
        .col_expr(task::Column::UpdatedAt, Expr::value(now))
        .col_expr(task::Column::Version, Expr::col(task::Column::Version).add(1))
        .filter(task::Column::Id.eq(current.id))
        .exec(db)
        .await?;
    task_tag::Entity::delete_many().filter(task_tag::Column::TaskId.eq(current.id)).exec(db).await?;
    task_project::Entity::delete_many().filter(task_project::Column::TaskId.eq(current.id)).exec(db).await?;
    link(db, &[(current.id, links)]).await
}

async fn insert<C: ConnectionTrait>(
    db: &C,
    tasks: &[(&TaskRecord, Links)],
    keep_positions: bool,
    next: &mut i64,
    now: Timestamp,
) -> AppResult<()> {
    if tasks.is_empty() {
        return Ok(());
    }
    let mut insert = Query::insert();
    insert.into_table(task::Entity).columns([
        task::Column::Id,
        task::Column::Title,
        task::Column::Description,
        task::Column::Status,
        task::Column::Priority,
        task::Column::DueAt,
        task::Column::CompletedAt,
        task::Column::Position,
        task::Column::CreatedAt,
        task::Column::UpdatedAt,
        task::Column::Version,
        task::Column::CreatedBy,
        task::Column::Assignee,
        task::Column::AssigneeKey,
    ]);
    let mut ids = Vec::with_capacity(tasks.len());
    for (task, _) in tasks {
        let id = task.id.unwrap_or_default();
        ids.push(id);
        let position = match task.position.filter(|_| keep_positions) {
            Some(position) => position,
            None => take(next, GAP),
        };
        let created_at = task.created_at.unwrap_or(now);
        let created_by = match &task.created_by {
            Some(name) => Expr::value(name.clone()),
            None => creator(db),
        };
        insert.values_panic([
            id.into(),
            task.title.clone().into(),
            task.description.clone().into(),
            task.status.into(),
            task.priority.into(),
            task.due_at.into(),
            task.completed_at.into(),
            position.into(),
            created_at.into(),
            task.updated_at.unwrap_or(created_at).into(),
            task.version.unwrap_or(1).into(),
            created_by,
            task.assignee.clone().into(),
            task.assignee.as_deref().map(validate::tag_key).into(),
        ]);
    }
    db.execute(&insert).await?;
    let linked: Vec<(Id, &Links)> = ids.into_iter().zip(tasks.iter().map(|(_, links)| links)).collect();
    link(db, &linked).await
}

async fn link<C: ConnectionTrait>(db: &C, tasks: &[(Id, &Links)]) -> AppResult<()> {
    let tag_rows: Vec<task_tag::ActiveModel> = tasks
        .iter()
        .flat_map(|(id, links)| {
            links.tags.iter().map(|&tag_id| task_tag::ActiveModel { task_id: Set(*id), tag_id: Set(tag_id) })
        })
        .collect();
    for chunk in tag_rows.chunks(CHUNK * 2) {
        task_tag::Entity::insert_many(chunk.to_vec()).exec_without_returning(db).await?;
    }
    let project_rows: Vec<task_project::ActiveModel> = tasks
        .iter()
        .flat_map(|(id, links)| {
            links
                .projects
                .iter()
                .map(|&project_id| task_project::ActiveModel { task_id: Set(*id), project_id: Set(project_id) })
        })
        .collect();
    for chunk in project_rows.chunks(CHUNK * 2) {
        task_project::Entity::insert_many(chunk.to_vec()).exec_without_returning(db).await?;
    }
    Ok(())
}

/// Reads `bytes` as `format`.
pub fn read(format: DataFormat, bytes: &[u8]) -> Result<Dataset, FormatError> {
    match format {
        DataFormat::Json => crate::formats::backup::read(bytes),
        DataFormat::Csv => crate::formats::csv::read(bytes),
        DataFormat::Todotxt => crate::formats::todotxt::read(bytes),
        DataFormat::Ics => crate::formats::ics::read(bytes),
        DataFormat::Taskwarrior => crate::formats::taskwarrior::read(bytes),
    }
}
