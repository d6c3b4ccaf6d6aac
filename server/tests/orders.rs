//! Catalog, checkout and fulfilment over real HTTP against the three simulators: the catalog's
//! visibility rules, checkout idempotency (twenty concurrent submits → one Salesforce order),
//! the happy path to a working SIM, a missing payment method (paused, then resumed), carrier
//! failures (retried, then reported), a lost WHMCS AddOrder reply and a replayed approval
//! event (one WHMCS order each), and a crash between steps (finished on restart).
#![allow(clippy::unwrap_used)]

mod common;

use serde_json::{json, Value};
use server::simulator::demo;
use server::simulator::whmcs::Card;
use std::time::Duration;

const HANA: &str = "demo@example.com";
const KENJI: &str = "demo2@example.com";

/// A valid EID ending in `n` before its check digits (ISO 7064 MOD 97-10).
fn eid(n: u32) -> String {
    let base = format!("8904903200000100000000{n:08}");
    let rem = base
        .bytes()
        .chain(*b"00")
        .fold(0u32, |r, d| (r * 10 + u32::from(d - b'0')) % 97);
    format!("{base}{:02}", 98 - rem)
}

async fn call(
    p: &common::TestPortal,
    token: &str,
    method: reqwest::Method,
    path: &str,
    body: Option<Value>,
) -> (u16, Value) {
    p.call(token, method, path, body).await
}

async fn place(p: &common::TestPortal, token: &str, body: Value) -> (u16, Value) {
    call(p, token, reqwest::Method::POST, "/api/orders", Some(body)).await
}

async fn order(p: &common::TestPortal, token: &str, id: &str) -> Value {
    let (status, o) = call(
        p,
        token,
        reqwest::Method::GET,
        &format!("/api/orders/{id}"),
        None,
    )
    .await;
    assert_eq!(status, 200, "{o}");
    o
}

