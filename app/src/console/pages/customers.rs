//! `/ops/customers` (search by name, email, phone or id) and `/ops/customers/{id}` (the
//! customer with their SIMs; support and admin assign an available SIM by its ICCID).

use super::{jst, state_tone, StaffOnly};
use crate::components::status::ErrorPanel;
use crate::console::api_records::{ops_customer, ops_customers, OpsAssign, OpsSaveCustomer};
use crate::console::routes;
use crate::domain::console::{Permission, Staff};
use crate::domain::console_records::{AuditEntry, CustomerRow};
use crate::domain::format_msisdn;
use crate::t;
use crate::testids;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Form;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
fn CustomersPage() -> impl IntoView {
    let query = use_query_map();
    let save = ServerAction::<OpsSaveCustomer>::new();
    let list = Resource::new(
        move || {
            (
                query.with(|q| (q.get("q"), q.get("page"))),
                save.version().get(),
            )
        },
        |((q, page), _)| ops_customers(q, page),
    );
    view! {
        <Title text=t!("console-customers-title") />
        <StaffOnly page=move |staff: Staff| {
            let q = query.with_untracked(|q| q.get("q").unwrap_or_default());
            let may_edit = staff.role.may(Permission::Operate);
            view! {
                <h1>{t!("console-nav-customers")}</h1>
                {may_edit.then(|| view! {
                    <details class="panel ops-new-customer">
                        <summary>{t!("console-customers-add")}</summary>
                        <CustomerForm action=save customer=None />
                        {move || save.value().get().and_then(Result::ok).map(|c| view! {
                            <p class="notice notice--ok" role="status">
                                {t!("console-customers-added-before")}<a href=routes::ops_customer(c.id)>{c.name()}</a>{t!("console-customers-added-after")}
                            </p>
                        })}
                    </details>
                })}
                <Form method="GET" action="" attr:class="panel ops-search" attr:data-testid=testids::OPS_CUSTOMER_SEARCH>
                    <label class="field">
                        <span>{t!("console-customers-q-label")}</span>
                        <input type="search" name="q" value=q.clone() />
                    </label>
                    <button class="btn btn--primary" type="submit">{t!("console-search")}</button>
                </Form>
                <Transition fallback=|| view! { <p class="muted">{t!("console-customers-loading")}</p> }>
                    {move || {
                        let q = query.with_untracked(|p| p.get("q").unwrap_or_default());
                        Suspend::new(async move {
                            match list.await {
                                Ok(p) => {
                                    let link = |n: u32| format!("{}?q={}&page={n}", routes::OPS_CUSTOMERS, q);
                                    let prev = (p.page > 1).then(|| link(p.page - 1));
                                    let next = p.has_next.then(|| link(p.page + 1));
                                    let empty = p.items.is_empty();
                                    view! {
                                        <div class="panel table-wrap">
                                            <table class="table">
                                                <thead><tr><th>{t!("console-customers-id")}</th><th>{t!("console-customers-name")}</th><th>{t!("console-email")}</th><th>{t!("console-phone")}</th><th class="num">{t!("console-nav-sims")}</th></tr></thead>
                                                <tbody>
                                                    {p.items.into_iter().map(|c| view! {
                                                        <tr data-testid=testids::OPS_CUSTOMER_ROW>
                                                            <td class="mono">{c.id}</td>
                                                            <td><a href=routes::ops_customer(c.id)>{c.name()}</a></td>
                                                            <td>{c.email.clone()}</td>
                                                            <td class="mono">{c.phone.as_deref().map(format_msisdn).unwrap_or_default()}</td>
                                                            <td class="num">{c.sims}</td>
                                                        </tr>
                                                    }).collect_view()}
                                                </tbody>
                                            </table>
                                            {empty.then(|| view! { <p class="muted ops-empty">{t!("console-customers-empty")}</p> })}
                                        </div>
                                        <nav class="ops-pager">
                                            <span class="muted">{t!("console-page", page = p.page.to_string())}</span>
                                            {prev.map(|h| view! { <a class="btn btn--ghost btn--small" href=h>{t!("console-prev")}</a> })}
                                            {next.map(|h| view! { <a class="btn btn--ghost btn--small" href=h>{t!("console-next")}</a> })}
                                        </nav>
                                    }.into_any()
                                }
                                Err(e) => view! { <ErrorPanel error=e /> }.into_any(),
                            }
                        })
                    }}
                </Transition>
            }
        } />
    }
}

