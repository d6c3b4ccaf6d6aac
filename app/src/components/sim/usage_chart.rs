//! The daily-usage chart: the same 30 days as charming options for the browser and as a
//! server-rendered SVG fallback (useful before the wasm and the chart library load).

use crate::domain::dates::short_date_label;
use crate::domain::{format_quota_mb, UsageReport};
use charming::component::{Axis, Grid};
use charming::element::{AxisType, ItemStyle, Tooltip, Trigger};
use charming::series::Bar;
use charming::Chart;
use leptos::prelude::*;

/// The charming chart: one bar per day, oldest left, in MB.
pub fn usage_chart(report: &UsageReport) -> Chart {
    let days = report.chronological();
    let labels: Vec<String> = days.iter().map(|d| short_date_label(d.date)).collect();
    let values: Vec<f64> = days.iter().map(|d| d.usage_mb.round()).collect();
    Chart::new()
        .grid(Grid::new().left(48).right(12).top(16).bottom(28))
        .tooltip(
            Tooltip::new()
                .trigger(Trigger::Axis)
                .value_formatter("(v) => v + ' MB'"),
        )
        .x_axis(Axis::new().type_(AxisType::Category).data(labels))
        .y_axis(Axis::new().type_(AxisType::Value).name("MB"))
        .series(
            Bar::new()
                .name(crate::t!("sim-chart-series"))
                .item_style(ItemStyle::new().color("#2563eb").border_radius(3))
                .data(values),
        )
}

const W: f64 = 600.0;
const H: f64 = 160.0;

/// A plain SVG bar chart of the same days, each bar titled with its date and amount.
#[component]
pub fn UsageSvg(report: UsageReport) -> impl IntoView {
    let days = report.chronological();
    let max = days.iter().map(|d| d.usage_mb).fold(1.0_f64, f64::max);
    let n = days.len().max(1) as f64;
    let slot = W / n;
    let summary = match (days.first(), days.last()) {
        (Some(a), Some(b)) => crate::t!(
            "sim-chart-summary",
            from = short_date_label(a.date),
            to = short_date_label(b.date),
            max = format_quota_mb(max.round() as u64)
        ),
        _ => crate::t!("sim-chart-empty"),
    };
    let bars = days
        .into_iter()
        .enumerate()
        .map(|(i, d)| {
            let h = (d.usage_mb / max * (H - 4.0)).max(1.0);
            let x = i as f64 * slot + slot * 0.15;
            let label = format!(
                "{}: {}",
                short_date_label(d.date),
                format_quota_mb(d.usage_mb.round() as u64)
            );
            view! {
                <rect x=format!("{x:.1}") y=format!("{:.1}", H - h) width=format!("{:.1}", slot * 0.7)
                    height=format!("{h:.1}") rx="2"><title>{label}</title></rect>
            }
        })
        .collect_view();
    view! {
        <svg class="usage-svg" viewBox=format!("0 0 {W} {H}") preserveAspectRatio="none" role="img" aria-label=summary>
            {bars}
        </svg>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{PlanCode, SubscriptionId};

    #[test]
    fn chart_has_one_bar_per_day_oldest_first() {
        let r = UsageReport::build(
            SubscriptionId(1),
            Some(PlanCode::Pasi10G),
            Some(5000),
            10.0,
            &[300.0, 200.0, 100.0],
            false,
            true,
            0,
            String::new(),
            chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(),
        );
        let json = serde_json::to_value(usage_chart(&r)).unwrap();
        assert_eq!(json["series"][0]["type"], "bar");
        assert_eq!(
            json["series"][0]["data"],
            serde_json::json!([100.0, 200.0, 300.0])
        );
        let x = &json["xAxis"];
        let x = if x.is_array() { &x[0] } else { x };
        assert_eq!(x["data"][0], "20 Nov", "{json}");
    }
}
