//! The document's date (`Meta::date`): the creation time in the core properties and the time
//! stamp of every file in the package, so that output never depends on the clock.

use crate::doc::Date;

/// Midnight UTC in the W3CDTF form core properties use.
pub(crate) fn w3cdtf(date: Date) -> String {
    format!("{date}T00:00:00Z")
}

/// The ZIP time stamp; ZIP counts from 1980 to 2107, other years take its first day.
pub(crate) fn zip_time(date: Date) -> zip::DateTime {
    zip::DateTime::from_date_and_time(date.year, date.month, date.day, 0, 0, 0).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_stamp_the_package() {
        let date = Date { year: 2026, month: 5, day: 8 };
        assert_eq!(w3cdtf(date), "2026-05-08T00:00:00Z");
        assert_eq!(zip_time(date), zip::DateTime::from_date_and_time(2026, 5, 8, 0, 0, 0).unwrap());
        assert_eq!(zip_time(Date { year: 1970, month: 1, day: 1 }), zip::DateTime::default());
    }
}