/// Waits (bounded) until the order satisfies `done`; the order.
async fn until(
    p: &common::TestPortal,
    token: &str,
    id: &str,
    what: &str,
    done: impl Fn(&Value) -> bool,
) -> Value {
    for _ in 0..300 {
        let o = order(p, token, id).await;
        if done(&o) {
            return o;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("never happened: {what}: {}", order(p, token, id).await);
}

/// The Salesforce order of a portal order.
fn sf_order(p: &common::TestPortal, number: &str) -> Value {
    p.sims
        .salesforce
        .records("Order")
        .into_iter()
        .find(|o| o["OrderNumber"] == number)
        .unwrap()
}

/// Staff approve the portal order `placed` in Salesforce; its Salesforce id.
fn approve(p: &common::TestPortal, placed: &Value) -> String {
    let sf = sf_order(p, placed["number"].as_str().unwrap());
    let id = sf["Id"].as_str().unwrap().to_string();
    assert!(p.sims.salesforce.approve_order(&id));
    id
}

/// Waits until the portal order `placed` is completed; the order.
async fn completed(p: &common::TestPortal, token: &str, placed: &Value) -> Value {
    until(p, token, placed["id"].as_str().unwrap(), "completed", |o| {
        o["state"] == "completed"
    })
    .await
}

/// The client's WHMCS services carrying `sf_id` in the Salesforce-order field.
async fn whmcs_services_for(p: &common::TestPortal, client: &str, sf_id: &str) -> Vec<Value> {
    let r = p.whmcs("GetClientsProducts", &[("clientid", client)]).await;
    r["products"]["product"]
        .as_array()
        .cloned()
        .unwrap_or_default()
        .into_iter()
        .filter(|s| {
            s["customfields"]["customfield"]
                .as_array()
                .is_some_and(|f| {
                    f.iter().any(|f| {
                        f["id"].as_str().and_then(|i| i.parse::<u64>().ok())
                            == Some(demo::SF_ORDER_FIELD_ID)
                            && f["value"] == sf_id
                    })
                })
        })
        .collect()
}

fn calls(p: &common::TestPortal, key: &str) -> u64 {
    p.sims.faults.calls().get(key).copied().unwrap_or(0)
}

fn esim_cart(n: u32) -> Value {
    json!({"sku": "ESIM-PASI-10G", "options": {"eid": eid(n), "network": "4G"}})
}

#[tokio::test]
async fn the_catalog_shows_what_each_customer_may_order() {
    let p = common::portal().await;
    let public: Value = p.get("/api/catalog").await.json().await.unwrap();
    let names: Vec<&str> = public["products"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["name"].as_str().unwrap())
        .collect();
    assert!(names.contains(&"eSIM Data-only 10GB"));
    assert!(names.contains(&"eSIM activation fee"));
    for hidden in [
        "Spring campaign eSIM 3GB",
        "Legacy SIM 3GB",
        "Data-only 100GB (preview)",
        "Home Fibre 1 Gbps (Tokyo)",
    ] {
        assert!(!names.contains(&hidden), "{hidden} must not be offered");
    }
    let plan = public["products"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["sku"] == "ESIM-PASI-10G")
        .unwrap();
    assert_eq!(plan["priceYen"], 1980);
    assert_eq!(plan["options"][0]["key"], "eid");

    let personal = |email: &'static str| {
        let p = &p;
        async move {
            let t = p.token(email).await;
            let (s, v) = call(
                p,
                &t,
                reqwest::Method::GET,
                "/api/catalog/personalized",
                None,
            )
            .await;
            assert_eq!(s, 200);
            v["products"]
                .as_array()
                .unwrap()
                .iter()
                .any(|x| x["sku"] == "NET-FIBRE-1G-TOKYO")
        }
    };
    assert!(personal(HANA).await, "Hana's account is eligible for fibre");
    assert!(!personal(KENJI).await);
    assert_eq!(p.get("/api/catalog/personalized").await.status(), 401);
}

#[tokio::test]
async fn checkout_is_validated_and_idempotent_then_fulfilment_makes_a_working_sim() {
    let p = common::portal().await;
    let hana = p.token(HANA).await;

    // Refusals name the field and create nothing.
    for (body, field) in [
        (
            json!({"sku": "ESIM-PASI-10G", "options": {"eid": "123"}}),
            "eid",
        ),
        (json!({"sku": "ESIM-PASI-10G"}), "eid"),
        (json!({"sku": "ESIM-ACTIVATION"}), "sku"),
        (
            json!({"sku": "ESIM-SPRING-3G", "options": {"eid": eid(1)}}),
            "sku",
        ),
        (
            json!({"sku": "ESIM-PASI-10G", "options": {"eid": eid(1)}, "addOns": ["VPN-ACTIVATION"]}),
            "addOns",
        ),
        (json!({"sku": "ESIM-PASI-10G", "colour": "red"}), "colour"),
    ] {
        let (status, e) = place(&p, &hana, body).await;
        assert_eq!((status, e["field"].as_str()), (400, Some(field)), "{e}");
    }
    assert!(p.sims.salesforce.records("Order").is_empty());

    // Twenty concurrent submits of one cart: one Salesforce order, one portal order.
    let cart =
        json!({"sku": "ESIM-PASI-10G", "options": {"eid": eid(2)}, "addOns": ["ESIM-ADDON-VOICE"]});
    let mut submits = tokio::task::JoinSet::new();
    for _ in 0..20 {
        let (url, token, cart) = (p.url.clone(), hana.clone(), cart.clone());
        submits.spawn(async move {
            let r = reqwest::Client::new()
                .post(format!("{url}/api/orders"))
                .bearer_auth(token)
                .json(&cart)
                .send()
                .await
                .unwrap();
            (r.status().as_u16(), r.json::<Value>().await.unwrap())
        });
    }
    let results = submits.join_all().await;
    let ids: std::collections::BTreeSet<String> = results
        .iter()
        .map(|(s, o)| {
            assert_eq!(*s, 201, "{o}");
            o["id"].as_str().unwrap().to_string()
        })
        .collect();
    assert_eq!(ids.len(), 1, "one order for twenty submits");
    assert_eq!(p.sims.salesforce.records("Order").len(), 1);
    let placed = &results[0].1;
    assert_eq!(placed["state"], "submitted");
    assert_eq!(
        (placed["oneTimeYen"].as_u64(), placed["monthlyYen"].as_u64()),
        (Some(3300), Some(2310))
    );
    let id = placed["id"].as_str().unwrap().to_string();
    let number = placed["number"].as_str().unwrap().to_string();
    let sf = sf_order(&p, &number);
    assert_eq!(sf["Status"], "Pending Review");
    assert_eq!(sf["TotalAmount"], 5610.0);
    assert_eq!(
        p.sims.salesforce.records("OrderItem").len(),
        3,
        "plan, activation fee, add-on"
    );

    // Staff approve: the event reaches the portal, fulfilment runs to the end.
    let sf_id = sf["Id"].as_str().unwrap().to_string();
    assert!(p.sims.salesforce.approve_order(&sf_id));
    let done = until(&p, &hana, &id, "completed", |o| o["state"] == "completed").await;
    assert!(done["steps"]
        .as_array()
        .unwrap()
        .iter()
        .all(|s| s["status"] == "done"));
    let msisdn = done["msisdn"].as_str().unwrap().to_string();
    let line = p.sims.freebit.line(&msisdn).unwrap();
    assert_eq!(line.eid.as_deref(), Some(eid(2).as_str()));
    assert_eq!(
        (line.plan_code.as_str(), line.contract_line.as_str()),
        ("PASI_10G", "5G")
    );
    let sf = sf_order(&p, &number);
    assert_eq!(sf["Provisioning_Status__c"], "Provisioned");
    assert_eq!(sf["ESIM_ICCID__c"], line.iccid.as_str());
    let services = whmcs_services_for(&p, "1001", &sf_id).await;
    assert_eq!(services.len(), 3);
    assert!(services.iter().all(|s| s["status"] == "Active"));
    assert_eq!(sf["WHMCS_Order_ID__c"], services[0]["orderid"]);

    // The new subscription is listed and its SIM page data works.
    let service = done["subscriptionId"].as_u64().unwrap();
    let (status, subs) = call(&p, &hana, reqwest::Method::GET, "/api/subscriptions", None).await;
    assert_eq!(status, 200);
    assert!(subs.to_string().contains(&msisdn), "{subs}");
    let (status, detail) = call(
        &p,
        &hana,
        reqwest::Method::GET,
        &format!("/api/subscriptions/{service}/sim/details"),
        None,
    )
    .await;
    assert_eq!(status, 200, "{detail}");

    // Emails: order provisioned and eSIM ready, once each.
    let mail: Vec<Value> =
        common::get_json(&p.http, &format!("{}/_sim/mail?format=json", p.url)).await;
    let subjects: Vec<&str> = mail.iter().filter_map(|m| m["subject"].as_str()).collect();
    assert_eq!(
        subjects.iter().filter(|s| s.contains(&number)).count(),
        1,
        "{subjects:?}"
    );
    assert_eq!(
        subjects
            .iter()
            .filter(|s| s.contains("eSIM is ready"))
            .count(),
        1
    );

    // A replayed approval event (and a fresh one) change nothing: still one WHMCS order.
    let sf_client = p.sims.salesforce.clone();
    let events = sf_client.events("OrderProvisionRequested__e");
    let key = events[0].1["IdemKey__c"].as_str().unwrap().to_string();
    let publish = |k: String| {
        let url = p.url.clone();
        let sf_id = sf_id.clone();
        async move {
            let token: Value = reqwest::Client::new()
                .post(format!("{url}/_sim/salesforce/services/oauth2/token"))
                .form(&[
                    ("grant_type", "password"),
                    ("client_id", server::simulator::salesforce::CLIENT_ID),
                    (
                        "client_secret",
                        server::simulator::salesforce::CLIENT_SECRET,
                    ),
                    ("username", server::simulator::salesforce::USERNAME),
                    ("password", server::simulator::salesforce::PASSWORD),
                ])
                .send()
                .await
                .unwrap()
                .json()
                .await
                .unwrap();
            let r = reqwest::Client::new()
                .post(format!(
                    "{url}/_sim/salesforce/services/data/v62.0/sobjects/OrderProvisionRequested__e"
                ))
                .bearer_auth(token["access_token"].as_str().unwrap())
                .json(&json!({"OrderId__c": sf_id, "IdemKey__c": k}))
                .send()
                .await
                .unwrap();
            assert_eq!(r.status(), 201);
        }
    };
    publish(key).await;
    publish("a-new-key".into()).await;
    tokio::time::sleep(Duration::from_millis(800)).await;
    assert_eq!(
        whmcs_services_for(&p, "1001", &sf_id).await.len(),
        3,
        "no second WHMCS order"
    );
    assert_eq!(calls(&p, "whmcs addorder"), 1);
    assert_eq!(calls(&p, "freebit mvno/esim/addacnt"), 1);

    // After completion the same cart is a new order (the key is freed).
    let (status, again) = place(&p, &hana, cart).await;
    assert_eq!(status, 201);
    assert_ne!(again["id"], id.as_str());
    // Another customer cannot see the order.
    let kenji = p.token(KENJI).await;
    let (status, _) = call(
        &p,
        &kenji,
        reqwest::Method::GET,
        &format!("/api/orders/{id}"),
        None,
    )
    .await;
    assert_eq!(status, 404);
}

#[tokio::test]
async fn no_payment_method_pauses_fulfilment_until_one_is_added() {
    let p = common::portal().await;
    let kenji = p.token(KENJI).await;
    let (status, placed) = place(
        &p,
        &kenji,
        json!({"sku": "VPN-TRAVEL", "options": {"region": "Europe"}}),
    )
    .await;
    assert_eq!(status, 201, "{placed}");
    let id = placed["id"].as_str().unwrap();
    // The card is removed after checkout, before approval.
    p.sims.whmcs.set_card(1002, Card::Missing);
    approve(&p, &placed);
    let paused = until(&p, &kenji, id, "paused", |o| !o["paused"].is_null()).await;
    assert!(paused["paused"]
        .as_str()
        .unwrap()
        .contains("payment method"));
    assert_eq!(paused["action"]["label"], "Add a payment method");
    assert!(paused["steps"]
        .as_array()
        .unwrap()
        .iter()
        .any(|s| s["status"] == "paused"));
    let sf = sf_order(&p, placed["number"].as_str().unwrap());
    assert_eq!(sf["Provisioning_Status__c"], "Paused");
    assert_eq!(sf["Provisioning_Error_Code__c"], "NO_PAYMENT_METHOD");
    assert_eq!(calls(&p, "whmcs addorder"), 0);

    // Checkout itself is gated on a payment method.
    let (status, e) = place(&p, &kenji, json!({"sku": "VPN-TRAVEL"})).await;
    assert_eq!(status, 402, "{e}");

    p.sims.whmcs.set_card(1002, Card::Pays);
    let done = until(&p, &kenji, id, "resumed", |o| o["state"] == "completed").await;
    assert!(done["paused"].is_null());
    assert!(done["msisdn"].is_null(), "no SIM in a VPN order");
}

#[tokio::test]
async fn carrier_failures_are_retried_then_reported() {
    let p = common::portal().await;
    let hana = p.token(HANA).await;
    // One refusal: retried, then it completes.
    p.fault(
        json!({"upstream": "freebit", "operation": "mvno/esim/addAcnt", "kind": "freebit_result",
                   "result_code": "500", "times": 1}),
    )
    .await;
    let (_, first) = place(&p, &hana, esim_cart(3)).await;
    approve(&p, &first);
    completed(&p, &hana, &first).await;

    // Refused every time: reported failed after the attempts, to the customer and to
    // Salesforce; no billing was created.
    p.fault(
        json!({"upstream": "freebit", "operation": "mvno/esim/addAcnt", "kind": "freebit_result",
                   "result_code": "500"}),
    )
    .await;
    let (_, second) = place(&p, &hana, esim_cart(4)).await;
    let sf_id = approve(&p, &second);
    let failed = until(
        &p,
        &hana,
        second["id"].as_str().unwrap(),
        "reported failed",
        |o| !o["failed"].is_null(),
    )
    .await;
    assert!(failed["steps"]
        .as_array()
        .unwrap()
        .iter()
        .any(|s| s["status"] == "failed"));
    let sf = sf_order(&p, second["number"].as_str().unwrap());
    assert_eq!(sf["Provisioning_Status__c"], "Failed");
    assert_eq!(sf["Provisioning_Error_Code__c"], "CARRIER_REFUSED");
    assert!(whmcs_services_for(&p, "1001", &sf_id).await.is_empty());
}

#[tokio::test]
async fn a_lost_add_order_reply_leaves_one_whmcs_order() {
    let p = common::portal().await;
    let hana = p.token(HANA).await;
    p.fault(
        json!({"upstream": "whmcs", "operation": "AddOrder", "kind": "http", "status": 503,
                   "times": 1, "lost_reply": true}),
    )
    .await;
    let (_, placed) = place(&p, &hana, json!({"sku": "VPN-TRAVEL"})).await;
    let sf_id = approve(&p, &placed);
    completed(&p, &hana, &placed).await;
    assert_eq!(calls(&p, "whmcs addorder"), 1, "found, not added again");
    let services = whmcs_services_for(&p, "1001", &sf_id).await;
    assert_eq!(services.len(), 2, "the VPN and its activation fee, once");
}

#[tokio::test]
async fn approvals_whose_event_was_lost_are_found_by_the_sweep() {
    let p = common::portal().await;
    let hana = p.token(HANA).await;
    p.sims.salesforce.set_approval_flow(false);
    let (_, placed) = place(&p, &hana, json!({"sku": "VPN-TRAVEL"})).await;
    approve(&p, &placed);
    assert!(p
        .sims
        .salesforce
        .events("OrderProvisionRequested__e")
        .is_empty());
    completed(&p, &hana, &placed).await;
}

#[tokio::test]
async fn a_crash_between_steps_is_finished_without_repeating_a_step() {
    let db = common::temp_db();
    let p = common::portal_with(server::settings::Settings::for_tests(&db)).await;
    let pool = server::store::connect(&db).await.unwrap();
    let hana = p.token(HANA).await;
    let (_, placed) = place(&p, &hana, esim_cart(5)).await;
    let id = placed["id"].as_str().unwrap().to_string();
    // The instance took a number, activated the eSIM at the carrier and died before
    // recording the activation (its lease ran out).
    let msisdn = server::store::orders::take_number(&pool, &id)
        .await
        .unwrap()
        .unwrap();
    let key: Value = reqwest::Client::new()
        .post(format!("{}/_sim/freebit/emptool/api/authOem/", p.url))
        .form(&[(
            "json",
            json!({"oemId": demo::FREEBIT_OEM_ID, "oemKey": demo::FREEBIT_OEM_KEY}).to_string(),
        )])
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let r: Value = reqwest::Client::new()
        .post(format!("{}/_sim/freebit/emptool/api/mvno/esim/addAcnt/", p.url))
        .form(&[("json", json!({"authKey": key["authKey"], "aladinOperated": "20", "createType": "new",
                                "account": msisdn, "eid": eid(5), "addKind": "N", "planCode": "PASI_10G",
                                "contractLine": "5G", "simKind": "E2"}).to_string())])
        .send().await.unwrap().json().await.unwrap();
    assert_eq!(r["resultCode"], "100", "{r}");
    let activations = calls(&p, "freebit mvno/esim/addacnt");
    sqlx::query("UPDATE orders SET state = 'payment_checked', lease_token = 'crashed', lease_until_ms = $1 WHERE id = $2")
        .bind(server::store::signups::now_ms() - 1)
        .bind(&id)
        .execute(&pool)
        .await
        .unwrap();
    let done = until(&p, &hana, &id, "finished by the worker", |o| {
        o["state"] == "completed"
    })
    .await;
    assert_eq!(done["msisdn"], msisdn.as_str());
    assert_eq!(
        calls(&p, "freebit mvno/esim/addacnt"),
        activations,
        "not activated twice"
    );
    let sf = sf_order(&p, placed["number"].as_str().unwrap());
    assert_eq!(
        whmcs_services_for(&p, "1001", sf["Id"].as_str().unwrap())
            .await
            .len(),
        2
    );
}

#[tokio::test]
async fn the_catalog_is_cached_until_invalidated() {
    let p = common::portal().await;
    let vpn_price = |v: &Value| {
        v["products"]
            .as_array()
            .unwrap()
            .iter()
            .find(|x| x["sku"] == "VPN-TRAVEL")
            .unwrap()["priceYen"]
            .clone()
    };
    let before: Value = p.get("/api/catalog").await.json().await.unwrap();
    assert_eq!(vpn_price(&before), 550);
    // Salesforce's price changes; the portal keeps what it read until told.
    p.sims.salesforce.with_records(|r| {
        for e in r
            .all("PricebookEntry")
            .into_iter()
            .filter(|e| e["UnitPrice"] == 550.0)
        {
            let mut f = serde_json::Map::new();
            f.insert("UnitPrice".into(), json!(600.0));
            r.update("PricebookEntry", e["Id"].as_str().unwrap(), f);
        }
    });
    let queries = calls(&p, "salesforce query");
    let cached: Value = p.get("/api/catalog").await.json().await.unwrap();
    assert_eq!(vpn_price(&cached), 550);
    assert_eq!(
        calls(&p, "salesforce query"),
        queries,
        "served from the cache"
    );
    let r = p
        .http
        .post(format!("{}/api/catalog/invalidate", p.url))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 204);
    let fresh: Value = p.get("/api/catalog").await.json().await.unwrap();
    assert_eq!(vpn_price(&fresh), 600);
}

