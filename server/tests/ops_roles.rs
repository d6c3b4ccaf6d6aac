//! Every write of the operator console against every role, over REST and the pages' server
//! functions (issue 11): a role without the permission gets 403 and nothing changes; no
//! session gets 401. Plus customers' records created and edited with an audit of the values
//! before and after.

#![allow(clippy::unwrap_used)]

mod common;

use common::{portal, TestPortal};
use reqwest::Method;
use serde_json::{json, Value};

/// A server function's name, its form and the role it needs.
type FnCall<'a> = (&'a str, Vec<(&'a str, String)>, Needs);

#[derive(Clone, Copy, PartialEq, PartialOrd, Debug)]
enum Needs {
    Support,
    Admin,
}

async fn first(p: &TestPortal, t: &str, path: &str) -> Value {
    let (s, page) = p.call(t, Method::GET, path, None).await;
    assert_eq!(s, 200, "{path}: {page}");
    page["items"][0].clone()
}

/// A server function called as the console's forms call it (form fields), with a bearer token.
async fn server_fn(p: &TestPortal, token: &str, name: &str, form: &[(&str, String)]) -> u16 {
    p.http
        .post(format!("{}/api/fn/{name}", p.url))
        .bearer_auth(token)
        .form(form)
        .send()
        .await
        .unwrap()
        .status()
        .as_u16()
}

#[tokio::test]
async fn every_write_needs_its_role_and_a_refused_one_changes_nothing() {
    let p = portal().await;
    let admin = p.staff_token("admin@example.com").await;
    let support = p.staff_token("support@example.com").await;
    let viewer = p.staff_token("viewer@example.com").await;

    let active = first(&p, &admin, "/api/ops/sim-cards?status=ACTIVE&perPage=1").await;
    let available = first(&p, &admin, "/api/ops/sim-cards?status=AVAILABLE&perPage=1").await;
    let customer = first(&p, &admin, "/api/ops/customers").await;
    let code = first(&p, &admin, "/api/ops/activation-codes?status=UNUSED").await;
    let (_, tariffs) = p
        .call(&admin, Method::GET, "/api/ops/tariff-plans", None)
        .await;
    let tariff = tariffs[0].clone();
    let (_, staff) = p
        .call(&admin, Method::GET, "/api/ops/staff-users", None)
        .await;
    let viewer_user = staff
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["email"] == "viewer@example.com")
        .unwrap()
        .clone();
    let (sim, cid, code_id, tid, uid) = (
        active["id"].as_i64().unwrap(),
        customer["id"].as_i64().unwrap(),
        code["id"].as_i64().unwrap(),
        tariff["id"].as_i64().unwrap(),
        viewer_user["id"].as_i64().unwrap(),
    );
    let person =
        json!({"firstName": "Role", "lastName": "Check", "email": "role@example.com", "phone": ""});
    let plan =
        json!({"name": "Role check", "monthlyPriceYen": 100, "description": "", "kind": "mobile"});
    let writes: Vec<(Method, String, Option<Value>, Needs)> = vec![
        (
            Method::POST,
            format!("/api/ops/sim-cards/{sim}/suspend"),
            Some(json!({"reason": "x"})),
            Needs::Support,
        ),
        (
            Method::POST,
            format!("/api/ops/sim-cards/{sim}/reveal"),
            None,
            Needs::Support,
        ),
        (
            Method::POST,
            "/api/ops/customers".into(),
            Some(person.clone()),
            Needs::Support,
        ),
        (
            Method::PUT,
            format!("/api/ops/customers/{cid}"),
            Some(person.clone()),
            Needs::Support,
        ),
        (
            Method::POST,
            format!("/api/ops/customers/{cid}/assign"),
            Some(json!({"iccid": available["iccid"]})),
            Needs::Support,
        ),
        (
            Method::POST,
            format!("/api/ops/activation-codes/{code_id}/mark"),
            Some(json!({"status": "USED"})),
            Needs::Support,
        ),
        (
            Method::POST,
            "/api/ops/sim-cards/bulk/suspend?status=ACTIVE&dryRun=true".into(),
            None,
            Needs::Support,
        ),
        (
            Method::POST,
            "/api/ops/tariff-plans".into(),
            Some(plan.clone()),
            Needs::Admin,
        ),
        (
            Method::PUT,
            format!("/api/ops/tariff-plans/{tid}"),
            Some(plan.clone()),
            Needs::Admin,
        ),
        (
            Method::DELETE,
            format!("/api/ops/tariff-plans/{tid}"),
            None,
            Needs::Admin,
        ),
        (
            Method::POST,
            "/api/ops/staff-users".into(),
            Some(
                json!({"email": "new@example.com", "role": "viewer", "password": "a-long-password-1"}),
            ),
            Needs::Admin,
        ),
        (
            Method::PATCH,
            format!("/api/ops/staff-users/{uid}"),
            Some(json!({"role": "admin", "disabled": false})),
            Needs::Admin,
        ),
    ];
    for (method, path, body, needs) in &writes {
        let refused: Vec<(&str, &String)> = match needs {
            Needs::Support => vec![("viewer", &viewer)],
            Needs::Admin => vec![("viewer", &viewer), ("support", &support)],
        };
        for (who, t) in refused {
            let (s, e) = p.call(t, method.clone(), path, body.clone()).await;
            assert_eq!(
                (s, e["code"].as_str()),
                (403, Some("forbidden")),
                "{who} {method} {path}: {e}"
            );
        }
        let (s, _) = p.call("nope", method.clone(), path, body.clone()).await;
        assert_eq!(s, 401, "anonymous {method} {path}");
    }

    // The pages' server functions refuse the same way.
    let fns: Vec<FnCall> = vec![
        (
            "ops_operate",
            vec![
                ("id", sim.to_string()),
                ("op", "suspend".into()),
                ("reason", "x".into()),
            ],
            Needs::Support,
        ),
        ("ops_reveal", vec![("id", sim.to_string())], Needs::Support),
        (
            "ops_save_customer",
            vec![
                ("first_name", "A".into()),
                ("last_name", "B".into()),
                ("email", "a@b.jp".into()),
                ("phone", String::new()),
            ],
            Needs::Support,
        ),
        (
            "ops_assign",
            vec![
                ("customer_id", cid.to_string()),
                ("iccid", available["iccid"].as_str().unwrap().into()),
            ],
            Needs::Support,
        ),
        (
            "ops_mark_code",
            vec![("id", code_id.to_string()), ("status", "USED".into())],
            Needs::Support,
        ),
        (
            "ops_save_tariff",
            vec![
                ("name", "X".into()),
                ("monthly_price_yen", "1".into()),
                ("description", String::new()),
                ("kind", "mobile".into()),
            ],
            Needs::Admin,
        ),
        (
            "ops_delete_tariff",
            vec![("id", tid.to_string())],
            Needs::Admin,
        ),
        (
            "ops_set_featured",
            vec![
                ("name", "esim_1GB_7D_JP_V2".into()),
                ("featured", "true".into()),
            ],
            Needs::Admin,
        ),
        (
            "ops_add_staff",
            vec![
                ("email", "x@example.com".into()),
                ("role", "viewer".into()),
                ("password", "a-long-password-1".into()),
            ],
            Needs::Admin,
        ),
        (
            "ops_update_staff",
            vec![
                ("id", uid.to_string()),
                ("role", "admin".into()),
                ("disabled", "false".into()),
            ],
            Needs::Admin,
        ),
    ];
    for (name, form, needs) in &fns {
        assert_eq!(
            server_fn(&p, &viewer, name, form).await,
            403,
            "viewer {name}"
        );
        if *needs == Needs::Admin {
            assert_eq!(
                server_fn(&p, &support, name, form).await,
                403,
                "support {name}"
            );
        }
        assert_eq!(
            server_fn(&p, "nope", name, form).await,
            401,
            "anonymous {name}"
        );
    }

    // Nothing changed.
    let (_, after) = p
        .call(
            &admin,
            Method::GET,
            &format!("/api/ops/sim-cards/{sim}"),
            None,
        )
        .await;
    assert_eq!(after["sim"]["status"], "ACTIVE", "{after}");
    let (_, c) = p
        .call(
            &admin,
            Method::GET,
            &format!("/api/ops/customers/{cid}"),
            None,
        )
        .await;
    assert_eq!(c["customer"], customer, "customer untouched");
    assert!(c["changes"].as_array().unwrap().is_empty(), "{c}");
    let (_, codes) = p
        .call(
            &admin,
            Method::GET,
            "/api/ops/activation-codes?status=UNUSED",
            None,
        )
        .await;
    assert!(codes["items"]
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c["id"] == code_id));
    let (_, tariffs_after) = p
        .call(&admin, Method::GET, "/api/ops/tariff-plans", None)
        .await;
    assert_eq!(tariffs_after, tariffs);
    let (_, staff_after) = p
        .call(&admin, Method::GET, "/api/ops/staff-users", None)
        .await;
    assert_eq!(staff_after, staff);
    let (_, searched) = p
        .call(
            &admin,
            Method::GET,
            "/api/ops/customers?q=role%40example.com",
            None,
        )
        .await;
    assert!(
        searched["items"].as_array().unwrap().is_empty(),
        "{searched}"
    );
}

