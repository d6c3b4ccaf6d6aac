//! The console's JSON API for customers, activation codes, tariff plans and bulk changes
//! (issue 11); same services and role checks as the pages.

use super::input::{object, JsonBody};
use super::ops::StaffAuthed;
use super::*;
use app::console::port::Source;
use app::domain::console::{OperationInput, Role, SimFilter};
use app::domain::console_records::{CodeStatus, CustomerInput, Picked, TariffInput};
use app::domain::inventory::Operation;
use app::t;
use std::collections::HashMap;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/ops/customers", get(customers).post(create_customer))
        .route("/api/ops/customers/{id}", get(customer).put(edit_customer))
        .route("/api/ops/customers/{id}/assign", post(assign))
        .route("/api/ops/activation-codes", get(codes))
        .route("/api/ops/activation-codes/{id}/mark", post(mark_code))
        .route("/api/ops/tariff-plans", get(tariffs).post(create_tariff))
        .route(
            "/api/ops/tariff-plans/{id}",
            axum::routing::put(edit_tariff).delete(delete_tariff),
        )
        .route("/api/ops/sim-cards/bulk/{op}", post(bulk))
        .route("/api/ops/staff-users", get(staff_users).post(add_staff))
        .route(
            "/api/ops/staff-users/{id}",
            axum::routing::patch(update_staff),
        )
}

/// A path id; anything but a positive integer is 404 with `missing`'s text.
fn id_of(raw: &str, missing: fn() -> String) -> Result<i64, ApiError> {
    raw.parse::<i64>()
        .ok()
        .filter(|id| *id > 0)
        .ok_or_else(|| ApiError(PortalError::NoSuch(missing())))
}

fn no_customer() -> String {
    t!("console-no-such-customer")
}

fn no_tariff() -> String {
    t!("console-no-such-tariff")
}

fn page_of(q: &HashMap<String, String>) -> Result<u32, ApiError> {
    match q.get("page") {
        None => Ok(1),
        Some(p) => p
            .parse::<u32>()
            .ok()
            .filter(|p| (1..=10_000).contains(p))
            .ok_or_else(|| ApiError(PortalError::invalid("page", t!("console-page-range")))),
    }
}

async fn customers(
    State(state): State<AppState>,
    StaffAuthed(staff): StaffAuthed,
    Query(q): Query<HashMap<String, String>>,
) -> Result<Response, ApiError> {
    let page = page_of(&q)?;
    let found = state
        .ports
        .console
        .customers(&staff, q.get("q").map(String::as_str), page)
        .await?;
    Ok(Json(found).into_response())
}

async fn customer(
    State(state): State<AppState>,
    StaffAuthed(staff): StaffAuthed,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let id = id_of(&id, no_customer)?;
    Ok(Json(state.ports.console.customer(&staff, id).await?).into_response())
}

fn customer_input(body: JsonBody) -> Result<CustomerInput, ApiError> {
    let v = object(body, &["firstName", "lastName", "email", "phone"])?;
    let text = |k: &str| {
        v.get(k)
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string()
    };
    Ok(CustomerInput::parse(
        &text("firstName"),
        &text("lastName"),
        &text("email"),
        &text("phone"),
    )?)
}

async fn create_customer(
    State(state): State<AppState>,
    StaffAuthed(staff): StaffAuthed,
    body: JsonBody,
) -> Result<Response, ApiError> {
    staff.require(app::domain::console::Permission::Operate)?;
    let input = customer_input(body)?;
    let saved = state
        .ports
        .console
        .save_customer(&staff, None, &input, Source::Api)
        .await?;
    Ok((StatusCode::CREATED, Json(saved)).into_response())
}

async fn edit_customer(
    State(state): State<AppState>,
    StaffAuthed(staff): StaffAuthed,
    Path(id): Path<String>,
    body: JsonBody,
) -> Result<Response, ApiError> {
    staff.require(app::domain::console::Permission::Operate)?;
    let id = id_of(&id, no_customer)?;
    let input = customer_input(body)?;
    let saved = state
        .ports
        .console
        .save_customer(&staff, Some(id), &input, Source::Api)
        .await?;
    Ok(Json(saved).into_response())
}

