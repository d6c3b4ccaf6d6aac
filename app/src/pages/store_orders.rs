//! The store's customer pages: the buy box on a plan, `/store/orders/{id}` (the order's
//! progress, then the smart install guide for each eSIM), `/store/orders` (list with status
//! and date filters) and `/store/esims` (My eSIMs: bundles, usage, suspend/restore).

use crate::api::{
    get_esim_install, get_store_order, list_my_esims, list_store_orders, BuyEsim, SuspendEsim,
    TopUpEsim,
};
use crate::components::browser::{new_key, refresh_while};
use crate::components::status::{ErrorPanel, LoginRedirect};
use crate::domain::dates::{jst_date, jst_datetime_label};
use crate::domain::store::StorePlan;
use crate::domain::store_orders::{
    bytes_label, Device, EsimDetail, InstallGuide, OrderStage, StoreOrder, MAX_QUANTITY,
};
use crate::domain::topup::yen_label;
use crate::domain::PortalError;
use crate::{routes, t, testids};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Form;
use leptos_router::hooks::{use_navigate, use_params_map, use_query_map};

super::lazy_page!(StoreOrderRoute, StoreOrderPage);
super::lazy_page!(StoreOrdersRoute, StoreOrdersPage);
super::lazy_page!(MyEsimsRoute, MyEsimsPage);

/// The store's own navigation (plans, my eSIMs, orders).
#[component]
pub fn StoreNav() -> impl IntoView {
    view! {
        <nav class="store-nav" aria-label=t!("store-nav-label")>
            <a href=routes::STORE>{t!("store-nav-plans")}</a>
            <a href=routes::STORE_ESIMS>{t!("store-nav-esims")}</a>
            <a href=routes::STORE_ORDERS>{t!("store-nav-orders")}</a>
        </nav>
    }
}

/// Buy the plan: as new eSIMs (1–10), or onto an eSIM the customer has.
#[component]
pub fn BuyBox(plan: StorePlan) -> impl IntoView {
    let buy = ServerAction::<BuyEsim>::new();
    let top_up = ServerAction::<TopUpEsim>::new();
    let quantity = RwSignal::new(1u64);
    let key = RwSignal::new(new_key("buy"));
    // After hydration the key is the browser's own (the server's rendering is never sent).
    Effect::new(move |_| key.set(new_key("buy")));
    let esims = Resource::new(|| (), |_| list_my_esims());
    let navigate = use_navigate();
    Effect::new(move |_| {
        let done = buy.value().get().or_else(|| top_up.value().get());
        if let Some(Ok(order)) = done {
            navigate(&routes::store_order(&order.id), Default::default());
        }
    });
    let error = move || {
        buy.value()
            .get()
            .or_else(|| top_up.value().get())
            .and_then(Result::err)
    };
    let price = plan.price_yen;
    let name = plan.name.clone();
    let name2 = plan.name.clone();
    let pending = move || buy.pending().get() || top_up.pending().get();
    view! {
        <section class="card buy-box" data-testid=testids::STORE_BUY_FORM>
            <h2>{t!("store-buy-heading")}</h2>
            <ActionForm action=buy attr:class="form buy-box__form">
                <input type="hidden" name="plan" value=name.clone() />
                <input type="hidden" name="idempotency_key" value=move || key.get() />
                <label class="field field--short">
                    <span>{t!("store-buy-quantity")}</span>
                    <select name="quantity" on:change=move |ev| quantity.set(event_target_value(&ev).parse().unwrap_or(1))>
                        {(1..=MAX_QUANTITY).map(|n| view! { <option value=n.to_string()>{n}</option> }).collect_view()}
                    </select>
                </label>
                <p class="buy-box__total">{t!("store-buy-total")}<strong data-testid=testids::STORE_BUY_TOTAL>{move || yen_label(price * quantity.get())}</strong></p>
                <button class="btn btn--primary" type="submit" disabled=pending>{t!("store-buy-now")}</button>
            </ActionForm>
            <Transition fallback=|| ()>
                {move || {
                    let name = name2.clone();
                    Suspend::new(async move {
                        match esims.await {
                            Ok(list) if !list.is_empty() => view! {
                                <ActionForm action=top_up attr:class="form buy-box__form buy-box__top-up">
                                    <input type="hidden" name="plan" value=name />
                                    <input type="hidden" name="idempotency_key" value=move || key.get() />
                                    <label class="field">
                                        <span>{t!("store-buy-top-up-label")}</span>
                                        <select name="iccid">
                                            {list.into_iter().map(|e| view! { <option value=e.summary.iccid.clone()>{e.summary.iccid.clone()}</option> }).collect_view()}
                                        </select>
                                    </label>
                                    <button class="btn" type="submit" disabled=pending>{t!("store-buy-top-up-button", price = yen_label(price))}</button>
                                </ActionForm>
                            }.into_any(),
                            _ => ().into_any(),
                        }
                    })
                }}
            </Transition>
            <p class="muted small">{t!("store-buy-note")}</p>
            {move || error().map(|e| match e {
                PortalError::Unauthorized => view! {
                    <p class="form__error" role="alert">{t!("store-buy-login-before")}<a href=routes::LOGIN>{t!("store-buy-login-link")}</a>{t!("store-buy-login-after")}</p>
                }.into_any(),
                e => view! { <p class="form__error" role="alert">{e.to_string()}</p> }.into_any(),
            })}
        </section>
    }
}