#[component]
fn CustomerPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").and_then(|v| v.parse::<i64>().ok()).unwrap_or(0));
    let assign = ServerAction::<OpsAssign>::new();
    let save = ServerAction::<OpsSaveCustomer>::new();
    let data = Resource::new(
        move || (id(), assign.version().get(), save.version().get()),
        |(id, _, _)| ops_customer(id),
    );
    let error = move || assign.value().get().and_then(Result::err);
    view! {
        <Title text=t!("console-customer-title") />
        <p class="back"><a href=routes::OPS_CUSTOMERS>{t!("console-customer-back")}</a></p>
        <StaffOnly page=move |staff: Staff| {
            let may_assign = staff.role.may(Permission::Operate);
            view! {
                <Transition fallback=|| view! { <p class="muted">{t!("console-customer-loading")}</p> }>
                    {move || Suspend::new(async move {
                        match data.await {
                            Ok(d) => {
                                let c = d.customer.clone();
                                let changes = d.changes.clone();
                                let edit = may_assign.then(|| {
                                    let c = c.clone();
                                    view! {
                                        // Open again after a save (the page re-renders with the saved record).
                                        <details class="panel ops-edit-customer" open=save.value().get_untracked().is_some()>
                                            <summary>{t!("console-customer-edit")}</summary>
                                            <CustomerForm action=save customer=Some(c) />
                                        </details>
                                    }
                                });
                                view! {
                                    <header class="panel">
                                        <h1>{c.name()}</h1>
                                        <dl class="facts">
                                            <dt>{t!("console-customer-id")}</dt><dd class="mono">{c.id}</dd>
                                            <dt>{t!("console-email")}</dt><dd>{c.email.clone()}</dd>
                                            <dt>{t!("console-phone")}</dt><dd class="mono">{c.phone.as_deref().map(format_msisdn).unwrap_or_else(|| "—".into())}</dd>
                                            <dt>{t!("console-customer-since")}</dt><dd>{jst(d.created_at)}" JST"</dd>
                                        </dl>
                                    </header>
                                    <section class="panel">
                                        <h2>{t!("console-customer-sims", count = c.sims.to_string())}</h2>
                                        <div class="table-wrap">
                                            <table class="table" data-testid=testids::OPS_CUSTOMER_SIMS>
                                                <thead><tr><th>"ICCID"</th><th>"MSISDN"</th><th>{t!("console-col-status")}</th><th>{t!("console-col-type")}</th><th>{t!("console-col-tariff")}</th></tr></thead>
                                                <tbody>
                                                    {d.sims.into_iter().map(|s| view! {
                                                        <tr>
                                                            <td class="mono"><a href=routes::ops_sim(s.id)>{s.iccid}</a></td>
                                                            <td class="mono">{s.msisdn.as_deref().map(format_msisdn).unwrap_or_else(|| "—".into())}</td>
                                                            <td><span class=format!("badge badge--{}", state_tone(s.status))>{s.status.label()}</span></td>
                                                            <td>{s.card_type.label()}</td>
                                                            <td>{s.tariff.map(|t| t.name)}</td>
                                                        </tr>
                                                    }).collect_view()}
                                                </tbody>
                                            </table>
                                        </div>
                                    </section>
                                    {edit}
                                    <Changes changes=changes />
                                }.into_any()
                            }
                            Err(e) => view! { <ErrorPanel error=e /> }.into_any(),
                        }
                    })}
                </Transition>
                {may_assign.then(|| view! {
                    <section class="panel">
                        <h2>{t!("console-assign-heading")}</h2>
                        <p class="muted">{t!("console-assign-hint")}</p>
                        <ActionForm action=assign attr:class="form ops-assign" attr:data-testid=testids::OPS_ASSIGN_FORM>
                            <input type="hidden" name="customer_id" value=move || id().to_string() />
                            <label class="field">
                                <span>{t!("console-assign-iccid")}</span>
                                <input type="text" name="iccid" inputmode="numeric" required class="mono" />
                            </label>
                            <button class="btn btn--primary" type="submit" disabled=move || assign.pending().get()>{t!("console-assign-button")}</button>
                        </ActionForm>
                        {move || error().map(|e| view! { <p class="form__error" role="alert">{e.to_string()}</p> })}
                        {move || assign.value().get().and_then(Result::ok).map(|r| view! {
                            <p class="notice notice--ok" role="status">{t!("console-assign-done", iccid = r.sim.iccid)}</p>
                        })}
                    </section>
                })}
            }
        } />
    }
}