async fn assign(
    State(state): State<AppState>,
    StaffAuthed(staff): StaffAuthed,
    Path(id): Path<String>,
    body: JsonBody,
) -> Result<Response, ApiError> {
    let id = id_of(&id, no_customer)?;
    let body = object(body, &["iccid"])?;
    let iccid = body
        .get("iccid")
        .and_then(Value::as_str)
        .unwrap_or_default();
    let done = state
        .ports
        .console
        .assign(&staff, id, iccid, Source::Api)
        .await?;
    Ok(Json(done).into_response())
}

async fn codes(
    State(state): State<AppState>,
    StaffAuthed(staff): StaffAuthed,
    Query(q): Query<HashMap<String, String>>,
) -> Result<Response, ApiError> {
    let status = match q.get("status").filter(|s| !s.is_empty()) {
        None => None,
        Some(s) => Some(CodeStatus::parse(s).ok_or_else(|| {
            ApiError(PortalError::invalid(
                "status",
                t!("console-code-status-invalid"),
            ))
        })?),
    };
    let page = page_of(&q)?;
    let found = state
        .ports
        .console
        .codes(&staff, status, q.get("q").map(String::as_str), page)
        .await?;
    Ok(Json(found).into_response())
}

async fn mark_code(
    State(state): State<AppState>,
    StaffAuthed(staff): StaffAuthed,
    Path(id): Path<String>,
    body: JsonBody,
) -> Result<Response, ApiError> {
    let id = id_of(&id, || t!("console-no-such-code"))?;
    let body = object(body, &["status"])?;
    let status = body
        .get("status")
        .and_then(Value::as_str)
        .and_then(CodeStatus::parse)
        .filter(|s| *s != CodeStatus::Unused)
        .ok_or_else(|| {
            ApiError(PortalError::invalid(
                "status",
                t!("console-code-mark-invalid"),
            ))
        })?;
    Ok(Json(
        state
            .ports
            .console
            .mark_code(&staff, id, status, Source::Api)
            .await?,
    )
    .into_response())
}

async fn tariffs(
    State(state): State<AppState>,
    StaffAuthed(staff): StaffAuthed,
) -> Result<Response, ApiError> {
    Ok(Json(state.ports.console.tariff_plans(&staff).await?).into_response())
}

fn tariff_input(body: JsonBody) -> Result<TariffInput, ApiError> {
    let v = object(body, &["name", "monthlyPriceYen", "description", "kind"])?;
    let text = |k: &str| {
        v.get(k)
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string()
    };
    let price = match v.get("monthlyPriceYen") {
        Some(Value::Number(n)) => n.to_string(),
        Some(Value::String(s)) => s.clone(),
        _ => String::new(),
    };
    Ok(TariffInput::parse(
        &text("name"),
        &price,
        &text("description"),
        &text("kind"),
    )?)
}

async fn create_tariff(
    State(state): State<AppState>,
    StaffAuthed(staff): StaffAuthed,
    body: JsonBody,
) -> Result<Response, ApiError> {
    // The role first: a viewer learns nothing from the validation of a form they may not send.
    staff.require(app::domain::console::Permission::Administer)?;
    let input = tariff_input(body)?;
    let plan = state
        .ports
        .console
        .save_tariff(&staff, None, &input, Source::Api)
        .await?;
    Ok((StatusCode::CREATED, Json(plan)).into_response())
}

async fn edit_tariff(
    State(state): State<AppState>,
    StaffAuthed(staff): StaffAuthed,
    Path(id): Path<String>,
    body: JsonBody,
) -> Result<Response, ApiError> {
    staff.require(app::domain::console::Permission::Administer)?;
    let id = id_of(&id, no_tariff)?;
    let input = tariff_input(body)?;
    Ok(Json(
        state
            .ports
            .console
            .save_tariff(&staff, Some(id), &input, Source::Api)
            .await?,
    )
    .into_response())
}

