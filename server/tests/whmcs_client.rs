//! The WHMCS client against the simulator over real HTTP: every action, every fault class.

mod common;
use secrecy::SecretString;
use serde_json::json;
use server::whmcs::WhmcsError;

#[tokio::test]
async fn products_carry_the_msisdn_field_and_decoded_names() {
    let u = common::upstreams().await;
    let products = u.whmcs.get_clients_products(1001, None).await.unwrap();
    assert_eq!(
        products.iter().map(|p| p.id).collect::<Vec<_>>(),
        vec![2001, 2002, 2003, 2004]
    );
    assert_eq!(
        products[0].display_name(),
        "SonixNet eSIM Data-only 50GB (4G & 5G)"
    );
    assert_eq!(products[0].custom_field(12).as_deref(), Some("08077052946"));
    assert_eq!(products[0].nextduedate, None, "0000-00-00 is no date");
    let one = u
        .whmcs
        .get_clients_products(1001, Some(2002))
        .await
        .unwrap();
    assert_eq!(one.len(), 1);
    assert!(
        u.whmcs
            .get_clients_products(1002, Some(2001))
            .await
            .unwrap()
            .is_empty(),
        "filters by client"
    );
    assert!(
        u.whmcs
            .get_clients_products(4242, None)
            .await
            .unwrap()
            .is_empty(),
        "\"\" is an empty list"
    );
}

#[tokio::test]
async fn client_details_and_login() {
    let u = common::upstreams().await;
    let c = u.whmcs.get_clients_details(1001).await.unwrap();
    assert_eq!(
        (c.email.as_str(), c.credit.as_str()),
        ("demo@example.com", "0.00")
    );
    assert_eq!(
        u.whmcs
            .get_clients_details(9)
            .await
            .unwrap_err()
            .api_message(),
        Some("Client Not Found")
    );
    let ok = u
        .whmcs
        .validate_login("demo@example.com", &SecretString::from("portal-demo"))
        .await
        .unwrap();
    assert_eq!(ok.userid, 6001);
    let bad = u
        .whmcs
        .validate_login("demo@example.com", &SecretString::from("x"))
        .await
        .unwrap_err();
    assert_eq!(bad.api_message(), Some("Email or Password Invalid"));
}

#[tokio::test]
async fn invoice_is_paid_by_capture_exactly_once() {
    let u = common::upstreams().await;
    // The demo accounts come with a paid billing history.
    let paid_before = u.whmcs.get_invoices(1001, Some("Paid")).await.unwrap();
    let inv = u
        .whmcs
        .create_invoice(
            1001,
            "Data top-up 3000 MB",
            "1500.00",
            "ref-1",
            Some("stripe"),
        )
        .await
        .unwrap();
    let got = u.whmcs.get_invoice(inv.invoiceid).await.unwrap();
    assert_eq!(
        (
            got.status.as_str(),
            got.total.as_str(),
            got.datepaid.as_deref()
        ),
        ("Unpaid", "1500.00", None)
    );
    assert!(got.transactions.is_empty());
    u.whmcs.capture_payment(inv.invoiceid).await.unwrap();
    let got = u.whmcs.get_invoice(inv.invoiceid).await.unwrap();
    assert_eq!(
        (got.status.as_str(), got.balance.as_str()),
        ("Paid", "0.00")
    );
    assert!(got.datepaid.is_some());
    assert_eq!(got.transactions.len(), 1);
    let again = u.whmcs.capture_payment(inv.invoiceid).await.unwrap_err();
    assert_eq!(again.api_message(), Some("Invoice Not Found or Not Unpaid"));
    let list = u.whmcs.get_invoices(1001, Some("Paid")).await.unwrap();
    assert_eq!(list.len(), paid_before.len() + 1);
    assert_eq!(list[0].id, inv.invoiceid, "newest first");
    assert!(list.iter().all(|i| i.status == "Paid"));
    assert!(!u
        .whmcs
        .get_invoices(1002, None)
        .await
        .unwrap()
        .iter()
        .any(|i| i.id == inv.invoiceid));
    assert!(u
        .whmcs
        .create_invoice(77, "x", "1.00", "", None)
        .await
        .is_err());
}

