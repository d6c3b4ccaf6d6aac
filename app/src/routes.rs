//! Paths of the pages, shared by links, redirects and tests.

pub const HOME: &str = "/";
pub const LOGIN: &str = "/login";
pub const LINK: &str = "/link";
pub const FORGOT_PASSWORD: &str = "/forgot-password";
pub const RESET_PASSWORD: &str = "/reset-password";
pub const SUBSCRIPTIONS: &str = "/subscriptions";
pub const ACCOUNT: &str = "/account";
pub const BILLING: &str = "/billing";
pub const SIGNUP: &str = "/signup";
/// The address step (right after sign-up with `?welcome=1`, and from the account page).
pub const ADDRESS: &str = "/account/address";
pub const WELCOME: &str = "/account/address?welcome=1";
pub const SUPPORT: &str = "/support";
pub const CATALOG: &str = "/catalog";
pub const ORDERS: &str = "/orders";
/// The travel eSIM store.
pub const STORE: &str = "/store";
/// The customer's travel eSIM orders and eSIMs.
pub const STORE_ORDERS: &str = "/store/orders";
pub const STORE_ESIMS: &str = "/store/esims";
/// Opens billing's payment methods page (a fresh sign-in link is made when this is followed).
pub const MANAGE_PAYMENT_METHODS: &str = "/api/billing/payment-methods/manage";

pub fn support_case(id: &str) -> String {
    format!("/support/{id}")
}

/// Opens an invoice in billing (a fresh sign-in link is made when this is followed).
pub fn open_invoice(id: u64) -> String {
    format!("/api/billing/invoices/{id}/open")
}

pub fn sim_page(id: crate::domain::SubscriptionId) -> String {
    format!("/subscriptions/{id}/sim")
}

pub fn product(sku: &str) -> String {
    format!("/catalog/{sku}")
}

pub fn order(id: &str) -> String {
    format!("/orders/{id}")
}

pub fn store_order(id: &str) -> String {
    format!("{STORE_ORDERS}/{}", id.trim())
}

pub fn store_plan(name: &str) -> String {
    let escaped: String = name
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => {
                char::from(b).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect();
    format!("/store/plans/{escaped}")
}

/// The store with a filter (`query` from [`crate::domain::store::PlanFilter::to_query`]).
pub fn store_search(query: &str) -> String {
    if query.is_empty() {
        STORE.to_string()
    } else {
        format!("{STORE}?{query}")
    }
}
