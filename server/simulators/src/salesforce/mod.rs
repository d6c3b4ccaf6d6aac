//! The Salesforce simulator (contract `../shared/contracts/salesforce.md`, section A): the
//! SOQL subset it answers (`soql`), the records it answers it over (`store`), the REST API
//! (token, query with paging, sObjects, faults) in `http`, the seeded customers in
//! `accounts` and the demo catalog in `catalog`.

mod accounts;
mod catalog;
mod http;
pub mod soql;
pub mod store;

pub use accounts::{AddedAccount, NewAccount};
pub use http::{SalesforceSim, CLIENT_ID, CLIENT_SECRET, PASSWORD, USERNAME};

/// The private key of the simulated connected app (published on purpose: it opens only the
/// simulator; see `demo_keys/README.md`). The portal signs its JWT assertions with it in
/// demo mode.
pub const DEMO_PRIVATE_KEY_PEM: &str = include_str!("demo_keys/private.pem");
