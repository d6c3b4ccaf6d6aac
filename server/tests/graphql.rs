//! The store's GraphQL API over real HTTP (issue 12): the seed's queries and mutations with
//! its field names, bearer token or cookie, one customer's things only, error codes, and the
//! depth and complexity limits.

#![allow(clippy::unwrap_used)]

mod common;

use common::TestPortal;
use serde_json::{json, Value};
use std::time::Duration;

async fn ready() -> TestPortal {
    let p = common::portal().await;
    for _ in 0..200 {
        let r = gql(&p, None, "{ featuredPlans { id } }", json!({})).await;
        if r["errors"].is_null() {
            return p;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("the catalogue was never synced");
}

async fn token(p: &TestPortal, email: &str) -> String {
    let r: Value = p
        .http
        .post(format!("{}/api/auth/login", p.url))
        .json(&json!({"email": email, "password": server::simulator::demo::DEMO_PASSWORD}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    r["token"].as_str().unwrap().to_string()
}

async fn gql(p: &TestPortal, bearer: Option<&str>, query: &str, variables: Value) -> Value {
    let mut r = reqwest::Client::new()
        .post(format!("{}/graphql", p.url))
        .json(&json!({"query": query, "variables": variables}));
    if let Some(t) = bearer {
        r = r.bearer_auth(t);
    }
    let r = r.send().await.unwrap();
    assert_eq!(r.status(), 200);
    r.json().await.unwrap()
}

fn code(r: &Value) -> &str {
    r["errors"][0]["extensions"]["code"].as_str().unwrap_or("")
}

#[tokio::test]
async fn the_seeds_queries_answer_with_its_field_names() {
    let p = ready().await;
    // The seed's curl example, no login.
    let r = gql(&p, None, "{ featuredPlans { name price } }", json!({})).await;
    let plans = r["data"]["featuredPlans"].as_array().unwrap();
    assert_eq!(plans.len(), 6, "{r}");
    assert!(plans.iter().all(|p| p["price"].as_i64().unwrap() > 0));

    let r = gql(
        &p,
        None,
        "query($f: DataPlanFilter) { dataPlans(filter: $f) { id name description price duration countries { name iso } } }",
        json!({"f": {"country": "JP", "duration": 30}}),
    )
    .await;
    let plans = r["data"]["dataPlans"].as_array().unwrap();
    assert!(!plans.is_empty(), "{r}");
    for plan in plans {
        assert!(plan["duration"].as_i64().unwrap() >= 30, "{plan}");
        assert!(
            plan["countries"]
                .as_array()
                .unwrap()
                .iter()
                .any(|c| c["iso"] == "JP"),
            "{plan}"
        );
    }
    let r = gql(
        &p,
        None,
        "{ dataPlans(filter: {maxPrice: -5}) { id } }",
        json!({}),
    )
    .await;
    assert_eq!(code(&r), "BAD_USER_INPUT", "{r}");

    // Who you are decides what you see.
    let r = gql(&p, None, "{ myESIMs { id status } }", json!({})).await;
    assert_eq!(code(&r), "UNAUTHENTICATED", "{r}");
    let t = token(&p, "demo@example.com").await;
    let buy = "mutation($plan: String!, $in: PurchaseInput) { purchaseESIM(planId: $plan, input: $in) { success error order { id reference status totalPrice esims { iccid qrCode status } dataPlan { name } } } }";
    let r = gql(&p, Some(&t), buy, json!({"plan": "esim_1GB_7D_JP_V2", "in": {"quantity": 1, "idempotencyKey": "graphql-buy-01"}})).await;
    let result = &r["data"]["purchaseESIM"];
    assert_eq!(result["success"], true, "{r}");
    let order = &result["order"];
    assert_eq!(order["status"], "COMPLETED");
    let iccid = order["esims"][0]["iccid"].as_str().unwrap().to_string();
    assert!(
        order["esims"][0]["qrCode"]
            .as_str()
            .unwrap()
            .starts_with("LPA:1$"),
        "{r}"
    );
    // Sent again with the key: the same order, nothing charged again.
    let again = gql(&p, Some(&t), buy, json!({"plan": "esim_1GB_7D_JP_V2", "in": {"quantity": 1, "idempotencyKey": "graphql-buy-01"}})).await;
    assert_eq!(again["data"]["purchaseESIM"]["order"]["id"], order["id"]);
    assert_eq!(p.sims.esimgo.order_count(), 1);
    let r = gql(
        &p,
        Some(&t),
        buy,
        json!({"plan": "esim_1GB_7D_JP_V2", "in": {"quantity": 11}}),
    )
    .await;
    assert_eq!(
        (code(&r), r["errors"][0]["extensions"]["field"].as_str()),
        ("BAD_USER_INPUT", Some("quantity")),
        "{r}"
    );
    let r = gql(
        &p,
        Some(&t),
        buy,
        json!({"plan": "esim_1GB_7D_JP_V2", "in": {"autoActivate": true}}),
    )
    .await;
    assert_eq!(code(&r), "BAD_USER_INPUT", "{r}");

    let r = gql(
        &p,
        Some(&t),
        "{ myESIMs { id iccid status qrCode usage { totalUsed totalRemaining } bundles { name state dataUsed endDate } } \
           myOrders(filter: {status: COMPLETED}) { id reference status totalPrice createdAt dataPlan { name } esims { iccid status } } }",
        json!({}),
    )
    .await;
    assert!(r["errors"].is_null(), "{r}");
    assert_eq!(r["data"]["myESIMs"][0]["iccid"], iccid.as_str());
    assert_eq!(
        r["data"]["myESIMs"][0]["bundles"][0]["name"],
        "esim_1GB_7D_JP_V2"
    );
    assert_eq!(r["data"]["myOrders"].as_array().unwrap().len(), 1);
    let id = order["id"].as_str().unwrap();
    let r = gql(&p, Some(&t), "query($id: String!) { orderDetails(id: $id) { id dataPlan { name } esims { iccid qrCode status } } }", json!({"id": id})).await;
    assert_eq!(
        r["data"]["orderDetails"]["esims"][0]["iccid"],
        iccid.as_str(),
        "{r}"
    );
    let r = gql(&p, Some(&t), "query($id: String!) { esimDetails(id: $id) { id plan { name description } bundles { state dataUsed } } }", json!({"id": iccid})).await;
    assert_eq!(r["data"]["esimDetails"]["id"], iccid.as_str(), "{r}");

    // Suspend and restore, by the seed's names.
    let r = gql(
        &p,
        Some(&t),
        "mutation($id: String!) { suspendESIM(esimId: $id) { success esim { status } } }",
        json!({"id": iccid}),
    )
    .await;
    assert_eq!(
        r["data"]["suspendESIM"]["esim"]["status"], "SUSPENDED",
        "{r}"
    );
    let r = gql(
        &p,
        Some(&t),
        "mutation($id: String!) { restoreESIM(esimId: $id) { success esim { status } } }",
        json!({"id": iccid}),
    )
    .await;
    assert_eq!(r["data"]["restoreESIM"]["esim"]["status"], "ACTIVE", "{r}");

    // Another customer: the same ids are simply not there.
    let other = token(&p, "demo2@example.com").await;
    let r = gql(
        &p,
        Some(&other),
        "query($id: String!) { orderDetails(id: $id) { id } }",
        json!({"id": id}),
    )
    .await;
    assert_eq!(code(&r), "NOT_FOUND", "{r}");
    let r = gql(
        &p,
        Some(&other),
        "query($id: String!) { esimDetails(id: $id) { id } }",
        json!({"id": iccid}),
    )
    .await;
    assert_eq!(code(&r), "NOT_FOUND", "{r}");
    let r = gql(
        &p,
        Some(&other),
        "mutation($id: String!) { suspendESIM(esimId: $id) { success } }",
        json!({"id": iccid}),
    )
    .await;
    assert_eq!(code(&r), "NOT_FOUND", "{r}");
    let r = gql(
        &p,
        Some(&other),
        "{ myESIMs { id } myOrders { id } }",
        json!({}),
    )
    .await;
    assert_eq!(r["data"]["myESIMs"], json!([]), "{r}");
    assert_eq!(r["data"]["myOrders"], json!([]), "{r}");

    // The session cookie works as well as the bearer token.
    let browser = p.login("demo@example.com").await;
    let r: Value = browser
        .post(format!("{}/graphql", p.url))
        .json(&json!({"query": "{ myESIMs { iccid } }"}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(r["data"]["myESIMs"][0]["iccid"], iccid.as_str(), "{r}");
}

#[tokio::test]
async fn deep_or_costly_queries_are_refused_before_running() {
    let p = ready().await;
    let deep = "{ __schema { types { fields { type { ofType { ofType { ofType { ofType { ofType { ofType { ofType { name } } } } } } } } } } } }";
    let r = gql(&p, None, deep, json!({})).await;
    assert!(r["data"].is_null(), "{r}");
    assert!(
        r["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("nested too deep"),
        "{r}"
    );
    let wide: String = (0..300)
        .map(|i| format!("p{i}: featuredPlans {{ name price }} "))
        .collect();
    let r = gql(&p, None, &format!("{{ {wide} }}"), json!({})).await;
    assert!(
        r["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("too complex"),
        "{r}"
    );
    // Not JSON at all.
    let r = reqwest::Client::new()
        .post(format!("{}/graphql", p.url))
        .body("nope")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
    // GraphiQL on the demo.
    let page = reqwest::get(format!("{}/graphql", p.url)).await.unwrap();
    assert_eq!(page.status(), 200);
    assert!(page
        .text()
        .await
        .unwrap()
        .to_lowercase()
        .contains("graphiql"));
}
