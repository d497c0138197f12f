//! Every rule of `dossier::rules`, each with data that breaks it (the finding, its line and
//! column) and data that meets it (no finding). The data is the bundled example, edited as
//! text and written to a temporary folder with an evidence file in every volume item folder.

mod common;

use std::fs;

use dossier::load::diagnostic::{Diagnostic, Severity};

/// An example cluster, edited, ready to be written out and checked.
struct Fixture {
    text: String,
    /// Evidence folders left empty.
    bare: Vec<&'static str>,
    /// Extra files, relative to the cluster folder.
    files: Vec<(String, Vec<u8>)>,
}

impl Fixture {
    fn new(cluster: &str) -> Fixture {
        let text = fs::read_to_string(common::example(cluster).join("cluster.yaml")).unwrap();
        // A cluster that keeps its lists in a workbook brings it along.
        let workbook = fs::read(common::example(cluster).join("名单.xlsx"));
        let files = workbook.into_iter().map(|bytes| ("名单.xlsx".to_owned(), bytes)).collect();
        Fixture { text, bare: Vec::new(), files }
    }

    fn qixian() -> Fixture {
        Fixture::new("qixian-glass")
    }

    fn yuci() -> Fixture {
        Fixture::new("yuci-hydraulics")
    }

    /// Replaces text that occurs exactly once.
    fn edit(mut self, from: &str, to: &str) -> Fixture {
        assert_eq!(self.text.matches(from).count(), 1, "{from:?} should occur once");
        self.text = self.text.replacen(from, to, 1);
        self
    }

    /// Leaves an evidence folder (by its number prefix, `05`) without files.
    fn bare(mut self, folder: &'static str) -> Fixture {
        self.bare.push(folder);
        self
    }

    fn file(mut self, relative: &str, bytes: &[u8]) -> Fixture {
        self.files.push((relative.to_owned(), bytes.to_vec()));
        self
    }

    /// Writes the cluster folder and checks it.
    fn check(&self) -> Checked {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("cluster.yaml");
        fs::write(&file, &self.text).unwrap();
        common::stand_in_evidence(dir.path(), &self.bare);
        for (relative, bytes) in &self.files {
            let path = dir.path().join(relative);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(path, bytes).unwrap();
        }
        let loaded = match dossier::load::cluster(&file) {
            Ok(loaded) => loaded,
            Err(dossier::load::LoadError::Invalid { diagnostics, .. }) => {
                return Checked { findings: diagnostics, text: self.text.clone(), _dir: dir };
            }
            Err(e) => panic!("{e}"),
        };
        Checked { findings: dossier::rules::cluster(&loaded), text: self.text.clone(), _dir: dir }
    }
}

struct Checked {
    findings: Vec<Diagnostic>,
    text: String,
    _dir: tempfile::TempDir,
}

impl Checked {
    /// The one finding at `path`, which must have this severity.
    fn only(&self, path: &str, severity: Severity) -> &Diagnostic {
        let at: Vec<&Diagnostic> = self.findings.iter().filter(|d| d.path == path).collect();
        assert_eq!(at.len(), 1, "one finding at {path}, got {:#?}", self.findings);
        assert_eq!(at[0].severity, severity, "{:#?}", at[0]);
        at[0]
    }

    /// Asserts exactly one finding, at `path`, placed where `needle` starts in the YAML
    /// (`needle` is `key: value` or a line of a list; the column is the value's).
    fn single(&self, path: &str, severity: Severity, needle: &str) -> &Diagnostic {
        assert_eq!(self.findings.len(), 1, "{:#?}", self.findings);
        let d = self.only(path, severity);
        assert_eq!((d.pos.line, d.pos.column), place(&self.text, needle), "{d:#?}");
        d
    }

    fn clean(&self) {
        assert!(self.findings.is_empty(), "{:#?}", self.findings);
    }
}

/// Line and column (1-based, in characters) that `needle` points at: the value of a
/// `key: value` line, the key of a `key:` line (a mapping or a list is shown at its key), the
/// item of a `- item` line. Only the needle's first line counts; the rest makes it unique.
fn place(text: &str, needle: &str) -> (usize, usize) {
    let start = text.find(needle).unwrap_or_else(|| panic!("{needle:?} not in the fixture"));
    assert_eq!(text.matches(needle).count(), 1, "{needle:?} should be unique");
    let first = needle.trim_start_matches('\n').lines().next().unwrap_or_default();
    let skipped = needle.len() - needle.trim_start_matches('\n').len();
    let indent = first.len() - first.trim_start().len();
    let offset = if let Some(i) = first.find(": ") {
        i + 2
    } else if first.trim_start().starts_with("- ") {
        indent + 2
    } else {
        indent
    };
    let at = start + skipped + offset;
    let line = text[..at].matches('\n').count() + 1;
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    (line, text[line_start..at].chars().count() + 1)
}

#[test]
fn the_example_clusters_meet_every_rule() {
    Fixture::qixian().check().clean();
    beef().check().clean();
    Fixture::yuci().check().clean();
}

/// The beef cluster, with the photo its `evidence.layout` keeps upright.
fn beef() -> Fixture {
    let photo = "evidence/16-国际合作交流/01-中国国际食品和饮料展览会展位照片.jpg";
    Fixture::new("pingyao-beef").file(photo, &fs::read(common::example("pingyao-beef").join(photo)).unwrap())
}

