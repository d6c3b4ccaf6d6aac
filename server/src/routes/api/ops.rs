//! The console's JSON API (seed 003 §7, issue 11): `/api/ops/…`, with the same services and
//! role checks as the console's pages. Staff log in with `POST /api/ops/auth/login`
//! (`{email,password}`) and send the session cookie or `Authorization: Bearer <token>`; a
//! customer's session is never a staff session.

use super::input::{object, JsonBody};
use super::*;
use app::console::port::{staff_cookie, staff_token, Source};
use app::domain::console::{rejected_csv, Bucket, OperationInput, SimFilter, Staff};
use app::domain::inventory::Operation;
use app::t;
use axum::body::Bytes;
use std::collections::HashMap;

/// The largest import file (about 200,000 rows).
pub const MAX_IMPORT_BYTES: usize = 16 * 1024 * 1024;
pub const IMPORTS_PATH: &str = "/api/ops/imports";

/// The logged-in staff member; 401 otherwise.
pub struct StaffAuthed(pub Staff);

impl FromRequestParts<AppState> for StaffAuthed {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let token = staff_token(&parts.headers, state.ports.secure_cookies)
            .ok_or(PortalError::Unauthorized)?;
        let staff = state
            .ports
            .console
            .staff_for_session(&token)
            .await?
            .ok_or(PortalError::Unauthorized)?;
        Ok(StaffAuthed(staff))
    }
}

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/ops/auth/login", post(login))
        .route("/api/ops/auth/logout", post(logout))
        .route("/api/ops/me", get(me))
        .route("/api/ops/sim-cards", get(sims))
        .route("/api/ops/sim-cards/{id}", get(sim))
        .route("/api/ops/sim-cards/{id}/reveal", post(reveal))
        .route("/api/ops/sim-cards/{id}/{op}", post(operate))
        .route("/api/ops/stats/sim-by-status", get(by_status))
        .route("/api/ops/stats/activations-over-time", get(activations))
        .route("/api/ops/stats/sim-by-tariff", get(by_tariff))
}

/// The import route, served under its own (larger) body limit.
pub fn import_router() -> Router<AppState> {
    Router::new()
        .route(IMPORTS_PATH, post(import))
        .layer(axum::extract::DefaultBodyLimit::max(MAX_IMPORT_BYTES))
}

async fn login(
    State(state): State<AppState>,
    parts: Parts,
    body: JsonBody,
) -> Result<Response, ApiError> {
    let body = object(body, &["email", "password"])?;
    let field = |k: &str| {
        body.get(k)
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string()
    };
    let session = state
        .ports
        .console
        .login(
            &field("email"),
            &field("password"),
            &Client::from_parts(&parts),
        )
        .await?;
    let cookie = staff_cookie(
        &session.token,
        session.max_age_secs,
        state.ports.secure_cookies,
    );
    let body = json!({
        "staff": session.staff,
        "token": session.token,
        "tokenType": "Bearer",
        "expiresIn": session.max_age_secs,
    });
    Ok(([(SET_COOKIE, cookie)], Json(body)).into_response())
}

async fn logout(State(state): State<AppState>, headers: HeaderMap) -> Result<Response, ApiError> {
    if let Some(token) = staff_token(&headers, state.ports.secure_cookies) {
        state.ports.console.logout(&token).await?;
    }
    let cookie = staff_cookie("", 0, state.ports.secure_cookies);
    Ok(([(SET_COOKIE, cookie)], StatusCode::NO_CONTENT).into_response())
}

async fn me(StaffAuthed(staff): StaffAuthed) -> Json<Staff> {
    Json(staff)
}

/// A path id: anything but a positive integer is 404 (as for an unknown SIM).
fn sim_id(raw: &str) -> Result<i64, ApiError> {
    raw.parse::<i64>()
        .ok()
        .filter(|id| *id > 0)
        .ok_or_else(|| ApiError(PortalError::NoSuch(t!("console-no-such-sim"))))
}

async fn sims(
    State(state): State<AppState>,
    StaffAuthed(staff): StaffAuthed,
    Query(q): Query<HashMap<String, String>>,
) -> Result<Response, ApiError> {
    const KNOWN: [&str; 8] = [
        "status", "type", "customer", "tariff", "q", "page", "perPage", "sort",
    ];
    if let Some(k) = q.keys().find(|k| !KNOWN.contains(&k.as_str())) {
        let k: String = k.chars().take(40).collect();
        return Err(ApiError(PortalError::invalid(
            &k,
            t!(
                "console-unknown-param",
                name = k.clone(),
                known = KNOWN.join(", ")
            ),
        )));
    }
    let filter = SimFilter::from_query(|k| q.get(k).cloned())?;
    Ok(Json(state.ports.console.sims(&staff, &filter).await?).into_response())
}

async fn sim(
    State(state): State<AppState>,
    StaffAuthed(staff): StaffAuthed,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let found = state.ports.console.sim(&staff, sim_id(&id)?).await?;
    Ok(Json(json!({"sim": found.sim, "events": found.events})).into_response())
}

