//! The years the calendar can compute in. Its own module because both the loaded calendar
//! ([`super::days`]) and the file format ([`super::official`]) check against it.

/// The first year the calendar covers. Outside the range every function refuses with a typed error.
pub const FIRST_YEAR: i32 = 2000;
/// The last year the calendar covers.
pub const LAST_YEAR: i32 = 2100;

/// Whether `year` is inside [`FIRST_YEAR`]–[`LAST_YEAR`].
pub fn supported(year: i32) -> bool {
    (FIRST_YEAR..=LAST_YEAR).contains(&year)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_ends_are_supported_and_nothing_outside() {
        assert!(supported(FIRST_YEAR) && supported(LAST_YEAR));
        assert!(!supported(FIRST_YEAR - 1) && !supported(LAST_YEAR + 1));
    }
}
