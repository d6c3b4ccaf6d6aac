//! The usage card: remaining data, this month's use, today's, a freshness stamp, the burn-rate
//! forecast with a one-click way to top up, the plan right-sizer and 30 days of history.

use super::usage_chart::{usage_chart, UsageSvg};
use super::SectionError;
use crate::components::chart::draw_when_ready;
use crate::domain::dates::short_date_label;
use crate::domain::{format_quota_mb, PortalError, UsageReport};
use crate::t;
use crate::testids;
use leptos::prelude::*;

pub const CHART_ID: &str = "usage-chart";
pub const FALLBACK_ID: &str = "usage-chart-fallback";

#[component]
pub fn UsageCard(usage: Resource<Result<UsageReport, PortalError>>) -> impl IntoView {
    view! {
        <section class="card usage" aria-labelledby="usage-title" data-testid=testids::USAGE_CARD>
            <header class="card__head">
                <h2 id="usage-title">{t!("sim-usage-title")}</h2>
            </header>
            <Transition fallback=|| view! { <p class="muted">{t!("sim-usage-loading")}</p> }>
                {move || Suspend::new(async move {
                    match usage.await {
                        Ok(r) => view! { <UsageBody report=r /> }.into_any(),
                        Err(e) => view! {
                            <SectionError what=t!("sim-usage-unavailable") error=e retry=Callback::new(move |()| usage.refetch()) />
                        }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}

#[component]
fn UsageBody(report: UsageReport) -> impl IntoView {
    let chart_report = report.clone();
    draw_when_ready(CHART_ID, FALLBACK_ID, move || usage_chart(&chart_report));
    let used_pct = report.used_percent.unwrap_or(0.0);
    let used_label = report
        .used_mb
        .map_or_else(|| "—".to_string(), format_quota_mb);
    let used_pct_label = report
        .used_percent
        .map_or_else(String::new, |p| format!("{p:.1} %"));
    let top_up_push = report.forecast.needs_top_up();
    let active = report.line_active;
    let rows = report
        .usage_history
        .iter()
        .map(|d| {
            view! {
                <tr><td>{short_date_label(d.date)}</td><td>{format_quota_mb(d.usage_mb.round() as u64)}</td></tr>
            }
        })
        .collect_view();
    view! {
        <p class="stamp muted" data-testid=testids::USAGE_AS_OF>{t!("sim-usage-as-of-time", time = report.as_of_label.clone())}</p>
        <div class="usage__figures">
            <div class="figure">
                <span class="figure__label">{t!("sim-usage-remaining")}</span>
                <span class="figure__value" data-testid=testids::USAGE_REMAINING>{report.remaining_label.clone()}</span>
                <span class="muted">{t!("sim-usage-of-total", total = format_quota_mb(report.total_quota_mb))}</span>
            </div>
            <div class="figure">
                <span class="figure__label">{t!("sim-usage-used")}</span>
                <span class="figure__value" data-testid=testids::USAGE_USED>{used_label}</span>
                <span class="muted">{used_pct_label}</span>
            </div>
            <div class="figure">
                <span class="figure__label">{t!("sim-usage-today")}</span>
                <span class="figure__value" data-testid=testids::USAGE_TODAY>{format_quota_mb(report.today_usage_mb.round() as u64)}</span>
            </div>
        </div>
        <div class="meter" role="meter" aria-label=t!("sim-usage-used") aria-valuemin="0" aria-valuemax="100"
            aria-valuenow=format!("{used_pct:.1}")>
            <div class="meter__fill meter__fill--used" style=format!("width: {}%", used_pct.clamp(0.0, 100.0))></div>
        </div>
        {(active && report.throttled).then(|| view! { <p class="warn-text">{t!("sim-usage-throttled")}</p> })}
        {active.then(|| view! {
            <div class=if top_up_push { "forecast forecast--warn" } else { "forecast" }>
                <p data-testid=testids::USAGE_FORECAST>{report.forecast.message()}</p>
                <button type="button" class="btn btn--small" data-testid=testids::FORECAST_TOP_UP
                    on:click=move |_| focus_top_up()>{t!("sim-usage-top-up")}</button>
            </div>
        })}
        {report.right_size.clone().filter(|_| active).map(|r| view! {
            <p class="right-size" data-testid=testids::USAGE_RIGHT_SIZE>{r.message()}</p>
        })}
        {(!active).then(|| view! { <p class="muted">{t!("sim-usage-not-active")}</p> })}
        <figure class="chart">
            <figcaption>{t!("sim-usage-history")}</figcaption>
            <div id=FALLBACK_ID class="chart__fallback"><UsageSvg report=report.clone() /></div>
            <div id=CHART_ID class="chart__canvas" hidden data-testid=testids::USAGE_CHART></div>
        </figure>
        <details class="usage__table">
            <summary>{t!("sim-usage-table")}</summary>
            <table>
                <thead><tr><th scope="col">{t!("sim-usage-day")}</th><th scope="col">{t!("sim-usage-amount")}</th></tr></thead>
                <tbody>{rows}</tbody>
            </table>
            <a class="btn btn--ghost btn--small" href=format!("/api/subscriptions/{}/sim/usage.csv", report.subscription_id.0)
                download="" rel="external" data-testid=testids::USAGE_CSV>{t!("sim-usage-csv")}</a>
        </details>
    }
}

/// The forecast's top-up button takes the customer to the top-up action (one click).
fn focus_top_up() {
    #[cfg(feature = "hydrate")]
    if let Some(el) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(super::actions_card::TOP_UP_ID))
    {
        use leptos::wasm_bindgen::JsCast;
        el.scroll_into_view();
        if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
            let _ = el.focus();
        }
    }
}
