use sea_orm_migration::prelude::*;

use crate::{Sql, execute};

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261121_000001_create_projects"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        execute(
            manager,
            Sql {
                sqlite: &[
                    r#"CREATE TABLE projects (
                        id          TEXT    NOT NULL PRIMARY KEY CHECK (length(id) = 36),
                        name        TEXT    NOT NULL CHECK (length(trim(name)) > 0 AND length(name) <= 200),
                        description TEXT             CHECK (length(description) <= 10000),
                        color       TEXT             CHECK (color GLOB '#[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]'),
                        position    INTEGER NOT NULL,
                        archived    INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
                        created_at  TEXT    NOT NULL,
                        updated_at  TEXT    NOT NULL
                    ) STRICT"#,
                    "CREATE INDEX idx_projects_position ON projects (position, created_at)",
                ],
                // Text is compared byte by byte (`COLLATE "C"`), as SQLite does, so ids, timestamps
                // and names sort the same on both engines.
                postgres: &[
                    r#"CREATE TABLE projects (
                        id          TEXT COLLATE "C" NOT NULL PRIMARY KEY CHECK (length(id) = 36),
                        name        TEXT COLLATE "C" NOT NULL CHECK (length(trim(name)) > 0 AND length(name) <= 200),
                        description TEXT COLLATE "C"          CHECK (length(description) <= 10000),
                        color       TEXT COLLATE "C"          CHECK (color ~ '^#[0-9a-f]{6}$'),
                        position    BIGINT           NOT NULL,
                        archived    BOOLEAN          NOT NULL DEFAULT false,
                        created_at  TEXT COLLATE "C" NOT NULL,
                        updated_at  TEXT COLLATE "C" NOT NULL
                    )"#,
                    "CREATE INDEX idx_projects_position ON projects (position, created_at)",
                ],
            },
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        execute(manager, Sql { sqlite: &["DROP TABLE projects"], postgres: &["DROP TABLE projects"] }).await
    }
}
