//! eSIM Go's callbacks to `/webhooks/esimgo` over real HTTP (issue 12): the simulator signs
//! and sends them as the subscriber installs and uses the eSIM; the portal verifies, stores,
//! applies them once and in any order, and writes the 75 % / 90 % alerts once.

#![allow(clippy::unwrap_used)]

mod common;

use common::TestPortal;
use serde_json::{json, Value};
use server::simulator::esimgo::Encoding;
use std::time::Duration;

async fn call(
    c: &reqwest::Client,
    p: &TestPortal,
    name: &str,
    form: &[(&str, &str)],
) -> (u16, Value) {
    common::server_fn(c, &p.url, name, form).await
}

/// A portal whose customer bought one 1 GB eSIM; its ICCID.
async fn bought() -> (TestPortal, reqwest::Client, String) {
    let p = common::portal().await;
    for _ in 0..200 {
        if call(&p.http, &p, "get_featured_plans", &[]).await.0 == 200 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let c = p.login("demo@example.com").await;
    let (s, o) = call(
        &c,
        &p,
        "buy_esim",
        &[
            ("plan", "esim_1GB_7D_JP_V2"),
            ("quantity", "1"),
            ("idempotency_key", "hook-test-01"),
        ],
    )
    .await;
    assert_eq!((s, o["stage"].as_str()), (200, Some("Ready")), "{o}");
    let iccid = o["esims"][0]["iccid"].as_str().unwrap().to_string();
    (p, c, iccid)
}

async fn control(p: &TestPortal, path: &str, body: Value) -> Value {
    let r = p
        .http
        .post(format!("{}/_sim/control/esimgo/{path}", p.url))
        .json(&body)
        .send()
        .await
        .unwrap();
    assert!(r.status().is_success(), "{path}: {}", r.status());
    r.json().await.unwrap_or(Value::Null)
}

async fn post_hook(p: &TestPortal, body: &str, signature: Option<String>) -> (u16, Value) {
    let mut r = p
        .http
        .post(format!("{}/webhooks/esimgo", p.url))
        .header("content-type", "application/json")
        .body(body.to_string());
    if let Some(s) = signature {
        r = r.header("X-Signature-SHA256", s);
    }
    let r = r.send().await.unwrap();
    let status = r.status().as_u16();
    (status, r.json().await.unwrap_or(Value::Null))
}

async fn alert_mails(p: &TestPortal) -> Vec<String> {
    let mail: Vec<Value> =
        common::get_json(&p.http, &format!("{}/_sim/mail?format=json", p.url)).await;
    mail.iter()
        .filter_map(|m| m["subject"].as_str())
        .filter(|s| s.contains("travel eSIM") && (s.contains("used") || s.contains("ends")))
        .map(str::to_string)
        .collect()
}

async fn wait_for_mails(p: &TestPortal, n: usize) -> Vec<String> {
    for _ in 0..200 {
        let got = alert_mails(p).await;
        if got.len() >= n {
            return got;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    alert_mails(p).await
}

#[tokio::test]
async fn signed_callbacks_install_and_use_the_esim_once_each() {
    let (p, c, iccid) = bought().await;
    // The subscriber installs it: eSIM Go calls back, the portal applies it.
    let sent = control(&p, &format!("esims/{iccid}/install"), json!({})).await;
    assert!(
        sent.as_array().unwrap().iter().all(|d| d["status"] == 200),
        "{sent}"
    );
    let (_, mine) = call(&c, &p, "list_my_esims", &[]).await;
    assert_eq!(mine[0]["summary"]["profile"], "Installed", "{mine}");

    // 800 MB of 1 GB used: Utilisation callbacks; one 75 % alert.
    control(
        &p,
        &format!("esims/{iccid}/attach"),
        json!({"country": "JP"}),
    )
    .await;
    control(
        &p,
        &format!("esims/{iccid}/consume"),
        json!({"bytes": 800_000_000u64}),
    )
    .await;
    let mails = wait_for_mails(&p, 1).await;
    assert_eq!(mails.len(), 1, "{mails:?}");
    assert!(mails[0].contains("75%"), "{mails:?}");
    // Every delivery is applied once: the same body again is a duplicate.
    let deliveries = p.sims.esimgo.deliveries();
    let last = serde_json::to_string(&deliveries.last().unwrap().body).unwrap();
    let sig = p.sims.esimgo.sign(last.as_bytes(), Encoding::Hex);
    let (s, r) = post_hook(&p, &last, Some(sig)).await;
    assert_eq!((s, r["status"].as_str()), (200, Some("duplicate")), "{r}");

    // The rest used up: the 90 % alert, once; the bundle depleted.
    control(
        &p,
        &format!("esims/{iccid}/consume"),
        json!({"bytes": 300_000_000u64}),
    )
    .await;
    let mails = wait_for_mails(&p, 2).await;
    assert_eq!(mails.len(), 2, "{mails:?}");
    assert!(mails.iter().any(|m| m.contains("90%")), "{mails:?}");

    // A late, older Utilisation (more remaining) does not bring data back.
    let old = json!({"iccid": iccid, "alertType": "Utilisation", "bundle": {
        "id": deliveries.iter().rev().find_map(|d| d.body["bundle"]["id"].as_str().map(str::to_string)).unwrap(),
        "name": "esim_1GB_7D_JP_V2", "initialQuantity": 1_000_000_000u64,
        "remainingQuantity": 990_000_000u64, "unlimited": false}});
    let body = old.to_string();
    let (s, _) = post_hook(
        &p,
        &body,
        Some(p.sims.esimgo.sign(body.as_bytes(), Encoding::Base64)),
    )
    .await;
    assert_eq!(s, 200, "base64 signatures are accepted too");
    let r = c
        .post(format!("{}/api/fn/list_my_esims", p.url))
        .send()
        .await
        .unwrap();
    let mine: Value = r.json().await.unwrap();
    let b = &mine[0]["bundles"][0];
    assert_eq!(b["remaining_bytes"], 0, "{mine}");
    assert_eq!(alert_mails(&p).await.len(), 2, "no alert twice");

    // On /metrics: callbacks by outcome, orders by state, eSIM Go calls by operation.
    let text = p.get("/metrics").await.text().await.unwrap();
    for want in [
        r#"esimgo_callbacks_total{outcome="applied"}"#,
        r#"esimgo_callbacks_total{outcome="duplicate"}"#,
        r#"store_order_rows{state="completed"} 1"#,
        r#"upstream_call_duration_seconds_bucket{upstream="esimgo",operation="POST orders""#,
    ] {
        assert!(text.contains(want), "{want} missing from:\n{text}");
    }
}

#[tokio::test]
async fn unsigned_or_wrongly_signed_callbacks_change_nothing() {
    let (p, c, iccid) = bought().await;
    let body =
        json!({"alertType": "ProfileStatusChange", "iccid": iccid, "profileStatus": "Installed"})
            .to_string();
    let (s, _) = post_hook(&p, &body, None).await;
    assert_eq!(s, 401);
    let (s, _) = post_hook(&p, &body, Some("0".repeat(64))).await;
    assert_eq!(s, 401);
    // Signed for another body.
    let other = p.sims.esimgo.sign(b"{}", Encoding::Hex);
    let (s, _) = post_hook(&p, &body, Some(other)).await;
    assert_eq!(s, 401);
    let (_, mine) = call(&c, &p, "list_my_esims", &[]).await;
    assert_eq!(mine[0]["summary"]["profile"], "NotInstalled", "{mine}");
    let text = p.get("/metrics").await.text().await.unwrap();
    assert!(
        text.contains(r#"esimgo_callbacks_total{outcome="rejected"} 3"#),
        "{text}"
    );
    // An event the portal does not act on is kept and acknowledged.
    let balance =
        json!({"alertType": "LowBalance", "balanceInfo": {"balance": 12.5, "threshold": 50}})
            .to_string();
    let (s, r) = post_hook(
        &p,
        &balance,
        Some(p.sims.esimgo.sign(balance.as_bytes(), Encoding::Hex)),
    )
    .await;
    assert_eq!((s, r["status"].as_str()), (200, Some("kept")), "{r}");
}
