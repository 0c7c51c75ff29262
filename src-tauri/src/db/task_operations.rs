//! Tasks: create, list with filters, read, change, delete.

use std::collections::HashMap;

use entity::{Id, TaskPriority, TaskStatus, Timestamp, tag, task, task_project, task_tag};
use sea_orm::sea_query::{Expr, ExprTrait, OnConflict, Query};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, DbBackend, DbErr, EntityTrait,
    FromQueryResult, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, SqlErr, Statement, TransactionSession,
    TransactionTrait,
};

use super::order_operations::GAP;
use super::project_operations::ensure_projects_exist;
use super::task_query::{Cursor, KeptTotal, OrderKey, ProjectScan, filter_condition, order_of};
use super::validate::{self, POSITION_LIMIT, TITLE_MAX};
use super::{begin_write, delete_by_id, single_statements_need_the_lock};
use crate::error::{AppError, AppResult};
use crate::models::{NewTask, PageRequest, TaskDto, TaskFilter, TaskPage, TaskPatch, TaskSort};

/// Creates a task with its tags (created when new) and project links, in one transaction.
///
/// Idempotent when the caller chooses the id: if a task with `input.id` exists and has the same
/// content, it is returned unchanged (a retry after a timeout); with other content the create is a
/// `CONFLICT` (field `id`).
///
/// Errors: `VALIDATION` (title, description, tags), `NOT_FOUND` (a project id; field
/// `projectIds`), `CONFLICT`. On any error nothing is written.
pub async fn create_task<C>(db: &C, input: NewTask) -> AppResult<TaskDto>
where
    C: ConnectionTrait + TransactionTrait,
{
    let title = validate::required_text("title", "Title", &input.title, TITLE_MAX)?;
    let description = validate::description(input.description)?;
    let tags = validate::tags(input.tags.unwrap_or_default())?;
    let project_ids = validate::unique_ids(input.project_ids.unwrap_or_default());
    let status = input.status.unwrap_or(TaskStatus::Todo);
    let now = Timestamp::now();
    let id = input.id.unwrap_or_default(); // `Id::default()` is a new random id

    let priority = input.priority.unwrap_or(TaskPriority::None);
    let completed_at = status.is_done().then_some(now);
    let assignee = validate::assignee(input.assignee)?;

    // Every statement here is a round trip to SQLite's thread, so the task is built from what was
    // written rather than read back: the insert returns its position, the links their sorted values.
    let txn = begin_write(db).await?;
    let (assignee, assignee_key) = match assignee {
        Some((name, key)) => (Some(first_spelling(&txn, &key).await?.unwrap_or(name)), Some(key)),
        None => (None, None),
    };
    let insert = Query::insert()
        .into_table(task::Entity)
        .columns([
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
            task::Column::CreatedBy,
            task::Column::Assignee,
            task::Column::AssigneeKey,
        ])
        .values_panic([
            id.into(),
            title.clone().into(),
            description.clone().into(),
            status.into(),
            priority.into(),
            input.due_at.into(),
            completed_at.into(),
            // New tasks go last, `GAP` after the last (room for moves); computed in the INSERT, under
            // the write lock.
            Expr::cust(format!(
                "(SELECT CASE WHEN last >= {POSITION_LIMIT} - {GAP} THEN {POSITION_LIMIT} ELSE last + {GAP} END \
                 FROM (SELECT COALESCE(MAX(position), 0) AS last FROM tasks) t)"
            )),
            now.into(),
            now.into(),
            creator(db),
            assignee.clone().into(),
            assignee_key.into(),
        ])
        .on_conflict(OnConflict::column(task::Column::Id).do_nothing().to_owned())
        .returning(Query::returning().columns([task::Column::Position, task::Column::CreatedBy]))
        .to_owned();
    let Some(inserted) = txn.query_one(&insert).await? else {
        // No row: the id is taken. Nothing was written; the transaction rolls back when dropped.
        let existing = load_one(&txn, id).await?;
        let same = NewTaskContent {
            title: &title,
            description: &description,
            status,
            priority,
            tags: &tags,
            project_ids: &project_ids,
            due_at: input.due_at,
            assignee: assignee.as_deref(),
        };
        return if same.matches(&existing) {
            Ok(existing)
        } else {
            Err(AppError::Conflict { field: Some("id"), message: format!("Another task already has the id {id}") })
        };
    };
    let position: i64 = inserted.try_get_by_index(0)?;
    let created_by: Option<String> = inserted.try_get_by_index(1)?;
    let project_ids = match link_projects(&txn, id, project_ids.clone()).await {
        Ok(linked) => linked,
        // The foreign key caught an id that is not a project; name it, after the rollback (on
        // PostgreSQL a failed statement leaves its transaction unable to read).
        Err(err) if matches!(err.sql_err(), Some(SqlErr::ForeignKeyConstraintViolation(_))) => {
            txn.rollback().await?;
            ensure_projects_exist(db, &project_ids).await?;
            return Err(err.into());
        }
        Err(err) => return Err(err.into()),
    };
    let tags = link_tags(&txn, id, &tags, now).await?;
    txn.commit().await?;
    Ok(TaskDto {
        id,
        title,
        description,
        status,
        priority,
        tags,
        project_ids,
        due_at: input.due_at,
        completed_at,
        position,
        created_at: now,
        updated_at: now,
        version: 1,
        created_by,
        assignee,
    })
}

