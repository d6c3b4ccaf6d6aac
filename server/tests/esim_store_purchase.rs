//! Buying travel eSIMs over real HTTP against the WHMCS and eSIM Go simulators (issue 12):
//! paid once and ordered once however often the same purchase is sent, a lost eSIM Go answer
//! found instead of ordered again, a refused order credited back, and the install guide's QR
//! code decoded back into the activation code.

#![allow(clippy::unwrap_used)]

mod common;

use common::TestPortal;
use serde_json::{json, Value};
use std::time::Duration;

const PLAN: &str = "esim_1GB_7D_JP_V2";
const IPHONE: &str = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15";

async fn call(
    c: &reqwest::Client,
    p: &TestPortal,
    name: &str,
    form: &[(&str, &str)],
) -> (u16, Value) {
    common::server_fn(c, &p.url, name, form).await
}

async fn ready_portal() -> TestPortal {
    let p = common::portal().await;
    for _ in 0..200 {
        if call(&p.http, &p, "get_featured_plans", &[]).await.0 == 200 {
            return p;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("the catalogue was never synced");
}

async fn buy(c: &reqwest::Client, p: &TestPortal, key: &str) -> (u16, Value) {
    call(
        c,
        p,
        "buy_esim",
        &[("plan", PLAN), ("quantity", "1"), ("idempotency_key", key)],
    )
    .await
}

/// The customer's store invoices in the simulated WHMCS.
fn store_invoices(p: &TestPortal) -> Vec<server::simulator::whmcs::LedgerInvoice> {
    p.sims
        .whmcs
        .ledger(1001)
        .unwrap()
        .invoices
        .into_iter()
        .filter(|i| i.notes.contains("portal eSIM order"))
        .collect()
}

/// The order page until it is final (the worker finishes what the request could not).
async fn settled(c: &reqwest::Client, p: &TestPortal, id: &str) -> Value {
    for _ in 0..300 {
        let (s, o) = call(c, p, "get_store_order", &[("id", id)]).await;
        assert_eq!(s, 200, "{o}");
        if !matches!(o["stage"].as_str(), Some("Paying" | "Preparing")) {
            return o;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("order {id} never settled");
}

/// Decodes the QR code of the install guide's SVG back into its text: the renderer draws
/// one `<path>` of rectangles (`M{x} {y}h{w}v{h}h-{w}z`, in pixels), drawn here onto a
/// white canvas of the SVG's size for the decoder.
fn decode_qr(svg: &str) -> String {
    let attr = |name: &str| -> usize {
        svg.split(&format!(" {name}=\""))
            .nth(1)
            .unwrap()
            .split('"')
            .next()
            .unwrap()
            .parse()
            .unwrap()
    };
    let (w, h) = (attr("width"), attr("height"));
    let d = svg
        .split(" d=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap();
    let mut dark = vec![false; w * h];
    for part in d.split('M').filter(|s| !s.is_empty()) {
        let n: Vec<usize> = part
            .split(|c: char| !c.is_ascii_digit())
            .filter(|s| !s.is_empty())
            .map(|s| s.parse().unwrap())
            .collect();
        let (x, y, rw, rh) = (n[0], n[1], n[2], n[3]);
        for yy in y..(y + rh).min(h) {
            for xx in x..(x + rw).min(w) {
                dark[yy * w + xx] = true;
            }
        }
    }
    let mut img =
        rqrr::PreparedImage::prepare_from_greyscale(
            w,
            h,
            |x, y| {
                if dark[y * w + x] {
                    0
                } else {
                    255
                }
            },
        );
    let grids = img.detect_grids();
    assert_eq!(grids.len(), 1, "one QR code in the SVG");
    grids[0].decode().unwrap().1
}

#[tokio::test]
async fn a_purchase_is_paid_once_ordered_once_and_installable() {
    let p = ready_portal().await;
    let c = p.login("demo@example.com").await;
    let (s, order) = buy(&c, &p, "buy-test-0001").await;
    assert_eq!(s, 200, "{order}");
    assert_eq!(order["stage"], "Ready", "{order}");
    assert_eq!(order["quantity"], 1);
    let esims = order["esims"].as_array().unwrap();
    assert_eq!(esims.len(), 1, "{order}");
    let iccid = esims[0]["iccid"].as_str().unwrap().to_string();
    let invoices = store_invoices(&p);
    assert_eq!(invoices.len(), 1);
    assert_eq!(
        (invoices[0].status.as_str(), invoices[0].payments),
        ("Paid", 1)
    );
    assert_eq!(invoices[0].total, format!("{}.00", order["amount_yen"]));
    assert_eq!(p.sims.esimgo.order_count(), 1);

    // The same key again answers the same order, charges nothing, orders nothing.
    let (_, again) = buy(&c, &p, "buy-test-0001").await;
    assert_eq!(again["id"], order["id"]);
    assert_eq!(store_invoices(&p).len(), 1);
    assert_eq!(p.sims.esimgo.order_count(), 1);
    // The key with another purchase is refused.
    let (s, e) = call(
        &c,
        &p,
        "buy_esim",
        &[
            ("plan", PLAN),
            ("quantity", "2"),
            ("idempotency_key", "buy-test-0001"),
        ],
    )
    .await;
    assert_eq!(s, 409, "{e}");

    // The install guide for an iPhone: the one-tap link, and a QR code of the activation code.
    let r = c
        .post(format!("{}/api/fn/get_esim_install", p.url))
        .header("user-agent", IPHONE)
        .form(&[("iccid", iccid.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let guide: Value = r.json().await.unwrap();
    assert_eq!(guide["device"], "Iphone");
    let code = guide["activation_code"].as_str().unwrap().to_string();
    assert!(code.starts_with("LPA:1$"), "{code}");
    let link = guide["ios_link"].as_str().unwrap();
    assert_eq!(
        link,
        format!("https://esimsetup.apple.com/esim_qrcode_provisioning?carddata={code}")
    );
    let svg = guide["qr_svg"].as_str().unwrap();
    assert_eq!(decode_qr(svg), code);

    // My eSIMs and the orders list; another customer sees none of it.
    let (s, mine) = call(&c, &p, "list_my_esims", &[]).await;
    assert_eq!(s, 200);
    assert_eq!(mine[0]["summary"]["iccid"], iccid.as_str(), "{mine}");
    assert_eq!(
        mine[0]["bundles"][0]["plan_name"].as_str(),
        Some(PLAN),
        "{mine}"
    );
    let (_, list) = call(&c, &p, "list_store_orders", &[("status", "ready")]).await;
    assert_eq!(list.as_array().unwrap().len(), 1, "{list}");
    let other = p.login("demo2@example.com").await;
    let id = order["id"].as_str().unwrap();
    assert_eq!(
        call(&other, &p, "get_store_order", &[("id", id)]).await.0,
        404
    );
    assert_eq!(
        call(&other, &p, "get_esim_install", &[("iccid", iccid.as_str())])
            .await
            .0,
        404
    );
    assert_eq!(
        call(
            &other,
            &p,
            "suspend_esim",
            &[("iccid", iccid.as_str()), ("suspend", "true")]
        )
        .await
        .0,
        404
    );
    assert_eq!(
        call(
            &p.http,
            &p,
            "buy_esim",
            &[
                ("plan", PLAN),
                ("quantity", "1"),
                ("idempotency_key", "anon-key-0001")
            ]
        )
        .await
        .0,
        401
    );

    // Suspend and restore through eSIM Go (v2.5).
    let (s, d) = call(
        &c,
        &p,
        "suspend_esim",
        &[("iccid", iccid.as_str()), ("suspend", "true")],
    )
    .await;
    assert_eq!((s, &d["summary"]["suspended"]), (200, &json!(true)), "{d}");
    let (s, d) = call(
        &c,
        &p,
        "suspend_esim",
        &[("iccid", iccid.as_str()), ("suspend", "false")],
    )
    .await;
    assert_eq!((s, &d["summary"]["suspended"]), (200, &json!(false)), "{d}");
}

#[tokio::test]
async fn twenty_concurrent_purchases_with_one_key_charge_once_and_order_once() {
    let p = ready_portal().await;
    let c = p.login("demo@example.com").await;
    let tasks: Vec<_> = (0..20)
        .map(|_| {
            let c = c.clone();
            let url = p.url.clone();
            tokio::spawn(async move {
                let r = c
                    .post(format!("{url}/api/fn/buy_esim"))
                    .form(&[
                        ("plan", PLAN),
                        ("quantity", "1"),
                        ("idempotency_key", "same-key-0020"),
                    ])
                    .send()
                    .await
                    .unwrap();
                let status = r.status().as_u16();
                (status, r.json::<Value>().await.unwrap())
            })
        })
        .collect();
    let mut ids = Vec::new();
    for t in tasks {
        let (s, o) = t.await.unwrap();
        assert_eq!(s, 200, "{o}");
        ids.push(o["id"].as_str().unwrap().to_string());
    }
    ids.dedup();
    assert_eq!(ids.len(), 1, "one order for one key");
    let order = settled(&c, &p, &ids[0]).await;
    assert_eq!(order["stage"], "Ready", "{order}");
    assert_eq!(store_invoices(&p).len(), 1, "one invoice");
    assert_eq!(store_invoices(&p)[0].payments, 1, "one payment");
    assert_eq!(p.sims.esimgo.order_count(), 1, "one eSIM Go order");
}

#[tokio::test]
async fn a_lost_esim_go_answer_is_found_and_not_ordered_again() {
    let p = ready_portal().await;
    let c = p.login("demo@example.com").await;
    // The transaction is done at eSIM Go, only its answer is lost.
    p.fault(json!({"upstream": "esimgo", "operation": "orders", "kind": "http", "status": 503, "times": 1, "lost_reply": true}))
        .await;
    let (s, order) = buy(&c, &p, "lost-reply-01").await;
    assert_eq!(s, 200, "{order}");
    let order = settled(&c, &p, order["id"].as_str().unwrap()).await;
    assert_eq!(order["stage"], "Ready", "{order}");
    assert_eq!(order["esims"].as_array().unwrap().len(), 1);
    assert_eq!(p.sims.esimgo.order_count(), 1, "found, not sent again");
    assert_eq!(store_invoices(&p).len(), 1);
}

#[tokio::test]
async fn an_order_esim_go_refuses_after_payment_is_credited_back_once() {
    let p = ready_portal().await;
    let c = p.login("demo@example.com").await;
    // Validation passes; the transaction is refused (eSIM Go's 400 with a message).
    p.fault(json!({"upstream": "esimgo", "operation": "orders", "kind": "http", "status": 400, "times": 1}))
        .await;
    let (s, order) = buy(&c, &p, "refused-0001").await;
    assert_eq!(s, 200, "{order}");
    let order = settled(&c, &p, order["id"].as_str().unwrap()).await;
    assert_eq!(order["stage"], "Refunded", "{order}");
    assert!(
        order["failure"].as_str().unwrap().contains("credit"),
        "{order}"
    );
    let ledger = p.sims.whmcs.ledger(1001).unwrap();
    let credits: Vec<_> = ledger
        .credits
        .iter()
        .filter(|c| c.description.contains("portal eSIM order"))
        .collect();
    assert_eq!(credits.len(), 1, "credited once");
    assert_eq!(p.sims.esimgo.order_count(), 0);
    // Nothing to install.
    assert!(order["esims"].as_array().unwrap().is_empty());
}

#[tokio::test]
async fn a_plan_esim_go_will_not_validate_is_refused_before_any_charge() {
    let p = ready_portal().await;
    let c = p.login("demo@example.com").await;
    p.sims.esimgo.set_balance(0.0);
    let (s, e) = buy(&c, &p, "no-balance-01").await;
    assert_eq!(s, 502, "{e}");
    assert!(store_invoices(&p).is_empty(), "nothing invoiced");
    let (s, e) = call(
        &c,
        &p,
        "buy_esim",
        &[
            ("plan", PLAN),
            ("quantity", "11"),
            ("idempotency_key", "too-many-01"),
        ],
    )
    .await;
    assert_eq!(
        (s, e["detail"]["field"].as_str()),
        (400, Some("quantity")),
        "{e}"
    );
    let (s, _) = call(
        &c,
        &p,
        "buy_esim",
        &[
            ("plan", "no_such_plan"),
            ("quantity", "1"),
            ("idempotency_key", "no-plan-001"),
        ],
    )
    .await;
    assert_eq!(s, 404);
}

#[tokio::test]
async fn an_esim_go_outage_after_payment_is_retried_until_the_order_is_made() {
    let p = ready_portal().await;
    let c = p.login("demo@example.com").await;
    // Refused before any work, twice: nothing ordered yet, the worker tries again.
    p.fault(json!({"upstream": "esimgo", "operation": "orders", "kind": "http", "status": 503, "times": 2}))
        .await;
    let (s, order) = buy(&c, &p, "outage-0001").await;
    assert_eq!(
        (s, order["stage"].as_str()),
        (200, Some("Preparing")),
        "{order}"
    );
    let order = settled(&c, &p, order["id"].as_str().unwrap()).await;
    assert_eq!(order["stage"], "Ready", "{order}");
    assert_eq!(p.sims.esimgo.order_count(), 1, "one eSIM Go order");
    let invoices = store_invoices(&p);
    assert_eq!((invoices.len(), invoices[0].payments), (1, 1), "paid once");
}

#[tokio::test]
async fn a_declined_card_orders_nothing_and_leaves_no_open_invoice() {
    let p = ready_portal().await;
    let c = p.login("demo@example.com").await;
    p.fault(json!({"upstream": "whmcs", "operation": "CapturePayment", "kind": "whmcs_error", "message": "Payment Attempt Failed", "times": 1}))
        .await;
    let (s, order) = buy(&c, &p, "declined-001").await;
    assert_eq!(s, 200, "{order}");
    assert_eq!(order["stage"], "PaymentFailed", "{order}");
    assert!(
        order["failure"]
            .as_str()
            .unwrap()
            .contains("nothing was charged"),
        "{order}"
    );
    assert_eq!(p.sims.esimgo.order_count(), 0, "no eSIM Go order");
    let invoices = store_invoices(&p);
    assert_eq!(invoices.len(), 1);
    assert_eq!(
        (invoices[0].status.as_str(), invoices[0].payments),
        ("Cancelled", 0),
        "nobody can pay it later"
    );
}
