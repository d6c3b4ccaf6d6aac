//! What the UI needs from the server side, shaped by the pages. The server crate implements
//! these traits and provides a [`Ports`] value as Leptos context; server functions only call
//! through here, so they never see HTTP clients or SQL.

use crate::domain::{
    ActionReceipt, Customer, Eid, FeatureChange, Invoice, PlanCode, PortalError, SessionInfo,
    SimDetails, SimOverview, Subscription, SubscriptionId, TimelineEntry, TopUp, TopUpHistory,
    TopUpOrder, UsageReport,
};
use async_trait::async_trait;
use std::sync::Arc;

pub mod automation;
pub use automation::{Alerts, Feed, Trips};

/// A freshly created login session. `token` goes into the cookie and nowhere else.
pub struct NewSession {
    pub token: String,
    pub customer: Customer,
    pub max_age_secs: i64,
    /// The language the customer chose before, set as the browser's at login.
    pub lang: Option<crate::i18n::Lang>,
}

/// The client's address as the server determined it (the peer, or the proxy's
/// `X-Forwarded-For` when configured to trust it); put in the request's extensions by the
/// server before any handler runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ClientIp(pub std::net::IpAddr);

/// Who is asking: for rate limits and the session list.
#[derive(Clone, Debug, Default)]
pub struct Client {
    pub ip: Option<std::net::IpAddr>,
    pub user_agent: Option<String>,
}

impl Client {
    pub fn from_parts(parts: &http::request::Parts) -> Self {
        Client {
            ip: parts.extensions.get::<ClientIp>().map(|c| c.0),
            user_agent: parts
                .headers
                .get(http::header::USER_AGENT)
                .and_then(|v| v.to_str().ok())
                .map(|ua| ua.chars().take(200).collect()),
        }
    }
}

#[async_trait]
pub trait Accounts: Send + Sync {
    /// Checks the credentials and opens a session. A wrong email or password is
    /// `InvalidCredentials` (never saying which); too many failures are `RateLimited`.
    /// `replaces` is the session token the client still had, revoked on success.
    async fn login(
        &self,
        email: &str,
        password: &str,
        client: &Client,
        replaces: Option<&str>,
    ) -> Result<NewSession, PortalError>;
    /// The customer behind a session token, if the session is valid and unexpired.
    async fn customer_for_session(&self, token: &str) -> Result<Option<Customer>, PortalError>;
    /// Ends the session (idempotent).
    async fn logout(&self, token: &str) -> Result<(), PortalError>;
    /// Emails a single-use reset link if `email` has a login; answers the same either way.
    async fn request_password_reset(&self, email: &str, client: &Client)
        -> Result<(), PortalError>;
    /// Sets a new password with a reset link's token and ends every session of the account.
    async fn reset_password(&self, token: &str, new_password: &str) -> Result<(), PortalError>;
    /// First login of an existing billing customer: proves the billing (WHMCS) login once,
    /// creates the portal login with its own password, linked to the billing account the
    /// WHMCS user owns, and opens a session.
    async fn link_billing_account(
        &self,
        email: &str,
        billing_password: &str,
        new_password: &str,
        client: &Client,
    ) -> Result<NewSession, PortalError>;
    /// A newcomer signs up with the customer number of their contract (seed 004): checks,
    /// creates the billing client, the login and the mapping, and opens a session.
    async fn sign_up(
        &self,
        form: &crate::domain::signup::SignUp,
        client: &Client,
    ) -> Result<NewSession, PortalError>;
    /// The customer's live sessions; the one with `current_token` is marked current.
    async fn sessions(
        &self,
        customer: &Customer,
        current_token: &str,
    ) -> Result<Vec<SessionInfo>, PortalError>;
    /// Ends one of the customer's sessions (another device); `NotFound` if it is not theirs.
    async fn end_session(&self, customer: &Customer, session_id: i64) -> Result<(), PortalError>;
    /// Ends every session of the customer, this one included.
    async fn logout_everywhere(&self, customer: &Customer) -> Result<(), PortalError>;
}

