//! The header on every page: brand, the logged-in customer and logout.

use crate::api::{current_customer, Logout};
use crate::{routes, testids};
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
                <span class="brand__sub">"My Mobile"</span>
            </a>
            <Transition fallback=|| ()>
                {move || Suspend::new(async move {
                    match customer.await {
                        Ok(Some(c)) => view! {
                            <nav class="topbar__nav">
                                <a href=routes::SUBSCRIPTIONS>"Subscriptions"</a>
                                <a href=routes::BILLING>"Billing"</a>
                                <a href=routes::CATALOG>"Shop"</a>
                                <a href=routes::STORE>"Travel eSIMs"</a>
                                <a href=routes::ORDERS>"Orders"</a>
                                <a href=routes::SUPPORT>"Support"</a>
                                <a href=routes::ACCOUNT class="topbar__user" data-testid=testids::ACCOUNT_LINK title="Your account and where you are logged in">
                                    <span data-testid=testids::CURRENT_USER>{c.email}</span>
                                </a>
                                <ActionForm action=logout>
                                    <button class="btn btn--ghost" type="submit" data-testid=testids::LOGOUT>"Log out"</button>
                                </ActionForm>
                            </nav>
                        }.into_any(),
                        _ => view! {
                            <nav class="topbar__nav">
                                <a href=routes::CATALOG>"Shop"</a>
                                <a href=routes::STORE>"Travel eSIMs"</a>
                                <a href=routes::LOGIN>"Log in"</a>
                                <a href=routes::SIGNUP class="btn btn--ghost">"Sign up"</a>
                            </nav>
                        }.into_any(),
                    }
                })}
            </Transition>
        </header>
    }
}
