//! The actions card: top up, change plan, reissue eSIM, cancel. Whether each is open follows
//! the SIM's type and state (one domain rule, `available_actions`); a closed one stays visible
//! and focusable (`aria-disabled`) with its reason beside it.

use super::cancel_sim::CancelSimModal;
use super::change_plan::ChangePlanModal;
use super::reissue_esim::ReissueEsimModal;
use super::top_up::TopUpModal;
use super::{use_sim_ctx, SimModal};
use crate::domain::{Availability, PortalError, SimOverview, UsageReport};
use crate::t;
use crate::testids;
use leptos::prelude::*;

const SHARED_REASON_ID: &str = "actions-reason";

/// Id of the top-up control, which the usage forecast focuses.
pub const TOP_UP_ID: &str = "action-top-up";

#[component]
pub fn ActionsCard(
    overview: SimOverview,
    usage: Resource<Result<UsageReport, PortalError>>,
) -> impl IntoView {
    let ctx = use_sim_ctx();
    let a = overview.actions.clone();
    // When every action is closed for the same reason (a cancelled SIM), say it once.
    let reasons = [&a.top_up, &a.change_plan, &a.reissue_esim, &a.cancel].map(|x| x.reason());
    let shared = reasons[0]
        .filter(|r| reasons.iter().all(|x| x == &Some(*r)))
        .map(str::to_string);
    provide_context(SharedReason(shared.clone()));
    view! {
        <section class="card" aria-labelledby="actions-title" data-testid=testids::ACTIONS_CARD>
            <header class="card__head"><h2 id="actions-title">{t!("sim-actions-title")}</h2></header>
            {shared.clone().map(|r| view! { <p class="muted small" id=SHARED_REASON_ID>{r}</p> })}
            <ul class="actions">
                <ActionItem id=TOP_UP_ID label=t!("sim-actions-top-up") testid=testids::ACTION_TOP_UP availability=a.top_up on_click=move || ctx.open(SimModal::TopUp) />
                <ActionItem id="action-change-plan" label=t!("sim-actions-change-plan") testid=testids::ACTION_CHANGE_PLAN
                    availability=a.change_plan on_click=move || ctx.open(SimModal::ChangePlan) />
                <ActionItem id="action-reissue" label=t!("sim-actions-reissue") testid=testids::ACTION_REISSUE
                    availability=a.reissue_esim on_click=move || ctx.open(SimModal::Reissue) />
                <ActionItem id="action-cancel" label=t!("sim-actions-cancel") testid=testids::ACTION_CANCEL danger=true
                    availability=a.cancel on_click=move || ctx.open(SimModal::Cancel) />
            </ul>
        </section>
        <ChangePlanModal overview=overview.clone() usage />
        <CancelSimModal overview=overview.clone() />
        <ReissueEsimModal overview=overview.clone() />
        <TopUpModal overview />
    }
}

#[component]
fn ActionItem(
    id: &'static str,
    #[prop(into)] label: String,
    testid: &'static str,
    availability: Availability,
    on_click: impl Fn() + 'static,
    #[prop(optional)] danger: bool,
) -> impl IntoView {
    let enabled = availability.is_enabled();
    let reason_id = format!("{id}-reason");
    // A reason all actions share is shown once, above them (see the card).
    let shared = expect_context::<SharedReason>().0;
    let own_reason = availability
        .reason()
        .filter(|r| shared.as_deref() != Some(*r));
    let described_by = if own_reason.is_some() {
        Some(reason_id.clone())
    } else if !enabled {
        Some(SHARED_REASON_ID.to_string())
    } else {
        None
    };
    let class = match (enabled, danger) {
        (true, true) => "btn btn--danger-outline",
        (true, false) => "btn",
        (false, _) => "btn btn--disabled",
    };
    view! {
        <li class="actions__item">
            <button type="button" id=id class=class data-testid=testid
                aria-disabled=(!enabled).then_some("true")
                aria-describedby=described_by
                on:click=move |_| if enabled { on_click() }>
                {label}
            </button>
            {own_reason.map(|r| view! {
                <p class="actions__reason muted" id=reason_id.clone()>{r.to_string()}</p>
            })}
        </li>
    }
}

/// The reason every action shares, if they share one.
#[derive(Clone)]
struct SharedReason(Option<String>);
