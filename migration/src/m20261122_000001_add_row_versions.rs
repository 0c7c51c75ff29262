use sea_orm_migration::prelude::*;

use crate::{Sql, execute};

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261122_000001_add_row_versions"
    }
}

/// A version per task and project, raised by every change: a patch names the version it was
/// made from, and a stale one is refused instead of silently overwriting another window's edit.
#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        execute(
            manager,
            Sql {
                sqlite: &[
                    "ALTER TABLE tasks ADD COLUMN version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1)",
                    "ALTER TABLE projects ADD COLUMN version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1)",
                ],
                postgres: &[
                    "ALTER TABLE tasks ADD COLUMN version BIGINT NOT NULL DEFAULT 1 CHECK (version >= 1)",
                    "ALTER TABLE projects ADD COLUMN version BIGINT NOT NULL DEFAULT 1 CHECK (version >= 1)",
                ],
            },
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let drop = &["ALTER TABLE tasks DROP COLUMN version", "ALTER TABLE projects DROP COLUMN version"];
        execute(manager, Sql { sqlite: drop, postgres: drop }).await
    }
}
