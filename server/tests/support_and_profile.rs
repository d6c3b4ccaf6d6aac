//! Support cases (live from Salesforce, own account only) and the profile, address and
//! payment methods (WHMCS, cached per seed 001), over real HTTP.
#![allow(clippy::unwrap_used)]

mod common;

use serde_json::{json, Value};

async fn call(
    p: &common::TestPortal,
    token: &str,
    method: reqwest::Method,
    path: &str,
    body: Option<Value>,
) -> (u16, Value) {
    p.call(token, method, path, body).await
}

#[tokio::test]
async fn customers_open_read_and_comment_on_their_own_cases_only() {
    use reqwest::Method;
    let p = common::portal().await;
    let hana = p.token("demo@example.com").await;
    let kenji = p.token("demo2@example.com").await;

    let (status, list) = call(&p, &hana, Method::GET, "/api/support/cases", None).await;
    assert_eq!((status, list.as_array().map(Vec::len)), (200, Some(0)));

    let (status, created) = call(
        &p,
        &hana,
        Method::POST,
        "/api/support/cases",
        Some(
            json!({"subject": "No data since this morning", "category": "SIM & network",
                    "description": "The eSIM shows full bars but nothing loads."}),
        ),
    )
    .await;
    assert_eq!(status, 201, "{created}");
    let id = created["id"].as_str().unwrap().to_string();
    assert!(created["number"].as_str().is_some_and(|n| !n.is_empty()));
    assert_eq!(created["status"], "New");
    // Stored in Salesforce as the portal's case, on Hana's account and contact.
    let stored = p.sims.salesforce.records("Case");
    assert_eq!(stored[0]["Origin"], "Portal Website");
    assert!(stored[0]["ContactId"]
        .as_str()
        .is_some_and(|c| c.starts_with("003")));

    let (_, list) = call(&p, &hana, Method::GET, "/api/support/cases", None).await;
    assert_eq!(list[0]["id"], id.as_str());
    let path = format!("/api/support/cases/{id}");
    let (status, c) = call(
        &p,
        &hana,
        Method::POST,
        &format!("{path}/comments"),
        Some(json!({"body": "It works again after a restart."})),
    )
    .await;
    assert_eq!(status, 201, "{c}");
    let (status, detail) = call(&p, &hana, Method::GET, &path, None).await;
    assert_eq!(status, 200);
    assert_eq!(
        detail["description"],
        "The eSIM shows full bars but nothing loads."
    );
    assert_eq!(
        detail["comments"][0]["body"],
        "It works again after a restart."
    );

    // Kenji's account sees none of it: the same 404 as for a case that does not exist.
    let (_, list) = call(&p, &kenji, Method::GET, "/api/support/cases", None).await;
    assert_eq!(list.as_array().map(Vec::len), Some(0));
    for (method, path, body) in [
        (Method::GET, path.clone(), None),
        (
            Method::POST,
            format!("{path}/comments"),
            Some(json!({"body": "hi"})),
        ),
        (
            Method::GET,
            "/api/support/cases/500000000000999AAA".to_string(),
            None,
        ),
        (
            Method::GET,
            "/api/support/cases/' OR Id != '".to_string(),
            None,
        ),
    ] {
        let (status, body) = call(&p, &kenji, method, &path, body).await;
        assert_eq!(status, 404, "{path}: {body}");
    }
    assert_eq!(p.sims.salesforce.records("CaseComment").len(), 1);

    // Bad input names the field; Salesforce down is 503; anonymous is 401.
    let (status, e) = call(
        &p,
        &hana,
        Method::POST,
        "/api/support/cases",
        Some(json!({"subject": "x", "category": "Refund now", "description": "d"})),
    )
    .await;
    assert_eq!((status, e["field"].as_str()), (400, Some("category")));
    p.fault(
        json!({"upstream": "salesforce", "operation": "query", "kind": "salesforce_error",
        "status": 503, "error_code": "SERVER_UNAVAILABLE", "message": "down"}),
    )
    .await;
    let (status, e) = call(&p, &hana, Method::GET, "/api/support/cases", None).await;
    assert_eq!(
        (status, e["code"].as_str()),
        (503, Some("upstream_unavailable"))
    );
    assert_eq!(p.get("/api/support/cases").await.status(), 401);
}

