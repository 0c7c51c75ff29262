//! The hand-written baselines: the same work as a command, in raw sqlx on the same pool, with
//! nothing in between. A command's ratio to these is what the app's layers cost.

use entity::Timestamp;
use sea_orm::sqlx::{self, SqlitePool};
use serde::Serialize;

/// Inserts what `db_create_task` writes for a task with two existing tags (given by name, as the
/// client sends them) and one project: the tag ids looked up by their keys, the task row (next
/// position computed in the INSERT), two tag links, one project link, in one `BEGIN IMMEDIATE`
/// transaction as the app does. The search index's triggers fire as they do for the app.
/// Returns nothing; the command returns the task.
pub async fn create_task(pool: &SqlitePool, title: &str, tag_names: [&str; 2], project_id: &str) {
    let id = uuid::Uuid::new_v4().to_string();
    let now = Timestamp::now().to_string();
    let mut tx = pool.begin_with("BEGIN IMMEDIATE").await.expect("begin");
    let tag_ids: Vec<String> = sqlx::query_scalar("SELECT id FROM tags WHERE name_key IN (?1, ?2)")
        .bind(tag_names[0].to_lowercase())
        .bind(tag_names[1].to_lowercase())
        .fetch_all(&mut *tx)
        .await
        .expect("look the tags up");
    assert_eq!(tag_ids.len(), 2, "both tags exist");
    sqlx::query(
        "INSERT INTO tasks (id, title, status, priority, position, created_at, updated_at) \
         VALUES (?1, ?2, 'todo', 'none', (SELECT COALESCE(MAX(position), 0) + 1 FROM tasks), ?3, ?3)",
    )
    .bind(&id)
    .bind(title)
    .bind(&now)
    .execute(&mut *tx)
    .await
    .expect("insert the task");
    sqlx::query("INSERT INTO task_tags (task_id, tag_id) VALUES (?1, ?2), (?1, ?3)")
        .bind(&id)
        .bind(&tag_ids[0])
        .bind(&tag_ids[1])
        .execute(&mut *tx)
        .await
        .expect("link the tags");
    sqlx::query("INSERT INTO task_projects (task_id, project_id) VALUES (?1, ?2)")
        .bind(&id)
        .bind(project_id)
        .execute(&mut *tx)
        .await
        .expect("link the project");
    tx.commit().await.expect("commit");
}

/// What `db_update_task` writes for a status change: one UPDATE that checks and raises the
/// version and stamps `completed_at`, in one `BEGIN IMMEDIATE` transaction.
pub async fn set_status(pool: &SqlitePool, id: &str, status: &str) {
    let now = Timestamp::now().to_string();
    let mut tx = pool.begin_with("BEGIN IMMEDIATE").await.expect("begin");
    sqlx::query(
        "UPDATE tasks SET status = ?2, version = version + 1, updated_at = ?3, \
         completed_at = CASE WHEN ?2 = 'done' THEN coalesce(completed_at, ?3) END WHERE id = ?1",
    )
    .bind(id)
    .bind(status)
    .bind(&now)
    .execute(&mut *tx)
    .await
    .expect("update the status");
    tx.commit().await.expect("commit");
}

/// A first page as `db_get_tasks` computes it, written by hand: `COUNT(*)` of the filtered set,
/// then the first `limit` tasks (one more is read, to know whether a page follows) with their
/// tags and projects. Returns the tasks as JSON and the total.
pub async fn first_page(pool: &SqlitePool, page: &Page, limit: u32) -> (String, i64) {
    let count = format!("SELECT COUNT(*) FROM tasks t WHERE {}", page.condition);
    let total: i64 =
        sqlx::query_scalar(sqlx::AssertSqlSafe(count)).bind(&page.param).fetch_one(pool).await.expect("count");
    let select = format!("{SELECT_TASKS} WHERE {} ORDER BY {} LIMIT {}", page.condition, page.order, limit + 1);
    let mut rows: Vec<TaskRow> =
        sqlx::query_as(sqlx::AssertSqlSafe(select)).bind(&page.param).fetch_all(pool).await.expect("select a page");
    rows.truncate(limit as usize);
    let tasks: Vec<TaskJson> = rows.into_iter().map(task_json).collect();
    (serde_json::to_string(&tasks).expect("serialize"), total)
}