async fn operate(
    State(state): State<AppState>,
    StaffAuthed(staff): StaffAuthed,
    Path((id, op)): Path<(String, String)>,
    body: Option<Json<Value>>,
) -> Result<Response, ApiError> {
    let id = sim_id(&id)?;
    let op = Operation::parse(&op).ok_or_else(|| {
        ApiError(PortalError::NoSuch(t!(
            "console-no-such-operation-named",
            op = op.chars().take(40).collect::<String>(),
            known = Operation::ALL
                .iter()
                .map(|o| o.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        )))
    })?;
    let input = match body {
        None => OperationInput::default(),
        Some(b) => {
            let v = object(
                Ok(b),
                &[
                    "reason",
                    "customerId",
                    "activationCode",
                    "tariffId",
                    "newIccid",
                    "expectedVersion",
                ],
            )?;
            serde_json::from_value::<OperationInput>(v).map_err(|e| {
                ApiError(PortalError::BadRequest(t!(
                    "console-body-wrong-types",
                    detail = e.to_string().chars().take(120).collect::<String>()
                )))
            })?
        }
    };
    let done = state
        .ports
        .console
        .operate(&staff, id, op, &input, Source::Api)
        .await?;
    Ok(Json(done).into_response())
}

async fn reveal(
    State(state): State<AppState>,
    StaffAuthed(staff): StaffAuthed,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let codes = state
        .ports
        .console
        .reveal(&staff, sim_id(&id)?, Source::Api)
        .await?;
    Ok((
        [(axum::http::header::CACHE_CONTROL, "no-store")],
        Json(codes),
    )
        .into_response())
}

async fn by_status(
    State(state): State<AppState>,
    StaffAuthed(staff): StaffAuthed,
) -> Result<Response, ApiError> {
    Ok(Json(state.ports.console.by_status(&staff).await?).into_response())
}

async fn by_tariff(
    State(state): State<AppState>,
    StaffAuthed(staff): StaffAuthed,
) -> Result<Response, ApiError> {
    Ok(Json(state.ports.console.by_tariff(&staff).await?).into_response())
}

/// `?from=YYYY-MM-DD&to=YYYY-MM-DD[&bucket=day|week|month]` (JST days; default the last 30).
async fn activations(
    State(state): State<AppState>,
    StaffAuthed(staff): StaffAuthed,
    Query(q): Query<HashMap<String, String>>,
) -> Result<Response, ApiError> {
    let date = |k: &str| -> Result<Option<chrono::NaiveDate>, ApiError> {
        q.get(k)
            .filter(|v| !v.is_empty())
            .map(|v| {
                chrono::NaiveDate::parse_from_str(v, "%Y-%m-%d").map_err(|_| {
                    ApiError(PortalError::invalid(
                        k,
                        t!("console-param-date", name = k.to_string()),
                    ))
                })
            })
            .transpose()
    };
    let today = (chrono::Utc::now() + chrono::Duration::hours(9)).date_naive();
    let to = date("to")?.unwrap_or(today);
    let from = date("from")?.unwrap_or(to - chrono::Duration::days(29));
    let bucket = match q.get("bucket") {
        None => Bucket::Day,
        Some(b) => Bucket::parse(b).ok_or_else(|| {
            ApiError(PortalError::invalid("bucket", t!("console-bucket-invalid")))
        })?,
    };
    let days = state.ports.console.activations(&staff, from, to).await?;
    Ok(Json(app::domain::console::regroup(&days, bucket)).into_response())
}

/// `POST /api/ops/imports?dryRun=true` (each row's verdict, nothing written) or without
/// `dryRun` (the import); the body is the CSV (`text/csv`). `&rejected=csv` on a dry run
/// answers the rejected rows as CSV with the reason per row.
async fn import(
    State(state): State<AppState>,
    StaffAuthed(staff): StaffAuthed,
    Query(q): Query<HashMap<String, String>>,
    headers: HeaderMap,
    body: Result<Bytes, axum::extract::rejection::BytesRejection>,
) -> Result<Response, ApiError> {
    let body = body.map_err(|e| {
        if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
            ApiError(PortalError::TooLarge)
        } else {
            ApiError(PortalError::BadRequest(t!(
                "console-import-body-unreadable"
            )))
        }
    })?;
    let content_type = headers
        .get(axum::http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    if !content_type.starts_with("text/csv") && !content_type.starts_with("text/plain") {
        return Err(ApiError(PortalError::BadRequest(t!(
            "console-import-content-type"
        ))));
    }
    let dry_run = match q.get("dryRun").map(String::as_str) {
        None | Some("false") => false,
        Some("true") => true,
        Some(_) => {
            return Err(ApiError(PortalError::invalid(
                "dryRun",
                t!("console-dry-run-invalid"),
            )))
        }
    };
    if dry_run {
        let preview = state.ports.console.import_preview(&staff, &body).await?;
        if q.get("rejected").map(String::as_str) == Some("csv") {
            return Ok((
                [
                    (axum::http::header::CONTENT_TYPE, "text/csv; charset=utf-8"),
                    (
                        axum::http::header::CONTENT_DISPOSITION,
                        "attachment; filename=\"rejected-rows.csv\"",
                    ),
                ],
                rejected_csv(&preview.rows),
            )
                .into_response());
        }
        return Ok(Json(preview).into_response());
    }
    let file_name = q.get("fileName").map(String::as_str);
    let result = state
        .ports
        .console
        .import_commit(&staff, &body, file_name)
        .await?;
    Ok((StatusCode::CREATED, Json(result)).into_response())
}
