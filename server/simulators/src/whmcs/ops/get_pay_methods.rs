//! GetPayMethods: the client's stored pay methods, a flat `paymethods` list: one Visa card on
//! Stripe, or an empty list when the client's card scenario is [`Card::Missing`].

use super::super::state::{Card, WhmcsState};
use super::super::{error, id_param, success, Params};
use axum::response::Response;
use serde_json::json;

pub(in super::super) fn run(s: &WhmcsState, p: &Params) -> Response {
    match id_param(p, "clientid").and_then(|id| s.client(id)) {
        None => error("Client Not Found"),
        Some(c) if c.card == Card::Missing => {
            success(json!({"clientid": c.id.to_string(), "paymethods": []}))
        }
        Some(c) => success(json!({"clientid": c.id.to_string(), "paymethods": [{
            "id": c.id * 10 + 1, "type": "RemoteCreditCard", "description": "Visa ending 4242",
            "gateway_name": "stripe", "contact_type": "Client", "contact_id": c.id,
            "card_last_four": "4242", "expiry_date": "12/29", "card_type": "Visa",
        }]})),
    }
}
