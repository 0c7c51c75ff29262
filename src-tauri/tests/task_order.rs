//! Manual order (`db_move_task`): moves before, after, between, to either end and across
//! statuses; bad anchors; packed positions (spread a few, or renumber once); a property test of
//! random moves against a plain list; two writers moving at once; the IPC path. On the engine
//! under test (run on both by `make test-rust`).

mod common;

use common::app::{TestApp, next};
use common::{canonical_dump, memory_db};
use entity::{Id, TaskStatus};
use proptest::prelude::*;
use sea_orm::{ConnectionTrait, DatabaseConnection, Statement};
use serde_json::json;
use tasklane_lib::db::order_operations::{GAP, WINDOW, move_task};
use tasklane_lib::db::task_operations::create_task;
use tasklane_lib::error::ErrorCode;
use tasklane_lib::models::{MoveTo, TaskFilter};

async fn tasks(db: &DatabaseConnection, titles: &[&str]) -> Vec<Id> {
    let mut ids = Vec::new();
    for title in titles {
        ids.push(create_task(db, serde_json::from_value(json!({ "title": title })).unwrap()).await.unwrap().id);
    }
    ids
}

/// Every task's title in the manual order, and a check that positions strictly increase.
async fn order(db: &DatabaseConnection) -> Vec<String> {
    let filter: TaskFilter = serde_json::from_value(json!({ "includeDone": true, "sort": "manual" })).unwrap();
    let all = common::all_tasks(db, filter).await.unwrap();
    for pair in all.windows(2) {
        assert!(pair[0].position < pair[1].position, "positions not strictly increasing: {pair:?}");
    }
    all.into_iter().map(|t| t.title).collect()
}

fn to(before: Option<Id>, after: Option<Id>) -> MoveTo {
    MoveTo { before, after, status: None }
}

#[tokio::test]
async fn moves_before_after_between_and_to_either_end_write_one_row() {
    let db = memory_db().await;
    let [a, b, c, d, e] = tasks(&db, &["A", "B", "C", "D", "E"]).await[..] else { unreachable!() };
    let check = async |id, target, expected: &[&str]| {
        let moved = move_task(&db, id, target).await.unwrap();
        assert!(moved.shifted.is_empty(), "{expected:?}: other rows were written: {:?}", moved.shifted);
        assert_eq!(order(&db).await, expected);
    };
    check(e, to(None, Some(a)), &["A", "E", "B", "C", "D"]).await;
    check(b, to(None, None), &["A", "E", "C", "D", "B"]).await;
    check(d, to(Some(a), None), &["D", "A", "E", "C", "B"]).await;
    check(c, to(Some(a), Some(d)), &["D", "C", "A", "E", "B"]).await;
    check(b, to(Some(d), None), &["B", "D", "C", "A", "E"]).await;
    check(b, to(None, Some(e)), &["D", "C", "A", "E", "B"]).await;
}

#[tokio::test]
async fn a_move_into_done_stamps_completed_at_a_move_out_clears_it_and_an_empty_column_takes_it_last() {
    let db = memory_db().await;
    let [a, b, _c] = tasks(&db, &["A", "B", "C"]).await[..] else { unreachable!() };
    let done = move_task(&db, a, MoveTo { status: Some(TaskStatus::Done), ..MoveTo::default() }).await.unwrap().task;
    assert_eq!(done.status, TaskStatus::Done);
    assert!(done.completed_at.is_some());
    assert_eq!(done.version, 2, "a move is a change of the task");
    assert_eq!(order(&db).await, ["B", "C", "A"], "no anchor: last");

    let back = move_task(&db, a, MoveTo { status: Some(TaskStatus::InProgress), before: Some(b), after: None })
        .await
        .unwrap()
        .task;
    assert_eq!((back.status, back.completed_at), (TaskStatus::InProgress, None));
    assert_eq!(order(&db).await, ["A", "B", "C"]);
}

