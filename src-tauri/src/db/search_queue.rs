//! Deferred search indexing for bulk writes: inside one write transaction, [`pause`] makes the
//! search triggers queue the tasks they would re-index, and [`index_queued`] re-indexes them all
//! in a few set-based statements and ends the pause (migration m20261208_000001). Nobody else can
//! see the pause: it starts and ends in the writer's transaction.

use sea_orm::{ConnectionTrait, DbBackend, DbErr, Statement};

/// Stops per-row indexing until [`index_queued`], which must run before the transaction commits.
pub(crate) async fn pause<C: ConnectionTrait>(txn: &C) -> Result<(), DbErr> {
    run(txn, &["INSERT INTO task_search_paused (id) VALUES (1)"]).await
}

/// Re-indexes every queued task that still exists, then empties the queue and ends the pause.
pub(crate) async fn index_queued<C: ConnectionTrait>(txn: &C) -> Result<(), DbErr> {
    match txn.get_database_backend() {
        DbBackend::Postgres => run(txn, POSTGRES).await,
        _ => run(txn, SQLITE).await,
    }
}

async fn run<C: ConnectionTrait>(txn: &C, statements: &[&str]) -> Result<(), DbErr> {
    let backend = txn.get_database_backend();
    for sql in statements {
        txn.execute_raw(Statement::from_string(backend, *sql)).await?;
    }
    Ok(())
}

/// The same steps as the per-row triggers of m20261122_000002, for all queued tasks at once.
const SQLITE: &[&str] = &[
    "INSERT INTO task_search_rows (task_id)
        SELECT q.task_id FROM task_search_queue q JOIN tasks t ON t.id = q.task_id
        WHERE NOT EXISTS (SELECT 1 FROM task_search_rows r WHERE r.task_id = q.task_id)",
    "DELETE FROM task_search WHERE rowid IN (
        SELECT r.search_rowid FROM task_search_rows r JOIN task_search_queue q ON q.task_id = r.task_id)",
    "INSERT INTO task_search (rowid, title, description, tags)
        SELECT r.search_rowid, t.title, coalesce(t.description, ''),
               coalesce((SELECT group_concat(g.name, ' ') FROM task_tags tt JOIN tags g ON g.id = tt.tag_id
                         WHERE tt.task_id = t.id), '')
        FROM task_search_queue q JOIN tasks t ON t.id = q.task_id JOIN task_search_rows r ON r.task_id = t.id",
    "DELETE FROM task_search_queue",
    "DELETE FROM task_search_paused",
];

const POSTGRES: &[&str] = &[
    "INSERT INTO task_search (task_id, document)
        SELECT q.task_id, tasklane_task_document(q.task_id) FROM task_search_queue q JOIN tasks t ON t.id = q.task_id
        ON CONFLICT (task_id) DO UPDATE SET document = EXCLUDED.document",
    "DELETE FROM task_search_queue",
    "DELETE FROM task_search_paused",
];
