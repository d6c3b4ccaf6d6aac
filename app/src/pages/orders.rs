//! The customer's orders (`/orders`) and one order (`/orders/{id}`): every step from
//! submission to completion, or exactly why it waits and what to do — refreshed every few
//! seconds while the order is in progress.

use crate::api::{get_order, list_orders};
use crate::components::status::{Badge, ErrorPanel, LoginRedirect};
use crate::domain::orders::{OrderView, StepStatus};
use crate::domain::topup::yen_label;
use crate::domain::{PortalError, SubscriptionId};
use crate::{routes, t, testids};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

fn tone(o: &OrderView) -> &'static str {
    if o.failed.is_some() {
        "danger"
    } else if o.paused.is_some() {
        "warn"
    } else if o.in_progress() {
        "info"
    } else {
        "ok"
    }
}

#[component]
pub fn OrdersPage() -> impl IntoView {
    let orders = Resource::new(|| (), |_| list_orders());
    view! {
        <Title text=t!("portal-orders-title") />
        <h1>{t!("portal-orders-title")}</h1>
        <p class="lead"><a href=routes::CATALOG>{t!("portal-orders-browse")}</a></p>
        <Transition fallback=|| view! { <p class="muted">{t!("portal-orders-loading")}</p> }>
            {move || Suspend::new(async move {
                match orders.await {
                    Ok(list) if list.is_empty() => view! { <p class="muted" data-testid=testids::ORDER_LIST>{t!("portal-orders-empty")}</p> }.into_any(),
                    Ok(list) => view! {
                        <ul class="cases" data-testid=testids::ORDER_LIST>
                            {list.into_iter().map(|o| {
                                let t = tone(&o);
                                view! {
                                    <li data-testid=testids::ORDER_ROW>
                                        <a class="cases__link" href=routes::order(&o.id)>
                                            <span class="cases__subject">{o.product.clone()}</span>
                                            <Badge label=o.status_label() tone=t />
                                            <span class="muted small">{format!("{} · {}", o.number.clone().map(|n| format!("#{n}")).unwrap_or_default(), o.created_at)}</span>
                                        </a>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    }.into_any(),
                    Err(PortalError::Unauthorized) => view! { <LoginRedirect /> }.into_any(),
                    Err(e) => view! { <ErrorPanel error=e /> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
pub fn OrderPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").unwrap_or_default());
    let tick = RwSignal::new(0u32);
    let order = Resource::new(move || (id(), tick.get()), |(id, _)| get_order(id));
    // While the order moves, look again every 2 seconds.
    crate::components::browser::refresh_while(tick, std::time::Duration::from_secs(2), move || {
        order
            .get_untracked()
            .and_then(Result::ok)
            .is_none_or(|o| o.in_progress())
    });
    view! {
        <Title text=t!("portal-order-title") />
        <a class="back" href=routes::ORDERS>{t!("portal-order-back")}</a>
        <Transition fallback=|| view! { <p class="muted">{t!("portal-order-loading")}</p> }>
            {move || Suspend::new(async move {
                match order.await {
                    Ok(o) => view! { <OrderDetail order=o /> }.into_any(),
                    Err(PortalError::Unauthorized) => view! { <LoginRedirect /> }.into_any(),
                    Err(e) => view! { <ErrorPanel error=e message=t!("portal-order-not-found") /> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn OrderDetail(order: OrderView) -> impl IntoView {
    let t = tone(&order);
    view! {
        <article class="card order">
            <header class="card__head">
                <h1>{order.product.clone()}</h1>
                <span data-testid=testids::ORDER_STATUS><Badge label=order.status_label() tone=t /></span>
            </header>
            <p class="muted small">{match order.number.clone() {
                Some(number) => t!("portal-order-placed-numbered", number = number, placed = order.created_at.clone()),
                None => t!("portal-order-placed", placed = order.created_at.clone()),
            }}</p>
            {order.paused.clone().map(|why| view! {
                <div class="banner banner--warn" role="status">
                    <p>{why}</p>
                    {order.action.clone().map(|a| view! { <a class="btn" href=a.url rel="external">{a.label}</a> })}
                </div>
            })}
            {order.failed.clone().map(|why| view! { <p class="form__error" role="alert">{why}</p> })}
            <ol class="steps">
                {order.steps.iter().map(|s| {
                    let (class, mark) = match s.status {
                        StepStatus::Done => ("steps__item steps__item--done", "✓"),
                        StepStatus::Current => ("steps__item steps__item--current", "…"),
                        StepStatus::Waiting => ("steps__item", ""),
                        StepStatus::Paused => ("steps__item steps__item--paused", "!"),
                        StepStatus::Failed => ("steps__item steps__item--failed", "✕"),
                    };
                    view! {
                        <li class=class data-testid=testids::ORDER_STEP data-status=format!("{:?}", s.status)>
                            <span class="steps__mark" aria-hidden="true">{mark}</span>
                            <span>{s.step.label()}</span>
                        </li>
                    }
                }).collect_view()}
            </ol>
            {order.subscription_id.map(|id| view! {
                <p><a class="btn btn--primary" href=routes::sim_page(SubscriptionId(id))>
                    {order.msisdn.clone().map_or_else(|| t!("portal-order-open-subscription"), |m| t!("portal-order-manage-sim", number = crate::domain::format_msisdn(&m)))}
                </a></p>
            })}
            <h2>{t!("portal-order-items")}</h2>
            {order.lines.first().filter(|l| !l.options.is_empty()).map(|l| view! {
                <dl class="checks">
                    {l.options.iter().map(|(k, v)| {
                        // The EID is the device's; shown shortened, enough to recognise it.
                        let shown = if k == "eid" && v.len() > 8 { format!("…{}", &v[v.len() - 8..]) } else { v.clone() };
                        let label = match k.as_str() { "eid" => t!("portal-order-option-eid"), "network" => t!("portal-order-option-network"), "region" => t!("portal-order-option-region"), other => other.to_string() };
                        view! { <dt>{label}</dt><dd>{shown}</dd> }
                    }).collect_view()}
                </dl>
            })}
            <dl class="totals">
                {order.lines.iter().map(|l| view! {
                    <dt>{l.name.clone()}</dt>
                    <dd>{if l.cycle == crate::domain::catalog::BillingCycle::Monthly { t!("portal-price-monthly", price = yen_label(l.price_yen)) } else { t!("portal-price-once", price = yen_label(l.price_yen)) }}</dd>
                }).collect_view()}
                <dt class="totals__sum">{t!("portal-totals-monthly")}</dt><dd class="totals__sum">{yen_label(order.monthly_yen)}</dd>
                <dt class="totals__sum">{t!("portal-totals-once")}</dt><dd class="totals__sum">{yen_label(order.one_time_yen)}</dd>
            </dl>
        </article>
    }
}

super::lazy_page!(OrdersRoute, OrdersPage);
super::lazy_page!(OrderRoute, OrderPage);
