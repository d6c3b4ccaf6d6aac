//! Security headers on every response (pages, REST, assets, errors): no MIME sniffing, no
//! framing (clickjacking), no full URLs leaked in `Referer`, no powerful browser features, and
//! HSTS whenever the portal is served over https (when its cookies are `Secure`).
//!
//! The Content-Security-Policy restricts what does not depend on the page's scripts
//! (framing, `<base>`, plugins, form targets). Script sources are left open for now: the
//! hydration script is inline, and a nonce-based policy is issue 9's remaining work.

use axum::http::{header, HeaderName, HeaderValue};
use axum::Router;
use tower_http::set_header::SetResponseHeaderLayer;

const CSP: &str = "frame-ancestors 'none'; base-uri 'self'; object-src 'none'; form-action 'self'";

fn set(router: Router, name: HeaderName, value: &'static str) -> Router {
    router.layer(SetResponseHeaderLayer::if_not_present(
        name,
        HeaderValue::from_static(value),
    ))
}

/// Adds the headers to every response of `router`; `https` adds HSTS.
pub fn secure(router: Router, https: bool) -> Router {
    let router = set(router, header::X_CONTENT_TYPE_OPTIONS, "nosniff");
    let router = set(router, header::X_FRAME_OPTIONS, "DENY");
    let router = set(router, header::CONTENT_SECURITY_POLICY, CSP);
    let router = set(
        router,
        header::REFERRER_POLICY,
        "strict-origin-when-cross-origin",
    );
    let router = set(
        router,
        HeaderName::from_static("permissions-policy"),
        "camera=(), microphone=(), geolocation=(), payment=()",
    );
    if https {
        set(
            router,
            header::STRICT_TRANSPORT_SECURITY,
            "max-age=31536000; includeSubDomains",
        )
    } else {
        router
    }
}
