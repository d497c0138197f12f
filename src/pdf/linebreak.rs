//! Where a line may end in mixed Chinese and Latin text.
//!
//! UAX #14 (unicode-linebreak) keeps Latin words and numbers whole; on top of it the rules
//! Chinese typesetters follow (GB/T 15834 标点符号用法, 禁则): a line may break between any
//! two Chinese characters, but never before a closing or pausing mark (，。、；：？！）》”…)
//! nor after an opening one (（《“…); a dash or ellipsis pair (——, ……) stays whole; and a
//! number keeps the unit or percent sign that follows it ("2028年", "12.50%").

/// Characters that must not begin a line (行首禁则).
const NO_START: &str = "，。、；：？！）］｝】》〉」』〕〗〙〛”’％‰℃,.;:?!)]}%、｠｣々〻ゝゞヽヾー";
/// Characters that must not end a line (行尾禁则).
const NO_END: &str = "（［｛【《〈「『〔〖〘〚“‘([{｟｢";
/// Marks written doubled whose halves must stay on one line.
const PAIRED: &str = "—…⋯";
/// Signs and units that stay with the number before them.
const UNITS: &str = "%‰℃℉°′″㎡㎞㎏㎎㎝㎜㎖㏄％";

/// Whether a line may end after `chars[i]`, for every `i`; the last entry is always `true`.
pub(crate) fn opportunities(chars: &[char]) -> Vec<bool> {
    let text: String = chars.iter().collect();
    // unicode-linebreak gives byte offsets before which a line may start.
    let mut uax = vec![false; chars.len()];
    let char_at: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
    for (byte, _) in unicode_linebreak::linebreaks(&text) {
        if let Ok(i) = char_at.binary_search(&byte)
            && i > 0
        {
            uax[i - 1] = true;
        }
    }
    let mut out = vec![false; chars.len()];
    for i in 0..chars.len() {
        let Some(&next) = chars.get(i + 1) else {
            out[i] = true;
            continue;
        };
        out[i] = may_break(chars[i], next, uax[i]);
    }
    out
}

fn may_break(before: char, after: char, uax: bool) -> bool {
    if NO_START.contains(after) || NO_END.contains(before) {
        return false;
    }
    if before == after && PAIRED.contains(before) {
        return false;
    }
    if (before.is_ascii_digit() || is_fullwidth_digit(before)) && (is_ideograph(after) || UNITS.contains(after)) {
        return false;
    }
    // A space stays at the end of the line it follows; breaks come after it.
    if after.is_whitespace() {
        return false;
    }
    // UAX #14 forbids breaks around “ ” (class QU), which Chinese text breaks around freely.
    uax || is_cjk(before) || is_cjk(after)
}

/// A mark that may not begin a line: it counts with the character before it.
pub(crate) fn may_not_start(c: char) -> bool {
    NO_START.contains(c)
}

fn is_fullwidth_digit(c: char) -> bool {
    ('０'..='９').contains(&c)
}

/// Han characters, the ones a Chinese line may break between.
pub(crate) fn is_ideograph(c: char) -> bool {
    matches!(c as u32,
        0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3FFFF | 0x3007)
}

/// Characters set on the CJK em grid: Han, kana, CJK and full-width punctuation, enclosed
/// numbers (①), CJK units (㎡) and the checkboxes.
pub(crate) fn is_cjk(c: char) -> bool {
    is_ideograph(c)
        || matches!(c as u32,
            0x2460..=0x24FF | 0x2610..=0x2612 | 0x2E80..=0x2FDF | 0x3000..=0x33FF | 0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The text with "|" at every allowed break.
    fn breaks(text: &str) -> String {
        let chars: Vec<char> = text.chars().collect();
        let ok = opportunities(&chars);
        let mut out = String::new();
        for (i, c) in chars.iter().enumerate() {
            out.push(*c);
            if ok[i] && i + 1 < chars.len() {
                out.push('|');
            }
        }
        out
    }

    #[test]
    fn chinese_breaks_between_characters() {
        assert_eq!(breaks("集群名称"), "集|群|名|称");
    }

    #[test]
    fn no_line_starts_with_closing_or_pausing_marks() {
        assert_eq!(breaks("产业，集群。"), "产|业，|集|群。");
        assert_eq!(breaks("（一）总体"), "（一）|总|体");
        assert_eq!(breaks("是否；否：是！"), "是|否；|否：|是！");
        assert_eq!(breaks("《办法》、规定"), "《办|法》、|规|定");
    }

    #[test]
    fn no_line_ends_with_opening_marks() {
        assert_eq!(breaks("称为“小巨人”企业"), "称|为|“小|巨|人”|企|业");
        assert_eq!(breaks("见【附件】"), "见|【附|件】");
        assert_eq!(breaks("「甲」『乙』"), "「甲」|『乙』");
    }

    #[test]
    fn dash_and_ellipsis_pairs_stay_whole() {
        assert_eq!(breaks("甲——乙"), "甲|——|乙");
        assert_eq!(breaks("等等……"), "等|等|……");
    }

    #[test]
    fn latin_words_and_numbers_are_not_split() {
        assert_eq!(breaks("采用MES系统"), "采|用|MES|系|统");
        assert_eq!(breaks("open source code"), "open |source |code");
        assert_eq!(breaks("增速12.50%以上"), "增|速|12.50%|以|上");
        assert_eq!(breaks("到2028年底"), "到|2028年|底");
        assert_eq!(breaks("-3.75%"), "-3.75%");
    }

    #[test]
    fn spaces_stay_on_the_line_they_end() {
        assert_eq!(breaks("是 否"), "是 |否");
    }
}
