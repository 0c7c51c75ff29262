//! How a task list is selected and ordered: the filter's SQL condition, the sort keys, the keyset
//! cursor that continues a list after its last row, and full-text search.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use entity::{Id, TaskPriority, TaskStatus, tag, task, task_project, task_tag};
use sea_orm::sea_query::{Expr, ExprTrait, LikeExpr, Order, Query, Value};
use sea_orm::{ColumnTrait, Condition, DbBackend};
use serde::{Deserialize, Serialize};

use super::validate;
use crate::error::{AppError, AppResult};
use crate::models::{TaskDto, TaskFilter, TaskSort};

/// One key of a list's order: an SQL expression and its direction.
pub(super) type OrderKey = (Expr, Order);

/// How a project criterion reaches the tasks. Both select the same tasks; they differ in plan.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum ProjectScan {
    /// Look the project's tasks up, then sort them: best when the project holds few tasks.
    Lookup,
    /// Walk the tasks in list order and keep those in the project, stopping after one page: best
    /// when the project holds a good share of all tasks (a 10,000-task project: 35 ms → 3 ms).
    Walk,
}

/// The SQL condition on `tasks` for a filter, for the engine `backend`. Absent and empty criteria
/// do not constrain.
pub(super) fn filter_condition(filter: &TaskFilter, scan: ProjectScan, backend: DbBackend) -> Condition {
    let mut condition = Condition::all();
    if let Some(project_ids) = filter.project_ids.as_ref().filter(|ids| !ids.is_empty()) {
        let mut in_projects = Query::select()
            .column(task_project::Column::TaskId)
            .from(task_project::Entity)
            .and_where(task_project::Column::ProjectId.is_in(project_ids.iter().copied()))
            .to_owned();
        condition = match scan {
            ProjectScan::Lookup => condition.add(task::Column::Id.in_subquery(in_projects)),
            ProjectScan::Walk => condition.add(Expr::exists(
                in_projects
                    .and_where(
                        Expr::col((task_project::Entity, task_project::Column::TaskId))
                            .equals((task::Entity, task::Column::Id)),
                    )
                    .to_owned(),
            )),
        };
    }
    if filter.inbox == Some(true) {
        let in_any_project = Query::select().column(task_project::Column::TaskId).from(task_project::Entity).to_owned();
        condition = condition.add(task::Column::Id.not_in_subquery(in_any_project));
    }
    match filter.statuses.as_ref().filter(|s| !s.is_empty()) {
        Some(statuses) => condition = condition.add(task::Column::Status.is_in(statuses.iter().copied())),
        None if filter.include_done != Some(true) => {
            condition = condition.add(task::Column::Status.ne(TaskStatus::Done))
        }
        None => {}
    }
    if let Some(before) = filter.due_before {
        condition = condition.add(task::Column::DueAt.lt(before));
    }
    if let Some(after) = filter.due_after {
        condition = condition.add(task::Column::DueAt.gte(after));
    }
    if let Some(priorities) = filter.priorities.as_ref().filter(|p| !p.is_empty()) {
        condition = condition.add(task::Column::Priority.is_in(priorities.iter().copied()));
    }
    if let Some(tags) = filter.tags.as_ref().filter(|t| !t.is_empty()) {
        let keys: Vec<String> = tags.iter().map(|name| validate::tag_key(name)).collect();
        let with_tags = Query::select()
            .column((task_tag::Entity, task_tag::Column::TaskId))
            .from(task_tag::Entity)
            .inner_join(
                tag::Entity,
                Expr::col((tag::Entity, tag::Column::Id)).equals((task_tag::Entity, task_tag::Column::TagId)),
            )
            .and_where(Expr::col((tag::Entity, tag::Column::NameKey)).is_in(keys))
            .to_owned();
        condition = condition.add(task::Column::Id.in_subquery(with_tags));
    }
    if let Some(text) = filter.search.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
        condition = condition.add(search_condition(text, backend));
    }
    if let Some(assignee) = filter.assignee.as_deref().map(str::trim).filter(|name| !name.is_empty()) {
        condition = condition.add(task::Column::AssigneeKey.eq(validate::tag_key(assignee)));
    }
    condition
}

