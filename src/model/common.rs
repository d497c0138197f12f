//! Small value types shared by the cluster and city files.

use std::fmt;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::{Deserialize, Deserializer, Serialize, Serializer, de};

use super::Dec;

/// A calendar date, written `2026-05-08` in YAML and printed 2026年5月8日.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

impl Date {
    pub fn parse(text: &str) -> Option<Date> {
        let mut parts = text.trim().splitn(3, '-');
        let year: u16 = parts.next()?.parse().ok()?;
        let month: u8 = parts.next()?.parse().ok()?;
        let day: u8 = parts.next()?.parse().ok()?;
        Date::from_ymd(year, month, day)
    }

    /// The date, if it is one of the calendar (years 1000 to 9999).
    pub fn from_ymd(year: u16, month: u8, day: u8) -> Option<Date> {
        let leap = year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400));
        let days = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return None,
        };
        (1000..=9999).contains(&year).then_some(())?;
        (1..=days).contains(&day).then_some(Date { year, month, day })
    }

    /// The date `days` days after 1970-01-01 (H. Hinnant's `civil_from_days`).
    pub fn from_days(days: i64) -> Option<Date> {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = doy - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = yoe + era * 400 + i64::from(month <= 2);
        Date::from_ymd(u16::try_from(year).ok()?, month as u8, day as u8)
    }

    /// Days since 1970-01-01 (H. Hinnant's `days_from_civil`).
    pub fn days(self) -> i64 {
        let (m, d) = (i64::from(self.month), i64::from(self.day));
        let y = i64::from(self.year) - i64::from(m <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// 2026年5月8日
    pub fn chinese(self) -> String {
        format!("{}年{}月{}日", self.year, self.month, self.day)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Date, D::Error> {
        let text = String::deserialize(d)?;
        Date::parse(&text).ok_or_else(|| de::Error::custom(format!("“{text}” 不是日期，应写作 2026-05-08")))
    }
}

impl JsonSchema for Date {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Date".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        // The loader checks the format with [`Date::parse`] (2026-02-30 is no date).
        json_schema!({ "type": "string", "format": "date" })
    }
}

/// 联系人及联系方式
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    /// 联系人
    pub name: String,
    /// 联系电话
    pub phone: String,
}

/// A form cell that holds a figure or, for 定性描述, words.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Number(Dec),
    Text(String),
}

impl Value {
    pub fn number(&self) -> Option<Dec> {
        match self {
            Value::Number(d) => Some(*d),
            Value::Text(_) => None,
        }
    }
}

impl Serialize for Value {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Value::Number(d) => d.serialize(s),
            Value::Text(t) => t.serialize(s),
        }
    }
}

impl<'de> Deserialize<'de> for Value {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Value, D::Error> {
        let text = String::deserialize(d)?;
        Ok(match text.parse::<Dec>() {
            Ok(number) => Value::Number(number),
            Err(_) => Value::Text(text),
        })
    }
}

impl JsonSchema for Value {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Value".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({ "type": ["number", "string"], "minimum": -super::decimal::MAX, "maximum": super::decimal::MAX })
    }
}

/// 是 / 否
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub enum YesNo {
    #[serde(rename = "是")]
    Yes,
    #[serde(rename = "否")]
    No,
}

/// 是 / 否 / 不适用
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum YesNoNa {
    #[serde(rename = "是")]
    Yes,
    #[serde(rename = "否")]
    No,
    /// The forms word it 非高耗能行业，不适用 or 非高用水行业，不适用; copying that is fine.
    #[serde(rename = "不适用", alias = "非高耗能行业，不适用", alias = "非高用水行业，不适用")]
    NotApplicable,
}

impl JsonSchema for YesNoNa {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "YesNoNa".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "enum": ["是", "否", "不适用", "非高耗能行业，不适用", "非高用水行业，不适用"],
        })
    }
}

// Three years of a figure: the forms' 2023 年、2024 年、2025 年 columns. (The doc comment of a
// schema type is its label, so what is said in English stays in `//` comments.)
/// 2023—2025 年各年的值
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Years<T> {
    /// 2023 年
    #[serde(rename = "2023")]
    pub y2023: T,
    /// 2024 年
    #[serde(rename = "2024")]
    pub y2024: T,
    /// 2025 年
    #[serde(rename = "2025")]
    pub y2025: T,
}

impl<T> Years<T> {
    pub const YEARS: [u16; 3] = [2023, 2024, 2025];

    pub fn values(&self) -> [&T; 3] {
        [&self.y2023, &self.y2024, &self.y2025]
    }

    pub fn map<U>(&self, mut f: impl FnMut(&T) -> U) -> Years<U> {
        Years { y2023: f(&self.y2023), y2024: f(&self.y2024), y2025: f(&self.y2025) }
    }

    pub fn zip<U, V>(&self, other: &Years<U>, mut f: impl FnMut(&T, &U) -> V) -> Years<V> {
        Years {
            y2023: f(&self.y2023, &other.y2023),
            y2024: f(&self.y2024, &other.y2024),
            y2025: f(&self.y2025, &other.y2025),
        }
    }
}

// A figure from 2022 on: the year before the forms' three, which their 增速 and 近三年年均增速
// are measured from.
/// 2022—2025 年各年的值（2022 年为计算增速的基数）
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct YearsFrom2022<T> {
    /// 2022 年（计算 2023 年增速和近三年年均增速的基数）
    #[serde(rename = "2022")]
    pub y2022: T,
    /// 2023 年
    #[serde(rename = "2023")]
    pub y2023: T,
    /// 2024 年
    #[serde(rename = "2024")]
    pub y2024: T,
    /// 2025 年
    #[serde(rename = "2025")]
    pub y2025: T,
}

impl<T: Clone> YearsFrom2022<T> {
    /// The three years the forms print.
    pub fn years(&self) -> Years<T> {
        Years { y2023: self.y2023.clone(), y2024: self.y2024.clone(), y2025: self.y2025.clone() }
    }

    /// Pairs (previous year, year) for 2023, 2024 and 2025.
    pub fn steps(&self) -> Years<(T, T)> {
        Years {
            y2023: (self.y2022.clone(), self.y2023.clone()),
            y2024: (self.y2023.clone(), self.y2024.clone()),
            y2025: (self.y2024.clone(), self.y2025.clone()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_checked_and_printed_in_chinese() {
        assert_eq!(Date::parse("2026-05-08").unwrap().chinese(), "2026年5月8日");
        assert!(Date::parse("2026-02-30").is_none());
        assert!(Date::parse("2026/05/08").is_none());
        let d: Date = serde_yaml::from_str("2024-02-29").unwrap();
        assert_eq!(d.to_string(), "2024-02-29");
    }

    #[test]
    fn a_value_is_a_number_when_it_reads_as_one() {
        let v: Value = serde_yaml::from_str("12.50").unwrap();
        assert_eq!(v.number().unwrap().to_string(), "12.50");
        let v: Value = serde_yaml::from_str("建立常态化国际合作机制").unwrap();
        assert_eq!(v, Value::Text("建立常态化国际合作机制".into()));
    }

    #[test]
    fn years_are_keyed_by_the_year() {
        let y: Years<u32> = serde_yaml::from_str("2023: 1\n2024: 2\n2025: 3\n").unwrap();
        assert_eq!(y.values(), [&1, &2, &3]);
        assert!(serde_yaml::from_str::<Years<u32>>("2023: 1\n2024: 2\n").is_err());
    }
}
