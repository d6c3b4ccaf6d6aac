//! The travel eSIM store: `/store` (find a plan by destination, region, days, data and price;
//! the filter lives in the URL) and `/store/plans/{name}` (exactly what a plan covers and
//! costs). Everything a traveller compares is on the card before they click: where, how much
//! data, how many days, how fast, and the price with tax.

use crate::api::{get_destinations, get_featured_plans, get_store_plan, get_store_plans};
use crate::components::status::ErrorPanel;
use crate::domain::store::{days_label, plan_data_label, PlanFilter, PlanPage, StorePlan};
use crate::{routes, t, testids};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Form;
use leptos_router::hooks::{use_params_map, use_query_map};

super::lazy_page!(StoreRoute, StorePage);
super::lazy_page!(StorePlanRoute, StorePlanPage);

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
            <a class="btn btn--primary" href=href>{t!("store-plan-card-view")}</a>
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
        0 => t!("store-results-none"),
        n => t!("store-results-count", count = crate::i18n::num(n)),
    };
    view! {
        <p class="muted" data-testid=testids::STORE_RESULT_COUNT>{count}</p>
        <ul class="plan-grid" data-testid=testids::STORE_PLAN_LIST>
            {page.plans.into_iter().map(|p| view! { <PlanCard plan=p /> }).collect_view()}
        </ul>
        <nav class="ops-pager" aria-label=t!("store-results-pages")>
            {prev.map(|href| view! { <a class="btn btn--ghost btn--small" href=href>{t!("store-results-previous")}</a> })}
            {next.map(|href| view! { <a class="btn btn--ghost btn--small" href=href data-testid=testids::STORE_NEXT_PAGE>{t!("store-results-next")}</a> })}
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
        <Title text=t!("store-title") />
        <div class="page-head">
            <div>
                <h1>{t!("store-title")}</h1>
                <p class="lead">{t!("store-lead")}</p>
            </div>
        </div>
        {move || {
            let f = filter();
            let opt = |value: &'static str, label: String, current: Option<String>| {
                let selected = current.as_deref() == Some(value) || (value.is_empty() && current.is_none());
                view! { <option value=value selected=selected>{label}</option> }
            };
            view! {
                <Form method="GET" action="" attr:class="panel store-filters" attr:data-testid=testids::STORE_FILTER_FORM>
                    <label class="field store-filters__where">
                        <span>{t!("store-filter-where")}</span>
                        <input type="search" name="q" list="store-destinations" placeholder=t!("store-filter-where-placeholder")
                            autocomplete="off" value=f.q.clone().unwrap_or_default() data-testid=testids::STORE_SEARCH />
                    </label>
                    <label class="field">
                        <span>{t!("store-filter-region")}</span>
                        <select name="region">
                            {opt("", t!("store-filter-region-any"), f.region.clone())}
                            {[
                                ("Asia", t!("store-region-asia")),
                                ("Europe", t!("store-region-europe")),
                                ("North America", t!("store-region-north-america")),
                                ("South America", t!("store-region-south-america")),
                                ("Oceania", t!("store-region-oceania")),
                                ("Middle East", t!("store-region-middle-east")),
                                ("Africa", t!("store-region-africa")),
                            ]
                                .map(|(r, label)| opt(r, label, f.region.clone())).into_iter().collect_view()}
                        </select>
                    </label>
                    <label class="field">
                        <span>{t!("store-filter-days")}</span>
                        <select name="days">
                            {opt("", t!("store-filter-any"), f.min_days.map(|d| d.to_string()))}
                            {["7", "15", "30"].map(|d| opt(d, t!("store-filter-days-min", days = d), f.min_days.map(|d| d.to_string()))).into_iter().collect_view()}
                        </select>
                    </label>
                    <label class="field">
                        <span>{t!("store-filter-data")}</span>
                        <select name="data">
                            {opt("", t!("store-filter-any"), f.min_data_mb.map(|d| d.to_string()))}
                            {[("3000", "3"), ("5000", "5"), ("10000", "10")]
                                .map(|(mb, gb)| opt(mb, t!("store-filter-data-min", gb = gb), f.min_data_mb.map(|d| d.to_string()))).into_iter().collect_view()}
                        </select>
                    </label>
                    <label class="field">
                        <span>{t!("store-filter-max-price")}</span>
                        <input type="number" name="maxPrice" min="0" step="100" inputmode="numeric"
                            value=f.max_price_yen.map(|p| p.to_string()).unwrap_or_default() data-testid=testids::STORE_MAX_PRICE />
                    </label>
                    <label class="field">
                        <span>{t!("store-filter-sort")}</span>
                        <select name="sort">
                            {opt("", t!("store-sort-price"), (f.sort != Default::default()).then(|| f.sort.as_str().to_string()))}
                            {opt("data", t!("store-sort-data"), Some(f.sort.as_str().to_string()))}
                            {opt("days", t!("store-sort-days"), Some(f.sort.as_str().to_string()))}
                        </select>
                    </label>
                    <button class="btn btn--primary" type="submit">{t!("store-filter-submit")}</button>
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
                        <h2>{t!("store-popular")}</h2>
                        <ul class="plan-grid">
                            {plans.into_iter().map(|p| view! { <PlanCard plan=p /> }).collect_view()}
                        </ul>
                    </section>
                })
            })}
        </Transition>
        <section>
            <h2>{t!("store-all-plans")}</h2>
            <Transition fallback=|| view! { <p class="muted">{t!("store-loading-plans")}</p> }>
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
        <a class="back" href=routes::STORE>{t!("store-back-to-plans")}</a>
        <Transition fallback=|| view! { <p class="muted">{t!("common-loading")}</p> }>
            {move || Suspend::new(async move {
                match plan.await {
                    Ok(p) => view! { <PlanDetails plan=p /> }.into_any(),
                    Err(e) => view! { <Title text=t!("store-title") /><ErrorPanel error=e message=t!("store-plan-unavailable") /> }.into_any(),
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
            <p class="muted">{t!("store-plan-price-note")}</p>
            <dl class="facts">
                <dt>{t!("store-plan-data")}</dt><dd>{match plan.data_mb {
                    None => t!("store-plan-data-unlimited"),
                    Some(mb) => t!("store-plan-data-full-speed", data = plan_data_label(Some(mb))),
                }}</dd>
                <dt>{t!("store-plan-valid-for")}</dt><dd>{t!("store-plan-validity", days = days_label(plan.days))}</dd>
                <dt>{t!("store-plan-networks")}</dt><dd>{speeds}</dd>
                <dt>{t!("store-plan-covers")}</dt><dd>{plan.coverage()}</dd>
            </dl>
            <super::store_orders::BuyBox plan=plan.clone() />
            <section data-testid=testids::STORE_PLAN_COUNTRIES>
                <h2>{t!("store-plan-countries", count = crate::i18n::num(plan.countries.len() as f64))}</h2>
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
