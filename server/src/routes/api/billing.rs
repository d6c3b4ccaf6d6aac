//! Invoices and sign-in links into billing.

use super::*;

pub(super) async fn invoices(
    State(state): State<AppState>,
    Authed(customer): Authed,
) -> Result<Json<Vec<Invoice>>, ApiError> {
    Ok(Json(state.ports.billing.invoices(&customer).await?))
}

/// 303 to a fresh single-use WHMCS sign-in link that opens the invoice. A browser (the
/// billing page's buttons) that cannot be sent there goes back to the billing page with a
/// message instead of a JSON error.
pub(super) async fn open_invoice(
    State(state): State<AppState>,
    Authed(customer): Authed,
    Path(raw): Path<String>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let browser = headers
        .get(axum::http::header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|a| a.contains("text/html"));
    let result = match raw.trim().parse::<u64>() {
        Ok(id) if id > 0 => state.ports.billing.invoice_link(&customer, id).await,
        _ => Err(PortalError::NotFound),
    };
    match result {
        Ok(url) => Ok(axum::response::Redirect::to(&url).into_response()),
        Err(e) if browser => {
            let reason = if e == PortalError::NotFound {
                "not_found"
            } else {
                "unavailable"
            };
            let to = format!("{}?open_error={reason}", app::routes::BILLING);
            Ok(axum::response::Redirect::to(&to).into_response())
        }
        Err(e) => Err(ApiError(e)),
    }
}
