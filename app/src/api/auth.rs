use crate::domain::{Customer, DemoLogins, PortalError};
use leptos::prelude::*;

/// Logs in and sets the session cookie. On success the browser is sent to the subscriptions
/// list (this also works as a plain HTML form post, before the page has hydrated).
#[server(prefix = "/api/fn", endpoint = "login")]
pub async fn login(email: String, password: String) -> Result<(), PortalError> {
    use super::ctx;
    let ports = ctx::ports()?;
    let client = ctx::client();
    let old = ctx::session_token();
    let session = ctx::with_status(
        ports
            .accounts
            .login(email.trim(), &password, &client, old.as_deref())
            .await,
    )?;
    ctx::start_session(&session, ports.secure_cookies);
    Ok(())
}

/// Ends the session and clears the cookie.
#[server(prefix = "/api/fn", endpoint = "logout")]
pub async fn logout() -> Result<(), PortalError> {
    use super::ctx;
    let ports = ctx::ports()?;
    if let Some(token) = ctx::session_token() {
        ports.accounts.logout(&token).await?;
    }
    ctx::set_cookie(&crate::ports::session_cookie("", 0, ports.secure_cookies));
    leptos_axum::redirect(crate::routes::LOGIN);
    Ok(())
}

/// The logged-in customer, or `None` when nobody is logged in.
#[server(prefix = "/api/fn", endpoint = "current_customer")]
pub async fn current_customer() -> Result<Option<Customer>, PortalError> {
    match super::ctx::customer().await {
        Ok(c) => Ok(Some(c)),
        Err(PortalError::Unauthorized) => Ok(None),
        Err(e) => Err(e),
    }
}

/// The demo logins, while the portal runs on its simulators; `None` otherwise.
#[server(prefix = "/api/fn", endpoint = "get_demo_logins")]
pub async fn get_demo_logins() -> Result<Option<DemoLogins>, PortalError> {
    Ok(super::ctx::ports()?.demo_logins)
}

/// First login of an existing billing customer: proves the billing login, creates the
/// portal login with its own password and logs in.
#[server(prefix = "/api/fn", endpoint = "link_account")]
pub async fn link_account(
    email: String,
    billing_password: String,
    new_password: String,
) -> Result<(), PortalError> {
    use super::ctx;
    let ports = ctx::ports()?;
    let session = ctx::with_status(
        ports
            .accounts
            .link_billing_account(&email, &billing_password, &new_password, &ctx::client())
            .await,
    )?;
    ctx::start_session(&session, ports.secure_cookies);
    Ok(())
}

/// Whether the login page offers "Forgot your password?".
#[server(prefix = "/api/fn", endpoint = "password_reset_offered")]
pub async fn password_reset_offered() -> Result<bool, PortalError> {
    Ok(super::ctx::ports()?.password_reset)
}

/// Emails a reset link if the email has a login; the answer is the same either way.
#[server(prefix = "/api/fn", endpoint = "request_password_reset")]
pub async fn request_password_reset(email: String) -> Result<String, PortalError> {
    use super::ctx;
    ctx::with_status(
        ctx::ports()?
            .accounts
            .request_password_reset(&email, &ctx::client())
            .await,
    )?;
    Ok(crate::domain::account::reset_sent())
}

/// Sets a new password with a reset link's token; every session of the account ends.
#[server(prefix = "/api/fn", endpoint = "reset_password")]
pub async fn reset_password(token: String, new_password: String) -> Result<(), PortalError> {
    use super::ctx;
    ctx::with_status(
        ctx::ports()?
            .accounts
            .reset_password(&token, &new_password)
            .await,
    )
}
