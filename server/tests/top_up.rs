//! Top-ups over real HTTP against the simulators: every case asserts the ledger — invoices,
//! capture attempts, payments, carrier additions and the line's final quota — so "charged
//! exactly once, applied exactly once or refunded" is checked, not assumed.

// Helpers outside #[test] fns panic on purpose: the panic is the test failure.
#![allow(clippy::unwrap_used)]

mod common;
use serde_json::{json, Value};
use server::simulator::whmcs::Card;
use std::time::{Duration, Instant};

const CLIENT: u64 = 1001;
const SIM: u64 = 2001;
const MSISDN: &str = "08077052946";

/// Runs a case on a fresh SQLite file and on a fresh PostgreSQL schema.
macro_rules! on_both_databases {
    ($($case:ident),* $(,)?) => {$(
        mod $case {
            #[tokio::test]
            async fn sqlite() {
                super::$case(crate::common::temp_db()).await;
            }
            #[tokio::test]
            async fn postgres() {
                super::$case(crate::common::fresh_schema_url().await).await;
            }
        }
    )*};
}

on_both_databases!(
    a_paid_top_up_is_invoiced_charged_and_applied_once,
    invalid_amounts_are_refused_and_create_nothing,
    a_declined_card_is_402_with_a_pay_link_and_paying_later_applies_the_data,
    no_payment_method_is_said_before_any_invoice_exists,
    a_capture_whose_answer_is_lost_is_read_back_never_captured_twice,
    a_capture_unanswered_and_unpaid_is_not_retried,
    a_carrier_error_after_payment_is_retried_until_applied,
    an_addition_whose_answer_is_lost_is_found_in_the_quota_history,
    a_carrier_that_never_applies_gets_the_payment_returned_as_credit,
    twenty_identical_requests_make_one_invoice_one_charge_one_addition,
    a_scheduled_top_up_is_paid_now_and_handed_to_the_carrier_for_its_day,
    an_invoice_whose_answer_is_lost_is_found_by_its_notes,
    another_customers_top_up_link_is_not_found,
);

struct T {
    p: common::TestPortal,
    c: reqwest::Client,
    quota_kb_before: u64,
}

async fn start_on(db: &str) -> T {
    let p = common::portal_on(db).await;
    let c = p.login("demo@example.com").await;
    let quota_kb_before = p.sims.freebit.line(MSISDN).unwrap().quota_kb;
    T {
        p,
        c,
        quota_kb_before,
    }
}

/// What the upstreams hold for the demo customer: the ledger every test asserts.
#[derive(Debug, PartialEq)]
struct Ledger {
    invoices: usize,
    capture_attempts: u32,
    payments: u32,
    credits: usize,
    add_specs: u32,
    added_mb: u64,
}

impl T {
    async fn top_up(&self, key: Option<&str>, body: Value) -> (u16, Value) {
        let mut r = self
            .c
            .post(format!("{}/api/subscriptions/{SIM}/sim/top-up", self.p.url))
            .json(&body);
        if let Some(k) = key {
            r = r.header("Idempotency-Key", k);
        }
        let r = r.send().await.unwrap();
        (r.status().as_u16(), r.json().await.unwrap())
    }

    fn ledger(&self) -> Ledger {
        let w = self.p.sims.whmcs.ledger(CLIENT).unwrap();
        let line = self.p.sims.freebit.line(MSISDN).unwrap();
        Ledger {
            invoices: w.invoices.len(),
            capture_attempts: w.invoices.iter().map(|i| i.capture_attempts).sum(),
            payments: w.invoices.iter().map(|i| i.payments).sum(),
            credits: w.credits.len(),
            add_specs: line.add_spec_calls,
            added_mb: (line.quota_kb - self.quota_kb_before) / 1024,
        }
    }

