//! Plain HTTP endpoints beside the Leptos pages: the REST API for non-browser clients and
//! the health checks.

pub mod api;
pub mod demo;
pub mod health;
