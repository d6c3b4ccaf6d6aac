//! The Salesforce simulator (contract `../shared/contracts/salesforce.md`, section A), built
//! piece by piece for the sign-up issue: so far the SOQL subset it answers and the records it
//! answers it over, and the REST API (token, query with paging, sObjects) in `http`.

mod http;
pub mod soql;
pub mod store;

pub use http::{SalesforceSim, CLIENT_ID, CLIENT_SECRET, PASSWORD, USERNAME};