/// Who is creating a task: on a server the role the app connects as (`current_user`), on a file
/// the OS user.
pub(crate) fn creator<C: ConnectionTrait>(db: &C) -> Expr {
    match db.get_database_backend() {
        DbBackend::Postgres => Expr::cust("current_user"),
        _ => Expr::value(local_user()),
    }
}

/// The OS user's login name, or `None` when the OS will not say.
fn local_user() -> Option<String> {
    let name = whoami::username();
    let name = name.trim();
    (!name.is_empty()).then(|| name.chars().take(200).collect())
}

/// The spelling an assignee already has on some task (so "ana" joins "Ana"), if any.
async fn first_spelling<C: ConnectionTrait>(db: &C, key: &str) -> AppResult<Option<String>> {
    let query = Query::select()
        .column(task::Column::Assignee)
        .from(task::Entity)
        .and_where(task::Column::AssigneeKey.eq(key))
        .limit(1)
        .to_owned();
    Ok(db.query_one(&query).await?.map(|row| row.try_get_by_index::<String>(0)).transpose()?)
}

/// What a create asks for, after validation: compared with an existing task of the same id to
/// tell a retry (same content) from a clash (other content).
struct NewTaskContent<'a> {
    title: &'a str,
    description: &'a Option<String>,
    status: TaskStatus,
    priority: TaskPriority,
    tags: &'a [String],
    project_ids: &'a [Id],
    due_at: Option<Timestamp>,
    assignee: Option<&'a str>,
}

impl NewTaskContent<'_> {
    fn matches(&self, task: &TaskDto) -> bool {
        let mut tag_keys: Vec<String> = self.tags.iter().map(|name| validate::tag_key(name)).collect();
        tag_keys.sort_unstable();
        let stored_keys: Vec<String> = task.tags.iter().map(|name| validate::tag_key(name)).collect();
        let mut project_ids = self.project_ids.to_vec();
        project_ids.sort_unstable();
        task.title == self.title
            && &task.description == self.description
            && task.status == self.status
            && task.priority == self.priority
            && task.due_at == self.due_at
            && stored_keys == tag_keys
            && task.project_ids == project_ids
            && task.assignee.as_deref().map(validate::tag_key) == self.assignee.map(validate::tag_key)
    }
}

