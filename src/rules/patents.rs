//! 截至 2025 年底的中小企业有效发明专利清单: each entry once, granted by the end of 2025, and a
//! patent number (ZL + 12-digit application number + check digit) that is well formed and
//! names an invention — a 实用新型 or 外观设计 patent in the list is the commonest slip, and the
//! count of the form is the list's length.

use std::collections::BTreeMap;

use super::Cx;
use crate::load::diagnostic::Diagnostic;

/// The list's date: valid at the end of 2025.
const LAST_YEAR: u16 = 2025;

pub fn check(cx: &Cx, out: &mut Vec<Diagnostic>) {
    let mut seen: BTreeMap<String, String> = BTreeMap::new();
    for (i, patent) in cx.cluster.lists.patents.iter().enumerate() {
        let at = |field: &str| format!("lists.patents.{i}.{field}");
        let (number_at, granted_at) = (at("number"), at("granted"));
        if cx.intact(&[&granted_at]) && patent.granted.year > LAST_YEAR {
            out.push(cx.error(
                &granted_at,
                format!(
                    "授权公告日 {} 在 {LAST_YEAR} 年底之后：清单只列截至 {LAST_YEAR} 年底的有效发明专利",
                    patent.granted
                ),
                "核对授权公告日；之后授权的专利不列入，并相应核对有效发明专利数量",
            ));
        }
        if !cx.intact(&[&number_at]) {
            continue;
        }
        let number: String = patent.number.chars().filter(|c| !c.is_whitespace()).collect();
        if let Some(first) = seen.get(&number) {
            out.push(cx.error(
                &number_at,
                format!("专利号 {} 已在第 {} 行列出", patent.number, cx.line(first)),
                "同一专利只列一次：删去重复的一项（有效发明专利数量按清单的项数核对）",
            ));
        } else {
            seen.insert(number.clone(), number_at.clone());
        }
        if let Some(problem) = number.strip_prefix("ZL").and_then(application_number) {
            out.push(cx.error(&number_at, format!("专利号 {}：{problem}", patent.number), NUMBER_FIX));
        }
    }
}

const NUMBER_FIX: &str = "照专利证书或国家知识产权局的公告核对专利号；有效发明专利清单只列发明专利（包括国防专利等表中所列各类），不列实用新型和外观设计专利";

/// What is wrong with the part of a patent number after `ZL` (`201310664209.3`), if anything:
/// 12 digits — year, type (1 invention, 8 an invention entering China under the PCT), serial
/// — then a point and the check digit (the digits weighted 2–9, 2–5, modulo 11, 10 as X).
fn application_number(rest: &str) -> Option<String> {
    let (digits, check) = rest.split_once('.').unwrap_or((rest, ""));
    if digits.len() != 12 || !digits.bytes().all(|b| b.is_ascii_digit()) || check.chars().count() != 1 {
        return Some("不是“ZL + 12 位申请号 + . + 1 位校验位”的格式（如 ZL202310123456.7）".to_owned());
    }
    let kind = match digits.as_bytes()[4] {
        b'1' | b'8' => None,
        b'2' | b'9' => Some("实用新型专利"),
        b'3' => Some("外观设计专利"),
        _ => Some("不是专利申请的类型"),
    };
    if let Some(kind) = kind {
        return Some(format!("申请号第 5 位是 {}，这是{kind}，不是发明专利", &digits[4..5]));
    }
    const WEIGHTS: [u32; 12] = [2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5];
    let sum: u32 = digits.bytes().zip(WEIGHTS).map(|(b, w)| u32::from(b - b'0') * w).sum();
    let expected = match sum % 11 {
        10 => 'X',
        d => char::from(b'0' + d as u8),
    };
    (!check.eq_ignore_ascii_case(&expected.to_string()))
        .then(|| format!("校验位是 {check}，按前 12 位应为 {expected}，有一位数字可能抄错了"))
}

#[cfg(test)]
mod tests {
    use super::application_number;

    #[test]
    fn numbers_are_read_as_the_patent_office_writes_them() {
        for valid in ["201310664209.3", "201410414245.9", "202280100004.X", "202280100004.x"] {
            assert_eq!(application_number(valid), None, "{valid}");
        }
        assert!(application_number("201310664209.4").unwrap().contains("应为 3"));
        assert!(application_number("201320664209.3").unwrap().contains("实用新型专利"));
        assert!(application_number("201330664209.3").unwrap().contains("外观设计专利"));
        assert!(application_number("20131066420.3").unwrap().contains("格式"));
        assert!(application_number("2013106642093").unwrap().contains("格式"));
    }
}
