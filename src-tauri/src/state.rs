//! The opened store, shared by all commands. Opening may fail (a database from a newer app, a
//! damaged or missing data file); the window still starts and shows the reason — for a damaged or
//! missing file, the 数据文件无法使用 page with its backups — instead of dying silently.
//!
//! `quick_check` runs once, on a background thread started with the window, through its own
//! read-only connection: at 100,000 items it takes seconds (docs/backup.md), too long to hold the
//! first screen. Until it has passed, the store's connection is `query_only`: reads go on, and a
//! command that tries to write is refused by SQLite before it changes anything, waits for the
//! check, and runs again — or gets the damaged-file error. So nothing is written to a damaged file.
//! After the check, the day's automatic backup is made on that thread, also through its own
//! read-only connection.
//!
//! An encrypted data folder opens locked (`database_locked`): the window asks for the password or
//! the recovery key ([`AppState::unlock`]), and the key is kept here for the connections beside the
//! store's and for a restore when the file could not be opened.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};

use luoshi_core::backup::{self, RestoreReport};
use luoshi_core::encryption::{DataKey, Secret};
use luoshi_core::exchange::ImportProgress;
use luoshi_core::{paths, ErrorBody, Store};

struct Slot {
    store: Result<Store, ErrorBody>,
    /// [`AppState::open`] has run: until then commands wait (the window may load first).
    opened: bool,
    /// `quick_check` has finished (or the store never opened); until then the store is query-only.
    checked: bool,
    /// The key the data folder was unlocked with, when it is encrypted.
    key: Option<DataKey>,
}

type Shared = Arc<(Mutex<Slot>, Condvar)>;

pub struct AppState {
    data_dir: Result<PathBuf, ErrorBody>,
    slot: Shared,
    /// How far the running ledger import has got. Beside the slot, whose lock the import holds, so
    /// the window can ask while it runs.
    import_progress: Mutex<Option<ImportProgress>>,
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

/// The check of the data file at start, off the store's lock; its outcome is applied under it.
fn check_in_background(shared: &Shared, dir: &Path, key: Option<DataKey>) {
    let (slot, done) = &**shared;
    let outcome = backup::quick_check_file(&dir.join(paths::DATABASE_FILE), key.as_ref());
    let Ok(mut guard) = slot.lock() else { return };
    guard.checked = true;
    let good = match (&guard.store, outcome) {
        (Ok(store), Ok(())) => store.set_writable(true).is_ok(),
        (Ok(_), Err(e)) => {
            guard.store = Err(e.body());
            false
        }
        (Err(_), _) => false,
    };
    drop(guard);
    done.notify_all();
    if good {
        // A failed automatic backup must not stop the app; the next start tries again.
        let _ = backup::at_start(dir, key.as_ref());
    }
}

impl AppState {
    /// The state before the store is opened. It is managed when the app is built, and opened by
    /// [`AppState::open`] from the app's setup, after the single-instance guard: a second start
    /// exits before it touches the data file.
    pub fn new() -> AppState {
        let data_dir = paths::resolve_data_dir(None).map_err(|e| e.body());
        let slot = Slot { store: Err(internal()), opened: false, checked: false, key: None };
        AppState {
            data_dir,
            slot: Arc::new((Mutex::new(slot), Condvar::new())),
            import_progress: Mutex::new(None),
        }
    }

    /// What the running (or the last) ledger import reported last.
    pub fn import_progress(&self) -> Option<ImportProgress> {
        self.import_progress.lock().ok().and_then(|p| p.clone())
    }

    pub fn set_import_progress(&self, progress: Option<ImportProgress>) {
        if let Ok(mut slot) = self.import_progress.lock() {
            *slot = progress;
        }
    }

    /// Opens the store (locked, when the file is encrypted), then checks the file in the background.
    pub fn open(&self) {
        let store = self.data_dir.as_ref().map_err(Clone::clone).and_then(|dir| {
            Store::open(dir).and_then(|s| s.set_writable(false).map(|()| s)).map_err(|e| e.body())
        });
        self.install(store);
    }

