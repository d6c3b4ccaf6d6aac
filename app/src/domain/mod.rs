//! Pure types and rules shared by the server and the browser. Nothing here does I/O, so the
//! browser validates with exactly the code the server enforces.

pub mod error;
pub mod plan;
pub mod quota;
pub mod sim;
pub mod subscription;

pub use error::PortalError;
pub use plan::PlanCode;
pub use quota::{format_quota_mb, QuotaMb};
pub use sim::{SimDetails, SimStatus, SimType};
pub use subscription::{
    format_msisdn, Customer, DemoLogins, ServiceStatus, Subscription, SubscriptionId,
};

/// Name of the HttpOnly session cookie, shared by the REST routes and the server functions.
pub const SESSION_COOKIE: &str = "portal_session";