#[tokio::test]
async fn bad_anchors_are_refused_and_change_nothing() {
    let db = memory_db().await;
    let [a, b, c] = tasks(&db, &["A", "B", "C"]).await[..] else { unreachable!() };
    let before = canonical_dump(&db).await;
    let missing = Id::new();
    for (id, target, code, field) in [
        (a, to(Some(missing), None), ErrorCode::NotFound, Some("to.before")),
        (a, to(None, Some(missing)), ErrorCode::NotFound, Some("to.after")),
        (missing, to(None, None), ErrorCode::NotFound, None),
        (a, to(Some(a), None), ErrorCode::Validation, Some("to.before")),
        (a, to(None, Some(a)), ErrorCode::Validation, Some("to.after")),
        (a, to(Some(b), Some(c)), ErrorCode::Validation, Some("to.after")),
        (a, to(Some(b), Some(b)), ErrorCode::Validation, Some("to.after")),
    ] {
        let err = move_task(&db, id, target.clone()).await.expect_err(&format!("{target:?}"));
        let payload = err.payload();
        assert_eq!((payload.code, payload.field.as_deref()), (code, field), "{target:?}: {}", payload.message);
        assert_eq!(canonical_dump(&db).await, before, "{target:?} changed the database");
    }
}

/// Sets the positions to 1, 2, 3, … in the current order: a list made before positions were spaced.
async fn pack(db: &DatabaseConnection) {
    db.execute_raw(Statement::from_string(
        db.get_database_backend(),
        "UPDATE tasks SET position = r.n FROM (SELECT id, row_number() OVER (ORDER BY position, created_at, id) AS n \
         FROM tasks) r WHERE r.id = tasks.id",
    ))
    .await
    .unwrap();
}

#[tokio::test]
async fn packed_positions_spread_a_few_followers_or_renumber_once() {
    let db = memory_db().await;
    let titles: Vec<String> = (0..100).map(|n| format!("T{n:03}")).collect();
    let ids = tasks(&db, &titles.iter().map(String::as_str).collect::<Vec<_>>()).await;
    pack(&db).await;

    // Near the end, the few tasks after the spot move with it.
    let moved = move_task(&db, ids[0], to(None, Some(ids[95]))).await.unwrap();
    assert_eq!(moved.shifted.len(), 4, "T096..T099 make room");
    let mut expected: Vec<String> = titles[1..=95].to_vec();
    expected.push(titles[0].clone());
    expected.extend(titles[96..].iter().cloned());
    assert_eq!(order(&db).await, expected);

    // In the middle of 90 packed tasks the window is full: everything is renumbered, once.
    let moved = move_task(&db, ids[99], to(Some(ids[2]), None)).await.unwrap();
    assert_eq!(moved.shifted.len(), 99);
    let positions: Vec<i64> = common::all_tasks(&db, serde_json::from_value(json!({ "sort": "manual" })).unwrap())
        .await
        .unwrap()
        .iter()
        .map(|t| t.position)
        .collect();
    assert!(positions.windows(2).all(|p| p[1] - p[0] >= GAP / 2), "spaced out: {positions:?}");
    let moved = move_task(&db, ids[98], to(Some(ids[3]), None)).await.unwrap();
    assert!(moved.shifted.is_empty(), "after renumbering, a move writes one row");

    // Moving into one spot again and again halves the gap until a small window spreads out.
    let mut most = 0;
    for n in 0..40 {
        let moved = move_task(&db, ids[10 + n], to(Some(ids[5]), None)).await.unwrap();
        most = most.max(moved.shifted.len());
    }
    assert!(most > 0 && most <= WINDOW as usize, "at most the window moves: {most}");
    let order = order(&db).await;
    let spot = order.iter().position(|t| *t == titles[5]).unwrap();
    assert_eq!(order[spot - 1], titles[49], "the last one moved sits right before T005");
}