    async fn history(&self) -> Value {
        let r = self
            .c
            .get(format!(
                "{}/api/subscriptions/{SIM}/sim/top-up-history",
                self.p.url
            ))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 200);
        r.json().await.unwrap()
    }

    /// Waits (bounded) for the reconciler to bring the first history entry to `state`.
    async fn eventually(&self, state: &str) -> Value {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let h = self.history().await;
            if h["entries"][0]["state"] == state {
                return h["entries"][0].clone();
            }
            assert!(Instant::now() < deadline, "never reached {state}: {h}");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    async fn timeline(&self) -> Vec<String> {
        let r = self
            .c
            .get(format!(
                "{}/api/subscriptions/{SIM}/sim/timeline",
                self.p.url
            ))
            .send()
            .await
            .unwrap();
        let v: Value = r.json().await.unwrap();
        v.as_array()
            .unwrap()
            .iter()
            .map(|e| e["detail"].as_str().unwrap().to_string())
            .collect()
    }
}

fn ledger(
    invoices: usize,
    capture_attempts: u32,
    payments: u32,
    credits: usize,
    add_specs: u32,
    added_mb: u64,
) -> Ledger {
    Ledger {
        invoices,
        capture_attempts,
        payments,
        credits,
        add_specs,
        added_mb,
    }
}

async fn a_paid_top_up_is_invoiced_charged_and_applied_once(db: String) {
    let t = start_on(&db).await;
    let (status, body) = t
        .top_up(Some("key-happy-0001"), json!({"quotaMb": 3000}))
        .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["state"], "applied");
    assert_eq!(body["amountJpy"], 1500);
    assert_eq!(t.ledger(), ledger(1, 1, 1, 0, 1, 3000));

    let w = t.p.sims.whmcs.ledger(CLIENT).unwrap();
    assert_eq!(w.invoices[0].total, "1500.00");
    assert_eq!(
        w.invoices[0].descriptions,
        ["Data top-up 3 GB for 080-7705-2946"]
    );
    let line = t.p.sims.freebit.line(MSISDN).unwrap();
    let code = line.history.last().unwrap().quota_code.clone().unwrap();
    assert!(code.starts_with("tu"), "{code}");

    // The same key again: the same answer, nothing new upstream.
    let (status, again) = t
        .top_up(Some("key-happy-0001"), json!({"quotaMb": 3000}))
        .await;
    assert_eq!((status, &again["id"]), (200, &body["id"]));
    assert_eq!(t.ledger(), ledger(1, 1, 1, 0, 1, 3000));
    // …but the same key for another order is refused.
    let (status, e) = t
        .top_up(Some("key-happy-0001"), json!({"quotaMb": 5000}))
        .await;
    assert_eq!((status, e["code"].as_str()), (409, Some("conflict")));

    let h = t.history().await;
    assert_eq!(h["carrierComplete"], true);
    assert_eq!(
        h["entries"].as_array().unwrap().len(),
        1,
        "the carrier's entry is the same top-up: {h}"
    );
    assert_eq!(h["entries"][0]["invoiceId"], json!(w.invoices[0].id));
    let timeline = t.timeline().await;
    assert!(
        timeline
            .iter()
            .any(|d| d.starts_with("Paid ¥1,500 for a 3 GB top-up")),
        "{timeline:?}"
    );
    assert!(
        timeline.iter().any(|d| d == "3 GB added to 080-7705-2946"),
        "{timeline:?}"
    );
    // One receipt, though the same key was sent three times.
    let mails: Vec<Value> =
        common::get_json(&t.c, &format!("{}/_sim/mail?format=json", t.p.url)).await;
    let receipts: Vec<_> = mails
        .iter()
        .filter(|m| m["subject"] == "Your data top-up receipt")
        .collect();
    assert_eq!(receipts.len(), 1, "{mails:?}");
    let text = receipts[0]["body"].as_str().unwrap();
    assert!(text.contains("¥1,500") && text.contains("3 GB") && text.contains("080-7705-2946"));
}

