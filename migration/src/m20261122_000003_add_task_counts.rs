use sea_orm_migration::prelude::*;

use crate::execute_script;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261122_000003_add_task_counts"
    }
}

/// Task counts kept up to date by triggers, so that the sidebar (per project), the status bar and
/// the `total` of the most used lists cost a row read instead of a scan of every task: at 100,000
/// tasks the per-project counts took ~400 ms by joining, on every change event.
///
/// `projects.task_count` / `open_task_count` and the one row of `task_totals` change in the
/// statement that changes a task, a status or a project link, so they can never disagree with the
/// rows (tests recount them after random writes). "Open" means any status but `done`.
#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        execute_script(
            manager,
            &[
                "ALTER TABLE projects ADD COLUMN task_count INTEGER NOT NULL DEFAULT 0 CHECK (task_count >= 0)",
                "ALTER TABLE projects ADD COLUMN open_task_count INTEGER NOT NULL DEFAULT 0
                    CHECK (open_task_count BETWEEN 0 AND task_count)",
                "UPDATE projects SET
                    task_count = (SELECT COUNT(*) FROM task_projects WHERE project_id = projects.id),
                    open_task_count = (SELECT COUNT(*) FROM task_projects tp JOIN tasks t ON t.id = tp.task_id
                                       WHERE tp.project_id = projects.id AND t.status <> 'done')",
                "CREATE TABLE task_totals (
                    id INTEGER PRIMARY KEY CHECK (id = 1),
                    task_count INTEGER NOT NULL CHECK (task_count >= 0),
                    open_task_count INTEGER NOT NULL CHECK (open_task_count BETWEEN 0 AND task_count)
                ) STRICT",
                "INSERT INTO task_totals (id, task_count, open_task_count)
                    SELECT 1, COUNT(*), COUNT(*) FILTER (WHERE status <> 'done') FROM tasks",
                "CREATE TRIGGER task_counts_after_task_insert AFTER INSERT ON tasks BEGIN
                    UPDATE task_totals SET task_count = task_count + 1,
                                           open_task_count = open_task_count + (NEW.status <> 'done');
                END",
                "CREATE TRIGGER task_counts_after_status_change AFTER UPDATE OF status ON tasks
                WHEN (OLD.status = 'done') <> (NEW.status = 'done') BEGIN
                    UPDATE task_totals SET open_task_count = open_task_count + iif(NEW.status = 'done', -1, 1);
                    UPDATE projects SET open_task_count = open_task_count + iif(NEW.status = 'done', -1, 1)
                        WHERE id IN (SELECT project_id FROM task_projects WHERE task_id = NEW.id);
                END",
                // Before the row goes: its project links are still there to say which projects
                // lose it (their cascade delete below then finds no task and changes nothing).
                "CREATE TRIGGER task_counts_before_task_delete BEFORE DELETE ON tasks BEGIN
                    UPDATE task_totals SET task_count = task_count - 1,
                                           open_task_count = open_task_count - (OLD.status <> 'done');
                    UPDATE projects SET task_count = task_count - 1,
                                        open_task_count = open_task_count - (OLD.status <> 'done')
                        WHERE id IN (SELECT project_id FROM task_projects WHERE task_id = OLD.id);
                END",
                "CREATE TRIGGER task_counts_after_project_link AFTER INSERT ON task_projects BEGIN
                    UPDATE projects SET task_count = task_count + 1,
                        open_task_count = open_task_count
                            + coalesce((SELECT status <> 'done' FROM tasks WHERE id = NEW.task_id), 0)
                        WHERE id = NEW.project_id;
                END",
                "CREATE TRIGGER task_counts_after_project_unlink AFTER DELETE ON task_projects
                WHEN EXISTS (SELECT 1 FROM tasks WHERE id = OLD.task_id) BEGIN
                    UPDATE projects SET task_count = task_count - 1,
                        open_task_count = open_task_count
                            - (SELECT status <> 'done' FROM tasks WHERE id = OLD.task_id)
                        WHERE id = OLD.project_id;
                END",
            ],
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        execute_script(
            manager,
            &[
                "DROP TRIGGER task_counts_after_project_unlink",
                "DROP TRIGGER task_counts_after_project_link",
                "DROP TRIGGER task_counts_before_task_delete",
                "DROP TRIGGER task_counts_after_status_change",
                "DROP TRIGGER task_counts_after_task_insert",
                "DROP TABLE task_totals",
                "ALTER TABLE projects DROP COLUMN open_task_count",
                "ALTER TABLE projects DROP COLUMN task_count",
            ],
        )
        .await
    }
}
