//! Paths of the pages, shared by links, redirects and tests.

pub const HOME: &str = "/";
pub const LOGIN: &str = "/login";
pub const LINK: &str = "/link";
pub const FORGOT_PASSWORD: &str = "/forgot-password";
pub const RESET_PASSWORD: &str = "/reset-password";
pub const SUBSCRIPTIONS: &str = "/subscriptions";
pub const ACCOUNT: &str = "/account";
pub const BILLING: &str = "/billing";

/// Opens an invoice in billing (a fresh sign-in link is made when this is followed).
pub fn open_invoice(id: u64) -> String {
    format!("/api/billing/invoices/{id}/open")
}

pub fn sim_page(id: crate::domain::SubscriptionId) -> String {
    format!("/subscriptions/{id}/sim")
}
