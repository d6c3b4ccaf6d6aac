//! The billing page's services over real HTTP against the simulated WHMCS: invoices with
//! statuses and amounts, and sign-in links minted per click, only for one's own invoices.
#![allow(clippy::unwrap_used)]

mod common;
use serde_json::Value;

#[tokio::test]
async fn invoices_are_listed_and_open_through_a_fresh_sign_in_link() {
    let p = common::portal().await;
    let c = p.login("demo@example.com").await;
    let list: Vec<Value> = common::get_json(&c, &format!("{}/api/billing/invoices", p.url)).await;
    // The demo history: three paid months and next month's invoice, newest first.
    assert_eq!(list.len(), 4, "{list:?}");
    assert_eq!(list[0]["status"], "unpaid");
    assert!(list[1..].iter().all(|i| i["status"] == "paid"), "{list:?}");
    // 50 GB + 10 GB + 5 GB + 10 GB plans: 4,980 + 2,480 + 1,680 + 2,480.
    assert_eq!(list[0]["totalJpy"], 11_620);

    let id = list[0]["id"].as_u64().unwrap();
    let open = |client: &reqwest::Client, id: u64, html: bool| {
        let mut r = client.get(format!("{}/api/billing/invoices/{id}/open", p.url));
        if html {
            r = r.header("accept", "text/html");
        }
        r.send()
    };
    let first = open(&c, id, true).await.unwrap();
    assert_eq!(first.status(), 303);
    let to = first.headers()["location"].to_str().unwrap().to_string();
    assert!(to.contains("/_sim/whmcs/"), "{to}");
    // Each click mints a new single-use link.
    let second = open(&c, id, true).await.unwrap();
    assert_ne!(second.headers()["location"].to_str().unwrap(), to);

    // Another customer: a plain 404 for API clients, back to billing for a browser.
    let other = p.login("demo2@example.com").await;
    let r = open(&other, id, false).await.unwrap();
    assert_eq!(r.status(), 404);
    let r = open(&other, id, true).await.unwrap();
    assert_eq!(r.status(), 303);
    assert_eq!(
        r.headers()["location"].to_str().unwrap(),
        "/billing?open_error=not_found"
    );
    for bad in ["0", "abc", "99999999999"] {
        let r = other
            .get(format!("{}/api/billing/invoices/{bad}/open", p.url))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 404, "{bad}");
    }
    // Anonymous: 401.
    let r = p.get("/api/billing/invoices").await;
    assert_eq!(r.status(), 401);
}

#[tokio::test]
async fn billing_down_is_a_503_and_the_page_says_so() {
    let p = common::portal().await;
    let c = p.login("demo@example.com").await;
    p.fault(serde_json::json!({"upstream": "whmcs", "operation": "GetInvoices", "kind": "http", "status": 502}))
        .await;
    let r = c
        .get(format!("{}/api/billing/invoices", p.url))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 503);
    let r = c.get(format!("{}/billing", p.url)).send().await.unwrap();
    assert_eq!(r.status(), 503);
    let html = r.text().await.unwrap();
    assert!(
        html.contains("Our billing system is not responding"),
        "{html}"
    );
}
