//! The data layer: opening the database and the operations the commands call.
//!
//! Operations are plain async functions over any SeaORM connection (`C: ConnectionTrait +
//! TransactionTrait`), so they run the same on a pool, inside a caller's transaction, or in a test.
//! Nothing here knows about Tauri.

pub mod backups;
mod connection;
pub mod data_operations;
pub mod database_check;
pub mod order_operations;
pub mod project_operations;
mod search_queue;
pub mod settings_operations;
pub mod status_operations;
pub mod tag_operations;
pub mod task_operations;
mod task_query;
mod validate;

pub use connection::{
    APPLICATION_NAME, DB_URL_ENV, DatabaseLocation, OpenError, default_location, open, origin_of, redact, redact_in,
};

use sea_orm::{
    ConnectionTrait, DbBackend, DbErr, SqliteTransactionMode, Statement, TransactionOptions, TransactionTrait,
};

/// Starts a write transaction that holds the database's one write lock from its first statement,
/// so writers queue instead of racing, and a transaction that reads before it writes (the next
/// position, an existing tag) can never see a value another writer is about to change.
///
/// - SQLite: `BEGIN IMMEDIATE` takes the file's write lock up front (waiting up to the busy
///   timeout), so it can never fail half-way on a lock upgrade.
/// - PostgreSQL: `pg_advisory_xact_lock` on one key, released at commit or rollback. Every write
///   of every app instance on the server takes it, so writes from several machines queue like
///   writes from several windows do on SQLite, with no serialization failure or deadlock between
///   them to retry. Reads take no lock. A small team's writes are short (a few ms), so one queue
///   costs nothing they would notice.
///
/// Inside an outer transaction it becomes a savepoint (the lock is already held).
pub(crate) async fn begin_write<C>(db: &C) -> Result<C::Transaction, DbErr>
where
    C: TransactionTrait + ConnectionTrait,
{
    let txn = db
        .begin_with_options(TransactionOptions {
            sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
            ..Default::default()
        })
        .await?;
    if db.get_database_backend() == DbBackend::Postgres {
        txn.execute_raw(Statement::from_string(DbBackend::Postgres, WRITE_LOCK)).await?;
    }
    Ok(txn)
}

/// The transaction-level advisory lock every write on a server takes (the bytes of "tasklane" + 1;
/// the migrations' lock is the same number without the 1). A write waits for it at most
/// 5 s (a stuck writer elsewhere, say psql left inside a transaction): then it
/// fails with PostgreSQL's lock timeout (55P03), which the user sees as "the database is busy",
/// instead of hanging. The setting lasts until the transaction ends.
const WRITE_LOCK: &str = "SELECT set_config('lock_timeout', '5s', true), pg_advisory_xact_lock(8386110886357593702)";

/// Deletes the row of `E` whose primary key is `id`, in one statement (inside [`begin_write`] on
/// PostgreSQL); returns how many rows went (0 or 1). Links go by the foreign keys' cascades.
pub(crate) async fn delete_by_id<E, C, K>(db: &C, id: K) -> Result<u64, DbErr>
where
    E: sea_orm::EntityTrait,
    C: ConnectionTrait + TransactionTrait,
    K: Into<<E::PrimaryKey as sea_orm::PrimaryKeyTrait>::ValueType>,
{
    if !single_statements_need_the_lock(db) {
        return Ok(E::delete_by_id(id).exec(db).await?.rows_affected);
    }
    let txn = begin_write(db).await?;
    let deleted = E::delete_by_id(id).exec(&txn).await?.rows_affected;
    sea_orm::TransactionSession::commit(txn).await?;
    Ok(deleted)
}

/// Whether a write that is one statement (atomic by itself) must still run in [`begin_write`]: on
/// PostgreSQL, where its triggers update shared count rows and it must queue behind other writers.
pub(crate) fn single_statements_need_the_lock<C: ConnectionTrait>(db: &C) -> bool {
    db.get_database_backend() == DbBackend::Postgres
}