async fn invalid_amounts_are_refused_and_create_nothing(db: String) {
    let t = start_on(&db).await;
    for bad in [
        json!(0),
        json!(99),
        json!(51201),
        json!("lots"),
        json!(-5),
        json!(1.5),
        json!(null),
    ] {
        let (status, e) = t
            .top_up(Some("key-invalid-01"), json!({"quotaMb": bad}))
            .await;
        assert_eq!(status, 400, "{bad}: {e}");
        assert_eq!(e["field"], "quotaMb", "{bad}");
    }
    let (status, e) = t.top_up(Some("bad key"), json!({"quotaMb": 1000})).await;
    assert_eq!((status, e["field"].as_str()), (400, Some("idempotencyKey")));
    let (status, _) = t
        .top_up(None, json!({"quotaMb": 1000, "scheduledFor": "2020-01-01"}))
        .await;
    assert_eq!(status, 400);
    assert_eq!(t.ledger(), ledger(0, 0, 0, 0, 0, 0));
}

async fn a_declined_card_is_402_with_a_pay_link_and_paying_later_applies_the_data(db: String) {
    let t = start_on(&db).await;
    assert!(t.p.sims.whmcs.set_card(CLIENT, Card::Declines));
    let (status, e) = t
        .top_up(Some("key-declined-1"), json!({"quotaMb": 1000}))
        .await;
    assert_eq!(status, 402, "{e}");
    assert_eq!(e["code"], "payment_required");
    assert!(e["message"].as_str().unwrap().contains("declined"), "{e}");
    let pay = e["payUrl"].as_str().unwrap().to_string();
    // No carrier call; the invoice stays unpaid. A retry with the key changes nothing.
    assert_eq!(t.ledger(), ledger(1, 1, 0, 0, 0, 0));
    let (status, _) = t
        .top_up(Some("key-declined-1"), json!({"quotaMb": 1000}))
        .await;
    assert_eq!(status, 402);
    assert_eq!(t.ledger(), ledger(1, 1, 0, 0, 0, 0));

    // The link signs the customer into billing at that invoice…
    let r = t.c.get(format!("{}{pay}", t.p.url)).send().await.unwrap();
    assert_eq!(r.status(), 303);
    let to = r.headers()["location"].to_str().unwrap().to_string();
    assert!(to.contains("/oauth/singlesignon.php?access_token="), "{to}");
    let page = t.c.get(&to).send().await.unwrap().text().await.unwrap();
    let invoice = t.p.sims.whmcs.ledger(CLIENT).unwrap().invoices[0].id;
    assert!(page.contains(&format!("#{invoice}")), "{page}");
    // …where they pay it with a card that works; the portal then adds the data.
    t.p.sims.whmcs.set_card(CLIENT, Card::Pays);
    let paid =
        t.c.post(format!(
            "{}/_sim/whmcs/viewinvoice.php?id={invoice}",
            t.p.url
        ))
        .send()
        .await
        .unwrap();
    assert!(paid.status().is_success());
    let entry = t.eventually("applied").await;
    assert_eq!(entry["invoiceId"], json!(invoice));
    assert_eq!(t.ledger(), ledger(1, 1, 1, 0, 1, 1000));
}

async fn no_payment_method_is_said_before_any_invoice_exists(db: String) {
    let t = start_on(&db).await;
    t.p.sims.whmcs.set_card(CLIENT, Card::Missing);
    let (status, e) = t
        .top_up(Some("key-nocard-001"), json!({"quotaMb": 1000}))
        .await;
    assert_eq!(status, 402, "{e}");
    assert!(
        e["message"].as_str().unwrap().contains("no payment method"),
        "{e}"
    );
    assert_eq!(e["payLabel"], "Add a payment method in billing");
    assert_eq!(t.ledger(), ledger(0, 0, 0, 0, 0, 0));
    // Once a card is added, the same order with the same key goes through — still once.
    t.p.sims.whmcs.set_card(CLIENT, Card::Pays);
    let (status, body) = t
        .top_up(Some("key-nocard-001"), json!({"quotaMb": 1000}))
        .await;
    assert_eq!(status, 200, "{body}");
    let (status, _) = t
        .top_up(Some("key-nocard-001"), json!({"quotaMb": 1000}))
        .await;
    assert_eq!(status, 200);
    assert_eq!(t.ledger(), ledger(1, 1, 1, 0, 1, 1000));
}