async fn delete_tariff(
    State(state): State<AppState>,
    StaffAuthed(staff): StaffAuthed,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let id = id_of(&id, no_tariff)?;
    state
        .ports
        .console
        .delete_tariff(&staff, id, Source::Api)
        .await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

/// `POST /api/ops/sim-cards/bulk/{op}?dryRun=true&status=…` (the list's filter): the preview.
/// Without `dryRun`: `{"items": [{"id", "version"}…], "reason"}` from a preview: the change.
async fn bulk(
    State(state): State<AppState>,
    StaffAuthed(staff): StaffAuthed,
    Path(op): Path<String>,
    Query(q): Query<HashMap<String, String>>,
    body: Option<Json<Value>>,
) -> Result<Response, ApiError> {
    let op = Operation::parse(&op)
        .ok_or_else(|| ApiError(PortalError::NoSuch(t!("console-no-such-operation"))))?;
    if q.get("dryRun").map(String::as_str) == Some("true") {
        let filter = SimFilter::from_query(|k| q.get(k).cloned())?;
        return Ok(Json(
            state
                .ports
                .console
                .bulk_preview(&staff, &filter, op)
                .await?,
        )
        .into_response());
    }
    let body = object(Ok(body.unwrap_or(Json(json!({})))), &["items", "reason"])?;
    let picked: Vec<Picked> =
        serde_json::from_value(body.get("items").cloned().unwrap_or(Value::Null))
            .map_err(|_| ApiError(PortalError::invalid("items", t!("console-bulk-items-list"))))?;
    let input = OperationInput {
        reason: body
            .get("reason")
            .and_then(Value::as_str)
            .map(str::to_string),
        ..OperationInput::default()
    };
    Ok(Json(
        state
            .ports
            .console
            .bulk_apply(&staff, &picked, op, &input, Source::Api)
            .await?,
    )
    .into_response())
}

async fn staff_users(
    State(state): State<AppState>,
    StaffAuthed(staff): StaffAuthed,
) -> Result<Response, ApiError> {
    Ok(Json(state.ports.console.staff_users(&staff).await?).into_response())
}

fn role_of(v: &Value) -> Result<Role, ApiError> {
    v.get("role")
        .and_then(Value::as_str)
        .and_then(Role::parse)
        .ok_or_else(|| ApiError(PortalError::invalid("role", t!("console-role-invalid"))))
}

/// `{email, role, password}` → 201 with the new login (admin).
async fn add_staff(
    State(state): State<AppState>,
    StaffAuthed(staff): StaffAuthed,
    body: JsonBody,
) -> Result<Response, ApiError> {
    staff.require(app::domain::console::Permission::Administer)?;
    let v = object(body, &["email", "role", "password"])?;
    let role = role_of(&v)?;
    let text = |k: &str| {
        v.get(k)
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string()
    };
    let user = state
        .ports
        .console
        .add_staff(&staff, &text("email"), role, &text("password"), Source::Api)
        .await?;
    Ok((StatusCode::CREATED, Json(user)).into_response())
}

/// `{role, disabled}` (admin).
async fn update_staff(
    State(state): State<AppState>,
    StaffAuthed(staff): StaffAuthed,
    Path(id): Path<String>,
    body: JsonBody,
) -> Result<Response, ApiError> {
    staff.require(app::domain::console::Permission::Administer)?;
    let id = id_of(&id, || t!("console-no-such-staff"))?;
    let v = object(body, &["role", "disabled"])?;
    let role = role_of(&v)?;
    let disabled = super::input::bool_field(&v, "disabled")?.unwrap_or(false);
    Ok(Json(
        state
            .ports
            .console
            .update_staff(&staff, id, role, disabled, Source::Api)
            .await?,
    )
    .into_response())
}
