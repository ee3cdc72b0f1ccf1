//! The opened store, shared by all commands. Opening may fail (a database from a newer app, a
//! damaged or missing data file); the window still starts and shows the reason — for a damaged or
//! missing file, the 数据文件已损坏 page with its backups — instead of dying silently.
//!
//! `quick_check` runs once, on a background thread started with the window, holding the store:
//! every command waits for it, so nothing reads or writes a damaged file before it is known to be
//! damaged (a command that arrives first runs the check itself). After the check, the day's
//! automatic backup is made on that thread through its own read-only connection.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};

use luoshi_core::backup::{self, RestoreReport};
use luoshi_core::{paths, ErrorBody, Store};

struct Slot {
    store: Result<Store, ErrorBody>,
    /// `quick_check` has run (or the store never opened).
    checked: bool,
}

pub struct AppState {
    data_dir: Result<PathBuf, ErrorBody>,
    slot: Arc<Mutex<Slot>>,
}

fn internal() -> ErrorBody {
    ErrorBody {
        code: "internal".into(),
        message: "程序内部错误：数据连接已损坏，请重新启动落实".into(),
        field: None,
    }
}

fn lock(slot: &Mutex<Slot>) -> Result<MutexGuard<'_, Slot>, ErrorBody> {
    slot.lock().map_err(|_| internal())
}

/// Runs `quick_check` once; a damaged file closes the store and stays refused.
fn ensure_checked(slot: &mut Slot) {
    if slot.checked {
        return;
    }
    slot.checked = true;
    if let Ok(store) = &slot.store {
        if let Err(e) = backup::check_at_start(store) {
            slot.store = Err(e.body());
        }
    }
}

impl AppState {
    pub fn open() -> AppState {
        let data_dir = paths::resolve_data_dir(None).map_err(|e| e.body());
        let store =
            data_dir.as_ref().map_err(Clone::clone).and_then(|dir| Store::open(dir).map_err(|e| e.body()));
        let slot = Arc::new(Mutex::new(Slot { checked: store.is_err(), store }));
        if let Ok(dir) = &data_dir {
            let (slot, dir) = (Arc::clone(&slot), dir.clone());
            std::thread::spawn(move || {
                let good = match slot.lock() {
                    Ok(mut guard) => {
                        ensure_checked(&mut guard);
                        guard.store.is_ok()
                    }
                    Err(_) => false,
                };
                if good {
                    // A failed automatic backup must not stop the app; the next start tries again.
                    let _ = backup::at_start(&dir);
                }
            });
        }
        AppState { data_dir, slot }
    }

    /// Runs one core call with the store: the single writer, one call at a time. A call that finds
    /// the file damaged closes the store: it is not written to again.
    pub fn with<T>(&self, f: impl FnOnce(&mut Store) -> luoshi_core::Result<T>) -> Result<T, ErrorBody> {
        let mut guard = lock(&self.slot)?;
        ensure_checked(&mut guard);
        let store = guard.store.as_mut().map_err(|e| e.clone())?;
        let path = store.database_path();
        f(store).map_err(|e| {
            let body = backup::damaged_or(&path, e).body();
            if body.code == "database_damaged" {
                guard.store = Err(body.clone());
            }
            body
        })
    }

    /// A call on the data folder that works whether or not the store opened (the backups list).
    pub fn with_dir<T>(&self, f: impl FnOnce(&Path) -> luoshi_core::Result<T>) -> Result<T, ErrorBody> {
        let dir = self.data_dir.as_ref().map_err(Clone::clone)?;
        f(dir).map_err(|e| e.body())
    }

    /// 从备份恢复: into the open store (closed and reopened around the swap), or, when the data
    /// file could not be opened or was found damaged, in its place; the store is then open again.
    pub fn restore(&self, source: &Path) -> Result<RestoreReport, ErrorBody> {
        let dir = self.data_dir.as_ref().map_err(Clone::clone)?;
        let mut guard = lock(&self.slot)?;
        ensure_checked(&mut guard);
        match guard.store.as_mut() {
            Ok(store) => {
                let report = backup::restore(store, source);
                if !store.is_open() {
                    guard.store = Store::open(dir).map_err(|e| e.body());
                }
                report.map_err(|e| e.body())
            }
            Err(_) => {
                let (store, report) = backup::restore_without_store(dir, source).map_err(|e| e.body())?;
                guard.store = Ok(store);
                Ok(report)
            }
        }
    }
}
