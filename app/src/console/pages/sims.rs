//! `/ops/sims`: the SIM list. The filter lives in the URL (`?status=&type=&tariff=&customer=
//! &q=&sort=&page=`), so a filtered view can be bookmarked and shared; each page is one
//! indexed query of 50 rows, with "next" known from one extra row rather than a count.

use super::{jst, state_tone, StaffOnly};
use crate::components::status::ErrorPanel;
use crate::console::api::{ops_sims, ops_tariffs};
use crate::console::routes;
use crate::domain::console::{SimFilter, SimPage, SimSort};
use crate::domain::format_msisdn;
use crate::domain::inventory::{CardType, LifecycleState};
use crate::t;
use crate::testids;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Form;
use leptos_router::hooks::use_query_map;

/// The filter as the URL has it; an unreadable value is ignored here (the server says why).
fn filter_of(get: impl Fn(&str) -> Option<String>) -> SimFilter {
    let lenient = |k: &str| get(k).filter(|v| !v.trim().is_empty());
    SimFilter {
        status: lenient("status").and_then(|s| LifecycleState::parse(&s)),
        card_type: lenient("type").and_then(|t| CardType::parse(&t).ok()),
        customer: lenient("customer").and_then(|c| c.parse().ok()),
        tariff: lenient("tariff").and_then(|t| t.parse().ok()),
        q: lenient("q"),
        sort: lenient("sort")
            .and_then(|s| SimSort::parse(&s))
            .unwrap_or_default(),
        page: lenient("page").and_then(|p| p.parse().ok()).unwrap_or(1),
        per_page: 0,
    }
}

