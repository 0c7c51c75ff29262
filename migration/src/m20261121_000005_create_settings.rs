use sea_orm_migration::prelude::*;

use crate::execute_script;

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
        execute_script(
            manager,
            &[r#"CREATE TABLE settings (
                key        TEXT NOT NULL PRIMARY KEY CHECK (length(key) > 0),
                value      TEXT NOT NULL,
                updated_at TEXT NOT NULL
            ) STRICT, WITHOUT ROWID"#],
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        execute_script(manager, &["DROP TABLE settings"]).await
    }
}