#[test]
fn a_layout_for_a_file_that_is_not_there_is_a_warning() {
    let checked = Fixture::new("pingyao-beef").check();
    let d = checked
        .only("evidence.layout.evidence/16-国际合作交流/01-中国国际食品和饮料展览会展位照片.jpg", Severity::Warning);
    assert!(d.message.contains("第 1 个摆放设置对应的文件") && d.message.contains("不存在"), "{d:#?}");
    assert_eq!(checked.findings.len(), 1, "{:#?}", checked.findings);
}

// ---- required: text that is there but empty, the 情况说明 a 是 needs ----

#[test]
fn an_empty_text_is_an_error_and_无_is_a_value() {
    // The loader refuses a blank required field; an optional one that is there but blank
    // reaches the rules (it would print as a blank).
    let broken =
        Fixture::qixian().edit("name: 祁县玻璃器皿产业\n", "name: 祁县玻璃器皿产业\nnational_name: \"  \"\n").check();
    let d = broken.only("national_name", Severity::Error);
    assert_eq!(broken.findings.len(), 1, "{:#?}", broken.findings);
    assert_eq!(
        (d.pos.line, d.pos.column),
        (place(&broken.text, "national_name: ").0, 1),
        "a blank value is shown at its key"
    );
    assert_eq!(d.label, "国家级表中的集群名称");
    assert!(d.fix.contains("“无”"), "{d:#?}");
    Fixture::qixian()
        .edit("name: 祁县玻璃器皿产业\n", "name: 祁县玻璃器皿产业\nnational_name: 山西省祁县玻璃器皿产业\n")
        .check()
        .clean();
    Fixture::qixian().edit("leading_industry: 日用玻璃器皿", "leading_industry: 无").check().clean();
}

#[test]
fn a_yes_needs_its_note() {
    let broken = Fixture::qixian().edit("  accidents:\n    answer: 否", "  accidents:\n    answer: 是").check();
    let d = broken.only("basics.accidents.note", Severity::Error);
    assert_eq!((d.pos.line, d.pos.column), place(&broken.text, "    answer: 是"));
    assert!(d.message.contains("情况说明"), "{d:#?}");
    // The 是 also denies what 附件8 states: said as a warning of its own.
    broken.only("basics.accidents.answer", Severity::Warning);
    assert_eq!(broken.findings.len(), 2, "{:#?}", broken.findings);
    let noted = Fixture::qixian()
        .edit(
            "  violations:\n    answer: 否",
            "  violations:\n    answer: 是\n    note: 2024年某企业因环保手续不全被责令整改，已于当年完成整改。",
        )
        .check();
    // With its note the 是 is complete; only the word on 附件8 stays.
    noted.single("basics.violations.answer", Severity::Warning, "    answer: 是\n    note: 2024年");
}

#[test]
fn a_changed_operator_needs_its_note() {
    let yuci = Fixture::yuci();
    let start = yuci.text.find("  change_note: |").unwrap();
    let end = yuci.text.find("\nsubmitted:").unwrap();
    let note = yuci.text[start..end].to_owned();
    let broken = yuci.edit(&note, "").check();
    broken.single("operator.change_note", Severity::Error, "  changed: 是");
    Fixture::yuci().edit(&note, "").edit("  changed: 是", "  changed: 否").check().clean();
}

// ---- submissions: the parts each form needs, who may submit ----

#[test]
fn submissions_cannot_be_empty() {
    let broken = Fixture::qixian().edit("submissions:\n  - 省级申报\n  - 国家级申报\n", "submissions: []\n").check();
    // Nothing submitted means no form needs parts 二–七: only the empty list is reported.
    let d = broken.only("submissions", Severity::Error);
    assert_eq!(broken.findings.len(), 1, "{:#?}", broken.findings);
    assert_eq!(
        (d.pos.line, d.pos.column),
        (place(&broken.text, "submissions: []").0, 1),
        "an empty list is shown at its key"
    );
}

#[test]
fn an_application_needs_parts_two_to_seven() {
    let qixian = Fixture::qixian();
    let start = qixian.text.find("# 六、开放合作情况").unwrap();
    let end = qixian.text.find("# 七、治理和服务水平").unwrap();
    let part = qixian.text[start..end].to_owned();
    let broken = qixian.edit(&part, "").check();
    let d = broken.only("openness", Severity::Error);
    assert_eq!((d.pos.line, d.pos.column), (1, 1), "a missing top-level part is reported at the file's start");
    assert!(d.message.contains("六、开放合作情况"), "{d:#?}");
    // Without part 六 its counts cannot be held to the list either; nothing else is reported.
    assert_eq!(broken.findings.len(), 1, "{:#?}", broken.findings);
}

#[test]
fn an_application_needs_the_plans_introduction() {
    let qixian = Fixture::qixian();
    let start = qixian.text.find("  problems: |").unwrap();
    let end = qixian.text.find("  approach: |").unwrap();
    let problems = qixian.text[start..end].to_owned();
    let broken = qixian.edit(&problems, "").check();
    let d = broken.single("plan.problems", Severity::Error, "plan:");
    assert!(d.message.contains("三、存在的问题"), "{d:#?}");
}

#[test]
fn a_review_needs_the_operators_change_answer() {
    let broken = Fixture::yuci().edit("  changed: 是\n", "").check();
    // The note of a change is there; the answer is not: shown where it would be added.
    broken.single("operator.changed", Severity::Error, "\noperator:");
}

#[test]
fn a_national_application_needs_provincial_recognition() {
    let broken = Fixture::qixian().edit("  - 省级申报\n", "").check();
    broken.single("basics.provincial_recognized", Severity::Error, "provincial_recognized: 否");
    Fixture::qixian()
        .edit("  - 省级申报\n", "")
        .edit("provincial_recognized: 否", "provincial_recognized: 是")
        .check()
        .clean();
}

