//! Tera filters for the forms' conventions: two decimals, Chinese dates, ☑/☐, "无" for
//! nothing, paragraphs of a narrative.

use std::collections::HashMap;

use tera::{Result, Tera, Value, to_value};

use crate::model::{Date, Dec};

pub fn register(tera: &mut Tera) {
    tera.register_filter("fix2", fix2);
    tera.register_filter("num", num);
    tera.register_filter("or_blank", or_blank);
    tera.register_filter("cn_date", cn_date);
    tera.register_filter("or_none", or_none);
    tera.register_filter("paras", paras);
    tera.register_filter("box", check_box);
}

type Args = HashMap<String, Value>;

/// A figure with exactly two decimal places (保留小数点后2位); a figure that could not be
/// computed (its base is zero) prints “无”, as the notice has an empty field filled.
fn fix2(value: &Value, _: &Args) -> Result<Value> {
    let text = match value {
        Value::Null => return Ok(to_value("无")?),
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        other => return Err(format!("fix2 不能用于 {other}").into()),
    };
    let number: Dec = text.parse().map_err(|_| format!("fix2：“{text}” 不是数字"))?;
    Ok(to_value(number.fixed2())?)
}

/// A figure as the form prints it: whole numbers as typed (counts), anything with decimals to
/// two places; words (定性描述) as they are.
fn num(value: &Value, args: &Args) -> Result<Value> {
    match value {
        Value::String(s) => match s.parse::<Dec>() {
            Ok(d) if d.scale() == 0 => Ok(to_value(d.to_string())?),
            Ok(_) => fix2(value, args),
            Err(_) => Ok(value.clone()),
        },
        Value::Number(n) if n.is_u64() || n.is_i64() => Ok(to_value(n.to_string())?),
        _ => fix2(value, args),
    }
}

/// Nothing where the data has nothing (an optional field left out).
fn or_blank(value: &Value, _: &Args) -> Result<Value> {
    Ok(if value.is_null() { to_value("")? } else { value.clone() })
}

/// `2026-05-08` → 2026年5月8日.
fn cn_date(value: &Value, _: &Args) -> Result<Value> {
    let text = value.as_str().ok_or("cn_date 需要日期文字")?;
    let date = Date::parse(text).ok_or_else(|| format!("cn_date：“{text}” 不是日期"))?;
    Ok(to_value(date.chinese())?)
}

/// "无" where the form needs a value and there is none.
fn or_none(value: &Value, _: &Args) -> Result<Value> {
    let empty = match value {
        Value::Null => true,
        Value::String(s) => s.trim().is_empty(),
        Value::Array(a) => a.is_empty(),
        _ => false,
    };
    Ok(if empty { to_value("无")? } else { value.clone() })
}

/// A narrative's paragraphs: each non-empty line is one paragraph.
fn paras(value: &Value, _: &Args) -> Result<Value> {
    let text = match value {
        Value::Null => "",
        Value::String(s) => s,
        other => return Err(format!("paras 需要文字，而不是 {other}").into()),
    };
    let lines: Vec<&str> = text.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    Ok(to_value(lines)?)
}

/// ☑ for true, ☐ for false.
fn check_box(value: &Value, _: &Args) -> Result<Value> {
    Ok(to_value(if value.as_bool().unwrap_or(false) { "☑" } else { "☐" })?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn apply(f: fn(&Value, &Args) -> Result<Value>, v: Value) -> Value {
        f(&v, &Args::new()).unwrap()
    }

    #[test]
    fn conventions() {
        assert_eq!(apply(fix2, Value::from("12.3")), "12.30");
        assert_eq!(apply(fix2, Value::from(7)), "7.00");
        assert_eq!(apply(fix2, Value::Null), "无");
        assert_eq!(apply(num, Value::from("36")), "36");
        assert_eq!(apply(num, Value::from("3.2")), "3.20");
        assert_eq!(apply(num, Value::from("定性")), "定性");
        assert_eq!(apply(or_blank, Value::Null), "");
        assert_eq!(apply(cn_date, Value::from("2026-05-10")), "2026年5月10日");
        assert_eq!(apply(or_none, Value::from(" ")), "无");
        assert_eq!(apply(or_none, Value::Array(vec![])), "无");
        assert_eq!(apply(paras, Value::from("一段\n\n 二段 \n")), serde_json::json!(["一段", "二段"]));
        assert_eq!(apply(check_box, Value::from(true)), "☑");
    }
}
