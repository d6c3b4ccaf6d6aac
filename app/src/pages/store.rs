//! The travel eSIM store: `/store` (find a plan by destination, region, days, data and price;
//! the filter lives in the URL) and `/store/plans/{name}` (exactly what a plan covers and
//! costs). Everything a traveller compares is on the card before they click: where, how much
//! data, how many days, how fast, and the price with tax.

use crate::api::{get_destinations, get_featured_plans, get_store_plan, get_store_plans};
use crate::components::status::ErrorPanel;
use crate::domain::store::{days_label, plan_data_label, PlanFilter, PlanPage, StorePlan};
use crate::{routes, testids};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Form;
use leptos_router::hooks::{use_params_map, use_query_map};

super::lazy_page!(StoreRoute, StorePage);
super::lazy_page!(StorePlanRoute, StorePlanPage);

mod text {
    pub const TITLE: &str = "Travel eSIMs";
    pub const LEAD: &str = "Mobile data for your trip, on local networks in 30+ countries. The countries, the data, the days and the price are shown before you pay; install in a minute with a QR code or one tap on iPhone.";
    pub const POPULAR: &str = "Popular plans";
}

/// The URL's filter for the form and links (an unreadable one reads as no filter; the
/// server function says what was wrong).
fn filter_of(get: impl Fn(&str) -> Option<String>) -> PlanFilter {
    PlanFilter::parse(&get).unwrap_or_default()
}

#[component]
fn PlanCard(plan: StorePlan) -> impl IntoView {
    let href = routes::store_plan(&plan.name);
    let speed = plan.top_speed().map(str::to_string);
    view! {
        <li class="card plan-card" data-testid=testids::STORE_PLAN_CARD>
            <h3 class="plan-card__where">{plan.coverage()}</h3>
            <p class="plan-card__facts">
                <strong>{plan_data_label(plan.data_mb)}</strong>
                " · " {days_label(plan.days)}
                {speed.map(|s| view! { <span class="badge badge--info plan-card__speed">{s}</span> })}
            </p>
            <p class="plan-card__price" data-testid=testids::STORE_PLAN_PRICE>{plan.price_label()}</p>
            <a class="btn btn--primary" href=href>"View plan"</a>
        </li>
    }
}

#[component]
fn Results(page: PlanPage, filter: PlanFilter) -> impl IntoView {
    let link = |page: u32| {
        routes::store_search(
            &PlanFilter {
                page,
                ..filter.clone()
            }
            .to_query(),
        )
    };
    let prev = (page.page > 1).then(|| link(page.page - 1));
    let next = page.has_next().then(|| link(page.page + 1));
    let count = match page.total {
        0 => "No plan matches. Try fewer filters or a nearby destination.".to_string(),
        1 => "1 plan".to_string(),
        n => format!("{n} plans"),
    };
    view! {
        <p class="muted" data-testid=testids::STORE_RESULT_COUNT>{count}</p>
        <ul class="plan-grid" data-testid=testids::STORE_PLAN_LIST>
            {page.plans.into_iter().map(|p| view! { <PlanCard plan=p /> }).collect_view()}
        </ul>
        <nav class="ops-pager" aria-label="Result pages">
            {prev.map(|href| view! { <a class="btn btn--ghost btn--small" href=href>"← Previous"</a> })}
            {next.map(|href| view! { <a class="btn btn--ghost btn--small" href=href data-testid=testids::STORE_NEXT_PAGE>"Next →"</a> })}
        </nav>
    }
}

