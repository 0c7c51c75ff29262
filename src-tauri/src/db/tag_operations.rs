//! Tags: suggestions from the whole database.

use sea_orm::ConnectionTrait;
use sea_orm::sea_query::{Alias, Expr, ExprTrait, LikeExpr, Order, Query};

use super::validate;
use crate::error::{AppError, AppResult};
use crate::models::{TagCount, TagQuery};

/// How many tags a query returns when it does not say.
pub const DEFAULT_TAG_LIMIT: u32 = 20;
/// The most a query may ask for.
pub const MAX_TAG_LIMIT: u32 = 200;

/// The tags whose name contains `query.search` (ignoring case, Unicode-aware: tags are compared by
/// their lowercase key), those starting with it first, then the most used, then by name; each with
/// the number of tasks that carry it. One query.
///
/// Errors: `VALIDATION` (field `limit`: outside 1–200; `search`: longer than a tag can be).
pub async fn get_tags<C: ConnectionTrait>(db: &C, query: TagQuery) -> AppResult<Vec<TagCount>> {
    let limit = query.limit.unwrap_or(DEFAULT_TAG_LIMIT);
    if !(1..=MAX_TAG_LIMIT).contains(&limit) {
        return Err(AppError::validation("limit", format!("Limit must be between 1 and {MAX_TAG_LIMIT}")));
    }
    let key = query.search.as_deref().map(validate::tag_key).unwrap_or_default();
    if key.chars().nth(validate::TAG_MAX).is_some() {
        return Err(AppError::validation("search", "The search text is longer than any tag"));
    }
    let escaped = validate::escape_like(&key);
    let name_key = || Expr::col((Alias::new("tags"), Alias::new("name_key")));
    let task_count = Expr::cust(r#"(SELECT COUNT(*) FROM "task_tags" WHERE "task_tags"."tag_id" = "tags"."id")"#);
    let select = Query::select()
        .column((Alias::new("tags"), Alias::new("name")))
        .expr_as(task_count, Alias::new("task_count"))
        .from(Alias::new("tags"))
        .and_where(name_key().like(LikeExpr::new(format!("%{escaped}%")).escape('\\')))
        .order_by_expr(name_key().like(LikeExpr::new(format!("{escaped}%")).escape('\\')), Order::Desc)
        .order_by(Alias::new("task_count"), Order::Desc)
        .order_by((Alias::new("tags"), Alias::new("name_key")), Order::Asc)
        .limit(u64::from(limit))
        .to_owned();
    let rows = db.query_all(&select).await?;
    rows.into_iter()
        .map(|row| Ok(TagCount { name: row.try_get_by_index(0)?, task_count: row.try_get_by_index(1)? }))
        .collect()
}
