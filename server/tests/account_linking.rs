//! Linking an existing billing account to a new portal login, over real HTTP against the
//! simulated WHMCS (ValidateLogin → GetUsers → the one owned client).
#![allow(clippy::unwrap_used)]

mod common;
use serde_json::{json, Value};

const BILLING_PASSWORD: &str = server::simulator::demo::DEMO_PASSWORD;
const NEW_PASSWORD: &str = "a brand new portal password";

async fn link(p: &common::TestPortal, email: &str, billing: &str, new: &str) -> (u16, Value) {
    let r = common::cookie_client()
        .post(format!("{}/api/auth/link", p.url))
        .json(&json!({"email": email, "billingPassword": billing, "newPassword": new}))
        .send()
        .await
        .unwrap();
    (r.status().as_u16(), r.json().await.unwrap())
}

#[tokio::test]
async fn a_billing_customer_links_once_and_then_logs_in_with_the_portal_password() {
    let p = common::portal().await;
    let billing = p.sims.provision_demo_client();

    let (status, e) = link(&p, &billing.email, "wrong", NEW_PASSWORD).await;
    assert_eq!(
        (status, e["code"].as_str()),
        (401, Some("invalid_credentials"))
    );
    let (status, e) = link(&p, &billing.email, BILLING_PASSWORD, "short").await;
    assert_eq!(
        (status, e["field"].as_str()),
        (400, Some("newPassword")),
        "{e}"
    );

    let (status, r) = link(
        &p,
        &billing.email.to_uppercase(),
        BILLING_PASSWORD,
        NEW_PASSWORD,
    )
    .await;
    assert_eq!(status, 200, "{r}");
    assert_eq!(r["customer"]["whmcsClientId"], billing.client_id);
    let token = r["token"].as_str().unwrap();
    let subs: Vec<Value> = reqwest::Client::new()
        .get(format!("{}/api/subscriptions", p.url))
        .bearer_auth(token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(subs.len(), billing.services.len());

    // From now on the portal password is the login; the billing one is not stored.
    let c = common::cookie_client();
    let r = common::post_login(&c, &p.url, &billing.email, NEW_PASSWORD).await;
    assert_eq!(r.status(), 200);
    let r = common::post_login(&c, &p.url, &billing.email, BILLING_PASSWORD).await;
    assert_eq!(r.status(), 401);

    // Linking the same billing account again is refused, and says what to do.
    let (status, e) = link(&p, &billing.email, BILLING_PASSWORD, NEW_PASSWORD).await;
    assert_eq!(status, 409);
    assert!(
        e["message"]
            .as_str()
            .unwrap()
            .contains("already has a portal login"),
        "{e}"
    );
    // So is a demo account that has a portal login already.
    let (status, _) = link(&p, "demo2@example.com", BILLING_PASSWORD, NEW_PASSWORD).await;
    assert_eq!(status, 409);
}

#[tokio::test]
async fn a_user_owning_no_account_or_several_gets_a_clear_answer() {
    let p = common::portal().await;
    let a = p.sims.provision_demo_client();
    let b = p.sims.provision_demo_client();
    p.sims
        .whmcs
        .add_user("bookkeeper@example.com", &[(a.client_id, false)]);
    p.sims.whmcs.add_user(
        "holding@example.com",
        &[(a.client_id, true), (b.client_id, true)],
    );
    let (status, e) = link(&p, "bookkeeper@example.com", BILLING_PASSWORD, NEW_PASSWORD).await;
    assert_eq!(status, 409);
    assert!(
        e["message"].as_str().unwrap().contains("does not own"),
        "{e}"
    );
    let (status, e) = link(&p, "holding@example.com", BILLING_PASSWORD, NEW_PASSWORD).await;
    assert_eq!(status, 409);
    assert!(e["message"].as_str().unwrap().contains("several"), "{e}");
    // Neither created a login: the owners can still link their own accounts.
    let (status, _) = link(&p, &a.email, BILLING_PASSWORD, NEW_PASSWORD).await;
    assert_eq!(status, 200);
}

#[tokio::test]
async fn guessing_billing_passwords_through_linking_is_throttled() {
    let p = common::portal().await;
    let billing = p.sims.provision_demo_client();
    for _ in 0..5 {
        let (status, _) = link(&p, &billing.email, "guess", NEW_PASSWORD).await;
        assert_eq!(status, 401);
    }
    let (status, e) = link(&p, &billing.email, BILLING_PASSWORD, NEW_PASSWORD).await;
    assert_eq!(
        (status, e["code"].as_str()),
        (429, Some("rate_limited")),
        "{e}"
    );
}