fn stage_tone(s: OrderStage) -> &'static str {
    match s {
        OrderStage::Ready => "ok",
        OrderStage::Paying | OrderStage::Preparing => "info",
        OrderStage::Refunded | OrderStage::NeedsAttention => "warn",
        OrderStage::PaymentFailed => "danger",
    }
}

#[component]
fn StoreOrderPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").unwrap_or_default());
    let tick = RwSignal::new(0u32);
    let order = Resource::new(move || (id(), tick.get()), |(id, _)| get_store_order(id));
    // While the order moves, look again every 2 seconds.
    refresh_while(tick, std::time::Duration::from_secs(2), move || {
        order
            .get_untracked()
            .and_then(Result::ok)
            .is_none_or(|o| !o.stage.is_final())
    });
    view! {
        <Title text=t!("store-order-title") />
        <StoreNav />
        <Transition fallback=|| view! { <p class="muted">{t!("store-order-loading")}</p> }>
            {move || Suspend::new(async move {
                match order.await {
                    Ok(o) => view! { <OrderDetail order=o /> }.into_any(),
                    Err(PortalError::Unauthorized) => view! { <LoginRedirect /> }.into_any(),
                    Err(e) => view! { <ErrorPanel error=e message=t!("store-order-not-found") /> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn OrderDetail(order: StoreOrder) -> impl IntoView {
    let steps = [
        (OrderStage::Paying, t!("store-order-step-payment")),
        (OrderStage::Preparing, t!("store-order-step-esim")),
        (OrderStage::Ready, t!("store-order-step-ready")),
    ];
    let at = match order.stage {
        OrderStage::Paying => 0,
        OrderStage::Preparing => 1,
        _ => 2,
    };
    let failed = !matches!(
        order.stage,
        OrderStage::Paying | OrderStage::Preparing | OrderStage::Ready
    );
    let title = match &order.top_up_iccid {
        Some(i) => t!("store-order-top-up-title", iccid = i.clone()),
        None => format!("{} × {}", order.plan_description, order.quantity),
    };
    view! {
        <article class="card store-order" data-testid=testids::STORE_ORDER_PAGE>
            <header class="card__head">
                <h1>{title}</h1>
                <span class=format!("badge badge--{}", stage_tone(order.stage)) data-testid=testids::STORE_ORDER_STAGE>{order.stage.label()}</span>
            </header>
            <dl class="facts">
                <dt>{t!("store-order-label")}</dt><dd class="mono">{order.id.clone()}</dd>
                <dt>{t!("store-order-placed")}</dt><dd>{jst_datetime_label(order.created_at)}" JST"</dd>
                <dt>{t!("store-order-plan")}</dt><dd>{order.plan_description.clone()}</dd>
                <dt>{t!("store-order-paid")}</dt><dd>{yen_label(order.amount_yen)}</dd>
            </dl>
            {(!failed).then(|| view! {
                <ol class="progress" aria-label=t!("store-order-progress")>
                    {steps.into_iter().enumerate().map(|(i, (_, label))| {
                        let class = if i < at || order.stage == OrderStage::Ready { "progress__step progress__step--done" } else if i == at { "progress__step progress__step--now" } else { "progress__step" };
                        view! { <li class=class>{label}</li> }
                    }).collect_view()}
                </ol>
            })}
            {order.failure.clone().map(|f| view! { <p class="notice notice--warn" role="status">{f}</p> })}
            {(order.stage == OrderStage::Ready && order.top_up_iccid.is_some()).then(|| view! {
                <p class="notice notice--ok" role="status">{t!("store-order-top-up-done")}<a href=routes::STORE_ESIMS>{t!("store-order-see-esims")}</a></p>
            })}
        </article>
        {(order.stage == OrderStage::Ready).then(|| order.esims.iter().map(|e| {
            let iccid = e.iccid.clone();
            view! { <InstallSection iccid=iccid /> }
        }).collect_view())}
    }
}

#[component]
fn InstallSection(iccid: String) -> impl IntoView {
    let guide = Resource::new(move || iccid.clone(), get_esim_install);
    view! {
        <Transition fallback=|| view! { <p class="muted">{t!("store-install-loading")}</p> }>
            {move || Suspend::new(async move {
                match guide.await {
                    Ok(g) => view! { <InstallGuideView guide=g /> }.into_any(),
                    Err(e) => view! { <ErrorPanel error=e /> }.into_any(),
                }
            })}
        </Transition>
    }
}

/// The smart install guide: the way that works on the device at hand first, the others below.
#[component]
fn InstallGuideView(guide: InstallGuide) -> impl IntoView {
    let iphone = {
        let link = guide.ios_link.clone();
        move || {
            view! {
                <section class="install__way" data-testid=testids::STORE_IOS_LINK>
                    <h3>{t!("store-install-iphone-heading")}</h3>
                    <a class="btn btn--primary" href=link.clone()>{t!("store-install-iphone-button")}</a>
                    <p class="muted small">{t!("store-install-iphone-note")}</p>
                </section>
            }
        }
    };
    let android = {
        let code = guide.activation_code.clone();
        move || {
            view! {
                <section class="install__way" data-testid=testids::STORE_ACTIVATION_CODE>
                    <h3>{t!("store-install-android-heading")}</h3>
                    <ol class="small">
                        <li>{t!("store-install-android-step1")}</li>
                        <li>{t!("store-install-android-step2")}</li>
                    </ol>
                    <CopyField label=t!("store-install-activation-code") value=code.clone() />
                </section>
            }
        }
    };
    let computer = {
        let svg = guide.qr_svg.clone();
        move || {
            view! {
                <section class="install__way" data-testid=testids::STORE_QR>
                    <h3>{t!("store-install-qr-heading")}</h3>
                    <div class="install__qr" role="img" aria-label=t!("store-install-qr-label") inner_html=svg.clone()></div>
                    <p class="muted small">{t!("store-install-qr-note")}</p>
                </section>
            }
        }
    };
    let (first, others) = match guide.device {
        Device::Iphone => (
            iphone.clone().into_any(),
            view! { {computer.clone()()} {android.clone()()} }.into_any(),
        ),
        Device::Android => (
            android.clone()().into_any(),
            view! { {computer.clone()()} {iphone.clone()()} }.into_any(),
        ),
        Device::Computer => (
            computer.clone()().into_any(),
            view! { {iphone.clone()()} {android.clone()()} }.into_any(),
        ),
    };
    view! {
        <article class="card install" data-testid=testids::STORE_INSTALL>
            <header class="card__head">
                <h2>{t!("store-install-heading")}<span class="mono">{guide.iccid.clone()}</span></h2>
                <span class="badge badge--info">{guide.profile.label()}</span>
            </header>
            {first}
            <details class="install__more">
                <summary>{t!("store-install-other-ways")}</summary>
                {others}
                <section class="install__way">
                    <h3>{t!("store-install-by-hand")}</h3>
                    <CopyField label=t!("store-install-smdp") value=guide.smdp_address.clone() />
                    <CopyField label=t!("store-install-matching-id") value=guide.matching_id.clone() />
                </section>
            </details>
            <p class="muted small">{t!("store-install-wifi-note")}</p>
        </article>
    }
}

/// A read-only value with a Copy button (the browser's clipboard).
#[component]
fn CopyField(#[prop(into)] label: String, value: String) -> impl IntoView {
    let copied = RwSignal::new(false);
    let v = value.clone();
    let copy = move |_| {
        #[cfg(feature = "hydrate")]
        if let Some(w) = web_sys::window() {
            let _ = w.navigator().clipboard().write_text(&v);
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = &v;
        copied.set(true);
    };
    view! {
        <label class="field copy-field">
            <span>{label}</span>
            <span class="copy-field__row">
                <input type="text" readonly class="mono" value=value />
                <button type="button" class="btn btn--small" on:click=copy>{move || if copied.get() { t!("store-copied") } else { t!("store-copy") }}</button>
            </span>
        </label>
    }
}

#[component]
fn StoreOrdersPage() -> impl IntoView {
    let query = use_query_map();
    let list = Resource::new(
        move || query.with(|q| (q.get("status"), q.get("from"), q.get("to"))),
        |(s, f, t)| list_store_orders(s, f, t),
    );
    let current = move |k: &str| query.with_untracked(|q| q.get(k).unwrap_or_default());
    view! {
        <Title text=t!("store-orders-title") />
        <StoreNav />
        <h1>{t!("store-orders-title")}</h1>
        <Form method="GET" action="" attr:class="panel store-order-filter" attr:data-testid=testids::STORE_ORDER_FILTER>
            <label class="field">
                <span>{t!("store-orders-status")}</span>
                <select name="status">
                    <option value="">{t!("store-filter-any")}</option>
                    {OrderStage::ALL.into_iter().map(|s| view! {
                        <option value=s.as_query() selected=current("status") == s.as_query()>{s.label()}</option>
                    }).collect_view()}
                </select>
            </label>
            <label class="field"><span>{t!("store-orders-from")}</span><input type="date" name="from" value=current("from") /></label>
            <label class="field"><span>{t!("store-orders-to")}</span><input type="date" name="to" value=current("to") /></label>
            <button class="btn btn--primary" type="submit">{t!("store-orders-show")}</button>
        </Form>
        <Transition fallback=|| view! { <p class="muted">{t!("store-orders-loading")}</p> }>
            {move || Suspend::new(async move {
                match list.await {
                    Ok(orders) if orders.is_empty() => view! {
                        <p class="muted">{t!("store-orders-none")}<a href=routes::STORE>{t!("store-find-plan")}</a></p>
                    }.into_any(),
                    Ok(orders) => view! {
                        <div class="panel table-wrap">
                            <table class="table" data-testid=testids::STORE_ORDERS_LIST>
                                <thead><tr><th>{t!("store-order-placed")}</th><th>{t!("store-order-plan")}</th><th class="num">{t!("store-orders-esims")}</th><th class="num">{t!("store-order-paid")}</th><th>{t!("store-orders-status")}</th></tr></thead>
                                <tbody>
                                    {orders.into_iter().map(|o| view! {
                                        <tr data-testid=testids::STORE_ORDER_ROW>
                                            <td>{jst_date(o.created_at).to_string()}</td>
                                            <td><a href=routes::store_order(&o.id)>{o.plan_description.clone()}</a></td>
                                            <td class="num">{o.quantity}</td>
                                            <td class="num">{yen_label(o.amount_yen)}</td>
                                            <td><span class=format!("badge badge--{}", stage_tone(o.stage))>{o.stage.label()}</span></td>
                                        </tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                        </div>
                    }.into_any(),
                    Err(PortalError::Unauthorized) => view! { <LoginRedirect /> }.into_any(),
                    Err(e) => view! { <ErrorPanel error=e /> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn MyEsimsPage() -> impl IntoView {
    let suspend = ServerAction::<SuspendEsim>::new();
    let esims = Resource::new(move || suspend.version().get(), |_| list_my_esims());
    let error = move || suspend.value().get().and_then(Result::err);
    view! {
        <Title text=t!("store-esims-title") />
        <StoreNav />
        <h1>{t!("store-esims-title")}</h1>
        {move || error().map(|e| view! { <p class="form__error" role="alert">{e.to_string()}</p> })}
        <Transition fallback=|| view! { <p class="muted">{t!("store-esims-loading")}</p> }>
            {move || Suspend::new(async move {
                match esims.await {
                    Ok(list) if list.is_empty() => view! {
                        <p class="muted">{t!("store-esims-none")}<a href=routes::STORE>{t!("store-find-plan")}</a></p>
                    }.into_any(),
                    Ok(list) => list.into_iter().map(|e| view! { <EsimCard esim=e suspend=suspend /> }).collect_view().into_any(),
                    Err(PortalError::Unauthorized) => view! { <LoginRedirect /> }.into_any(),
                    Err(e) => view! { <ErrorPanel error=e /> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn EsimCard(esim: EsimDetail, suspend: ServerAction<SuspendEsim>) -> impl IntoView {
    let s = esim.summary.clone();
    let used = bytes_label(esim.used_bytes());
    let date = |t: Option<i64>| {
        t.map(|t| jst_date(t).to_string())
            .unwrap_or_else(|| "—".into())
    };
    view! {
        <article class="card esim-card" data-testid=testids::STORE_ESIM_CARD>
            <header class="card__head">
                <h2 class="mono">{s.iccid.clone()}</h2>
                {if s.suspended {
                    view! { <span class="badge badge--warn">{t!("store-esim-suspended")}</span> }.into_any()
                } else {
                    view! { <span class="badge badge--ok">{t!("store-esim-active")}</span> }.into_any()
                }}
            </header>
            <dl class="facts">
                <dt>{t!("store-esim-installed")}</dt><dd>{s.profile.label()}</dd>
                <dt>{t!("store-esim-data-used")}</dt><dd>{used}</dd>
                <dt>{t!("store-order-label")}</dt><dd><a href=routes::store_order(&s.order_id)>{s.order_id.clone()}</a></dd>
            </dl>
            {(!esim.live).then(|| view! { <p class="muted small">{t!("store-esim-not-live")}</p> })}
            <div class="table-wrap">
                <table class="table">
                    <thead><tr><th>{t!("store-order-plan")}</th><th>{t!("store-esim-state")}</th><th>{t!("store-esim-usage")}</th><th>{t!("store-esim-starts")}</th><th>{t!("store-esim-ends")}</th></tr></thead>
                    <tbody>
                        {esim.bundles.iter().map(|b| view! {
                            <tr>
                                <td>{if b.description.is_empty() { b.plan_name.clone() } else { b.description.clone() }}</td>
                                <td>{b.state_label()}</td>
                                <td>
                                    {b.usage_label()}
                                    {(!b.unlimited).then(|| view! { <meter min="0" max="100" value=b.used_percent().to_string() aria-label=t!("store-esim-meter-label")></meter> })}
                                </td>
                                <td>{date(b.starts_at)}</td>
                                <td>{date(b.ends_at)}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
            <div class="esim-card__actions">
                <a class="btn" href=routes::STORE>{t!("store-esim-add-data")}</a>
                {if esim.can_suspend {
                    let iccid = s.iccid.clone();
                    let (value, label) = if s.suspended { ("false", t!("store-esim-restore")) } else { ("true", t!("store-esim-suspend")) };
                    view! {
                        <ActionForm action=suspend attr:class="inline-form" attr:data-testid=testids::STORE_SUSPEND_FORM>
                            <input type="hidden" name="iccid" value=iccid />
                            <input type="hidden" name="suspend" value=value />
                            <button class="btn btn--ghost" type="submit" disabled=move || suspend.pending().get()>{label}</button>
                        </ActionForm>
                    }.into_any()
                } else {
                    view! { <p class="muted small">{t!("store-esim-no-suspend")}</p> }.into_any()
                }}
            </div>
        </article>
    }
}
