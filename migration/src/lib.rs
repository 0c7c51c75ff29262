//! Versioned schema of the Tasklane database.
//!
//! One file per change, applied in the order of [`Migrator::migrations`]; every `down` undoes its
//! `up` exactly. The same migrations build the schema on both engines Tasklane runs on: SQLite (a
//! file on this machine) and PostgreSQL (team mode). Each step is written in each engine's own
//! dialect ([`Sql`]): STRICT tables and `WITHOUT ROWID` link tables on SQLite, `COLLATE "C"` text
//! and PL/pgSQL triggers on PostgreSQL, CHECK constraints on both. The SQLite text is what
//! `sqlite3 tasklane.db .schema` shows; README.md in this folder tells what each column is on each.
//!
//! Each migration runs in one transaction with its bookkeeping row (see [`atomic`]); README.md in
//! this folder says how to add a migration and a fixture.

pub use atomic::atomic;
pub use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::DbBackend;

mod atomic;
mod m20261121_000001_create_projects;
mod m20261121_000002_create_tasks;
mod m20261121_000003_create_tags;
mod m20261121_000004_create_task_projects;
mod m20261121_000005_create_settings;
mod m20261122_000001_add_row_versions;
mod m20261122_000002_create_task_search;
mod m20261122_000003_add_task_counts;
mod m20261122_000004_index_tasks_by_due;
mod m20261122_000005_record_changes;
mod m20261122_000006_add_task_people;
mod m20261208_000001_defer_search_indexing;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        let migrations: Vec<Box<dyn MigrationTrait>> = vec![
            Box::new(m20261121_000001_create_projects::Migration),
            Box::new(m20261121_000002_create_tasks::Migration),
            Box::new(m20261121_000003_create_tags::Migration),
            Box::new(m20261121_000004_create_task_projects::Migration),
            Box::new(m20261121_000005_create_settings::Migration),
            Box::new(m20261122_000001_add_row_versions::Migration),
            Box::new(m20261122_000002_create_task_search::Migration),
            Box::new(m20261122_000003_add_task_counts::Migration),
            Box::new(m20261122_000004_index_tasks_by_due::Migration),
            Box::new(m20261122_000005_record_changes::Migration),
            Box::new(m20261122_000006_add_task_people::Migration),
            Box::new(m20261208_000001_defer_search_indexing::Migration),
        ];
        migrations.into_iter().map(atomic).collect()
    }
}

/// One migration step's statements on each engine, in order.
pub(crate) struct Sql<'a> {
    pub sqlite: &'a [&'a str],
    pub postgres: &'a [&'a str],
}

/// Runs the statements of the connected engine in order, one per call (SQLite takes one statement
/// per call). The Rust indentation is removed first, so that `sqlite3 .schema` and `psql \\d+`
/// print tidy SQL.
pub(crate) async fn execute(manager: &SchemaManager<'_>, sql: Sql<'_>) -> Result<(), DbErr> {
    let statements = match manager.get_database_backend() {
        DbBackend::Sqlite => sql.sqlite,
        DbBackend::Postgres => sql.postgres,
        other => return Err(DbErr::Migration(format!("Tasklane has no schema for {other:?}"))),
    };
    let db = manager.get_connection();
    for statement in statements {
        db.execute_unprepared(&dedent(statement)).await?;
    }
    Ok(())
}

/// Removes from every line but the first the indentation they all share.
fn dedent(sql: &str) -> String {
    let mut lines = sql.lines();
    let first = lines.next().unwrap_or_default();
    let rest: Vec<&str> = lines.collect();
    let indent = rest
        .iter()
        .filter(|line| !line.trim().is_empty())
        .map(|line| line.len() - line.trim_start().len())
        .min()
        .unwrap_or(0);
    std::iter::once(first)
        .chain(rest.iter().map(|line| line.get(indent..).unwrap_or(line.trim_start())))
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    #[test]
    fn dedent_keeps_relative_indentation() {
        let sql = "CREATE TABLE t (\n        a TEXT,\n            CHECK (a)\n    ) STRICT";
        assert_eq!(super::dedent(sql), "CREATE TABLE t (\n    a TEXT,\n        CHECK (a)\n) STRICT");
    }
}
