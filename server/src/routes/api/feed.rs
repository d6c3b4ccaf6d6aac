//! `GET /api/feed/usage`: the personal usage feed, opened by a feed token (`Authorization:
//! Bearer snxfeed_…`) and nothing else; and the usage history as CSV for the SIM page.

use super::*;
use app::domain::feed::{usage_csv, FeedError, FeedSim, UsageFeed};
use axum::http::header::{CACHE_CONTROL, CONTENT_DISPOSITION, CONTENT_TYPE, WWW_AUTHENTICATE};

fn bearer(headers: &HeaderMap) -> Option<&str> {
    let value = headers
        .get(axum::http::header::AUTHORIZATION)?
        .to_str()
        .ok()?;
    let (scheme, token) = value.split_once(' ')?;
    scheme.eq_ignore_ascii_case("bearer").then(|| token.trim())
}

fn unauthorized() -> Response {
    let mut r = ApiError(PortalError::Unauthorized).into_response();
    r.headers_mut().insert(
        WWW_AUTHENTICATE,
        axum::http::HeaderValue::from_static("Bearer"),
    );
    r
}

pub(super) async fn usage(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let Some(token) = bearer(&headers) else {
        return unauthorized();
    };
    let customer = match state.ports.feed.feed_reader(token).await {
        Ok(Some(c)) => c,
        Ok(None) => return unauthorized(),
        Err(e) => return ApiError(e).into_response(),
    };
    let sims = &state.ports.sims;
    let subscriptions = match sims.subscriptions(&customer).await {
        Ok(s) => s,
        Err(e) => return ApiError(e).into_response(),
    };
    // Each SIM's figures through the usage cache (one minute), so polling the feed costs the
    // carrier at most one read per SIM a minute; one SIM the carrier cannot answer for does
    // not hide the others.
    let mut out = Vec::new();
    for s in subscriptions.iter().filter(|s| s.msisdn.is_some()) {
        let usage = sims.usage(&customer, s.id).await;
        out.push(FeedSim {
            subscription_id: s.id.0,
            msisdn: s.msisdn.clone(),
            product_name: s.product_name.clone(),
            error: usage.as_ref().err().map(|e| FeedError {
                code: e.code().to_string(),
                message: e.to_string(),
            }),
            usage: usage.ok(),
        });
    }
    let feed = UsageFeed {
        generated_at: app::domain::dates::jst_iso(crate::store::now()),
        sims: out,
    };
    let mut r = Json(feed).into_response();
    r.headers_mut().insert(
        CACHE_CONTROL,
        axum::http::HeaderValue::from_static("no-store"),
    );
    r
}

/// `GET /api/subscriptions/{id}/sim/usage.csv` (session cookie or bearer, like the rest).
pub(super) async fn usage_csv_file(
    State(state): State<AppState>,
    Authed(customer): Authed,
    SimId(id): SimId,
) -> Result<Response, ApiError> {
    let report = state.ports.sims.usage(&customer, id).await?;
    let name = format!(
        "attachment; filename=\"usage-{}-{}.csv\"",
        id.0, report.today
    );
    let mut r = usage_csv(&report).into_response();
    let h = r.headers_mut();
    h.insert(
        CONTENT_TYPE,
        axum::http::HeaderValue::from_static("text/csv; charset=utf-8"),
    );
    h.insert(
        CACHE_CONTROL,
        axum::http::HeaderValue::from_static("no-store"),
    );
    if let Ok(v) = axum::http::HeaderValue::from_str(&name) {
        h.insert(CONTENT_DISPOSITION, v);
    }
    Ok(r)
}
