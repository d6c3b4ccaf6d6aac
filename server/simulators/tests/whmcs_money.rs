//! The WHMCS simulator's money paths over real HTTP, as a top-up saga meets them: lost
//! replies, card scenarios per client, invoice notes, the credit log and the test ledger
//! (paying in the simulated client area is in `whmcs_client_area.rs`).

mod common;
use common::Sim;
use reqwest::Method;
use serde_json::json;
use std::time::Duration;

/// An authenticated API request whose answer may not be JSON (a fault's).
async fn api_raw(
    s: &Sim,
    fields: &[(&str, &str)],
    timeout: Duration,
) -> reqwest::Result<reqwest::Response> {
    let mut form = vec![
        ("identifier", "sim-api-identifier"),
        ("secret", "sim-api-secret"),
    ];
    form.extend_from_slice(fields);
    s.http
        .post(format!("{}/whmcs/includes/api.php", s.base))
        .timeout(timeout)
        .form(&form)
        .send()
        .await
}

async fn fault(s: &Sim, rule: &str) {
    assert_eq!(s.control(Method::POST, "faults", Some(rule)).await, 201);
}

#[tokio::test]
async fn a_lost_capture_reply_still_charges_the_card() {
    let s = common::start().await;
    let c = s.new_client().await;
    let id = s.invoice(&c, "", &[("Data top-up 5GB", "500")]).await;
    fault(
        &s,
        r#"{"upstream":"whmcs","operation":"CapturePayment","kind":"http","status":503,"lost_reply":true,"times":1}"#,
    )
    .await;
    let capture_id = [("action", "CapturePayment"), ("invoiceid", id.as_str())];
    let r = api_raw(&s, &capture_id, Duration::from_secs(10))
        .await
        .unwrap();
    assert_eq!(r.status(), 503);
    let inv = s.get_invoice(&id).await;
    assert_eq!(
        (&inv["status"], &inv["balance"]),
        (&json!("Paid"), &json!("0.00"))
    );

    let id2 = s.invoice(&c, "", &[("Data top-up 1GB", "200")]).await;
    fault(
        &s,
        r#"{"upstream":"whmcs","operation":"CapturePayment","kind":"timeout","lost_reply":true,"times":1}"#,
    )
    .await;
    let capture_id2 = [("action", "CapturePayment"), ("invoiceid", id2.as_str())];
    let r = api_raw(&s, &capture_id2, Duration::from_millis(500)).await;
    assert!(r.is_err_and(|e| e.is_timeout()), "the reply never comes");
    assert_eq!(s.get_invoice(&id2).await["status"], "Paid");
    let l = s.ledger(&c).await;
    assert_eq!(l["invoices"][0]["captureAttempts"], 1);
    assert_eq!(l["invoices"][1]["payments"], 1);

    fault(
        &s,
        r#"{"upstream":"whmcs","operation":"CapturePayment","kind":"http","status":503,"times":1}"#,
    )
    .await;
    let id3 = s.invoice(&c, "", &[("Data top-up 1GB", "200")]).await;
    let capture_id3 = [("action", "CapturePayment"), ("invoiceid", id3.as_str())];
    let r = api_raw(&s, &capture_id3, Duration::from_secs(10))
        .await
        .unwrap();
    assert_eq!(r.status(), 503);
    assert_eq!(
        s.get_invoice(&id3).await["status"],
        "Unpaid",
        "without lost_reply nothing happens"
    );
}

#[tokio::test]
async fn a_declining_card_leaves_the_invoice_unpaid_and_counts_attempts() {
    let s = common::start().await;
    let c = s.new_client().await;
    assert_eq!(s.set_card(&c, "declines").await, 204);
    assert_eq!(s.set_card("4242", "declines").await, 404);
    let id = s.invoice(&c, "", &[("Data top-up 5GB", "500")]).await;
    for _ in 0..2 {
        assert_eq!(
            s.capture(&id).await,
            (
                200,
                json!({"result": "error", "message": "Payment Attempt Failed"})
            )
        );
    }
    let inv = s.get_invoice(&id).await;
    assert_eq!(
        (&inv["status"], &inv["transactions"]),
        (&json!("Unpaid"), &json!(""))
    );
    assert_ne!(inv["lastcaptureattempt"], "0000-00-00 00:00:00");
    assert_eq!(inv["datepaid"], "0000-00-00 00:00:00");

    assert!(s
        .sims
        .whmcs
        .set_card(c.parse().unwrap(), simulators::whmcs::Card::Pays));
    assert!(!s.sims.whmcs.set_card(4242, simulators::whmcs::Card::Pays));
    assert_eq!(s.capture(&id).await.1, json!({"result": "success"}));
    assert_eq!(
        s.capture(&id).await.1["message"],
        "Invoice Not Found or Not Unpaid"
    );
    let l = s.ledger(&c).await;
    assert_eq!(
        (
            &l["invoices"][0]["captureAttempts"],
            &l["invoices"][0]["payments"]
        ),
        (&json!(4), &json!(1)),
        "every request naming the invoice counts: {l}"
    );
}

