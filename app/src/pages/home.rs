use crate::routes;
use leptos::prelude::*;
use leptos_router::components::Redirect;

/// `/` has nothing of its own: the subscriptions list is home (it sends guests to login).
#[component]
pub fn Home() -> impl IntoView {
    crate::mark_hydrated();
    view! { <Redirect path=routes::SUBSCRIPTIONS /> }
}
