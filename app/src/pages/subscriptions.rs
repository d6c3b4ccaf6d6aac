use crate::api::list_subscriptions;
use crate::components::payment_banner::PaymentBanner;
use crate::components::status::{Badge, ErrorPanel, LoginRedirect};
use crate::domain::{format_msisdn, PortalError, Subscription};
use crate::{routes, testids};
use leptos::prelude::*;
use leptos_meta::Title;

mod text {
    pub const TITLE: &str = "My subscriptions";
    pub const LEAD: &str = "Choose a SIM to see its details and manage it.";
    pub const EMPTY: &str = "You have no subscriptions yet.";
    pub const LOADING: &str = "Loading your subscriptions…";
    pub const NO_NUMBER: &str = "No number assigned";
    pub const MANAGE: &str = "Manage SIM";
}

#[component]
pub fn SubscriptionsPage() -> impl IntoView {
    let subs = Resource::new(|| (), |_| list_subscriptions());
    view! {
        <Title text=text::TITLE />
        <h1>{text::TITLE}</h1>
        <p class="lead">{text::LEAD}</p>
        <PaymentBanner />
        <Transition fallback=|| view! { <p class="muted">{text::LOADING}</p> }>
            {move || Suspend::new(async move {
                match subs.await {
                    Ok(list) if list.is_empty() => view! { <p class="panel">{text::EMPTY}</p> }.into_any(),
                    Ok(list) => view! {
                        <ul class="subs" data-testid=testids::SUBSCRIPTION_LIST>
                            {list.into_iter().map(|s| view! { <SubscriptionRow sub=s /> }).collect_view()}
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
fn SubscriptionRow(sub: Subscription) -> impl IntoView {
    let number = sub
        .msisdn
        .as_deref()
        .map(format_msisdn)
        .unwrap_or_else(|| text::NO_NUMBER.to_string());
    view! {
        <li class="subs__row" data-testid=testids::SUBSCRIPTION_ROW data-subscription-id=sub.id.to_string()>
            <a class="subs__link" href=routes::sim_page(sub.id)>
                <span class="subs__name">{sub.product_name}</span>
                <span class="subs__number mono">{number}</span>
                <Badge label=sub.status.label() tone=sub.status.tone() />
                <span class="subs__cta">{text::MANAGE}" →"</span>
            </a>
        </li>
    }
}

super::lazy_page!(SubscriptionsRoute, SubscriptionsPage);