async fn a_capture_whose_answer_is_lost_is_read_back_never_captured_twice(db: String) {
    let t = start_on(&db).await;
    // WHMCS charges the card, then the answer never arrives (the client times out).
    t.p.fault(json!({"upstream": "whmcs", "operation": "CapturePayment", "kind": "timeout", "lost_reply": true, "times": 1}))
        .await;
    let (status, body) = t
        .top_up(Some("key-lostcap-01"), json!({"quotaMb": 5000}))
        .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["state"], "applied");
    assert_eq!(t.ledger(), ledger(1, 1, 1, 0, 1, 5000));
}

async fn a_capture_unanswered_and_unpaid_is_not_retried(db: String) {
    let t = start_on(&db).await;
    // The request never reaches WHMCS: the invoice stays unpaid and nobody captures again.
    t.p.fault(json!({"upstream": "whmcs", "operation": "CapturePayment", "kind": "http", "status": 503, "times": 1}))
        .await;
    let (status, e) = t
        .top_up(Some("key-nocap-0001"), json!({"quotaMb": 1000}))
        .await;
    assert_eq!(status, 402, "{e}");
    assert_eq!(t.ledger(), ledger(1, 0, 0, 0, 0, 0));
    // The reconciler watches the invoice but never captures on its own.
    tokio::time::sleep(Duration::from_millis(1500)).await;
    assert_eq!(t.ledger(), ledger(1, 0, 0, 0, 0, 0));
}

async fn a_carrier_error_after_payment_is_retried_until_applied(db: String) {
    let t = start_on(&db).await;
    t.p.fault(json!({"upstream": "freebit", "operation": "master/addSpec", "kind": "freebit_result", "result_code": "500", "message": "busy", "times": 2}))
        .await;
    let (status, body) = t
        .top_up(Some("key-retry-0001"), json!({"quotaMb": 1000}))
        .await;
    assert_eq!(status, 202, "{body}");
    assert_eq!(body["state"], "pending");
    assert!(
        body["message"]
            .as_str()
            .unwrap()
            .contains("Payment of ¥500 received"),
        "{body}"
    );
    assert_eq!(t.ledger(), ledger(1, 1, 1, 0, 0, 0));
    t.eventually("applied").await;
    assert_eq!(t.ledger(), ledger(1, 1, 1, 0, 1, 1000));
    let timeline = t.timeline().await;
    assert!(
        timeline.iter().any(|d| d.contains("keeps trying")),
        "{timeline:?}"
    );
}

async fn an_addition_whose_answer_is_lost_is_found_in_the_quota_history(db: String) {
    let t = start_on(&db).await;
    // The carrier adds the quota, then answers 503: unknown, so the portal must look first.
    t.p.fault(json!({"upstream": "freebit", "operation": "master/addSpec", "kind": "http", "status": 503, "lost_reply": true, "times": 1}))
        .await;
    let (status, _) = t
        .top_up(Some("key-lostadd-01"), json!({"quotaMb": 1000}))
        .await;
    assert_eq!(status, 202);
    t.eventually("applied").await;
    assert_eq!(t.ledger(), ledger(1, 1, 1, 0, 1, 1000));
}

