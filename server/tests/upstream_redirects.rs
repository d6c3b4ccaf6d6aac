//! The upstream clients never follow a redirect: following it would re-send the form — the
//! WHMCS secret or the Freebit authKey included — to wherever the redirect points.

// Helpers outside #[test] fns panic on purpose: the panic is the test failure.
#![allow(clippy::unwrap_used)]

use axum::http::{header, StatusCode};
use axum::routing::post;
use axum::Router;
use secrecy::SecretString;
use server::freebit::{FreebitClient, FreebitConfig};
use server::whmcs::{WhmcsClient, WhmcsConfig, WhmcsError};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

/// A server whose every POST redirects (307, body re-sent) to `/steal`, which counts hits.
async fn redirecting() -> (String, Arc<AtomicUsize>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let stolen = Arc::new(AtomicUsize::new(0));
    let target = format!("{base}/steal");
    let hits = stolen.clone();
    let app = Router::new()
        .route(
            "/steal",
            post(move || {
                let hits = hits.clone();
                async move {
                    hits.fetch_add(1, Ordering::SeqCst);
                    r#"{"result":"success","resultCode":"100","authKey":"x"}"#
                }
            }),
        )
        .fallback(move || {
            let target = target.clone();
            async move { (StatusCode::TEMPORARY_REDIRECT, [(header::LOCATION, target)]) }
        });
    tokio::spawn(async move { axum::serve(listener, app).await });
    (base, stolen)
}

#[tokio::test]
async fn whmcs_and_freebit_do_not_follow_redirects() {
    let (base, stolen) = redirecting().await;
    let whmcs = WhmcsClient::new(WhmcsConfig {
        base_url: url::Url::parse(&format!("{base}/whmcs/")).unwrap(),
        identifier: "id".into(),
        secret: SecretString::from("secret"),
        access_key: None,
        msisdn_field_id: 1,
        customer_number_field_id: 11,
        timeout: Duration::from_secs(2),
        read_retries: 0,
    })
    .unwrap();
    let e = whmcs.get_clients_details(1).await.unwrap_err();
    assert!(matches!(e, WhmcsError::Http { status: 307 }), "{e:?}");
    let freebit = FreebitClient::new(FreebitConfig {
        base_url: url::Url::parse(&format!("{base}/freebit/")).unwrap(),
        oem_id: "oem".into(),
        oem_key: SecretString::from("key"),
        timeout: Duration::from_secs(2),
        read_retries: 0,
    })
    .unwrap();
    assert!(freebit.ping().await.is_err());
    assert_eq!(stolen.load(Ordering::SeqCst), 0, "credentials were re-sent");
}
