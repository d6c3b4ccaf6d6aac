//! Server-function arguments are checked by name before Leptos decodes them: an unknown
//! field is a 400 naming it, as on the REST API, instead of being silently ignored (a misspelt
//! `change[voicemail]` would otherwise be a no-op that looks like success).
//!
//! The names are not written down here: they are read from each function's generated
//! argument type (its `Deserialize` lists them; `serde_introspect`), so they cannot drift
//! from the functions. `every_server_function_is_listed` fails when a new function is
//! missing from [`ARGS`], and a registered function missing at run time is refused (500).
//!
//! Errors of server functions also get their real status here: Leptos answers every error
//! that happens before the function body (an argument that does not parse) with 500, though
//! the error it carries says 400.

use app::api;
use app::console::api as ops;
use app::console::api_records as records;
use app::domain::{FeatureChange, PortalError};
use axum::body::Body;
use axum::extract::Request;
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use leptos::server_fn::error::{FromServerFnError, SERVER_FN_ERROR_HEADER};
use leptos::server_fn::ServerFn;
use serde::Deserialize;
use serde_aux::serde_introspection::serde_introspect;
use std::collections::HashMap;
use std::sync::LazyLock;

/// The accepted argument names of one server function.
struct Args {
    names: &'static [&'static str],
    /// An argument that is a struct, sent as `arg[field]=…`, and its fields.
    nested: Option<(&'static str, &'static [&'static str])>,
}

fn args<T: ServerFn + for<'de> Deserialize<'de>>() -> (&'static str, Args) {
    (
        T::PATH,
        Args {
            names: serde_introspect::<T>(),
            nested: None,
        },
    )
}

static ARGS: LazyLock<HashMap<&'static str, Args>> = LazyLock::new(|| {
    let mut features = args::<api::SetSimFeatures>();
    features.1.nested = Some(("change", serde_introspect::<FeatureChange>()));
    let mut checkout = args::<api::Checkout>();
    checkout.1.nested = Some(("cart", serde_introspect::<app::domain::catalog::Cart>()));
    HashMap::from([
        args::<api::GetStorePlans>(),
        args::<api::GetFeaturedPlans>(),
        args::<api::GetStorePlan>(),
        args::<api::GetDestinations>(),
        args::<api::Login>(),
        args::<api::Logout>(),
        args::<api::CurrentCustomer>(),
        args::<api::GetDemoLogins>(),
        args::<api::LinkAccount>(),
        args::<api::PasswordResetOffered>(),
        args::<api::RequestPasswordReset>(),
        args::<api::ResetPassword>(),
        args::<api::ListSessions>(),
        args::<api::EndSession>(),
        args::<api::LogoutEverywhere>(),
        args::<api::ListInvoices>(),
        args::<api::TopUpSim>(),
        args::<api::GetTopUpHistory>(),
        args::<api::ListSubscriptions>(),
        args::<api::GetSubscription>(),
        args::<api::GetSimDetails>(),
        args::<api::GetSimOverview>(),
        args::<api::GetSimUsage>(),
        args::<api::GetSimTimeline>(),
        args::<api::GetUsageAlerts>(),
        args::<api::AddUsageAlert>(),
        args::<api::RemoveUsageAlert>(),
        args::<api::ListTrips>(),
        args::<api::ScheduleTrip>(),
        args::<api::CancelTrip>(),
        args::<api::ListFeedTokens>(),
        args::<api::CreateFeedToken>(),
        args::<api::RevokeFeedToken>(),
        args::<api::ChangePlan>(),
        args::<api::CancelPlanChange>(),
        features,
        args::<api::CancelSim>(),
        args::<api::ReissueEsim>(),
        args::<api::SignUpCustomer>(),
        args::<api::DemoCustomerNumbers>(),
        args::<api::GetProfile>(),
        args::<api::ChangeAddress>(),
        args::<api::GetPaymentMethods>(),
        args::<api::PaymentMethodsLink>(),
        args::<api::ListCases>(),
        args::<api::GetCase>(),
        args::<api::OpenCase>(),
        args::<api::AddCaseComment>(),
        args::<api::GetCatalog>(),
        checkout,
        args::<api::ListOrders>(),
        args::<api::GetOrder>(),
        args::<ops::OpsLogin>(),
        args::<ops::OpsLogout>(),
        args::<ops::CurrentStaff>(),
        args::<ops::OpsDemoStaff>(),
        args::<ops::OpsSims>(),
        args::<ops::OpsSim>(),
        args::<ops::OpsOperate>(),
        args::<ops::OpsReveal>(),
        args::<ops::OpsDashboard>(),
        args::<ops::OpsTariffs>(),
        args::<api::BuyEsim>(),
        args::<api::TopUpEsim>(),
        args::<api::GetStoreOrder>(),
        args::<api::ListStoreOrders>(),
        args::<api::ListMyEsims>(),
        args::<api::GetEsimInstall>(),
        args::<api::SuspendEsim>(),
        args::<records::OpsStorePlans>(),
        args::<records::OpsSetFeatured>(),
        args::<records::OpsCustomers>(),
        args::<records::OpsCustomer>(),
        args::<records::OpsSaveCustomer>(),
        args::<records::OpsAssign>(),
        args::<records::OpsCodes>(),
        args::<records::OpsMarkCode>(),
        args::<records::OpsTariffPlans>(),
        args::<records::OpsSaveTariff>(),
        args::<records::OpsDeleteTariff>(),
        args::<records::OpsBulkPreview>(),
        args::<records::OpsBulkApply>(),
        args::<records::OpsStaffUsers>(),
        args::<records::OpsAddStaff>(),
        args::<records::OpsUpdateStaff>(),
    ])
});