#[test]
fn a_review_is_of_a_2023_cluster() {
    let broken = Fixture::yuci().edit("recognized_year: 2023", "recognized_year: 2022").check();
    broken.single("review.recognized_year", Severity::Error, "recognized_year: 2022");
}

// ---- decimals ----

#[test]
fn more_than_two_decimal_places_is_a_warning_showing_the_print() {
    let broken = Fixture::qixian().edit("area_km2: 12.60", "area_km2: 12.605").check();
    let d = broken.single("area_km2", Severity::Warning, "area_km2: 12.605");
    assert!(d.message.contains("12.605") && d.message.contains("12.61"), "{d:#?}");
    // Fewer places print with two and are fine; so are integers.
    Fixture::qixian().edit("area_km2: 12.60", "area_km2: 12.6").check().clean();
    Fixture::qixian().edit("area_km2: 12.60", "area_km2: 13").check().clean();
}

#[test]
fn a_figure_in_a_text_or_number_cell_is_checked_too() {
    let broken = Fixture::qixian().edit("base: 128500.00", "base: 128500.001").check();
    broken.single("plan.targets.extra.0.base", Severity::Warning, "base: 128500.001");
}

// ---- length ----

#[test]
fn a_200_character_narrative_may_not_run_over() {
    let qixian = Fixture::qixian();
    let old = "  chain_text: |\n    集群围绕";
    let broken = qixian.edit(old, &format!("  chain_text: |\n    {}集群围绕", "强链".repeat(30))).check();
    let d = broken.only("industry.chain_text", Severity::Error);
    assert_eq!(broken.findings.len(), 1, "{:#?}", broken.findings);
    assert_eq!(d.label, "二、主导产业情况（申报表） · 集群产业链强链补链情况（200 字以内）");
    let example: dossier::model::Cluster = serde_yaml::from_str(&Fixture::qixian().text).unwrap();
    let words = dossier::rules::count(&example.industry.unwrap().chain_text) + 60;
    assert!(d.message.contains(&format!("共 {words} 字，超过 200 字")), "{d:#?}");
    // A block scalar is placed at its first line of text.
    assert_eq!((d.pos.line, d.pos.column), (place(&broken.text, "  chain_text: |").0 + 1, 5), "{d:#?}");
}

#[test]
fn the_summary_may_not_run_over_300() {
    let broken = Fixture::qixian()
        .edit("万人发明专利拥有量30.64件。", &format!("万人发明专利拥有量30.64件。{}", "产业".repeat(40)))
        .check();
    let d = broken.only("summary", Severity::Error);
    assert_eq!(broken.findings.len(), 1, "{:#?}", broken.findings);
    assert_eq!((d.pos.line, d.pos.column), (place(&broken.text, "summary: |").0 + 1, 3), "{d:#?}");
}

#[test]
fn the_plan_may_not_run_over_3000_together() {
    let filler = "推动集群高质量发展。".repeat(40); // 400字 each
    let broken = Fixture::qixian()
        .edit("  approach: |\n    深入贯彻", &format!("  approach: |\n    {filler}深入贯彻"))
        .edit("  safeguards: |\n", &format!("  safeguards: |\n    {filler}\n\n"))
        .check();
    let d = broken.only("plan", Severity::Error);
    assert_eq!(broken.findings.len(), 1, "{:#?}", broken.findings);
    assert_eq!((d.pos.line, d.pos.column), place(&broken.text, "\nplan:"));
    assert!(d.fix.contains("（一）总体思路"), "the fix gives each section's count: {d:#?}");
    // A review counts its part 二 with the plan.
    let broken = Fixture::yuci()
        .edit("  approach: |\n    深入贯彻", &format!("  approach: |\n    {filler}{filler}深入贯彻"))
        .check();
    let d = broken.only("review", Severity::Error);
    assert_eq!((d.pos.line, d.pos.column), place(&broken.text, "\nreview:"), "{d:#?}");
    assert!(d.fix.contains("二、培育工作"), "{d:#?}");
}

// ---- figures ----

#[test]
fn a_stated_figure_must_agree_with_the_computation() {
    // 33.20 → 37.40 is 12.65 %; typed 12.66 is within a hundredth, 12.80 is not.
    let stated = "\nstated:\n  leading_output_growth:\n    2023: 12.80\n    2024: 13.10\n    2025: 13.24\n";
    let broken = Fixture::qixian().edit("\n# 名单与清单", &format!("{stated}\n# 名单与清单")).check();
    let d = broken.single("stated.leading_output_growth.2023", Severity::Error, "    2023: 12.80");
    assert!(d.message.contains("12.80") && d.message.contains("12.65"), "{d:#?}");
    let stated = stated.replace("12.80", "12.66");
    Fixture::qixian().edit("\n# 名单与清单", &format!("{stated}\n# 名单与清单")).check().clean();
}

#[test]
fn a_stated_figure_that_cannot_be_computed_is_a_warning() {
    // A review has no part 二 to compute a share from.
    let broken = Fixture::yuci().edit("\n# 四、", "\nstated:\n  leading_output_cagr: 12.01\n\n# 四、").check();
    broken.single("stated.leading_output_cagr", Severity::Warning, "  leading_output_cagr: 12.01");
}

#[test]
fn digital_levels_add_up_to_100() {
    let broken = Fixture::qixian().edit("level4: 2.24", "level4: 2.74").check();
    let d = broken.single("digital.levels", Severity::Error, "  levels:");
    assert!(d.message.contains("100.50%"), "{d:#?}");
}

// ---- targets ----

