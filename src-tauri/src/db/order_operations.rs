//! Manual order: moving a task before or after another, or to the end, and into another status.
//!
//! Every task has a `position`; the manual order is `(position, created_at, id)`, the same for
//! every list and board column (a column is that order within one status). New tasks go
//! [`GAP`] after the last, so a move usually writes one row: the midpoint of its new neighbours.
//! When two neighbours have no integer between them, the next few tasks (at most [`WINDOW`]) are
//! spread out over the room after them; only when that window is full too (a list written before
//! positions were spaced, or thousands of moves into one spot) is the whole order renumbered, once,
//! `GAP` apart. `make bench` measures moves and the rows they write (docs/BENCHMARKS.md).

use entity::{Id, Timestamp, task};
use sea_orm::sea_query::Query;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbBackend, DbErr, EntityTrait, Order, QueryFilter, QuerySelect, Statement,
};
use sea_orm::{TransactionSession, TransactionTrait};

use super::begin_write;
use super::task_operations::{RowChange, update_row};
use super::validate::POSITION_LIMIT;
use crate::error::{AppError, AppResult};
use crate::models::{MoveTo, TaskDto};

/// The room between two tasks added one after the other.
pub const GAP: i64 = 1024;
/// How many following tasks a move may spread out before renumbering the whole order.
pub const WINDOW: u64 = 64;

/// What a move wrote: the task as it is now, and the other tasks whose position changed (their
/// content and version did not).
#[derive(Debug)]
pub struct Moved {
    pub task: TaskDto,
    pub shifted: Vec<Id>,
}

/// A task's place in the manual order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Key {
    id: Id,
    position: i64,
    created_at: Timestamp,
}

/// Moves task `id` to `to` in one transaction.
///
/// Errors: `NOT_FOUND` (the task; `to.before` or `to.after`), `VALIDATION` (an anchor that is the
/// task itself, or `after` not before `before`), `DATABASE`.
pub async fn move_task<C>(db: &C, id: Id, to: MoveTo) -> AppResult<Moved>
where
    C: ConnectionTrait + TransactionTrait,
{
    for (field, anchor) in [("to.before", to.before), ("to.after", to.after)] {
        if anchor == Some(id) {
            return Err(AppError::validation(field, "A task cannot be moved next to itself".to_owned()));
        }
    }
    // Two statements in the common case: the neighbours (with the anchor), then the UPDATE, which
    // answers the task or, when there is none, NOT_FOUND.
    let txn = begin_write(db).await?;
    let mut shifted = Vec::new();
    let (low, high) = around(&txn, id, &to).await?;
    let position = match place(&txn, id, low, high, &mut shifted).await? {
        Some(position) => position,
        None => {
            renumber(&txn).await?;
            // Every other task moved, `GAP` apart: there is room now.
            let (low, high) = around(&txn, id, &to).await?;
            let position = place(&txn, id, low, high, &mut Vec::new())
                .await?
                .ok_or_else(|| AppError::Internal("no room in the manual order after renumbering it".to_owned()))?;
            shifted = all_but(&txn, id).await?;
            position
        }
    };
    let change = RowChange { position: Some(position), status: to.status, ..RowChange::default() };
    let task = update_row(&txn, id, None, change, Timestamp::now()).await?;
    txn.commit().await?;
    Ok(Moved { task, shifted })
}

/// The task's new neighbours: the anchor(s) and, when only one was given, the task next to it in
/// the manual order (the moved task left out); with no anchor, the last task and nothing. One
/// statement; an anchor that does not exist is `NOT_FOUND`.
async fn around<C: ConnectionTrait>(db: &C, moved: Id, to: &MoveTo) -> AppResult<(Option<Key>, Option<Key>)> {
    let keys = match (to.after, to.before) {
        (Some(after), Some(before)) => {
            let sql = |p: Placeholders| format!("SELECT {KEY} FROM tasks WHERE id IN ({}, {})", p(1), p(2));
            keys(db, sql, vec![after.into(), before.into()]).await?
        }
        (Some(anchor), None) => from_anchor(db, moved, anchor, Order::Asc, 2).await?,
        (None, Some(anchor)) => from_anchor(db, moved, anchor, Order::Desc, 2).await?,
        (None, None) => {
            let sql = |p: Placeholders| {
                format!(
                    "SELECT {KEY} FROM tasks WHERE id <> {} ORDER BY position DESC, created_at DESC, id DESC LIMIT 1",
                    p(1)
                )
            };
            keys(db, sql, vec![moved.into()]).await?
        }
    };
    let find = |field: &'static str, id: Id| {
        keys.iter().copied().find(|key| key.id == id).ok_or_else(|| AppError::NotFound {
            field: Some(field),
            message: format!("Task {id} does not exist (it may have been deleted)"),
        })
    };
    Ok(match (to.after, to.before) {
        (Some(after), Some(before)) => {
            let (low, high) = (find("to.after", after)?, find("to.before", before)?);
            if order(&low) >= order(&high) {
                return Err(AppError::validation(
                    "to.after",
                    "`after` must come before `before` in the list".to_owned(),
                ));
            }
            (Some(low), Some(high))
        }
        (Some(after), None) => (Some(find("to.after", after)?), keys.get(1).copied()),
        (None, Some(before)) => (keys.get(1).copied(), Some(find("to.before", before)?)),
        (None, None) => (keys.first().copied(), None),
    })
}