/// One page of the tasks matching `filter`, in its `sort` order (manual by default). Done tasks
/// are left out unless asked for (`includeDone`, or `done` among `statuses`).
///
/// Keyset paging: a page continues after the sort-key values of the previous page's last task
/// (the cursor in `next`), so each page costs the same however deep it is, and walking the pages
/// returns every task that exists throughout exactly once, whatever changes in between. `total`
/// is the size of the whole filtered set, on every page: read from the counts triggers keep for
/// "all tasks" and single-project lists ([`KeptTotal`]), else one `COUNT(*)` over the condition.
///
/// Errors: `VALIDATION` (field `search`: longer than any text a task can hold; `page.limit`: not
/// 1–500; `page.after`: not a cursor of this sort).
pub async fn get_tasks<C: ConnectionTrait>(db: &C, filter: TaskFilter, page: PageRequest) -> AppResult<TaskPage> {
    if let Some(search) = &filter.search
        && search.chars().nth(validate::DESCRIPTION_MAX).is_some()
    {
        return Err(AppError::validation("search", "The search text is too long"));
    }
    let limit = page.limit.unwrap_or(PAGE_DEFAULT);
    if !(1..=PAGE_MAX).contains(&limit) {
        return Err(AppError::validation("page.limit", format!("A page holds 1 to {PAGE_MAX} tasks")));
    }
    let after = page.after.as_deref().map(|text| Cursor::decode(text, &filter)).transpose()?;
    let kept = match KeptTotal::of(&filter) {
        Some(kept) => {
            let (sql, id) = kept.query(db.get_database_backend());
            let values: Vec<sea_orm::Value> = id.into_iter().map(Into::into).collect();
            let row = db.query_one_raw(Statement::from_sql_and_values(db.get_database_backend(), sql, values)).await?;
            // A project that does not exist has no tasks.
            let counts = match row {
                Some(row) => (row.try_get_by_index::<i64>(0)?, row.try_get_by_index::<i64>(1)?),
                None => (0, 0),
            };
            Some(counts)
        }
        None => None,
    };
    // A project holding at least 1 task in 50 fills a page in the manual order after ~10,000
    // tasks at most: walking the position index beats looking up and sorting all its tasks.
    let scan = match (kept, filter.sort.unwrap_or_default(), filter.project_ids.as_deref()) {
        (Some((listed, all)), TaskSort::Manual, Some([_])) if listed * 50 >= all => ProjectScan::Walk,
        _ => ProjectScan::Lookup,
    };
    let condition = filter_condition(&filter, scan, db.get_database_backend());
    let order = order_of(&filter, db.get_database_backend());
    let total = match kept {
        Some((listed, _)) => u64::try_from(listed).unwrap_or(0),
        None => task::Entity::find().filter(condition.clone()).count(db).await?,
    };
    let in_page = match after {
        Some(cursor) => condition.add(cursor.condition(&order)),
        None => condition,
    };
    let mut tasks = load_tasks(db, in_page, &order, Some(u64::from(limit) + 1)).await?;
    let next = if tasks.len() > limit as usize {
        tasks.truncate(limit as usize);
        tasks.last().map(|last| Cursor::after(&filter, last).encode())
    } else {
        None
    };
    Ok(TaskPage { tasks, next, total })
}

/// The page size when the client names none, and the largest it may ask for.
const PAGE_DEFAULT: u32 = 200;
const PAGE_MAX: u32 = 500;

/// Errors: `NOT_FOUND`.
pub async fn get_task<C: ConnectionTrait>(db: &C, id: Id) -> AppResult<TaskDto> {
    load_one(db, id).await
}