#[test]
fn the_output_growth_target_is_at_least_10() {
    let broken = Fixture::qixian()
        .edit("      base: 13.00\n      target: 12.00", "      base: 13.00\n      target: 9.50")
        .check();
    let d = broken.single("plan.targets.output_cagr.target", Severity::Error, "      target: 9.50");
    assert!(d.message.contains("9.50%") && d.message.contains("10%"), "{d:#?}");
}

#[test]
fn quality_smes_rise_every_year() {
    let broken = Fixture::qixian().edit("      quality_smes: 77", "      quality_smes: 68").check();
    let d = broken.single("plan.stages.2027.quality_smes", Severity::Error, "      quality_smes: 68\n    2028:");
    assert!(d.message.contains("68") && d.message.contains("2026"), "{d:#?}");
    let broken = Fixture::qixian().edit("      quality_smes: 68", "      quality_smes: 60").check();
    broken.single("plan.stages.2026.quality_smes", Severity::Error, "      quality_smes: 60\n");
    let broken = Fixture::qixian().edit("      base: 60\n      target: 86", "      base: 60\n      target: 90").check();
    broken.single("plan.targets.quality_smes.target", Severity::Warning, "      target: 90");
}

#[test]
fn rd_spending_grows_10_percent_a_year() {
    let broken =
        Fixture::qixian().edit("      base: 1.52\n      target: 2.10", "      base: 1.52\n      target: 1.90").check();
    let d = broken.single("plan.targets.rd_spending.target", Severity::Error, "      target: 1.90");
    // (1.90 / 1.52)^(1/3) − 1 = 7.72 %; the least target is 1.52 × 1.331 = 2.02312 → 2.03.
    assert!(d.message.contains("7.72%") && d.message.contains("10%"), "{d:#?}");
    assert!(d.fix.contains("2.03"), "{d:#?}");
    Fixture::qixian()
        .edit("      base: 1.52\n      target: 2.10", "      base: 1.52\n      target: 2.03")
        .check()
        .clean();
}

#[test]
fn patents_grow_15_percent_a_year() {
    let broken =
        Fixture::qixian().edit("      base: 66\n      target: 102", "      base: 66\n      target: 95").check();
    let d = broken.single("plan.targets.patents.target", Severity::Error, "      target: 95");
    assert!(d.fix.contains("101"), "66 × 1.520875 = 100.38 → 101: {d:#?}");
    Fixture::qixian().edit("      base: 66\n      target: 102", "      base: 66\n      target: 101").check().clean();
}

#[test]
fn industrial_internet_reaches_the_industry_average() {
    let broken = Fixture::qixian().edit("iip_industry_average: 35.00", "iip_industry_average: 56.00").check();
    let d = broken.single("plan.targets.iip_rate.target", Severity::Error, "      target: 55.00");
    assert!(d.message.contains("55.00%") && d.message.contains("56.00%"), "{d:#?}");
}

#[test]
fn co2_and_energy_fall_as_fast_as_the_industry() {
    // CO₂ 50.59 → 48.20 falls 4.72 %.
    let broken = Fixture::qixian().edit("co2_industry_reduction: 4.00", "co2_industry_reduction: 5.00").check();
    let d = broken.single("plan.targets.co2.target", Severity::Error, "      target: 48.20");
    assert!(d.message.contains("4.72%") && d.message.contains("5.00%"), "{d:#?}");
    assert!(d.fix.contains("48.06"), "50.59 × 0.95 = 48.0605 → 48.06: {d:#?}");
    // Energy 0.41 → 0.36 falls 12.20 %.
    let broken = Fixture::qixian().edit("energy_industry_reduction: 9.00", "energy_industry_reduction: 12.50").check();
    let d = broken.single("plan.targets.energy_intensity.target", Severity::Error, "      target: 0.36");
    assert!(d.message.contains("12.20%"), "{d:#?}");
}

#[test]
fn the_2025_bases_agree_with_parts_two_to_five() {
    let broken = Fixture::qixian().edit("      base: 1.52\n", "      base: 1.50\n").check();
    let d = broken.findings.iter().find(|d| d.path == "plan.targets.rd_spending.base").expect("a base warning");
    assert_eq!(d.severity, Severity::Warning);
    assert_eq!((d.pos.line, d.pos.column), place(&broken.text, "      base: 1.50\n"));
    assert!(d.message.contains("1.52"), "{d:#?}");
    let broken = Fixture::qixian().edit("      base: 13.00", "      base: 12.00").check();
    broken.single("plan.targets.output_cagr.base", Severity::Warning, "      base: 12.00");
}

#[test]
fn the_review_table_covers_every_direction() {
    let yuci = Fixture::yuci();
    let start = yuci.text.find("    - direction: 开放合作").unwrap();
    let end = yuci.text.find("    - direction: 治理和服务").unwrap();
    let row = yuci.text[start..end].to_owned();
    let broken = yuci.edit(&row, "").check();
    let d = broken.single("review.completion", Severity::Error, "  completion:");
    assert!(d.message.contains("“开放合作”"), "{d:#?}");
}

// ---- lists ----

#[test]
fn yearly_counts_equal_the_names_listed_by_then() {
    let broken = Fixture::qixian()
        .edit("  little_giants:\n    2023: 2\n    2024: 3", "  little_giants:\n    2023: 2\n    2024: 4")
        .check();
    let d = broken.single("industry.little_giants.2024", Severity::Error, "    2024: 4\n    2025: 4\n  specialized");
    assert!(d.message.contains("2024 年及以前") && d.message.contains("共 3 项"), "{d:#?}");
}

