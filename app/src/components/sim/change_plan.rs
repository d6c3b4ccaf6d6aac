//! The change-plan modal: the other plans only, each replayed against the last 30 days, the
//! effective date before confirming.

use super::{use_sim_ctx, watch_action, FormError, SimModal};
use crate::api::ChangePlan;
use crate::components::modal::Modal;
use crate::domain::dates::date_label;
use crate::domain::{format_quota_mb, PlanCode, PortalError, SimOverview, UsageReport};
use crate::t;
use crate::testids;
use leptos::prelude::*;

#[component]
pub fn ChangePlanModal(
    overview: SimOverview,
    usage: Resource<Result<UsageReport, PortalError>>,
) -> impl IntoView {
    let ctx = use_sim_ctx();
    let overview = StoredValue::new(overview);
    view! {
        <Modal open=ctx.is_open(SimModal::ChangePlan) on_close=ctx.close_modal() id=testids::CHANGE_PLAN_MODAL title=t!("sim-plan-title")>
            {move || view! { <ChangePlanForm overview=overview.get_value() usage /> }}
        </Modal>
    }
}

#[component]
fn ChangePlanForm(
    overview: SimOverview,
    usage: Resource<Result<UsageReport, PortalError>>,
) -> impl IntoView {
    let ctx = use_sim_ctx();
    let action = ServerAction::<ChangePlan>::new();
    let error = watch_action(action, ctx);
    let chosen = RwSignal::new(None::<PlanCode>);
    let effective = overview.plan_change_effective_on();
    let current = overview.details.plan_name.clone();
    let right_size = move || usage.get().and_then(Result::ok).and_then(|u| u.right_size);
    let choices = overview
        .plan_choices()
        .into_iter()
        .map(|p| {
            let fit = move || {
                right_size().map(|r| match r.shortfall_mb(p) {
                    None => t!("sim-plan-fits"),
                    Some(short) => t!("sim-plan-short", amount = format_quota_mb(short)),
                })
            };
            view! {
                <label class="choice">
                    <input type="radio" name="new_plan_code" value=p.code()
                        on:change=move |_| chosen.set(Some(p)) />
                    <span class="choice__main">
                        <span class="choice__title">{p.display_name()}</span>
                        <span class="muted">{t!("sim-plan-monthly", amount = format_quota_mb(p.monthly_quota_mb()))}</span>
                    </span>
                    <span class="choice__fit muted">{fit}</span>
                </label>
            }
        })
        .collect_view();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if action.pending().get_untracked() {
            return;
        }
        if let Some(p) = chosen.get_untracked() {
            action.dispatch(ChangePlan {
                id: ctx.id,
                new_plan_code: p.code().to_string(),
            });
        }
    };
    view! {
        <form class="form" on:submit=submit>
            <fieldset class="choices">
                <legend>{t!("sim-plan-choose")}</legend>
                {choices}
            </fieldset>
            {move || right_size().map(|r| view! { <p class="right-size">{r.message()}</p> })}
            <p class="effective" data-testid=testids::PLAN_EFFECTIVE_DATE>
                {move || match chosen.get() {
                    Some(p) => t!("sim-plan-starts", plan = p.display_name(), date = date_label(effective), current = current.clone()),
                    None => t!("sim-plan-starts-any", date = date_label(effective)),
                }}
            </p>
            <FormError error />
            <div class="form__actions">
                <button type="button" class="btn btn--ghost" on:click=move |_| ctx.modal.set(None)>{t!("sim-plan-back")}</button>
                <button type="submit" class="btn btn--primary" data-testid=testids::CHANGE_PLAN_SUBMIT
                    disabled=move || chosen.get().is_none() || action.pending().get()>
                    {move || if action.pending().get() { t!("sim-plan-submitting") } else { t!("sim-plan-submit") }}
                </button>
            </div>
        </form>
    }
}
