//! Timing: per-iteration durations, summarized as median and p99.

use std::time::{Duration, Instant};

/// Median and 99th percentile (nearest rank) of a set of iteration times.
///
/// With fewer than 100 samples the p99 is the slowest one.
#[derive(Clone, Copy, Debug)]
pub struct Summary {
    pub iterations: usize,
    pub median: Duration,
    pub p99: Duration,
}

impl Summary {
    pub fn of(mut samples: Vec<Duration>) -> Self {
        assert!(!samples.is_empty(), "no samples");
        samples.sort_unstable();
        let rank = |q: f64| samples[((q * samples.len() as f64).ceil() as usize).clamp(1, samples.len()) - 1];
        Self { iterations: samples.len(), median: rank(0.5), p99: rank(0.99) }
    }
}

/// How long `work` takes, with its result.
pub fn timed<T>(work: impl FnOnce() -> T) -> (Duration, T) {
    let start = Instant::now();
    let result = work();
    (start.elapsed(), result)
}

/// Times `subject` and `baseline` in alternation (subject first on even iterations, baseline
/// first on odd ones), so drift on a noisy machine hits both alike. Each closure gets the
/// iteration number and returns how long its measured part took; `warmup` rounds go unrecorded.
pub fn compare(
    warmup: usize,
    iterations: usize,
    mut subject: impl FnMut(usize) -> Duration,
    mut baseline: impl FnMut(usize) -> Duration,
) -> (Summary, Summary) {
    for round in 0..warmup {
        subject(round);
        baseline(round);
    }
    let mut subject_samples = Vec::with_capacity(iterations);
    let mut baseline_samples = Vec::with_capacity(iterations);
    for i in 0..iterations {
        let round = warmup + i;
        if i % 2 == 0 {
            subject_samples.push(subject(round));
            baseline_samples.push(baseline(round));
        } else {
            baseline_samples.push(baseline(round));
            subject_samples.push(subject(round));
        }
    }
    (Summary::of(subject_samples), Summary::of(baseline_samples))
}

/// `a / b` of two medians.
pub fn ratio(a: Duration, b: Duration) -> f64 {
    a.as_secs_f64() / b.as_secs_f64().max(f64::MIN_POSITIVE)
}