/// What a move means, on a plain list.
fn apply(model: &mut Vec<usize>, task: usize, before: Option<usize>, after: Option<usize>) {
    model.retain(|&t| t != task);
    let at = match (after, before) {
        (Some(after), _) => model.iter().position(|&t| t == after).unwrap() + 1,
        (None, Some(before)) => model.iter().position(|&t| t == before).unwrap(),
        (None, None) => model.len(),
    };
    model.insert(at, task);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 12, ..ProptestConfig::default() })]

    /// Random moves (anchors before, after, both, none; into and out of done) on 8 tasks, some
    /// packed, give the order the plain list gives, with strictly increasing positions.
    #[test]
    fn random_moves_keep_the_order_a_plain_list_keeps(
        packed in any::<bool>(),
        moves in proptest::collection::vec((0..8usize, 0..8usize, 0..4u8, any::<bool>()), 1..40),
    ) {
        tauri::async_runtime::block_on(async {
            let db = memory_db().await;
            let titles: Vec<String> = (0..8).map(|n| format!("t{n}")).collect();
            let ids = tasks(&db, &titles.iter().map(String::as_str).collect::<Vec<_>>()).await;
            if packed {
                pack(&db).await;
            }
            let mut model: Vec<usize> = (0..8).collect();
            for (step, (task, anchor, kind, done)) in moves.into_iter().enumerate() {
                if task == anchor && kind != 0 {
                    continue;
                }
                let others: Vec<usize> = model.iter().copied().filter(|&t| t != task).collect();
                let (before, after) = match kind {
                    0 => (None, None),
                    1 => (Some(anchor), None),
                    2 => (None, Some(anchor)),
                    // between the anchor and the task after it (when there is one)
                    _ => {
                        let at = others.iter().position(|&t| t == anchor).unwrap();
                        (others.get(at + 1).copied(), Some(anchor))
                    }
                };
                let status = Some(if done { TaskStatus::Done } else { TaskStatus::Todo });
                let target = MoveTo { status, before: before.map(|t| ids[t]), after: after.map(|t| ids[t]) };
                move_task(&db, ids[task], target).await.unwrap_or_else(|err| panic!("step {step}: {err}"));
                apply(&mut model, task, before, after);
                let expected: Vec<String> = model.iter().map(|&t| titles[t].clone()).collect();
                prop_assert_eq!(order(&db).await, expected, "step {}", step);
            }
            Ok(())
        })?;
    }
}

/// Two writers moving tasks at the same time (two windows) never leave two tasks on one position
/// nor lose one.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_writers_moving_at_once_leave_distinct_positions_and_every_task() {
    let (_durable, db) = common::file_db().await;
    let titles: Vec<String> = (0..30).map(|n| format!("T{n:02}")).collect();
    let ids = tasks(&db, &titles.iter().map(String::as_str).collect::<Vec<_>>()).await;
    let writer = |seed: usize| {
        let db = db.clone();
        let ids = ids.clone();
        tokio::spawn(async move {
            for n in 0..40 {
                let task = ids[(seed * 7 + n * 13) % ids.len()];
                let anchor = ids[(seed * 3 + n * 5) % ids.len()];
                if task != anchor {
                    let target = if n % 2 == 0 { to(Some(anchor), None) } else { to(None, Some(anchor)) };
                    move_task(&db, task, target).await.unwrap();
                }
            }
        })
    };
    let (first, second) = tokio::join!(writer(1), writer(2));
    first.unwrap();
    second.unwrap();
    let mut seen = order(&db).await; // also checks the positions are strictly increasing
    seen.sort();
    assert_eq!(seen, titles);
}

#[test]
fn a_move_through_ipc_answers_the_task_and_tells_every_window() {
    let app = TestApp::new();
    let create = |title: &str| app.ok("db_create_task", json!({ "input": { "title": title } }))["id"].clone();
    let (a, b) = (create("A"), create("B"));
    let changed = app.listen("tasks:changed");
    let moved = app.ok("db_move_task", json!({ "id": b, "to": { "before": a, "status": "in_progress" } }));
    assert_eq!((&moved["title"], &moved["status"]), (&json!("B"), &json!("in_progress")));
    assert_eq!(next(&changed), json!({ "kind": "updated", "ids": [b] }));

    let err = app.err("db_move_task", json!({ "id": b, "to": { "below": a } }));
    assert_eq!(err["code"], "VALIDATION");
    let err = app.err("db_move_task", json!({ "id": b, "to": { "after": Id::new() } }));
    assert_eq!((&err["code"], &err["field"]), (&json!("NOT_FOUND"), &json!("to.after")));
}