/// Create (`customer` None) or edit form; the action's error shows under it.
#[component]
fn CustomerForm(
    action: ServerAction<OpsSaveCustomer>,
    customer: Option<CustomerRow>,
) -> impl IntoView {
    let c = customer.clone();
    let value = move |f: fn(&CustomerRow) -> String| c.as_ref().map(f).unwrap_or_default();
    let label = if customer.is_some() {
        t!("console-save-changes")
    } else {
        t!("console-customers-add-button")
    };
    let error = move || action.value().get().and_then(Result::err);
    view! {
        <ActionForm action=action attr:class="form ops-customer-form" attr:data-testid=testids::OPS_CUSTOMER_FORM>
            <input type="hidden" name="id" value=customer.as_ref().map(|c| c.id.to_string()).unwrap_or_default() />
            <div class="form__row">
                <label class="field">
                    <span>{t!("console-customer-first-name")}</span>
                    <input type="text" name="first_name" required maxlength="80" autocomplete="off" value=value(|c| c.first_name.clone()) />
                </label>
                <label class="field">
                    <span>{t!("console-customer-last-name")}</span>
                    <input type="text" name="last_name" required maxlength="80" autocomplete="off" value=value(|c| c.last_name.clone()) />
                </label>
            </div>
            <div class="form__row">
                <label class="field">
                    <span>{t!("console-email")}</span>
                    <input type="email" name="email" required autocomplete="off" value=value(|c| c.email.clone()) />
                </label>
                <label class="field">
                    <span>{t!("console-customer-phone-optional")}</span>
                    <input type="tel" name="phone" inputmode="tel" autocomplete="off" class="mono" value=value(|c| c.phone.clone().unwrap_or_default()) />
                </label>
            </div>
            <button class="btn btn--primary" type="submit" disabled=move || action.pending().get()>{label}</button>
            {move || error().map(|e| view! { <p class="form__error" role="alert">{e.to_string()}</p> })}
        </ActionForm>
    }
}

/// An audit line's action in words (`marked_expired` → "marked expired"); an unknown one as
/// stored, with spaces.
fn action_label(action: &str) -> String {
    match action {
        "created" => t!("console-action-created"),
        "updated" => t!("console-action-updated"),
        "deleted" => t!("console-action-deleted"),
        "marked_used" => t!("console-action-marked-used"),
        "marked_expired" => t!("console-action-marked-expired"),
        other => other.replace('_', " "),
    }
}

/// The record's audit: who changed what, with the values before and after.
#[component]
fn Changes(changes: Vec<AuditEntry>) -> impl IntoView {
    let empty = changes.is_empty();
    view! {
        <section class="panel" data-testid=testids::OPS_CUSTOMER_CHANGES>
            <h2>{t!("console-changes-heading")}</h2>
            {empty.then(|| view! { <p class="muted">{t!("console-changes-empty")}</p> })}
            <ul class="ops-changes">
                {changes.into_iter().map(|e| view! {
                    <li>
                        <span class="muted">{jst(e.at)}" JST · "{e.staff_email}</span>
                        " "<strong>{action_label(&e.action)}</strong>
                        {e.before.map(|b| view! { <div class="mono">{t!("console-changes-before")}{b}</div> })}
                        {e.after.map(|a| view! { <div class="mono">{t!("console-changes-after")}{a}</div> })}
                    </li>
                }).collect_view()}
            </ul>
        </section>
    }
}

crate::pages::lazy_page!(CustomersRoute, CustomersPage);
crate::pages::lazy_page!(CustomerRoute, CustomerPage);
