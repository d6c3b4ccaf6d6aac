//! Refuses cross-site writes, one middleware for REST, server functions and whatever comes
//! later (GraphQL): a state-changing request (anything but GET/HEAD/OPTIONS) is refused with
//! 403 when the browser says it comes from another site (`Sec-Fetch-Site: cross-site`) or
//! when its `Origin` is not this portal's own host. SameSite=Lax cookies alone leave login
//! CSRF and forced logout open through form-encoded posts; this closes them.
//!
//! Requests without either header (API clients, curl) are let through: they carry no ambient
//! browser credentials an attacker could borrow.

use super::api::ApiError;
use app::domain::PortalError;
use axum::extract::Request;
use axum::http::{header, HeaderMap, Method};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

pub async fn refuse_cross_site(req: Request, next: Next) -> Response {
    if is_cross_site(
        req.method(),
        req.headers(),
        req.uri().authority().map(|a| a.as_str()),
    ) {
        tracing::warn!(
            method = %req.method(),
            path = %req.uri().path(),
            origin = ?req.headers().get(header::ORIGIN),
            "cross-site request refused"
        );
        return ApiError(PortalError::Forbidden(app::t!("server-csrf-refused"))).into_response();
    }
    next.run(req).await
}

/// `authority` is the request's own host (HTTP/2's `:authority`); HTTP/1.1 sends `Host`.
fn is_cross_site(method: &Method, h: &HeaderMap, authority: Option<&str>) -> bool {
    if matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS) {
        return false;
    }
    let site = h.get("sec-fetch-site").and_then(|v| v.to_str().ok());
    if site.is_some_and(|s| s.eq_ignore_ascii_case("cross-site")) {
        return true;
    }
    let Some(origin) = h.get(header::ORIGIN) else {
        return false;
    };
    let own = h
        .get(header::HOST)
        .and_then(|v| v.to_str().ok())
        .or(authority);
    let origin_host = origin
        .to_str()
        .ok()
        .and_then(|o| url::Url::parse(o).ok())
        .and_then(|u| {
            let host = u.host_str()?.to_string();
            Some(match u.port() {
                Some(p) => format!("{host}:{p}"),
                None => host,
            })
        });
    // `Origin: null` (sandboxed frames, some redirects) never matches.
    match (origin_host, own) {
        (Some(o), Some(own)) => !o.eq_ignore_ascii_case(own),
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.insert(*k, v.parse().unwrap());
        }
        h
    }

    #[test]
    fn only_foreign_writes_are_refused() {
        let own = [("host", "portal.example")];
        let post = Method::POST;
        assert!(
            !is_cross_site(&post, &headers(&own), None),
            "API clients send no Origin"
        );
        assert!(!is_cross_site(
            &post,
            &headers(&[
                ("host", "portal.example"),
                ("origin", "https://portal.example")
            ]),
            None
        ));
        assert!(!is_cross_site(
            &post,
            &headers(&[
                ("host", "127.0.0.1:3000"),
                ("origin", "http://127.0.0.1:3000")
            ]),
            None
        ));
        assert!(is_cross_site(
            &post,
            &headers(&[
                ("host", "portal.example"),
                ("origin", "https://evil.example")
            ]),
            None
        ));
        assert!(is_cross_site(
            &post,
            &headers(&[("host", "portal.example"), ("origin", "null")]),
            None
        ));
        assert!(is_cross_site(
            &post,
            &headers(&[("host", "portal.example"), ("sec-fetch-site", "cross-site")]),
            None
        ));
        assert!(!is_cross_site(
            &Method::GET,
            &headers(&[
                ("host", "portal.example"),
                ("origin", "https://evil.example")
            ]),
            None
        ));
        // HTTP/2: no Host header, the authority says who we are.
        assert!(!is_cross_site(
            &post,
            &headers(&[("origin", "https://portal.example")]),
            Some("portal.example")
        ));
    }
}