#[tokio::test]
async fn customers_are_added_and_edited_with_the_values_before_and_after() {
    let p = portal().await;
    let support = p.staff_token("support@example.com").await;
    let (s, e) = p
        .call(
            &support,
            Method::POST,
            "/api/ops/customers",
            Some(json!({"firstName": "Aiko", "lastName": "Sato", "email": "not-an-email", "phone": ""})),
        )
        .await;
    assert_eq!((s, e["field"].as_str()), (400, Some("email")), "{e}");
    let (s, created) = p
        .call(
            &support,
            Method::POST,
            "/api/ops/customers",
            Some(json!({"firstName": "Aiko", "lastName": "Sato", "email": "Aiko@Example.com", "phone": ""})),
        )
        .await;
    assert_eq!(s, 201, "{created}");
    assert_eq!(created["email"], "aiko@example.com");
    let id = created["id"].as_i64().unwrap();
    let path = format!("/api/ops/customers/{id}");
    let (s, edited) = p
        .call(
            &support,
            Method::PUT,
            &path,
            Some(json!({"firstName": "Aiko", "lastName": "Sato", "email": "aiko@example.com", "phone": "090-1234-5678"})),
        )
        .await;
    assert_eq!(
        (s, edited["phone"].as_str()),
        (200, Some("09012345678")),
        "{edited}"
    );
    // Saving the same values again is no change: no audit line.
    let (s, _) = p
        .call(
            &support,
            Method::PUT,
            &path,
            Some(json!({"firstName": "Aiko", "lastName": "Sato", "email": "aiko@example.com", "phone": "09012345678"})),
        )
        .await;
    assert_eq!(s, 200);
    let (_, detail) = p.call(&support, Method::GET, &path, None).await;
    let changes = detail["changes"].as_array().unwrap();
    assert_eq!(changes.len(), 2, "{detail}");
    assert_eq!(changes[0]["action"], "updated");
    assert_eq!(changes[0]["staffEmail"], "support@example.com");
    let before: Value = serde_json::from_str(changes[0]["before"].as_str().unwrap()).unwrap();
    let after: Value = serde_json::from_str(changes[0]["after"].as_str().unwrap()).unwrap();
    assert_eq!(before, json!({"phone": null}));
    assert_eq!(after, json!({"phone": "09012345678"}));
    assert_eq!(changes[1]["action"], "created");
    assert!(changes[1]["before"].is_null());
    let (s, _) = p
        .call(
            &support,
            Method::PUT,
            "/api/ops/customers/1",
            Some(json!({"firstName": "A", "lastName": "B", "email": "a@b.jp", "phone": ""})),
        )
        .await;
    assert_eq!(s, 404);
}

