//! Small presentational pieces: status badges and the error panel.

use crate::domain::PortalError;
use crate::testids;
use leptos::prelude::*;

/// A coloured pill; `tone` is one of ok, info, warn, muted.
#[component]
pub fn Badge(#[prop(into)] label: String, tone: &'static str) -> impl IntoView {
    view! { <span class=format!("badge badge--{tone}")>{label}</span> }
}

/// What a customer sees when a section could not load: the friendly message, nothing internal.
#[component]
pub fn ErrorPanel(
    error: PortalError,
    /// Says it in the page's own words (e.g. which thing was not found); the status stays
    /// the error's.
    #[prop(optional, into)]
    message: Option<String>,
) -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(resp) = use_context::<leptos_axum::ResponseOptions>() {
        resp.set_status(
            http::StatusCode::from_u16(error.status())
                .unwrap_or(http::StatusCode::INTERNAL_SERVER_ERROR),
        );
    }
    let retry_hint = matches!(
        error,
        PortalError::UpstreamUnavailable(_) | PortalError::Internal | PortalError::Transport(_)
    );
    view! {
        <div class="panel panel--error" role="alert" data-testid=testids::PAGE_ERROR>
            <p>{message.unwrap_or_else(|| error.to_string())}</p>
            {retry_hint.then(|| view! { <p class="muted">{crate::t!("common-nothing-changed")}</p> })}
        </div>
    }
}

/// Sends a guest to the login page: a real `302` when rendered on the server (pages that use
/// it render with `SsrMode::Async`, so the status is still unsent), a navigation in the browser.
#[component]
pub fn LoginRedirect() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(resp) = use_context::<leptos_axum::ResponseOptions>() {
        resp.set_status(http::StatusCode::FOUND);
    }
    view! { <leptos_router::components::Redirect path=crate::routes::LOGIN /> }
}
