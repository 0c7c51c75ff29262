use sea_orm_migration::prelude::*;

use crate::{Sql, execute};

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261122_000006_add_task_people"
    }
}

/// Who did what: `created_by` names whoever created a task (on PostgreSQL the role the app
/// connects as, on SQLite the OS user), NULL for tasks created before this migration; `assignee`
/// is an optional free-text name, validated like a tag, and `assignee_key` its Unicode lowercase
/// (computed by the app, as for tags) so that "Ana" and "ana" are one person to filters.
#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // Tasks of one person, in the default order.
        const BY_ASSIGNEE: &str = "CREATE INDEX idx_tasks_assignee ON tasks (assignee_key, position, created_at)
            WHERE assignee_key IS NOT NULL";
        execute(
            manager,
            Sql {
                sqlite: &[
                    "ALTER TABLE tasks ADD COLUMN created_by TEXT CHECK (length(created_by) BETWEEN 1 AND 200)",
                    "ALTER TABLE tasks ADD COLUMN assignee TEXT
                        CHECK (length(trim(assignee)) > 0 AND length(assignee) <= 50)",
                    "ALTER TABLE tasks ADD COLUMN assignee_key TEXT
                        CHECK ((assignee IS NULL) = (assignee_key IS NULL))",
                    BY_ASSIGNEE,
                ],
                postgres: &[
                    r#"ALTER TABLE tasks ADD COLUMN created_by TEXT COLLATE "C"
                        CHECK (length(created_by) BETWEEN 1 AND 200)"#,
                    r#"ALTER TABLE tasks ADD COLUMN assignee TEXT COLLATE "C"
                        CHECK (length(trim(assignee)) > 0 AND length(assignee) <= 50)"#,
                    r#"ALTER TABLE tasks ADD COLUMN assignee_key TEXT COLLATE "C",
                        ADD CONSTRAINT tasks_assignee_key_check CHECK ((assignee IS NULL) = (assignee_key IS NULL))"#,
                    BY_ASSIGNEE,
                ],
            },
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let drop = &[
            "DROP INDEX idx_tasks_assignee",
            "ALTER TABLE tasks DROP COLUMN assignee_key",
            "ALTER TABLE tasks DROP COLUMN assignee",
            "ALTER TABLE tasks DROP COLUMN created_by",
        ];
        execute(manager, Sql { sqlite: drop, postgres: drop }).await
    }
}
