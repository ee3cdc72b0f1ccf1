//! Integration tests of the check area against a real SQLite file (filled by that area).
