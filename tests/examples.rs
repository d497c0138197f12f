//! The bundled example data in `data/` must load into the model and keep the rules the forms
//! state. This is a stepping stone before the rule checker: every assertion here is one the
//! checker will make too, written plainly so that a failure names the file, the field and both
//! numbers.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

use dossier::model::derived::{self, cagr, reduction};
use dossier::model::lists::{Enterprise, Level, Lists, StandardCategory, StandardRole};
use dossier::model::plan::{Direction, Target};
use dossier::model::{City, Cluster, Dec, Submission, Topic, Value, Years, YearsFrom2022, YesNo};

fn data_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("data")
}

/// Every file named `name` under `dir`, sorted.
fn find(dir: &Path, name: &str, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            find(&path, name, out);
        } else if path.file_name().is_some_and(|n| n == name) {
            out.push(path);
        }
    }
}

fn files_named(name: &str) -> Vec<PathBuf> {
    let mut out = Vec::new();
    find(&data_dir(), name, &mut out);
    out
}

fn load_cluster(path: &Path) -> Cluster {
    let text = fs::read_to_string(path).unwrap();
    serde_yaml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn clusters() -> Vec<(PathBuf, Cluster)> {
    let all: Vec<_> = files_named("cluster.yaml")
        .into_iter()
        .map(|p| {
            let c = load_cluster(&p);
            (p, c)
        })
        .collect();
    assert!(all.len() >= 3, "expected the three example clusters, found {}", all.len());
    all
}

fn dec(s: &str) -> Dec {
    s.parse().unwrap()
}

/// 字数 as Word / WPS 字数统计 counts it: every CJK character and full-width punctuation mark
/// is one, every run of ASCII letters, digits and signs (“2025”, “56.30”, “5G+”) is one,
/// whitespace is nothing.
fn word_count(text: &str) -> usize {
    let mut count = 0;
    let mut in_run = false;
    for ch in text.chars() {
        if ch.is_whitespace() {
            in_run = false;
        } else if ch.is_ascii() {
            if !in_run {
                count += 1;
                in_run = true;
            }
        } else {
            count += 1;
            in_run = false;
        }
    }
    count
}

fn assert_words(file: &Path, field: &str, text: &str, min: usize, max: usize) {
    let n = word_count(text);
    assert!((min..=max).contains(&n), "{}: {field} has {n}字, expected {min}–{max}", file.display());
}

/// Paragraphs are separated by one blank line and carry no line break inside.
fn assert_paragraphs(file: &Path, field: &str, text: &str) {
    let text = text.trim_end();
    assert!(!text.is_empty(), "{}: {field} is empty", file.display());
    for paragraph in text.split("\n\n") {
        assert!(
            !paragraph.trim().is_empty() && !paragraph.contains('\n'),
            "{}: {field} has a line break inside a paragraph or an extra blank line: {paragraph:?}",
            file.display()
        );
    }
}

fn within(list: &[Enterprise], year: u16) -> u32 {
    list.iter().filter(|e| e.year <= year).count() as u32
}

fn by_level<T>(items: &[T], level: impl Fn(&T) -> Level, wanted: Level) -> u32 {
    items.iter().filter(|i| level(i) == wanted).count() as u32
}

fn years_u16() -> [u16; 3] {
    Years::<u32>::YEARS
}

fn pick<T: Copy>(years: &Years<T>, year: u16) -> T {
    match year {
        2023 => years.y2023,
        2024 => years.y2024,
        _ => years.y2025,
    }
}

fn two_places(file: &Path, field: &str, d: Dec) {
    assert_eq!(d.scale(), 2, "{}: {field} = {d} should be written with two decimal places", file.display());
}

fn two_places_years(file: &Path, field: &str, y: &Years<Dec>) {
    for (year, d) in years_u16().iter().zip(y.values()) {
        two_places(file, &format!("{field}.{year}"), *d);
    }
}

fn two_places_from_2022(file: &Path, field: &str, y: &YearsFrom2022<Dec>) {
    two_places(file, &format!("{field}.2022"), y.y2022);
    two_places_years(file, field, &y.years());
}

/// A decimal figure's scalar text in the YAML: a number with a point has exactly two places.
fn assert_decimals_in_text(file: &Path) {
    let text = fs::read_to_string(file).unwrap();
    for (i, line) in text.lines().enumerate() {
        let Some((_, value)) = line.split_once(": ") else { continue };
        let value = value.trim();
        let numeric = !value.is_empty() && value.chars().all(|c| c.is_ascii_digit() || c == '.');
        if numeric && value.contains('.') {
            let places = value.len() - value.find('.').unwrap() - 1;
            assert_eq!(places, 2, "{}:{}: {value} should have two decimal places", file.display(), i + 1);
        }
    }
}

/// Files a volume item folder holds (scans, PDFs), ignoring hidden files.
fn evidence_files(cluster_file: &Path, cluster: &Cluster, topic: Topic) -> Vec<PathBuf> {
    let dir = cluster_file.parent().unwrap().join(cluster.evidence.dir()).join(topic.folder().unwrap());
    let Ok(entries) = fs::read_dir(&dir) else { return Vec::new() };
    let mut files: Vec<_> = entries
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file() && !p.file_name().unwrap().to_string_lossy().starts_with('.'))
        .collect();
    files.sort();
    files
}

