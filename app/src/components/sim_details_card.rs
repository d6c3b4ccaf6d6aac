//! The SIM details card: what the line is, what it costs and how much data is left.

use super::status::Badge;
use crate::domain::{format_msisdn, format_quota_mb, SimDetails, SimStatus};
use crate::t;
use crate::testids;
use leptos::prelude::*;

fn status_tone(s: &SimStatus) -> &'static str {
    match s {
        SimStatus::Active => "ok",
        SimStatus::Pending => "info",
        SimStatus::Suspended => "warn",
        _ => "muted",
    }
}

/// Share of the plan's allowance still left, as a whole percentage (0–100).
pub fn remaining_percent(d: &SimDetails) -> Option<u64> {
    let total = d.plan_quota_mb.filter(|t| *t > 0)?;
    let remaining = d.remaining_quota_mb?;
    Some((remaining.min(total) * 100).div_ceil(total))
}

#[component]
pub fn SimDetailsCard(details: SimDetails) -> impl IntoView {
    let percent = remaining_percent(&details);
    let of_total = details
        .plan_quota_mb
        .map(|total| t!("sim-usage-of-total", total = format_quota_mb(total)));
    let remaining = details.remaining_quota_label();
    let tone = status_tone(&details.status);

    view! {
        <section class="card" data-testid=testids::SIM_DETAILS aria-labelledby="sim-details-title">
            <header class="card__head">
                <h2 id="sim-details-title">{t!("sim-details-title")}</h2>
                <span data-testid=testids::SIM_STATUS><Badge label=details.status.label() tone=tone /></span>
            </header>
            <div class="quota">
                <div class="quota__figures">
                    <span class="quota__label">{t!("sim-details-remaining")}</span>
                    <span class="quota__value" data-testid=testids::SIM_REMAINING>{remaining}</span>
                    <span class="quota__total muted">{of_total}</span>
                </div>
                {percent.map(|p| view! {
                    <div class="meter" role="meter" aria-label=t!("sim-details-remaining") aria-valuemin="0" aria-valuemax="100" aria-valuenow=p.to_string()>
                        <div class="meter__fill" style=format!("width: {p}%")></div>
                    </div>
                })}
            </div>
            <dl class="facts">
                <dt>{t!("sim-details-phone")}</dt>
                <dd class="mono" data-testid=testids::SIM_MSISDN>{format_msisdn(&details.msisdn)}</dd>
                <dt>{t!("sim-details-plan")}</dt>
                <dd data-testid=testids::SIM_PLAN_NAME>{details.plan_name.clone()}</dd>
                <dt>{t!("sim-details-plan-code")}</dt>
                <dd class="mono" data-testid=testids::SIM_PLAN_CODE>{details.plan_code.clone()}</dd>
                <dt>{t!("sim-details-type")}</dt>
                <dd data-testid=testids::SIM_TYPE>{details.sim_type.label()}</dd>
                {details.network_type.map(|n| view! { <dt>{t!("sim-details-network")}</dt><dd data-testid=testids::SIM_NETWORK>{n.code()}</dd> })}
                <dt>{t!("sim-details-iccid")}</dt>
                <dd class="mono" data-testid=testids::SIM_ICCID>{details.iccid.clone()}</dd>
                {details.eid.clone().map(|eid| view! { <dt>{t!("sim-details-eid")}</dt><dd class="mono break" data-testid=testids::SIM_EID>{eid}</dd> })}
                <dt>{t!("sim-details-product")}</dt>
                <dd data-testid=testids::SIM_PRODUCT>{details.product_name.clone()}</dd>
                <dt>{t!("sim-details-billing")}</dt>
                <dd>{details.service_status.label()}</dd>
            </dl>
        </section>
    }
}
