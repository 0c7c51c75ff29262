use sea_orm_migration::prelude::*;

use crate::{Sql, execute};

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261121_000002_create_tasks"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        const INDEXES: [&str; 3] = [
            // The default order of every task list.
            "CREATE INDEX idx_tasks_position ON tasks (position, created_at)",
            // Lists filtered by status, in the default order.
            "CREATE INDEX idx_tasks_status_position ON tasks (status, position, created_at)",
            // Lists filtered by priority, in the default order.
            "CREATE INDEX idx_tasks_priority_position ON tasks (priority, position, created_at)",
        ];
        execute(
            manager,
            Sql {
                sqlite: &[
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
                    INDEXES[0],
                    INDEXES[1],
                    INDEXES[2],
                ],
                postgres: &[
                    r#"CREATE TABLE tasks (
                        id           TEXT COLLATE "C" NOT NULL PRIMARY KEY CHECK (length(id) = 36),
                        title        TEXT COLLATE "C" NOT NULL CHECK (length(trim(title)) > 0 AND length(title) <= 500),
                        description  TEXT COLLATE "C"          CHECK (length(description) <= 10000),
                        status       TEXT COLLATE "C" NOT NULL DEFAULT 'todo'
                                     CHECK (status IN ('backlog', 'todo', 'in_progress', 'blocked', 'done')),
                        priority     TEXT COLLATE "C" NOT NULL DEFAULT 'none'
                                     CHECK (priority IN ('none', 'low', 'medium', 'high', 'urgent')),
                        due_at       TEXT COLLATE "C",
                        completed_at TEXT COLLATE "C",
                        position     BIGINT           NOT NULL,
                        created_at   TEXT COLLATE "C" NOT NULL,
                        updated_at   TEXT COLLATE "C" NOT NULL,
                        CHECK ((status = 'done') = (completed_at IS NOT NULL))
                    )"#,
                    INDEXES[0],
                    INDEXES[1],
                    INDEXES[2],
                ],
            },
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        execute(manager, Sql { sqlite: &["DROP TABLE tasks"], postgres: &["DROP TABLE tasks"] }).await
    }
}
