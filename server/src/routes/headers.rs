//! Security headers on every response (pages, REST, assets, errors): no MIME sniffing, no
//! framing (clickjacking), no full URLs leaked in `Referer`, no powerful browser features, and
//! HSTS whenever the portal is served over https (when its cookies are `Secure`).
//!
//! The Content-Security-Policy restricts framing, `<base>`, plugins and form targets on every
//! response. Pages rendered by Leptos add `script-src` with the per-response nonce Leptos puts
//! on its own inline scripts (hydration, streamed resources): `'strict-dynamic'` lets those
//! load the wasm bundle and the chart library, `'wasm-unsafe-eval'` lets the wasm compile, and
//! any script an attacker manages to inject (without the nonce) does not run.

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

/// Called while Leptos renders a page (its context hook): the page's CSP with this
/// response's script nonce. Set on the response itself, so the general CSP above is not added.
pub fn page_csp() {
    use leptos::prelude::use_context;
    if let (Some(nonce), Some(response)) = (
        leptos::nonce::use_nonce(),
        use_context::<leptos_axum::ResponseOptions>(),
    ) {
        let policy =
            format!("{CSP}; script-src 'nonce-{nonce}' 'strict-dynamic' 'wasm-unsafe-eval'");
        if let Ok(value) = HeaderValue::from_str(&policy) {
            response.insert_header(header::CONTENT_SECURITY_POLICY, value);
        }
    }
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