#[test]
fn a_count_without_its_list_is_one_finding() {
    let qixian = Fixture::qixian();
    let start = qixian.text.find("  overseas_branches:\n    - name").unwrap();
    let end = qixian.text.find("  alliances:\n    - name").unwrap();
    let list = qixian.text[start..end].to_owned();
    let broken = qixian.edit(&list, "").check();
    broken.single("openness.overseas_branches", Severity::Error, "  overseas_branches: 3");
}

#[test]
fn standards_match_by_year_category_and_role() {
    let broken =
        Fixture::qixian().edit("      group: { lead: 2, join: 0 }", "      group: { lead: 2, join: 1 }").check();
    let d = broken.only("innovation.standards.2024.group.join", Severity::Error);
    assert_eq!(broken.findings.len(), 1, "{:#?}", broken.findings);
    assert_eq!(d.pos.line, place(&broken.text, "      group: { lead: 2, join: 1 }").0);
}

#[test]
fn counts_by_level_match_their_lists() {
    let broken = Fixture::qixian()
        .edit("    national: 1\n    provincial: 3\n    other: 1", "    national: 1\n    provincial: 4\n    other: 1")
        .check();
    broken.single("green.system.provincial", Severity::Error, "    provincial: 4\n    other: 1\n\n# 六");
    let last = "    - title: 一种玻璃器皿在线尺寸视觉测量装置\n      number: ZL202311263705.8\n      owner: 山西祁光高硼硅玻璃科技有限公司\n      granted: 2025-12-05\n";
    let broken = Fixture::qixian().edit(last, "").check();
    broken.single("innovation.patents.2025", Severity::Error, "    2025: 66\n\n# 四");
    let broken = Fixture::qixian().edit("  alliances: 3", "  alliances: 2").check();
    broken.single("governance.alliances", Severity::Error, "  alliances: 2");
}

#[test]
fn the_patent_list_holds_each_invention_patent_once_as_granted_by_2025() {
    const LAST: &str =
        "      number: ZL202311263705.8\n      owner: 山西祁光高硼硅玻璃科技有限公司\n      granted: 2025-12-05";
    let with_last = |to: &str| Fixture::qixian().edit(LAST, to).check();

    let twice = "      number: ZL201310664209.3\n      owner: 祁县晟达玻璃机械有限公司";
    let broken = Fixture::qixian().edit("      number: ZL201410414245.9\n", "      number: ZL201310664209.3\n").check();
    let d = broken.single("lists.patents.1.number", Severity::Error, twice);
    let first = place(&broken.text, "      number: ZL201310664209.3\n      owner: 山西麓台").0;
    assert_eq!(d.message, format!("专利号 ZL201310664209.3 已在第 {first} 行列出"));

    let later = LAST.replace("2025-12-05", "2026-01-05");
    let broken = with_last(&later);
    let d = broken.single("lists.patents.65.granted", Severity::Error, "      granted: 2026-01-05");
    assert!(d.message.starts_with("授权公告日 2026-01-05 在 2025 年底之后"), "{d:#?}");

    let utility = LAST.replace("ZL202311263705.8", "ZL202321263705.8");
    let broken = with_last(&utility);
    let d = broken.single("lists.patents.65.number", Severity::Error, "      number: ZL202321263705.8");
    assert_eq!(d.message, "专利号 ZL202321263705.8：申请号第 5 位是 2，这是实用新型专利，不是发明专利");

    let mistyped = LAST.replace("ZL202311263705.8", "ZL202311263750.8");
    let broken = with_last(&mistyped);
    let d = broken.single("lists.patents.65.number", Severity::Error, "      number: ZL202311263750.8");
    assert!(d.message.contains("校验位是 8，按前 12 位应为"), "{d:#?}");
}

#[test]
fn the_standard_list_holds_only_standards_of_the_last_three_years() {
    const FIRST: &str = "      code: GB/T 42896-2023\n      category: 国家\n      role: 参与\n      year: 2023";
    let older = FIRST.replace("GB/T 42896-2023", "GB/T 30000-2017").replace("year: 2023", "year: 2017");
    let broken = Fixture::qixian().edit(FIRST, &older).check();
    let d = broken.single("lists.standards.0.year", Severity::Error, "      year: 2017");
    assert_eq!(
        d.message,
        "GB/T 30000-2017 的发布年度 2017 不在近三年（2023—2025 年）之内：标准清单只列近三年主持或参与制修订的标准"
    );
    // A standard of 2026 is outside the years too, and the count of 2025 no longer holds it.
    let broken = Fixture::qixian().edit(FIRST, &FIRST.replace("year: 2023", "year: 2026")).check();
    let d = broken.only("lists.standards.0.year", Severity::Error);
    assert_eq!((d.pos.line, d.pos.column), place(&broken.text, "      year: 2026"));
}

// ---- evidence ----

#[test]
fn a_ticked_group_needs_evidence() {
    let broken = Fixture::qixian().bare("07").check();
    let d =
        broken.single("industry.quality_works", Severity::Error, "  quality_works:\n    - 开展了先进质量管理模式推广");
    assert!(d.message.contains("evidence/07-质量品牌建设/"), "{d:#?}");
    // A file listed in the YAML serves as well as one in the folder.
    Fixture::qixian()
        .bare("07")
        .edit("# 名单与清单", "evidence:\n  files:\n    quality:\n      - scans/集体商标注册证.pdf\n\n# 名单与清单")
        .file("scans/集体商标注册证.pdf", &common::blank_pdf())
        .check()
        .clean();
    // Nothing ticked, nothing needed.
    Fixture::yuci().bare("05").check().clean();
}

