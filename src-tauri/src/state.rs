//! The opened store, shared by all commands. Opening may fail (e.g. a database from a newer app);
//! the window still starts and shows the reason instead of dying silently.

use std::sync::Mutex;

use luoshi_core::{paths, ErrorBody, Store};

pub struct AppState {
    store: Result<Mutex<Store>, ErrorBody>,
}

impl AppState {
    pub fn open() -> AppState {
        let store = paths::resolve_data_dir(None)
            .and_then(|dir| Store::open(&dir))
            .map(Mutex::new)
            .map_err(|e| e.body());
        AppState { store }
    }

    /// Runs one core call with the store: the single writer, one call at a time.
    pub fn with<T>(&self, f: impl FnOnce(&mut Store) -> luoshi_core::Result<T>) -> Result<T, ErrorBody> {
        let store = self.store.as_ref().map_err(Clone::clone)?;
        let mut guard = store.lock().map_err(|_| ErrorBody {
            code: "internal".into(),
            message: "程序内部错误：数据连接已损坏，请重新启动落实".into(),
            field: None,
        })?;
        f(&mut guard).map_err(|e| e.body())
    }
}
