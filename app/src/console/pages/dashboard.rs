//! `/ops`: the dashboard — totals, SIMs by status (donut), activations over time (line; by
//! day, week or month from `?bucket=`) and SIMs by tariff (bar). The numbers come from the
//! counts kept with every change, so the page costs the same at a million SIMs. Each chart
//! has a server-rendered table under it that stays when the chart library cannot load.

use super::{state_tone, StaffOnly};
use crate::components::chart::draw_when_ready;
use crate::components::status::ErrorPanel;
use crate::console::api::ops_dashboard;
use crate::console::routes;
use crate::domain::console::{Bucket, Dashboard, SimFilter};
use crate::domain::inventory::LifecycleState;
use crate::t;
use crate::testids;
use charming::component::{Axis, Grid, Legend};
use charming::element::{AxisType, ItemStyle, Tooltip, Trigger};
use charming::series::{Bar, Line, Pie};
use charming::Chart;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

fn colour(s: LifecycleState) -> &'static str {
    match s {
        LifecycleState::Available => "#1f5fa8",
        LifecycleState::Reserved => "#c58a00",
        LifecycleState::Active => "#1d7a46",
        LifecycleState::Suspended => "#e07b00",
        LifecycleState::LostStolen => "#b42318",
        LifecycleState::Terminated => "#8a96a3",
    }
}

fn status_chart(d: &Dashboard) -> Chart {
    let items: Vec<_> = d.by_status.iter().filter(|s| s.count > 0).collect();
    Chart::new()
        .tooltip(Tooltip::new().trigger(Trigger::Item))
        .legend(Legend::new().bottom(0))
        .color(
            items
                .iter()
                .map(|s| charming::element::Color::from(colour(s.status)))
                .collect::<Vec<_>>(),
        )
        .series(
            Pie::new()
                .name(t!("console-dashboard-by-status"))
                .radius(vec!["42%", "68%"])
                .center(vec!["50%", "45%"])
                .data(
                    items
                        .iter()
                        .map(|s| (s.count as f64, s.status.label()))
                        .collect(),
                ),
        )
}

fn activations_chart(d: &Dashboard) -> Chart {
    Chart::new()
        .grid(Grid::new().left(40).right(12).top(16).bottom(28))
        .tooltip(Tooltip::new().trigger(Trigger::Axis))
        .x_axis(
            Axis::new()
                .type_(AxisType::Category)
                .data(d.activations.iter().map(|a| a.date.clone()).collect()),
        )
        .y_axis(Axis::new().type_(AxisType::Value))
        .series(
            Line::new()
                .name(t!("console-dashboard-activations"))
                .item_style(ItemStyle::new().color("#0f6d8a"))
                .data(d.activations.iter().map(|a| a.count as f64).collect()),
        )
}

fn tariff_chart(d: &Dashboard) -> Chart {
    Chart::new()
        .grid(Grid::new().left(150).right(16).top(8).bottom(24))
        .tooltip(Tooltip::new().trigger(Trigger::Axis))
        .x_axis(Axis::new().type_(AxisType::Value))
        .y_axis(
            Axis::new()
                .type_(AxisType::Category)
                .data(d.by_tariff.iter().rev().map(|t| t.tariff.clone()).collect()),
        )
        .series(
            Bar::new()
                .name(t!("console-dashboard-sims"))
                .item_style(ItemStyle::new().color("#2563eb").border_radius(3))
                .data(d.by_tariff.iter().rev().map(|t| t.count as f64).collect()),
        )
}

#[component]
fn Total(#[prop(into)] label: String, value: i64, id: &'static str, href: String) -> impl IntoView {
    view! {
        <a class="panel figure ops-total" href=href data-testid=id>
            <span class="figure__label">{label}</span>
            <span class="figure__value">{crate::domain::topup::group(value.max(0) as u64)}</span>
        </a>
    }
}

fn link(status: Option<LifecycleState>) -> String {
    routes::ops_sims(
        &SimFilter {
            status,
            ..SimFilter::default()
        }
        .to_query(),
    )
}

