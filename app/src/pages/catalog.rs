//! The shop (`/catalog`) and a product (`/catalog/{sku}`): what it costs and exactly what it
//! includes before ordering — the plan, the one-time fee every new line of its kind carries,
//! the add-ons chosen — with its options checked in the browser by the same rules the server
//! enforces.

use crate::api::{get_catalog, get_payment_methods, get_profile, Checkout};
use crate::components::status::ErrorPanel;
use crate::domain::catalog::{
    quote, BillingCycle, Cart, CatalogView, ItemClass, OptionKind, Product,
};
use crate::domain::topup::yen_label;
use crate::domain::PortalError;
use crate::{routes, t, testids};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_navigate, use_params_map};
use std::collections::BTreeMap;

fn price_label(p: &Product) -> String {
    match p.cycle {
        BillingCycle::Monthly => t!("portal-price-monthly", price = yen_label(p.price_yen)),
        BillingCycle::OneTime => t!("portal-price-once", price = yen_label(p.price_yen)),
    }
}

#[component]
pub fn CatalogPage() -> impl IntoView {
    let catalog = Resource::new(|| (), |_| get_catalog());
    view! {
        <Title text=t!("portal-shop-title") />
        <h1>{t!("portal-shop-title")}</h1>
        <p class="lead">{t!("portal-shop-lead")}</p>
        <Transition fallback=|| view! { <p class="muted">{t!("portal-shop-loading")}</p> }>
            {move || Suspend::new(async move {
                match catalog.await {
                    Ok(c) => view! { <Shelves catalog=c /> }.into_any(),
                    Err(e) => view! { <ErrorPanel error=e /> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn Shelves(catalog: CatalogView) -> impl IntoView {
    let services: Vec<Product> = catalog.services().into_iter().cloned().collect();
    let mut categories: Vec<_> = services.iter().map(|p| p.category).collect();
    categories.dedup();
    view! {
        <div data-testid=testids::CATALOG_LIST>
            {categories.into_iter().map(|cat| {
                let fees: Vec<String> = catalog
                    .extras(cat, ItemClass::ActivationFee)
                    .iter()
                    .map(|f| t!("portal-shop-fee", name = f.name.clone(), price = yen_label(f.price_yen)))
                    .collect();
                view! {
                    <section class="shelf">
                        <h2>{cat.label()}</h2>
                        {(!fees.is_empty()).then(|| view! { <p class="muted small">{t!("portal-shop-fees", fees = fees.join(&t!("portal-list-separator")))}</p> })}
                        <ul class="products">
                            {services.iter().filter(|p| p.category == cat).map(|p| view! {
                                <li class="card product" data-testid=testids::PRODUCT_CARD>
                                    <h3>{p.name.clone()}</h3>
                                    <p class="product__price">{price_label(p)}</p>
                                    <p class="muted small">{p.description.clone()}</p>
                                    <a class="btn btn--primary" href=routes::product(&p.sku)>{t!("portal-shop-choose")}</a>
                                </li>
                            }).collect_view()}
                        </ul>
                    </section>
                }
            }).collect_view()}
        </div>
    }
}

#[component]
pub fn ProductPage() -> impl IntoView {
    let params = use_params_map();
    let sku = move || params.with(|p| p.get("sku").unwrap_or_default());
    let catalog = Resource::new(|| (), |_| get_catalog());
    view! {
        <Title text=t!("portal-product-title") />
        <a class="back" href=routes::CATALOG>{t!("portal-product-back")}</a>
        <Transition fallback=|| view! { <p class="muted">{t!("portal-product-loading")}</p> }>
            {move || Suspend::new(async move {
                match catalog.await {
                    Ok(c) => match c.product(&sku()).filter(|p| p.class == ItemClass::Service).cloned() {
                        Some(p) => view! { <OrderForm catalog=c product=p /> }.into_any(),
                        None => view! { <ErrorPanel error=PortalError::NotFound message=t!("portal-product-unavailable") /> }.into_any(),
                    },
                    Err(e) => view! { <ErrorPanel error=e /> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn OrderForm(catalog: CatalogView, product: Product) -> impl IntoView {
    let defaults: BTreeMap<String, String> = product
        .options
        .iter()
        .filter_map(|o| o.default.clone().map(|d| (o.key.clone(), d)))
        .collect();
    let options = RwSignal::new(defaults);
    let add_ons = RwSignal::new(Vec::<String>::new());
    let checkout = ServerAction::<Checkout>::new();
    let tried = RwSignal::new(false);
    let sku = product.sku.clone();
    let cart = move || Cart {
        sku: sku.clone(),
        options: options.get(),
        add_ons: add_ons.get(),
    };
    let catalog = StoredValue::new(catalog);
    let cart = StoredValue::new(cart);
    // The browser's own check, with the server's rules.
    let local = Memo::new(move |_| catalog.with_value(|c| quote(c, &cart.with_value(|f| f()))));
    let server_error = Signal::derive(move || checkout.value().get().and_then(Result::err));
    let field_error = move |key: &str| {
        if let Some(PortalError::Invalid { field, message }) = server_error.get() {
            if field == key {
                return Some(message);
            }
        }
        match local.get() {
            Err((field, message)) if tried.get() && field == key => Some(message),
            _ => None,
        }
    };
    let navigate = use_navigate();
    Effect::new(move |_| {
        if let Some(Ok(order)) = checkout.value().get() {
            navigate(&routes::order(&order.id), Default::default());
        }
    });
    let fees = catalog.with_value(|c| {
        c.extras(product.category, ItemClass::ActivationFee)
            .into_iter()
            .cloned()
            .collect::<Vec<_>>()
    });
    let extras = catalog.with_value(|c| {
        c.extras(product.category, ItemClass::AddOn)
            .into_iter()
            .cloned()
            .collect::<Vec<_>>()
    });
    let submit = move |_| {
        tried.set(true);
        if local.get_untracked().is_ok() {
            checkout.dispatch(Checkout {
                cart: cart.with_value(|f| f()),
            });
        }
    };
    view! {
        <article class="card order-form" data-testid=testids::PRODUCT_PAGE>
            <header class="card__head">
                <h1>{product.name.clone()}</h1>
                <span class="product__price">{price_label(&product)}</span>
            </header>
            <p>{product.description.clone()}</p>
            <div class="form">
                {product.options.iter().cloned().map(|o| {
                    let key = o.key.clone();
                    let key2 = o.key.clone();
                    let key3 = o.key.clone();
                    let id = format!("option-{}", o.key);
                    let input = match o.kind {
                        OptionKind::Select { choices } => view! {
                            <select id=id.clone() name=o.key.clone() on:change=move |ev| {
                                let v = event_target_value(&ev);
                                options.update(|m| { m.insert(key.clone(), v); });
                            }>
                                {choices.into_iter().map(|c| {
                                    let selected = o.default.as_deref() == Some(c.as_str());
                                    view! { <option value=c.clone() selected=selected>{c.clone()}</option> }
                                }).collect_view()}
                            </select>
                        }.into_any(),
                        OptionKind::Eid => view! {
                            <input id=id.clone() name=o.key.clone() inputmode="numeric" autocomplete="off"
                                placeholder="89049032…" on:input=move |ev| {
                                    let v = event_target_value(&ev);
                                    options.update(|m| { m.insert(key.clone(), v); });
                                } />
                        }.into_any(),
                    };
                    view! {
                        <div class="field">
                            <label for=id>{o.label.clone()}</label>
                            {input}
                            {o.help.clone().map(|h| view! { <small class="muted">{h}</small> })}
                            {move || field_error(&key2).map(|m| view! { <small class="field__error" role="alert" data-field=key3.clone()>{m}</small> })}
                        </div>
                    }
                }).collect_view()}
                {(!extras.is_empty()).then(|| view! {
                    <fieldset class="form__group">
                        <legend>{t!("portal-product-add-ons")}</legend>
                        {extras.iter().map(|a| {
                            let sku = a.sku.clone();
                            view! {
                                <label class="check">
                                    <input type="checkbox" on:change=move |ev| {
                                        let on = event_target_checked(&ev);
                                        add_ons.update(|v| {
                                            v.retain(|s| s != &sku);
                                            if on { v.push(sku.clone()); }
                                        });
                                    } />
                                    <span>{t!("portal-product-add-on", name = a.name.clone(), price = price_label(a))}</span>
                                </label>
                            }
                        }).collect_view()}
                    </fieldset>
                })}
            </div>
            <dl class="totals" data-testid=testids::ORDER_TOTALS>
                <dt>{product.name.clone()}</dt><dd>{price_label(&product)}</dd>
                {fees.iter().map(|f| view! { <dt>{f.name.clone()}</dt><dd>{price_label(f)}</dd> }).collect_view()}
                {move || {
                    let chosen = add_ons.get();
                    extras.iter().filter(|a| chosen.contains(&a.sku)).map(|a| view! { <dt>{a.name.clone()}</dt><dd>{price_label(a)}</dd> }).collect_view()
                }}
                <dt class="totals__sum">{t!("portal-totals-monthly")}</dt>
                <dd class="totals__sum">{move || match local.get() {
                    Ok(q) => yen_label(q.monthly_yen),
                    Err(_) => yen_label(product.price_yen),
                }}</dd>
                <dt class="totals__sum">{t!("portal-totals-once-first-bill")}</dt>
                <dd class="totals__sum">{move || yen_label(fees.iter().map(|f| f.price_yen).sum())}</dd>
            </dl>
            {move || server_error.get().filter(|e| !matches!(e, PortalError::Invalid { .. })).map(|e| {
                let link = match &e {
                    PortalError::PaymentRequired { pay_url: Some(url), pay_label, .. } => Some((url.clone(), pay_label.clone().unwrap_or_else(|| t!("portal-add-payment-method")))),
                    _ => None,
                };
                view! {
                    <div class="form__error" role="alert" data-testid=testids::ORDER_ERROR>
                        <p>{e.to_string()}</p>
                        {link.map(|(url, label)| view! { <a href=url rel="external">{label}</a> })}
                    </div>
                }
            })}
            <Checks />
            <div class="form__actions">
                <button class="btn btn--primary" data-testid=testids::ORDER_SUBMIT on:click=submit disabled=move || checkout.pending().get()>
                    {move || if checkout.pending().get() { t!("portal-product-placing") } else { t!("portal-product-place") }}
                </button>
            </div>
            <p class="muted small">{t!("portal-product-review-note")}</p>
        </article>
    }
}

/// What the order is placed with: the contract address it snapshots and the payment method it
/// needs (with the way to add one).
#[component]
fn Checks() -> impl IntoView {
    let profile = Resource::new(|| (), |_| get_profile());
    let methods = Resource::new(|| (), |_| get_payment_methods());
    view! {
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                let address = match profile.await {
                    Ok(p) if p.address_complete => {
                        let a = p.address;
                        [a.line1, a.line2, a.city, a.prefecture, a.postcode]
                            .into_iter()
                            .filter(|p| !p.is_empty())
                            .collect::<Vec<_>>()
                            .join(", ")
                    }
                    Ok(_) => t!("portal-checks-address-missing"),
                    Err(PortalError::Unauthorized) => return view! {
                        <p class="banner banner--warn">{t!("portal-checks-log-in-to-order")}<a href=routes::LOGIN>{t!("portal-checks-log-in")}</a></p>
                    }.into_any(),
                    Err(_) => t!("portal-checks-address-unreadable"),
                };
                let payment = methods.await.ok();
                let has = payment.as_ref().is_some_and(|m| m.has_payment_method);
                let described = payment
                    .and_then(|m| m.description)
                    .unwrap_or_else(|| t!("portal-checks-payment-none-yet"));
                view! {
                    <dl class="checks">
                        <dt>{t!("portal-checks-address")}</dt>
                        <dd>{address}" "<a href=routes::ADDRESS>{t!("portal-checks-change")}</a></dd>
                        <dt>{t!("portal-checks-payment")}</dt>
                        <dd>
                            {if has { described } else { t!("portal-checks-payment-none") }}" "
                            <a href=routes::MANAGE_PAYMENT_METHODS rel="external">{if has { t!("portal-checks-manage") } else { t!("portal-add-payment-method") }}</a>
                        </dd>
                    </dl>
                }.into_any()
            })}
        </Transition>
    }
}

super::lazy_page!(CatalogRoute, CatalogPage);
super::lazy_page!(ProductRoute, ProductPage);
