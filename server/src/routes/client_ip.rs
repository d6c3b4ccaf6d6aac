//! Works out the client's address once per request and puts it in the request's extensions
//! as [`ClientIp`], for rate limits and the session list.
//!
//! The peer address is the client unless the portal sits behind a proxy; then (with
//! `TRUST_X_FORWARDED_FOR`) the last `X-Forwarded-For` entry is the address the proxy saw.
//! Earlier entries are whatever the client chose to send and are never trusted.

use app::ports::ClientIp;
use axum::extract::{ConnectInfo, Request};
use axum::middleware::Next;
use axum::response::Response;
use std::net::{IpAddr, SocketAddr};

pub fn client_ip(req: &Request, trust_forwarded_for: bool) -> Option<IpAddr> {
    let forwarded = trust_forwarded_for
        .then(|| last_forwarded_for(req.headers()))
        .flatten();
    forwarded.or_else(|| {
        req.extensions()
            .get::<ConnectInfo<SocketAddr>>()
            .map(|c| c.0.ip())
    })
}

fn last_forwarded_for(headers: &axum::http::HeaderMap) -> Option<IpAddr> {
    headers
        .get_all("x-forwarded-for")
        .iter()
        .next_back()?
        .to_str()
        .ok()?
        .rsplit(',')
        .next()?
        .trim()
        .parse()
        .ok()
}

pub async fn remember(trust_forwarded_for: bool, mut req: Request, next: Next) -> Response {
    if let Some(ip) = client_ip(&req, trust_forwarded_for) {
        req.extensions_mut().insert(ClientIp(ip));
    }
    next.run(req).await
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn req(peer: &str, xff: &[&str]) -> Request {
        let mut r = Request::new(axum::body::Body::empty());
        r.extensions_mut()
            .insert(ConnectInfo(peer.parse::<SocketAddr>().unwrap()));
        for v in xff {
            r.headers_mut()
                .append("x-forwarded-for", v.parse().unwrap());
        }
        r
    }

    #[test]
    fn the_peer_is_the_client_unless_a_proxy_is_trusted() {
        let r = req("192.0.2.9:5000", &["203.0.113.7"]);
        assert_eq!(client_ip(&r, false), Some("192.0.2.9".parse().unwrap()));
        assert_eq!(client_ip(&r, true), Some("203.0.113.7".parse().unwrap()));
    }

    #[test]
    fn only_the_entry_the_proxy_added_counts() {
        let r = req("127.0.0.1:1", &["1.1.1.1, 203.0.113.7"]);
        assert_eq!(client_ip(&r, true), Some("203.0.113.7".parse().unwrap()));
        let r = req("127.0.0.1:1", &["1.1.1.1", "203.0.113.8"]);
        assert_eq!(client_ip(&r, true), Some("203.0.113.8".parse().unwrap()));
        let r = req("127.0.0.1:1", &["garbage"]);
        assert_eq!(client_ip(&r, true), Some("127.0.0.1".parse().unwrap()));
    }
}
