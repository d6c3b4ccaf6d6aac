//! GetPaymentMethods: the installation's gateways, wrapped as `paymentmethods.paymentmethod[]`.

use super::super::success;
use axum::response::Response;
use serde_json::json;

pub(in super::super) fn run() -> Response {
    success(
        json!({"totalresults": 2, "paymentmethods": {"paymentmethod": [
            {"module": "stripe", "displayname": "Credit Card"},
            {"module": "banktransfer", "displayname": "Bank Transfer"},
        ]}}),
    )
}
