//! One module per route.

pub mod account;
pub mod billing;
pub mod home;
pub mod link;
pub mod login;
pub mod not_found;
pub mod password_reset;
pub mod sim;
pub mod subscriptions;
