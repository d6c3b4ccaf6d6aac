use crate::api::list_subscriptions;
use crate::components::payment_banner::PaymentBanner;
use crate::components::status::{Badge, ErrorPanel, LoginRedirect};
use crate::domain::{format_msisdn, PortalError, Subscription};
use crate::{routes, t, testids};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn SubscriptionsPage() -> impl IntoView {
    let subs = Resource::new(|| (), |_| list_subscriptions());
    view! {
        <Title text=t!("portal-subscriptions-title") />
        <h1>{t!("portal-subscriptions-title")}</h1>
        <p class="lead">{t!("portal-subscriptions-lead")}</p>
        <PaymentBanner />
        <Transition fallback=|| view! { <p class="muted">{t!("portal-subscriptions-loading")}</p> }>
            {move || Suspend::new(async move {
                match subs.await {
                    Ok(list) if list.is_empty() => view! { <p class="panel">{t!("portal-subscriptions-empty")}</p> }.into_any(),
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
        .unwrap_or_else(|| t!("portal-subscriptions-no-number"));
    view! {
        <li class="subs__row" data-testid=testids::SUBSCRIPTION_ROW data-subscription-id=sub.id.to_string()>
            <a class="subs__link" href=routes::sim_page(sub.id)>
                <span class="subs__name">{sub.product_name}</span>
                <span class="subs__number mono">{number}</span>
                <Badge label=sub.status.label() tone=sub.status.tone() />
                <span class="subs__cta">{t!("portal-subscriptions-manage")}" →"</span>
            </a>
        </li>
    }
}

super::lazy_page!(SubscriptionsRoute, SubscriptionsPage);
