//! Password reset by email: a single-use link valid for 30 minutes, whose token is stored
//! only as a SHA-256. Asking answers the same whether or not the email has a login (no
//! account discovery), and is throttled per address and email (no mail bombing). Using the
//! link sets the new password and ends every session of the account.
//!
//! The email goes to the outbox, in the same step as the token. With `SMTP_URL` set the
//! sender (`crate::mail`) delivers it; demo mode also shows the outbox at `/_sim/mailbox`. A
//! live portal without SMTP has no way to reach the customer, so there reset is switched off
//! and the login page does not offer it.

use super::accounts::{PortalAccounts, ResetLinks};
use super::limits::LoginThrottle;
use super::store_error;
use crate::store::password_resets;
use crate::store::{audit, customers, sessions, Db};
use app::domain::account::check_new_password;
use app::domain::PortalError;
use app::ports::Client;

pub const TTL_SECS: i64 = 30 * 60;

fn unavailable() -> PortalError {
    PortalError::BadRequest(app::t!("portal-reset-unavailable"))
}

pub(super) struct ResetRequest<'a> {
    pub db: &'a Db,
    pub throttle: &'a LoginThrottle,
    /// `None` when reset is off.
    pub links: Option<&'a ResetLinks>,
    pub with_demo: bool,
}

pub(super) async fn request(
    r: ResetRequest<'_>,
    email: &str,
    client: &Client,
) -> Result<(), PortalError> {
    let email = email.trim();
    let Some(links) = r.links else {
        return Err(unavailable());
    };
    if email.is_empty() || email.len() > 254 || !email.contains('@') {
        return Err(PortalError::invalid(
            "email",
            app::t!("portal-reset-email-invalid"),
        ));
    }
    // Every request counts, known email or not, so nobody can flood an inbox.
    r.throttle.check(client.ip, email)?;
    r.throttle.failed(client.ip, email);
    let Some(customer) = customers::find_by_email(r.db, email, r.with_demo)
        .await
        .map_err(store_error)?
    else {
        tracing::info!(ip = ?client.ip, "password reset asked for an email without a login");
        return Ok(());
    };
    let token = super::accounts::new_token();
    password_resets::create(r.db, customer.id, &token, TTL_SECS)
        .await
        .map_err(store_error)?;
    let link = format!(
        "{base}{path}?token={token}",
        base = links.base_url.trim_end_matches('/'),
        path = app::routes::RESET_PASSWORD,
    );
    // In the language of the page the link was asked from.
    let email = crate::emails::password_reset(app::i18n::current(), &link, TTL_SECS / 60);
    links
        .outbox
        // A link that has expired is not worth delivering.
        .send(email.to(&customer.email, Some(TTL_SECS)))
        .await
        .map_err(store_error)?;
    audit::record(
        r.db,
        Some(customer.id),
        None,
        "password_reset_requested",
        "asked for a password reset link",
    )
    .await
    .map_err(store_error)
}

pub(super) async fn reset(
    accounts: &PortalAccounts,
    db: &Db,
    token: &str,
    new_password: &str,
) -> Result<(), PortalError> {
    let token = token.trim();
    if token.is_empty() || token.len() > 128 {
        return Err(expired());
    }
    check_new_password(new_password, "newPassword")?;
    // Hashed first: a busy hasher must not burn the link.
    let hash = accounts.passwords().hash(new_password).await?;
    let Some(customer_id) = password_resets::redeem(db, token)
        .await
        .map_err(store_error)?
    else {
        return Err(expired());
    };
    password_resets::set_password(db, customer_id, &hash)
        .await
        .map_err(store_error)?;
    let ended = sessions::revoke_all(db, customer_id)
        .await
        .map_err(store_error)?;
    audit::record(
        db,
        Some(customer_id),
        None,
        "password_reset",
        &format!("changed the password with a reset link; {ended} session(s) ended"),
    )
    .await
    .map_err(store_error)
}

fn expired() -> PortalError {
    PortalError::invalid("token", app::t!("portal-reset-expired"))
}
