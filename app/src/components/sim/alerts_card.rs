//! Usage alerts: the customer's thresholds for this SIM ("80 % used", "1.0 GB left"), each
//! emailed once a month when reached, and the form to add one (checked by the same rule the
//! server enforces).

use super::{use_sim_ctx, FormError, Notice, SectionError};
use crate::api::{get_usage_alerts, AddUsageAlert, RemoveUsageAlert};
use crate::components::status::Badge;
use crate::domain::usage_alerts::{Threshold, UsageAlert, UsageAlerts};
use crate::domain::PortalError;
use crate::t;
use crate::testids;
use leptos::prelude::*;

#[component]
pub fn AlertsCard() -> impl IntoView {
    let ctx = use_sim_ctx();
    let id = ctx.id;
    let add = ServerAction::<AddUsageAlert>::new();
    let remove = ServerAction::<RemoveUsageAlert>::new();
    let alerts = Resource::new(
        move || {
            (
                ctx.refresh.get(),
                add.version().get(),
                remove.version().get(),
            )
        },
        move |_| get_usage_alerts(id),
    );
    Effect::new(move |_| {
        if let Some(Ok(_)) = add.value().get() {
            ctx.notice.set(Some(Notice {
                ok: true,
                text: t!("sim-alerts-added"),
            }));
        }
    });
    let error = Signal::derive(move || {
        add.value()
            .get()
            .and_then(Result::err)
            .or_else(|| remove.value().get().and_then(Result::err))
    });
    view! {
        <section class="card" aria-labelledby="alerts-title" data-testid=testids::ALERTS_CARD>
            <header class="card__head"><h2 id="alerts-title">{t!("sim-alerts-title")}</h2></header>
            <p class="muted small">{t!("sim-alerts-lead")}</p>
            <Transition fallback=|| ()>
                {move || Suspend::new(async move {
                    match alerts.await {
                        Ok(a) => view! { <AlertList alerts=a remove /> }.into_any(),
                        Err(e) => view! {
                            <SectionError what=t!("sim-alerts-unavailable") error=e retry=Callback::new(move |()| alerts.refetch()) />
                        }.into_any(),
                    }
                })}
            </Transition>
            <AddAlertForm add />
            <FormError error />
        </section>
    }
}

#[component]
fn AlertList(alerts: UsageAlerts, remove: ServerAction<RemoveUsageAlert>) -> impl IntoView {
    let ctx = use_sim_ctx();
    if alerts.alerts.is_empty() {
        return view! { <p class="muted">{t!("sim-alerts-empty")}</p> }.into_any();
    }
    let full =
        (!alerts.can_add).then(|| view! { <p class="muted small">{t!("sim-alerts-full")}</p> });
    view! {
        <ul class="rows">
            {alerts.alerts.into_iter().map(|a: UsageAlert| {
                let alert = a.id.clone();
                let sent = a.sent_this_cycle.is_some();
                view! {
                    <li class="rows__item" data-testid=testids::ALERT_ROW data-sent=sent.to_string()>
                        <strong>{a.label.clone()}</strong>
                        {match a.sent_this_cycle.clone() {
                            Some(at) => view! { <Badge label=format!("{} {at}", t!("sim-alerts-sent")) tone="warn" /> }.into_any(),
                            None => view! { <span class="muted small">{t!("sim-alerts-waiting")}</span> }.into_any(),
                        }}
                        <button type="button" class="btn btn--ghost btn--small rows__end" data-testid=testids::ALERT_REMOVE
                            aria-label=format!("{} {}", t!("sim-alerts-remove"), a.label)
                            disabled=move || remove.pending().get()
                            on:click=move |_| { remove.dispatch(RemoveUsageAlert { id: ctx.id, alert: alert.clone() }); }>
                            {t!("sim-alerts-remove")}
                        </button>
                    </li>
                }
            }).collect_view()}
        </ul>
        {full}
    }
    .into_any()
}

#[component]
fn AddAlertForm(add: ServerAction<AddUsageAlert>) -> impl IntoView {
    let ctx = use_sim_ctx();
    let kind = RwSignal::new("percentUsed".to_string());
    let value = RwSignal::new("80".to_string());
    let check = Memo::new(move |_| Threshold::parse(&kind.get(), &value.get()).err());
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if add.pending().get_untracked() || check.get_untracked().is_some() {
            return;
        }
        add.dispatch(AddUsageAlert {
            id: ctx.id,
            kind: kind.get_untracked(),
            value: value.get_untracked(),
        });
    };
    view! {
        <form class="inline-form" on:submit=submit>
            <label class="field">
                <span>{t!("sim-alerts-kind")}</span>
                <input type="number" inputmode="numeric" min="1" class="inline-form__number" aria-label=t!("sim-alerts-value")
                    data-testid=testids::ALERT_VALUE prop:value=value on:input=move |ev| value.set(event_target_value(&ev)) />
            </label>
            <select aria-label=t!("sim-alerts-kind") data-testid=testids::ALERT_KIND
                on:change=move |ev| {
                    let k = event_target_value(&ev);
                    value.set(if k == "remainingMb" { "1024".into() } else { "80".into() });
                    kind.set(k);
                }>
                <option value="percentUsed" selected=true>{t!("sim-alerts-percent")}</option>
                <option value="remainingMb">{t!("sim-alerts-left")}</option>
            </select>
            <button type="submit" class="btn btn--small" data-testid=testids::ALERT_ADD
                disabled=move || add.pending().get() || check.get().is_some()>{t!("sim-alerts-add")}</button>
            {move || check.get().filter(|_| !value.get().trim().is_empty()).map(|e: PortalError| view! {
                <p class="hint warn-text">{e.to_string()}</p>
            })}
        </form>
    }
}
