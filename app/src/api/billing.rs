use crate::domain::{Invoice, PortalError};
use leptos::prelude::*;

/// The customer's invoices, newest first.
#[server(prefix = "/api/fn", endpoint = "list_invoices")]
pub async fn list_invoices() -> Result<Vec<Invoice>, PortalError> {
    use super::ctx;
    let customer = ctx::with_status(ctx::customer().await)?;
    ctx::with_status(ctx::ports()?.billing.invoices(&customer).await)
}
