//! The eSIM Go client against the simulator over real HTTP: the catalogue with paging, orders
//! (validate, transaction, top-up, lost replies), eSIMs and bundles, suspend/restore only on
//! v2.5, each error class, the rate limit, and the signed callbacks the simulator sends.
#![allow(clippy::unwrap_used)]

mod common;
use serde_json::{json, Value};
use server::esimgo::{BundleState, EsimGoError, EsimState, OrderLine, ProfileStatus};
use server::simulator::esimgo::{Encoding, API_KEY};
use std::sync::{Arc, Mutex};

fn line(bundle: &str, quantity: u32) -> OrderLine {
    OrderLine {
        bundle: bundle.into(),
        quantity,
        iccid: None,
    }
}

#[tokio::test]
async fn the_catalogue_is_read_page_by_page_in_the_portals_units() {
    let u = common::upstreams().await;
    let plans = u.esimgo.catalogue().await.unwrap();
    assert!(plans.len() > 200, "{}", plans.len());
    let calls = u.sims.faults.calls();
    assert_eq!(
        calls.get("esimgo catalogue"),
        Some(&3),
        "100 a page: {calls:?}"
    );
    let jp = plans
        .iter()
        .find(|p| p.name == "esim_1GB_7D_JP_V2")
        .unwrap();
    assert_eq!(jp.data_mb, Some(1000));
    assert_eq!(jp.days, 7);
    assert_eq!(jp.countries[0].0, "JP");
    assert_eq!(jp.countries[0].1, "Japan");
    assert!(jp.cost_cents > 0);
    let unlimited = plans.iter().find(|p| p.name == "esim_UL_7D_JP_V2").unwrap();
    assert_eq!(unlimited.data_mb, None);
    let europe = plans
        .iter()
        .find(|p| p.name == "esim_10GB_30D_REUP_V2")
        .unwrap();
    assert!(europe.countries.len() > 5);

    let one = u.esimgo.bundle("esim_1GB_7D_JP_V2").await.unwrap().unwrap();
    assert_eq!(&one, jp);
    assert_eq!(
        u.esimgo.bundle("esim_1gb_7d_jp_v2").await.unwrap(),
        None,
        "names are case-sensitive"
    );
}

#[tokio::test]
async fn an_order_makes_an_esim_with_its_install_data_and_a_queued_bundle() {
    let u = common::upstreams().await;
    let before = u.sims.esimgo.balance();
    let priced = u
        .esimgo
        .validate_order(&[line("esim_1GB_7D_JP_V2", 2)])
        .await
        .unwrap();
    assert!(priced.total_cents > 0);
    assert_eq!(
        u.sims.esimgo.balance(),
        before,
        "validation charges nothing"
    );
    assert_eq!(u.sims.esimgo.order_count(), 0);

    let order = u
        .esimgo
        .place_order(&[line("esim_1GB_7D_JP_V2", 1)])
        .await
        .unwrap();
    assert!(order.completed);
    assert_eq!(order.total_cents * 2, priced.total_cents);
    let esim = &order.lines[0].1[0];
    assert!(esim.iccid.starts_with("89"), "{esim:?}");
    assert!(!esim.matching_id.is_empty());
    assert_eq!(esim.smdp_host, "rsp.esimgo-sim.example", "scheme dropped");
    assert_eq!(
        esim.lpa(),
        format!("LPA:1$rsp.esimgo-sim.example${}", esim.matching_id)
    );
    let spent = before - u.sims.esimgo.balance();
    assert!(
        (spent * 100.0 - order.total_cents as f64).abs() < 0.5,
        "{spent}"
    );

    let install = u.esimgo.install_data(&order.reference).await.unwrap();
    assert_eq!(install, vec![esim.clone()]);
    let again = u.esimgo.get_order(&order.reference).await.unwrap();
    assert_eq!(again.lines, order.lines);

    let status = u.esimgo.esim(&esim.iccid).await.unwrap();
    assert_eq!(status.profile, ProfileStatus::NotInstalled);
    assert_eq!(status.state, EsimState::Active);
    assert_eq!(status.install, *esim);
    let bundles = u.esimgo.bundles(&esim.iccid).await.unwrap();
    assert_eq!(bundles.len(), 1);
    assert_eq!(bundles[0].state, BundleState::Queued);
    assert_eq!(bundles[0].initial_bytes, 1_000_000_000);
    assert_eq!(bundles[0].remaining_bytes, 1_000_000_000);
    assert!(bundles[0].start.is_none());

    u.esimgo
        .set_customer_ref(&esim.iccid, "portal-order-1")
        .await
        .unwrap();
    assert_eq!(
        u.esimgo.esim(&esim.iccid).await.unwrap().customer_ref,
        "portal-order-1"
    );
}

