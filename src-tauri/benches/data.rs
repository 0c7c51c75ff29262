//! `make bench`: import and export on a database file. The issue's targets: importing 10,000 tasks
//! from a backup and from CSV in one transaction, median ≤ 300 ms each; exporting 100,000 tasks to
//! a backup ≤ 1 s, streamed (peak RSS reported). See docs/BENCHMARKS.md.
//!
//! Without `--bench` (`cargo test --benches`, `--all-targets`) it runs a small smoke size.

#[path = "harness/memory.rs"]
mod memory;

use std::io::BufWriter;
use std::time::{Duration, Instant};

use tasklane_lib::db::data_operations::{self, Job};
use tasklane_lib::db::{self, DatabaseLocation};
use tasklane_lib::models::{DataFormat, Progress};

struct Quiet;

impl Job for Quiet {
    fn progress(&mut self, _: Progress) {}
    fn cancelled(&self) -> bool {
        false
    }
}

/// A backup of `n` tasks over 20 projects and 50 tags, as an export would write it.
fn backup(n: usize) -> Vec<u8> {
    let project_id = |p: usize| format!("00000000-0000-4000-8000-{p:012}");
    let projects: Vec<String> = (0..20)
        .map(|p| {
            format!(
                r#"{{"id":"{}","name":"Project {p}","description":null,"color":null,"position":{},"archived":false,"createdAt":"2026-12-01T00:00:00.000Z","updatedAt":"2026-12-01T00:00:00.000Z","version":1}}"#,
                project_id(p),
                p + 1
            )
        })
        .collect();
    let tasks: Vec<String> = (0..n)
        .map(|i| {
            let status = ["todo", "in_progress", "done", "backlog"][i % 4];
            let completed = if status == "done" { r#""2026-12-02T00:00:00.000Z""# } else { "null" };
            format!(
                r#"{{"id":"10000000-0000-4000-8000-{i:012}","title":"Task {i}: réunion über café","description":"Notes for task {i}\nsecond line","status":"{status}","priority":"medium","dueAt":null,"completedAt":{completed},"position":{},"createdAt":"2026-12-01T00:00:00.000Z","updatedAt":"2026-12-01T00:00:00.000Z","version":1,"createdBy":"bench","assignee":null,"tags":["tag{}","tag{}"],"projectIds":["{}"]}}"#,
                i + 1,
                i % 50,
                (i * 7 + 1) % 50,
                project_id(i % 20)
            )
        })
        .collect();
    format!(
        "{{\"format\":\"tasklane-backup\",\"version\":1,\n\"projects\":[\n{}\n],\n\"tags\":[],\n\"settings\":[],\n\"tasks\":[\n{}\n]}}\n",
        projects.join(",\n"),
        tasks.join(",\n")
    )
    .into_bytes()
}

async fn fresh(dir: &std::path::Path, name: &str) -> sea_orm::DatabaseConnection {
    db::open(&DatabaseLocation::file(&dir.join(name))).await.unwrap()
}

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

fn ms(duration: Duration) -> String {
    format!("{:.1} ms", duration.as_secs_f64() * 1000.0)
}

fn main() {
    let full = std::env::args().any(|arg| arg == "--bench");
    let (import_size, export_size, runs) = if full { (10_000, 100_000, 7) } else { (200, 1_000, 2) };
    let dir = tempfile::tempdir().unwrap();
    let runtime = tokio::runtime::Runtime::new().unwrap();
    runtime.block_on(async {
        let json = backup(import_size);
        // The CSV of the same tasks, as Tasklane writes it.
        let source = fresh(dir.path(), "source.db").await;
        data_operations::import(&source, data_operations::read(DataFormat::Json, &json).unwrap(), &mut Quiet)
            .await
            .unwrap();
        let (csv, _) = data_operations::export(&source, DataFormat::Csv, None, Vec::new(), &mut Quiet).await.unwrap();

        let mut report = Vec::new();
        for (format, bytes) in [(DataFormat::Json, &json), (DataFormat::Csv, &csv)] {
            let (mut samples, mut reads) = (Vec::new(), Vec::new());
            for run in 0..runs {
                let target = fresh(dir.path(), &format!("import-{format:?}-{run}.db")).await;
                let started = Instant::now();
                let dataset = data_operations::read(format, bytes).unwrap();
                reads.push(started.elapsed());
                let summary = data_operations::import(&target, dataset, &mut Quiet).await.unwrap();
                samples.push(started.elapsed());
                assert_eq!(summary.created as usize, import_size);
                target.close().await.unwrap();
            }
            report.push((
                format!("import {import_size} tasks from {format:?} (read + one transaction)"),
                median(samples),
                "≤ 300 ms",
            ));
            report.push((format!("  of which reading the {format:?} file"), median(reads), ""));
        }

        let big = fresh(dir.path(), "export.db").await;
        let started = Instant::now();
        let dataset = data_operations::read(DataFormat::Json, &backup(export_size)).unwrap();
        data_operations::import(&big, dataset, &mut Quiet).await.unwrap();
        let seeded = started.elapsed();
        let before = memory::rss();
        let peak_reset = memory::reset_peak();
        let mut samples = Vec::new();
        let mut bytes = 0;
        for run in 0..runs.min(5) {
            let path = dir.path().join(format!("export-{run}.json"));
            let started = Instant::now();
            let file = BufWriter::new(std::fs::File::create(&path).unwrap());
            let (file, exported) =
                data_operations::export(&big, DataFormat::Json, None, file, &mut Quiet).await.unwrap();
            drop(file.into_inner().unwrap());
            samples.push(started.elapsed());
            assert_eq!(exported.tasks as usize, export_size);
            bytes = std::fs::metadata(&path).unwrap().len();
        }
        let after = memory::rss();
        report.push((
            format!("export {export_size} tasks to a backup file ({:.1} MB)", bytes as f64 / 1e6),
            median(samples),
            "≤ 1 s",
        ));
        report.push((format!("(seeding: import {export_size} tasks from a backup)"), seeded, ""));

        println!("\nTasklane import/export benchmark (database file, {runs} runs, median)\n");
        println!("| scenario | median | target |\n|---|---|---|");
        for (name, time, target) in report {
            println!("| {name} | {} | {target} |", ms(time));
        }
        let kib = |v: Option<u64>| v.map_or("?".into(), |v| format!("{:.0} MiB", v as f64 / 1024.0));
        println!(
            "\nRSS during the exports: {} before, peak {}{}",
            kib(before.current_kib),
            kib(after.peak_kib),
            if peak_reset { "" } else { " (the peak could not be reset: it includes the seeding)" }
        );
    });
}