async fn a_carrier_that_never_applies_gets_the_payment_returned_as_credit(db: String) {
    let t = start_on(&db).await;
    t.p.fault(json!({"upstream": "freebit", "operation": "master/addSpec", "kind": "freebit_result", "result_code": "500", "message": "down"}))
        .await;
    let (status, _) = t
        .top_up(Some("key-credit-001"), json!({"quotaMb": 2500}))
        .await;
    assert_eq!(status, 202);
    let entry = t.eventually("voided").await;
    assert!(
        entry["message"].as_str().unwrap().contains("¥1,500"),
        "{entry}"
    );
    assert_eq!(t.ledger(), ledger(1, 1, 1, 1, 0, 0));
    let w = t.p.sims.whmcs.ledger(CLIENT).unwrap();
    assert_eq!(
        (w.credit.as_str(), w.credits[0].amount.as_str()),
        ("1500.00", "1500.00")
    );
    // Nothing more happens to it.
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(t.ledger(), ledger(1, 1, 1, 1, 0, 0));
}

async fn twenty_identical_requests_make_one_invoice_one_charge_one_addition(db: String) {
    let t = start_on(&db).await;
    let mut tasks = Vec::new();
    for _ in 0..20 {
        let c = t.c.clone();
        let url = format!("{}/api/subscriptions/{SIM}/sim/top-up", t.p.url);
        tasks.push(tokio::spawn(async move {
            let r = c
                .post(url)
                .header("Idempotency-Key", "key-twenty-0001")
                .json(&json!({"quotaMb": 1000}))
                .send()
                .await
                .unwrap();
            let status = r.status().as_u16();
            let body: Value = r.json().await.unwrap();
            (status, body["id"].clone())
        }));
    }
    let mut ids = std::collections::HashSet::new();
    for task in tasks {
        let (status, id) = task.await.unwrap();
        assert_eq!(status, 200);
        ids.insert(id.to_string());
    }
    assert_eq!(ids.len(), 1);
    assert_eq!(t.ledger(), ledger(1, 1, 1, 0, 1, 1000));
}

async fn a_scheduled_top_up_is_paid_now_and_handed_to_the_carrier_for_its_day(db: String) {
    let t = start_on(&db).await;
    let day =
        app::domain::dates::jst_date(chrono::Utc::now().timestamp()) + chrono::Duration::days(3);
    let (status, body) = t
        .top_up(
            Some("key-sched-0001"),
            json!({"quotaMb": 1000, "scheduledFor": day.to_string()}),
        )
        .await;
    assert_eq!(status, 202, "{body}");
    assert_eq!(body["state"], "scheduled");
    assert_eq!(body["scheduledFor"], day.to_string());
    let line = t.p.sims.freebit.line(MSISDN).unwrap();
    assert_eq!((line.each_quota_calls, line.add_spec_calls), (1, 0));
    assert_eq!(t.ledger(), ledger(1, 1, 1, 0, 0, 0));
}

async fn an_invoice_whose_answer_is_lost_is_found_by_its_notes(db: String) {
    let t = start_on(&db).await;
    t.p.fault(json!({"upstream": "whmcs", "operation": "CreateInvoice", "kind": "http", "status": 502, "lost_reply": true, "times": 1}))
        .await;
    let (status, body) = t
        .top_up(Some("key-lostinv-01"), json!({"quotaMb": 1000}))
        .await;
    assert_eq!(status, 202, "{body}");
    t.eventually("applied").await;
    assert_eq!(t.ledger(), ledger(1, 1, 1, 0, 1, 1000));
}

async fn another_customers_top_up_link_is_not_found(db: String) {
    let t = start_on(&db).await;
    t.p.sims.whmcs.set_card(CLIENT, Card::Declines);
    let (_, e) = t
        .top_up(Some("key-other-0001"), json!({"quotaMb": 1000}))
        .await;
    let pay = e["payUrl"].as_str().unwrap().to_string();
    let other = t.p.login("demo2@example.com").await;
    let r = other.get(format!("{}{pay}", t.p.url)).send().await.unwrap();
    assert_eq!(r.status(), 404);
}
