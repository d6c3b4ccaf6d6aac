//! `/metrics`: Prometheus text with request latency by route pattern, upstream calls by
//! operation and cache reads; open in demo mode, behind a bearer token in live mode.
#![allow(clippy::unwrap_used)]

mod common;

#[tokio::test]
async fn metrics_show_routes_upstream_calls_and_cache_reads() {
    let p = common::portal().await;
    let c = p.login("demo@example.com").await;
    for _ in 0..2 {
        let r = c
            .get(format!("{}/api/subscriptions/2001/sim", p.url))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 200);
    }
    let r = p.get("/metrics").await;
    assert_eq!(r.status(), 200);
    assert!(r.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/plain"));
    let text = r.text().await.unwrap();
    for want in [
        // By route pattern, never by raw path (no series per SIM id).
        r#"http_request_duration_seconds_bucket{route="/api/subscriptions/{id}/sim",method="GET",le="0.1"}"#,
        r#"http_requests_total{route="/api/subscriptions/{id}/sim",method="GET",status="200"}"#,
        r#"upstream_calls_total{upstream="whmcs",operation="GetClientsProducts",outcome="ok"}"#,
        r#"upstream_call_duration_seconds_bucket{upstream="freebit",operation="mvno/getDetail""#,
        r#"cache_reads_total{result="hit"}"#,
        r#"cache_reads_total{result="miss"}"#,
        "session_lookups_total",
    ] {
        assert!(text.contains(want), "{want} missing from:\n{text}");
    }
    assert!(
        !text.contains("/api/subscriptions/2001"),
        "raw paths are not labels"
    );
}

async fn live_portal(token: Option<&str>) -> String {
    let db = common::temp_db();
    let mut vars = common::live_vars(&db);
    if let Some(t) = token {
        vars.push(("METRICS_TOKEN", t.to_string()));
    }
    common::live_portal(&vars).await
}

#[tokio::test]
async fn live_metrics_need_the_token() {
    let status = |url: String, bearer: Option<&'static str>| async move {
        let mut r = reqwest::Client::new().get(format!("{url}/metrics"));
        if let Some(b) = bearer {
            r = r.bearer_auth(b);
        }
        r.send().await.unwrap().status().as_u16()
    };
    let off = live_portal(None).await;
    assert_eq!(
        status(off.clone(), None).await,
        404,
        "no token configured: no metrics"
    );
    assert_eq!(status(off, Some("anything")).await, 404);

    let on = live_portal(Some("s3cret-metrics-token")).await;
    assert_eq!(status(on.clone(), None).await, 401);
    assert_eq!(status(on.clone(), Some("s3cret-metrics-tokeX")).await, 401);
    assert_eq!(status(on, Some("s3cret-metrics-token")).await, 200);
}
