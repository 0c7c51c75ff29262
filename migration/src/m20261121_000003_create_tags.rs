use sea_orm_migration::prelude::*;

use crate::{Sql, execute};

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261121_000003_create_tags"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        const NAME_KEY: &str = "CREATE UNIQUE INDEX idx_tags_name_key ON tags (name_key)";
        // Tasks carrying a tag (the primary key serves the other direction).
        const BY_TAG: &str = "CREATE INDEX idx_task_tags_tag ON task_tags (tag_id, task_id)";
        execute(
            manager,
            Sql {
                // `name_key` is the Unicode lowercase of `name`, computed by the application:
                // SQLite's own lower() and NOCASE fold ASCII only, which would let `Ärger` and
                // `ärger` become two tags.
                sqlite: &[
                    r#"CREATE TABLE tags (
                        id         TEXT NOT NULL PRIMARY KEY CHECK (length(id) = 36),
                        name       TEXT NOT NULL CHECK (length(trim(name)) > 0 AND length(name) <= 50),
                        name_key   TEXT NOT NULL,
                        created_at TEXT NOT NULL
                    ) STRICT"#,
                    NAME_KEY,
                    r#"CREATE TABLE task_tags (
                        task_id TEXT NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
                        tag_id  TEXT NOT NULL REFERENCES tags (id) ON DELETE CASCADE,
                        PRIMARY KEY (task_id, tag_id)
                    ) STRICT, WITHOUT ROWID"#,
                    BY_TAG,
                ],
                postgres: &[
                    r#"CREATE TABLE tags (
                        id         TEXT COLLATE "C" NOT NULL PRIMARY KEY CHECK (length(id) = 36),
                        name       TEXT COLLATE "C" NOT NULL CHECK (length(trim(name)) > 0 AND length(name) <= 50),
                        name_key   TEXT COLLATE "C" NOT NULL,
                        created_at TEXT COLLATE "C" NOT NULL
                    )"#,
                    NAME_KEY,
                    r#"CREATE TABLE task_tags (
                        task_id TEXT COLLATE "C" NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
                        tag_id  TEXT COLLATE "C" NOT NULL REFERENCES tags (id) ON DELETE CASCADE,
                        PRIMARY KEY (task_id, tag_id)
                    )"#,
                    BY_TAG,
                ],
            },
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let drop = &["DROP TABLE task_tags", "DROP TABLE tags"];
        execute(manager, Sql { sqlite: drop, postgres: drop }).await
    }
}
