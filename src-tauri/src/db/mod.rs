//! The data layer: opening the database and the operations the commands call.
//!
//! Operations are plain async functions over any SeaORM connection (`C: ConnectionTrait +
//! TransactionTrait`), so they run the same on a pool, inside a caller's transaction, or in a test.
//! Nothing here knows about Tauri.

mod connection;
pub mod project_operations;
pub mod settings_operations;
pub mod status_operations;
pub mod tag_operations;
pub mod task_operations;
mod task_query;
mod validate;

pub use connection::{DatabaseLocation, OpenError, default_location, open};

use sea_orm::{DbErr, SqliteTransactionMode, TransactionOptions, TransactionTrait};

/// Starts a write transaction with `BEGIN IMMEDIATE`: it takes SQLite's write lock up front (waiting
/// up to the busy timeout for another writer), so a transaction that reads before it writes can
/// never fail half-way on a lock upgrade. Inside an outer transaction it becomes a savepoint.
pub(crate) async fn begin_write<C: TransactionTrait>(db: &C) -> Result<C::Transaction, DbErr> {
    db.begin_with_options(TransactionOptions {
        sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
        ..Default::default()
    })
    .await
}
