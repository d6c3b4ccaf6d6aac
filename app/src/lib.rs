//! The portal's UI, its server functions and the domain types both sides share.
//!
//! Built twice: with `ssr` into the server (rendering + server functions) and with `hydrate`
//! into the browser bundle. `domain` is plain Rust used by both.

pub mod api;
pub mod assets;
pub mod components;
pub mod console;
pub mod domain;
pub mod i18n;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod ports;
pub mod routes;
pub mod testids;

use leptos::prelude::*;
use leptos_meta::{provide_meta_context, Link, Meta, MetaTags, Title};
use leptos_router::{
    components::{Route, Router, Routes},
    path, Lazy, SsrMode,
};

/// The HTML document around the app, rendered on the server only.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    let lang = i18n::provide_lang();
    view! {
        <!DOCTYPE html>
        <html lang=lang.code()>
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <AutoReload options=options.clone() />
                <link rel="stylesheet" id="leptos" href=assets::stylesheet_href(&options) />
                <HydrationScripts options />
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    i18n::provide_lang();
    let site = t!("common-site-title");

    view! {
        <Link rel="icon" href="/favicon.ico" />
        <Meta name="description" content=t!("common-site-description") />
        <Title formatter=move |t: String| if t.is_empty() { site.clone() } else { format!("{t} · {site}") } />
        <Router>
            <components::layout::Header />
            <main class="page">
                <Routes fallback=|| view! { <pages::not_found::NotFound /> }>
                    <Route path=path!("/") view=pages::home::Home />
                    <Route path=path!("/login") view={Lazy::<pages::login::LoginRoute>::new()} />
                    <Route path=path!("/link") view={Lazy::<pages::link::LinkRoute>::new()} />
                    <Route path=path!("/signup") view={Lazy::<pages::signup::SignupRoute>::new()} />
                    <Route path=path!("/forgot-password") view={Lazy::<pages::password_reset::ForgotPasswordRoute>::new()} />
                    <Route path=path!("/reset-password") view={Lazy::<pages::password_reset::ResetPasswordRoute>::new()} />
                    // Async SSR: the data is awaited before the head is sent, so a redirect to login
                    // and a 404 for somebody else's SIM become real HTTP statuses.
                    <Route path=path!("/subscriptions") view={Lazy::<pages::subscriptions::SubscriptionsRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/account") view={Lazy::<pages::account::AccountRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/account/address") view={Lazy::<pages::address::AddressRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/support") view={Lazy::<pages::support::SupportRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/support/:id") view={Lazy::<pages::support_case::CaseRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/billing") view={Lazy::<pages::billing::BillingRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/catalog") view={Lazy::<pages::catalog::CatalogRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/catalog/:sku") view={Lazy::<pages::catalog::ProductRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/store") view={Lazy::<pages::store::StoreRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/store/plans/:name") view={Lazy::<pages::store::StorePlanRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/store/orders") view={Lazy::<pages::store_orders::StoreOrdersRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/store/orders/:id") view={Lazy::<pages::store_orders::StoreOrderRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/store/esims") view={Lazy::<pages::store_orders::MyEsimsRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/orders") view={Lazy::<pages::orders::OrdersRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/orders/:id") view={Lazy::<pages::orders::OrderRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/ops") view={Lazy::<console::pages::DashboardRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/ops/login") view={Lazy::<console::pages::OpsLoginRoute>::new()} />
                    <Route path=path!("/ops/sims") view={Lazy::<console::pages::SimsRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/ops/sims/:id") view={Lazy::<console::pages::SimRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/ops/customers") view={Lazy::<console::pages::CustomersRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/ops/customers/:id") view={Lazy::<console::pages::CustomerRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/ops/codes") view={Lazy::<console::pages::CodesRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/ops/tariffs") view={Lazy::<console::pages::TariffsRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/ops/store-plans") view={Lazy::<console::pages::StorePlansRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/ops/staff") view={Lazy::<console::pages::StaffRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/ops/imports") view={Lazy::<console::pages::ImportsRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/subscriptions/:id/sim") view={Lazy::<pages::sim::SimRoute>::new()} ssr=SsrMode::Async />
                </Routes>
            </main>
        </Router>
    }
}

/// Marks the document once the browser has hydrated the page, so end-to-end tests (and people
/// debugging) can tell a live page from server-rendered HTML. Called by each page, not by the
/// app: a lazy route's code arrives after the app has hydrated, and its buttons work only
/// once it has. Effects never run on the server.
pub(crate) fn mark_hydrated() {
    Effect::new(move |_| {
        #[cfg(feature = "hydrate")]
        if let Some(root) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.document_element())
        {
            let _ = root.set_attribute("data-hydrated", "true");
        }
    });
}