#[tokio::test]
async fn a_top_up_goes_onto_the_same_esim_and_orders_are_kept_apart() {
    let u = common::upstreams().await;
    let first = u
        .esimgo
        .place_order(&[line("esim_1GB_7D_JP_V2", 1)])
        .await
        .unwrap();
    let iccid = first.lines[0].1[0].iccid.clone();
    let top_up = u
        .esimgo
        .place_order(&[OrderLine {
            iccid: Some(iccid.clone()),
            ..line("esim_3GB_15D_JP_V2", 1)
        }])
        .await
        .unwrap();
    assert_eq!(top_up.lines[0].1[0].iccid, iccid);
    let gap = top_up.created.unwrap() - first.created.unwrap();
    assert!(
        gap >= chrono::Duration::milliseconds(2900),
        "orders {gap:?} apart"
    );
    let bundles = u.esimgo.bundles(&iccid).await.unwrap();
    let names: Vec<&str> = bundles.iter().map(|b| b.name.as_str()).collect();
    assert_eq!(
        names,
        ["esim_3GB_15D_JP_V2", "esim_1GB_7D_JP_V2"],
        "newest first"
    );
    let history = u.esimgo.history(&iccid).await.unwrap();
    assert_eq!(
        history
            .iter()
            .filter(|h| h.name == "Bundle Applied")
            .count(),
        2
    );
}

#[tokio::test]
async fn errors_are_told_apart() {
    let u = common::upstreams().await;
    // An ICCID the organisation does not hold is a 403, which for an eSIM means "unknown".
    let unknown = "8944000000000000000";
    assert!(matches!(
        u.esimgo.esim(unknown).await,
        Err(EsimGoError::UnknownEsim)
    ));
    assert!(matches!(
        u.esimgo.bundles(unknown).await,
        Err(EsimGoError::UnknownEsim)
    ));
    let top_up = OrderLine {
        iccid: Some(unknown.into()),
        ..line("esim_1GB_7D_JP_V2", 1)
    };
    assert!(matches!(
        u.esimgo.place_order(&[top_up]).await,
        Err(EsimGoError::UnknownEsim)
    ));
    // A wrong key is a 403 too, but not about an eSIM.
    let wrong = common::esimgo_client(&u.base, "not-the-key");
    assert!(matches!(
        wrong.catalogue().await,
        Err(EsimGoError::Forbidden(_))
    ));
    assert!(matches!(
        wrong.esim(unknown).await,
        Err(EsimGoError::Forbidden(_))
    ));
    // Bad orders are refused with eSIM Go's message and charge nothing.
    let e = u
        .esimgo
        .place_order(&[line("esim_NOPE", 1)])
        .await
        .unwrap_err();
    assert!(
        matches!(e, EsimGoError::Rejected { status: 400, ref message } if message.contains("Bundle not found")),
        "{e}"
    );
    u.sims.esimgo.set_balance(1.0);
    let e = u
        .esimgo
        .place_order(&[line("esim_20GB_30D_JP_V2", 1)])
        .await
        .unwrap_err();
    assert!(
        matches!(e, EsimGoError::Rejected { status: 400, ref message } if message == "Insufficient balance"),
        "{e}"
    );
    assert_eq!(u.sims.esimgo.order_count(), 0);
    // The client refuses what eSIM Go asks never to send: more than 10 bundles an order.
    let e = u
        .esimgo
        .place_order(&[line("esim_1GB_7D_JP_V2", 11)])
        .await
        .unwrap_err();
    assert!(matches!(e, EsimGoError::Rejected { status: 0, .. }), "{e}");
    assert_eq!(
        u.sims.faults.calls().get("esimgo orders"),
        Some(&3),
        "the 11 never sent"
    );
}