#[test]
fn carbon_monitoring_yes_needs_evidence() {
    let broken = Fixture::qixian().bare("13").check();
    broken.single("green.carbon_monitoring", Severity::Error, "  carbon_monitoring: 是");
    Fixture::qixian().bare("13").edit("carbon_monitoring: 是", "carbon_monitoring: 否").check().clean();
}

#[test]
fn evidence_must_be_a_pdf_or_an_image() {
    let refused: [(&str, &[u8], &str); 5] = [
        ("empty.pdf", b"", "0 字节"),
        ("page.pdf", b"<!DOCTYPE html><html><body>", "HTML"),
        ("photo.jpg", b"\0\0\0\x18ftypheic\0\0\0\0mif1heic", "HEIC"),
        ("report.pdf", b"PK\x03\x04\x14\0\x06\0\x08\0[Content_Types].xml word/document.xml", "Word"),
        ("notes.pdf", "营业执照".as_bytes(), "纯文本"),
    ];
    for (name, bytes, what) in refused {
        let broken = Fixture::qixian().file(&format!("evidence/05-产业链强链补链/{name}"), bytes).check();
        assert_eq!(broken.findings.len(), 1, "{:#?}", broken.findings);
        let d = &broken.findings[0];
        assert_eq!(d.severity, Severity::Error);
        assert!(d.file.ends_with(format!("evidence/05-产业链强链补链/{name}")), "{d:#?}");
        assert!(d.message.contains(what), "{name}: {d:#?}");
        assert_eq!(d.label, "佐证材料 · 集群已开展的产业链强链补链工作佐证材料");
    }
    // Real images pass; one cut short after its magic bytes is refused as damaged, as the
    // volume builder would refuse it.
    for (name, format) in
        [("a.jpg", image::ImageFormat::Jpeg), ("b.png", image::ImageFormat::Png), ("c.tif", image::ImageFormat::Tiff)]
    {
        let mut bytes = std::io::Cursor::new(Vec::new());
        image::DynamicImage::new_rgb8(16, 16).write_to(&mut bytes, format).unwrap();
        Fixture::qixian().file(&format!("evidence/05-产业链强链补链/{name}"), bytes.get_ref()).check().clean();
    }
    let broken = Fixture::qixian().file("evidence/05-产业链强链补链/cut.jpg", b"\xFF\xD8\xFF\xE0").check();
    assert!(broken.findings[0].message.contains("JPEG"), "{:#?}", broken.findings);
}

#[test]
fn a_listed_file_must_exist_and_stay_inside() {
    let broken = Fixture::qixian()
        .edit("# 名单与清单", "evidence:\n  files:\n    chain:\n      - ../外部/图谱.pdf\n\n# 名单与清单")
        .check();
    let d = broken.single("evidence.files.chain.0", Severity::Error, "      - ../外部/图谱.pdf");
    assert!(d.message.contains("集群目录之外"), "{d:#?}");
    let broken = Fixture::qixian()
        .edit("# 名单与清单", "evidence:\n  files:\n    chain:\n      - evidence/图谱.pdf\n\n# 名单与清单")
        .check();
    broken.single("evidence.files.chain.0", Severity::Error, "      - evidence/图谱.pdf");
}

/// An evidence folder outside the cluster is one error at `evidence.dir`: no folder of it is
/// listed or read.
#[test]
fn the_evidence_folder_stays_inside_the_cluster() {
    for dir in ["../../../../../../../../etc", "/etc", r"C:\Windows"] {
        let yaml = format!("evidence:\n  dir: {dir}\n\n# 名单与清单");
        let broken = Fixture::qixian().edit("# 名单与清单", &yaml).check();
        let d = broken.single("evidence.dir", Severity::Error, &format!("  dir: {dir}"));
        assert!(d.message.contains("集群目录之外") || d.message.contains("绝对路径"), "{d:#?}");
    }
}

#[test]
fn a_password_is_for_a_file_that_exists() {
    let yaml = "evidence:\n  passwords:\n    evidence/05-产业链强链补链/图谱.pdf: \"8866\"\n\n# 名单与清单";
    let broken = Fixture::qixian().edit("# 名单与清单", yaml).check();
    broken.single(
        "evidence.passwords.evidence/05-产业链强链补链/图谱.pdf",
        Severity::Warning,
        "    evidence/05-产业链强链补链/图谱.pdf:",
    );
    Fixture::qixian()
        .edit("# 名单与清单", yaml)
        .file("evidence/05-产业链强链补链/图谱.pdf", &common::blank_pdf())
        .check()
        .clean();
}

#[test]
fn a_misspelt_evidence_folder_names_the_closest() {
    let broken = Fixture::qixian().file("evidence/05-产业链强链补连/图谱.pdf", &common::blank_pdf()).check();
    assert_eq!(broken.findings.len(), 1, "{:#?}", broken.findings);
    let d = &broken.findings[0];
    assert_eq!(d.severity, Severity::Warning);
    assert!(d.fix.contains("“05-产业链强链补链”"), "{d:#?}");
}

// ---- all at once ----