    /// 解锁: opens the encrypted data folder with a password or its recovery key. A wrong one
    /// leaves the window locked, with the reason.
    pub fn unlock(&self, secret: &Secret) -> Result<(), ErrorBody> {
        let dir = self.data_dir.as_ref().map_err(Clone::clone)?;
        if !luoshi_core::encryption::status(dir).map_err(|e| e.body())?.enabled {
            // Nothing to unlock (the file was switched back meanwhile): open it as it is.
            let store = Store::open(dir).and_then(|s| s.set_writable(false).map(|()| s));
            return store.map(|s| self.install(Ok(s))).map_err(|e| e.body());
        }
        let key = luoshi_core::encryption::unlock(dir, secret).map_err(|e| e.body())?;
        let store = Store::unlock_with_key(dir, key.clone()).and_then(|s| s.set_writable(false).map(|()| s));
        match store {
            // A damaged file opened with the right key: the window shows the damaged page.
            Err(e) if e.code() == "database_damaged" || e.code() == "database_missing" => {
                lock(&self.slot.0)?.key = Some(key);
                self.install(Err(e.body()));
                Ok(())
            }
            Err(e) => Err(e.body()),
            Ok(store) => {
                self.install(Ok(store));
                Ok(())
            }
        }
    }

    /// Puts the opened (or refused) store in the slot and starts the check of the file.
    fn install(&self, store: Result<Store, ErrorBody>) {
        let (slot, done) = &*self.slot;
        let Ok(mut guard) = slot.lock() else { return };
        let opened = store.is_ok();
        if let Ok(s) = &store {
            guard.key = s.key().cloned();
        }
        guard.checked = !opened;
        guard.store = store;
        guard.opened = true;
        let key = guard.key.clone();
        drop(guard);
        done.notify_all();
        if let (Ok(dir), true) = (&self.data_dir, opened) {
            let (shared, dir) = (Arc::clone(&self.slot), dir.clone());
            std::thread::spawn(move || check_in_background(&shared, &dir, key));
        }
    }

    /// The store's slot once it has been opened.
    fn opened_slot(&self) -> Result<MutexGuard<'_, Slot>, ErrorBody> {
        let (slot, done) = &*self.slot;
        let guard = lock(slot)?;
        done.wait_while(guard, |s| !s.opened).map_err(|_| internal())
    }

    /// The store's slot once the start check has finished.
    fn checked_slot(&self) -> Result<MutexGuard<'_, Slot>, ErrorBody> {
        let (slot, done) = &*self.slot;
        let guard = lock(slot)?;
        done.wait_while(guard, |s| !s.checked).map_err(|_| internal())
    }

    /// Runs one core call with the store: the single writer, one call at a time. A call that finds
    /// the file damaged closes the store: it is not written to again. A write tried before the
    /// start check has finished was refused unchanged; it runs again once the check has passed.
    pub fn with<T>(&self, mut f: impl FnMut(&mut Store) -> luoshi_core::Result<T>) -> Result<T, ErrorBody> {
        let mut guard = self.opened_slot()?;
        let early = guard.checked;
        let store = guard.store.as_mut().map_err(|e| e.clone())?;
        let path = store.database_path();
        let mut result = f(store);
        if !early && result.as_ref().err().is_some_and(Store::is_refused_write) {
            drop(guard);
            guard = self.checked_slot()?;
            let store = guard.store.as_mut().map_err(|e| e.clone())?;
            result = f(store);
        }
        // Switching encryption on or off changes the key the connections beside the store need.
        if let Ok(store) = &guard.store {
            guard.key = store.key().cloned();
        }
        result.map_err(|e| {
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
        let mut guard = self.checked_slot()?;
        match guard.store.as_mut() {
            Ok(store) => {
                let report = backup::restore(store, source);
                if !store.is_open() {
                    guard.store = Store::open_with_key(dir, guard.key.clone()).map_err(|e| e.body());
                }
                report.map_err(|e| e.body())
            }
            Err(_) => {
                let key = guard.key.clone();
                let (store, report) =
                    backup::restore_without_store(dir, source, key).map_err(|e| e.body())?;
                guard.store = Ok(store);
                Ok(report)
            }
        }
    }
}
