use crate::{routes, t};
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
        <Title text=t!("portal-not-found-title") />
        <section class="panel narrow">
            <h1>{t!("portal-not-found-title")}</h1>
            <p>{t!("portal-not-found-lead")}</p>
            <a class="btn" href=routes::SUBSCRIPTIONS>{t!("portal-not-found-home")}</a>
        </section>
    }
}