#[async_trait]
pub trait SimPortal: Send + Sync {
    /// The customer's services from billing, each with its phone number.
    async fn subscriptions(&self, customer: &Customer) -> Result<Vec<Subscription>, PortalError>;
    /// One of the customer's SIM subscriptions (billing only); `NotFound` for anybody else's
    /// and for a service without a number.
    async fn subscription(
        &self,
        customer: &Customer,
        id: SubscriptionId,
    ) -> Result<Subscription, PortalError>;
    /// The details card for one of the customer's SIMs; `NotFound` for anybody else's.
    async fn sim_details(
        &self,
        customer: &Customer,
        id: SubscriptionId,
    ) -> Result<SimDetails, PortalError>;
    /// Details, options, pending carrier work and the actions open now.
    async fn overview(
        &self,
        customer: &Customer,
        id: SubscriptionId,
    ) -> Result<SimOverview, PortalError>;
    /// This month's usage, 30 days of history, forecast and right-sizer.
    async fn usage(
        &self,
        customer: &Customer,
        id: SubscriptionId,
    ) -> Result<UsageReport, PortalError>;
    /// This SIM's portal actions, newest first.
    async fn timeline(
        &self,
        customer: &Customer,
        id: SubscriptionId,
    ) -> Result<Vec<TimelineEntry>, PortalError>;
    /// Schedules a plan change for the 1st of next month.
    async fn change_plan(
        &self,
        customer: &Customer,
        id: SubscriptionId,
        plan: PlanCode,
    ) -> Result<ActionReceipt, PortalError>;
    /// Withdraws a scheduled plan change before it applies.
    async fn cancel_plan_change(
        &self,
        customer: &Customer,
        id: SubscriptionId,
    ) -> Result<ActionReceipt, PortalError>;
    /// Voice mail, call waiting, roaming and 4G/5G, in one request.
    async fn set_features(
        &self,
        customer: &Customer,
        id: SubscriptionId,
        change: FeatureChange,
    ) -> Result<ActionReceipt, PortalError>;
    /// Schedules the line's cancellation on `on` (a month end); `confirm_last4` must be the
    /// last four digits of the number, typed by the customer.
    async fn cancel_sim(
        &self,
        customer: &Customer,
        id: SubscriptionId,
        on: chrono::NaiveDate,
        confirm_last4: &str,
    ) -> Result<ActionReceipt, PortalError>;
    /// Moves the eSIM profile to the device with `eid`.
    async fn reissue_esim(
        &self,
        customer: &Customer,
        id: SubscriptionId,
        eid: Eid,
    ) -> Result<ActionReceipt, PortalError>;
}

/// Paid data top-ups: the only place the portal moves a customer's money.
#[async_trait]
pub trait TopUps: Send + Sync {
    /// Orders a top-up. One `idempotency_key` is one top-up for this customer whatever
    /// happens (double clicks, retries, reloads): a repeat gets the first one's answer. A
    /// failed payment is `PaymentRequired`; a paid top-up not yet on the line is `Pending`.
    async fn order(
        &self,
        customer: &Customer,
        id: SubscriptionId,
        order: TopUpOrder,
        idempotency_key: &str,
    ) -> Result<TopUp, PortalError>;
    /// Portal top-ups and the carrier's quota history between two JST dates, newest first.
    async fn history(
        &self,
        customer: &Customer,
        id: SubscriptionId,
        from: chrono::NaiveDate,
        to: chrono::NaiveDate,
    ) -> Result<TopUpHistory, PortalError>;
    /// A single-use sign-in link into billing to pay this top-up's invoice (or to add a card
    /// when there was none), minted now because it is valid for a minute.
    async fn pay_link(
        &self,
        customer: &Customer,
        id: SubscriptionId,
        top_up: &str,
    ) -> Result<String, PortalError>;
}

