//! The operator console (`/ops`, seed 003): staff pages, their server functions and the port
//! the server implements. Staff have their own sessions; nothing here reads a customer's.

pub mod api;
pub mod api_records;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod port;
pub mod routes;
