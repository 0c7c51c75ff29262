use sea_orm_migration::prelude::*;

use crate::{Sql, execute};

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261122_000004_index_tasks_by_due"
    }
}

/// The due-date order (`sort: "due"`: undated last, then the date, then the id) as an index, so
/// the first page of a big list sorted by due date is read in order and stops after one page
/// instead of sorting every open task (36 ms at 100,000 tasks without it).
#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        execute(
            manager,
            Sql {
                sqlite: &["CREATE INDEX idx_tasks_due ON tasks (due_at IS NULL, due_at, id)"],
                // PostgreSQL wants an expression in an index in parentheses.
                postgres: &["CREATE INDEX idx_tasks_due ON tasks ((due_at IS NULL), due_at, id)"],
            },
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let drop = &["DROP INDEX idx_tasks_due"];
        execute(manager, Sql { sqlite: drop, postgres: drop }).await
    }
}
