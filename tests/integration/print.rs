//! Integration tests of the print area against a real SQLite file (filled by that area).
