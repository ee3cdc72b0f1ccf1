//! End-to-end tests: the real app binary in a real window (under Xvfb when there is no display),
//! driven through tauri-driver and WebKitWebDriver by clicking and typing as a person does.
//!
//! Needs: the app built with `--features tauri/custom-protocol` after `ui/dist` exists (otherwise it
//! loads the dev server), `tauri-driver` on PATH, WebKitWebDriver and Xvfb. `.ci/test` sees to all.

mod archive;
mod audit;
mod backup;
mod calendar;
mod checks;
mod encryption;
mod follow_up;
mod harness;
mod ledger;
mod org;
mod print;
mod summary;
mod window;
mod workbench;