/// Applies `patch` to the task in one transaction (see [`TaskPatch`] for the absent / `null` /
/// value rule). Moving into `done` stamps `completedAt`; moving out of it clears it. The task's
/// version goes up by one.
///
/// Errors: `NOT_FOUND` (the task, or a project id), `VALIDATION`, `CONFLICT` with the current
/// task when `patch.expected_version` is not the task's version (someone else changed it since).
/// On any error nothing changes.
pub async fn update_task<C>(db: &C, id: Id, patch: TaskPatch) -> AppResult<TaskDto>
where
    C: ConnectionTrait + TransactionTrait,
{
    let title = validate::not_cleared("title", "Title", patch.title)?
        .map(|title| validate::required_text("title", "Title", &title, TITLE_MAX))
        .transpose()?;
    let description = patch.description.map(validate::description).transpose()?;
    let status = validate::not_cleared("status", "Status", patch.status)?;
    let priority = validate::not_cleared("priority", "Priority", patch.priority)?;
    let position = validate::not_cleared("position", "Position", patch.position)?
        .map(|position| validate::position("position", position))
        .transpose()?;
    let tags = patch.tags.map(|tags| validate::tags(tags.unwrap_or_default())).transpose()?;
    let project_ids = patch.project_ids.map(|ids| validate::unique_ids(ids.unwrap_or_default()));
    let assignee = patch.assignee.map(validate::assignee).transpose()?;
    let now = Timestamp::now();

    if tags.is_none() && project_ids.is_none() {
        let fields = RowChange { title, description, status, priority, due_at: patch.due_at, position, assignee };
        if !single_statements_need_the_lock(db) {
            return update_row(db, id, Some(patch.expected_version), fields, now).await;
        }
        let txn = begin_write(db).await?;
        let updated = update_row(&txn, id, Some(patch.expected_version), fields, now).await?;
        txn.commit().await?;
        return Ok(updated);
    }

    let txn = begin_write(db).await?;
    let current = task::Entity::find_by_id(id).one(&txn).await?.ok_or_else(|| AppError::not_found("Task", id))?;
    if current.version != patch.expected_version {
        return Err(AppError::stale("The task", patch.expected_version, load_one(&txn, id).await?));
    }
    let version = current.version + 1;
    let was_done = current.status.is_done();
    let mut row: task::ActiveModel = current.into();
    if let Some(title) = title {
        row.title = Set(title);
    }
    if let Some(description) = description {
        row.description = Set(description);
    }
    if let Some(status) = status {
        row.status = Set(status);
        if status.is_done() != was_done {
            row.completed_at = Set(status.is_done().then_some(now));
        }
    }
    if let Some(priority) = priority {
        row.priority = Set(priority);
    }
    if let Some(due_at) = patch.due_at {
        row.due_at = Set(due_at);
    }
    if let Some(position) = position {
        row.position = Set(position);
    }
    if let Some(assignee) = assignee {
        let (name, key) = match assignee {
            Some((name, key)) => (Some(first_spelling(&txn, &key).await?.unwrap_or(name)), Some(key)),
            None => (None, None),
        };
        row.assignee = Set(name);
        row.assignee_key = Set(key);
    }
    row.updated_at = Set(now);
    row.version = Set(version);
    row.update(&txn).await?;
    if let Some(project_ids) = project_ids {
        ensure_projects_exist(&txn, &project_ids).await?;
        replace_projects(&txn, id, project_ids).await?;
    }
    if let Some(tags) = tags {
        replace_tags(&txn, id, &tags, now).await?;
    }
    let updated = load_one(&txn, id).await?;
    txn.commit().await?;
    Ok(updated)
}

/// The validated changes to a task's own columns (its links aside).
#[derive(Default)]
pub(super) struct RowChange {
    pub title: Option<String>,
    pub description: Option<Option<String>>,
    pub status: Option<TaskStatus>,
    pub priority: Option<TaskPriority>,
    pub due_at: Option<Option<Timestamp>>,
    pub position: Option<i64>,
    /// `Some(None)` unassigns; a name comes with its key.
    pub assignee: Option<Option<(String, String)>>,
}

