//! Versioned schema of the Tasklane database.
//!
//! One file per change, applied in the order of [`Migrator::migrations`]; every `down` undoes its
//! `up` exactly. The schema is written in SQLite's own dialect (STRICT tables, CHECK constraints,
//! `WITHOUT ROWID` link tables) because SQLite is the only database Tasklane runs on, and the SQL
//! here is what `sqlite3 tasklane.db .schema` shows.
//!
//! Each migration runs in one transaction with its bookkeeping row (see [`atomic`]); README.md in
//! this folder says how to add a migration and a fixture.

pub use atomic::atomic;
pub use sea_orm_migration::prelude::*;

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
        ];
        migrations.into_iter().map(atomic).collect()
    }
}

/// Runs each statement of a migration script in order (SQLite takes one statement per call).
/// The Rust indentation is removed first, so that `sqlite3 .schema` prints tidy SQL.
pub(crate) async fn execute_script(manager: &SchemaManager<'_>, statements: &[&str]) -> Result<(), DbErr> {
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