#[tokio::test]
async fn the_address_is_read_cached_and_changed_in_billing() {
    use reqwest::Method;
    let p = common::portal().await;
    let c = common::cookie_client();
    // Provisioned clients have no portal login: make one through the demo endpoint instead.
    let r: Value = c
        .post(format!("{}/_sim/control/demo-customer", p.url))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let token = p.token(r["email"].as_str().unwrap()).await;

    p.sims.faults.reset_calls();
    let (status, profile) = call(&p, &token, Method::GET, "/api/me/profile", None).await;
    assert_eq!(status, 200, "{profile}");
    assert_eq!(profile["address"]["prefecture"], "Tokyo");
    call(&p, &token, Method::GET, "/api/me/profile", None).await;
    let details = |p: &common::TestPortal| {
        p.sims
            .faults
            .calls()
            .get("whmcs getclientsdetails")
            .copied()
            .unwrap_or(0)
    };
    assert_eq!(details(&p), 1, "the second read is cached");

    let change = json!({"address": {"postcode": "5300001", "prefecture": "osaka",
        "city": "Kita-ku", "line1": "2-2-2 Umeda", "line2": ""}, "phone": "06-1234-5678"});
    let (status, after) = call(&p, &token, Method::PATCH, "/api/me/address", Some(change)).await;
    assert_eq!(status, 200, "{after}");
    assert_eq!(after["address"]["postcode"], "530-0001");
    assert_eq!(after["address"]["prefecture"], "Osaka");
    assert_eq!(after["phone"], "06-1234-5678");
    // Billing holds it (read live, past the cache).
    p.sims.faults.reset_calls();
    let (_, again) = call(&p, &token, Method::GET, "/api/me/profile", None).await;
    assert_eq!(again["address"]["city"], "Kita-ku");

    for (body, field) in [
        (
            json!({"address": {"postcode": "12", "prefecture": "Osaka", "city": "c", "line1": "l"}}),
            "address.postcode",
        ),
        (
            json!({"address": {"postcode": "530-0001", "prefecture": "Osaka", "city": "c", "line1": "l"}, "phone": "1"}),
            "phone",
        ),
        (
            json!({"address": {"postcode": "530-0001", "prefecture": "Osaka", "city": "c", "line1": "l"}, "fax": "1"}),
            "fax",
        ),
    ] {
        let (status, e) = call(&p, &token, Method::PATCH, "/api/me/address", Some(body)).await;
        assert_eq!((status, e["field"].as_str()), (400, Some(field)), "{e}");
    }
    let (_, unchanged) = call(&p, &token, Method::GET, "/api/me/profile", None).await;
    assert_eq!(unchanged["address"]["city"], "Kita-ku");
}

#[tokio::test]
async fn payment_methods_are_summarised_and_managed_through_a_fresh_sso_link() {
    use reqwest::Method;
    let p = common::portal().await;
    let token = p.token("demo@example.com").await;
    let (status, pm) = call(
        &p,
        &token,
        Method::GET,
        "/api/billing/payment-methods/summary",
        None,
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(pm["hasPaymentMethod"], true);
    assert_eq!(pm["description"], "Visa ending 4242");

    let r = reqwest::Client::new()
        .post(format!("{}/api/auth/sso-link", p.url))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(r.headers()["cache-control"], "no-store");
    let body: Value = r.json().await.unwrap();
    let url = body["url"].as_str().unwrap();
    assert!(
        url.contains("/_sim/whmcs/oauth/singlesignon.php?access_token="),
        "{url}"
    );
    // The link signs in once, into the payment methods page.
    let first = common::cookie_client().get(url).send().await.unwrap();
    assert_eq!(first.status(), 200);
    assert!(first
        .text()
        .await
        .unwrap()
        .to_lowercase()
        .contains("payment method"));
    let second = common::cookie_client().get(url).send().await.unwrap();
    assert!(second.headers()["location"]
        .to_str()
        .unwrap()
        .contains("login.php"));
    assert_eq!(
        reqwest::Client::new()
            .post(format!("{}/api/auth/sso-link", p.url))
            .send()
            .await
            .unwrap()
            .status(),
        401
    );
}

#[tokio::test]
async fn the_request_id_travels_to_salesforce_and_whmcs() {
    let p = common::portal().await;
    let token = p.token("demo@example.com").await;
    for path in ["/api/support/cases", "/api/me/profile"] {
        let r = reqwest::Client::new()
            .get(format!("{}{path}", p.url))
            .bearer_auth(&token)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 200, "{path}");
        let id = r.headers()["x-request-id"].to_str().unwrap().to_string();
        assert!(
            p.sims.faults.request_ids().contains(&id),
            "{path}: {id} not forwarded"
        );
    }
}