#[tokio::test]
async fn a_missing_card_lists_no_pay_methods_and_cannot_be_charged() {
    let s = common::start().await;
    let c = s.new_client().await;
    let (_, pm) = s
        .whmcs(&[("action", "GetPayMethods"), ("clientid", &c)])
        .await;
    assert_eq!(pm["paymethods"][0]["card_last_four"], "4242");
    assert_eq!(s.set_card(&c, "missing").await, 204);
    let (_, pm) = s
        .whmcs(&[("action", "GetPayMethods"), ("clientid", &c)])
        .await;
    assert_eq!(
        pm,
        json!({"result": "success", "clientid": c, "paymethods": []})
    );
    let id = s.invoice(&c, "", &[("Data top-up 5GB", "500")]).await;
    assert_eq!(s.capture(&id).await.1["message"], "Payment Attempt Failed");
    assert_eq!(s.get_invoice(&id).await["status"], "Unpaid");
}

#[tokio::test]
async fn notes_round_trip_and_invoice_ids_come_from_the_start_time() {
    let s = common::start().await;
    let c = s.new_client().await;
    let id = s
        .invoice(&c, "topup:abc <5GB> & more", &[("Data top-up 5GB", "500")])
        .await;
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs();
    let n: u64 = id.parse().unwrap();
    assert!(n >= (now - 600) * 100 && n <= (now + 1) * 100, "{n}");
    let escaped = "topup:abc &lt;5GB&gt; &amp; more";
    assert_eq!(s.get_invoice(&id).await["notes"], escaped);
    let (_, list) = s.whmcs(&[("action", "GetInvoices"), ("userid", &c)]).await;
    let ours = list["invoices"]["invoice"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"].as_u64() == id.parse().ok())
        .unwrap_or_else(|| panic!("{list}"));
    assert_eq!(ours["notes"], escaped);
    assert_eq!(
        s.ledger(&c).await["invoices"][0]["notes"],
        "topup:abc <5GB> & more"
    );
}

#[tokio::test]
async fn get_credits_lists_what_add_credit_recorded() {
    let s = common::start().await;
    let c = s.new_client().await;
    let (_, empty) = s.whmcs(&[("action", "GetCredits"), ("clientid", &c)]).await;
    assert_eq!(
        empty,
        json!({"result": "success", "totalresults": 0, "clientid": c, "credits": ""})
    );
    let (_, r) = s
        .whmcs(&[
            ("action", "AddCredit"),
            ("clientid", &c),
            ("description", "Refund: top-up <5GB>"),
            ("amount", "500"),
        ])
        .await;
    assert_eq!(r["newbalance"], "500.00");
    let (_, r) = s
        .whmcs(&[
            ("action", "AddCredit"),
            ("clientid", &c),
            ("description", "Correction"),
            ("amount", "200"),
            ("type", "remove"),
            ("date", "2026-01-20"),
        ])
        .await;
    assert_eq!(r["newbalance"], "300.00");
    let (_, log) = s.whmcs(&[("action", "GetCredits"), ("clientid", &c)]).await;
    assert_eq!(
        (&log["totalresults"], &log["clientid"]),
        (&json!(2), &json!(c))
    );
    let entries = log["credits"]["credit"].as_array().expect("credit[]");
    let today = common::today_jst().format("%Y-%m-%d").to_string();
    assert!(entries[0]["id"].is_u64(), "{log}");
    assert_eq!(
        (
            &entries[0]["date"],
            &entries[0]["description"],
            &entries[0]["amount"],
            &entries[0]["relid"]
        ),
        (
            &json!(today),
            &json!("Refund: top-up &lt;5GB&gt;"),
            &json!("500.00"),
            &json!(0)
        )
    );
    assert_eq!(
        (&entries[1]["date"], &entries[1]["amount"]),
        (&json!("2026-01-20"), &json!("200.00"))
    );
    let (_, none) = s
        .whmcs(&[("action", "GetCredits"), ("clientid", "4242")])
        .await;
    assert_eq!(
        none,
        json!({"result": "error", "message": "Client ID Not Found"})
    );
}

#[tokio::test]
async fn the_ledger_shows_invoices_and_credits() {
    let s = common::start().await;
    let c = s.new_client().await;
    let id = s
        .invoice(&c, "saga 7", &[("Data top-up 5GB", "500"), ("Fee", "15.5")])
        .await;
    s.capture(&id).await;
    s.whmcs(&[
        ("action", "AddCredit"),
        ("clientid", &c),
        ("description", "Refund"),
        ("amount", "515.50"),
    ])
    .await;
    let (status, l) = s.control_json(&format!("whmcs/clients/{c}/ledger")).await;
    assert_eq!(status, 200);
    assert_eq!(
        l,
        json!({
            "invoices": [{
                "id": id.parse::<u64>().unwrap(), "status": "Paid", "total": "515.50", "notes": "saga 7",
                "descriptions": ["Data top-up 5GB", "Fee"], "captureAttempts": 1, "payments": 1,
            }],
            "credit": "515.50",
            "credits": [{"description": "Refund", "amount": "515.50"}],
        })
    );
    assert_eq!(s.control_json("whmcs/clients/4242/ledger").await.0, 404);
    let typed = s.sims.whmcs.ledger(c.parse().unwrap()).expect("ledger");
    assert_eq!(typed.invoices[0].capture_attempts, 1);
}
