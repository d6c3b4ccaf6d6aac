use crate::api::get_sim_details;
use crate::components::sim_details_card::SimDetailsCard;
use crate::components::status::{ErrorPanel, LoginRedirect};
use crate::domain::{format_msisdn, PortalError, SubscriptionId};
use crate::routes;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

mod text {
    pub const TITLE: &str = "SIM management";
    pub const BACK: &str = "← All subscriptions";
    pub const LOADING: &str = "Loading SIM details…";
}

/// The SIM Management page. For now it holds the details card; the usage chart, actions and
/// feature toggles join it as their issues land.
#[component]
pub fn SimPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || {
        params
            .read()
            .get("id")
            .and_then(|s| SubscriptionId::parse(&s))
    };
    let details = Resource::new(id, |id| async move {
        match id {
            Some(id) => get_sim_details(id).await,
            None => Err(PortalError::NotFound),
        }
    });

    view! {
        <Title text=text::TITLE />
        <a class="back" href=routes::SUBSCRIPTIONS>{text::BACK}</a>
        <Transition fallback=|| view! { <p class="muted">{text::LOADING}</p> }>
            {move || Suspend::new(async move {
                match details.await {
                    Ok(d) => view! {
                        <h1>{d.product_name.clone()}</h1>
                        <p class="lead mono">{format_msisdn(&d.msisdn)}</p>
                        <div class="sim-grid">
                            <SimDetailsCard details=d />
                        </div>
                    }.into_any(),
                    Err(PortalError::Unauthorized) => view! { <LoginRedirect /> }.into_any(),
                    Err(e) => view! { <h1>{text::TITLE}</h1><ErrorPanel error=e /> }.into_any(),
                }
            })}
        </Transition>
    }
}
