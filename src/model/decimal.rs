//! Figures as decimals, kept exactly as typed: `12.30` stays twelve point three zero, never
//! the binary float 12.300000000000000711.

use std::fmt;
use std::str::FromStr;

use rust_decimal::{Decimal, RoundingStrategy};
use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::{Deserialize, Deserializer, Serialize, Serializer, de};

/// A figure of the forms (产值, 比例, 增速…).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Dec(pub Decimal);

impl Dec {
    pub const ZERO: Dec = Dec(Decimal::ZERO);
    pub const HUNDRED: Dec = Dec(Decimal::ONE_HUNDRED);

    pub fn from_int(value: i64) -> Dec {
        Dec(Decimal::from(value))
    }

    /// Rounded half away from zero to two places, as 保留小数点后2位 means.
    pub fn round2(self) -> Dec {
        Dec(self.0.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero))
    }

    /// The form's print: exactly two decimal places.
    pub fn fixed2(self) -> String {
        let mut d = self.round2().0;
        d.rescale(2);
        d.to_string()
    }

    /// Decimal places as typed (`12.345` → 3): more than two means the print rounds it.
    pub fn scale(self) -> u32 {
        self.0.scale()
    }

    pub fn is_zero(self) -> bool {
        self.0.is_zero()
    }

    pub fn checked_div(self, other: Dec) -> Option<Dec> {
        self.0.checked_div(other.0).map(Dec)
    }

    pub fn to_f64(self) -> f64 {
        use rust_decimal::prelude::ToPrimitive;
        self.0.to_f64().unwrap_or(f64::NAN)
    }

    /// The nearest decimal of a computed float (rates from roots), rounded to 6 places so
    /// that later rounding to 2 places is not disturbed by the float's last bits.
    pub fn from_f64(value: f64) -> Option<Dec> {
        use rust_decimal::prelude::FromPrimitive;
        Decimal::from_f64(value).map(|d| Dec(d.round_dp(6)))
    }
}

// Arithmetic saturates: a figure typed absurdly large must become a finding, never a panic
// (rust_decimal's operators panic on overflow).
impl std::ops::Sub for Dec {
    type Output = Dec;
    fn sub(self, rhs: Dec) -> Dec {
        Dec(self.0.saturating_sub(rhs.0))
    }
}

impl std::ops::Mul for Dec {
    type Output = Dec;
    fn mul(self, rhs: Dec) -> Dec {
        Dec(self.0.saturating_mul(rhs.0))
    }
}

impl std::ops::Add for Dec {
    type Output = Dec;
    fn add(self, rhs: Dec) -> Dec {
        Dec(self.0.saturating_add(rhs.0))
    }
}

impl fmt::Display for Dec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl FromStr for Dec {
    type Err = rust_decimal::Error;
    fn from_str(s: &str) -> Result<Dec, Self::Err> {
        Decimal::from_str_exact(s.trim()).map(Dec)
    }
}

impl From<u32> for Dec {
    fn from(value: u32) -> Dec {
        Dec(Decimal::from(value))
    }
}

impl Serialize for Dec {
    /// As the exact decimal text, so templates and JSON keep every digit.
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Dec {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Dec, D::Error> {
        struct Visitor;
        impl de::Visitor<'_> for Visitor {
            type Value = Dec;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("数字（如 12.30）")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Dec, E> {
                v.parse().map_err(|_| E::invalid_value(de::Unexpected::Str(v), &self))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Dec, E> {
                Ok(Dec::from_int(v))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Dec, E> {
                Ok(Dec(Decimal::from(v)))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Dec, E> {
                // Only reached from formats that parsed the number already; the shortest
                // round-trip text of the float is what was typed.
                self.visit_str(&v.to_string())
            }
        }
        // YAML hands the scalar's own text to `deserialize_str`: `12.30` arrives as "12.30".
        d.deserialize_str(Visitor)
    }
}

/// The largest figure a form takes: a trillion (of 万元, 亿元, 吨…) is past any cluster's, so a
/// larger one is a slip of the keyboard — and every rate computed from figures in this range
/// stays within the decimal type.
pub const MAX: i64 = 1_000_000_000_000;

impl JsonSchema for Dec {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Dec".into()
    }

    /// The forms' figures (产值, 金额, 比例, 强度) are never below zero.
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({ "type": "number", "minimum": 0, "maximum": MAX })
    }
}

/// A figure that may be below zero: a rate of change (增速, 年均增速, an industry's 下降率).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Signed(pub Dec);

impl std::ops::Deref for Signed {
    type Target = Dec;
    fn deref(&self) -> &Dec {
        &self.0
    }
}

impl fmt::Display for Signed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl JsonSchema for Signed {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Signed".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({ "type": "number", "minimum": -MAX, "maximum": MAX })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_what_was_typed_and_prints_two_places() {
        let d: Dec = serde_yaml::from_str("12.30").unwrap();
        assert_eq!(d.to_string(), "12.30");
        assert_eq!(d.fixed2(), "12.30");
        let d: Dec = serde_yaml::from_str("7").unwrap();
        assert_eq!(d.fixed2(), "7.00");
        let d: Dec = serde_yaml::from_str("2.675").unwrap();
        assert_eq!(d.scale(), 3);
        assert_eq!(d.fixed2(), "2.68", "half away from zero, with no float error");
        let d: Dec = serde_yaml::from_str("0.1").unwrap();
        assert_eq!((d + d + d).fixed2(), "0.30");
    }

    #[test]
    fn text_that_is_not_a_number_is_refused() {
        assert!(serde_yaml::from_str::<Dec>("十二").is_err());
    }
}