/// An import's commit is one transaction: when the database refuses one row (here a trigger
/// refuses the last of 1,200, past the first batches), no card, event, count or import log of
/// the file remains, and the same file imports cleanly once the cause is gone.
#[tokio::test]
async fn an_import_that_fails_midway_leaves_nothing_behind() {
    use server::console::demo::iccid;
    let url = common::fresh_schema_url().await;
    let p = common::portal_on(&url).await;
    let admin = p.staff_token("admin@example.com").await;
    let serials: Vec<u64> = (0..1_200).map(|i| 9_300_000 + i).collect();
    let refused = iccid(*serials.last().unwrap());
    let mut csv = String::from("iccid,pin,puk,type\n");
    for s in &serials {
        csv += &format!("{},1234,12345678,prepaid\n", iccid(*s));
    }
    let db = sqlx::AnyPool::connect(&url).await.unwrap();
    let count = |sql: &'static str| {
        let db = db.clone();
        async move {
            sqlx::query_scalar::<_, i64>(sql)
                .fetch_one(&db)
                .await
                .unwrap()
        }
    };
    let cards = "SELECT COUNT(*) FROM sim_cards";
    let events = "SELECT COUNT(*) FROM sim_events";
    let logs = "SELECT COUNT(*) FROM import_logs";
    let counted = "SELECT CAST(COALESCE(SUM(count), 0) AS BIGINT) FROM sim_counts";
    let before = (
        count(cards).await,
        count(events).await,
        count(logs).await,
        count(counted).await,
    );
    sqlx::query(&format!(
        "CREATE FUNCTION refuse_one() RETURNS trigger AS $$ BEGIN \
         IF NEW.iccid = '{refused}' THEN RAISE EXCEPTION 'refused for the test'; END IF; \
         RETURN NEW; END $$ LANGUAGE plpgsql"
    ))
    .execute(&db)
    .await
    .unwrap();
    sqlx::query(
        "CREATE TRIGGER refuse_one BEFORE INSERT ON sim_cards FOR EACH ROW EXECUTE FUNCTION refuse_one()",
    )
    .execute(&db)
    .await
    .unwrap();
    let post = || {
        p.http
            .post(format!("{}/api/ops/imports", p.url))
            .bearer_auth(&admin)
            .header("content-type", "text/csv")
            .body(csv.clone())
            .send()
    };
    let r = post().await.unwrap();
    assert_eq!(r.status(), 500, "{}", r.text().await.unwrap());
    let after = (
        count(cards).await,
        count(events).await,
        count(logs).await,
        count(counted).await,
    );
    assert_eq!(after, before, "cards, events, logs and counts as before");

    sqlx::query("DROP TRIGGER refuse_one ON sim_cards")
        .execute(&db)
        .await
        .unwrap();
    let r = post().await.unwrap();
    assert_eq!(r.status(), 201);
    let done: Value = r.json().await.unwrap();
    assert_eq!(done["counts"]["new"], 1_200, "{done}");
    assert_eq!(count(cards).await, before.0 + 1_200);
    assert_eq!(count(logs).await, before.2 + 1);
}