fn assert_evidence(file: &Path, cluster: &Cluster, topic: Topic, why: &str) {
    assert!(
        !evidence_files(file, cluster, topic).is_empty(),
        "{}: {why} needs evidence in {}/",
        file.display(),
        topic.folder().unwrap()
    );
}

fn target_cagr(t: &Target) -> f64 {
    cagr(t.base, t.target, 3).unwrap().to_f64()
}

fn is_application(c: &Cluster) -> bool {
    c.submits(Submission::ProvincialApplication) || c.submits(Submission::NationalApplication)
}

fn is_review(c: &Cluster) -> bool {
    c.submits(Submission::ProvincialReview) || c.submits(Submission::NationalReview)
}

/// Names of the enterprises the cluster lists.
fn enterprise_names(lists: &Lists) -> BTreeSet<&str> {
    [&lists.champions, &lists.little_giants, &lists.specialized, &lists.high_tech]
        .into_iter()
        .flatten()
        .map(|e| e.name.as_str())
        .collect()
}

#[test]
fn every_example_file_loads() {
    for (path, cluster) in clusters() {
        assert!(!cluster.submissions.is_empty(), "{}: no submissions", path.display());
        assert_decimals_in_text(&path);
    }
    for path in files_named("city.yaml") {
        let text = fs::read_to_string(&path).unwrap();
        serde_yaml::from_str::<City>(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    }
}

#[test]
fn required_fields_are_filled() {
    for (f, c) in clusters() {
        let texts = [
            ("name", &c.name),
            ("leading_industry", &c.leading_industry),
            ("segment", &c.segment),
            ("founded", &c.founded),
            ("authority.name", &c.authority.name),
            ("authority.contact.name", &c.authority.contact.name),
            ("authority.contact.phone", &c.authority.contact.phone),
            ("operator.name", &c.operator.name),
            ("operator.contact.name", &c.operator.contact.name),
            ("operator.contact.phone", &c.operator.contact.phone),
            ("contact.name", &c.contact.name),
            ("contact.phone", &c.contact.phone),
            ("plan.approach", &c.plan.approach),
            ("plan.tasks", &c.plan.tasks),
            ("plan.safeguards", &c.plan.safeguards),
        ];
        for (field, text) in texts {
            assert!(!text.trim().is_empty(), "{}: {field} is empty", f.display());
        }
        assert!(c.name.ends_with("产业"), "{}: 集群名称 should read XX(县、区)XX产业", f.display());
        assert!(c.name.starts_with(&c.region.county), "{}: 集群名称 starts with the county", f.display());
        two_places(&f, "area_km2", c.area_km2);
        assert!(c.founded.ends_with('年'), "{}: 集群成立时间 like 2006年", f.display());

        // A 是 needs its 情况说明; a 否 carries none.
        for (field, d) in [("accidents", &c.basics.accidents), ("violations", &c.basics.violations)] {
            match d.answer {
                YesNo::Yes => assert!(
                    d.note.as_deref().is_some_and(|n| !n.trim().is_empty()),
                    "{}: {field} 是 needs a note",
                    f.display()
                ),
                YesNo::No => assert!(d.note.is_none(), "{}: {field} 否 carries no note", f.display()),
            }
        }
        assert_eq!(c.basics.prohibited_industry, YesNo::No, "{}: a prohibited industry cannot apply", f.display());

        if is_application(&c) {
            for (part, present) in [
                ("industry", c.industry.is_some()),
                ("innovation", c.innovation.is_some()),
                ("digital", c.digital.is_some()),
                ("green", c.green.is_some()),
                ("openness", c.openness.is_some()),
                ("governance", c.governance.is_some()),
                ("plan.intro", c.plan.intro.is_some()),
                ("plan.achievements", c.plan.achievements.is_some()),
                ("plan.problems", c.plan.problems.is_some()),
                ("basics.provincial_recognized", c.basics.provincial_recognized.is_some()),
            ] {
                assert!(present, "{}: an application needs {part}", f.display());
            }
            if c.submits(Submission::NationalApplication) && c.basics.provincial_recognized == Some(YesNo::No) {
                assert!(
                    c.submits(Submission::ProvincialApplication),
                    "{}: a national application without provincial recognition must apply for both at once",
                    f.display()
                );
            }
        }
        if is_review(&c) {
            let review = c.review.as_ref().unwrap_or_else(|| panic!("{}: a review needs review", f.display()));
            assert_eq!(review.recognized_year, 2023, "{}: the reviews are of 2023 clusters", f.display());
            let changed =
                c.operator.changed.unwrap_or_else(|| panic!("{}: a review answers operator.changed", f.display()));
            if changed == YesNo::Yes {
                assert!(
                    c.operator.change_note.as_deref().is_some_and(|n| !n.trim().is_empty()),
                    "{}: a changed operator needs change_note",
                    f.display()
                );
            }
        }
    }
}

#[test]
fn narratives_have_the_forms_lengths() {
    for (f, c) in clusters() {
        assert_words(&f, "summary", &c.summary, 230, 295);
        let mut short: Vec<(&str, &str)> = Vec::new();
        if let Some(i) = &c.industry {
            short.extend([
                ("chain_text", i.chain_text.as_str()),
                ("collaboration_text", &i.collaboration_text),
                ("quality_text", &i.quality_text),
            ]);
        }
        if let Some(d) = &c.digital {
            short.extend([("service_text", d.service_text.as_str()), ("new_model_text", &d.new_model_text)]);
        }
        if let Some(g) = &c.green {
            short.push(("green.text", &g.text));
        }
        if let Some(o) = &c.openness {
            short.push(("openness.text", &o.text));
        }
        if let Some(g) = &c.governance {
            short.push(("environment_text", &g.environment_text));
        }
        for (field, text) in short {
            assert_words(&f, field, text, 140, 195);
            assert!(!text.trim().contains('\n'), "{}: {field} is one paragraph", f.display());
        }

        // The plan (part 八), or for a review part 二 together with the plan (part 四): 3000字以内.
        let plan = &c.plan;
        let mut parts: Vec<(&str, &str)> =
            vec![("plan.approach", &plan.approach), ("plan.tasks", &plan.tasks), ("plan.safeguards", &plan.safeguards)];
        for (year, stage) in plan.stages.all() {
            assert!(!stage.text.trim().is_empty(), "{}: stage {year} has no text", f.display());
            parts.push(("plan.stages", &stage.text));
        }
        for (field, text) in
            [("plan.intro", &plan.intro), ("plan.achievements", &plan.achievements), ("plan.problems", &plan.problems)]
        {
            if let Some(text) = text {
                parts.push((field, text));
            }
        }
        if let Some(r) = &c.review {
            parts.extend([
                ("review.intro", r.intro.as_str()),
                ("review.cultivation", &r.cultivation),
                ("review.achievements", &r.achievements),
            ]);
        }
        for (field, text) in &parts {
            assert_paragraphs(&f, field, text);
        }
        let total: usize = parts.iter().map(|(_, t)| word_count(t)).sum();
        assert!((2200..=2900).contains(&total), "{}: the plan texts total {total}字, expected 2200–2900", f.display());

        for e in
            [&c.lists.champions, &c.lists.little_giants, &c.lists.specialized, &c.lists.high_tech].into_iter().flatten()
        {
            assert_words(&f, &format!("企业简介 of {}", e.name), &e.intro, 40, 80);
            assert!(!e.scope.trim().is_empty(), "{}: 经营范围 of {}", f.display(), e.name);
        }
    }
}

#[test]
fn figures_are_written_with_two_places_and_hang_together() {
    for (f, c) in clusters() {
        let Some(i) = &c.industry else { continue };
        for (field, y) in [("output", &i.output), ("county_output", &i.county_output), ("sme_output", &i.sme_output)] {
            two_places_years(&f, field, y);
        }
        for (field, y) in [("leading_output", &i.leading_output), ("fdi", &i.fdi), ("exports", &i.exports)] {
            two_places_from_2022(&f, field, y);
        }
        for year in years_u16() {
            let at = |y: &Years<Dec>| pick(y, year);
            assert!(at(&i.sme_output) <= at(&i.output), "{}: SME output above the cluster's in {year}", f.display());
            assert!(
                pick(&i.leading_output.years(), year) <= at(&i.output),
                "{}: leading output above the cluster's in {year}",
                f.display()
            );
            assert!(
                at(&i.output) < at(&i.county_output),
                "{}: cluster output above the county's in {year}",
                f.display()
            );
            assert!(
                pick(&i.smes, year) <= pick(&i.enterprises, year),
                "{}: more SMEs than enterprises in {year}",
                f.display()
            );
        }
        let d = c.digital.as_ref().unwrap();
        assert_eq!(d.levels.total(), Dec::HUNDRED, "{}: digital.levels sum to {}", f.display(), d.levels.total());
        for year in years_u16() {
            assert!(
                pick(&d.cloud_smes, year) <= pick(&i.smes, year) && pick(&d.platform_smes, year) <= pick(&i.smes, year),
                "{}: digital counts above SMEs in {year}",
                f.display()
            );
        }
        let n = c.innovation.as_ref().unwrap();
        two_places_from_2022(&f, "rd_spending", &n.rd_spending);
        let g = c.green.as_ref().unwrap();
        two_places_years(&f, "co2_intensity", &g.co2_intensity);
        two_places_years(&f, "energy_intensity", &g.energy_intensity);
        two_places(&f, "solid_waste_rate", g.solid_waste_rate.number().unwrap());
        two_places(&f, "water_reuse_rate", g.water_reuse_rate.number().unwrap());

        // What the program derives must come out plausible.
        let fig = derived::figures(&c);
        let cagr = fig.leading_output_cagr.flatten().unwrap().to_f64();
        assert!((10.0..=15.0).contains(&cagr), "{}: 主导产业近三年年均增速 {cagr:.2}%", f.display());
        for g in fig.leading_output_growth.clone().unwrap().values() {
            let g = g.unwrap();
            assert!((5.0..=20.0).contains(&g.to_f64()), "{}: 主导产业产值增速 {g}", f.display());
        }
        for share in fig
            .output_share_of_county
            .clone()
            .unwrap()
            .values()
            .into_iter()
            .chain(fig.leading_output_share.as_ref().unwrap().values())
            .chain(fig.sme_output_share.as_ref().unwrap().values())
        {
            let share = share.unwrap();
            assert!(share.to_f64() > 0.0 && share.to_f64() < 100.0, "{}: a share of {share}%", f.display());
        }
        for g in fig.rd_growth.clone().unwrap().values() {
            let g = g.unwrap();
            assert!(g.to_f64() > 0.0, "{}: R&D spending fell ({g}%)", f.display());
        }
        let energy = fig.energy_reduction.flatten().unwrap().to_f64();
        assert!(energy > 0.0 && energy < 30.0, "{}: 能耗降低率 {energy:.2}%", f.display());
        assert!(
            fig.patents_cagr.flatten().unwrap().to_f64() >= 15.0,
            "{}: patents grew {}% a year",
            f.display(),
            fig.patents_cagr.flatten().unwrap()
        );

        // stated figures, where a cluster types them, agree with the computation to two places.
        let stated = serde_json::to_value(&c.stated).unwrap();
        let computed = serde_json::to_value(&fig).unwrap();
        for (field, value) in stated.as_object().unwrap() {
            if value.is_null() {
                continue;
            }
            let fixed = |v: &serde_json::Value| -> serde_json::Value {
                match v {
                    serde_json::Value::String(s) => serde_json::Value::String(dec(s).fixed2()),
                    serde_json::Value::Object(m) => m
                        .iter()
                        .map(|(k, v)| (k.clone(), serde_json::Value::String(dec(v.as_str().unwrap()).fixed2())))
                        .collect(),
                    other => other.clone(),
                }
            };
            assert_eq!(
                fixed(value),
                fixed(&computed[field]),
                "{}: stated.{field} disagrees with the computation",
                f.display()
            );
            if let serde_json::Value::Object(m) = value {
                for v in m.values() {
                    assert_eq!(dec(v.as_str().unwrap()).scale(), 2, "{}: stated.{field}", f.display());
                }
            }
        }
    }
}

#[test]
fn counts_equal_their_lists() {
    for (f, c) in clusters() {
        let l = &c.lists;
        let names = enterprise_names(l);

        // Patents: valid at the end of 2025 = the list; each earlier year = those granted by then.
        let mut numbers = BTreeSet::new();
        for p in &l.patents {
            assert!(
                valid_patent_number(&p.number),
                "{}: patent number {} is malformed or fails its check digit",
                f.display(),
                p.number
            );
            assert!(numbers.insert(&p.number), "{}: patent {} listed twice", f.display(), p.number);
            assert!(p.granted.year <= 2025, "{}: patent {} granted after 2025", f.display(), p.number);
            assert!(
                names.contains(p.owner.as_str()),
                "{}: patent owner {} is not in the enterprise lists",
                f.display(),
                p.owner
            );
            assert_eq!(p.kind, "发明专利");
        }
        let granted_by = |year: u16| l.patents.iter().filter(|p| p.granted.year <= year).count() as u32;
        for s in &l.standards {
            assert!(
                names.contains(s.enterprise.as_str()),
                "{}: standard {} by {} who is not listed",
                f.display(),
                s.code,
                s.enterprise
            );
            assert!(
                (2023..=2025).contains(&s.year),
                "{}: standard {} is not of the last three years",
                f.display(),
                s.code
            );
        }

        if let Some(i) = &c.industry {
            for year in years_u16() {
                for (field, count, list) in [
                    ("champions", &i.champions, &l.champions),
                    ("little_giants", &i.little_giants, &l.little_giants),
                    ("specialized", &i.specialized, &l.specialized),
                    ("high_tech", &i.high_tech, &l.high_tech),
                ] {
                    assert_eq!(
                        pick(count, year),
                        within(list, year),
                        "{}: industry.{field}.{year} vs its 名单",
                        f.display()
                    );
                }
            }
        }
        if let Some(n) = &c.innovation {
            assert_eq!(n.patents.y2025, l.patents.len() as u32, "{}: innovation.patents.2025 vs the 清单", f.display());
            for (year, count) in [(2022, n.patents.y2022), (2023, n.patents.y2023), (2024, n.patents.y2024)] {
                assert_eq!(
                    count,
                    granted_by(year),
                    "{}: innovation.patents.{year} vs patents granted by then",
                    f.display()
                );
            }
            for year in years_u16() {
                let counts = pick(&n.standards.map(|s| *s), year);
                for (category, lj) in [
                    (StandardCategory::International, counts.international),
                    (StandardCategory::National, counts.national),
                    (StandardCategory::Industry, counts.industry),
                    (StandardCategory::Group, counts.group),
                ] {
                    for (role, count) in [(StandardRole::Lead, lj.lead), (StandardRole::Join, lj.join)] {
                        let listed = l
                            .standards
                            .iter()
                            .filter(|s| s.category == category && s.role == role && s.year <= year)
                            .count() as u32;
                        assert_eq!(count, listed, "{}: standards {year} {category:?} {role:?}", f.display());
                    }
                }
            }
            for (level, count) in [
                (Level::National, n.platforms.national),
                (Level::Provincial, n.platforms.provincial),
                (Level::Other, n.platforms.other),
            ] {
                assert_eq!(
                    count,
                    by_level(&l.platforms, |p| p.level, level),
                    "{}: innovation.platforms {level:?}",
                    f.display()
                );
            }
        }
        if let Some(d) = &c.digital {
            for (level, count) in [
                (Level::National, d.projects.national),
                (Level::Provincial, d.projects.provincial),
                (Level::Other, d.projects.other),
            ] {
                assert_eq!(
                    count,
                    by_level(&l.projects, |p| p.level, level),
                    "{}: digital.projects {level:?}",
                    f.display()
                );
            }
        }
        if let Some(g) = &c.green {
            for (level, count) in [
                (Level::National, g.system.national),
                (Level::Provincial, g.system.provincial),
                (Level::Other, g.system.other),
            ] {
                assert_eq!(
                    count,
                    by_level(&l.green_system, |p| p.level, level),
                    "{}: green.system {level:?}",
                    f.display()
                );
            }
        }
        if let Some(o) = &c.openness {
            assert_eq!(
                o.overseas_branches,
                l.overseas_branches.len() as u32,
                "{}: openness.overseas_branches",
                f.display()
            );
        }
        if let Some(g) = &c.governance {
            assert_eq!(g.alliances, l.alliances.len() as u32, "{}: governance.alliances", f.display());
        }
        if is_review(&c) {
            assert_eq!(
                c.plan.targets.patents.base,
                Dec::from(l.patents.len() as u32),
                "{}: the patents base is the 清单 at the end of 2025",
                f.display()
            );
        }
    }
}

/// ZL + 12-digit application number + check digit (weights 2–9, 2–5, modulo 11, 10 → X).
fn valid_patent_number(number: &str) -> bool {
    let Some(rest) = number.strip_prefix("ZL") else { return false };
    let Some((digits, check)) = rest.split_once('.') else { return false };
    if digits.len() != 12 || !digits.bytes().all(|b| b.is_ascii_digit()) || check.len() != 1 {
        return false;
    }
    let weights = [2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5];
    let sum: u32 = digits.bytes().zip(weights).map(|(b, w)| u32::from(b - b'0') * w).sum();
    let expected = match sum % 11 {
        10 => "X".to_owned(),
        d => d.to_string(),
    };
    digits[4..5] == *"1" && check == expected
}

#[test]
fn the_2028_targets_meet_the_floors() {
    for (f, c) in clusters() {
        let t = &c.plan.targets;
        let s = &c.plan.stages;
        assert!(*t.output_cagr.target >= dec("10.00"), "{}: output CAGR target {}", f.display(), t.output_cagr.target);
        assert!(
            s.y2026.quality_smes < s.y2027.quality_smes && s.y2027.quality_smes < s.y2028.quality_smes,
            "{}: 优质中小企业 must rise every year",
            f.display()
        );
        assert!(
            Dec::from(s.y2028.quality_smes) > t.quality_smes.base,
            "{}: 2028 quality SMEs not above the base",
            f.display()
        );
        assert!(
            Dec::from(s.y2026.quality_smes) > t.quality_smes.base,
            "{}: 2026 quality SMEs not above the base",
            f.display()
        );
        assert_eq!(
            Dec::from(s.y2028.quality_smes),
            t.quality_smes.target,
            "{}: the 2028 stage is the target",
            f.display()
        );
        assert!(target_cagr(&t.rd_spending) >= 10.0, "{}: R&D CAGR {:.2}%", f.display(), target_cagr(&t.rd_spending));
        assert!(target_cagr(&t.patents) >= 15.0, "{}: patents CAGR {:.2}%", f.display(), target_cagr(&t.patents));
        assert!(
            t.iip_rate.target >= t.iip_industry_average,
            "{}: 工业互联网普及率 target below the industry",
            f.display()
        );
        assert!(t.iip_rate.target > t.iip_rate.base, "{}: 工业互联网普及率 does not rise", f.display());
        let co2 = reduction(t.co2.base, t.co2.target).unwrap();
        assert!(
            co2 >= *t.co2_industry_reduction,
            "{}: CO₂ falls {co2}% < industry {}%",
            f.display(),
            t.co2_industry_reduction
        );
        let energy = reduction(t.energy_intensity.base, t.energy_intensity.target).unwrap();
        assert!(
            energy >= *t.energy_industry_reduction,
            "{}: energy intensity falls {energy}% < industry {}%",
            f.display(),
            t.energy_industry_reduction
        );
        two_places(&f, "targets.output_cagr.base", *t.output_cagr.base);
        two_places(&f, "targets.output_cagr.target", *t.output_cagr.target);
        for (field, d) in [
            ("rd_spending", &t.rd_spending),
            ("iip_rate", &t.iip_rate),
            ("co2", &t.co2),
            ("energy_intensity", &t.energy_intensity),
        ] {
            two_places(&f, &format!("targets.{field}.base"), d.base);
            two_places(&f, &format!("targets.{field}.target"), d.target);
        }
        for (field, q) in [("openness", &t.openness), ("governance", &t.governance)] {
            assert!(
                !q.base.trim().is_empty() && !q.target.trim().is_empty(),
                "{}: targets.{field} 定性描述",
                f.display()
            );
        }

        // The 2025 base is the 2025 figure of parts 二–五.
        if let (Some(i), Some(n), Some(d), Some(g)) = (&c.industry, &c.innovation, &c.digital, &c.green) {
            let fig = derived::figures(&c);
            assert_eq!(
                t.output_cagr.base.fixed2(),
                fig.leading_output_cagr.flatten().unwrap().fixed2(),
                "{}: output CAGR base",
                f.display()
            );
            assert_eq!(t.patents.base, Dec::from(n.patents.y2025), "{}: patents base", f.display());
            assert_eq!(t.rd_spending.base, n.rd_spending.y2025, "{}: R&D base", f.display());
            let quality = i.innovative.y2025 + i.specialized.y2025 + i.little_giants.y2025;
            assert_eq!(
                t.quality_smes.base,
                Dec::from(quality),
                "{}: quality SMEs base = 创新型 + 专精特新 + 小巨人",
                f.display()
            );
            let iip = derived::share(Dec::from(d.platform_smes.y2025), Dec::from(i.smes.y2025)).unwrap();
            assert_eq!(t.iip_rate.base.fixed2(), iip.fixed2(), "{}: iip base = platform SMEs / SMEs", f.display());
            assert_eq!(t.energy_intensity.base, g.energy_intensity.y2025, "{}: energy intensity base", f.display());
            // 万吨 = 吨/万元 × 亿元 (× 10⁴ 万元/亿元 ÷ 10⁴ 吨/万吨).
            assert_eq!(
                t.co2.base.fixed2(),
                (g.co2_intensity.y2025 * i.output.y2025).fixed2(),
                "{}: CO₂ base = intensity × output",
                f.display()
            );
        }

        // A review cluster's table of 2023 targets covers every direction.
        if let Some(r) = &c.review {
            let directions: BTreeSet<_> = r.completion.iter().map(|row| row.direction).collect();
            for d in Direction::REQUIRED {
                assert!(directions.contains(&d), "{}: the completion table has no {d:?} row", f.display());
            }
            for row in &r.completion {
                for v in [&row.base_2022, &row.target_2025, &row.actual_2025] {
                    match v {
                        Value::Number(n) => {
                            assert!(n.scale() == 0 || n.scale() == 2, "{}: {} {n}", f.display(), row.indicator)
                        }
                        Value::Text(t) => assert!(!t.trim().is_empty(), "{}: {}", f.display(), row.indicator),
                    }
                }
            }
            let leading =
                r.completion.iter().find(|row| row.indicator.contains("主导产业产值")).expect("a leading-output row");
            let (Some(base), Some(actual)) = (leading.base_2022.number(), leading.actual_2025.number()) else {
                panic!("leading output is a number")
            };
            assert_eq!(
                t.output_cagr.base.fixed2(),
                cagr(base, actual, 3).unwrap().fixed2(),
                "{}: output CAGR base from the completion table",
                f.display()
            );
        }
    }
}

#[test]
fn every_ticked_box_has_its_evidence() {
    for (f, c) in clusters() {
        let dir = f.parent().unwrap().join(c.evidence.dir());
        // Every folder is a volume item's, every file a scan or a PDF.
        for entry in fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            let topic = Topic::from_folder(&name)
                .unwrap_or_else(|| panic!("{}: {name} is no volume item's folder", f.display()));
            assert!(topic.folder().is_some());
            for file in fs::read_dir(&path).unwrap() {
                let file = file.unwrap().path();
                let ext = file.extension().map(|e| e.to_string_lossy().to_lowercase()).unwrap_or_default();
                assert!(
                    ["jpg", "jpeg", "png", "pdf", "tif", "tiff"].contains(&ext.as_str()),
                    "{}: {} is not a scan",
                    f.display(),
                    file.display()
                );
            }
        }

        let ticked = |any: bool, topic: Topic, why: &str| {
            if any {
                assert_evidence(&f, &c, topic, why);
            }
        };
        if let Some(i) = &c.industry {
            ticked(!i.chain_works.is_empty(), Topic::Chain, "产业链强链补链");
            ticked(!i.collaboration_works.is_empty(), Topic::Collaboration, "产业链资源协同协作");
            ticked(!i.quality_works.is_empty(), Topic::Quality, "质量品牌建设");
        }
        if let Some(d) = &c.digital {
            ticked(!d.service_works.is_empty(), Topic::DigitalService, "数字化服务");
            ticked(!d.new_model_works.is_empty(), Topic::NewModels, "新模式新业态");
        }
        if let Some(g) = &c.green {
            ticked(g.carbon_monitoring == YesNo::Yes, Topic::CarbonMonitoring, "碳排放监测机制");
            ticked(!g.works.is_empty(), Topic::GreenWork, "绿色低碳工作");
        }
        if let Some(o) = &c.openness {
            ticked(!o.works.is_empty(), Topic::International, "国际合作交流");
        }
        if let Some(g) = &c.governance {
            ticked(!g.environment_works.is_empty(), Topic::Environment, "发展环境治理");
            ticked(!g.public_services.is_empty(), Topic::PublicServices, "中小企业公共服务");
        }

        // Lists that come with 佐证材料.
        let l = &c.lists;
        ticked(!l.patents.is_empty(), Topic::Patents, "有效发明专利清单");
        ticked(!l.standards.is_empty(), Topic::Standards, "标准清单");
        ticked(!l.platforms.is_empty(), Topic::Platforms, "创新平台");
        ticked(!l.green_system.is_empty(), Topic::GreenSystem, "绿色制造体系");
        ticked(!l.overseas_branches.is_empty(), Topic::OverseasBranches, "境外分支机构");
        ticked(!l.service_platforms.is_empty(), Topic::ServicePlatforms, "公共服务平台");
        ticked(!enterprise_names(l).is_empty(), Topic::KeyEnterprises, "重点企业名单");

        // Recognition: city level for a provincial application, provincial for a national one
        // and for reviews, national for a national review.
        ticked(c.submits(Submission::ProvincialApplication), Topic::CityRecognition, "市级集群认定");
        ticked(
            c.submits(Submission::NationalApplication) || is_review(&c),
            Topic::ProvincialRecognition,
            "省级集群（专业镇）认定",
        );
        ticked(c.submits(Submission::NationalReview), Topic::NationalRecognition, "国家级集群认定");
    }
}