/// The columns of a [`Key`].
const KEY: &str = "id, position, created_at";

/// The engine's n-th bind placeholder: `?` on SQLite, `$n` on PostgreSQL.
type Placeholders<'a> = &'a dyn Fn(usize) -> String;

fn order(key: &Key) -> (i64, Timestamp, Id) {
    (key.position, key.created_at, key.id)
}

/// `anchor` and the tasks after it (`Order::Asc`) or before it (`Order::Desc`) in the manual
/// order, the moved task left out, at most `limit` in all; none when the anchor does not exist.
async fn from_anchor<C: ConnectionTrait>(
    db: &C,
    moved: Id,
    anchor: Id,
    direction: Order,
    limit: u64,
) -> AppResult<Vec<Key>> {
    let (op, direction) = if matches!(direction, Order::Asc) { (">=", "ASC") } else { ("<=", "DESC") };
    let sql = |p: Placeholders| {
        format!(
            "SELECT {KEY} FROM tasks WHERE id <> {} AND (position, created_at, id) {op} \
             (SELECT position, created_at, id FROM tasks WHERE id = {}) \
             ORDER BY position {direction}, created_at {direction}, id {direction} LIMIT {limit}",
            p(1),
            p(2)
        )
    };
    keys(db, sql, vec![moved.into(), anchor.into()]).await
}

/// Runs the query `sql` writes with the engine's placeholders and reads its [`Key`]s.
async fn keys<C: ConnectionTrait>(
    db: &C,
    sql: impl Fn(Placeholders) -> String,
    values: Vec<sea_orm::Value>,
) -> AppResult<Vec<Key>> {
    let backend = db.get_database_backend();
    let placeholder = |n: usize| if backend == DbBackend::Postgres { format!("${n}") } else { "?".to_owned() };
    let rows = db.query_all_raw(Statement::from_sql_and_values(backend, sql(&placeholder), values)).await?;
    let keys = rows.iter().map(|row| {
        Ok(Key {
            id: row.try_get_by_index(0)?,
            position: row.try_get_by_index(1)?,
            created_at: row.try_get_by_index(2)?,
        })
    });
    Ok(keys.collect::<Result<Vec<Key>, DbErr>>()?)
}

/// The position that puts the task between its new neighbours `low` and `high`, spreading out the following
/// tasks when they are packed (their ids are added to `shifted`); `None` when the window is full.
async fn place<C: ConnectionTrait>(
    db: &C,
    moved: Id,
    low: Option<Key>,
    high: Option<Key>,
    shifted: &mut Vec<Id>,
) -> AppResult<Option<i64>> {
    let Some(high) = high else {
        let position = low.map_or(0, |low| low.position) + GAP;
        return Ok((position <= POSITION_LIMIT).then_some(position));
    };
    let Some(low) = low else {
        let position = high.position - GAP;
        return Ok((position >= -POSITION_LIMIT).then_some(position));
    };
    if high.position - low.position >= 2 {
        return Ok(Some(low.position + (high.position - low.position) / 2));
    }
    // Packed: find the fewest following tasks that, moved along with this one, fit evenly
    // before the first task that stays.
    // `high` and the `WINDOW` tasks after it.
    let following = from_anchor(db, moved, high.id, Order::Asc, WINDOW + 1).await?;
    // When the window reached the end of the list, all of it may move; else the last one stays.
    let at_end = following.len() <= WINDOW as usize;
    let most = if at_end { following.len() } else { following.len() - 1 };
    for count in 1..=most {
        let stop = following.get(count).map_or(POSITION_LIMIT, |next| next.position);
        let room = stop - low.position;
        let slots = count as i64 + 1; // this task and `count` followers
        if room > slots {
            let step = Ord::min(room / (slots + 1), GAP);
            for (n, follower) in following[..count].iter().enumerate() {
                let position = low.position + step * (n as i64 + 2);
                db.execute(
                    &Query::update()
                        .table(task::Entity)
                        .value(task::Column::Position, position)
                        .and_where(task::Column::Id.eq(follower.id))
                        .to_owned(),
                )
                .await?;
                shifted.push(follower.id);
            }
            return Ok(Some(low.position + step));
        }
    }
    Ok(None)
}

/// Renumbers every task `GAP` apart in the manual order, in one statement.
async fn renumber<C: ConnectionTrait>(db: &C) -> AppResult<()> {
    let backend = db.get_database_backend();
    db.execute_raw(Statement::from_string(
        backend,
        format!(
            "UPDATE tasks SET position = r.n * {GAP} FROM (SELECT id, row_number() OVER \
             (ORDER BY position, created_at, id) AS n FROM tasks) r WHERE r.id = tasks.id"
        ),
    ))
    .await?;
    Ok(())
}

async fn all_but<C: ConnectionTrait>(db: &C, id: Id) -> AppResult<Vec<Id>> {
    Ok(task::Entity::find()
        .select_only()
        .column(task::Column::Id)
        .filter(task::Column::Id.ne(id))
        .into_tuple::<Id>()
        .all(db)
        .await?)
}
