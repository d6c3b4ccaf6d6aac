//! The cancel modal: what cancelling means, a month-end date (this month's by default) and a
//! typed confirmation — the last four digits of the number.

use super::{use_sim_ctx, watch_action, FormError, SimModal};
use crate::api::CancelSim;
use crate::components::modal::Modal;
use crate::domain::dates::date_label;
use crate::domain::{format_msisdn, SimOverview};
use crate::t;
use crate::testids;
use leptos::prelude::*;

#[component]
pub fn CancelSimModal(overview: SimOverview) -> impl IntoView {
    let ctx = use_sim_ctx();
    let overview = StoredValue::new(overview);
    view! {
        <Modal open=ctx.is_open(SimModal::Cancel) on_close=ctx.close_modal() id=testids::CANCEL_MODAL title=t!("sim-cancel-title")>
            {move || view! { <CancelForm overview=overview.get_value() /> }}
        </Modal>
    }
}

#[component]
fn CancelForm(overview: SimOverview) -> impl IntoView {
    let ctx = use_sim_ctx();
    let action = ServerAction::<CancelSim>::new();
    let error = watch_action(action, ctx);
    let dates = overview.cancel_dates();
    let date = RwSignal::new(dates[0]);
    let typed = RwSignal::new(String::new());
    let last4 = overview.details.msisdn_last4();
    let number = format_msisdn(&overview.details.msisdn);
    let remaining = overview.details.remaining_quota_label();
    let matches = {
        let last4 = last4.clone();
        move || typed.get().trim() == last4
    };
    let options = dates
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let label = if i == 0 {
                t!("sim-cancel-end-of-month", date = date_label(*d))
            } else {
                date_label(*d)
            };
            view! { <option value=d.to_string() selected=i == 0>{label}</option> }
        })
        .collect_view();
    let submit = {
        let matches = matches.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            if action.pending().get_untracked() || !matches() {
                return;
            }
            action.dispatch(CancelSim {
                id: ctx.id,
                cancel_on: date.get_untracked().to_string(),
                confirm_last4: typed.get_untracked().trim().to_string(),
            });
        }
    };
    view! {
        <form class="form" on:submit=submit>
            <div class="consequences">
                <p>{t!("sim-cancel-ends", number = number.clone())}</p>
                <ul>
                    <li>{t!("sim-cancel-number-stops")}</li>
                    <li>{t!("sim-cancel-data-lost", remaining = remaining.clone())}</li>
                    <li>{t!("sim-cancel-billing-stops")}</li>
                </ul>
            </div>
            <label class="field">
                <span>{t!("sim-cancel-date")}</span>
                <select name="cancel_on" data-testid=testids::CANCEL_DATE
                    on:change=move |ev| {
                        if let Some(d) = crate::domain::dates::parse_iso_date(&event_target_value(&ev)) {
                            date.set(d);
                        }
                    }>
                    {options}
                </select>
            </label>
            <label class="field">
                <span>{format!("{} (…{last4})", t!("sim-cancel-confirm"))}</span>
                <input type="text" inputmode="numeric" maxlength="4" autocomplete="off" name="confirm_last4"
                    data-testid=testids::CANCEL_CONFIRM
                    on:input=move |ev| typed.set(event_target_value(&ev)) prop:value=typed />
            </label>
            <FormError error />
            <div class="form__actions">
                <button type="button" class="btn btn--ghost" on:click=move |_| ctx.modal.set(None)>{t!("sim-cancel-back")}</button>
                <button type="submit" class="btn btn--danger" data-testid=testids::CANCEL_SUBMIT
                    disabled=move || !matches() || action.pending().get()>
                    {move || if action.pending().get() {
                        t!("sim-cancel-submitting")
                    } else {
                        t!("sim-cancel-submit", date = date_label(date.get()))
                    }}
                </button>
            </div>
        </form>
    }
}
