//! The console's pages. Every page but the login checks the console session first (a guest
//! is sent to `/ops/login` with a real 302), and shows only what the staff member's role
//! may do: a viewer sees no action buttons, only an admin sees imports.

mod bulk;
mod codes;
mod customers;
mod dashboard;
mod imports;
mod login;
mod sim;
mod sims;
mod staff;
mod store_plans;
mod tariffs;

use super::api::{current_staff, OpsLogout};
use super::routes;
use crate::components::status::ErrorPanel;
use crate::domain::console::{Permission, Staff};
use crate::domain::inventory::LifecycleState;
use crate::domain::PortalError;
use crate::t;
use crate::testids;
use leptos::prelude::*;

pub use codes::CodesRoute;
pub use customers::{CustomerRoute, CustomersRoute};
pub use dashboard::DashboardRoute;
pub use imports::ImportsRoute;
pub use login::OpsLoginRoute;
pub use sim::SimRoute;
pub use sims::SimsRoute;
pub use staff::StaffRoute;
pub use store_plans::StorePlansRoute;
pub use tariffs::TariffsRoute;

/// The badge tone of a lifecycle state.
pub fn state_tone(s: LifecycleState) -> &'static str {
    match s {
        LifecycleState::Active => "ok",
        LifecycleState::Available => "info",
        LifecycleState::Reserved | LifecycleState::Suspended => "warn",
        LifecycleState::LostStolen => "danger",
        LifecycleState::Terminated => "muted",
    }
}

/// A date and time in JST (`2026-12-01 14:05`), as staff read timestamps.
pub fn jst(unix: i64) -> String {
    chrono::DateTime::from_timestamp(unix + 9 * 3600, 0)
        .map(|t| t.format("%Y-%m-%d %H:%M").to_string())
        .unwrap_or_default()
}

/// The console's header: its own brand and navigation, the staff member and logout.
#[component]
pub fn OpsHeader() -> impl IntoView {
    let location = leptos_router::hooks::use_location();
    let logout = ServerAction::<OpsLogout>::new();
    let staff = Resource::new(
        move || (location.pathname.get(), logout.version().get()),
        |_| current_staff(),
    );
    view! {
        <header class="topbar topbar--ops">
            <a class="brand" href=routes::OPS>
                <span class="brand__mark brand__mark--ops" aria-hidden="true">"S"</span>
                <span class="brand__name">"SonixNet"</span>
                <span class="brand__sub">{t!("console-brand-sub")}</span>
            </a>
            // Also on the login page, before anyone is logged in.
            <crate::components::layout::LangSwitch />
            <Transition fallback=|| ()>
                {move || Suspend::new(async move {
                    staff.await.ok().flatten().map(|s| {
                        let admin = s.role.may(Permission::Administer);
                        view! {
                            <nav class="topbar__nav">
                                <a href=routes::OPS>{t!("console-nav-dashboard")}</a>
                                <a href=routes::OPS_SIMS>{t!("console-nav-sims")}</a>
                                <a href=routes::OPS_CUSTOMERS>{t!("console-nav-customers")}</a>
                                <a href=routes::OPS_CODES>{t!("console-nav-codes")}</a>
                                <a href=routes::OPS_TARIFFS>{t!("console-nav-tariffs")}</a>
                                <a href=routes::OPS_STORE_PLANS>{t!("console-nav-store")}</a>
                                {admin.then(|| view! {
                                    <a href=routes::OPS_IMPORTS>{t!("console-nav-imports")}</a>
                                    <a href=routes::OPS_STAFF>{t!("console-nav-staff")}</a>
                                })}
                                <span class="topbar__user" data-testid=testids::OPS_STAFF>
                                    {s.email.clone()}" "<span class="badge badge--muted">{s.role.label()}</span>
                                </span>
                                <ActionForm action=logout>
                                    <button class="btn btn--ghost" type="submit" data-testid=testids::OPS_LOGOUT>{t!("console-logout")}</button>
                                </ActionForm>
                            </nav>
                        }
                    })
                })}
            </Transition>
        </header>
    }
}

/// Sends a guest to the console login: a real `302` on the server, a navigation in the browser.
#[component]
fn StaffLoginRedirect() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(resp) = use_context::<leptos_axum::ResponseOptions>() {
        resp.set_status(http::StatusCode::FOUND);
    }
    view! { <leptos_router::components::Redirect path=routes::OPS_LOGIN /> }
}

/// Renders `page` for the logged-in staff member; a guest goes to the login.
#[component]
fn StaffOnly<F, V>(page: F) -> impl IntoView
where
    F: Fn(Staff) -> V + Clone + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let staff = Resource::new(|| (), |_| current_staff());
    view! {
        <Suspense fallback=|| view! { <p class="muted">{t!("console-loading")}</p> }>
            {move || {
                let page = page.clone();
                Suspend::new(async move {
                    match staff.await {
                        Ok(Some(s)) => page(s).into_any(),
                        Ok(None) | Err(PortalError::Unauthorized) => view! { <StaffLoginRedirect /> }.into_any(),
                        Err(e) => view! { <ErrorPanel error=e /> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}