#[test]
fn ten_ways_broken_give_eleven_findings_in_one_run() {
    let broken = Fixture::qixian()
        .edit("name: 祁县玻璃器皿产业\n", "name: 祁县玻璃器皿产业\nnational_name: \"\"\n")
        .edit("area_km2: 12.60", "area_km2: 12.605")
        .edit("  chain_text: |\n    集群围绕", &format!("  chain_text: |\n    {}集群围绕", "强链".repeat(30)))
        .edit("level4: 2.24", "level4: 2.74")
        .edit("      base: 13.00\n      target: 12.00", "      base: 13.00\n      target: 9.50")
        .edit("      base: 66\n      target: 102", "      base: 66\n      target: 95")
        .edit("  alliances: 3", "  alliances: 2")
        .edit("  accidents:\n    answer: 否", "  accidents:\n    answer: 是")
        .edit("  - 省级申报\n", "")
        .bare("13")
        .check();
    let paths: Vec<&str> = broken.findings.iter().map(|d| d.path.as_str()).collect();
    assert_eq!(broken.findings.len(), 11, "{paths:#?}");
    for path in [
        "basics.accidents.answer",
        "national_name",
        "area_km2",
        "industry.chain_text",
        "digital.levels",
        "plan.targets.output_cagr.target",
        "plan.targets.patents.target",
        "governance.alliances",
        "basics.accidents.note",
        "basics.provincial_recognized",
        "green.carbon_monitoring",
    ] {
        assert!(paths.contains(&path), "{path} missing from {paths:#?}");
    }
}

#[test]
fn absurd_figures_are_findings_not_a_crash() {
    let huge = "79228162514264337593543950335";
    let broken = Fixture::qixian()
        .edit("none: 18.54", &format!("none: {huge}"))
        .edit("level1: 36.52", &format!("level1: {huge}"))
        .edit("    2022: 33.20\n", &format!("    2022: -{huge}\n"))
        .edit("    2023: 37.40\n", &format!("    2023: {huge}\n"))
        .edit("      base: 1.52\n      target: 2.10", &format!("      base: {huge}\n      target: 0.0000000001"))
        .edit(
            "      base: 0.41\n      target: 0.36",
            &format!("      base: 0.0000000000000000000000000001\n      target: -{huge}"),
        )
        .check();
    // Each is named where it is typed; what is computed from them is not judged on them.
    let message = |path: &str| broken.findings.iter().find(|d| d.path == path).map(|d| d.message.as_str());
    let too_large = Some("数字太大，超出了可填写的范围（最大 1000000000000）");
    for path in ["digital.levels.none", "digital.levels.level1", "industry.leading_output.2023"] {
        assert_eq!(message(path), too_large, "{path}: {:#?}", broken.findings);
    }
    assert_eq!(message("plan.targets.rd_spending.base"), too_large);
    assert_eq!(message("industry.leading_output.2022"), Some("此项不能为负数"));
    assert_eq!(message("plan.targets.energy_intensity.target"), Some("此项不能为负数"));
    assert_eq!(message("digital.levels"), None, "the sum of stand-ins is not judged");
}

#[test]
fn a_rate_the_cluster_does_not_have_is_无() {
    let qixian = Fixture::qixian();
    let line = qixian.text.lines().find(|l| l.contains("solid_waste_rate:")).unwrap().to_owned();
    let answer = qixian.text.lines().find(|l| l.contains("solid_waste_above_average:")).unwrap().to_owned();
    Fixture::qixian()
        .edit(&line, "  solid_waste_rate: 无")
        .edit(&answer, "  solid_waste_above_average: 不适用")
        .check()
        .clean();
    let broken = Fixture::qixian().edit(&line, "  solid_waste_rate: 很高").check();
    broken.single("green.solid_waste_rate", Severity::Error, "  solid_waste_rate: 很高");
}

// ---- issue 13: everything dossier prints is true ----

/// A finding's message and fix, exactly.
fn says(d: &Diagnostic, message: &str, fix: &str) {
    assert_eq!((d.message.as_str(), d.fix.as_str()), (message, fix), "{d:#?}");
}

#[test]
fn a_zero_base_year_is_a_warning_and_the_form_prints_无() {
    let broken = Fixture::qixian().edit("    2022: 1850.00", "    2022: 0.00").check();
    let d = broken.single("industry.fdi.2022", Severity::Warning, "    2022: 0.00");
    says(
        d,
        "此项为 0，无法计算 2023 年的“集群外商直接投资额增长率（%）”，表中该格将填“无”",
        "确实为 0 的可不改；否则请核对此数",
    );
    // A zero first year of 主导产业产值 leaves both its first 增速 and its 年均增速 uncomputed.
    let broken = Fixture::qixian().edit("    2022: 33.20", "    2022: 0.00").check();
    let d = broken.single("industry.leading_output.2022", Severity::Warning, "    2022: 0.00");
    assert_eq!(
        d.message,
        "此项为 0，无法计算 2023 年的“集群主导产业产值增速（%）”、“近三年集群主导产业产值年均增速（%）”，表中该格将填“无”"
    );
}

#[test]
fn a_prohibited_industry_cannot_apply() {
    let broken = Fixture::qixian().edit("prohibited_industry: 否", "prohibited_industry: 是").check();
    let d = broken.single("basics.prohibited_industry", Severity::Error, "prohibited_industry: 是");
    says(
        d,
        "集群主导产业属于国家规定的禁止、限制和淘汰类产业，不能申报，也不能通过复核",
        "核对产业类型：如确属禁止、限制和淘汰类产业，本集群不能报送；如回答有误，请改为“否”",
    );
}

#[test]
fn an_accident_is_told_before_anyone_asks_for_the_statement() {
    let broken = Fixture::qixian()
        .edit("  accidents:\n    answer: 否", "  accidents:\n    answer: 是\n    note: 2024年某企业发生一般火灾事故。")
        .check();
    let d = broken.single("basics.accidents.answer", Severity::Warning, "    answer: 是\n    note: 2024年某企业");
    says(
        d,
        "回答“是”，与现场核查符合性说明（附件8）中的“集群内企业近三年未发生较大及以上安全、质量、环境污染等事故，重大及以上网络安全事件和数据安全事件”不符：不能使用标准的说明",
        "如回答属实，须由市级中小企业主管部门根据核查情况另行出具说明，盖章扫描后放入 evidence/02-现场核查符合性说明/（生成时装订在佐证材料第 2 项）；如回答有误，请改为“否”",
    );
}