/// A change to the task's own columns in one statement (the common case: a status, a title):
/// `UPDATE … WHERE id = ? AND version = ? RETURNING` the task with its links, so the version
/// check, the write and the reply are one round trip and atomic. When no row comes back, the
/// task is read to tell `NOT_FOUND` from `CONFLICT`.
pub(super) async fn update_row<C: ConnectionTrait>(
    db: &C,
    id: Id,
    expected_version: Option<i64>,
    change: RowChange,
    now: Timestamp,
) -> AppResult<TaskDto> {
    let mut update = Query::update();
    update.table(task::Entity);
    if let Some(title) = change.title {
        update.value(task::Column::Title, title);
    }
    if let Some(description) = change.description {
        update.value(task::Column::Description, description);
    }
    if let Some(status) = change.status {
        update.value(task::Column::Status, status);
        // Stamped when the task becomes done, kept while it stays done, cleared otherwise.
        let completed_at = match status.is_done() {
            true => Expr::col(task::Column::CompletedAt).if_null(now),
            false => Expr::value(Option::<Timestamp>::None),
        };
        update.value(task::Column::CompletedAt, completed_at);
    }
    if let Some(priority) = change.priority {
        update.value(task::Column::Priority, priority);
    }
    if let Some(due_at) = change.due_at {
        update.value(task::Column::DueAt, due_at);
    }
    if let Some(position) = change.position {
        update.value(task::Column::Position, position);
    }
    match change.assignee {
        Some(Some((name, key))) => {
            // The spelling the name already has on another task, in the same statement.
            let known = Query::select()
                .column(task::Column::Assignee)
                .from(task::Entity)
                .and_where(task::Column::AssigneeKey.eq(key.clone()))
                .limit(1)
                .to_owned();
            update
                .value(task::Column::Assignee, Expr::expr(Expr::SubQuery(None, Box::new(known.into()))).if_null(name));
            update.value(task::Column::AssigneeKey, key);
        }
        Some(None) => {
            update.value(task::Column::Assignee, Option::<String>::None);
            update.value(task::Column::AssigneeKey, Option::<String>::None);
        }
        None => {}
    }
    update
        .value(task::Column::UpdatedAt, now)
        .value(task::Column::Version, Expr::col(task::Column::Version).add(1))
        .and_where(task::Column::Id.eq(id))
        .and_where_option(expected_version.map(|version| task::Column::Version.eq(version)))
        .returning(Query::returning().exprs([
            Expr::cust("*"),
            Expr::cust(format!("{} AS tag_names", tag_names_json(db))),
            Expr::cust(format!("{} AS project_ids", project_ids_json(db))),
        ]));
    // `query_all`, not `query_one`: the statement commits (autocommit) when it is stepped to its
    // end, and a commit that fails (a full disk) is only reported there. Reading one row and
    // dropping the statement acknowledged updates that were never written (tests/disk_faults.rs).
    match db.query_all(&update).await?.pop() {
        Some(row) => task_dto(TaskWithLinks::from_query_result(&row, "")?),
        None => {
            let current = load_one(db, id).await?;
            Err(AppError::stale("The task", expected_version.unwrap_or_default(), current))
        }
    }
}

/// Deletes the task; its tag and project links go with it (the tags themselves stay).
///
/// Errors: `NOT_FOUND`.
pub async fn delete_task<C: ConnectionTrait + TransactionTrait>(db: &C, id: Id) -> AppResult<()> {
    if delete_by_id::<task::Entity, _, _>(db, id).await? == 0 {
        return Err(AppError::not_found("Task", id));
    }
    Ok(())
}

/// Makes `names` (already validated and de-duplicated) the task's tags, creating missing tags.
async fn replace_tags<C: ConnectionTrait>(db: &C, task_id: Id, names: &[String], now: Timestamp) -> AppResult<()> {
    task_tag::Entity::delete_many().filter(task_tag::Column::TaskId.eq(task_id)).exec(db).await?;
    link_tags(db, task_id, names, now).await?;
    Ok(())
}