#[tokio::test]
async fn reads_are_retried_and_orders_sent_once_but_findable_after_a_lost_reply() {
    let u = common::upstreams().await;
    u.fault(json!({"upstream": "esimgo", "operation": "catalogue", "kind": "http", "status": 503, "times": 1}));
    assert!(u
        .esimgo
        .bundle("esim_1GB_7D_JP_V2")
        .await
        .unwrap()
        .is_some());
    assert!(
        !u.esimgo.catalogue().await.unwrap().is_empty(),
        "retried after one 503"
    );

    u.fault(json!({"upstream": "esimgo", "operation": "orders", "kind": "http", "status": 503, "times": 1}));
    let e = u
        .esimgo
        .place_order(&[line("esim_1GB_7D_JP_V2", 1)])
        .await
        .unwrap_err();
    assert!(
        matches!(e, EsimGoError::Unavailable { status: 503, .. }),
        "{e}"
    );
    assert_eq!(
        u.sims.esimgo.order_count(),
        0,
        "refused before any work, and not re-sent"
    );

    let since = chrono::Utc::now() - chrono::Duration::seconds(1);
    u.fault(
        json!({"upstream": "esimgo", "operation": "orders", "kind": "http", "status": 503,
        "times": 1, "lost_reply": true}),
    );
    let e = u
        .esimgo
        .place_order(&[line("esim_1GB_7D_JP_V2", 1)])
        .await
        .unwrap_err();
    assert!(e.is_transient(), "{e}");
    assert_eq!(
        u.sims.esimgo.order_count(),
        1,
        "the order was placed; only the answer was lost"
    );
    let found = u.esimgo.orders_since(since).await.unwrap();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].lines[0].0, "esim_1GB_7D_JP_V2");
    assert_eq!(found[0].lines[0].1.len(), 1, "its ICCID is listed");
    let later = u
        .esimgo
        .orders_since(chrono::Utc::now() + chrono::Duration::seconds(5))
        .await
        .unwrap();
    assert!(later.is_empty());
}

#[tokio::test]
async fn suspend_and_restore_exist_only_on_v2_5() {
    let u = common::upstreams().await;
    let order = u
        .esimgo
        .place_order(&[line("esim_1GB_7D_JP_V2", 1)])
        .await
        .unwrap();
    let iccid = order.lines[0].1[0].iccid.clone();
    u.esimgo.suspend(&iccid, true).await.unwrap();
    assert_eq!(
        u.esimgo.esim(&iccid).await.unwrap().state,
        EsimState::Suspended
    );
    u.esimgo.suspend(&iccid, false).await.unwrap();
    assert_eq!(
        u.esimgo.esim(&iccid).await.unwrap().state,
        EsimState::Active
    );

    let v24 = server::esimgo::EsimGoClient::new(server::esimgo::EsimGoConfig {
        base_url: url::Url::parse(&format!("{}/esimgo/v2.4/", u.base)).unwrap(),
        api_key: secrecy::SecretString::from(API_KEY),
        timeout: std::time::Duration::from_secs(1),
        read_retries: 0,
    })
    .unwrap();
    let e = v24.suspend(&iccid, true).await.unwrap_err();
    assert!(
        matches!(e, EsimGoError::Rejected { status: 404, .. }),
        "{e}"
    );
    assert_eq!(v24.esim(&iccid).await.unwrap().state, EsimState::Active);
}

