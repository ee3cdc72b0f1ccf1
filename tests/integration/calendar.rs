//! Integration tests of the calendar area against a real SQLite file (filled by that area).
