//! The header on every page: brand, the logged-in customer and logout.

use crate::api::{current_customer, Logout};
use crate::i18n::{self, Lang};
use crate::{routes, t, testids};
use leptos::prelude::*;
use leptos_router::hooks::use_location;

/// The customer header, or the console's under `/ops` (staff and customers never share one).
#[component]
pub fn Header() -> impl IntoView {
    let location = use_location();
    let ops = move || {
        location
            .pathname
            .with(|p| p == "/ops" || p.starts_with("/ops/"))
    };
    view! {
        <Show when=ops fallback=|| view! { <CustomerHeader /> }>
            <crate::console::pages::OpsHeader />
        </Show>
    }
}

#[component]
fn CustomerHeader() -> impl IntoView {
    let location = use_location();
    let logout = ServerAction::<Logout>::new();
    // Re-read on every navigation, so logging in or out updates the header.
    let customer = Resource::new(
        move || (location.pathname.get(), logout.version().get()),
        |_| current_customer(),
    );

    view! {
        <header class="topbar">
            <a class="brand" href=routes::HOME>
                <span class="brand__mark" aria-hidden="true">"S"</span>
                <span class="brand__name">"SonixNet"</span>
                <span class="brand__sub">{t!("common-brand-sub")}</span>
            </a>
            <LangSwitch />
            <Transition fallback=|| ()>
                {move || Suspend::new(async move {
                    match customer.await {
                        Ok(Some(c)) => view! {
                            <nav class="topbar__nav">
                                <a href=routes::SUBSCRIPTIONS>{t!("common-nav-subscriptions")}</a>
                                <a href=routes::BILLING>{t!("common-nav-billing")}</a>
                                <a href=routes::CATALOG>{t!("common-nav-shop")}</a>
                                <a href=routes::STORE>{t!("common-nav-store")}</a>
                                <a href=routes::ORDERS>{t!("common-nav-orders")}</a>
                                <a href=routes::SUPPORT>{t!("common-nav-support")}</a>
                                <a href=routes::ACCOUNT class="topbar__user" data-testid=testids::ACCOUNT_LINK title=t!("common-nav-account-title")>
                                    <span data-testid=testids::CURRENT_USER>{c.email}</span>
                                </a>
                                <ActionForm action=logout>
                                    <button class="btn btn--ghost" type="submit" data-testid=testids::LOGOUT>{t!("common-logout")}</button>
                                </ActionForm>
                            </nav>
                        }.into_any(),
                        _ => view! {
                            <nav class="topbar__nav">
                                <a href=routes::CATALOG>{t!("common-nav-shop")}</a>
                                <a href=routes::STORE>{t!("common-nav-store")}</a>
                                <a href=routes::LOGIN>{t!("common-login")}</a>
                                <a href=routes::SIGNUP class="btn btn--ghost">{t!("common-signup")}</a>
                            </nav>
                        }.into_any(),
                    }
                })}
            </Transition>
        </header>
    }
}

/// 日本語 | English: posts to `/lang`, which remembers the choice and comes back here.
#[component]
pub fn LangSwitch() -> impl IntoView {
    let location = use_location();
    let next = move || {
        let search = location.search.get();
        if search.is_empty() {
            location.pathname.get()
        } else {
            format!("{}?{search}", location.pathname.get())
        }
    };
    let current = i18n::current();
    // A login can bring the customer's saved language (the `lang` cookie) while the page was
    // rendered in another: the next page is then loaded afresh, in that language.
    #[cfg(feature = "hydrate")]
    Effect::new(move |_| {
        location.pathname.track();
        if i18n::cookie_lang().is_some_and(|l| l != current) {
            if let Some(w) = web_sys::window() {
                let _ = w.location().reload();
            }
        }
    });
    view! {
        <form class="lang-switch" method="post" action="/lang" aria-label=t!("common-language") data-testid=testids::LANG_SWITCH>
            <input type="hidden" name="next" value=next />
            {Lang::ALL.map(|l| view! {
                <button type="submit" name="lang" value=l.code() lang=l.code()
                    class=if l == current { "lang-switch__btn lang-switch__btn--on" } else { "lang-switch__btn" }
                    aria-pressed=(l == current).to_string()>
                    {l.native_name()}
                </button>
            })}
        </form>
    }
}
