//! `SOURCE_DATE_EPOCH` (reproducible-builds.org): the date documents carry in their metadata
//! when their data gives none, instead of no date at all.

/// Why `SOURCE_DATE_EPOCH` cannot be used; the specification asks to stop rather than guess.
#[derive(Debug, thiserror::Error)]
#[error("环境变量 SOURCE_DATE_EPOCH 的值 “{0}” 无效：应为 1970-01-01 以来的秒数（如 1778284800），或者不设置")]
pub struct SourceDateError(String);

use crate::doc::Date;

/// The date (UTC) `SOURCE_DATE_EPOCH` names, if it is set.
pub fn from_env() -> Result<Option<Date>, SourceDateError> {
    match std::env::var("SOURCE_DATE_EPOCH") {
        Ok(value) if !value.is_empty() => parse(&value).map(Some).ok_or(SourceDateError(value)),
        _ => Ok(None),
    }
}

fn parse(value: &str) -> Option<Date> {
    let seconds: u64 = value.trim().parse().ok()?;
    let day = crate::model::Date::from_days(i64::try_from(seconds / 86_400).ok()?)?;
    Some(Date { year: day.year, month: day.month, day: day.day })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seconds_become_the_utc_date() {
        let day = |seconds: &str| parse(seconds).map(|d| d.to_string());
        assert_eq!(day("0").as_deref(), Some("1970-01-01"));
        assert_eq!(day("951782400").as_deref(), Some("2000-02-29"));
        assert_eq!(day("1778284799").as_deref(), Some("2026-05-08"));
        assert_eq!(day("1778284800").as_deref(), Some("2026-05-09"));
        for bad in ["", "-1", "1.5", "soon", "99999999999999999999", "253402300800"] {
            assert_eq!(parse(bad), None, "{bad}");
        }
    }
}