#[test]
fn a_negative_figure_is_refused_where_it_is_typed() {
    let broken = Fixture::qixian().edit("    2025: 52.70", "    2025: -52.70").check();
    let at: Vec<&Diagnostic> = broken.findings.iter().filter(|d| d.path == "industry.output.2025").collect();
    assert_eq!(at.len(), 1, "{:#?}", broken.findings);
    assert_eq!((at[0].pos.line, at[0].pos.column), place(&broken.text, "    2025: -52.70"));
    says(at[0], "此项不能为负数", "请填写 0 或正数；核对数字前是否多了“-”");
    assert_eq!(at[0].severity, Severity::Error);
    // The stand-in 0 draws nothing elsewhere (no share, no narrative, no base is judged on it).
    assert_eq!(broken.findings.len(), 1, "{:#?}", broken.findings);
}

#[test]
fn a_part_is_not_larger_than_its_whole() {
    let broken = Fixture::qixian().edit("    2025: 178\n", "    2025: 190\n").check();
    let d = broken.only("industry.smes.2025", Severity::Error);
    assert_eq!((d.pos.line, d.pos.column), place(&broken.text, "    2025: 190\n"));
    says(
        d,
        "2025 年其中：集群中小企业数量（年度累计值）为 190，大于集群企业数量（年度累计值）（industry.enterprises.2025，第 72 行）的 185",
        "前者是后者的一部分，不能比它大：请核对两处数字（单位是否一致、是否填错了年份或栏目）",
    );
    // 中小企业产值 above 总产值 would print a share above 100 %.
    let broken = Fixture::qixian().edit("    2025: 45.80", "    2025: 63.33").check();
    let d = broken.single("industry.sme_output.2025", Severity::Error, "    2025: 63.33");
    assert!(
        d.message.starts_with("2025 年集群内中小企业产值（亿元），用于计算中小企业产值占比为 63.33，大于"),
        "{d:#?}"
    );
    let broken = Fixture::qixian().edit("solid_waste_rate: 92.60", "solid_waste_rate: 120.16").check();
    let d = broken.single("green.solid_waste_rate", Severity::Error, "solid_waste_rate: 120.16");
    says(d, "120.16% 超过了 100%", "比例不能超过 100：请核对此数");
}

#[test]
fn a_dash_where_the_notice_asks_for_无_is_flagged() {
    for mark in ["/", "-", "暂无", "—"] {
        let broken =
            Fixture::qixian().edit("leading_industry: 日用玻璃器皿", &format!("leading_industry: {mark}")).check();
        let d = broken.single("leading_industry", Severity::Error, &format!("leading_industry: {mark}"));
        says(d, &format!("“{mark}”不是“无”：通知要求无相关情况时填写“无”"), "把此项改为“无”");
    }
}

#[test]
fn a_field_that_does_not_load_hides_no_other_finding() {
    let long = "集群发展势头良好。".repeat(400); // 3600字
    for name in ["\nname:\n", "\nname: \"\"\n"] {
        let broken = Fixture::qixian()
            .edit("\nname: 祁县玻璃器皿产业\n", name)
            .edit("  approach: |\n    深入贯彻", &format!("  approach: |\n    {long}深入贯彻"))
            .edit("area_km2: 12.60", "area_km2: 12.605")
            .check();
        let paths: Vec<&str> = broken.findings.iter().map(|d| d.path.as_str()).collect();
        assert_eq!(paths.len(), 3, "{name}: {:#?}", broken.findings);
        let d = broken.only("name", Severity::Error);
        assert_eq!((d.pos.line, d.pos.column), (place(&broken.text, name).0, 1), "{d:#?}");
        broken.only("plan", Severity::Error);
        broken.only("area_km2", Severity::Warning);
    }
}

#[test]
fn a_narrative_that_drifts_from_the_table_is_named_with_both_values() {
    let broken = Fixture::qixian().edit("    2025: 52.70", "    2025: 47.50").check();
    let summary = broken.only("summary", Severity::Warning);
    assert_eq!(
        summary.message,
        "文中“总产值52.70亿元”写 2025 年集群总产值为 52.70 亿元，而表中 industry.output.2025（第 55 行）为 47.50 亿元"
    );
    assert_eq!(summary.fix, "两处说的是同一个数：核对后改正文中或表中的一处（表中为 47.50 亿元）");
    let line = broken.text.lines().position(|l| l.contains("集群总产值52.70亿元")).unwrap() + 1;
    let column = broken.text.lines().nth(line - 1).unwrap().chars().take_while(|c| *c != '总').count() + 1;
    assert_eq!((summary.pos.line, summary.pos.column), (line, column), "at the figure in the text");
    let intro = broken.only("plan.intro", Severity::Warning);
    assert!(
        intro.message.starts_with("文中“总产值由2023年的41.60亿元增长到2025年的52.70亿元”写 2025 年"),
        "{intro:#?}"
    );
    // The count of 2025 in the intro is checked too; the table's other figures agree.
    let broken = Fixture::qixian().edit("    2025: 178\n", "    2025: 176\n").check();
    let counts: Vec<&str> = broken.findings.iter().map(|d| d.path.as_str()).collect();
    assert_eq!(counts, vec!["summary", "plan.intro"], "{:#?}", broken.findings);
}
