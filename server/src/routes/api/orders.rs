//! Catalog and orders (seed 004 phases 3–4): `GET /api/catalog` (what anyone may order),
//! `GET /api/catalog/personalized` (with the account's eligibility), `POST /api/orders`
//! (`{"sku", "options": {…}, "addOns": […]}`; idempotent on the cart: the same open order
//! for a repeat), `GET /api/orders`, `GET /api/orders/{id}` (another customer's is 404).

use super::input::{object, text_field};
use super::*;
use app::domain::catalog::{Cart, CatalogView};
use app::domain::orders::OrderView;
use std::collections::BTreeMap;

pub(super) async fn catalog(State(state): State<AppState>) -> Result<Json<CatalogView>, ApiError> {
    Ok(Json(state.ports.shop.catalog().await?))
}

pub(super) async fn personalized(
    State(state): State<AppState>,
    Authed(c): Authed,
) -> Result<Json<CatalogView>, ApiError> {
    Ok(Json(state.ports.shop.personalized(&c).await?))
}

/// The cart in a body: `sku`, `options` (an object of strings), `addOns` (an array of SKUs).
fn cart(body: &Value) -> Result<Cart, ApiError> {
    let sku = text_field(body, "sku", &t!("server-api-order-sku"))?.to_string();
    let mut options = BTreeMap::new();
    match body.get("options") {
        None | Some(Value::Null) => {}
        Some(Value::Object(m)) => {
            for (k, v) in m {
                let Some(v) = v.as_str().filter(|v| v.chars().count() <= 256) else {
                    return Err(ApiError(PortalError::invalid(
                        k,
                        t!("server-api-must-be-short-string", field = k.as_str()),
                    )));
                };
                options.insert(k.clone(), v.to_string());
            }
        }
        Some(_) => {
            return Err(ApiError(PortalError::invalid(
                "options",
                t!("server-api-order-options"),
            )))
        }
    }
    let add_ons = match body.get("addOns") {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(a)) if a.len() <= 20 => a
            .iter()
            .map(|v| v.as_str().map(str::to_string))
            .collect::<Option<Vec<_>>>()
            .ok_or_else(|| {
                ApiError(PortalError::invalid(
                    "addOns",
                    t!("server-api-order-add-ons"),
                ))
            })?,
        Some(_) => {
            return Err(ApiError(PortalError::invalid(
                "addOns",
                t!("server-api-order-add-ons"),
            )))
        }
    };
    Ok(Cart {
        sku,
        options,
        add_ons,
    })
}

pub(super) async fn place(
    State(state): State<AppState>,
    Authed(c): Authed,
    body: Result<Json<Value>, axum::extract::rejection::JsonRejection>,
) -> Result<(StatusCode, Json<OrderView>), ApiError> {
    let body = object(body, &["sku", "options", "addOns"])?;
    let order = state.ports.shop.checkout(&c, cart(&body)?).await?;
    Ok((StatusCode::CREATED, Json(order)))
}

pub(super) async fn orders(
    State(state): State<AppState>,
    Authed(c): Authed,
) -> Result<Json<Vec<OrderView>>, ApiError> {
    Ok(Json(state.ports.shop.orders(&c).await?))
}

pub(super) async fn order(
    State(state): State<AppState>,
    Authed(c): Authed,
    Path(id): Path<String>,
) -> Result<Json<OrderView>, ApiError> {
    Ok(Json(state.ports.shop.order(&c, &id).await?))
}