/// A list as hand-written SQL: its WHERE (over `tasks t`, one `?1` parameter) and ORDER BY.
pub struct Page {
    pub condition: &'static str,
    pub order: &'static str,
    pub param: String,
}

impl Page {
    /// Every task of a project (done too), in the manual order.
    pub fn project(project_id: &str) -> Self {
        Self {
            condition: "t.id IN (SELECT task_id FROM task_projects WHERE project_id = ?1)",
            order: "t.position, t.created_at, t.id",
            param: project_id.to_owned(),
        }
    }

    /// Every open task, by due date (undated last).
    pub fn open_by_due() -> Self {
        Self {
            condition: "t.status <> 'done' AND ?1 = ?1",
            order: "t.due_at IS NULL, t.due_at, t.id",
            param: String::new(),
        }
    }

    /// Every task (done too) matching an FTS5 query, in the manual order.
    pub fn matching(fts_query: &str) -> Self {
        Self {
            condition: "t.id IN (SELECT task_id FROM task_search_rows WHERE search_rowid IN \
                        (SELECT rowid FROM task_search WHERE task_search MATCH ?1))",
            order: "t.position, t.created_at, t.id",
            param: fts_query.to_owned(),
        }
    }
}

const SELECT_TASKS: &str = "SELECT t.id, t.title, t.description, t.status, t.priority, t.due_at, t.completed_at, \
        t.position, t.created_at, t.updated_at, t.version, t.created_by, t.assignee, \
        (SELECT json_group_array(g.name ORDER BY g.name_key) \
           FROM task_tags tt JOIN tags g ON g.id = tt.tag_id WHERE tt.task_id = t.id), \
        (SELECT json_group_array(tp.project_id ORDER BY tp.project_id) \
           FROM task_projects tp WHERE tp.task_id = t.id) \
     FROM tasks t";

/// One query for the tasks with their tags and project ids (as JSON arrays, in the app's order:
/// tags by `name_key`, projects by id), tasks in the app's list order.
macro_rules! select_tasks_where {
    ($condition:literal) => {
        concat!(
            "SELECT t.id, t.title, t.description, t.status, t.priority, t.due_at, t.completed_at, t.position, \
                    t.created_at, t.updated_at, t.version, t.created_by, t.assignee, \
                    (SELECT json_group_array(g.name ORDER BY g.name_key) \
                       FROM task_tags tt JOIN tags g ON g.id = tt.tag_id WHERE tt.task_id = t.id), \
                    (SELECT json_group_array(tp.project_id ORDER BY tp.project_id) \
                       FROM task_projects tp WHERE tp.task_id = t.id) \
             FROM tasks t WHERE ",
            $condition,
            " ORDER BY t.position, t.created_at, t.id"
        )
    };
}

const IN_PROJECT: &str = select_tasks_where!("t.id IN (SELECT task_id FROM task_projects WHERE project_id = ?1)");
const MATCHING_TEXT: &str = select_tasks_where!("(t.title LIKE ?1 ESCAPE '\\' OR t.description LIKE ?1 ESCAPE '\\')");

/// Every task of one project (done too) as JSON, in the manual order: the whole list in one query.
pub async fn tasks_in_project(pool: &SqlitePool, project_id: &str) -> String {
    tasks_json(pool, IN_PROJECT, project_id.to_owned()).await
}

/// The tasks whose title or description contains `text` (a plain `LIKE`, ASCII case-insensitive,
/// the app's search before FTS5), as JSON. `text` must hold no LIKE wildcard.
pub async fn tasks_matching(pool: &SqlitePool, text: &str) -> String {
    assert!(!text.contains(['%', '_', '\\']), "the baseline does not escape wildcards");
    tasks_json(pool, MATCHING_TEXT, format!("%{text}%")).await
}

