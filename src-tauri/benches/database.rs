//! `make bench`: the database benchmark at full size (100,000 tasks), printed as a table.
//!
//! The seeded file is cached in `<target>/tmp/bench-data/` and re-seeded when missing; each run
//! works on a fresh copy. See docs/BENCHMARKS.md for what each scenario measures.
//!
//! `cargo bench` passes `--bench`; without it (`cargo test --benches`, `--all-targets`) this runs
//! the small smoke size instead, so a test run never spends minutes here.

#[allow(dead_code)] // the smoke test uses what this binary does not
mod harness;

use std::path::Path;

fn main() {
    let full = std::env::args().any(|arg| arg == "--bench");
    let config = if full { harness::Config::full() } else { harness::Config::smoke() };
    let cache_dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("bench-data");
    std::fs::create_dir_all(&cache_dir).expect("create the bench-data folder");
    let work_dir = tempfile::tempdir_in(&cache_dir).expect("a working folder");

    let report = harness::run(&config, full.then_some(cache_dir.as_path()), work_dir.path());

    let spec = config.spec;
    println!(
        "\nTasklane database benchmark: {} tasks, {} projects (one of {}), {} tags; \
         IPC and baseline timed in alternation\n",
        spec.tasks, spec.projects, spec.big_project_tasks, spec.tags
    );
    println!("{report}");
}
