//! Pure types and rules shared by the server and the browser. Nothing here does I/O, so the
//! browser validates with exactly the code the server enforces.

pub mod account;
pub mod billing;
pub mod catalog;
pub mod console;
pub mod console_records;
pub mod dates;
pub mod eid;
pub mod error;
pub mod features;
pub mod feed;
pub mod inventory;
pub mod orders;
pub mod overview;
pub mod plan;
pub mod quota;
pub mod signup;
pub mod sim;
pub mod store;
pub mod store_orders;
pub mod subscription;
pub mod support;
pub mod timeline;
pub mod topup;
pub mod trips;
pub mod usage;
pub mod usage_alerts;

pub use account::SessionInfo;
pub use billing::{Invoice, InvoiceStatus};
pub use eid::Eid;
pub use error::PortalError;
pub use features::{FeatureChange, NetworkType, SimFeatures};
pub use overview::{ActionReceipt, Availability, PendingOperation, SimActions, SimOverview};
pub use plan::PlanCode;
pub use quota::{format_quota_mb, QuotaMb};
pub use sim::{SimDetails, SimStatus, SimType};
pub use subscription::{
    format_msisdn, Customer, DemoLogins, ServiceStatus, Subscription, SubscriptionId,
};
pub use timeline::{Outcome, TimelineEntry};
pub use topup::{TopUp, TopUpHistory, TopUpOrder, TopUpState};
pub use usage::{DailyUsage, Forecast, RightSize, UsageReport};

/// Name of the HttpOnly session cookie over https. The `__Host-` prefix makes the browser
/// refuse it unless it is `Secure`, has `Path=/` and no `Domain`, so a sibling subdomain
/// cannot plant its own session cookie on the portal (cookie tossing).
pub const SESSION_COOKIE: &str = "__Host-portal_session";
/// Name of the session cookie in demo mode over plain http, where `__Host-` cannot be used.
pub const DEMO_SESSION_COOKIE: &str = "portal_session";
