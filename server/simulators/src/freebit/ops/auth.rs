//! PA01-01 `/authOem/`: `oemId` + `oemKey` in, a reusable `authKey` out (contract A2). Keys
//! stay valid until the control endpoint expires them all.

use super::super::state::SimState;
use super::super::wire::{status, RESULT_AUTH};
use super::{fail, ok, str_field};
use crate::demo::{FREEBIT_OEM_ID, FREEBIT_OEM_KEY};
use axum::response::Response;
use serde_json::{json, Map, Value};

pub(in super::super) fn run(s: &mut SimState, req: &Map<String, Value>) -> Response {
    if str_field(req, "oemId") == Some(FREEBIT_OEM_ID)
        && str_field(req, "oemKey") == Some(FREEBIT_OEM_KEY)
    {
        let key = format!("{:032x}", rand::random::<u128>());
        s.auth_keys.insert(key.clone());
        ok(json!({ "authKey": key }))
    } else {
        fail(
            RESULT_AUTH,
            status::UNAUTHORIZED,
            "oemId or oemKey is invalid",
        )
    }
}