/// The first field of a form body that the function does not take.
fn unknown_field(args: &Args, body: &[u8]) -> Option<PortalError> {
    for (key, _) in url::form_urlencoded::parse(body) {
        let (top, rest) = key.split_once('[').unwrap_or((&key, ""));
        let inner = rest.split(']').next().unwrap_or_default();
        let known = args.names.contains(&top)
            && match args.nested {
                Some((arg, fields)) if arg == top => fields.contains(&inner),
                _ => rest.is_empty(),
            };
        if !known {
            let name: String = key.chars().take(40).collect();
            return Some(PortalError::invalid(
                &name,
                super::api::unknown_field(&name, args.names),
            ));
        }
    }
    None
}

/// An error answered the way Leptos answers server-function errors.
fn server_fn_error(path: &str, e: &PortalError) -> Response {
    let mut r = (
        StatusCode::from_u16(e.status()).unwrap_or(StatusCode::BAD_REQUEST),
        e.ser(),
    )
        .into_response();
    let h = r.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    if let Ok(v) = HeaderValue::from_str(path) {
        h.insert(SERVER_FN_ERROR_HEADER, v);
    }
    r
}

pub async fn check(req: Request, next: Next) -> Response {
    let path = req.uri().path().to_string();
    if !path.starts_with("/api/fn/") {
        return next.run(req).await;
    }
    let Some(args) = ARGS.get(path.as_str()) else {
        if leptos::server_fn::axum::server_fn_paths().any(|(p, _)| p == path) {
            tracing::error!(path, "server function missing from the argument table");
            return server_fn_error(&path, &PortalError::Internal);
        }
        return next.run(req).await; // Leptos answers for paths that are no function
    };
    // Already read whole (and size-checked) by `body_limit`.
    let (parts, body) = req.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, crate::MAX_BODY_BYTES).await else {
        return StatusCode::PAYLOAD_TOO_LARGE.into_response();
    };
    if let Some(e) = unknown_field(args, &bytes) {
        return server_fn_error(&path, &e);
    }
    let response = next
        .run(Request::from_parts(parts, Body::from(bytes)))
        .await;
    with_error_status(response).await
}

/// A 500 that carries a non-500 `PortalError` gets that error's status.
async fn with_error_status(response: Response) -> Response {
    if response.status() != StatusCode::INTERNAL_SERVER_ERROR
        || !response.headers().contains_key(SERVER_FN_ERROR_HEADER)
    {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, crate::MAX_BODY_BYTES).await else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    if let Ok(e) = serde_json::from_slice::<PortalError>(&bytes) {
        if let Ok(status) = StatusCode::from_u16(e.status()) {
            parts.status = status;
        }
    }
    Response::from_parts(parts, Body::from(bytes))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn every_server_function_is_listed() {
        let registered: Vec<_> = leptos::server_fn::axum::server_fn_paths()
            .map(|(p, _)| p)
            .collect();
        assert!(registered.len() >= 25, "{registered:?}");
        for p in &registered {
            assert!(ARGS.contains_key(p), "{p} is not in ARGS");
        }
    }

    #[test]
    fn names_come_from_the_argument_types() {
        let top_up = &ARGS["/api/fn/top_up_sim"];
        assert!(top_up.names.contains(&"idempotency_key"));
        assert!(top_up.names.contains(&"quota_mb"));
        let login = &ARGS["/api/fn/login"];
        assert_eq!(login.names, ["email", "password"]);
        assert!(ARGS["/api/fn/logout"].names.is_empty());
    }

    #[test]
    fn unknown_and_misspelt_fields_are_named() {
        let login = &ARGS["/api/fn/login"];
        assert!(unknown_field(login, b"email=a%40b.jp&password=x").is_none());
        let e = unknown_field(login, b"email=a&password=x&admin=1").unwrap();
        assert!(
            matches!(&e, PortalError::Invalid { field, .. } if field == "admin"),
            "{e:?}"
        );
        assert!(
            unknown_field(login, b"email[x]=a").is_some(),
            "no nesting on plain args"
        );

        let features = &ARGS["/api/fn/set_sim_features"];
        assert!(unknown_field(features, b"id=1&change[voiceMail]=true").is_none());
        assert!(unknown_field(features, b"id=1&change%5BcallWaiting%5D=false").is_none());
        let e = unknown_field(features, b"id=1&change[voicemail]=true").unwrap();
        assert!(e.to_string().contains("change[voicemail]"), "{e}");
        assert!(unknown_field(&ARGS["/api/fn/logout"], b"x=1").is_some());
        assert!(unknown_field(&ARGS["/api/fn/logout"], b"").is_none());
    }
}
