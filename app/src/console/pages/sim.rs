//! `/ops/sims/{id}`: one SIM — header, the actions its state allows (support and admin
//! only), and the tabs Details (PIN/PUK masked, revealed on request and audited) and History
//! (every event with who, from where and what changed).

use super::{jst, state_tone, StaffOnly};
use crate::components::status::ErrorPanel;
use crate::console::api::{ops_reveal, ops_sim, ops_tariffs, OpsOperate};
use crate::console::routes;
use crate::domain::console::{Permission, SimCard, SimEvent, SimWithEvents, Staff};
use crate::domain::format_msisdn;
use crate::domain::inventory::Operation;
use crate::t;
use crate::testids;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Tab {
    Details,
    History,
}

/// What each operation's form asks for.
fn hint(op: Operation) -> String {
    match op {
        Operation::Reserve => t!("console-hint-reserve"),
        Operation::Activate => t!("console-hint-activate"),
        Operation::Suspend => t!("console-hint-suspend"),
        Operation::Resume => t!("console-hint-resume"),
        Operation::ReportLost => t!("console-hint-report-lost"),
        Operation::Terminate => t!("console-hint-terminate"),
        Operation::Swap => t!("console-hint-swap"),
    }
}

#[component]
fn ActionPanel(
    sim: SimCard,
    op: Operation,
    on_done: Callback<()>,
    on_cancel: Callback<()>,
) -> impl IntoView {
    let action = ServerAction::<OpsOperate>::new();
    let tariffs = Resource::new(|| (), |_| ops_tariffs());
    Effect::new(move |_| {
        if let Some(Ok(_)) = action.value().get() {
            on_done.run(());
        }
    });
    let error = move || action.value().get().and_then(Result::err);
    let needs_customer =
        op == Operation::Reserve || (op == Operation::Activate && sim.customer.is_none());
    let danger = matches!(op, Operation::Terminate | Operation::ReportLost);
    view! {
        <section class="panel ops-action" data-testid=testids::OPS_ACTION_FORM>
            <h2>{op.label()}</h2>
            <p class="muted">{hint(op)}</p>
            <ActionForm action=action attr:class="form">
                <input type="hidden" name="id" value=sim.id.to_string() />
                <input type="hidden" name="op" value=op.as_str() />
                <input type="hidden" name="expected_version" value=sim.version.to_string() />
                {op.needs_reason().then(|| view! {
                    <label class="field">
                        <span>{t!("console-action-reason")}</span>
                        <input type="text" name="reason" required maxlength="500" data-testid=testids::OPS_ACTION_REASON />
                    </label>
                })}
                {needs_customer.then(|| view! {
                    <label class="field field--short">
                        <span>{t!("console-customer-id")}</span>
                        <input type="text" name="customer_id" inputmode="numeric" required />
                    </label>
                })}
                {(op == Operation::Activate).then(|| view! {
                    <label class="field field--short">
                        <span>{t!("console-action-code")}</span>
                        <input type="text" name="activation_code" placeholder="ACT-1234-5678" />
                    </label>
                    <label class="field">
                        <span>{t!("console-action-tariff")}</span>
                        <select name="tariff_id">
                            <option value="">{sim.tariff.as_ref().map_or_else(|| t!("console-action-tariff-none"), |p| t!("console-action-tariff-keep", name = p.name.clone()))}</option>
                            <Transition fallback=|| ()>
                                {move || Suspend::new(async move {
                                    tariffs.await.unwrap_or_default().into_iter().map(|t| view! {
                                        <option value=t.id.to_string()>{t.name}</option>
                                    }).collect_view()
                                })}
                            </Transition>
                        </select>
                    </label>
                })}
                {(op == Operation::Swap).then(|| view! {
                    <label class="field">
                        <span>{t!("console-action-new-iccid")}</span>
                        <input type="text" name="new_iccid" inputmode="numeric" required class="mono" />
                    </label>
                })}
                {move || error().map(|e| view! {
                    <p class="form__error" role="alert" data-testid=testids::OPS_ACTION_ERROR>{e.to_string()}</p>
                })}
                <div class="form__actions">
                    <button type="submit" class=if danger { "btn btn--danger" } else { "btn btn--primary" }
                        data-testid=testids::OPS_ACTION_SUBMIT disabled=move || action.pending().get()>
                        {op.label()}
                    </button>
                    <button type="button" class="btn btn--ghost" on:click=move |_| on_cancel.run(())>{t!("console-cancel")}</button>
                </div>
            </ActionForm>
        </section>
    }
}