#[component]
fn Table(page: SimPage, filter: SimFilter) -> impl IntoView {
    let prev = (page.page > 1).then(|| {
        routes::ops_sims(
            &SimFilter {
                page: page.page - 1,
                ..filter.clone()
            }
            .to_query(),
        )
    });
    let next = page.has_next.then(|| {
        routes::ops_sims(
            &SimFilter {
                page: page.page + 1,
                ..filter.clone()
            }
            .to_query(),
        )
    });
    let first = (u64::from(page.page) - 1) * u64::from(page.per_page) + 1;
    let shown = page.items.len() as u64;
    let empty = page.items.is_empty();
    view! {
        <div class="panel table-wrap">
            <table class="table ops-table" data-testid=testids::OPS_SIM_TABLE>
                <thead>
                    <tr><th>"ICCID"</th><th>"MSISDN"</th><th>{t!("console-col-status")}</th><th>{t!("console-col-type")}</th><th>{t!("console-col-customer")}</th><th>{t!("console-col-tariff")}</th><th>{t!("console-col-last-change")}</th></tr>
                </thead>
                <tbody>
                    {page.items.into_iter().map(|s| {
                        let customer = s.customer.map(|c| {
                            let href = routes::ops_sims(&SimFilter { customer: Some(c.id), ..SimFilter::default() }.to_query());
                            view! { <a href=href title=t!("console-sims-customer-link-title")>{c.name}</a> }
                        });
                        view! {
                            <tr data-testid=testids::OPS_SIM_ROW>
                                <td class="mono"><a href=routes::ops_sim(s.id)>{s.iccid}</a></td>
                                <td class="mono">{s.msisdn.as_deref().map(format_msisdn).unwrap_or_else(|| "—".into())}</td>
                                <td><span class=format!("badge badge--{}", state_tone(s.status))>{s.status.label()}</span></td>
                                <td>{s.card_type.label()}</td>
                                <td>{customer}</td>
                                <td>{s.tariff.map(|t| t.name)}</td>
                                <td class="muted">{jst(s.updated_at)}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
            {empty.then(|| view! { <p class="muted ops-empty">{t!("console-sims-empty")}</p> })}
        </div>
        <nav class="ops-pager">
            <span class="muted">{if empty { String::new() } else { t!("console-sims-showing", first = first.to_string(), last = (first + shown - 1).to_string()) }}</span>
            {prev.map(|href| view! { <a class="btn btn--ghost btn--small" href=href data-testid=testids::OPS_PREV_PAGE>{t!("console-prev")}</a> })}
            {next.map(|href| view! { <a class="btn btn--ghost btn--small" href=href data-testid=testids::OPS_NEXT_PAGE>{t!("console-next")}</a> })}
        </nav>
    }
}

#[component]
fn SimsPage() -> impl IntoView {
    let query = use_query_map();
    let filter = move || query.with(|q| filter_of(|k| q.get(k)));
    let page = Resource::new(
        move || {
            query.with(|q| {
                [
                    q.get("status"),
                    q.get("type"),
                    q.get("customer"),
                    q.get("tariff"),
                    q.get("q"),
                    q.get("sort"),
                    q.get("page"),
                    q.get("perPage"),
                ]
            })
        },
        |[status, card_type, customer, tariff, q, sort, page, per_page]| {
            ops_sims(status, card_type, customer, tariff, q, sort, page, per_page)
        },
    );
    let tariffs = Resource::new(|| (), |_| ops_tariffs());
    view! {
        <Title text=t!("console-sims-title") />
        <StaffOnly page=move |staff: crate::domain::console::Staff| {
            let f = filter();
            let may_bulk = staff.role.may(crate::domain::console::Permission::Operate);
            let selected = move |v: Option<&str>, cur: Option<&str>| v == cur;
            view! {
                <div class="page-head">
                    <h1>{t!("console-sims-heading")}</h1>
                </div>
                <Form method="GET" action="" attr:class="panel ops-filters" attr:data-testid=testids::OPS_FILTER_FORM>
                    <label class="field">
                        <span>{t!("console-sims-q-label")}</span>
                        <input type="search" name="q" inputmode="numeric" placeholder=t!("console-sims-q-placeholder") value=f.q.clone().unwrap_or_default() />
                    </label>
                    <label class="field">
                        <span>{t!("console-col-status")}</span>
                        <select name="status">
                            <option value="">{t!("console-any")}</option>
                            {LifecycleState::ALL.into_iter().map(|s| view! {
                                <option value=s.as_str() selected=selected(Some(s.as_str()), f.status.map(|x| x.as_str()))>{s.label()}</option>
                            }).collect_view()}
                        </select>
                    </label>
                    <label class="field">
                        <span>{t!("console-col-type")}</span>
                        <select name="type">
                            <option value="">{t!("console-any")}</option>
                            {[CardType::Prepaid, CardType::Postpaid, CardType::DataOnly].into_iter().map(|t| view! {
                                <option value=t.as_str() selected=selected(Some(t.as_str()), f.card_type.map(|x| x.as_str()))>{t.label()}</option>
                            }).collect_view()}
                        </select>
                    </label>
                    <label class="field">
                        <span>{t!("console-col-tariff")}</span>
                        <select name="tariff">
                            <option value="">{t!("console-any")}</option>
                            <Transition fallback=|| ()>
                                {move || Suspend::new(async move {
                                    let current = filter().tariff;
                                    tariffs.await.unwrap_or_default().into_iter().map(|t| view! {
                                        <option value=t.id.to_string() selected=current == Some(t.id)>{t.name}</option>
                                    }).collect_view()
                                })}
                            </Transition>
                        </select>
                    </label>
                    <label class="field">
                        <span>{t!("console-sims-order")}</span>
                        <select name="sort">
                            {SimSort::ALL.into_iter().map(|s| view! {
                                <option value=s.as_str() selected=s == f.sort>{s.label()}</option>
                            }).collect_view()}
                        </select>
                    </label>
                    {f.customer.map(|c| view! {
                        <input type="hidden" name="customer" value=c.to_string() />
                    })}
                    <div class="ops-filters__actions">
                        <button class="btn btn--primary" type="submit">{t!("console-sims-filter")}</button>
                        <a class="btn btn--ghost" href=routes::OPS_SIMS>{t!("console-sims-clear")}</a>
                    </div>
                </Form>
                {f.customer.map(|c| view! {
                    <p class="ops-chip">{t!("console-sims-customer-chip", id = c.to_string())}" "
                        <a href=routes::ops_sims(&SimFilter { customer: None, page: 1, ..filter() }.to_query()) aria-label=t!("console-sims-customer-chip-remove")>"×"</a>
                    </p>
                })}
                {may_bulk.then(|| view! {
                    <super::bulk::BulkPanel filter=Signal::derive(filter) on_done=Callback::new(move |()| page.refetch()) />
                })}
                <Transition fallback=|| view! { <p class="muted">{t!("console-sims-loading")}</p> }>
                    {move || Suspend::new(async move {
                        match page.await {
                            Ok(p) => view! { <Table page=p filter=filter() /> }.into_any(),
                            Err(e) => view! { <ErrorPanel error=e /> }.into_any(),
                        }
                    })}
                </Transition>
            }
        } />
    }
}

crate::pages::lazy_page!(SimsRoute, SimsPage);
