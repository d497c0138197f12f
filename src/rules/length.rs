//! Character limits: the 200字 narratives, 集群简介 ≤ 300字, and the development plan (or the
//! review narrative with its plan) ≤ 3000字 — counted as reviewers count, with Word / WPS
//! 字数统计.
//!
//! What the 3000字 covers: the form puts “(3000 字以内)” under the heading of application part
//! 八, which holds 一、集群基本情况简介, 二、发展成效, 三、存在的问题 and 四、…发展规划 (总体思路,
//! the three 阶段性目标, 重点任务, 保障措施). The review form splits the same content into part
//! 二 (简介, 培育工作, 发展成效) and part 四 (the plan), so a review counts both. The target tables
//! (figures and short 定性描述 cells) are not prose and are not counted.

use unicode_width::UnicodeWidthChar;

use super::{Cx, applies, reviews};
use crate::load::diagnostic::Diagnostic;
use crate::model::Cluster;

/// 字数 as Word and WPS count it in Chinese text: each CJK character and each full-width
/// punctuation mark or symbol is one; a run of Latin letters, digits and half-width signs
/// (“2025”, “56.30”, “12%”, “5G+”) is one word; whitespace counts nothing and ends a run.
pub fn count(text: &str) -> usize {
    let mut words = 0;
    let mut in_run = false;
    for ch in text.chars() {
        if ch.is_whitespace() {
            in_run = false;
        } else if joins_run(ch) {
            words += usize::from(!in_run);
            in_run = true;
        } else {
            words += 1;
            in_run = false;
        }
    }
    words
}

/// Half-width characters that make up a Western word: ASCII, and letters or digits of other
/// narrow scripts (é, α). Wide characters and non-ASCII signs (“ ” — ℃ ×) stand alone.
fn joins_run(ch: char) -> bool {
    ch.is_ascii() || (ch.is_alphanumeric() && ch.width() == Some(1))
}

type Text = fn(&Cluster) -> Option<&str>;

/// The 200字 narratives of parts 二–七.
const SHORT: [(&str, Text); 8] = [
    ("industry.chain_text", |c| c.industry.as_ref().map(|i| i.chain_text.as_str())),
    ("industry.collaboration_text", |c| c.industry.as_ref().map(|i| i.collaboration_text.as_str())),
    ("industry.quality_text", |c| c.industry.as_ref().map(|i| i.quality_text.as_str())),
    ("digital.service_text", |c| c.digital.as_ref().map(|d| d.service_text.as_str())),
    ("digital.new_model_text", |c| c.digital.as_ref().map(|d| d.new_model_text.as_str())),
    ("green.text", |c| c.green.as_ref().map(|g| g.text.as_str())),
    ("openness.text", |c| c.openness.as_ref().map(|o| o.text.as_str())),
    ("governance.environment_text", |c| c.governance.as_ref().map(|g| g.environment_text.as_str())),
];

/// Part 八 一–三 of the application.
const APPLICATION_HEAD: [(&str, Text); 3] = [
    ("plan.intro", |c| c.plan.intro.as_deref()),
    ("plan.achievements", |c| c.plan.achievements.as_deref()),
    ("plan.problems", |c| c.plan.problems.as_deref()),
];

/// Part 二 of the review form.
const REVIEW_HEAD: [(&str, Text); 3] = [
    ("review.intro", |c| c.review.as_ref().map(|r| r.intro.as_str())),
    ("review.cultivation", |c| c.review.as_ref().map(|r| r.cultivation.as_str())),
    ("review.achievements", |c| c.review.as_ref().map(|r| r.achievements.as_str())),
];

/// The plan itself, in both forms.
const PLAN: [(&str, Text); 6] = [
    ("plan.approach", |c| Some(c.plan.approach.as_str())),
    ("plan.stages.2026.text", |c| Some(c.plan.stages.y2026.text.as_str())),
    ("plan.stages.2027.text", |c| Some(c.plan.stages.y2027.text.as_str())),
    ("plan.stages.2028.text", |c| Some(c.plan.stages.y2028.text.as_str())),
    ("plan.tasks", |c| Some(c.plan.tasks.as_str())),
    ("plan.safeguards", |c| Some(c.plan.safeguards.as_str())),
];

