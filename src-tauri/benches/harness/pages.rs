//! The list scenarios: pages of the big project (first, deep, all of them), the first page of
//! every open task by due date, and full-text search. Each checks, untimed, that the IPC reply
//! holds what its baseline returns.

use std::time::Duration;

use serde_json::{Value, json};

use super::Config;
use super::app::{BenchApp, block_on};
use super::baseline::{self, Page};
use super::fixture::{Catalog, SEARCH_TERM};
use super::measure::{compare, timed};
use super::memory::{self, Rss};
use super::report::{Row, Target};

/// The list scenarios' rows and facts.
pub struct Lists {
    pub first_page: Row,
    pub deep_page: Row,
    pub all_pages: Row,
    pub by_due: Row,
    /// Tasks of the big project as its first page counts them, and as a walk of every page finds them.
    pub big_listed: usize,
    pub big_tasks: usize,
    /// Rows before the deep page.
    pub deep_offset: usize,
    pub statements_first_page: usize,
    pub statements_deep_page: usize,
    pub first_page_bytes: usize,
    pub memory: Memory,
}

/// Resident memory around the page scenarios: before them, and the peak while they ran (`VmHWM`,
/// reset just before when the kernel allows; otherwise the process-wide peak so far).
#[derive(Clone, Copy, Debug)]
pub struct Memory {
    pub before: Rss,
    pub after: Rss,
    pub peak_was_reset: bool,
}

fn args(filter: Value, limit: u32, after: Option<&str>) -> Value {
    match after {
        Some(cursor) => json!({ "filter": filter, "page": { "limit": limit, "after": cursor } }),
        None => json!({ "filter": filter, "page": { "limit": limit } }),
    }
}

fn parse(reply: &str) -> Value {
    serde_json::from_str(reply).expect("a JSON page")
}

/// Whether a reply's tasks are the baseline's (compared as JSON values: key order aside).
fn same_tasks(page: &Value, expected: &str) -> bool {
    serde_json::from_str::<Value>(expected).is_ok_and(|expected| page["tasks"] == expected)
}

/// Walks every page of `filter`, returning the replies (untimed helpers and the all-pages scenario).
fn walk(app: &BenchApp, filter: &Value, size: u32, limit: Option<usize>) -> Vec<Value> {
    let mut pages = Vec::new();
    let mut after: Option<String> = None;
    loop {
        let page = parse(&app.invoke("db_get_tasks", args(filter.clone(), size, after.as_deref())));
        let next = page["next"].as_str().map(str::to_owned);
        pages.push(page);
        match next {
            Some(next) if limit.is_none_or(|limit| pages.len() < limit) => after = Some(next),
            _ => return pages,
        }
    }
}