#[test]
fn the_city_file_names_existing_clusters() {
    let cities = files_named("city.yaml");
    assert!(!cities.is_empty());
    for path in cities {
        let city: City = serde_yaml::from_str(&fs::read_to_string(&path).unwrap()).unwrap();
        let dir = path.parent().unwrap();
        assert!(city.recommended.len() <= 3, "{}: at most 3 recommended clusters", path.display());
        assert!(
            city.verified <= dossier::model::Date::parse("2026-05-15").unwrap(),
            "{}: verified after the deadline",
            path.display()
        );
        assert!(
            !city.authority.trim().is_empty()
                && !city.contact.name.trim().is_empty()
                && !city.contact.phone.trim().is_empty()
        );

        let mut segments = BTreeMap::new();
        let mut named = BTreeSet::new();
        for r in &city.recommended {
            let file = dir.join(&r.cluster).join("cluster.yaml");
            assert!(file.is_file(), "{}: recommended {} has no cluster.yaml", path.display(), r.cluster);
            let c = load_cluster(&file);
            assert!(is_application(&c), "{}: recommended {} does not apply", path.display(), r.cluster);
            assert_eq!(c.region.city, city.city);
            assert_eq!(c.region.province, city.province);
            if let Some(previous) = segments.insert(c.segment.clone(), r.cluster.clone()) {
                panic!("{}: {} and {} share the segment {}", path.display(), previous, r.cluster, c.segment);
            }
            named.insert(r.cluster.clone());
        }
        for r in &city.reviewed {
            let file = dir.join(&r.cluster).join("cluster.yaml");
            assert!(file.is_file(), "{}: reviewed {} has no cluster.yaml", path.display(), r.cluster);
            let c = load_cluster(&file);
            assert!(is_review(&c), "{}: reviewed {} is not under review", path.display(), r.cluster);
            assert!(!r.opinion.trim().is_empty());
            named.insert(r.cluster.clone());
        }
        // Every cluster beside the city file is recommended or reviewed.
        for entry in fs::read_dir(dir).unwrap() {
            let sub = entry.unwrap().path();
            if sub.join("cluster.yaml").is_file() {
                let name = sub.file_name().unwrap().to_string_lossy().into_owned();
                assert!(named.contains(&name), "{}: {name} is neither recommended nor reviewed", path.display());
            }
        }
        for (which, letter, needed) in [
            ("recommendation_letter", &city.recommendation_letter, !city.recommended.is_empty()),
            ("review_letter", &city.review_letter, !city.reviewed.is_empty()),
        ] {
            if !needed {
                continue;
            }
            let letter = letter.as_ref().unwrap_or_else(|| panic!("{}: {which} missing", path.display()));
            assert!(
                letter.number.contains("〔2026〕") && letter.number.ends_with('号'),
                "{}: {which} 发文字号",
                path.display()
            );
            assert_eq!(letter.recipient, "山西省工业和信息化厅");
            assert_paragraphs(&path, which, &letter.body);
            let paragraphs = letter.body.trim_end().split("\n\n").count();
            assert!((3..=5).contains(&paragraphs), "{}: {which} has {paragraphs} paragraphs", path.display());
            assert!(letter.date >= city.verified, "{}: {which} dated before the verification", path.display());
        }
    }
}