const SHORT_LIMIT: usize = 200;
const SUMMARY_LIMIT: usize = 300;
const PLAN_LIMIT: usize = 3000;

/// The limit a narrative has on its own (集群简介 300字, the 200字 texts of parts 二–七).
pub fn own_limit(path: &str) -> Option<usize> {
    if path == "summary" {
        return Some(SUMMARY_LIMIT);
    }
    SHORT.iter().any(|(p, _)| *p == path).then_some(SHORT_LIMIT)
}

/// Whether a narrative counts toward a shared limit (a section of the plan or the review).
pub fn shared(path: &str) -> bool {
    APPLICATION_HEAD.iter().chain(&REVIEW_HEAD).chain(&PLAN).any(|(p, _)| *p == path)
}

/// A narrative of several sections counted together toward one limit, as the cluster's
/// submissions have it: 申报表第八部分正文, 复核申报表第二、四部分正文.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Total {
    /// The part a finding about it points at (`plan`, `review`).
    pub at: &'static str,
    pub what: &'static str,
    /// Each section present and its count.
    pub sections: Vec<(&'static str, usize)>,
    pub count: usize,
    pub limit: usize,
}

/// The shared limits the cluster's submissions have.
pub fn totals(c: &Cluster) -> Vec<Total> {
    let narratives = [
        (applies(c), "plan", "申报表第八部分正文", &APPLICATION_HEAD),
        (reviews(c), "review", "复核申报表第二、四部分正文", &REVIEW_HEAD),
    ];
    narratives
        .into_iter()
        .filter(|(submitted, ..)| *submitted)
        .map(|(_, at, what, head)| {
            let sections: Vec<(&'static str, usize)> =
                head.iter().chain(&PLAN).filter_map(|(path, text)| text(c).map(|t| (*path, count(t)))).collect();
            let count = sections.iter().map(|(_, n)| n).sum();
            Total { at, what, sections, count, limit: PLAN_LIMIT }
        })
        .collect()
}

pub fn check(cx: &Cx, out: &mut Vec<Diagnostic>) {
    let c = cx.cluster;
    limit(cx, "summary", &c.summary, SUMMARY_LIMIT, out);
    for (path, text) in SHORT {
        if let Some(text) = text(c) {
            limit(cx, path, text, SHORT_LIMIT, out);
        }
    }
    for total in totals(c) {
        over(cx, &total, out);
    }
}

fn limit(cx: &Cx, path: &str, text: &str, max: usize, out: &mut Vec<Diagnostic>) {
    let n = count(text);
    if n > max {
        out.push(cx.error(
            path,
            format!("共 {n} 字，超过 {max} 字的限制"),
            format!("删减 {} 字以上（按 Word/WPS 字数统计：汉字和全角标点各计 1 字，连续的字母数字计 1 字）", n - max),
        ));
    }
}

/// The 3000字 narrative, reported once at its part with each section's count.
fn over(cx: &Cx, total: &Total, out: &mut Vec<Diagnostic>) {
    let Total { at, what, sections, count: n, limit } = total;
    if n > limit {
        let parts: Vec<String> = sections.iter().map(|(path, n)| format!("{} {n} 字", cx.title(path))).collect();
        out.push(cx.error(
            at,
            format!("{what}（表格除外）共 {n} 字，超过 {limit} 字的限制"),
            format!("删减 {} 字以上。各部分字数：{}", n - limit, parts.join("，")),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::count;

    #[test]
    fn counts_like_word() {
        // 2025 | 年 产 值 | 56.30 | 亿 元 | ， | 同 比 增 长 | 12%
        assert_eq!(count("2025年产值56.30亿元，同比增长12%"), 13);
        assert_eq!(count("5G+工业互联网"), 6);
        assert_eq!(count("GB/T 2589《综合能耗计算通则》"), 12);
        assert_eq!(count("“祁县玻璃器皿”集体商标"), 12);
        assert_eq!(count("  \n\u{3000}\t"), 0);
        assert_eq!(count("café and α-beta"), 3);
        assert_eq!(count("温度 25℃ 左右"), 6);
        assert_eq!(count("１２"), 2, "full-width digits count as characters");
        assert_eq!(count(""), 0);
    }
}
