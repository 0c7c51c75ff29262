//! The hand-written baselines: the same work as a command, in raw sqlx on the same pool, with
//! nothing in between. A command's ratio to these is what the app's layers cost.

use entity::Timestamp;
use sea_orm::sqlx::{self, SqlitePool};
use serde::Serialize;

/// Inserts what `db_create_task` writes for a task with two existing tags and one project: the
/// task row (next position computed in the INSERT), two tag links, one project link, in one
/// `BEGIN IMMEDIATE` transaction as the app does. Returns nothing; the command returns the task.
pub async fn create_task(pool: &SqlitePool, title: &str, tag_ids: [&str; 2], project_id: &str) {
    let id = uuid::Uuid::new_v4().to_string();
    let now = Timestamp::now().to_string();
    let mut tx = pool.begin_with("BEGIN IMMEDIATE").await.expect("begin");
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
        .bind(tag_ids[0])
        .bind(tag_ids[1])
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

/// One query for the tasks with their tags and project ids (as JSON arrays, in the app's order:
/// tags by `name_key`, projects by id), tasks in the app's list order.
macro_rules! select_tasks_where {
    ($condition:literal) => {
        concat!(
            "SELECT t.id, t.title, t.description, t.status, t.priority, t.due_at, t.completed_at, t.position, \
                    t.created_at, t.updated_at, t.version, \
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

/// The tasks of one project as the JSON `db_get_tasks` returns.
pub async fn tasks_in_project(pool: &SqlitePool, project_id: &str) -> String {
    tasks_json(pool, IN_PROJECT, project_id.to_owned()).await
}

/// The tasks whose title or description contains `text` (a plain `LIKE`, ASCII case-insensitive,
/// as the app's search), as the JSON `db_get_tasks` returns. `text` must hold no LIKE wildcard.
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
    }
}