#[tokio::test]
async fn live_invalidation_needs_its_token() {
    let post = |url: String, token: Option<&'static str>| async move {
        let mut r = reqwest::Client::new().post(format!("{url}/api/catalog/invalidate"));
        if let Some(t) = token {
            r = r.bearer_auth(t);
        }
        r.send().await.unwrap().status().as_u16()
    };
    let url = common::live_portal(&common::live_vars(&common::temp_db())).await;
    assert_eq!(post(url, None).await, 404, "not offered without a token");
    let mut vars = common::live_vars(&common::temp_db());
    vars.push(("CATALOG_INVALIDATE_TOKEN", "s3cret-hook-token".into()));
    let url = common::live_portal(&vars).await;
    assert_eq!(post(url.clone(), None).await, 401);
    assert_eq!(post(url.clone(), Some("wrong")).await, 401);
    assert_eq!(post(url, Some("s3cret-hook-token")).await, 204);
}

/// Two instances on one PostgreSQL database and one set of upstreams: both receive every
/// approval event and both run the worker, yet the order is fulfilled once.
#[tokio::test]
async fn two_instances_fulfil_an_order_once_on_postgres() {
    let db = common::fresh_schema_url().await;
    let first = server::build_with(server::settings::Settings::for_tests(&db), None)
        .await
        .unwrap();
    let sims = first.simulators.clone().unwrap();
    let url = first.url();
    tokio::spawn(first.serve_until(std::future::pending()));
    let second = server::build_with(
        server::settings::Settings::for_tests(&db),
        Some(sims.clone()),
    )
    .await
    .unwrap();
    tokio::spawn(second.serve_until(std::future::pending()));
    let p = common::TestPortal {
        url,
        sims,
        http: common::cookie_client(),
    };
    let hana = p.token(HANA).await;
    let (status, placed) = place(&p, &hana, esim_cart(6)).await;
    assert_eq!(status, 201, "{placed}");
    approve(&p, &placed);
    completed(&p, &hana, &placed).await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(calls(&p, "freebit mvno/esim/addacnt"), 1);
    assert_eq!(calls(&p, "whmcs addorder"), 1);
    assert_eq!(calls(&p, "whmcs acceptorder"), 1);
}

#[tokio::test]
async fn billing_that_cannot_be_accepted_is_cancelled_when_the_order_fails() {
    let p = common::portal().await;
    let hana = p.token(HANA).await;
    p.fault(
        json!({"upstream": "whmcs", "operation": "AcceptOrder", "kind": "whmcs_error",
                   "message": "Module Command Error: provisioning failed"}),
    )
    .await;
    let (_, placed) = place(&p, &hana, json!({"sku": "VPN-TRAVEL"})).await;
    let sf_id = approve(&p, &placed);
    until(
        &p,
        &hana,
        placed["id"].as_str().unwrap(),
        "reported failed",
        |o| !o["failed"].is_null(),
    )
    .await;
    let services = whmcs_services_for(&p, "1001", &sf_id).await;
    assert_eq!(services.len(), 2);
    assert!(
        services.iter().all(|s| s["status"] == "Cancelled"),
        "{services:?}"
    );
    let sf = sf_order(&p, placed["number"].as_str().unwrap());
    assert_eq!(sf["Provisioning_Status__c"], "Failed");
    assert_eq!(sf["Provisioning_Error_Code__c"], "WHMCS_ERROR");
}