/// A list whose size is kept by triggers (`m20261122_000003_add_task_counts`), so `total` is
/// one row read instead of a `COUNT(*)`: every task (the "All tasks" view) or one project, with
/// no other criterion than the done rule. `include_done` says which of the two counts.
pub(super) enum KeptTotal {
    Everything { include_done: bool },
    Project { id: Id, include_done: bool },
}

impl KeptTotal {
    pub(super) fn of(filter: &TaskFilter) -> Option<Self> {
        let unused = |list: Option<usize>| list.is_none_or(|len| len == 0);
        let only_the_done_rule = filter.inbox != Some(true)
            && unused(filter.statuses.as_ref().map(Vec::len))
            && unused(filter.priorities.as_ref().map(Vec::len))
            && unused(filter.tags.as_ref().map(Vec::len))
            && filter.search.as_deref().is_none_or(|text| text.trim().is_empty())
            && filter.assignee.as_deref().is_none_or(|name| name.trim().is_empty())
            && filter.due_before.is_none()
            && filter.due_after.is_none();
        if !only_the_done_rule {
            return None;
        }
        let include_done = filter.include_done == Some(true);
        match filter.project_ids.as_deref() {
            None | Some([]) => Some(Self::Everything { include_done }),
            Some([id]) => Some(Self::Project { id: *id, include_done }),
            Some(_) => None,
        }
    }

    /// The SQL reading the list's count and the count of the same kind over every task (to
    /// tell how big a share of the tasks the list is), and its parameter (`$1` on PostgreSQL).
    pub(super) fn query(&self, backend: DbBackend) -> (&'static str, Option<Id>) {
        let postgres = backend == DbBackend::Postgres;
        match self {
            Self::Everything { include_done: true } => ("SELECT task_count, task_count FROM task_totals", None),
            Self::Everything { include_done: false } => {
                ("SELECT open_task_count, open_task_count FROM task_totals", None)
            }
            Self::Project { id, include_done: true } => match postgres {
                true => ("SELECT p.task_count, t.task_count FROM projects p, task_totals t WHERE p.id = $1", Some(*id)),
                false => ("SELECT p.task_count, t.task_count FROM projects p, task_totals t WHERE p.id = ?", Some(*id)),
            },
            Self::Project { id, include_done: false } => match postgres {
                true => (
                    "SELECT p.open_task_count, t.open_task_count FROM projects p, task_totals t WHERE p.id = $1",
                    Some(*id),
                ),
                false => (
                    "SELECT p.open_task_count, t.open_task_count FROM projects p, task_totals t WHERE p.id = ?",
                    Some(*id),
                ),
            },
        }
    }
}

