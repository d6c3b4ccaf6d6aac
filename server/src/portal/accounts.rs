//! Login and sessions against the portal's own database.

use super::limits::{LimitConfig, LoginThrottle};
pub use super::passwords::hash_password;
use super::passwords::PasswordWorkers;
use super::store_error;
use crate::store::sessions::Lifetime;
use crate::store::{audit, customers, sessions, Db};
use crate::whmcs::WhmcsClient;
use app::domain::account::device_label;
use app::domain::{Customer, PortalError, SessionInfo};
use app::ports::{Accounts, Client, NewSession};
use async_trait::async_trait;
use base64::Engine;

pub struct PortalAccounts {
    db: Db,
    life: Lifetime,
    /// Whether the demo logins work (only while the simulators are the upstreams).
    demo_enabled: bool,
    /// Verified against when the email is unknown, so both paths take the same time.
    dummy_hash: String,
    throttle: LoginThrottle,
    passwords: PasswordWorkers,
    whmcs: WhmcsClient,
    /// Reset requests have their own counts, so asking for links never blocks logging in.
    reset_throttle: LoginThrottle,
    /// How reset links reach customers; `None`: reset is off.
    reset: Option<ResetLinks>,
    /// Sign-up with a customer number; `None` in tests that build accounts alone.
    signups: Option<super::signup::SignUps>,
}

/// Password reset links: the portal's public address they point to, and the outbox that
/// carries them.
pub struct ResetLinks {
    pub base_url: String,
    pub outbox: crate::mail::Outbox,
}

/// A portal login without a positive WHMCS client id is a broken account, never client 0
/// (whose services would be nobody's — or somebody else's).
pub(crate) fn to_customer(row: customers::CustomerRow) -> Result<Customer, PortalError> {
    match u64::try_from(row.whmcs_client_id) {
        Ok(client) if client > 0 => Ok(Customer {
            id: row.id,
            email: row.email,
            whmcs_client_id: client,
        }),
        _ => {
            tracing::error!(
                customer = row.id,
                client = row.whmcs_client_id,
                "portal login without a WHMCS client id"
            );
            Err(PortalError::Internal)
        }
    }
}

impl PortalAccounts {
    pub fn new(
        db: Db,
        whmcs: WhmcsClient,
        life: Lifetime,
        demo_enabled: bool,
        limits: LimitConfig,
        reset: Option<ResetLinks>,
    ) -> Result<Self, PortalError> {
        Ok(PortalAccounts {
            db,
            whmcs,
            reset,
            reset_throttle: LoginThrottle::new(limits.clone()),
            life,
            demo_enabled,
            dummy_hash: hash_password("not-a-real-password")?,
            passwords: PasswordWorkers::new(limits.concurrent_hashes, limits.hash_queue_wait),
            throttle: LoginThrottle::new(limits),
            signups: None,
        })
    }

    /// Offers sign-up through `signups`.
    pub fn with_signups(mut self, signups: super::signup::SignUps) -> Self {
        self.signups = Some(signups);
        self
    }

    pub(super) fn throttle(&self) -> &LoginThrottle {
        &self.throttle
    }

    pub(super) fn passwords(&self) -> &PasswordWorkers {
        &self.passwords
    }

    /// A new session for `customer`, revoking `replaces` (a token the client still had,
    /// perhaps planted by someone else: it never survives a login).
    async fn open_session(
        &self,
        customer: Customer,
        client: &Client,
        replaces: Option<&str>,
    ) -> Result<NewSession, PortalError> {
        if let Some(old) = replaces {
            sessions::revoke(&self.db, old).await.map_err(store_error)?;
        }
        let token = new_token();
        sessions::create(
            &self.db,
            sessions::NewRow {
                token: &token,
                customer_id: customer.id,
                user_agent: client.user_agent.as_deref(),
                ip: client.ip.map(|ip| ip.to_string()),
            },
            self.life,
        )
        .await
        .map_err(store_error)?;
        let lang = match customers::locale(&self.db, customer.id).await {
            Ok(Some(saved)) => app::i18n::Lang::parse(&saved),
            // No choice made yet: the language they read the portal in (cookie, else the
            // browser's) is saved, so the emails background jobs write them (usage alerts,
            // trips, orders) are in it too, not in English by default.
            Ok(None) => {
                let reading = app::i18n::current();
                if let Err(e) = customers::set_locale(&self.db, customer.id, reading.code()).await {
                    tracing::warn!(error = %e, "could not save the customer's language");
                }
                None
            }
            Err(e) => {
                tracing::warn!(error = %e, "saved language unavailable");
                None
            }
        };
        Ok(NewSession {
            token,
            customer,
            max_age_secs: self.life.absolute_secs,
            lang,
        })
    }

