//! The results table and the facts printed under it.

use std::fmt;
use std::time::Duration;

use super::measure::{Summary, ratio};
use super::memory::Rss;
use super::pages::{Lists, Search};
use super::scenarios::{Counts, Create, Move, Startup, Update};

/// What a scenario should achieve: a ratio of medians to its baseline, a median, both or neither.
#[derive(Clone, Copy, Debug, Default)]
pub struct Target {
    pub max_ratio: Option<f64>,
    pub max_median: Option<Duration>,
}

impl Target {
    pub fn none() -> Self {
        Self::default()
    }

    pub fn ratio(max: f64) -> Self {
        Self { max_ratio: Some(max), max_median: None }
    }

    pub fn median(max: Duration) -> Self {
        Self { max_ratio: None, max_median: Some(max) }
    }

    pub fn ratio_and_median(max_ratio: f64, max_median: Duration) -> Self {
        Self { max_ratio: Some(max_ratio), max_median: Some(max_median) }
    }

    fn describe(&self) -> String {
        let ratio = self.max_ratio.map(|r| format!("ratio ≤ {r}"));
        let median = self.max_median.map(|m| format!("median ≤ {} ms", m.as_millis()));
        let parts: Vec<String> = ratio.into_iter().chain(median).collect();
        if parts.is_empty() { "—".to_owned() } else { parts.join(", ") }
    }
}

/// One line of the table: the app's path, its baseline, and the target.
#[derive(Clone, Debug)]
pub struct Row {
    pub name: &'static str,
    pub subject: Summary,
    pub baseline: Summary,
    pub target: Target,
}

impl Row {
    pub fn new(name: &'static str, subject: Summary, baseline: Summary, target: Target) -> Self {
        Self { name, subject, baseline, target }
    }

    pub fn ratio(&self) -> f64 {
        ratio(self.subject.median, self.baseline.median)
    }

    /// `None` when the scenario has no target.
    pub fn met(&self) -> Option<bool> {
        let ratio_ok = self.target.max_ratio.map(|max| self.ratio() <= max);
        let median_ok = self.target.max_median.map(|max| self.subject.median <= max);
        match (ratio_ok, median_ok) {
            (None, None) => None,
            (a, b) => Some(a.unwrap_or(true) && b.unwrap_or(true)),
        }
    }
}

/// Everything one run measured.
pub struct Report {
    pub create: Create,
    pub update: Update,
    pub moves: Move,
    pub lists: Lists,
    pub search: Search,
    pub counts: Counts,
    pub startup: Startup,
    /// The process at the end of the run.
    pub end: Rss,
}

impl Report {
    pub fn rows(&self) -> [&Row; 13] {
        [
            &self.create.row,
            &self.lists.first_page,
            &self.lists.deep_page,
            &self.lists.all_pages,
            &self.lists.by_due,
            &self.search.word,
            &self.search.prefix,
            &self.search.no_hits,
            &self.startup.row,
            &self.update.row,
            &self.moves.row,
            &self.counts.projects,
            &self.counts.status,
        ]
    }
}

fn ms(duration: Duration) -> String {
    format!("{:.3}", duration.as_secs_f64() * 1000.0)
}

fn mib(kib: Option<u64>) -> String {
    kib.map_or("n/a".to_owned(), |kib| format!("{:.1} MiB", kib as f64 / 1024.0))
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.write_table(f)?;
        writeln!(f)?;
        self.write_statements(f)?;
        self.write_memory(f)
    }
}

impl Report {
    /// One Markdown row per scenario.
    fn write_table(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "| scenario | iterations | median ms | p99 ms | baseline median ms | baseline p99 ms | ratio | target | met? |"
        )?;
        writeln!(f, "|---|---:|---:|---:|---:|---:|---:|---|---|")?;
        for row in self.rows() {
            let met = match row.met() {
                Some(true) => "yes",
                Some(false) => "NO",
                None => "—",
            };
            writeln!(
                f,
                "| {} | {} | {} | {} | {} | {} | {:.2} | {} | {met} |",
                row.name,
                row.subject.iterations,
                ms(row.subject.median),
                ms(row.subject.p99),
                ms(row.baseline.median),
                ms(row.baseline.p99),
                row.ratio(),
                row.target.describe(),
            )?;
        }
        Ok(())
    }

    fn write_statements(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let lists = &self.lists;
        writeln!(
            f,
            "statements per db_create_task: {}; per db_update_task: {}",
            self.create.statements, self.update.statements
        )?;
        writeln!(
            f,
            "statements per db_get_tasks page of the big project: {} for the first, {} after {} rows \
             ({} tasks listed, {} on a walk of every page; first page reply {:.1} KiB)",
            lists.statements_first_page,
            lists.statements_deep_page,
            lists.deep_offset,
            lists.big_listed,
            lists.big_tasks,
            lists.first_page_bytes as f64 / 1024.0
        )?;
        writeln!(
            f,
            "statements per db_get_tasks by search: {} ({} matches; SQLite's LIKE counts {})",
            self.search.statements, self.search.matches, self.search.counted
        )?;
        let moves = &self.moves;
        writeln!(
            f,
            "db_move_task: {} statements; rows written: {} by the first move on the packed seed ({} ms, \
             renumbering once), at most {} by each of {} later moves",
            moves.statements,
            moves.first_rows,
            ms(moves.first),
            moves.most_rows,
            moves.sampled
        )?;
        writeln!(
            f,
            "start-up: Migrator::up alone (nothing pending) median {} ms, p99 {} ms",
            ms(self.startup.migrator_alone.median),
            ms(self.startup.migrator_alone.p99)
        )
    }

    fn write_memory(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let memory = &self.lists.memory;
        let (peak_label, end_label) = if memory.peak_was_reset {
            ("peak during scenarios 2 and 2b", "peak from scenario 2 to the end")
        } else {
            ("process peak so far (VmHWM could not be reset)", "process peak at the end")
        };
        writeln!(
            f,
            "memory: RSS before scenario 2 {}, {peak_label} {}, RSS after {}; {end_label} {}",
            mib(memory.before.current_kib),
            mib(memory.after.peak_kib),
            mib(memory.after.current_kib),
            mib(self.end.peak_kib)
        )
    }
}
