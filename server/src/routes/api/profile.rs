//! Sign-up, the profile and address, and payment methods (issue 13).
//!
//! - `POST /api/auth/signup` — 201 + session (cookie and token) or 400/409 naming the field
//! - `GET /api/me/profile` — name, email, phone, address
//! - `PATCH /api/me/address` — `{"address": {…}, "phone"?}`; WHMCS is the source of truth
//! - `GET /api/billing/payment-methods/summary` — `{"hasPaymentMethod", "count", "description"}`
//! - `POST /api/auth/sso-link` — `{"url"}`: a single-use sign-in into billing's payment
//!   methods page, minted now (valid about a minute), never stored or emailed

use super::input::{object, text_field, JsonBody};
use super::*;
use app::domain::signup::{Address, AddressChange, PaymentMethodsSummary, Profile, SignUp};

const ADDRESS_FIELDS: [&str; 5] = ["postcode", "prefecture", "city", "line1", "line2"];

/// The `address` object of a body, with known fields only; missing ones read as empty (the
/// domain check then names them).
fn address(body: &Value) -> Result<Address, ApiError> {
    let a = match body.get("address") {
        Some(a @ Value::Object(_)) => a,
        _ => {
            return Err(ApiError(PortalError::invalid(
                "address",
                t!("server-api-address-object"),
            )))
        }
    };
    for (key, value) in a.as_object().into_iter().flatten() {
        if !ADDRESS_FIELDS.contains(&key.as_str()) {
            let name: String = key.chars().take(40).collect();
            return Err(ApiError(PortalError::invalid(
                &format!("address.{name}"),
                t!(
                    "server-api-address-unknown-field",
                    name = name.as_str(),
                    fields = ADDRESS_FIELDS.join(", ")
                ),
            )));
        }
        if !(value.is_string() || value.is_null()) {
            return Err(ApiError(PortalError::invalid(
                &format!("address.{key}"),
                t!(
                    "server-api-must-be-string",
                    field = format!("address.{key}")
                ),
            )));
        }
    }
    let f = |k: &str| {
        a.get(k)
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string()
    };
    Ok(Address {
        postcode: f("postcode"),
        prefecture: f("prefecture"),
        city: f("city"),
        line1: f("line1"),
        line2: f("line2"),
    })
}

pub(super) async fn signup(
    State(state): State<AppState>,
    parts: Parts,
    body: JsonBody,
) -> Result<Response, ApiError> {
    let body = object(
        body,
        &[
            "customerNumber",
            "email",
            "password",
            "name",
            "phone",
            "address",
        ],
    )?;
    let field = |k: &str, what: String| text_field(&body, k, &what).map(str::to_string);
    let form = SignUp {
        customer_number: field("customerNumber", t!("server-api-signup-customer-number"))?,
        email: field("email", t!("server-api-signup-email"))?,
        password: field("password", t!("server-api-signup-password"))?,
        name: field("name", t!("server-api-signup-name"))?,
        phone: field("phone", t!("server-api-signup-phone"))?,
        address: address(&body)?,
    };
    let session = state
        .ports
        .accounts
        .sign_up(&form, &Client::from_parts(&parts))
        .await?;
    let mut r = super::auth::session_answer(session, state.ports.secure_cookies);
    *r.status_mut() = StatusCode::CREATED;
    Ok(r)
}

pub(super) async fn profile(
    State(state): State<AppState>,
    Authed(c): Authed,
) -> Result<Json<Profile>, ApiError> {
    Ok(Json(state.ports.profiles.profile(&c).await?))
}

pub(super) async fn change_address(
    State(state): State<AppState>,
    Authed(c): Authed,
    body: JsonBody,
) -> Result<Json<Profile>, ApiError> {
    let body = object(body, &["address", "phone"])?;
    let phone = match body.get("phone") {
        None | Some(Value::Null) => None,
        Some(Value::String(p)) => Some(p.clone()),
        Some(_) => {
            return Err(ApiError(PortalError::invalid(
                "phone",
                t!("server-api-must-be-string", field = "phone"),
            )))
        }
    };
    let change = AddressChange {
        address: address(&body)?,
        phone,
    };
    Ok(Json(state.ports.profiles.change_address(&c, change).await?))
}

pub(super) async fn payment_methods(
    State(state): State<AppState>,
    Authed(c): Authed,
) -> Result<Json<PaymentMethodsSummary>, ApiError> {
    Ok(Json(state.ports.profiles.payment_methods(&c).await?))
}

pub(super) async fn sso_link(
    State(state): State<AppState>,
    Authed(c): Authed,
) -> Result<Response, ApiError> {
    let url = state.ports.profiles.payment_methods_link(&c).await?;
    // A sign-in link: never kept by any cache on the way.
    Ok((
        [(axum::http::header::CACHE_CONTROL, "no-store")],
        Json(json!({ "url": url })),
    )
        .into_response())
}

/// `GET /api/billing/payment-methods/manage`: 303 to a fresh sign-in link into billing's
/// payment methods page (what the banner's and the account page's buttons open). A browser
/// that cannot be sent there goes back to the account page with a message.
pub(super) async fn manage_payment_methods(
    State(state): State<AppState>,
    Authed(c): Authed,
) -> Response {
    match state.ports.profiles.payment_methods_link(&c).await {
        Ok(url) => axum::response::Redirect::to(&url).into_response(),
        Err(e) => {
            tracing::warn!(error = %e, "could not open billing's payment methods");
            let to = format!("{}?billing_error=unavailable", app::routes::ACCOUNT);
            axum::response::Redirect::to(&to).into_response()
        }
    }
}
