//! Login and sessions against the portal's own database.

use super::store_error;
use crate::store::{audit, customers, sessions, Db};
use app::domain::{Customer, PortalError};
use app::ports::{Accounts, NewSession};
use argon2::password_hash::{
    rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString,
};
use argon2::Argon2;
use async_trait::async_trait;
use base64::Engine;

pub struct PortalAccounts {
    db: Db,
    session_ttl_secs: i64,
    /// Whether the demo logins work (only while the simulators are the upstreams).
    demo_enabled: bool,
    /// Verified against when the email is unknown, so both paths take the same time.
    dummy_hash: String,
}

pub fn hash_password(password: &str) -> Result<String, PortalError> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| {
            tracing::error!(error = %e, "password hashing failed");
            PortalError::Internal
        })
}

fn verify_password(password: &str, hash: &str) -> bool {
    PasswordHash::new(hash)
        .map(|h| {
            Argon2::default()
                .verify_password(password.as_bytes(), &h)
                .is_ok()
        })
        .unwrap_or(false)
}

/// A portal login without a positive WHMCS client id is a broken account, never client 0
/// (whose services would be nobody's — or somebody else's).
fn to_customer(row: customers::CustomerRow) -> Result<Customer, PortalError> {
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
    pub fn new(db: Db, session_ttl_secs: i64, demo_enabled: bool) -> Result<Self, PortalError> {
        Ok(PortalAccounts {
            db,
            session_ttl_secs,
            demo_enabled,
            dummy_hash: hash_password("not-a-real-password")?,
        })
    }
}

#[async_trait]
impl Accounts for PortalAccounts {
    #[tracing::instrument(skip_all)]
    async fn login(&self, email: &str, password: &str) -> Result<NewSession, PortalError> {
        if email.is_empty() || password.is_empty() || email.len() > 254 || password.len() > 1024 {
            return Err(PortalError::InvalidCredentials);
        }
        let row = customers::find_by_email(&self.db, email, self.demo_enabled)
            .await
            .map_err(store_error)?;
        let hash = row
            .as_ref()
            .map_or(self.dummy_hash.clone(), |r| r.password_hash.clone());
        let password = password.to_string();
        let valid = tokio::task::spawn_blocking(move || verify_password(&password, &hash))
            .await
            .map_err(|_| PortalError::Internal)?;
        let Some(row) = row.filter(|_| valid) else {
            return Err(PortalError::InvalidCredentials);
        };
        let customer = to_customer(row)?;
        let mut bytes = [0u8; 32];
        rand::RngCore::fill_bytes(&mut rand::rngs::OsRng, &mut bytes);
        let token = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes);
        sessions::create(&self.db, &token, customer.id, self.session_ttl_secs)
            .await
            .map_err(store_error)?;
        audit::record(&self.db, Some(customer.id), None, "login", "logged in")
            .await
            .map_err(store_error)?;
        Ok(NewSession {
            token,
            customer,
            max_age_secs: self.session_ttl_secs,
        })
    }

    async fn customer_for_session(&self, token: &str) -> Result<Option<Customer>, PortalError> {
        sessions::customer(&self.db, token, self.demo_enabled)
            .await
            .map_err(store_error)?
            .map(to_customer)
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
