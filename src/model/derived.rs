//! Computed figures: 占比, 增速, 近三年年均增速 and 降低率 are derived from the yearly values,
//! never typed twice.
//!
//! 近三年年均增速 is the compound rate over the three growth steps 2022→2025,
//! `((V2025 / V2022)^(1/3) − 1) × 100`, so that it is the geometric mean of the three yearly
//! 增速 the same table prints.

use super::{Cluster, Dec, Figures, Years, YearsFrom2022};

/// `part / whole × 100`, or `None` when the whole is zero.
pub fn share(part: Dec, whole: Dec) -> Option<Dec> {
    part.checked_div(whole).map(|r| r * Dec::HUNDRED)
}

/// `(current − previous) / previous × 100`.
pub fn growth(previous: Dec, current: Dec) -> Option<Dec> {
    share(current - previous, previous)
}

/// Compound annual growth in percent over `steps` years.
pub fn cagr(first: Dec, last: Dec, steps: u32) -> Option<Dec> {
    let ratio = last.checked_div(first)?.to_f64();
    // A NaN ratio (an unrepresentable decimal) is no more a rate than a negative one.
    if ratio.is_nan() || ratio <= 0.0 || steps == 0 {
        return None;
    }
    Dec::from_f64((ratio.powf(1.0 / f64::from(steps)) - 1.0) * 100.0)
}

/// `(first − last) / first × 100`: how much a figure fell.
pub fn reduction(first: Dec, last: Dec) -> Option<Dec> {
    share(first - last, first)
}

fn growths(series: &YearsFrom2022<Dec>) -> Years<Option<Dec>> {
    series.steps().map(|&(previous, current)| growth(previous, current))
}

fn shares(part: &Years<Dec>, whole: &Years<Dec>) -> Years<Option<Dec>> {
    part.zip(whole, |&p, &w| share(p, w))
}

fn series_cagr(series: &YearsFrom2022<Dec>) -> Option<Dec> {
    cagr(series.y2022, series.y2025, 3)
}

/// The part of the form a figure (by its key under `stated`) is printed in: where the figures
/// it is computed from are.
pub fn part(key: &str) -> &'static str {
    match key {
        "rd_growth" | "patents_cagr" => "innovation",
        "energy_reduction" => "green",
        _ => "industry",
    }
}

/// Every figure the cluster's data implies: `None` for a figure whose part is absent (a
/// review-only cluster has no part 二), `Some(None)` for a year whose base is zero (the form
/// prints “无”).
pub fn figures(cluster: &Cluster) -> Figures<Option<Dec>> {
    let industry = cluster.industry.as_ref();
    let innovation = cluster.innovation.as_ref();
    let green = cluster.green.as_ref();
    let patents = innovation.map(|i| YearsFrom2022 {
        y2022: Dec::from(i.patents.y2022),
        y2023: Dec::from(i.patents.y2023),
        y2024: Dec::from(i.patents.y2024),
        y2025: Dec::from(i.patents.y2025),
    });
    Figures {
        output_share_of_county: industry.map(|i| shares(&i.output, &i.county_output)),
        sme_output_share: industry.map(|i| shares(&i.sme_output, &i.output)),
        leading_output_share: industry.map(|i| shares(&i.leading_output.years(), &i.output)),
        leading_output_growth: industry.map(|i| growths(&i.leading_output)),
        leading_output_cagr: industry.map(|i| series_cagr(&i.leading_output)),
        fdi_growth: industry.map(|i| growths(&i.fdi)),
        exports_growth: industry.map(|i| growths(&i.exports)),
        rd_growth: innovation.map(|i| growths(&i.rd_spending)),
        patents_cagr: patents.as_ref().map(series_cagr),
        energy_reduction: green.map(|g| reduction(g.energy_intensity.y2023, g.energy_intensity.y2025)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dec(s: &str) -> Dec {
        s.parse().unwrap()
    }

    #[test]
    fn rates_are_exact_where_they_can_be() {
        assert_eq!(growth(dec("50.00"), dec("56.30")).unwrap().fixed2(), "12.60");
        assert_eq!(share(dec("1"), dec("3")).unwrap().fixed2(), "33.33");
        assert_eq!(reduction(dec("0.80"), dec("0.68")).unwrap().fixed2(), "15.00");
        assert!(share(dec("1"), Dec::ZERO).is_none());
    }

    #[test]
    fn cagr_is_the_geometric_mean_of_the_yearly_growth() {
        // 100 → 110 → 121 → 133.1: three steps of exactly 10 %.
        assert_eq!(cagr(dec("100"), dec("133.1"), 3).unwrap().fixed2(), "10.00");
        assert_eq!(cagr(dec("3.20"), dec("4.50"), 3).unwrap().fixed2(), "12.04");
        assert!(cagr(Dec::ZERO, dec("1"), 3).is_none());
    }
}
