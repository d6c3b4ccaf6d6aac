//! Linking an existing billing (WHMCS) account to a new portal login (seed 001
//! "Login/Linking").
//!
//! The customer proves their WHMCS login once (ValidateLogin). Since WHMCS 8 that answers a
//! *user* id, and users and clients are separate: GetUsers says which clients the user belongs
//! to and whether as owner. Exactly one owned client is linked; none or several get a message
//! saying what to do. The portal then keeps its own argon2 password — the WHMCS password is
//! never stored — and the mapping portal login ↔ WHMCS client (↔ Salesforce account, filled
//! in later). Attempts go through the login throttle, because each one is a password guess
//! against WHMCS.

use super::accounts::PortalAccounts;
use super::{store_error, whmcs_error};
use crate::store::customers::{self, Linked};
use crate::store::{audit, Db};
use crate::whmcs::{WhmcsClient, WhmcsError};
use app::domain::account::check_new_password;
use app::domain::PortalError;
use app::ports::Client;
use secrecy::SecretString;

/// The WHMCS client a verified billing login may link, or why not.
async fn owned_client(
    whmcs: &WhmcsClient,
    email: &str,
    password: &str,
) -> Result<Result<u64, PortalError>, PortalError> {
    let login = match whmcs
        .validate_login(email, &SecretString::from(password.to_string()))
        .await
    {
        Ok(l) => l,
        Err(WhmcsError::Api { .. }) => return Ok(Err(PortalError::InvalidCredentials)),
        Err(e) => return Err(whmcs_error(e)),
    };
    let user = whmcs
        .get_user(login.userid, email)
        .await
        .map_err(whmcs_error)?;
    let owned: Vec<u64> = user
        .map(|u| {
            u.clients
                .iter()
                .filter(|c| c.owner() && c.id > 0)
                .map(|c| c.id)
                .collect()
        })
        .unwrap_or_default();
    Ok(match owned.as_slice() {
        [one] => Ok(*one),
        [] => Err(PortalError::Conflict(app::t!("portal-link-not-owner"))),
        _ => Err(PortalError::Conflict(app::t!(
            "portal-link-several-accounts"
        ))),
    })
}

pub(super) async fn link(
    accounts: &PortalAccounts,
    db: &Db,
    whmcs: &WhmcsClient,
    email: &str,
    billing_password: &str,
    new_password: &str,
    client: &Client,
) -> Result<i64, PortalError> {
    let email = email.trim();
    if email.is_empty() || email.len() > 254 || !email.contains('@') {
        return Err(PortalError::invalid(
            "email",
            app::t!("portal-link-email-invalid"),
        ));
    }
    if billing_password.is_empty() || billing_password.len() > 1024 {
        return Err(PortalError::invalid(
            "billingPassword",
            app::t!("portal-link-billing-password-missing"),
        ));
    }
    check_new_password(new_password, "newPassword")?;
    accounts.throttle().check(client.ip, email)?;
    let client_id = match owned_client(whmcs, email, billing_password).await? {
        Ok(id) => id,
        Err(PortalError::InvalidCredentials) => {
            accounts.throttle().failed(client.ip, email);
            tracing::info!(ip = ?client.ip, "failed billing-login proof while linking");
            return Err(PortalError::InvalidCredentials);
        }
        Err(e) => return Err(e),
    };
    accounts.throttle().succeeded(email);
    let client_id_db = i64::try_from(client_id).map_err(|_| PortalError::Internal)?;
    let hash = accounts.passwords().hash(new_password).await?;
    let id = match customers::create_linked(db, email, &hash, client_id_db, None)
        .await
        .map_err(store_error)?
    {
        Linked::Created(id) => id,
        Linked::ClientTaken => {
            return Err(PortalError::Conflict(app::t!("portal-link-client-taken")))
        }
        Linked::EmailTaken => {
            return Err(PortalError::Conflict(app::t!("portal-link-email-taken")))
        }
    };
    audit::record(
        db,
        Some(id),
        None,
        "account_linked",
        &format!("linked billing account {client_id}"),
    )
    .await
    .map_err(store_error)?;
    Ok(id)
}