/// The customer's invoices in billing (WHMCS).
#[async_trait]
pub trait Billing: Send + Sync {
    /// Every invoice of the customer's billing account, newest first (drafts left out).
    async fn invoices(&self, customer: &Customer) -> Result<Vec<Invoice>, PortalError>;
    /// A single-use sign-in link into billing that opens this invoice (to view or pay it),
    /// minted now because it is valid for about a minute; `NotFound` for anybody else's.
    async fn invoice_link(
        &self,
        customer: &Customer,
        invoice_id: u64,
    ) -> Result<String, PortalError>;
}

/// The customer's profile in billing (WHMCS is the source of truth for the address) and
/// their payment methods.
#[async_trait]
pub trait Profiles: Send + Sync {
    async fn profile(
        &self,
        customer: &Customer,
    ) -> Result<crate::domain::signup::Profile, PortalError>;
    /// Changes the address (and phone) in billing; the new profile.
    async fn change_address(
        &self,
        customer: &Customer,
        change: crate::domain::signup::AddressChange,
    ) -> Result<crate::domain::signup::Profile, PortalError>;
    async fn payment_methods(
        &self,
        customer: &Customer,
    ) -> Result<crate::domain::signup::PaymentMethodsSummary, PortalError>;
    /// A single-use sign-in link into billing's payment methods page, minted now.
    async fn payment_methods_link(&self, customer: &Customer) -> Result<String, PortalError>;
}

/// The catalog and orders (Salesforce), fulfilled into billing and the carrier.
#[async_trait]
pub trait Shop: Send + Sync {
    /// What anyone may order (no login).
    async fn catalog(&self) -> Result<crate::domain::catalog::CatalogView, PortalError>;
    /// What this customer may order (their account's eligibility added).
    async fn personalized(
        &self,
        customer: &Customer,
    ) -> Result<crate::domain::catalog::CatalogView, PortalError>;
    /// Places the order for `cart`; the same open order for a repeated identical checkout.
    async fn checkout(
        &self,
        customer: &Customer,
        cart: crate::domain::catalog::Cart,
    ) -> Result<crate::domain::orders::OrderView, PortalError>;
    /// The customer's orders, newest first.
    async fn orders(
        &self,
        customer: &Customer,
    ) -> Result<Vec<crate::domain::orders::OrderView>, PortalError>;
    /// One order; `NotFound` unless it is the customer's.
    async fn order(
        &self,
        customer: &Customer,
        id: &str,
    ) -> Result<crate::domain::orders::OrderView, PortalError>;
}

/// Support cases of the customer's account (Salesforce), read live.
#[async_trait]
pub trait Support: Send + Sync {
    /// The account's cases, newest first.
    async fn cases(
        &self,
        customer: &Customer,
    ) -> Result<Vec<crate::domain::support::CaseSummary>, PortalError>;
    /// One case with its comments; `NotFound` unless it belongs to the customer's account.
    async fn case(
        &self,
        customer: &Customer,
        id: &str,
    ) -> Result<crate::domain::support::CaseDetail, PortalError>;
    async fn open_case(
        &self,
        customer: &Customer,
        case: crate::domain::support::NewCase,
    ) -> Result<crate::domain::support::CaseSummary, PortalError>;
    async fn comment(
        &self,
        customer: &Customer,
        id: &str,
        body: &str,
    ) -> Result<crate::domain::support::CaseComment, PortalError>;
}

/// The request's logged-in customer, looked up once however many server functions one page
/// render runs (the SIM page runs five). Provided fresh for every request.
#[derive(Clone, Default)]
pub struct SessionMemo(Arc<tokio::sync::OnceCell<Option<Customer>>>);