pub fn lists(app: &BenchApp, catalog: &Catalog, config: &Config) -> Lists {
    let size = config.page;
    // Done tasks too, so the list is the project's 10,000 tasks and the deep page starts after
    // 9,800 rows, as the scenarios say.
    let project = json!({ "projectIds": [catalog.big_project], "includeDone": true });
    let baseline_page = Page::project(&catalog.big_project);

    // The first page: the IPC reply must be the baseline's tasks and total.
    let (statements_first_page, first) =
        app.statements_during(|| app.invoke("db_get_tasks", args(project.clone(), size, None)));
    let first = parse(&first);
    let (expected, total) = block_on(baseline::first_page(app.pool(), &baseline_page, size));
    assert!(same_tasks(&first, &expected), "the first page must be the baseline's tasks");
    assert_eq!(first["total"], total, "the total must be the baseline's count");
    let big_listed = total as usize;

    // The deep page: the page that starts after 9,800 rows at full size (49 pages of 200); at a
    // small size, the last full page.
    let pages_before = (big_listed / size as usize).saturating_sub(1).clamp(1, 49);
    let walked = walk(app, &project, size, Some(pages_before));
    let deep_cursor = walked.last().and_then(|page| page["next"].as_str()).expect("a page follows").to_owned();
    let deep_offset = pages_before * size as usize;
    let (statements_deep_page, deep) =
        app.statements_during(|| app.invoke("db_get_tasks", args(project.clone(), size, Some(&deep_cursor))));
    assert_eq!(parse(&deep)["tasks"].as_array().map(Vec::len), Some(size as usize), "a full deep page");

    let before = memory::rss();
    let peak_was_reset = memory::reset_peak();
    let (first_page, base) = compare(
        config.warmup,
        config.list_iterations,
        |_| timed(|| app.invoke("db_get_tasks", args(project.clone(), size, None))).0,
        |_| timed(|| block_on(baseline::first_page(app.pool(), &baseline_page, size))).0,
    );
    let first_page = Row::new(
        "2 first page (200) of the big project",
        first_page,
        base,
        Target::ratio_and_median(2.0, Duration::from_millis(20)),
    );
    let (deep_page, first_again) = compare(
        config.warmup,
        config.list_iterations,
        |_| timed(|| app.invoke("db_get_tasks", args(project.clone(), size, Some(&deep_cursor)))).0,
        |_| timed(|| app.invoke("db_get_tasks", args(project.clone(), size, None))).0,
    );
    let deep_page =
        Row::new("2b the page after 9,800 rows (baseline: the first page)", deep_page, first_again, Target::ratio(1.5));
    let after = memory::rss();

    // Every page of the project, done tasks too, against the whole list in one hand-written query.
    let everything = json!({ "projectIds": [catalog.big_project], "includeDone": true });
    let all: Vec<Value> = walk(app, &everything, 500, None)
        .into_iter()
        .flat_map(|page| page["tasks"].as_array().cloned().unwrap_or_default())
        .collect();
    let expected = block_on(baseline::tasks_in_project(app.pool(), &catalog.big_project));
    assert!(
        serde_json::from_str::<Value>(&expected).is_ok_and(|expected| Value::Array(all.clone()) == expected),
        "the pages must be the whole list, once"
    );
    let (all_pages, whole) = compare(
        config.warmup.min(2),
        config.walk_iterations,
        |_| timed(|| walk(app, &everything, 500, None).len()).0,
        |_| timed(|| block_on(baseline::tasks_in_project(app.pool(), &catalog.big_project))).0,
    );
    let all_pages =
        Row::new("2c every page of the big project (baseline: one query for all)", all_pages, whole, Target::none());

    // The first page of every open task by due date.
    let due = json!({ "sort": "due" });
    let reply = parse(&app.invoke("db_get_tasks", args(due.clone(), size, None)));
    let (expected, total) = block_on(baseline::first_page(app.pool(), &Page::open_by_due(), size));
    assert!(same_tasks(&reply, &expected) && reply["total"] == total, "by due: the baseline's page");
    let (by_due, base) = compare(
        config.warmup,
        config.list_iterations,
        |_| timed(|| app.invoke("db_get_tasks", args(due.clone(), size, None))).0,
        |_| timed(|| block_on(baseline::first_page(app.pool(), &Page::open_by_due(), size))).0,
    );
    let by_due = Row::new(
        "2d first page of all open tasks by due date",
        by_due,
        base,
        Target::ratio_and_median(2.0, Duration::from_millis(20)),
    );

    Lists {
        first_page,
        deep_page,
        all_pages,
        by_due,
        big_listed,
        big_tasks: all.len(),
        deep_offset,
        statements_first_page,
        statements_deep_page,
        first_page_bytes: serde_json::to_string(&first).map(|text| text.len()).unwrap_or(0),
        memory: Memory { before, after, peak_was_reset },
    }
}

/// The search scenarios' rows and facts.
pub struct Search {
    pub word: Row,
    pub prefix: Row,
    pub no_hits: Row,
    /// Tasks the word matches (the total of its first page).
    pub matches: usize,
    /// What SQLite's `LIKE '%word%'` counts, as a cross-check of the index.
    pub counted: usize,
    pub statements: usize,
}

/// Searches every task (done too) for a word, a prefix of it and a word no task has, first page,
/// each against the same FTS5 query written by hand.
pub fn search(app: &BenchApp, config: &Config) -> Search {
    let size = config.page;
    let prefix_text = &SEARCH_TERM[..4];
    let run = |text: &str, fts: &str, name: &'static str, max: Duration| {
        let filter = json!({ "search": text, "includeDone": true });
        let reply = parse(&app.invoke("db_get_tasks", args(filter.clone(), size, None)));
        let page = Page::matching(fts);
        let (expected, total) = block_on(baseline::first_page(app.pool(), &page, size));
        assert!(same_tasks(&reply, &expected) && reply["total"] == total, "search {text}: the baseline's page");
        let (subject, base) = compare(
            config.warmup,
            config.search_iterations,
            |_| timed(|| app.invoke("db_get_tasks", args(filter.clone(), size, None))).0,
            |_| timed(|| block_on(baseline::first_page(app.pool(), &page, size))).0,
        );
        (Row::new(name, subject, base, Target::ratio_and_median(2.0, max)), total as usize)
    };
    let (word, matches) =
        run(SEARCH_TERM, &format!("\"{SEARCH_TERM}\"*"), "3 search a word, first page", Duration::from_millis(10));
    let (prefix, prefix_matches) =
        run(prefix_text, &format!("\"{prefix_text}\"*"), "3b search a prefix, first page", Duration::from_millis(10));
    assert!(prefix_matches >= matches, "a prefix finds at least what the word finds");
    let (no_hits, none) = run("zzyzx", "\"zzyzx\"*", "3c search with no hits", Duration::from_millis(5));
    assert_eq!(none, 0);
    let filter = json!({ "search": SEARCH_TERM, "includeDone": true });
    let (statements, _) = app.statements_during(|| app.invoke("db_get_tasks", args(filter, size, None)));
    Search {
        word,
        prefix,
        no_hits,
        matches,
        counted: block_on(baseline::count_matching(app.pool(), SEARCH_TERM)) as usize,
        statements,
    }
}