#[component]
fn Body(d: Dashboard) -> impl IntoView {
    let (a, b, c) = (d.clone(), d.clone(), d.clone());
    draw_when_ready("chart-status", "chart-status-fallback", move || {
        status_chart(&a)
    });
    draw_when_ready(
        "chart-activations",
        "chart-activations-fallback",
        move || activations_chart(&b),
    );
    draw_when_ready("chart-tariff", "chart-tariff-fallback", move || {
        tariff_chart(&c)
    });
    let bucket = d.bucket;
    let total_activations: i64 = d.activations.iter().map(|x| x.count).sum();
    let period = match bucket {
        Bucket::Day => t!("console-dashboard-period-day"),
        Bucket::Week => t!("console-dashboard-period-week"),
        Bucket::Month => t!("console-dashboard-period-month"),
    };
    let activations_total = t!(
        "console-dashboard-activations-total",
        count = total_activations.to_string(),
        period = period.clone()
    );
    view! {
        <div class="ops-totals">
            <Total label=t!("console-dashboard-total-all") value=d.total() id=testids::OPS_TOTAL_ALL href=link(None) />
            <Total label=t!("console-state-active") value=d.count(LifecycleState::Active) id=testids::OPS_TOTAL_ACTIVE href=link(Some(LifecycleState::Active)) />
            <Total label=t!("console-state-suspended") value=d.count(LifecycleState::Suspended) id=testids::OPS_TOTAL_SUSPENDED href=link(Some(LifecycleState::Suspended)) />
            <Total label=t!("console-state-available") value=d.count(LifecycleState::Available) id=testids::OPS_TOTAL_AVAILABLE href=link(Some(LifecycleState::Available)) />
        </div>
        <div class="ops-charts">
            <section class="panel" data-testid=testids::OPS_CHART_STATUS>
                <h2>{t!("console-dashboard-by-status")}</h2>
                <div id="chart-status" class="chart__canvas" hidden></div>
                <table id="chart-status-fallback" class="table">
                    <tbody>
                        {d.by_status.iter().map(|s| view! {
                            <tr>
                                <td><a href=link(Some(s.status))><span class=format!("badge badge--{}", state_tone(s.status))>{s.status.label()}</span></a></td>
                                <td class="num">{crate::domain::topup::group(s.count.max(0) as u64)}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </section>
            <section class="panel ops-charts__wide" data-testid=testids::OPS_CHART_ACTIVATIONS>
                <div class="page-head">
                    <h2>{t!("console-dashboard-activations")}" "<span class="muted small">{period}</span></h2>
                    <nav class="ops-bucket" data-testid=testids::OPS_BUCKET aria-label=t!("console-dashboard-bucket-label")>
                        {[Bucket::Day, Bucket::Week, Bucket::Month].into_iter().map(|b| view! {
                            <a href=format!("{}?bucket={}", routes::OPS, b.as_str())
                                class=if b == bucket { "btn btn--small btn--primary" } else { "btn btn--small btn--ghost" }
                                aria-current=if b == bucket { Some("page") } else { None }>
                                {match b { Bucket::Day => t!("console-dashboard-bucket-day"), Bucket::Week => t!("console-dashboard-bucket-week"), Bucket::Month => t!("console-dashboard-bucket-month") }}
                            </a>
                        }).collect_view()}
                    </nav>
                </div>
                <div id="chart-activations" class="chart__canvas" hidden></div>
                <p id="chart-activations-fallback" class="muted">
                    {activations_total}
                </p>
            </section>
            <section class="panel ops-charts__wide" data-testid=testids::OPS_CHART_TARIFF>
                <h2>{t!("console-dashboard-by-tariff")}" "<span class="muted small">{t!("console-dashboard-not-terminated")}</span></h2>
                <div id="chart-tariff" class="chart__canvas" hidden></div>
                <table id="chart-tariff-fallback" class="table">
                    <tbody>
                        {d.by_tariff.iter().map(|t| {
                            let href = routes::ops_sims(&SimFilter { tariff: t.tariff_id, ..SimFilter::default() }.to_query());
                            view! {
                                <tr><td><a href=href>{t.tariff.clone()}</a></td><td class="num">{crate::domain::topup::group(t.count.max(0) as u64)}</td></tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </section>
        </div>
    }
}

#[component]
fn DashboardPage() -> impl IntoView {
    let query = use_query_map();
    let bucket = move || query.with(|q| q.get("bucket").unwrap_or_default());
    let data = Resource::new(bucket, ops_dashboard);
    view! {
        <Title text=t!("console-dashboard-title") />
        <StaffOnly page=move |_staff| {
            view! {
                <h1>{t!("console-nav-dashboard")}</h1>
                <Transition fallback=|| view! { <p class="muted">{t!("console-dashboard-loading")}</p> }>
                    {move || Suspend::new(async move {
                        match data.await {
                            Ok(d) => view! { <Body d /> }.into_any(),
                            Err(e) => view! { <ErrorPanel error=e /> }.into_any(),
                        }
                    })}
                </Transition>
            }
        } />
    }
}

crate::pages::lazy_page!(DashboardRoute, DashboardPage);
