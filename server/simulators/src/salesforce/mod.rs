//! The Salesforce simulator (contract `../shared/contracts/salesforce.md`, section A), built
//! piece by piece for the sign-up issue: so far the SOQL subset it answers and the records it
//! answers it over.

pub mod soql;
pub mod store;
