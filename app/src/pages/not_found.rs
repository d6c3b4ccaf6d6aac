use crate::routes;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn NotFound() -> impl IntoView {
    crate::mark_hydrated();
    #[cfg(feature = "ssr")]
    if let Some(resp) = use_context::<leptos_axum::ResponseOptions>() {
        resp.set_status(http::StatusCode::NOT_FOUND);
    }
    view! {
        <Title text="Page not found" />
        <section class="panel narrow">
            <h1>"Page not found"</h1>
            <p>"There is nothing at this address."</p>
            <a class="btn" href=routes::SUBSCRIPTIONS>"Go to my subscriptions"</a>
        </section>
    }
}
