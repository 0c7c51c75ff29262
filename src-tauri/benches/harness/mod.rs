//! Tasklane's database benchmark: the scenarios of docs/BENCHMARKS.md on a seeded file database (WAL, opened with the
//! app's own `db::open`), each timed through the app's real IPC path and against a hand-written
//! baseline in the same run.
//!
//! Shared by the `database` bench (full size, `make bench`) and `tests/bench_smoke.rs` (a few
//! hundred rows), so the benchmark keeps compiling and working under `cargo test`.

pub mod app;
pub mod baseline;
pub mod fixture;
pub mod measure;
pub mod memory;
pub mod pages;
pub mod report;
pub mod scenarios;

use std::path::Path;

use app::BenchApp;
use fixture::{Catalog, SeedSpec};
use report::Report;

/// How big the database is and how many times each scenario runs.
#[derive(Clone, Copy, Debug)]
pub struct Config {
    pub spec: SeedSpec,
    /// Unrecorded rounds before each scenario's samples.
    pub warmup: usize,
    pub create_iterations: usize,
    pub update_iterations: usize,
    pub list_iterations: usize,
    /// Walks of every page of the big project.
    pub walk_iterations: usize,
    pub search_iterations: usize,
    pub startup_iterations: usize,
    /// Tasks per page (the app's default is 200).
    pub page: u32,
    /// Print what is happening to stderr (a full run takes minutes).
    pub progress: bool,
}

impl Config {
    pub fn full() -> Self {
        Self {
            spec: SeedSpec::FULL,
            warmup: 5,
            create_iterations: 200,
            update_iterations: 200,
            list_iterations: 100,
            walk_iterations: 10,
            search_iterations: 100,
            startup_iterations: 50,
            page: 200,
            progress: true,
        }
    }

    pub fn smoke() -> Self {
        Self {
            spec: SeedSpec::SMOKE,
            warmup: 1,
            create_iterations: 2,
            update_iterations: 2,
            list_iterations: 2,
            walk_iterations: 2,
            search_iterations: 2,
            startup_iterations: 2,
            page: 8,
            progress: false,
        }
    }

    fn step(&self, what: &str) {
        if self.progress {
            eprintln!("bench: {what}");
        }
    }
}

/// Seeds (or reuses the seeded file in `cache_dir`), works on a copy in `work_dir`, and runs every
/// scenario. Start-up runs first, before the app holds the file open; the writes run last, so the
/// lists see exactly the seeded tasks.
pub fn run(config: &Config, cache_dir: Option<&Path>, work_dir: &Path) -> Report {
    config.step("preparing the seeded database");
    let location = fixture::prepare(&config.spec, cache_dir, work_dir);
    let catalog = Catalog::of(&config.spec);

    config.step("scenario 4: start-up");
    let startup = scenarios::startup(&location, config);

    let app = BenchApp::start(&location);
    config.step("scenario 2: pages of one project, and by due date");
    let lists = pages::lists(&app, &catalog, config);
    config.step("scenario 3: search");
    let search = pages::search(&app, config);
    config.step("scenario 7: counts");
    let counts = scenarios::counts(&app, config);
    config.step("scenario 6: update a status");
    let update = scenarios::update_status(&app, &catalog, config);
    config.step("scenario 8: move a task in the manual order");
    let moves = scenarios::move_task(&app, &catalog, config);
    config.step("scenario 1: create");
    let create = scenarios::create_task(&app, &catalog, config);

    Report { create, update, moves, lists, search, counts, startup, end: memory::rss() }
}
