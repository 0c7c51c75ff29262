//! Every migration runs in one transaction, together with its `seaql_migrations` row.
//!
//! sea-orm-migration wraps a migration in a transaction only on PostgreSQL unless the migration's
//! [`MigrationTrait::use_transaction`] says otherwise. On SQLite, schema changes are transactional
//! too, so [`Migrator::migrations`](crate::Migrator) passes every migration through [`atomic`]:
//! a migration that fails halfway then leaves the database file exactly as it was.

use sea_orm_migration::prelude::*;

/// Makes `migration` run inside a transaction on every backend, unless it explicitly opts out
/// with `use_transaction() -> Some(false)` (which the `every_migration_runs_in_a_transaction` test
/// then refuses until the exception is written down there).
pub fn atomic(migration: Box<dyn MigrationTrait>) -> Box<dyn MigrationTrait> {
    Box::new(Atomic(migration))
}

struct Atomic(Box<dyn MigrationTrait>);

impl MigrationName for Atomic {
    fn name(&self) -> &str {
        self.0.name()
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Atomic {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        self.0.up(manager).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        self.0.down(manager).await
    }

    fn use_transaction(&self) -> Option<bool> {
        Some(self.0.use_transaction().unwrap_or(true))
    }
}