#[component]
fn StorePage() -> impl IntoView {
    let query = use_query_map();
    let filter = move || query.with(|q| filter_of(|k| q.get(k)));
    let plans = Resource::new(
        move || {
            query.with(|q| {
                [
                    "country", "region", "q", "days", "data", "maxPrice", "sort", "page",
                ]
                .map(|k| q.get(k))
            })
        },
        |[country, region, q, days, data, max_price, sort, page]| {
            get_store_plans(country, region, q, days, data, max_price, sort, page)
        },
    );
    let featured = Resource::new(|| (), |_| get_featured_plans());
    let destinations = Resource::new(|| (), |_| get_destinations());
    view! {
        <Title text=text::TITLE />
        <div class="page-head">
            <div>
                <h1>{text::TITLE}</h1>
                <p class="lead">{text::LEAD}</p>
            </div>
        </div>
        {move || {
            let f = filter();
            let opt = |value: &'static str, label: &'static str, current: Option<String>| {
                let selected = current.as_deref() == Some(value) || (value.is_empty() && current.is_none());
                view! { <option value=value selected=selected>{label}</option> }
            };
            view! {
                <Form method="GET" action="" attr:class="panel store-filters" attr:data-testid=testids::STORE_FILTER_FORM>
                    <label class="field store-filters__where">
                        <span>"Where are you going?"</span>
                        <input type="search" name="q" list="store-destinations" placeholder="Country, e.g. Japan or Korea"
                            autocomplete="off" value=f.q.clone().unwrap_or_default() data-testid=testids::STORE_SEARCH />
                    </label>
                    <label class="field">
                        <span>"Region"</span>
                        <select name="region">
                            {opt("", "Anywhere", f.region.clone())}
                            {["Asia", "Europe", "North America", "South America", "Oceania", "Middle East", "Africa"]
                                .map(|r| opt(r, r, f.region.clone())).into_iter().collect_view()}
                        </select>
                    </label>
                    <label class="field">
                        <span>"Trip length"</span>
                        <select name="days">
                            {opt("", "Any", f.min_days.map(|d| d.to_string()))}
                            {opt("7", "7+ days", f.min_days.map(|d| d.to_string()))}
                            {opt("15", "15+ days", f.min_days.map(|d| d.to_string()))}
                            {opt("30", "30+ days", f.min_days.map(|d| d.to_string()))}
                        </select>
                    </label>
                    <label class="field">
                        <span>"Data"</span>
                        <select name="data">
                            {opt("", "Any", f.min_data_mb.map(|d| d.to_string()))}
                            {opt("3000", "3 GB+", f.min_data_mb.map(|d| d.to_string()))}
                            {opt("5000", "5 GB+", f.min_data_mb.map(|d| d.to_string()))}
                            {opt("10000", "10 GB+", f.min_data_mb.map(|d| d.to_string()))}
                        </select>
                    </label>
                    <label class="field">
                        <span>"Max price (¥)"</span>
                        <input type="number" name="maxPrice" min="0" step="100" inputmode="numeric"
                            value=f.max_price_yen.map(|p| p.to_string()).unwrap_or_default() data-testid=testids::STORE_MAX_PRICE />
                    </label>
                    <label class="field">
                        <span>"Sort"</span>
                        <select name="sort">
                            {opt("", "Cheapest first", (f.sort != Default::default()).then(|| f.sort.as_str().to_string()))}
                            {opt("data", "Most data", Some(f.sort.as_str().to_string()))}
                            {opt("days", "Longest", Some(f.sort.as_str().to_string()))}
                        </select>
                    </label>
                    <button class="btn btn--primary" type="submit">"Show plans"</button>
                </Form>
            }
        }}
        // Outside the form's closure, so server rendering waits for them (a Suspense made
        // inside a reactive closure was not awaited).
        <datalist id="store-destinations">
            <Transition fallback=|| ()>
                {move || Suspend::new(async move {
                    destinations.await.unwrap_or_default().into_iter()
                        .map(|d| view! { <option value=d.name.clone()></option> })
                        .collect_view()
                })}
            </Transition>
        </datalist>
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                // Popular plans greet a visitor who has not filtered yet.
                let unfiltered = !filter().narrows();
                let plans = featured.await.ok().filter(|f| unfiltered && !f.is_empty());
                plans.map(|plans| view! {
                    <section class="store-featured" data-testid=testids::STORE_FEATURED>
                        <h2>{text::POPULAR}</h2>
                        <ul class="plan-grid">
                            {plans.into_iter().map(|p| view! { <PlanCard plan=p /> }).collect_view()}
                        </ul>
                    </section>
                })
            })}
        </Transition>
        <section>
            <h2>"All plans"</h2>
            <Transition fallback=|| view! { <p class="muted">"Loading plans…"</p> }>
                {move || Suspend::new(async move {
                    match plans.await {
                        Ok(page) => view! { <Results page filter=filter() /> }.into_any(),
                        Err(e) => view! { <ErrorPanel error=e /> }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}

#[component]
fn StorePlanPage() -> impl IntoView {
    let params = use_params_map();
    let plan = Resource::new(
        move || params.with(|p| p.get("name").unwrap_or_default()),
        get_store_plan,
    );
    view! {
        <super::store_orders::StoreNav />
        <a class="back" href=routes::STORE>"← All travel eSIMs"</a>
        <Transition fallback=|| view! { <p class="muted">"Loading…"</p> }>
            {move || Suspend::new(async move {
                match plan.await {
                    Ok(p) => view! { <PlanDetails plan=p /> }.into_any(),
                    Err(e) => view! { <Title text=text::TITLE /><ErrorPanel error=e message="This plan is not available." /> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn PlanDetails(plan: StorePlan) -> impl IntoView {
    let mut regions: Vec<(String, Vec<String>)> = Vec::new();
    for c in &plan.countries {
        match regions.iter_mut().find(|(r, _)| *r == c.region) {
            Some((_, names)) => names.push(c.name.clone()),
            None => regions.push((c.region.clone(), vec![c.name.clone()])),
        }
    }
    let speeds = if plan.speeds.is_empty() {
        "—".to_string()
    } else {
        plan.speeds.join(" / ")
    };
    view! {
        <Title text=plan.title() />
        <article class="card plan-page" data-testid=testids::STORE_PLAN_PAGE>
            <header class="card__head">
                <h1>{plan.title()}</h1>
                <span class="plan-page__price" data-testid=testids::STORE_PLAN_PRICE>{plan.price_label()}</span>
            </header>
            <p class="muted">"Price includes tax. One payment, no subscription."</p>
            <dl class="facts">
                <dt>"Data"</dt><dd>{match plan.data_mb {
                    None => "Unlimited (full speed for the first 1 GB each day, then slower)".to_string(),
                    Some(mb) => format!("{} at full speed", plan_data_label(Some(mb))),
                }}</dd>
                <dt>"Valid for"</dt><dd>{format!("{} from the first time the eSIM connects in a covered country", days_label(plan.days))}</dd>
                <dt>"Networks"</dt><dd>{speeds}</dd>
                <dt>"Covers"</dt><dd>{plan.coverage()}</dd>
            </dl>
            <super::store_orders::BuyBox plan=plan.clone() />
            <section data-testid=testids::STORE_PLAN_COUNTRIES>
                <h2>{format!("Countries ({})", plan.countries.len())}</h2>
                {regions.into_iter().map(|(region, names)| view! {
                    <h3 class="small muted">{region}</h3>
                    <ul class="country-list">
                        {names.into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}
                    </ul>
                }).collect_view()}
            </section>
        </article>
    }
}