#[component]
fn Details(sim: SimCard, staff: Staff) -> impl IntoView {
    let revealed =
        RwSignal::new(None::<Result<crate::domain::console::Revealed, crate::domain::PortalError>>);
    let id = sim.id;
    let reveal = move |_| {
        leptos::task::spawn_local(async move {
            revealed.set(Some(ops_reveal(id).await));
        });
    };
    let may_reveal = staff.role.may(Permission::Operate);
    let pin = sim.pin_masked.clone().unwrap_or_else(|| "—".into());
    let puk = sim.puk_masked.clone().unwrap_or_else(|| "—".into());
    view! {
        <dl class="facts">
            <dt>"PIN"</dt>
            <dd class="mono" data-testid=testids::OPS_PIN>
                {move || match revealed.get() {
                    Some(Ok(r)) => r.pin.unwrap_or_default(),
                    _ => pin.clone(),
                }}
            </dd>
            <dt>"PUK"</dt>
            <dd class="mono">
                {move || match revealed.get() {
                    Some(Ok(r)) => r.puk.unwrap_or_default(),
                    _ => puk.clone(),
                }}
            </dd>
            <dt>{t!("console-sim-activation-code")}</dt><dd class="mono">{sim.activation_code.clone().unwrap_or_else(|| "—".into())}</dd>
            <dt>{t!("console-col-type")}</dt><dd>{sim.card_type.label()}</dd>
            <dt>{t!("console-sim-added")}</dt><dd>{jst(sim.created_at)}" JST"</dd>
            <dt>{t!("console-sim-last-change")}</dt><dd>{jst(sim.updated_at)}{t!("console-sim-version", version = sim.version.to_string())}</dd>
        </dl>
        {may_reveal.then(|| view! {
            <p class="ops-reveal">
                <button type="button" class="btn btn--ghost btn--small" on:click=reveal data-testid=testids::OPS_REVEAL
                    disabled=move || matches!(revealed.get(), Some(Ok(_)))>
                    {t!("console-sim-reveal")}
                </button>
                <span class="muted small">{t!("console-sim-reveal-hint")}</span>
            </p>
        })}
        {move || match revealed.get() {
            Some(Err(e)) => Some(view! { <p class="form__error" role="alert">{e.to_string()}</p> }),
            _ => None,
        }}
    }
}

/// An event's type in words (`REPORTED_LOST` → "Reported lost"); an unknown one from its code.
fn event_kind(kind: &str) -> String {
    match kind {
        "IMPORTED" => t!("console-event-imported"),
        "RESERVED" => t!("console-event-reserved"),
        "ACTIVATED" => t!("console-event-activated"),
        "SUSPENDED" => t!("console-event-suspended"),
        "RESUMED" => t!("console-event-resumed"),
        "REPORTED_LOST" => t!("console-event-reported-lost"),
        "TERMINATED" => t!("console-event-terminated"),
        "SWAPPED" => t!("console-event-swapped"),
        "SWAPPED_IN" => t!("console-event-swapped-in"),
        "PIN_REVEALED" => t!("console-event-pin-revealed"),
        other => {
            let kind = other.replace('_', " ").to_lowercase();
            kind[..1].to_uppercase() + &kind[1..]
        }
    }
}

fn event_title(e: &SimEvent) -> String {
    let kind = event_kind(&e.kind);
    match (e.old_status, e.new_status) {
        (Some(a), Some(b)) => t!(
            "console-event-change",
            kind = kind,
            from = a.label(),
            to = b.label()
        ),
        _ => kind,
    }
}

/// Where an event came from, in words (in English the code itself).
fn source_label(source: &str) -> String {
    match source {
        "console" => t!("console-source-console"),
        "api" => t!("console-source-api"),
        "import" => t!("console-source-import"),
        "system" => t!("console-source-system"),
        other => other.to_string(),
    }
}

/// The changed fields in words: `status ACTIVE → SUSPENDED · msisdn 08020000004 → none`.
fn changes(before: &str, after: &str) -> Option<String> {
    use serde_json::{Map, Value};
    let b: Map<String, Value> = serde_json::from_str(before).ok()?;
    let a: Map<String, Value> = serde_json::from_str(after).ok()?;
    let show = |v: Option<&Value>| match v {
        None | Some(Value::Null) => t!("console-sim-change-none"),
        Some(Value::String(s)) => s.clone(),
        Some(other) => other.to_string(),
    };
    let parts: Vec<String> = a
        .iter()
        .map(|(k, v)| format!("{k} {} → {}", show(b.get(k)), show(Some(v))))
        .collect();
    (!parts.is_empty()).then(|| parts.join(" · "))
}

#[component]
fn History(events: Vec<SimEvent>) -> impl IntoView {
    view! {
        <ol class="timeline">
            {events.into_iter().map(|e| {
                let who = match &e.staff {
                    Some(email) => format!("{email} · {}", source_label(&e.source)),
                    None => source_label(&e.source),
                };
                let changes = match (&e.before, &e.after) {
                    (Some(b), Some(a)) => changes(b, a),
                    _ => None,
                };
                view! {
                    <li class="timeline__item" data-testid=testids::OPS_EVENT>
                        <div class="timeline__head">
                            <strong>{event_title(&e)}</strong>
                            <span class="muted small">{format!("{} JST · {who}", jst(e.created_at))}</span>
                        </div>
                        {e.note.map(|n| view! { <p>{n}</p> })}
                        {changes.map(|c| view! { <p class="mono small muted">{c}</p> })}
                    </li>
                }
            }).collect_view()}
        </ol>
    }
}

