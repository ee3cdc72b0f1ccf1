//! How long the substance checks take on a 10,000-character draft, beside references measured in
//! the same run: cutting the same text into sentences, and jieba segmenting it whole.
//!
//! Run: cargo run --release -p luoshi-core --example check_bench

#[path = "common/timing.rs"]
#[allow(dead_code)] // this benchmark times its own runs and only shares the median
mod timing;

use std::time::{Duration, Instant};

use luoshi_core::check::{self, CheckContext, CheckSettings, CopySource, CopySourceKind};

const DRAFT_CHARS: usize = 10_000;
const RUNS: usize = 50;

/// Real office writing from the fixtures, cut to whole lines of about 10,000 characters: the
/// figure-dense account first, then the project summaries (with their problems and measures).
fn draft() -> String {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/check/");
    let mut text = String::new();
    for name in ["corpus_000_phase_summaries.txt", "corpus_001_project_summaries.txt"] {
        let body = std::fs::read_to_string(format!("{dir}{name}")).expect("fixture");
        for line in body.lines() {
            if text.chars().count() + line.chars().count() > DRAFT_CHARS {
                return text;
            }
            text.push_str(line);
            text.push('\n');
        }
    }
    text
}

fn time<T>(mut f: impl FnMut() -> T) -> (Duration, Duration, Duration) {
    let times: Vec<Duration> = (0..RUNS)
        .map(|_| {
            let t = Instant::now();
            std::hint::black_box(f());
            t.elapsed()
        })
        .collect();
    let (min, max) = (*times.iter().min().expect("runs"), *times.iter().max().expect("runs"));
    (timing::median(times), min, max)
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn main() {
    let text = draft();
    let chars = text.chars().count();
    let t = Instant::now();
    check::warm_up();
    let warm_up = t.elapsed();

    // An earlier summary and template guidance to compare against, as the editor would pass.
    let earlier = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/fixtures/check/corpus_001_project_summaries.txt"
    ))
    .expect("fixture");
    let ctx = CheckContext::new(CheckSettings::default()).with_copy_sources(vec![
        CopySource { kind: CopySourceKind::EarlierSummary, name: "以往总结".into(), text: earlier },
        CopySource {
            kind: CopySourceKind::Guidance,
            name: "模板说明".into(),
            text: "简要回顾项目背景、目标和总体进展；对照目标逐项列明目标值、实际值和差距。".into(),
        },
    ]);
    let t = Instant::now();
    let first = check::check_text(&text, &ctx);
    let first_check = t.elapsed();

    let (check_med, check_min, check_max) = time(|| check::check_text(&text, &ctx));
    let bare = CheckContext::new(CheckSettings::default());
    let (bare_med, _, _) = time(|| check::check_text(&text, &bare));
    // Reference 1: only cutting sentences (a plain-text report with every rule that has no cues).
    let (split_med, _, _) = time(|| text.split(['。', '！', '？', '；', ';', '!', '?', '\n']).count());
    // Reference 2: jieba segmenting the whole text once.
    let jieba = jieba_rs::Jieba::new();
    let (cut_med, _, _) = time(|| jieba.cut(&text, true).len());

    println!(
        "draft: {chars} characters, {} sentences, {} findings",
        first.sentences.len(),
        first.findings.len()
    );
    println!("jieba dictionary load (once per process): {:.1} ms", ms(warm_up));
    println!("first check (builds the copy index):       {:.2} ms", ms(first_check));
    println!(
        "check_text, with copy sources, median of {RUNS}: {:.2} ms (min {:.2}, max {:.2})",
        ms(check_med),
        ms(check_min),
        ms(check_max)
    );
    println!("check_text, no copy sources, median:         {:.2} ms", ms(bare_med));
    println!("reference: splitting into sentences, median: {:.3} ms", ms(split_med));
    println!("reference: jieba cut of the whole text, median: {:.2} ms", ms(cut_med));
    println!(
        "ratio check / jieba cut: {:.2}; target 30 ms: {}",
        check_med.as_secs_f64() / cut_med.as_secs_f64(),
        if ms(check_med) <= 30.0 { "met" } else { "NOT met" }
    );
}
