//! The console's customers, activation codes, tariff plans and bulk changes over real HTTP
//! (issue 11), with the role each needs.

#![allow(clippy::unwrap_used)]

mod common;

use common::{portal, TestPortal};
use reqwest::Method;
use serde_json::{json, Value};

async fn staff_token(p: &TestPortal, email: &str) -> String {
    p.staff_token(email).await
}

#[tokio::test]
async fn customers_are_searched_shown_with_their_sims_and_get_sims_assigned() {
    let p = portal().await;
    let viewer = staff_token(&p, "viewer@example.com").await;
    let support = staff_token(&p, "support@example.com").await;
    let (s, page) = p
        .call(&viewer, Method::GET, "/api/ops/customers", None)
        .await;
    assert_eq!(s, 200);
    let first = page["items"][0].clone();
    let name = first["lastName"].as_str().unwrap();
    let (_, found) = p
        .call(
            &viewer,
            Method::GET,
            &format!("/api/ops/customers?q={}", name.to_lowercase()),
            None,
        )
        .await;
    assert!(
        found["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|c| c["lastName"] == name),
        "{found}"
    );
    let (_, by_id) = p
        .call(
            &viewer,
            Method::GET,
            &format!("/api/ops/customers?q={}", first["id"]),
            None,
        )
        .await;
    assert_eq!(by_id["items"][0]["id"], first["id"]);

    let id = first["id"].as_i64().unwrap();
    let (s, detail) = p
        .call(
            &viewer,
            Method::GET,
            &format!("/api/ops/customers/{id}"),
            None,
        )
        .await;
    assert_eq!(s, 200);
    let before = detail["sims"].as_array().unwrap().len();
    assert_eq!(
        detail["customer"]["sims"].as_i64().unwrap() as usize,
        before
    );
    assert_eq!(
        p.call(&viewer, Method::GET, "/api/ops/customers/1", None)
            .await
            .0,
        404
    );

    // Assign an available SIM from the customer's page.
    let (_, avail) = p
        .call(
            &support,
            Method::GET,
            "/api/ops/sim-cards?status=AVAILABLE&perPage=1",
            None,
        )
        .await;
    let iccid = avail["items"][0]["iccid"].as_str().unwrap().to_string();
    let assign = format!("/api/ops/customers/{id}/assign");
    assert_eq!(
        p.call(
            &viewer,
            Method::POST,
            &assign,
            Some(json!({"iccid": iccid}))
        )
        .await
        .0,
        403
    );
    let (s, e) = p
        .call(
            &support,
            Method::POST,
            &assign,
            Some(json!({"iccid": "123"})),
        )
        .await;
    assert_eq!((s, e["field"].as_str()), (400, Some("iccid")));
    let (s, r) = p
        .call(
            &support,
            Method::POST,
            &assign,
            Some(json!({"iccid": iccid})),
        )
        .await;
    assert_eq!((s, r["status"].as_str()), (200, Some("RESERVED")), "{r}");
    let (_, detail) = p
        .call(
            &viewer,
            Method::GET,
            &format!("/api/ops/customers/{id}"),
            None,
        )
        .await;
    assert_eq!(detail["sims"].as_array().unwrap().len(), before + 1);
    // The same card again: it is no longer available.
    let (s, e) = p
        .call(
            &support,
            Method::POST,
            &assign,
            Some(json!({"iccid": iccid})),
        )
        .await;
    assert_eq!((s, e["code"].as_str()), (409, Some("not_allowed")));
}

#[tokio::test]
async fn activation_codes_are_listed_and_only_unused_ones_are_marked() {
    let p = portal().await;
    let viewer = staff_token(&p, "viewer@example.com").await;
    let support = staff_token(&p, "support@example.com").await;
    let (s, page) = p
        .call(
            &viewer,
            Method::GET,
            "/api/ops/activation-codes?status=UNUSED",
            None,
        )
        .await;
    assert_eq!(s, 200);
    let code = page["items"][0].clone();
    assert_eq!(code["status"], "UNUSED");
    let prefix = &code["code"].as_str().unwrap()[..6];
    let (_, found) = p
        .call(
            &viewer,
            Method::GET,
            &format!("/api/ops/activation-codes?q={}", prefix.to_lowercase()),
            None,
        )
        .await;
    assert!(found["items"]
        .as_array()
        .unwrap()
        .iter()
        .all(|c| c["code"].as_str().unwrap().starts_with(prefix)));
    assert_eq!(
        p.call(
            &viewer,
            Method::GET,
            "/api/ops/activation-codes?status=NEW",
            None
        )
        .await
        .0,
        400
    );
    let mark = format!("/api/ops/activation-codes/{}/mark", code["id"]);
    assert_eq!(
        p.call(
            &viewer,
            Method::POST,
            &mark,
            Some(json!({"status": "EXPIRED"}))
        )
        .await
        .0,
        403
    );
    assert_eq!(
        p.call(
            &support,
            Method::POST,
            &mark,
            Some(json!({"status": "UNUSED"}))
        )
        .await
        .0,
        400
    );
    let (s, r) = p
        .call(
            &support,
            Method::POST,
            &mark,
            Some(json!({"status": "EXPIRED"})),
        )
        .await;
    assert_eq!((s, r["status"].as_str()), (200, Some("EXPIRED")));
    let (s, _) = p
        .call(
            &support,
            Method::POST,
            &mark,
            Some(json!({"status": "USED"})),
        )
        .await;
    assert_eq!(s, 409, "expired is final");
    // An expired code cannot activate a SIM.
    let (_, avail) = p
        .call(
            &support,
            Method::GET,
            "/api/ops/sim-cards?status=RESERVED&perPage=1",
            None,
        )
        .await;
    let sim = avail["items"][0]["id"].as_i64().unwrap();
    let (s, e) = p
        .call(
            &support,
            Method::POST,
            &format!("/api/ops/sim-cards/{sim}/activate"),
            Some(json!({"activationCode": code["code"]})),
        )
        .await;
    assert_eq!(
        (s, e["field"].as_str()),
        (400, Some("activationCode")),
        "{e}"
    );
}

#[tokio::test]
async fn an_admin_manages_tariff_plans_and_others_may_not() {
    let p = portal().await;
    let admin = staff_token(&p, "admin@example.com").await;
    let support = staff_token(&p, "support@example.com").await;
    let plan = json!({"name": "Travel 7 days", "monthlyPriceYen": 990, "description": "A week abroad", "kind": "data-only"});
    assert_eq!(
        p.call(
            &support,
            Method::POST,
            "/api/ops/tariff-plans",
            Some(plan.clone())
        )
        .await
        .0,
        403
    );
    let (s, created) = p
        .call(
            &admin,
            Method::POST,
            "/api/ops/tariff-plans",
            Some(plan.clone()),
        )
        .await;
    assert_eq!((s, created["sims"].as_i64()), (201, Some(0)), "{created}");
    let (s, e) = p
        .call(&admin, Method::POST, "/api/ops/tariff-plans", Some(plan))
        .await;
    assert_eq!((s, e["field"].as_str()), (409, Some("name")));
    let (s, e) = p
        .call(
            &admin,
            Method::POST,
            "/api/ops/tariff-plans",
            Some(json!({"name": "X", "monthlyPriceYen": -1, "kind": "mobile"})),
        )
        .await;
    assert_eq!((s, e["field"].as_str()), (400, Some("monthlyPriceYen")));
    let id = created["id"].as_i64().unwrap();
    let (s, edited) = p
        .call(&admin, Method::PUT, &format!("/api/ops/tariff-plans/{id}"), Some(json!({"name": "Travel 7 days", "monthlyPriceYen": "1,090", "description": "", "kind": "data-only"})))
        .await;
    assert_eq!((s, edited["monthlyPriceYen"].as_i64()), (200, Some(1090)));
    let (_, list) = p
        .call(&support, Method::GET, "/api/ops/tariff-plans", None)
        .await;
    let used = list
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["sims"].as_i64().unwrap() > 0)
        .unwrap()
        .clone();
    assert_eq!(
        p.call(
            &admin,
            Method::DELETE,
            &format!("/api/ops/tariff-plans/{}", used["id"]),
            None
        )
        .await
        .0,
        409
    );
    assert_eq!(
        p.call(
            &support,
            Method::DELETE,
            &format!("/api/ops/tariff-plans/{id}"),
            None
        )
        .await
        .0,
        403
    );
    assert_eq!(
        p.call(
            &admin,
            Method::DELETE,
            &format!("/api/ops/tariff-plans/{id}"),
            None
        )
        .await
        .0,
        204
    );
    assert_eq!(
        p.call(
            &admin,
            Method::DELETE,
            &format!("/api/ops/tariff-plans/{id}"),
            None
        )
        .await
        .0,
        404
    );
}

