//! Plain HTTP endpoints beside the Leptos pages: the REST API for non-browser clients and
//! the health checks; the cross-site write refusal every route sits behind.

pub mod api;
pub mod assets;
pub mod body_limit;
pub mod catalog_hook;
pub mod client_ip;
pub mod csrf;
pub mod demo;
pub mod esimgo_hook;
pub mod headers;
pub mod health;
pub mod lang;
pub mod request_id;
pub mod server_fn_args;
