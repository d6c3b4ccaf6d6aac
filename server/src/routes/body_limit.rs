//! Server-function bodies are read whole, within the body limit, before Leptos sees them.
//!
//! `RequestBodyLimitLayer` refuses a body whose `Content-Length` is too large up front, and
//! cuts off a chunked one as it streams; the REST handlers turn that cut into 413, but Leptos
//! reports any body error as a failed server function (500). Reading the (always small)
//! server-function bodies here makes an oversized one a 413 everywhere.

use axum::body::Body;
use axum::extract::Request;
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

pub async fn buffer_server_fn_bodies(req: Request, next: Next) -> Response {
    if !req.uri().path().starts_with("/api/fn/") {
        return next.run(req).await;
    }
    let (parts, body) = req.into_parts();
    match axum::body::to_bytes(body, crate::MAX_BODY_BYTES).await {
        Ok(bytes) => {
            next.run(Request::from_parts(parts, Body::from(bytes)))
                .await
        }
        Err(_) => StatusCode::PAYLOAD_TOO_LARGE.into_response(),
    }
}
