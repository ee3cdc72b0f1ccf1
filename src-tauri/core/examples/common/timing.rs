//! Timing shared by the benchmarks of this folder (each includes it with `#[path]`).

use std::time::{Duration, Instant};

pub fn median(mut runs: Vec<Duration>) -> Duration {
    runs.sort();
    runs[runs.len() / 2]
}

/// Runs `f` `n` times; returns the median time and the last result.
pub fn time<T>(n: usize, mut f: impl FnMut() -> T) -> (Duration, T) {
    let mut runs = Vec::with_capacity(n);
    let mut last = None;
    for _ in 0..n {
        let t = Instant::now();
        last = Some(f());
        runs.push(t.elapsed());
    }
    (median(runs), last.expect("at least one run"))
}