#[tokio::test]
async fn a_bulk_change_previews_then_changes_exactly_the_previewed_sims() {
    let p = portal().await;
    let support = staff_token(&p, "support@example.com").await;
    let viewer = staff_token(&p, "viewer@example.com").await;
    let filter = "status=ACTIVE&type=postpaid";
    assert_eq!(
        p.call(
            &viewer,
            Method::POST,
            &format!("/api/ops/sim-cards/bulk/suspend?dryRun=true&{filter}"),
            None
        )
        .await
        .0,
        403
    );
    let (s, preview) = p
        .call(
            &support,
            Method::POST,
            &format!("/api/ops/sim-cards/bulk/suspend?dryRun=true&{filter}"),
            None,
        )
        .await;
    assert_eq!(s, 200, "{preview}");
    let items = preview["items"].as_array().unwrap().clone();
    assert!(items.len() >= 3, "{preview}");
    assert_eq!(preview["changes"].as_u64().unwrap() as usize, items.len());
    // Nothing changed yet.
    let (_, still) = p
        .call(
            &support,
            Method::GET,
            &format!("/api/ops/sim-cards?{filter}&perPage=100"),
            None,
        )
        .await;
    assert_eq!(still["items"].as_array().unwrap().len(), items.len());
    // Someone suspends one of them meanwhile: it is reported, the others change.
    let first = items[0]["id"].as_i64().unwrap();
    let (s, _) = p
        .call(
            &support,
            Method::POST,
            &format!("/api/ops/sim-cards/{first}/suspend"),
            Some(json!({"reason": "meanwhile"})),
        )
        .await;
    assert_eq!(s, 200);
    let picked: Vec<Value> = items
        .iter()
        .map(|i| json!({"id": i["id"], "version": i["version"]}))
        .collect();
    let (s, e) = p
        .call(
            &support,
            Method::POST,
            "/api/ops/sim-cards/bulk/suspend",
            Some(json!({"items": picked})),
        )
        .await;
    assert_eq!((s, e["field"].as_str()), (400, Some("reason")));
    let (s, done) = p
        .call(
            &support,
            Method::POST,
            "/api/ops/sim-cards/bulk/suspend",
            Some(json!({"items": picked, "reason": "Network fraud sweep"})),
        )
        .await;
    assert_eq!(s, 200, "{done}");
    assert_eq!(done["changed"].as_u64().unwrap() as usize, items.len() - 1);
    assert_eq!(done["failed"][0]["id"].as_i64(), Some(first));
    let (_, after) = p
        .call(
            &support,
            Method::GET,
            &format!("/api/ops/sim-cards?{filter}&perPage=100"),
            None,
        )
        .await;
    assert_eq!(after["items"], json!([]));
    // A preview of resume on suspended SIMs: terminated ones in the same filter are refused.
    let (_, resume) = p
        .call(
            &support,
            Method::POST,
            "/api/ops/sim-cards/bulk/resume?dryRun=true&type=postpaid",
            None,
        )
        .await;
    assert!(resume["refused"].as_u64().unwrap() > 0, "{resume}");
    assert!(resume["items"]
        .as_array()
        .unwrap()
        .iter()
        .any(|i| i["to"].is_null() && i["refusal"].is_string()));
    assert_eq!(
        p.call(
            &support,
            Method::POST,
            "/api/ops/sim-cards/bulk/swap?dryRun=true",
            None
        )
        .await
        .0,
        400
    );
}

