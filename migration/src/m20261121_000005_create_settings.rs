use sea_orm_migration::prelude::*;

use crate::{Sql, execute};

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261121_000005_create_settings"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // Keys and values are validated by the application; a key that is absent takes its default.
        execute(
            manager,
            Sql {
                sqlite: &[r#"CREATE TABLE settings (
                    key        TEXT NOT NULL PRIMARY KEY CHECK (length(key) > 0),
                    value      TEXT NOT NULL,
                    updated_at TEXT NOT NULL
                ) STRICT, WITHOUT ROWID"#],
                postgres: &[r#"CREATE TABLE settings (
                    key        TEXT COLLATE "C" NOT NULL PRIMARY KEY CHECK (length(key) > 0),
                    value      TEXT COLLATE "C" NOT NULL,
                    updated_at TEXT COLLATE "C" NOT NULL
                )"#],
            },
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let drop = &["DROP TABLE settings"];
        execute(manager, Sql { sqlite: drop, postgres: drop }).await
    }
}