/// Links a task that has no tags yet to `names`, creating missing tags. Returns the names as
/// stored (an existing tag keeps its first spelling), in the order tasks list them.
async fn link_tags<C: ConnectionTrait>(
    db: &C,
    task_id: Id,
    names: &[String],
    now: Timestamp,
) -> AppResult<Vec<String>> {
    if names.is_empty() {
        return Ok(Vec::new());
    }
    let keys: Vec<String> = names.iter().map(|name| validate::tag_key(name)).collect();
    let existing: HashMap<String, tag::Model> = tag::Entity::find()
        .filter(tag::Column::NameKey.is_in(keys.clone()))
        .all(db)
        .await?
        .into_iter()
        .map(|tag| (tag.name_key.clone(), tag))
        .collect();

    let mut new_tags = Vec::new();
    let mut tag_ids = Vec::with_capacity(names.len());
    let mut stored = Vec::with_capacity(names.len());
    for (name, key) in names.iter().zip(keys) {
        let tag_id = match existing.get(&key) {
            Some(tag) => {
                stored.push((key, tag.name.clone()));
                tag.id
            }
            None => {
                stored.push((key.clone(), name.clone()));
                let id = Id::new();
                new_tags.push(tag::ActiveModel {
                    id: Set(id),
                    name: Set(name.clone()),
                    name_key: Set(key),
                    created_at: Set(now),
                });
                id
            }
        };
        tag_ids.push(tag_id);
    }
    if !new_tags.is_empty() {
        tag::Entity::insert_many(new_tags).exec_without_returning(db).await?;
    }
    let links = tag_ids.into_iter().map(|tag_id| task_tag::ActiveModel { task_id: Set(task_id), tag_id: Set(tag_id) });
    task_tag::Entity::insert_many(links).exec_without_returning(db).await?;
    stored.sort_unstable();
    Ok(stored.into_iter().map(|(_, name)| name).collect())
}

/// Makes `project_ids` (existing, de-duplicated) the task's projects.
async fn replace_projects<C: ConnectionTrait>(db: &C, task_id: Id, project_ids: Vec<Id>) -> AppResult<()> {
    task_project::Entity::delete_many().filter(task_project::Column::TaskId.eq(task_id)).exec(db).await?;
    link_projects(db, task_id, project_ids).await?;
    Ok(())
}

/// Links a task that has no projects yet to `project_ids` (de-duplicated; an id that is not a
/// project fails the foreign key). Returns them in the order tasks list them.
async fn link_projects<C: ConnectionTrait>(db: &C, task_id: Id, mut project_ids: Vec<Id>) -> Result<Vec<Id>, DbErr> {
    if project_ids.is_empty() {
        return Ok(project_ids);
    }
    let links = project_ids
        .iter()
        .map(|&project_id| task_project::ActiveModel { task_id: Set(task_id), project_id: Set(project_id) });
    task_project::Entity::insert_many(links).exec_without_returning(db).await?;
    project_ids.sort_unstable();
    Ok(project_ids)
}

async fn load_one<C: ConnectionTrait>(db: &C, id: Id) -> AppResult<TaskDto> {
    load_tasks(db, Condition::all().add(task::Column::Id.eq(id)), &[], None)
        .await?
        .pop()
        .ok_or_else(|| AppError::not_found("Task", id))
}

/// A task's tag names (sorted by key) as a JSON array, for the task row it is evaluated on.
/// PostgreSQL's `json_agg` gives NULL for no rows (hence `[]`), and sqlx reads it back as text.
fn tag_names_json<C: ConnectionTrait>(db: &C) -> &'static str {
    match db.get_database_backend() {
        DbBackend::Postgres => {
            r#"(SELECT COALESCE(json_agg("tags"."name" ORDER BY "tags"."name_key"), '[]')::text
            FROM "task_tags" JOIN "tags" ON "tags"."id" = "task_tags"."tag_id"
            WHERE "task_tags"."task_id" = "tasks"."id")"#
        }
        _ => {
            r#"(SELECT json_group_array("tags"."name" ORDER BY "tags"."name_key")
            FROM "task_tags" JOIN "tags" ON "tags"."id" = "task_tags"."tag_id"
            WHERE "task_tags"."task_id" = "tasks"."id")"#
        }
    }
}