/// Every scan opens with the decoders the volumes use; pages are A4 at 150 dpi (portrait or
/// landscape) except photos; one photo is stored sideways behind an EXIF orientation; the
/// whole data tree stays small enough to ship.
#[test]
fn evidence_files_open_with_the_volume_decoders() {
    use image::ImageDecoder;
    use image::metadata::Orientation;

    let mut turned = 0;
    let mut formats = BTreeSet::new();
    let mut bytes = 0u64;
    for (f, c) in clusters() {
        let dir = f.parent().unwrap().join(c.evidence.dir());
        for folder in fs::read_dir(&dir).unwrap() {
            for file in fs::read_dir(folder.unwrap().path()).unwrap() {
                let file = file.unwrap().path();
                bytes += file.metadata().unwrap().len();
                let ext = file.extension().unwrap().to_string_lossy().to_lowercase();
                formats.insert(ext.clone());
                if ext == "pdf" {
                    let doc = lopdf::Document::load(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
                    assert!(!doc.get_pages().is_empty(), "{}: no pages", file.display());
                    continue;
                }
                let reader = image::ImageReader::open(&file).unwrap().with_guessed_format().unwrap();
                let mut decoder = reader.into_decoder().unwrap_or_else(|e| panic!("{}: {e}", file.display()));
                let orientation = decoder.orientation().unwrap();
                let (w, h) = decoder.dimensions();
                // Baseline JPEG is well trodden; decode the pixels of the rest (1-bit PNG, LZW TIFF)
                // and of the photos, which a debug build does in reasonable time.
                if ext != "jpg" || orientation != Orientation::NoTransforms {
                    image::DynamicImage::from_decoder(decoder).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
                }
                if orientation != Orientation::NoTransforms {
                    turned += 1;
                    assert!(
                        matches!(orientation, Orientation::Rotate90 | Orientation::Rotate270),
                        "{}: {orientation:?}",
                        file.display()
                    );
                }
                let name = file.file_name().unwrap().to_string_lossy().into_owned();
                if !name.contains("照片") {
                    assert!(
                        (w, h) == (1240, 1754) || (w, h) == (1754, 1240),
                        "{}: {w}×{h} is not an A4 page at 150 dpi",
                        file.display()
                    );
                }
            }
        }
    }
    assert!(turned >= 1, "no photo carries an EXIF rotation");
    for ext in ["jpg", "png", "pdf", "tif"] {
        assert!(formats.contains(ext), "no .{ext} evidence");
    }
    assert!(bytes < 12_500_000, "evidence totals {bytes} bytes");
}

/// The 集群简介 says what the 附件1/附件4 column asks for, with the data's own figures.
#[test]
fn the_summary_quotes_the_figures() {
    for (f, c) in clusters() {
        let s = &c.summary;
        let l = &c.lists;
        let mut wanted = vec![
            format!("专精特新中小企业{}家", l.specialized.len()),
            format!("“小巨人”企业{}家", l.little_giants.len()),
            format!("有效发明专利{}件", l.patents.len()),
            "2025年".to_owned(),
            "万人发明专利拥有量".to_owned(),
        ];
        wanted.push(if l.champions.is_empty() {
            "暂无国家级制造业单项冠军企业".to_owned()
        } else {
            format!("单项冠军企业{}家", l.champions.len())
        });
        if let (Some(i), Some(n)) = (&c.industry, &c.innovation) {
            wanted.push(format!("集群总产值{}亿元", i.output.y2025.fixed2()));
            wanted.push(format!("中小企业{}家", i.smes.y2025));
            let per =
                derived::share(Dec::from(n.patents.y2025) * Dec::from_int(100), Dec::from(n.employees.y2025)).unwrap();
            wanted.push(format!("万人发明专利拥有量{}件", per.fixed2()));
        }
        for w in wanted {
            assert!(s.contains(&w), "{}: the summary does not say {w}", f.display());
        }
    }
}
