//! The billing page: every invoice of the customer's billing account with its status and
//! amount, and a button that opens it in the billing system (to pay or to view). The button
//! goes through the portal, which mints a single-use sign-in link at that moment.

use crate::api::list_invoices;
use crate::components::status::{Badge, ErrorPanel, LoginRedirect};
use crate::domain::dates::date_label;
use crate::domain::topup::yen_label;
use crate::domain::{Invoice, PortalError};
use crate::{routes, t, testids};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn BillingPage() -> impl IntoView {
    let invoices = Resource::new(|| (), |_| list_invoices());
    let query = use_query_map();
    let open_error = move || {
        query.read().get("open_error").map(|e| {
            if e == "not_found" {
                t!("portal-billing-open-not-found")
            } else {
                t!("portal-billing-open-unavailable")
            }
        })
    };
    view! {
        <Title text=t!("portal-billing-title") />
        <h1>{t!("portal-billing-title")}</h1>
        <p class="lead">{t!("portal-billing-lead")}</p>
        {move || open_error().map(|m| view! { <p class="panel panel--error" role="alert">{m}</p> })}
        <Transition fallback=|| view! { <p class="muted">{t!("portal-billing-loading")}</p> }>
            {move || Suspend::new(async move {
                match invoices.await {
                    Ok(list) if list.is_empty() => view! { <p class="panel">{t!("portal-billing-empty")}</p> }.into_any(),
                    Ok(list) => view! { <InvoiceTable list=list /> }.into_any(),
                    Err(PortalError::Unauthorized) => view! { <LoginRedirect /> }.into_any(),
                    Err(e) => view! { <ErrorPanel error=e /> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn InvoiceTable(list: Vec<Invoice>) -> impl IntoView {
    let outstanding: u64 = list
        .iter()
        .filter(|i| i.status.payable())
        .map(|i| i.total_jpy)
        .sum();
    view! {
        {(outstanding > 0).then(|| view! {
            <p class="billing__due" data-testid=testids::BILLING_OUTSTANDING>
                <strong>{yen_label(outstanding)}</strong>{t!("portal-billing-outstanding")}
            </p>
        })}
        <div class="card table-wrap">
            <table class="table" data-testid=testids::INVOICE_LIST>
                <thead>
                    <tr>
                        <th scope="col">{t!("portal-billing-invoice")}</th>
                        <th scope="col">{t!("portal-billing-date")}</th>
                        <th scope="col">{t!("portal-billing-due")}</th>
                        <th scope="col" class="num">{t!("portal-billing-amount")}</th>
                        <th scope="col">{t!("portal-billing-status")}</th>
                        <th scope="col"><span class="sr-only">{t!("portal-billing-open")}</span></th>
                    </tr>
                </thead>
                <tbody>
                    {list.into_iter().map(|i| view! { <InvoiceRow invoice=i /> }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

#[component]
fn InvoiceRow(invoice: Invoice) -> impl IntoView {
    let day = |d: Option<chrono::NaiveDate>| d.map(date_label).unwrap_or_else(|| "—".into());
    let payable = invoice.status.payable();
    view! {
        <tr data-testid=testids::INVOICE_ROW data-invoice-id=invoice.id.to_string()>
            <td class="mono">"#"{invoice.id}</td>
            <td>{day(invoice.date)}</td>
            <td>{day(invoice.due)}</td>
            <td class="num">{yen_label(invoice.total_jpy)}</td>
            <td><Badge label=invoice.status.label() tone=invoice.status.tone() /></td>
            <td class="num">
                <a class=if payable { "btn btn--primary btn--small" } else { "btn btn--ghost btn--small" }
                    href=routes::open_invoice(invoice.id) target="_blank" rel="noopener"
                    data-testid=testids::INVOICE_OPEN>
                    {if payable { t!("portal-billing-pay") } else { t!("portal-billing-view") }}
                </a>
            </td>
        </tr>
    }
}

super::lazy_page!(BillingRoute, BillingPage);
