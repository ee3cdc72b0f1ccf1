//! The data folder a benchmark measures, shared by the benchmarks of this folder (each includes it
//! with `#[path]`): the one an environment variable names when it already holds items (a fill of
//! 100,000 takes minutes), else a new one in `temp` filled with demo items.

use std::path::{Path, PathBuf};
use std::time::Instant;

use luoshi_core::Store;

pub fn filled_folder(env: &str, items: u32, temp: &Path) -> (PathBuf, Store) {
    let dir: PathBuf = std::env::var_os(env).map(PathBuf::from).unwrap_or_else(|| temp.into());
    let mut store = Store::open(&dir).expect("opens");
    let have: i64 =
        store.conn().query_row("SELECT count(*) FROM assignment", [], |r| r.get(0)).expect("count");
    if have == 0 {
        let t = Instant::now();
        let report = luoshi_core::assignment::fill_demo(store.conn_mut(), items).expect("demo");
        println!(
            "fill: {} items, {} events in {:.2} s",
            report.items,
            report.events,
            t.elapsed().as_secs_f64()
        );
    }
    (dir, store)
}