#[tokio::test]
async fn an_admin_adds_changes_and_disables_staff_logins() {
    let p = portal().await;
    let admin = staff_token(&p, "admin@example.com").await;
    let support = staff_token(&p, "support@example.com").await;
    assert_eq!(
        p.call(&support, Method::GET, "/api/ops/staff-users", None)
            .await
            .0,
        403
    );
    let new = json!({"email": "Night.Shift@Example.com", "role": "viewer", "password": "a-long-first-password"});
    assert_eq!(
        p.call(
            &support,
            Method::POST,
            "/api/ops/staff-users",
            Some(new.clone())
        )
        .await
        .0,
        403
    );
    let (s, e) = p
        .call(
            &admin,
            Method::POST,
            "/api/ops/staff-users",
            Some(json!({"email": "x@example.com", "role": "viewer", "password": "short"})),
        )
        .await;
    assert_eq!((s, e["field"].as_str()), (400, Some("password")));
    let (s, e) = p.call(&admin, Method::POST, "/api/ops/staff-users", Some(json!({"email": "x@example.com", "role": "boss", "password": "a-long-first-password"}))).await;
    assert_eq!((s, e["field"].as_str()), (400, Some("role")));
    let (s, user) = p
        .call(
            &admin,
            Method::POST,
            "/api/ops/staff-users",
            Some(new.clone()),
        )
        .await;
    assert_eq!(
        (s, user["email"].as_str()),
        (201, Some("night.shift@example.com")),
        "{user}"
    );
    let (s, e) = p
        .call(&admin, Method::POST, "/api/ops/staff-users", Some(new))
        .await;
    assert_eq!((s, e["field"].as_str()), (409, Some("email")));

    // The new viewer logs in and reads; made support, they may operate.
    let r = reqwest::Client::new()
        .post(format!("{}/api/ops/auth/login", p.url))
        .json(&json!({"email": "night.shift@example.com", "password": "a-long-first-password"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let night = r.json::<Value>().await.unwrap()["token"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(p.status_with(&night, "/api/ops/sim-cards").await, 200);
    let id = user["id"].as_i64().unwrap();
    let (s, changed) = p
        .call(
            &admin,
            Method::PATCH,
            &format!("/api/ops/staff-users/{id}"),
            Some(json!({"role": "support"})),
        )
        .await;
    assert_eq!((s, changed["role"].as_str()), (200, Some("support")));
    let (_, me) = p.call(&night, Method::GET, "/api/ops/me", None).await;
    assert_eq!(
        me["role"], "support",
        "the role applies to the open session"
    );

    // Disabled: the session ends at once and the login stops working.
    let (s, _) = p
        .call(
            &admin,
            Method::PATCH,
            &format!("/api/ops/staff-users/{id}"),
            Some(json!({"role": "support", "disabled": true})),
        )
        .await;
    assert_eq!(s, 200);
    assert_eq!(p.status_with(&night, "/api/ops/sim-cards").await, 401);
    // An admin cannot lock themselves out.
    let (_, list) = p
        .call(&admin, Method::GET, "/api/ops/staff-users", None)
        .await;
    let me = list
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["email"] == "admin@example.com")
        .unwrap()["id"]
        .as_i64()
        .unwrap();
    let (s, _) = p
        .call(
            &admin,
            Method::PATCH,
            &format!("/api/ops/staff-users/{me}"),
            Some(json!({"role": "viewer"})),
        )
        .await;
    assert_eq!(s, 409);
}