#[tokio::test]
async fn a_declined_card_leaves_the_invoice_unpaid_and_it_can_be_voided() {
    let u = common::upstreams().await;
    let inv = u
        .whmcs
        .create_invoice(1001, "Data top-up 1000 MB", "500.00", "", None)
        .await
        .unwrap();
    u.fault(json!({"upstream": "whmcs", "operation": "CapturePayment", "kind": "whmcs_error", "message": "Payment Attempt Failed", "times": 1}));
    let e = u.whmcs.capture_payment(inv.invoiceid).await.unwrap_err();
    assert_eq!(e.api_message(), Some("Payment Attempt Failed"));
    assert_eq!(
        u.whmcs.get_invoice(inv.invoiceid).await.unwrap().status,
        "Unpaid"
    );
    u.whmcs.cancel_invoice(inv.invoiceid).await.unwrap();
    assert_eq!(
        u.whmcs.get_invoice(inv.invoiceid).await.unwrap().status,
        "Cancelled"
    );
    assert!(
        u.whmcs.capture_payment(inv.invoiceid).await.is_err(),
        "a void invoice is never charged"
    );
}

#[tokio::test]
async fn credit_changes_the_balance() {
    let u = common::upstreams().await;
    assert_eq!(
        u.whmcs
            .add_credit(1002, "Top-up could not be applied", "500.00")
            .await
            .unwrap(),
        "500.00"
    );
    assert_eq!(
        u.whmcs.add_credit(1002, "again", "250.50").await.unwrap(),
        "750.50"
    );
    assert_eq!(
        u.whmcs.get_clients_details(1002).await.unwrap().credit,
        "750.50"
    );
    assert!(u.whmcs.add_credit(1002, "bad", "-5").await.is_err());
}

#[tokio::test]
async fn sso_tokens_are_single_use() {
    let u = common::upstreams().await;
    let t = u
        .whmcs
        .create_sso_token(1001, Some("viewinvoice.php?id=9001"))
        .await
        .unwrap();
    assert!(
        t.redirect_url.starts_with(&format!(
            "{}/whmcs/oauth/singlesignon.php?access_token=",
            u.base
        )),
        "{}",
        t.redirect_url
    );
    let http = common::cookie_client();
    let first = http.get(&t.redirect_url).send().await.unwrap();
    assert_eq!(first.status(), 200);
    assert!(first
        .text()
        .await
        .unwrap()
        .contains("viewinvoice.php?id=9001"));
    let second = http.get(&t.redirect_url).send().await.unwrap();
    assert_eq!(second.status(), 303, "a used token is refused");
    assert!(u.whmcs.create_sso_token(4242, None).await.is_err());
}

#[tokio::test]
async fn pay_methods_are_listed() {
    let u = common::upstreams().await;
    let pm = u.whmcs.get_pay_methods(1001).await.unwrap();
    assert_eq!(pm[0].card_last_four.as_deref(), Some("4242"));
}

