use crate::domain::{PortalError, SessionInfo};
use leptos::prelude::*;

/// The customer's live login sessions, the current one marked.
#[server(prefix = "/api/fn", endpoint = "list_sessions")]
pub async fn list_sessions() -> Result<Vec<SessionInfo>, PortalError> {
    use super::ctx;
    let customer = ctx::with_status(ctx::customer().await)?;
    let token = ctx::session_token().unwrap_or_default();
    ctx::with_status(ctx::ports()?.accounts.sessions(&customer, &token).await)
}

/// Ends one of the customer's other sessions (a lost phone, a shared computer).
#[server(prefix = "/api/fn", endpoint = "end_session")]
pub async fn end_session(session_id: i64) -> Result<(), PortalError> {
    use super::ctx;
    let customer = ctx::with_status(ctx::customer().await)?;
    ctx::with_status(
        ctx::ports()?
            .accounts
            .end_session(&customer, session_id)
            .await,
    )
}

/// Ends every session of the customer, this one included, and goes to the login page.
#[server(prefix = "/api/fn", endpoint = "logout_everywhere")]
pub async fn logout_everywhere() -> Result<(), PortalError> {
    use super::ctx;
    let ports = ctx::ports()?;
    let customer = ctx::with_status(ctx::customer().await)?;
    ctx::with_status(ports.accounts.logout_everywhere(&customer).await)?;
    ctx::set_cookie(&crate::ports::session_cookie("", 0, ports.secure_cookies));
    leptos_axum::redirect(crate::routes::LOGIN);
    Ok(())
}
