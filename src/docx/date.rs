//! The document's date (`Meta::date`, `YYYY-MM-DD`): the creation time in the core properties
//! and the time stamp of every file in the package, so that output never depends on the clock.

use crate::model::Date;

/// `None` for an empty date; `Err` with the text for anything that is not a real date.
pub(crate) fn parse(text: &str) -> Result<Option<Date>, String> {
    if text.is_empty() {
        return Ok(None);
    }
    Date::parse(text).map(Some).ok_or_else(|| text.to_owned())
}

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
    fn only_real_dates_pass() {
        assert_eq!(parse("2026-05-08").unwrap().map(w3cdtf).as_deref(), Some("2026-05-08T00:00:00Z"));
        assert_eq!(parse("").unwrap(), None);
        for bad in ["2026-02-29", "2026-13-01", "08.05.2026", "2026/05/08"] {
            assert!(parse(bad).is_err(), "{bad}");
        }
        assert_eq!(zip_time(parse("1970-01-01").unwrap().unwrap()), zip::DateTime::default());
    }
}