#[tokio::test]
async fn every_fault_class_is_typed() {
    let u = common::upstreams().await;
    let invoices_before = u.whmcs.get_invoices(1001, None).await.unwrap().len();
    u.fault(json!({"upstream": "whmcs", "kind": "auth_failure", "times": 1}));
    assert!(
        matches!(u.whmcs.get_clients_details(1001).await, Err(WhmcsError::Auth(m)) if m == "Authentication Failed")
    );
    u.fault(json!({"upstream": "whmcs", "operation": "GetInvoice", "kind": "html"}));
    assert!(matches!(
        u.whmcs.get_invoice(9001).await,
        Err(WhmcsError::Decode(_))
    ));
    u.sims.faults.clear();
    u.fault(
        json!({"upstream": "whmcs", "operation": "CreateInvoice", "kind": "timeout", "times": 1}),
    );
    assert!(matches!(
        u.whmcs.create_invoice(1001, "x", "1.00", "", None).await,
        Err(WhmcsError::Timeout)
    ));
    u.fault(json!({"upstream": "whmcs", "operation": "CreateInvoice", "kind": "http", "status": 503, "times": 1}));
    assert!(matches!(
        u.whmcs.create_invoice(1001, "x", "1.00", "", None).await,
        Err(WhmcsError::Http { status: 503 })
    ));
    assert_eq!(
        u.whmcs.get_invoices(1001, None).await.unwrap().len(),
        invoices_before,
        "failed writes created nothing"
    );
    // A warning known to mean failure fails the call; any other warning is logged only.
    let failure = "Invalid or Missing Payment Information - Please Reload and Try Again";
    u.fault(json!({"upstream": "whmcs", "operation": "AddCredit", "kind": "whmcs_warning", "message": failure, "times": 1}));
    assert_eq!(
        u.whmcs
            .add_credit(1001, "x", "1.00")
            .await
            .unwrap_err()
            .api_message(),
        Some(failure)
    );
    u.fault(json!({"upstream": "whmcs", "operation": "GetPayMethods", "kind": "whmcs_warning", "message": "Client is closed", "times": 1}));
    assert!(u.whmcs.get_pay_methods(1001).await.is_ok());
    u.fault(json!({"upstream": "whmcs", "operation": "GetPayMethods", "kind": "latency", "latency_ms": 100, "times": 1}));
    let started = std::time::Instant::now();
    assert_eq!(u.whmcs.get_pay_methods(1001).await.unwrap().len(), 1);
    assert!(started.elapsed() >= std::time::Duration::from_millis(100));
    u.fault(json!({"upstream": "whmcs", "operation": "GetClientsProducts", "kind": "http", "status": 502, "times": 2}));
    assert_eq!(
        u.whmcs
            .get_clients_products(1002, None)
            .await
            .unwrap()
            .len(),
        1,
        "reads are retried"
    );
}

#[tokio::test]
async fn wrong_credentials_are_403() {
    let u = common::upstreams().await;
    let r = reqwest::Client::new()
        .post(format!("{}/whmcs/includes/api.php", u.base))
        .form(&[
            ("action", "GetClientsProducts"),
            ("identifier", "x"),
            ("secret", "y"),
            ("responsetype", "json"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
    let r = reqwest::Client::new()
        .post(format!("{}/whmcs/includes/api.php", u.base))
        .form(&[
            ("action", "NoSuchThing"),
            ("identifier", "sim-api-identifier"),
            ("secret", "sim-api-secret"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(
        r.json::<serde_json::Value>().await.unwrap()["message"],
        "Command Not Found"
    );
}

#[tokio::test]
async fn lists_are_read_page_by_page_until_totalresults() {
    let u = common::upstreams().await;
    let small = u.whmcs.clone().with_page_size(2);
    let products = small.get_clients_products(1001, None).await.unwrap();
    assert_eq!(
        products.iter().map(|p| p.id).collect::<Vec<_>>(),
        vec![2001, 2002, 2003, 2004]
    );
    let before = u.whmcs.get_invoices(1002, None).await.unwrap().len();
    for n in 0..5 {
        u.whmcs
            .create_invoice(1002, &format!("item {n}"), "100.00", "", None)
            .await
            .unwrap();
    }
    let all = small.get_invoices(1002, None).await.unwrap();
    assert_eq!(all.len(), before + 5);
    let mut ids: Vec<_> = all.iter().map(|i| i.id).collect();
    ids.dedup();
    assert_eq!(ids.len(), all.len(), "no page read twice");
}

#[tokio::test]
async fn sso_tokens_expire() {
    let u = common::upstreams().await;
    u.sims
        .whmcs
        .set_sso_ttl(std::time::Duration::from_millis(100));
    let t = u.whmcs.create_sso_token(1001, None).await.unwrap();
    tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    let r = common::cookie_client()
        .get(&t.redirect_url)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303, "an expired token is refused");
}
