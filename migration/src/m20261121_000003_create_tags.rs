use sea_orm_migration::prelude::*;

use crate::execute_script;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261121_000003_create_tags"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        execute_script(
            manager,
            &[
                // `name_key` is the Unicode lowercase of `name`, computed by the application:
                // SQLite's own lower() and NOCASE fold ASCII only, which would let `Ärger` and
                // `ärger` become two tags.
                r#"CREATE TABLE tags (
                    id         TEXT NOT NULL PRIMARY KEY CHECK (length(id) = 36),
                    name       TEXT NOT NULL CHECK (length(trim(name)) > 0 AND length(name) <= 50),
                    name_key   TEXT NOT NULL,
                    created_at TEXT NOT NULL
                ) STRICT"#,
                "CREATE UNIQUE INDEX idx_tags_name_key ON tags (name_key)",
                r#"CREATE TABLE task_tags (
                    task_id TEXT NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
                    tag_id  TEXT NOT NULL REFERENCES tags (id) ON DELETE CASCADE,
                    PRIMARY KEY (task_id, tag_id)
                ) STRICT, WITHOUT ROWID"#,
                // Tasks carrying a tag (the primary key serves the other direction).
                "CREATE INDEX idx_task_tags_tag ON task_tags (tag_id, task_id)",
            ],
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        execute_script(manager, &["DROP TABLE task_tags", "DROP TABLE tags"]).await
    }
}