/// How many tasks contain `text`, counted by SQLite alone.
pub async fn count_matching(pool: &SqlitePool, text: &str) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM tasks WHERE title LIKE ?1 OR description LIKE ?1")
        .bind(format!("%{text}%"))
        .fetch_one(pool)
        .await
        .expect("count")
}

/// Per-project task and open-task counts, as the sidebar shows them.
pub async fn project_counts(pool: &SqlitePool) -> Vec<(String, i64, i64)> {
    sqlx::query_as(
        "SELECT p.id, COUNT(tp.task_id), COUNT(tp.task_id) FILTER (WHERE t.status <> 'done') \
         FROM projects p LEFT JOIN task_projects tp ON tp.project_id = p.id LEFT JOIN tasks t ON t.id = tp.task_id \
         GROUP BY p.id ORDER BY p.position",
    )
    .fetch_all(pool)
    .await
    .expect("project counts")
}

/// The status bar's task and open-task counts.
pub async fn task_counts(pool: &SqlitePool) -> (i64, i64) {
    sqlx::query_as("SELECT (SELECT COUNT(*) FROM tasks), (SELECT COUNT(*) FROM tasks WHERE status <> 'done')")
        .fetch_one(pool)
        .await
        .expect("task counts")
}

/// The ids and names of every tag.
pub async fn tags(pool: &SqlitePool) -> Vec<(String, String)> {
    sqlx::query_as("SELECT id, name FROM tags ORDER BY name_key").fetch_all(pool).await.expect("tags")
}

type TaskRow = (
    String,
    String,
    Option<String>,
    String,
    String,
    Option<String>,
    Option<String>,
    i64,
    String,
    String,
    i64,
    Option<String>,
    Option<String>,
    String,
    String,
);

/// `TaskDto`'s JSON shape, field for field and in its order, so the text matches byte for byte.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct TaskJson {
    id: String,
    title: String,
    description: Option<String>,
    status: String,
    priority: String,
    tags: Vec<String>,
    project_ids: Vec<String>,
    due_at: Option<String>,
    completed_at: Option<String>,
    position: i64,
    created_at: String,
    updated_at: String,
    version: i64,
    created_by: Option<String>,
    assignee: Option<String>,
}

async fn tasks_json(pool: &SqlitePool, sql: &'static str, param: String) -> String {
    let rows: Vec<TaskRow> = sqlx::query_as(sql).bind(param).fetch_all(pool).await.expect("select tasks");
    let tasks: Vec<TaskJson> = rows.into_iter().map(task_json).collect();
    serde_json::to_string(&tasks).expect("serialize")
}

fn task_json(row: TaskRow) -> TaskJson {
    let (
        id,
        title,
        description,
        status,
        priority,
        due_at,
        completed_at,
        position,
        created_at,
        updated_at,
        version,
        created_by,
        assignee,
        tags,
        projects,
    ) = row;
    TaskJson {
        id,
        title,
        description,
        status,
        priority,
        tags: serde_json::from_str(&tags).expect("a JSON array of tag names"),
        project_ids: serde_json::from_str(&projects).expect("a JSON array of project ids"),
        due_at,
        completed_at,
        position,
        created_at,
        updated_at,
        version,
        created_by,
        assignee,
    }
}

/// Every task's position, by id.
pub async fn positions(pool: &SqlitePool) -> std::collections::HashMap<String, i64> {
    sqlx::query_as::<_, (String, i64)>("SELECT id, position FROM tasks")
        .fetch_all(pool)
        .await
        .expect("read the positions")
        .into_iter()
        .collect()
}

/// What `db_move_task` writes when there is room between the neighbours: one UPDATE of the
/// task's position, version and change time, in one `BEGIN IMMEDIATE` transaction.
pub async fn set_position(pool: &SqlitePool, id: &str, position: i64) {
    let now = Timestamp::now().to_string();
    let mut tx = pool.begin_with("BEGIN IMMEDIATE").await.expect("begin");
    sqlx::query("UPDATE tasks SET position = ?2, version = version + 1, updated_at = ?3 WHERE id = ?1")
        .bind(id)
        .bind(position)
        .bind(&now)
        .execute(&mut *tx)
        .await
        .expect("move the task");
    tx.commit().await.expect("commit");
}
