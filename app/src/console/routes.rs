//! Paths of the console's pages.

pub const OPS: &str = "/ops";
pub const OPS_LOGIN: &str = "/ops/login";
pub const OPS_SIMS: &str = "/ops/sims";
pub const OPS_IMPORTS: &str = "/ops/imports";

pub fn ops_sim(id: i64) -> String {
    format!("/ops/sims/{id}")
}

/// The SIM list with a filter's query string.
pub fn ops_sims(query: &str) -> String {
    if query.is_empty() {
        OPS_SIMS.to_string()
    } else {
        format!("{OPS_SIMS}?{query}")
    }
}

/// The REST endpoint the import page sends files to.
pub const OPS_IMPORTS_API: &str = "/api/ops/imports";

pub const OPS_CUSTOMERS: &str = "/ops/customers";
pub const OPS_CODES: &str = "/ops/codes";
pub const OPS_TARIFFS: &str = "/ops/tariffs";
pub const OPS_STORE_PLANS: &str = "/ops/store-plans";

pub fn ops_customer(id: i64) -> String {
    format!("/ops/customers/{id}")
}
pub const OPS_STAFF: &str = "/ops/staff";
