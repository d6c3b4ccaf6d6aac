//! Every request gets an id of the portal's own making: it is in the `X-Request-Id` response
//! header, in every log line written while the request runs (a tracing span), and in the
//! body of every REST error, so a customer quoting it leads support straight to the logs.
//!
//! An id sent by the client is replaced, never trusted: it would let anyone forge log
//! entries' ids. The API's own errors put the id in their body themselves ([`current`]) and
//! mark the response [`Shaped`]; any other REST error (axum's rejections of a malformed path
//! or body, 405, 413, a panic) is replaced by the API's one error shape
//! `{"code", "message", "requestId"}` with a plain message, so no parser or framework text
//! reaches a client.

use axum::body::Body;
use axum::extract::Request;
use axum::http::{header, HeaderName, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde_json::json;
use tracing::Instrument;

pub const HEADER: HeaderName = HeaderName::from_static("x-request-id");

tokio::task_local! {
    static REQUEST_ID: String;
}

/// The id of the request being handled, when called from inside one (REST handlers and
/// server functions run in the request's task); for the audit trail.
pub fn current() -> Option<String> {
    REQUEST_ID.try_with(Clone::clone).ok()
}

/// Marks a response whose error body the API shaped itself (with the request id).
#[derive(Clone, Copy)]
pub struct Shaped;

fn new_id() -> String {
    hex::encode(rand::random::<[u8; 8]>())
}

pub async fn tag(mut req: Request, next: Next) -> Response {
    // The simulators mounted under /_sim stand for other systems: they see the headers the
    // portal's clients sent them (the caller's correlation id included), untouched.
    if req.uri().path().starts_with("/_sim/") {
        return next.run(req).await;
    }
    let id = new_id();
    let value = HeaderValue::from_str(&id).unwrap_or(HeaderValue::from_static("-"));
    req.headers_mut().insert(HEADER, value.clone());
    let path = req.uri().path();
    let rest = path.starts_with("/api/") && !path.starts_with("/api/fn/");
    let span = tracing::info_span!("request", id = %id, method = %req.method(), path = %path);
    let res = REQUEST_ID
        .scope(id.clone(), next.run(req).instrument(span))
        .await;
    let mut res = if rest && (res.status().is_client_error() || res.status().is_server_error()) {
        api_error(res, &id)
    } else {
        res
    };
    res.headers_mut().insert(HEADER, value);
    res
}

/// The message for an error status the handlers did not explain.
fn plain(status: StatusCode) -> (&'static str, &'static str) {
    match status {
        StatusCode::NOT_FOUND => ("not_found", "There is nothing at this address."),
        StatusCode::METHOD_NOT_ALLOWED => (
            "method_not_allowed",
            "This address does not accept that method.",
        ),
        StatusCode::PAYLOAD_TOO_LARGE => ("too_large", "The request body is too large."),
        StatusCode::UNSUPPORTED_MEDIA_TYPE => (
            "unsupported_media_type",
            "Send the body as JSON (Content-Type: application/json).",
        ),
        s if s.is_client_error() => ("bad_request", "The request could not be read."),
        _ => (
            "internal",
            "Something went wrong on our side. Please try again later.",
        ),
    }
}

fn api_error(res: Response, id: &str) -> Response {
    if res.extensions().get::<Shaped>().is_some() {
        return res;
    }
    let (parts, _) = res.into_parts();
    let (code, message) = plain(parts.status);
    let mut replaced = (
        parts.status,
        axum::Json(json!({"code": code, "message": message, "requestId": id})),
    )
        .into_response();
    for (name, value) in parts.headers.iter() {
        if name != header::CONTENT_TYPE && name != header::CONTENT_LENGTH {
            replaced.headers_mut().append(name.clone(), value.clone());
        }
    }
    replaced
}

/// A panicking handler answers 500 with no trace of the panic; the log has it.
pub fn panic_response(err: Box<dyn std::any::Any + Send + 'static>) -> Response<Body> {
    let what = err
        .downcast_ref::<String>()
        .map(String::as_str)
        .or_else(|| err.downcast_ref::<&str>().copied())
        .unwrap_or("(no message)");
    tracing::error!(panic = what, "a handler panicked");
    StatusCode::INTERNAL_SERVER_ERROR.into_response()
}
