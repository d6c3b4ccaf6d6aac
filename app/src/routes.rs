//! Paths of the pages, shared by links, redirects and tests.

pub const HOME: &str = "/";
pub const LOGIN: &str = "/login";
pub const SUBSCRIPTIONS: &str = "/subscriptions";
pub const ACCOUNT: &str = "/account";

pub fn sim_page(id: crate::domain::SubscriptionId) -> String {
    format!("/subscriptions/{id}/sim")
}