impl SessionMemo {
    pub async fn get_or_try_init<F, Fut>(&self, lookup: F) -> Result<&Option<Customer>, PortalError>
    where
        F: FnOnce() -> Fut,
        Fut: std::future::Future<Output = Result<Option<Customer>, PortalError>>,
    {
        self.0.get_or_try_init(lookup).await
    }
}

/// Everything the UI can call, provided once per request as context.
/// The travel eSIM store: the catalogue as synced from eSIM Go, priced for the customer.
#[async_trait]
pub trait Store: Send + Sync {
    /// One page of the plans matching the filter.
    async fn plans(
        &self,
        filter: &crate::domain::store::PlanFilter,
    ) -> Result<crate::domain::store::PlanPage, PortalError>;
    /// The curated plans shown first.
    async fn featured(&self) -> Result<Vec<crate::domain::store::StorePlan>, PortalError>;
    /// A plan that can be bought; `NotFound` for an unknown or withdrawn one.
    async fn plan(&self, name: &str) -> Result<crate::domain::store::StorePlan, PortalError>;
    /// Marks a plan featured (shown first on `/store`) or not; `NoSuch` for an unknown plan.
    /// The caller checks the staff role (admin).
    async fn set_featured(&self, name: &str, featured: bool) -> Result<(), PortalError>;
    /// The plans with these names (withdrawn ones too: orders name them), in one read.
    async fn plans_named(
        &self,
        names: &[String],
    ) -> Result<Vec<crate::domain::store::StorePlan>, PortalError>;
    /// Every country some plan covers, by name.
    async fn destinations(&self) -> Result<Vec<crate::domain::store::Destination>, PortalError>;
    /// Buys `quantity` of `plan` as new eSIMs, or (with `iccid`) onto that eSIM of the
    /// customer's: payment, then the eSIM Go order. One key, one purchase.
    async fn buy(
        &self,
        customer: &Customer,
        plan: &str,
        quantity: u32,
        iccid: Option<&str>,
        idempotency_key: &str,
    ) -> Result<crate::domain::store_orders::StoreOrder, PortalError>;
    /// The customer's order; `NoSuch` for anyone else's.
    async fn order(
        &self,
        customer: &Customer,
        id: &str,
    ) -> Result<crate::domain::store_orders::StoreOrder, PortalError>;
    async fn orders(
        &self,
        customer: &Customer,
        filter: &crate::domain::store_orders::OrderFilter,
    ) -> Result<Vec<crate::domain::store_orders::StoreOrder>, PortalError>;
    /// The customer's eSIMs with their bundles and usage.
    async fn esims(
        &self,
        customer: &Customer,
    ) -> Result<Vec<crate::domain::store_orders::EsimDetail>, PortalError>;
    async fn install_guide(
        &self,
        customer: &Customer,
        iccid: &str,
        device: crate::domain::store_orders::Device,
    ) -> Result<crate::domain::store_orders::InstallGuide, PortalError>;
    /// Suspends or restores one of the customer's eSIMs (eSIM Go API v2.5).
    async fn suspend(
        &self,
        customer: &Customer,
        iccid: &str,
        suspend: bool,
    ) -> Result<crate::domain::store_orders::EsimDetail, PortalError>;
}

#[derive(Clone)]
pub struct Ports {
    pub accounts: Arc<dyn Accounts>,
    pub sims: Arc<dyn SimPortal>,
    pub top_ups: Arc<dyn TopUps>,
    pub billing: Arc<dyn Billing>,
    pub profiles: Arc<dyn Profiles>,
    pub support: Arc<dyn Support>,
    pub shop: Arc<dyn Shop>,
    /// The operator console (staff sessions, inventory, imports).
    pub console: Arc<dyn crate::console::port::Console>,
    /// The travel eSIM store (catalogue on eSIM Go).
    pub store: Arc<dyn Store>,
    /// Usage alerts, trip roaming and the usage feed (issue 15).
    pub alerts: Arc<dyn Alerts>,
    pub trips: Arc<dyn Trips>,
    pub feed: Arc<dyn Feed>,
    /// Customer numbers a newcomer can sign up with; only while the simulators are the upstreams.
    pub demo_customer_numbers: Vec<String>,
    /// Adds `Secure` to the session cookie (on whenever the portal is served over https).
    pub secure_cookies: bool,
    /// Whether "Forgot your password?" is offered (a mail transport exists).
    pub password_reset: bool,
    /// The demo logins to show on the login page; only while the simulators are the upstreams.
    pub demo_logins: Option<crate::domain::DemoLogins>,
}

