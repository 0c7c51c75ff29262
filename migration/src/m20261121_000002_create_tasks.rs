use sea_orm_migration::prelude::*;

use crate::execute_script;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261121_000002_create_tasks"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        execute_script(
            manager,
            &[
                r#"CREATE TABLE tasks (
                    id           TEXT    NOT NULL PRIMARY KEY CHECK (length(id) = 36),
                    title        TEXT    NOT NULL CHECK (length(trim(title)) > 0 AND length(title) <= 500),
                    description  TEXT             CHECK (length(description) <= 10000),
                    status       TEXT    NOT NULL DEFAULT 'todo'
                                 CHECK (status IN ('backlog', 'todo', 'in_progress', 'blocked', 'done')),
                    priority     TEXT    NOT NULL DEFAULT 'none'
                                 CHECK (priority IN ('none', 'low', 'medium', 'high', 'urgent')),
                    due_at       TEXT,
                    completed_at TEXT,
                    position     INTEGER NOT NULL,
                    created_at   TEXT    NOT NULL,
                    updated_at   TEXT    NOT NULL,
                    CHECK ((status = 'done') = (completed_at IS NOT NULL))
                ) STRICT"#,
                // The default order of every task list.
                "CREATE INDEX idx_tasks_position ON tasks (position, created_at)",
                // Lists filtered by status, in the default order.
                "CREATE INDEX idx_tasks_status_position ON tasks (status, position, created_at)",
                // Lists filtered by priority, in the default order.
                "CREATE INDEX idx_tasks_priority_position ON tasks (priority, position, created_at)",
            ],
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        execute_script(manager, &["DROP TABLE tasks"]).await
    }
}
