//! The cancel modal: what cancelling means, a month-end date (this month's by default) and a
//! typed confirmation — the last four digits of the number.

use super::{use_sim_ctx, watch_action, FormError, SimModal};
use crate::api::CancelSim;
use crate::components::modal::Modal;
use crate::domain::dates::date_label;
use crate::domain::{format_msisdn, SimOverview};
use crate::testids;
use leptos::prelude::*;

mod text {
    pub const TITLE: &str = "Cancel this SIM";
    pub const DATE: &str = "Last day of service";
    pub const CONFIRM: &str = "To confirm, type the last 4 digits of the number";
    pub const SUBMITTING: &str = "Cancelling…";
    pub const BACK: &str = "Keep my SIM";
}

#[component]
pub fn CancelSimModal(overview: SimOverview) -> impl IntoView {
    let ctx = use_sim_ctx();
    let overview = StoredValue::new(overview);
    view! {
        <Modal open=ctx.is_open(SimModal::Cancel) on_close=ctx.close_modal() id=testids::CANCEL_MODAL title=text::TITLE>
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
                format!("{} (end of this month)", date_label(*d))
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
                <p>{format!("Cancelling ends the service of {number}:")}</p>
                <ul>
                    <li>"The number stops working after the last day of service and cannot be restored online."</li>
                    <li>{format!("Data left on the line ({remaining}) is lost; nothing is refunded for it.")}</li>
                    <li>"Billing for this SIM stops after that day; earlier invoices stay due."</li>
                </ul>
            </div>
            <label class="field">
                <span>{text::DATE}</span>
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
                <span>{format!("{} (…{last4})", text::CONFIRM)}</span>
                <input type="text" inputmode="numeric" maxlength="4" autocomplete="off" name="confirm_last4"
                    data-testid=testids::CANCEL_CONFIRM
                    on:input=move |ev| typed.set(event_target_value(&ev)) prop:value=typed />
            </label>
            <FormError error />
            <div class="form__actions">
                <button type="button" class="btn btn--ghost" on:click=move |_| ctx.modal.set(None)>{text::BACK}</button>
                <button type="submit" class="btn btn--danger" data-testid=testids::CANCEL_SUBMIT
                    disabled=move || !matches() || action.pending().get()>
                    {move || if action.pending().get() {
                        text::SUBMITTING.to_string()
                    } else {
                        format!("Cancel SIM on {}", date_label(date.get()))
                    }}
                </button>
            </div>
        </form>
    }
}