fn cookie_name(secure: bool) -> &'static str {
    if secure {
        crate::domain::SESSION_COOKIE
    } else {
        crate::domain::DEMO_SESSION_COOKIE
    }
}

/// The `Set-Cookie` value for a session; an empty token with max-age 0 clears it.
pub fn session_cookie(token: &str, max_age_secs: i64, secure: bool) -> String {
    cookie::Cookie::build((cookie_name(secure), token.to_string()))
        .path("/")
        .http_only(true)
        .same_site(cookie::SameSite::Lax)
        .secure(secure)
        .max_age(cookie::time::Duration::seconds(max_age_secs))
        .build()
        .to_string()
}

/// The session token of a request: `Authorization: Bearer …` (REST and GraphQL clients), or
/// else the session cookie of this mode (only the `__Host-` one when `secure`).
pub fn session_token(headers: &http::HeaderMap, secure: bool) -> Option<String> {
    if let Some(auth) = headers
        .get(http::header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
    {
        return auth
            .strip_prefix("Bearer ")
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(str::to_string);
    }
    let name = cookie_name(secure);
    headers
        .get_all(http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(cookie::Cookie::split_parse)
        .filter_map(Result::ok)
        .find(|c| c.name() == name && !c.value().is_empty())
        .map(|c| c.value().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cookie_is_http_only_and_lax() {
        let c = session_cookie("abc", 3600, false);
        assert!(c.starts_with("portal_session=abc"), "{c}");
        assert!(c.contains("HttpOnly") && c.contains("SameSite=Lax") && c.contains("Path=/"));
        assert!(!c.contains("Secure"));
        let c = session_cookie("abc", 3600, true);
        assert!(c.starts_with("__Host-portal_session=abc"), "{c}");
        assert!(c.contains("Secure") && c.contains("Path=/") && !c.contains("Domain"));
    }

    #[test]
    fn token_is_found_among_other_cookies() {
        let mut h = http::HeaderMap::new();
        h.insert(
            http::header::COOKIE,
            "a=1; portal_session=tok; b=2".parse().unwrap(),
        );
        assert_eq!(session_token(&h, false).as_deref(), Some("tok"));
        h.insert(http::header::COOKIE, "portal_session=".parse().unwrap());
        assert_eq!(session_token(&h, false), None);
    }

    #[test]
    fn over_https_only_the_host_prefixed_cookie_counts() {
        let mut h = http::HeaderMap::new();
        h.insert(
            http::header::COOKIE,
            "portal_session=tossed".parse().unwrap(),
        );
        assert_eq!(session_token(&h, true), None);
        h.insert(
            http::header::COOKIE,
            "portal_session=tossed; __Host-portal_session=real"
                .parse()
                .unwrap(),
        );
        assert_eq!(session_token(&h, true).as_deref(), Some("real"));
    }

    #[test]
    fn a_bearer_token_wins_over_cookies() {
        let mut h = http::HeaderMap::new();
        h.insert(http::header::COOKIE, "portal_session=c".parse().unwrap());
        h.insert(http::header::AUTHORIZATION, "Bearer  tok ".parse().unwrap());
        assert_eq!(session_token(&h, false).as_deref(), Some("tok"));
        h.insert(http::header::AUTHORIZATION, "Basic eDp5".parse().unwrap());
        assert_eq!(session_token(&h, false), None);
    }
}