/// Full-text search: every word the user typed must start a word of the title, the description
/// or a tag name (case and accents ignored). Text with no letter or digit at all (`***`, `((`)
/// is looked for literally in the title and description instead (ASCII case ignored).
///
/// SQLite answers from its FTS5 table, PostgreSQL from its `tsvector` table; both are built by
/// the search migration (`m20261122_000002_create_task_search`) to find the same tasks.
fn search_condition(text: &str, backend: DbBackend) -> Condition {
    let postgres = backend == DbBackend::Postgres;
    // Placeholders: `?` for SQLite, `$1` (numbered within the expression) for PostgreSQL.
    match (match_expression(text), postgres) {
        (Some(expression), false) => Condition::all().add(Expr::cust_with_values(
            r#""tasks"."id" IN (SELECT "task_id" FROM "task_search_rows" WHERE "search_rowid" IN
                (SELECT "rowid" FROM "task_search" WHERE "task_search" MATCH ?))"#,
            [expression],
        )),
        (Some(_), true) => Condition::all().add(Expr::cust_with_values(
            r#""tasks"."id" IN (SELECT "task_id" FROM "task_search"
                WHERE "document" @@ (SELECT tasklane_search_query(CAST($1 AS json))))"#,
            [serde_json::Value::from(search_terms(text)).to_string()],
        )),
        (None, false) => {
            let pattern = format!("%{}%", validate::escape_like(text));
            Condition::any()
                .add(Expr::col((task::Entity, task::Column::Title)).like(LikeExpr::new(pattern.clone()).escape('\\')))
                .add(Expr::col((task::Entity, task::Column::Description)).like(LikeExpr::new(pattern).escape('\\')))
        }
        // PostgreSQL's LIKE minds case; ILIKE on the `C` collation folds ASCII only, as SQLite's LIKE.
        (None, true) => {
            let pattern = format!("%{}%", validate::escape_like(text));
            Condition::any()
                .add(Expr::cust_with_values(r#""tasks"."title" ILIKE $1 ESCAPE '\'"#, [pattern.clone()]))
                .add(Expr::cust_with_values(r#""tasks"."description" ILIKE $1 ESCAPE '\'"#, [pattern]))
        }
    }
}

/// The terms of a search: what the user typed, split at whitespace, less the terms without a
/// letter or digit. FTS5 gets them quoted ([`match_expression`]), PostgreSQL as a JSON array.
fn search_terms(text: &str) -> Vec<String> {
    text.split_whitespace().filter(|term| term.chars().any(is_word_char)).map(str::to_owned).collect()
}

/// The FTS5 query for what a user typed, or `None` when it has no word to look for.
///
/// User text never reaches FTS5's query syntax: each whitespace-separated term becomes a quoted
/// string (`"` doubled inside), which FTS5 reads as a phrase of the words in it, and is marked as
/// a prefix (`*`); terms are joined by FTS5's implicit AND. So `AND`, `NEAR(`, `title:`, `^`, `*`
/// and stray quotes or parentheses are searched as the words they contain. A term with no letter
/// or digit is left out: as a phrase it would hold no word.
pub(super) fn match_expression(text: &str) -> Option<String> {
    let terms: Vec<String> =
        search_terms(text).iter().map(|term| format!("\"{}\"*", term.replace('"', "\"\""))).collect();
    (!terms.is_empty()).then(|| terms.join(" "))
}

/// What the `unicode61` tokenizer keeps in words: letters, digits and private-use characters.
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || ('\u{E000}'..='\u{F8FF}').contains(&c)
}

/// A priority as a number that sorts `none` < `low` < `medium` < `high` < `urgent`.
const PRIORITY_RANK: &str = r#"CASE "tasks"."priority" WHEN 'none' THEN 0 WHEN 'low' THEN 1 WHEN 'medium' THEN 2 WHEN 'high' THEN 3 ELSE 4 END"#;

fn priority_rank(priority: TaskPriority) -> i64 {
    match priority {
        TaskPriority::None => 0,
        TaskPriority::Low => 1,
        TaskPriority::Medium => 2,
        TaskPriority::High => 3,
        TaskPriority::Urgent => 4,
    }
}

/// The ORDER BY of a filter's sort: its key, then the task id so that the order is total. Tasks
/// without a due date come last whichever the direction. Titles sort with ASCII case ignored, as
/// SQLite's NOCASE does (`lower` on the `C` collation folds ASCII only too).
pub(super) fn order_of(filter: &TaskFilter, backend: DbBackend) -> Vec<OrderKey> {
    let direction = if filter.descending == Some(true) { Order::Desc } else { Order::Asc };
    let column = |column: task::Column| Expr::col((task::Entity, column));
    let mut keys: Vec<OrderKey> = match filter.sort.unwrap_or_default() {
        TaskSort::Manual => vec![
            (column(task::Column::Position), direction.clone()),
            (column(task::Column::CreatedAt), direction.clone()),
        ],
        TaskSort::Due => vec![
            (Expr::col((task::Entity, task::Column::DueAt)).is_null(), Order::Asc),
            (column(task::Column::DueAt), direction.clone()),
        ],
        TaskSort::Priority => vec![(Expr::cust(PRIORITY_RANK), direction.clone())],
        TaskSort::Created => vec![(column(task::Column::CreatedAt), direction.clone())],
        TaskSort::Updated => vec![(column(task::Column::UpdatedAt), direction.clone())],
        TaskSort::Title => match backend {
            DbBackend::Postgres => vec![(Expr::cust(r#"lower("tasks"."title")"#), direction.clone())],
            _ => vec![(Expr::cust(r#""tasks"."title" COLLATE NOCASE"#), direction.clone())],
        },
    };
    keys.push((column(task::Column::Id), direction));
    keys
}

/// Where a page ends: the sort it belongs to and the sort-key values of its last task, in the
/// order of [`order_of`]. Sent to the client as base64url JSON, which it treats as opaque.
#[derive(Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Cursor {
    #[serde(rename = "s")]
    sort: TaskSort,
    #[serde(rename = "d")]
    descending: bool,
    #[serde(rename = "k")]
    keys: Vec<KeyValue>,
}

/// One sort-key value: the columns are integers, text, or NULL (a missing due date).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
enum KeyValue {
    Int(i64),
    Text(String),
    Null(()),
}

impl From<KeyValue> for Value {
    fn from(value: KeyValue) -> Self {
        match value {
            KeyValue::Int(n) => n.into(),
            KeyValue::Text(text) => text.into(),
            KeyValue::Null(()) => Value::String(None),
        }
    }
}

impl Cursor {
    /// The cursor after `task` in `filter`'s order.
    pub(super) fn after(filter: &TaskFilter, task: &TaskDto) -> Self {
        let sort = filter.sort.unwrap_or_default();
        let text = |value: &dyn ToString| KeyValue::Text(value.to_string());
        let mut keys = match sort {
            TaskSort::Manual => vec![KeyValue::Int(task.position), text(&task.created_at)],
            TaskSort::Due => match task.due_at {
                Some(due) => vec![KeyValue::Int(0), text(&due)],
                None => vec![KeyValue::Int(1), KeyValue::Null(())],
            },
            TaskSort::Priority => vec![KeyValue::Int(priority_rank(task.priority))],
            TaskSort::Created => vec![text(&task.created_at)],
            TaskSort::Updated => vec![text(&task.updated_at)],
            // As the key compares it: ASCII case folded (NOCASE, or lower() on PostgreSQL).
            TaskSort::Title => vec![KeyValue::Text(task.title.to_ascii_lowercase())],
        };
        keys.push(text(&task.id));
        Self { sort, descending: filter.descending == Some(true), keys }
    }

    pub(super) fn encode(&self) -> String {
        URL_SAFE_NO_PAD.encode(serde_json::to_vec(self).unwrap_or_default())
    }

    /// Reads a cursor the client sent back, for a list in `filter`'s order.
    ///
    /// Errors: `VALIDATION` (field `page.after`) when it is not a cursor, or one issued for
    /// another sort or direction.
    pub(super) fn decode(text: &str, filter: &TaskFilter) -> AppResult<Self> {
        let invalid =
            || AppError::validation("page.after", "The page cursor is not valid; start again from the first page");
        let bytes = URL_SAFE_NO_PAD.decode(text).map_err(|_| invalid())?;
        let cursor: Self = serde_json::from_slice(&bytes).map_err(|_| invalid())?;
        if cursor.sort != filter.sort.unwrap_or_default() || cursor.descending != (filter.descending == Some(true)) {
            return Err(AppError::validation(
                "page.after",
                "The page cursor belongs to another sort order; start again from the first page",
            ));
        }
        let shape_ok = matches!(
            (cursor.sort, cursor.keys.as_slice()),
            (TaskSort::Manual, [KeyValue::Int(_), KeyValue::Text(_), KeyValue::Text(_)])
                | (TaskSort::Due, [KeyValue::Int(0), KeyValue::Text(_), KeyValue::Text(_)])
                | (TaskSort::Due, [KeyValue::Int(1), KeyValue::Null(()), KeyValue::Text(_)])
                | (TaskSort::Priority, [KeyValue::Int(0..=4), KeyValue::Text(_)])
                | (TaskSort::Created | TaskSort::Updated | TaskSort::Title, [KeyValue::Text(_), KeyValue::Text(_)])
        );
        if shape_ok { Ok(cursor) } else { Err(invalid()) }
    }

    /// The condition "comes after this cursor" in `order` (the keys this cursor was made from):
    /// `k1 > v1 OR (k1 IS v1 AND (k2 > v2 OR (k2 IS v2 AND …)))`, with `<` for descending keys.
    /// A NULL value never compares greater, so within the tasks without a due date the id decides.
    pub(super) fn condition(self, order: &[OrderKey]) -> Condition {
        let due = self.sort == TaskSort::Due;
        let values = self.keys.into_iter().enumerate().map(|(index, value)| match (due, index, value) {
            // The first key of the due order is `due_at IS NULL`: a boolean, which PostgreSQL
            // will not compare with a number (SQLite binds it as 0 or 1).
            (true, 0, KeyValue::Int(n)) => Value::Bool(Some(n == 1)),
            (_, _, value) => Value::from(value),
        });
        let mut pairs: Vec<(&OrderKey, Value)> = order.iter().zip(values).collect();
        // Implied by the rest, but a plain bound on the first key lets SQLite seek in an index on
        // it instead of walking from the start (the first key is never NULL).
        let leading = pairs.first().map(|((key, order), value)| match order {
            Order::Desc => key.clone().lte(value.clone()),
            _ => key.clone().gte(value.clone()),
        });
        let Some(((last_key, last_order), last_value)) = pairs.pop() else {
            return Condition::all();
        };
        let mut condition = Condition::all().add(beyond(last_key.clone(), last_order, last_value));
        while let Some(((key, order), value)) = pairs.pop() {
            condition = Condition::any()
                .add(beyond(key.clone(), order, value.clone()))
                .add(Condition::all().add(same(key.clone(), value)).add(condition));
        }
        match leading {
            Some(bound) => Condition::all().add(bound).add(condition),
            None => condition,
        }
    }
}

/// `key = value`, or `key IS NULL` for a missing value (`IS` between values is SQLite's only).
fn same(key: Expr, value: Value) -> Expr {
    if value_is_null(&value) { key.is_null() } else { key.eq(value) }
}

fn value_is_null(value: &Value) -> bool {
    matches!(value, Value::String(None) | Value::BigInt(None) | Value::Bool(None))
}

fn beyond(key: Expr, order: &Order, value: Value) -> Expr {
    match order {
        Order::Desc => key.lt(value),
        _ => key.gt(value),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_term_is_quoted_and_a_prefix() {
        assert_eq!(match_expression("kum").as_deref(), Some(r#""kum"*"#));
        assert_eq!(match_expression("  Über   café ").as_deref(), Some(r#""Über"* "café"*"#));
        assert_eq!(match_expression(r#"say "hi""#).as_deref(), Some(r#""say"* """hi"""*"#));
        assert_eq!(match_expression("a AND b").as_deref(), Some(r#""a"* "AND"* "b"*"#));
    }

    #[test]
    fn text_without_a_word_has_no_match_expression() {
        for text in ["", "   ", "***", "((", "\"", "^ : -"] {
            assert_eq!(match_expression(text), None, "{text:?}");
        }
    }

    #[test]
    fn a_cursor_round_trips_and_is_bound_to_its_sort() {
        let filter = TaskFilter { sort: Some(TaskSort::Due), ..Default::default() };
        let cursor = Cursor {
            sort: TaskSort::Due,
            descending: false,
            keys: vec![KeyValue::Int(1), KeyValue::Null(()), KeyValue::Text("x".into())],
        };
        assert_eq!(Cursor::decode(&cursor.encode(), &filter).unwrap(), cursor);
        let other = TaskFilter { sort: Some(TaskSort::Title), ..Default::default() };
        assert!(matches!(
            Cursor::decode(&cursor.encode(), &other),
            Err(AppError::Validation { field: Some("page.after"), .. })
        ));
        let reversed = TaskFilter { descending: Some(true), ..filter.clone() };
        assert!(Cursor::decode(&cursor.encode(), &reversed).is_err());
    }

    #[test]
    fn a_malformed_cursor_is_a_validation_error_on_page_after() {
        let filter = TaskFilter::default();
        let wrong_shape = URL_SAFE_NO_PAD.encode(br#"{"s":"manual","d":false,"k":[1,"a"]}"#);
        let wrong_type = URL_SAFE_NO_PAD.encode(br#"{"s":"manual","d":false,"k":["1","a","b"]}"#);
        let extra_key = URL_SAFE_NO_PAD.encode(br#"{"s":"manual","d":false,"k":[1,"a","b"],"x":1}"#);
        for text in ["", "!!!", "bm90IGpzb24", &wrong_shape, &wrong_type, &extra_key] {
            match Cursor::decode(text, &filter) {
                Err(AppError::Validation { field: Some("page.after"), .. }) => {}
                other => panic!("{text:?} gave {other:?}"),
            }
        }
    }
}