/// A task's project ids (sorted) as a JSON array, for the task row it is evaluated on.
fn project_ids_json<C: ConnectionTrait>(db: &C) -> &'static str {
    match db.get_database_backend() {
        DbBackend::Postgres => {
            r#"(SELECT COALESCE(json_agg("project_id" ORDER BY "project_id"), '[]')::text
            FROM "task_projects" WHERE "task_projects"."task_id" = "tasks"."id")"#
        }
        _ => {
            r#"(SELECT json_group_array("project_id" ORDER BY "project_id")
            FROM "task_projects" WHERE "task_projects"."task_id" = "tasks"."id")"#
        }
    }
}

/// A task row with its links folded into JSON arrays by the database.
#[derive(FromQueryResult)]
struct TaskWithLinks {
    #[sea_orm(nested)]
    task: task::Model,
    tag_names: String,
    project_ids: String,
}

/// Loads the tasks matching `condition` with their tags and project ids in one query: the links
/// come as JSON arrays from correlated subqueries (index lookups on the link tables' keys), so the
/// filter runs once and no id list grows with the result.
pub(crate) async fn load_tasks<C: ConnectionTrait>(
    db: &C,
    condition: Condition,
    order: &[OrderKey],
    limit: Option<u64>,
) -> AppResult<Vec<TaskDto>> {
    // With a limit, the page's rows are chosen (filtered, sorted, cut) in a subquery first, so
    // the tags and projects are folded for those rows only: SQLite computes the result columns
    // of every matching row before a sort, which for a search with 578 hits tripled the work.
    // PostgreSQL evaluates the result columns after the sort and the limit, so it needs no such
    // subquery: the limit goes on the query itself (first page at 100k: 1.66 -> see BENCHMARKS.md).
    let postgres = db.get_database_backend() == DbBackend::Postgres;
    let condition = match limit.filter(|_| !postgres) {
        Some(limit) => {
            let mut page = Query::select();
            page.expr(row_key(db)).from(task::Entity).cond_where(condition);
            for (key, direction) in order {
                page.order_by_expr(key.clone(), direction.clone());
            }
            page.limit(limit);
            Condition::all().add(row_key(db).in_subquery(page))
        }
        None => condition,
    };
    let mut query = task::Entity::find()
        .filter(condition)
        .column_as(Expr::cust(tag_names_json(db)), "tag_names")
        .column_as(Expr::cust(project_ids_json(db)), "project_ids");
    for (key, direction) in order {
        query = query.order_by(key.clone(), direction.clone());
    }
    if postgres && let Some(limit) = limit {
        query = query.limit(limit);
    }
    let rows = query.into_model::<TaskWithLinks>().all(db).await?;
    rows.into_iter().map(task_dto).collect()
}

/// What picks a page's rows in [`load_tasks`]: on SQLite the implicit row id of `tasks` (an
/// integer, stable within a statement, which is all a page needs: cheaper to look up than the
/// TEXT key); on PostgreSQL, which has no row id, the primary key.
fn row_key<C: ConnectionTrait>(db: &C) -> Expr {
    match db.get_database_backend() {
        DbBackend::Postgres => Expr::col((task::Entity, task::Column::Id)),
        _ => Expr::col((task::Entity, sea_orm::sea_query::Alias::new("rowid"))),
    }
}

fn task_dto(TaskWithLinks { task: row, tag_names, project_ids }: TaskWithLinks) -> AppResult<TaskDto> {
    Ok(TaskDto {
        tags: parse_json_array(&tag_names)?,
        project_ids: parse_json_array(&project_ids)?,
        id: row.id,
        title: row.title,
        description: row.description,
        status: row.status,
        priority: row.priority,
        due_at: row.due_at,
        completed_at: row.completed_at,
        position: row.position,
        created_at: row.created_at,
        updated_at: row.updated_at,
        version: row.version,
        created_by: row.created_by,
        assignee: row.assignee,
    })
}

fn parse_json_array<T: serde::de::DeserializeOwned>(json: &str) -> AppResult<Vec<T>> {
    serde_json::from_str(json).map_err(|err| AppError::Internal(format!("unreadable link list {json}: {err}")))
}
