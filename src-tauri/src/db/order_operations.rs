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
use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, Order, QueryFilter, QueryOrder, QuerySelect, Statement,
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
    let txn = begin_write(db).await?;
    let current = task::Entity::find_by_id(id).one(&txn).await?.ok_or_else(|| AppError::not_found("Task", id))?;
    let after = anchor(&txn, "to.after", to.after).await?;
    let before = anchor(&txn, "to.before", to.before).await?;
    if let (Some(after), Some(before)) = (after, before)
        && order(&after) >= order(&before)
    {
        return Err(AppError::validation("to.after", "`after` must come before `before` in the list".to_owned()));
    }

    let mut shifted = Vec::new();
    let position = match place(&txn, id, after, before, &mut shifted).await? {
        Some(position) => position,
        None => {
            renumber(&txn).await?;
            // Every other task moved, `GAP` apart: there is room now.
            let after = anchor(&txn, "to.after", to.after).await?;
            let before = anchor(&txn, "to.before", to.before).await?;
            let position = place(&txn, id, after, before, &mut Vec::new())
                .await?
                .ok_or_else(|| AppError::Internal("no room in the manual order after renumbering it".to_owned()))?;
            shifted = all_but(&txn, id).await?;
            position
        }
    };
    let change = RowChange { position: Some(position), status: to.status, ..RowChange::default() };
    let task = update_row(&txn, id, current.version, change, Timestamp::now()).await?;
    txn.commit().await?;
    Ok(Moved { task, shifted })
}

async fn anchor<C: ConnectionTrait>(db: &C, field: &'static str, id: Option<Id>) -> AppResult<Option<Key>> {
    let Some(id) = id else { return Ok(None) };
    let key = task::Entity::find_by_id(id)
        .select_only()
        .columns([task::Column::Id, task::Column::Position, task::Column::CreatedAt])
        .into_tuple::<(Id, i64, Timestamp)>()
        .one(db)
        .await?
        .ok_or_else(|| AppError::NotFound {
            field: Some(field),
            message: format!("Task {id} does not exist (it may have been deleted)"),
        })?;
    Ok(Some(Key { id: key.0, position: key.1, created_at: key.2 }))
}

fn order(key: &Key) -> (i64, Timestamp, Id) {
    (key.position, key.created_at, key.id)
}

/// The tasks after (`Order::Asc`) or before (`Order::Desc`) `from` in the manual order, the moved
/// task left out, at most `limit`.
async fn neighbours<C: ConnectionTrait>(
    db: &C,
    moved: Id,
    from: Option<Key>,
    direction: Order,
    limit: u64,
) -> AppResult<Vec<Key>> {
    let ascending = matches!(direction, Order::Asc);
    let mut query = task::Entity::find()
        .select_only()
        .columns([task::Column::Id, task::Column::Position, task::Column::CreatedAt])
        .filter(task::Column::Id.ne(moved));
    if let Some(from) = from {
        let beyond = |column: task::Column, value: sea_orm::Value| match ascending {
            true => Expr::col(column).gt(value),
            false => Expr::col(column).lt(value),
        };
        query = query.filter(
            Condition::any().add(beyond(task::Column::Position, from.position.into())).add(
                Condition::all().add(task::Column::Position.eq(from.position)).add(
                    Condition::any().add(beyond(task::Column::CreatedAt, from.created_at.into())).add(
                        Condition::all()
                            .add(task::Column::CreatedAt.eq(from.created_at))
                            .add(beyond(task::Column::Id, from.id.into())),
                    ),
                ),
            ),
        );
    }
    let rows = query
        .order_by(task::Column::Position, direction.clone())
        .order_by(task::Column::CreatedAt, direction.clone())
        .order_by(task::Column::Id, direction)
        .limit(limit)
        .into_tuple::<(Id, i64, Timestamp)>()
        .all(db)
        .await?;
    Ok(rows.into_iter().map(|(id, position, created_at)| Key { id, position, created_at }).collect())
}

/// The position that puts the task between its new neighbours, spreading out the following
/// tasks when they are packed (their ids are added to `shifted`); `None` when the window is full.
async fn place<C: ConnectionTrait>(
    db: &C,
    moved: Id,
    after: Option<Key>,
    before: Option<Key>,
    shifted: &mut Vec<Id>,
) -> AppResult<Option<i64>> {
    // The two neighbours: whichever anchor was given, and the task next to it.
    let (low, high) = match (after, before) {
        (Some(after), Some(before)) => (Some(after), Some(before)),
        (Some(after), None) => (Some(after), neighbours(db, moved, Some(after), Order::Asc, 1).await?.pop()),
        (None, Some(before)) => (neighbours(db, moved, Some(before), Order::Desc, 1).await?.pop(), Some(before)),
        (None, None) => (neighbours(db, moved, None, Order::Desc, 1).await?.pop(), None),
    };
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
    let mut following = vec![high];
    following.extend(neighbours(db, moved, Some(high), Order::Asc, WINDOW).await?);
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
