//! The SIM Management page. Each section has its own `Resource` and its own error display, so
//! an outage of one upstream leaves the rest of the page working; every resource also depends
//! on the page's refresh counter, so each action reloads what it affected.

use crate::api::{
    get_sim_overview, get_sim_timeline, get_sim_usage, get_subscription, get_top_up_history,
};
use crate::components::sim::actions_card::ActionsCard;
use crate::components::sim::alerts_card::AlertsCard;
use crate::components::sim::features_card::FeaturesCard;
use crate::components::sim::pending::PendingList;
use crate::components::sim::timeline_card::TimelineCard;
use crate::components::sim::top_up_history::TopUpHistoryCard;
use crate::components::sim::trips_card::TripsCard;
use crate::components::sim::usage_card::UsageCard;
use crate::components::sim::{NoticeBar, SectionError, SimPageCtx};
use crate::components::sim_details_card::SimDetailsCard;
use crate::components::status::{Badge, ErrorPanel, LoginRedirect};
use crate::domain::{format_msisdn, PortalError, SimOverview, SubscriptionId};
use crate::t;
use crate::{routes, testids};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

/// While the carrier is still working on something, the page re-reads every this often.
const POLL_MS: u64 = 4000;
/// 30 minutes of polling (a 4G/5G switch takes up to 30).
const MAX_POLLS: u32 = 450;

#[component]
pub fn SimPage() -> impl IntoView {
    let params = use_params_map();
    let id = params
        .read_untracked()
        .get("id")
        .and_then(|s| SubscriptionId::parse(&s));
    match id {
        Some(id) => view! { <SimPageFor id /> }.into_any(),
        None => view! { <h1>{t!("sim-page-title")}</h1><ErrorPanel error=PortalError::NotFound /> }
            .into_any(),
    }
}

#[component]
fn SimPageFor(id: SubscriptionId) -> impl IntoView {
    let ctx = SimPageCtx::new(id);
    provide_context(ctx);
    let refresh = ctx.refresh;
    // The heading does not reload after actions: nothing the page does changes it.
    let subscription = Resource::new(|| (), move |_| get_subscription(id));
    let overview = Resource::new(move || refresh.get(), move |_| get_sim_overview(id));
    let usage = Resource::new(move || refresh.get(), move |_| get_sim_usage(id));
    let timeline = Resource::new(move || refresh.get(), move |_| get_sim_timeline(id));
    let top_ups_changed = ctx.top_ups_changed;
    let top_ups = Resource::new(
        move || (refresh.get(), top_ups_changed.get()),
        move |_| get_top_up_history(id),
    );

    view! {
        <Title text=t!("sim-page-title") />
        <a class="back" href=routes::SUBSCRIPTIONS>{t!("sim-page-back")}</a>
        <Transition fallback=|| view! { <p class="muted">{t!("sim-page-loading")}</p> }>
            {move || Suspend::new(async move {
                match subscription.await {
                    Ok(s) => view! {
                        <div class="page-head">
                            <div>
                                <h1>{s.product_name.clone()}</h1>
                                <p class="lead mono" data-testid=testids::SIM_HEAD_NUMBER>
                                    {s.msisdn.as_deref().map(format_msisdn).unwrap_or_default()}
                                </p>
                            </div>
                            <Badge label=s.status.label() tone=s.status.tone() />
                        </div>
                        <NoticeBar />
                        <SimSections overview usage timeline top_ups />
                    }.into_any(),
                    Err(PortalError::Unauthorized) => view! { <LoginRedirect /> }.into_any(),
                    Err(e) => view! { <h1>{t!("sim-page-title")}</h1><ErrorPanel error=e /> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn SimSections(
    overview: Resource<Result<SimOverview, PortalError>>,
    usage: Resource<Result<crate::domain::UsageReport, PortalError>>,
    timeline: Resource<Result<Vec<crate::domain::TimelineEntry>, PortalError>>,
    top_ups: Resource<Result<crate::domain::TopUpHistory, PortalError>>,
) -> impl IntoView {
    poll_while_pending(overview, timeline);
    view! {
        <div class="sim-layout">
            <div class="sim-main">
                // What the carrier is still doing comes first; without the overview, nothing.
                <Transition fallback=|| ()>
                    {move || Suspend::new(async move {
                        overview.await.ok().map(|o| view! { <PendingList overview=o /> })
                    })}
                </Transition>
                <UsageCard usage />
                <Transition fallback=|| view! { <p class="muted">{t!("sim-page-loading")}</p> }>
                    {move || Suspend::new(async move {
                        match overview.await {
                            Ok(o) => view! {
                                <ActionsCard overview=o.clone() usage />
                                <FeaturesCard overview=o />
                            }.into_any(),
                            Err(e) => view! { <LineUnavailable what=t!("sim-page-actions-unavailable") error=e overview /> }.into_any(),
                        }
                    })}
                </Transition>
                <TopUpHistoryCard history=top_ups />
                <TimelineCard timeline />
            </div>
            <aside class="sim-side">
                <Transition fallback=|| ()>
                    {move || Suspend::new(async move {
                        match overview.await {
                            Ok(o) => view! { <SimDetailsCard details=o.details /> }.into_any(),
                            Err(e) => view! { <LineUnavailable what=t!("sim-page-details-unavailable") error=e overview /> }.into_any(),
                        }
                    })}
                </Transition>
                <AlertsCard />
                <TripsCard />
            </aside>
        </div>
    }
}

/// The carrier's side of the page could not be read: say so, offer a retry.
#[component]
fn LineUnavailable(
    #[prop(into)] what: String,
    error: PortalError,
    overview: Resource<Result<SimOverview, PortalError>>,
) -> impl IntoView {
    view! {
        <section class="card">
            <SectionError what error retry=Callback::new(move |()| overview.refetch()) />
        </section>
    }
}

/// Re-reads what the carrier is doing every few seconds while it reports work in progress:
/// only the overview and the timeline, and for 30 minutes at most.
fn poll_while_pending(
    overview: Resource<Result<SimOverview, PortalError>>,
    timeline: Resource<Result<Vec<crate::domain::TimelineEntry>, PortalError>>,
) {
    crate::components::sim::poll_while(
        move || {
            overview.get().and_then(Result::ok).is_some_and(|o| {
                o.pending.iter().any(|p| {
                    !matches!(
                        p,
                        crate::domain::PendingOperation::PlanChange { .. }
                            | crate::domain::PendingOperation::Cancellation { .. }
                    )
                })
            })
        },
        move || {
            overview.refetch();
            timeline.refetch();
        },
        move || overview.update(|_| ()),
        std::time::Duration::from_millis(POLL_MS),
        MAX_POLLS,
    );
}

super::lazy_page!(SimRoute, SimPage);