#[component]
fn SimBody(
    data: SimWithEvents,
    staff: Staff,
    refetch: Callback<()>,
    /// What the last action did (kept across the reload it causes).
    done: RwSignal<Option<String>>,
) -> impl IntoView {
    let sim = data.sim.clone();
    let tab = RwSignal::new(Tab::Details);
    let open = RwSignal::new(None::<Operation>);
    let may_operate = staff.role.may(Permission::Operate);
    let status = sim.status;
    let buttons = sim.allowed.clone();
    let events = data.events.clone();
    let form_sim = sim.clone();
    view! {
        <header class="panel ops-sim-head" data-testid=testids::OPS_SIM_HEADER>
            <div>
                <p class="muted small">"ICCID"</p>
                <h1 class="mono">{sim.iccid.clone()}</h1>
            </div>
            <dl class="facts ops-sim-head__facts">
                <dt>{t!("console-col-status")}</dt>
                <dd><span class=format!("badge badge--{}", state_tone(status)) data-testid=testids::OPS_SIM_STATUS>{status.label()}</span></dd>
                <dt>{t!("console-sim-number")}</dt><dd class="mono">{sim.msisdn.as_deref().map(format_msisdn).unwrap_or_else(|| "—".into())}</dd>
                <dt>{t!("console-col-customer")}</dt>
                <dd>{sim.customer.clone().map(|c| {
                    let href = routes::ops_sims(&crate::domain::console::SimFilter { customer: Some(c.id), ..Default::default() }.to_query());
                    view! { <a href=href>{c.name}</a>" "<span class="muted small">{format!("#{}", c.id)}</span> }
                })}</dd>
                <dt>{t!("console-col-tariff")}</dt><dd>{sim.tariff.clone().map(|t| t.name).unwrap_or_else(|| "—".into())}</dd>
            </dl>
        </header>
        {move || done.get().map(|m| view! { <p class="notice notice--ok" role="status" data-testid=testids::OPS_ACTION_DONE>{m}</p> })}
        {may_operate.then(|| view! {
            <div class="ops-actions">
                {buttons.iter().map(|op| {
                    let op = *op;
                    let danger = matches!(op, Operation::Terminate | Operation::ReportLost);
                    view! {
                        <button type="button" class=if danger { "btn btn--danger-outline" } else { "btn btn--ghost" }
                            data-testid=testids::OPS_ACTION attr:data-op=op.as_str()
                            on:click=move |_| { done.set(None); open.set(Some(op)); }>
                            {op.label()}
                        </button>
                    }
                }).collect_view()}
                {buttons.is_empty().then(|| view! { <p class="muted">{t!("console-sim-final")}</p> })}
            </div>
        })}
        {move || open.get().map(|op| view! {
            <ActionPanel sim=form_sim.clone() op
                on_done=Callback::new(move |()| {
                    open.set(None);
                    done.set(Some(t!("console-sim-done", op = op.label())));
                    refetch.run(());
                })
                on_cancel=Callback::new(move |()| open.set(None)) />
        })}
        <div class="ops-tabs" role="tablist">
            <button type="button" role="tab" aria-selected=move || (tab.get() == Tab::Details).to_string()
                class=move || if tab.get() == Tab::Details { "ops-tab ops-tab--on" } else { "ops-tab" }
                data-testid=testids::OPS_TAB_DETAILS on:click=move |_| tab.set(Tab::Details)>{t!("console-sim-tab-details")}</button>
            <button type="button" role="tab" aria-selected=move || (tab.get() == Tab::History).to_string()
                class=move || if tab.get() == Tab::History { "ops-tab ops-tab--on" } else { "ops-tab" }
                data-testid=testids::OPS_TAB_HISTORY on:click=move |_| tab.set(Tab::History)>
                {t!("console-sim-tab-history", count = events.len().to_string())}
            </button>
        </div>
        <section class="panel">
            <div hidden=move || tab.get() != Tab::Details><Details sim=sim.clone() staff=staff.clone() /></div>
            <div hidden=move || tab.get() != Tab::History><History events=data.events.clone() /></div>
        </section>
    }
}

#[component]
fn SimPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").and_then(|v| v.parse::<i64>().ok()).unwrap_or(0));
    let tick = RwSignal::new(0u32);
    let data = Resource::new(move || (id(), tick.get()), |(id, _)| ops_sim(id));
    let refetch = Callback::new(move |()| tick.update(|t| *t += 1));
    let done = RwSignal::new(None::<String>);
    view! {
        <Title text=t!("console-sim-title") />
        <p class="back"><a href=routes::OPS_SIMS>{t!("console-sim-back")}</a></p>
        <StaffOnly page=move |staff: Staff| {
            view! {
                <Transition fallback=|| view! { <p class="muted">{t!("console-sim-loading")}</p> }>
                    {move || {
                        let staff = staff.clone();
                        Suspend::new(async move {
                            match data.await {
                                Ok(d) => view! { <SimBody data=d staff refetch done /> }.into_any(),
                                Err(e) => view! { <ErrorPanel error=e /> }.into_any(),
                            }
                        })
                    }}
                </Transition>
            }
        } />
    }
}

crate::pages::lazy_page!(SimRoute, SimPage);