    /// Whether `password` matches the account (or, for an unknown email, the dummy hash, so
    /// both take the same time), on the hashing threads.
    async fn password_matches(
        &self,
        row: Option<&customers::CustomerRow>,
        password: &str,
    ) -> Result<bool, PortalError> {
        let hash = row.map_or(&self.dummy_hash, |r| &r.password_hash);
        self.passwords.verify(password, hash).await
    }
}

pub(crate) fn new_token() -> String {
    let mut bytes = [0u8; 32];
    rand::RngCore::fill_bytes(&mut rand::rngs::OsRng, &mut bytes);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

#[async_trait]
impl Accounts for PortalAccounts {
    #[tracing::instrument(skip_all)]
    async fn login(
        &self,
        email: &str,
        password: &str,
        client: &Client,
        replaces: Option<&str>,
    ) -> Result<NewSession, PortalError> {
        if email.is_empty() || password.is_empty() || email.len() > 254 || password.len() > 1024 {
            return Err(PortalError::InvalidCredentials);
        }
        // Throttled attempts are answered before any database read or hash.
        self.throttle.check(client.ip, email)?;
        let row = customers::find_by_email(&self.db, email, self.demo_enabled)
            .await
            .map_err(store_error)?;
        if !self.password_matches(row.as_ref(), password).await? {
            self.throttle.failed(client.ip, email);
            tracing::info!(ip = ?client.ip, known = row.is_some(), "failed login");
            if let Some(row) = &row {
                let detail = match client.ip {
                    Some(ip) => format!("Failed login from {ip}"),
                    None => "Failed login".to_string(),
                };
                audit::record(&self.db, Some(row.id), None, "login_failed", &detail)
                    .await
                    .map_err(store_error)?;
            }
            return Err(PortalError::InvalidCredentials);
        }
        let Some(row) = row else {
            return Err(PortalError::InvalidCredentials);
        };
        self.throttle.succeeded(email);
        let customer = to_customer(row)?;
        let session = self.open_session(customer, client, replaces).await?;
        audit::record(
            &self.db,
            Some(session.customer.id),
            None,
            "login",
            "logged in",
        )
        .await
        .map_err(store_error)?;
        Ok(session)
    }

    async fn request_password_reset(
        &self,
        email: &str,
        client: &Client,
    ) -> Result<(), PortalError> {
        super::password_reset::request(
            super::password_reset::ResetRequest {
                db: &self.db,
                throttle: &self.reset_throttle,
                links: self.reset.as_ref(),
                with_demo: self.demo_enabled,
            },
            email,
            client,
        )
        .await
    }

    async fn reset_password(&self, token: &str, new_password: &str) -> Result<(), PortalError> {
        super::password_reset::reset(self, &self.db, token, new_password).await
    }

    async fn link_billing_account(
        &self,
        email: &str,
        billing_password: &str,
        new_password: &str,
        client: &Client,
    ) -> Result<NewSession, PortalError> {
        let id = super::linking::link(
            self,
            &self.db,
            &self.whmcs,
            email,
            billing_password,
            new_password,
            client,
        )
        .await?;
        let row = customers::find_by_id(&self.db, id)
            .await
            .map_err(store_error)?
            .ok_or(PortalError::Internal)?;
        self.open_session(to_customer(row)?, client, None).await
    }

    async fn sign_up(
        &self,
        form: &app::domain::signup::SignUp,
        client: &Client,
    ) -> Result<NewSession, PortalError> {
        let signups = self.signups.as_ref().ok_or(PortalError::NotFound)?;
        let id = signups.sign_up(self, form, client).await?;
        let row = customers::find_by_id(&self.db, id)
            .await
            .map_err(store_error)?
            .ok_or(PortalError::Internal)?;
        self.open_session(to_customer(row)?, client, None).await
    }

    async fn customer_for_session(&self, token: &str) -> Result<Option<Customer>, PortalError> {
        sessions::customer(&self.db, token, self.demo_enabled, self.life)
            .await
            .map_err(store_error)?
            .map(|live| to_customer(live.customer))
            .transpose()
    }

    async fn logout(&self, token: &str) -> Result<(), PortalError> {
        if let Some(customer_id) = sessions::revoke(&self.db, token)
            .await
            .map_err(store_error)?
        {
            audit::record(&self.db, Some(customer_id), None, "logout", "logged out")
                .await
                .map_err(store_error)?;
        }
        Ok(())
    }

    async fn sessions(
        &self,
        customer: &Customer,
        current_token: &str,
    ) -> Result<Vec<SessionInfo>, PortalError> {
        let current = sessions::customer(&self.db, current_token, self.demo_enabled, self.life)
            .await
            .map_err(store_error)?
            .map(|live| live.session_id);
        let rows = sessions::live_for(&self.db, customer.id, self.life)
            .await
            .map_err(store_error)?;
        Ok(rows
            .into_iter()
            .map(|r| SessionInfo {
                id: r.id,
                created_at: r.created_at,
                last_seen_at: r.last_seen_at,
                device: device_label(r.user_agent.as_deref()),
                ip: r.ip,
                current: Some(r.id) == current,
            })
            .collect())
    }

    async fn end_session(&self, customer: &Customer, session_id: i64) -> Result<(), PortalError> {
        if !sessions::revoke_by_id(&self.db, customer.id, session_id)
            .await
            .map_err(store_error)?
        {
            return Err(PortalError::BadRequest(app::t!(
                "portal-session-already-ended"
            )));
        }
        audit::record(
            &self.db,
            Some(customer.id),
            None,
            "session_ended",
            "ended a session on another device",
        )
        .await
        .map_err(store_error)
    }

    async fn logout_everywhere(&self, customer: &Customer) -> Result<(), PortalError> {
        let n = sessions::revoke_all(&self.db, customer.id)
            .await
            .map_err(store_error)?;
        audit::record(
            &self.db,
            Some(customer.id),
            None,
            "logout_everywhere",
            &format!(
                "logged out everywhere ({n} session{})",
                if n == 1 { "" } else { "s" }
            ),
        )
        .await
        .map_err(store_error)
    }
}

/// Deletes dead sessions now and every ten minutes (every instance may do it; the DELETE is
/// idempotent).
pub async fn purge_sessions(db: Db, life: Lifetime) {
    let mut tick = tokio::time::interval(std::time::Duration::from_secs(600));
    loop {
        tick.tick().await;
        match sessions::purge(&db, life).await {
            Ok(0) => {}
            Ok(n) => tracing::info!(removed = n, "dead sessions removed"),
            Err(e) => tracing::warn!(error = %e, "could not remove dead sessions"),
        }
    }
}

/// Creates (or refreshes) the demo logins for the simulated WHMCS clients.
pub async fn seed_demo_customers(db: &Db) -> Result<(), PortalError> {
    let hash = hash_password(crate::simulator::demo::DEMO_PASSWORD)?;
    for c in crate::simulator::demo::CLIENTS {
        customers::upsert(
            db,
            c.email,
            &hash,
            i64::try_from(c.id).unwrap_or_default(),
            true,
        )
        .await
        .map_err(store_error)?;
    }
    Ok(())
}
