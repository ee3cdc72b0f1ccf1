//! Placeholder until this area lands; it only declares the area's error so the core's one error type
//! can wrap it.

/// Errors of the print area.
#[derive(Debug, thiserror::Error)]
pub enum PrintError {}

impl PrintError {
    pub fn code(&self) -> &'static str {
        match *self {}
    }
    pub fn field(&self) -> Option<String> {
        match *self {}
    }
    pub fn is_bad_input(&self) -> bool {
        match *self {}
    }
}
