//! The typed client for the Salesforce REST API (contract `../shared/contracts/salesforce.md`
//! section A): the JWT bearer token (`token`), escaped SOQL literals (`soql`), query with
//! paging and sObject create/read/update with Salesforce's error array (`client`), and the
//! records the portal reads and writes (`records`: accounts, contacts, cases, comments), the
//! catalog and orders (`orders`) and the platform-event subscriber (`events`, CometD).

pub mod client;
pub mod events;
pub mod orders;
pub mod records;
pub mod soql;
mod token;

pub use client::{SalesforceClient, SalesforceConfig, SalesforceError};
pub use records::{AccountFields, SfAccount, SfCase, SfComment, SfContact};