#[tokio::test]
async fn the_rate_limit_is_answered_with_429_and_waited_out() {
    let u = common::upstreams().await;
    u.sims.esimgo.set_rate_limit(3);
    let http = reqwest::Client::new();
    let url = format!("{}/esimgo/v2.5/organisation", u.base);
    let mut statuses = Vec::new();
    for _ in 0..4 {
        let r = http
            .get(&url)
            .header("X-API-Key", API_KEY)
            .send()
            .await
            .unwrap();
        assert!(r.headers().contains_key("x-ratelimit-remaining"));
        assert!(r.headers().contains_key("x-ratelimit-reset"));
        if r.status() == 429 {
            assert_eq!(r.headers()["retry-after"], "1");
            let body: Value = r.json().await.unwrap();
            assert_eq!(body["message"], "Rate limit exceeded");
            statuses.push(429);
        } else {
            statuses.push(r.status().as_u16());
        }
    }
    assert!(statuses.contains(&429), "{statuses:?}");
    // The client waits and gets every answer.
    let reads = (0..6).map(|_| {
        let c = u.esimgo.clone();
        tokio::spawn(async move { c.organisation().await })
    });
    for r in reads.collect::<Vec<_>>() {
        assert!(r.await.unwrap().is_ok());
    }
}

/// A local receiver that keeps each callback's raw body and signature.
async fn receiver() -> (String, Arc<Mutex<Vec<(String, String)>>>) {
    let got = Arc::new(Mutex::new(Vec::new()));
    let keep = got.clone();
    let app = axum::Router::new().route(
        "/hook",
        axum::routing::post(move |headers: axum::http::HeaderMap, body: String| {
            let keep = keep.clone();
            async move {
                let sig = headers
                    .get("x-signature-sha256")
                    .and_then(|v| v.to_str().ok())
                    .unwrap_or_default()
                    .to_string();
                keep.lock().unwrap().push((body, sig));
                "ok"
            }
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/hook", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await });
    (url, got)
}

#[tokio::test]
async fn using_data_fires_signed_callbacks_and_moves_the_bundle_through_its_states() {
    use hmac::{Hmac, Mac};
    let u = common::upstreams().await;
    let (url, got) = receiver().await;
    u.sims
        .esimgo
        .set_callbacks(server::simulator::esimgo::CallbackSettings {
            url: Some(url),
            encoding: Encoding::Hex,
        });
    let order = u
        .esimgo
        .place_order(&[line("esim_1GB_7D_JP_V2", 1)])
        .await
        .unwrap();
    let iccid = order.lines[0].1[0].iccid.clone();
    let sent = u.sims.esimgo.install(&iccid).await.unwrap();
    assert_eq!(sent[0].status, Some(200));
    assert_eq!(
        u.esimgo.esim(&iccid).await.unwrap().profile,
        ProfileStatus::Installed
    );
    let sent = u.sims.esimgo.consume(&iccid, 600_000_000).await.unwrap();
    let kinds: Vec<&str> = sent
        .iter()
        .map(|d| d.body["alertType"].as_str().unwrap())
        .collect();
    assert_eq!(
        kinds,
        ["FirstUse", "Utilisation", "Utilisation"],
        "first use, 1 % and 50 %"
    );
    assert_eq!(sent[2].body["bundle"]["remainingQuantity"], 400_000_000);

    // Each body is signed with HMAC-SHA256 keyed by the API key, hex here.
    let got = got.lock().unwrap().clone();
    assert_eq!(got.len(), 4);
    for (body, sig) in &got {
        let mut mac = Hmac::<sha2::Sha256>::new_from_slice(API_KEY.as_bytes()).unwrap();
        mac.update(body.as_bytes());
        assert_eq!(*sig, hex::encode(mac.finalize().into_bytes()));
    }

    let b = &u.esimgo.bundles(&iccid).await.unwrap()[0];
    assert_eq!(b.state, BundleState::Active);
    assert_eq!(b.remaining_bytes, 400_000_000);
    let (start, end) = (b.start.unwrap(), b.end.unwrap());
    assert_eq!(end - start, chrono::Duration::days(7));
    u.sims.esimgo.consume(&iccid, 400_000_000).await.unwrap();
    assert_eq!(
        u.esimgo.bundles(&iccid).await.unwrap()[0].state,
        BundleState::Depleted
    );
    u.sims.esimgo.advance_clock(24 * 8);
    assert_eq!(
        u.esimgo.bundles(&iccid).await.unwrap()[0].state,
        BundleState::Expired
    );
}
