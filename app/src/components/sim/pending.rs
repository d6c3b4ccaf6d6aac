//! What the carrier is still doing, shown above the cards; a scheduled plan change can be
//! withdrawn from here until it applies.

use super::{use_sim_ctx, watch_action, FormError};
use crate::api::CancelPlanChange;
use crate::domain::{PendingOperation, SimOverview};
use crate::testids;
use leptos::prelude::*;

#[component]
pub fn PendingList(overview: SimOverview) -> impl IntoView {
    let ctx = use_sim_ctx();
    let withdraw = ServerAction::<CancelPlanChange>::new();
    let error = watch_action(withdraw, ctx);
    let today = overview.today;
    if overview.pending.is_empty() {
        return ().into_any();
    }
    let items = overview
        .pending
        .into_iter()
        .map(|p| {
            let can_withdraw = matches!(&p, PendingOperation::PlanChange { effective_on, .. } if *effective_on > today);
            view! {
                <li class="pending__item">
                    <span class="spinner" aria-hidden="true"></span>
                    <span>{p.describe()}</span>
                    {can_withdraw.then(|| view! {
                        <button type="button" class="btn btn--small btn--ghost" data-testid=testids::CANCEL_PLAN_CHANGE
                            disabled=move || withdraw.pending().get()
                            on:click=move |_| {
                                if !withdraw.pending().get_untracked() {
                                    withdraw.dispatch(CancelPlanChange { id: ctx.id });
                                }
                            }>
                            {move || if withdraw.pending().get() { crate::t!("sim-pending-withdrawing") } else { crate::t!("sim-pending-withdraw") }}
                        </button>
                    })}
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="pending" aria-label=crate::t!("sim-pending-label") data-testid=testids::PENDING_LIST>
            <ul>{items}</ul>
            <FormError error />
        </section>
    }
    .into_any()
}
