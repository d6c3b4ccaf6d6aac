//! The typed client for the WHMCS External API (`/includes/api.php`).

pub mod client;
pub mod orders;
pub mod wire;

pub use client::{amount_jpy, ContactDetails, WhmcsClient, WhmcsConfig, WhmcsError};
