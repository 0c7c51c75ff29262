use sea_orm_migration::prelude::*;

use crate::execute_script;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261121_000001_create_projects"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        execute_script(
            manager,
            &[
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
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        execute_script(manager, &["DROP TABLE projects"]).await
    }
}
