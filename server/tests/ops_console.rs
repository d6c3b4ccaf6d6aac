//! The operator console over real HTTP (issue 11): staff sessions kept apart from customers',
//! every endpoint × role, lifecycle operations with their events and the 409s, concurrent
//! changes, the PIN reveal audit, the CSV import (dry run, commit, re-run, a 100,000-row
//! file) and the dashboard counts; on SQLite and on PostgreSQL.

#![allow(clippy::unwrap_used)]

mod common;

use common::{portal, portal_on, TestPortal};
use reqwest::Method;
use serde_json::{json, Value};
use server::console::demo::iccid;
use server::simulator::demo;

async fn staff_token(p: &TestPortal, email: &str) -> String {
    p.staff_token(email).await
}

async fn first_sim(p: &TestPortal, token: &str, status: &str) -> Value {
    let (s, page) = p
        .call(
            token,
            Method::GET,
            &format!("/api/ops/sim-cards?status={status}&perPage=5"),
            None,
        )
        .await;
    assert_eq!(s, 200, "{page}");
    page["items"][0].clone()
}

async fn import(p: &TestPortal, token: &str, query: &str, csv: String) -> (u16, reqwest::Response) {
    let r = reqwest::Client::new()
        .post(format!("{}/api/ops/imports{query}", p.url))
        .bearer_auth(token)
        .header("content-type", "text/csv")
        .body(csv)
        .send()
        .await
        .unwrap();
    (r.status().as_u16(), r)
}

#[tokio::test]
async fn staff_and_customer_sessions_never_cross() {
    let p = portal().await;
    let customer = p.token(demo::CLIENTS[0].email).await;
    assert_eq!(p.status_with(&customer, "/api/ops/sim-cards").await, 401);
    assert_eq!(p.status_with(&customer, "/api/ops/me").await, 401);
    let staff = staff_token(&p, "admin@example.com").await;
    assert_eq!(p.status_with(&staff, "/api/me").await, 401);
    assert_eq!(p.status_with(&staff, "/api/subscriptions").await, 401);
    let (s, me) = p.call(&staff, Method::GET, "/api/ops/me", None).await;
    assert_eq!((s, me["role"].as_str()), (200, Some("admin")));
    // A customer's password is no staff login, and a wrong one says nothing about which.
    let r = reqwest::Client::new()
        .post(format!("{}/api/ops/auth/login", p.url))
        .json(&json!({"email": demo::CLIENTS[0].email, "password": demo::DEMO_PASSWORD}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 401);
    // Logout ends the staff session.
    let (s, _) = p
        .call(&staff, Method::POST, "/api/ops/auth/logout", None)
        .await;
    assert_eq!(s, 204);
    assert_eq!(p.status_with(&staff, "/api/ops/me").await, 401);
}

#[tokio::test]
async fn every_endpoint_checks_the_role() {
    let p = portal().await;
    let admin = staff_token(&p, "admin@example.com").await;
    let support = staff_token(&p, "support@example.com").await;
    let viewer = staff_token(&p, "viewer@example.com").await;
    let sim = first_sim(&p, &admin, "ACTIVE").await;
    let id = sim["id"].as_i64().unwrap();
    let reads = [
        "/api/ops/me".to_string(),
        "/api/ops/sim-cards".into(),
        format!("/api/ops/sim-cards/{id}"),
        "/api/ops/stats/sim-by-status".into(),
        "/api/ops/stats/activations-over-time?from=2026-01-01&to=2026-12-31".into(),
        "/api/ops/stats/sim-by-tariff".into(),
    ];
    for path in &reads {
        for (who, t) in [
            ("admin", &admin),
            ("support", &support),
            ("viewer", &viewer),
        ] {
            assert_eq!(p.status_with(t, path).await, 200, "{who} GET {path}");
        }
        assert_eq!(
            p.status_with("nope", path).await,
            401,
            "anonymous GET {path}"
        );
    }
    // Writes: viewer 403 everywhere; support may operate but not import.
    let suspend = format!("/api/ops/sim-cards/{id}/suspend");
    let reveal = format!("/api/ops/sim-cards/{id}/reveal");
    let (s, e) = p
        .call(
            &viewer,
            Method::POST,
            &suspend,
            Some(json!({"reason": "x"})),
        )
        .await;
    assert_eq!((s, e["code"].as_str()), (403, Some("forbidden")));
    assert_eq!(p.call(&viewer, Method::POST, &reveal, None).await.0, 403);
    assert_eq!(p.call("nope", Method::POST, &suspend, None).await.0, 401);
    let csv = format!(
        "iccid,pin,puk,type\n{},1234,12345678,prepaid\n",
        iccid(9_000_001)
    );
    for (who, t, want) in [
        ("viewer", &viewer, 403),
        ("support", &support, 403),
        ("anonymous", &"nope".to_string(), 401),
    ] {
        assert_eq!(
            import(&p, t, "?dryRun=true", csv.clone()).await.0,
            want,
            "{who} dry run"
        );
        assert_eq!(import(&p, t, "", csv.clone()).await.0, want, "{who} import");
    }
    assert_eq!(import(&p, &admin, "?dryRun=true", csv.clone()).await.0, 200);
    let (s, done) = p
        .call(
            &support,
            Method::POST,
            &suspend,
            Some(json!({"reason": "Fraud check"})),
        )
        .await;
    assert_eq!(
        (s, done["status"].as_str()),
        (200, Some("SUSPENDED")),
        "{done}"
    );
    let (s, codes) = p.call(&support, Method::POST, &reveal, None).await;
    assert_eq!(s, 200);
    assert_eq!(codes["pin"].as_str().map(str::len), Some(4), "{codes}");
}

#[tokio::test]
async fn lifecycle_follows_the_state_machine_and_records_every_change() {
    let p = portal().await;
    let t = staff_token(&p, "support@example.com").await;
    let sim = first_sim(&p, &t, "AVAILABLE").await;
    let id = sim["id"].as_i64().unwrap();
    let op = |name: &str| format!("/api/ops/sim-cards/{id}/{name}");
    // A customer to reserve for: one that holds another SIM.
    let active = first_sim(&p, &t, "ACTIVE").await;
    let customer = active["customer"]["id"].as_i64().unwrap();

    let (s, e) = p.call(&t, Method::POST, &op("reserve"), None).await;
    assert_eq!((s, e["field"].as_str()), (400, Some("customerId")), "{e}");
    let (s, e) = p
        .call(
            &t,
            Method::POST,
            &op("suspend"),
            Some(json!({"reason": "x"})),
        )
        .await;
    assert_eq!((s, e["code"].as_str()), (409, Some("not_allowed")), "{e}");
    assert_eq!(e["allowed"], json!(["reserve", "activate", "terminate"]));
    let (s, r) = p
        .call(
            &t,
            Method::POST,
            &op("reserve"),
            Some(json!({"customerId": customer})),
        )
        .await;
    assert_eq!((s, r["status"].as_str()), (200, Some("RESERVED")), "{r}");
    let today = (chrono::Utc::now() + chrono::Duration::hours(9)).date_naive();
    let day = format!("/api/ops/stats/activations-over-time?from={today}&to={today}");
    let activated_today = |v: &Value| v[0]["count"].as_i64().unwrap();
    let (_, before) = p.call(&t, Method::GET, &day, None).await;
    let (s, r) = p.call(&t, Method::POST, &op("activate"), None).await;
    assert_eq!((s, r["status"].as_str()), (200, Some("ACTIVE")), "{r}");
    let (_, after) = p.call(&t, Method::GET, &day, None).await;
    assert_eq!(
        activated_today(&after),
        activated_today(&before) + 1,
        "the dashboard counts it"
    );
    let (s, e) = p.call(&t, Method::POST, &op("suspend"), None).await;
    assert_eq!((s, e["field"].as_str()), (400, Some("reason")));
    let (s, e) = p
        .call(
            &t,
            Method::POST,
            &op("suspend"),
            Some(json!({"reason": "x", "colour": 1})),
        )
        .await;
    assert_eq!((s, e["field"].as_str()), (400, Some("colour")));
    let (s, r) = p
        .call(
            &t,
            Method::POST,
            &op("suspend"),
            Some(json!({"reason": "Customer abroad"})),
        )
        .await;
    assert_eq!(
        (s, r["sim"]["allowed"].clone()),
        (200, json!(["resume", "report-lost", "terminate", "swap"]))
    );
    assert_eq!(p.call(&t, Method::POST, &op("fly"), None).await.0, 404);
    assert_eq!(
        p.call(
            &t,
            Method::POST,
            "/api/ops/sim-cards/999/suspend",
            Some(json!({"reason": "x"}))
        )
        .await
        .0,
        404
    );

    let (s, detail) = p
        .call(&t, Method::GET, &format!("/api/ops/sim-cards/{id}"), None)
        .await;
    assert_eq!(s, 200);
    let events = detail["events"].as_array().unwrap();
    let kinds: Vec<&str> = events.iter().map(|e| e["type"].as_str().unwrap()).collect();
    assert_eq!(
        &kinds[..3],
        ["SUSPENDED", "ACTIVATED", "RESERVED"],
        "{kinds:?}"
    );
    let suspended = &events[0];
    assert_eq!(suspended["note"], "Customer abroad");
    assert_eq!(suspended["staff"], "support@example.com");
    assert_eq!(suspended["source"], "api");
    assert_eq!(
        (
            suspended["oldStatus"].as_str(),
            suspended["newStatus"].as_str()
        ),
        (Some("ACTIVE"), Some("SUSPENDED"))
    );
    assert_eq!(suspended["before"], r#"{"status":"ACTIVE"}"#);
    assert_eq!(suspended["after"], r#"{"status":"SUSPENDED"}"#);
    let reserved = &events[2];
    assert_eq!(
        reserved["after"],
        format!(r#"{{"customerId":{customer},"status":"RESERVED"}}"#)
    );

    // Terminated is final: nothing more is allowed.
    let (s, r) = p
        .call(
            &t,
            Method::POST,
            &op("terminate"),
            Some(json!({"reason": "Contract ended"})),
        )
        .await;
    assert_eq!((s, r["sim"]["allowed"].clone()), (200, json!([])));
    let (s, e) = p.call(&t, Method::POST, &op("resume"), None).await;
    assert_eq!((s, e["allowed"].clone()), (409, json!([])));
}

#[tokio::test]
async fn two_changes_to_one_sim_never_both_win() {
    let p = portal().await;
    let t = staff_token(&p, "admin@example.com").await;
    let sim = first_sim(&p, &t, "ACTIVE").await;
    let id = sim["id"].as_i64().unwrap();
    let (_, detail) = p
        .call(&t, Method::GET, &format!("/api/ops/sim-cards/{id}"), None)
        .await;
    let version = detail["sim"]["version"].as_i64().unwrap();
    // Both saw the same version: one suspends, the other terminates.
    let (pa, pb) = (
        format!("/api/ops/sim-cards/{id}/suspend"),
        format!("/api/ops/sim-cards/{id}/terminate"),
    );
    let a = p.call(
        &t,
        Method::POST,
        &pa,
        Some(json!({"reason": "a", "expectedVersion": version})),
    );
    let b = p.call(
        &t,
        Method::POST,
        &pb,
        Some(json!({"reason": "b", "expectedVersion": version})),
    );
    let ((sa, _), (sb, _)) = tokio::join!(a, b);
    let mut statuses = [sa, sb];
    statuses.sort();
    assert_eq!(statuses, [200, 409]);
    let (_, after) = p
        .call(&t, Method::GET, &format!("/api/ops/sim-cards/{id}"), None)
        .await;
    assert_eq!(after["sim"]["version"].as_i64(), Some(version + 1));
    let changes = after["events"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| {
            ["SUSPENDED", "TERMINATED"].contains(&e["type"].as_str().unwrap())
                && e["staff"] == "admin@example.com"
        })
        .count();
    assert_eq!(changes, 1, "exactly one change was recorded");
}

#[tokio::test]
async fn a_swap_moves_number_and_tariff_to_an_available_card_in_one_go() {
    let p = portal().await;
    let t = staff_token(&p, "admin@example.com").await;
    let old = first_sim(&p, &t, "ACTIVE").await;
    let new = first_sim(&p, &t, "AVAILABLE").await;
    let id = old["id"].as_i64().unwrap();
    let swap = format!("/api/ops/sim-cards/{id}/swap");
    let (s, e) = p
        .call(
            &t,
            Method::POST,
            &swap,
            Some(json!({"newIccid": old["iccid"]})),
        )
        .await;
    assert_eq!(
        (s, e["field"].as_str()),
        (400, Some("newIccid")),
        "not onto itself"
    );
    let (s, e) = p
        .call(
            &t,
            Method::POST,
            &swap,
            Some(json!({"newIccid": "8981000000000000001"})),
        )
        .await;
    assert_eq!((s, e["field"].as_str()), (400, Some("newIccid")), "{e}");
    let (s, r) = p
        .call(
            &t,
            Method::POST,
            &swap,
            Some(json!({"newIccid": new["iccid"]})),
        )
        .await;
    assert_eq!((s, r["status"].as_str()), (200, Some("TERMINATED")), "{r}");
    assert_eq!(r["sim"]["msisdn"], Value::Null);
    assert_eq!(r["newSim"]["status"], "ACTIVE");
    assert_eq!(r["newSim"]["msisdn"], old["msisdn"]);
    assert_eq!(r["newSim"]["tariff"], old["tariff"]);
    assert_eq!(r["newSim"]["customer"], old["customer"]);
    let (_, d) = p
        .call(
            &t,
            Method::GET,
            &format!("/api/ops/sim-cards/{}", new["id"]),
            None,
        )
        .await;
    assert_eq!(d["events"][0]["type"], "SWAPPED_IN");
}

#[tokio::test]
async fn a_pin_reveal_is_audited_and_pins_are_masked_otherwise() {
    let p = portal().await;
    let t = staff_token(&p, "support@example.com").await;
    let sim = first_sim(&p, &t, "ACTIVE").await;
    let id = sim["id"].as_i64().unwrap();
    let (_, d) = p
        .call(&t, Method::GET, &format!("/api/ops/sim-cards/{id}"), None)
        .await;
    let masked = d["sim"]["pinMasked"].as_str().unwrap().to_string();
    assert!(masked.starts_with("••"), "{masked}");
    assert!(!d.to_string().contains("\"pin\""));
    let (s, codes) = p
        .call(
            &t,
            Method::POST,
            &format!("/api/ops/sim-cards/{id}/reveal"),
            None,
        )
        .await;
    assert_eq!(s, 200);
    let pin = codes["pin"].as_str().unwrap();
    assert!(masked.ends_with(&pin[2..]), "{masked} vs {pin}");
    assert_eq!(codes["puk"].as_str().map(str::len), Some(8));
    let (_, d) = p
        .call(&t, Method::GET, &format!("/api/ops/sim-cards/{id}"), None)
        .await;
    assert_eq!(d["events"][0]["type"], "PIN_REVEALED");
    assert_eq!(d["events"][0]["staff"], "support@example.com");
}

fn row(serial: u64, msisdn: Option<&str>) -> String {
    format!(
        "{},1234,12345678,data-only,{}\n",
        iccid(serial),
        msisdn.unwrap_or("")
    )
}

async fn import_checks(p: &TestPortal) {
    let t = staff_token(p, "admin@example.com").await;
    let mut bad_luhn = iccid(9_100_002);
    let last = bad_luhn.pop().unwrap();
    bad_luhn.push(if last == '9' {
        '0'
    } else {
        (last as u8 + 1) as char
    });
    let existing = first_sim(p, &t, "AVAILABLE").await["iccid"]
        .as_str()
        .unwrap()
        .to_string();
    let csv = format!(
        "iccid,pin,puk,type,msisdn\n{}{}{bad_luhn},1234,12345678,prepaid,\n{}{existing},1234,12345678,postpaid,\n{}9,12,12345678,prepaid,\n",
        row(9_100_001, Some("07011112222")),
        row(9_100_003, None),
        row(9_100_001, None),
        row(9_100_004, Some("07011112222")).trim_end().to_string() + "\n",
    );
    let (s, r) = import(p, &t, "?dryRun=true", csv.clone()).await;
    assert_eq!(s, 200);
    let preview: Value = r.json().await.unwrap();
    assert_eq!(
        preview["counts"],
        json!({"rows": 7, "new": 2, "duplicateInFile": 2, "duplicateInDatabase": 1, "invalid": 2}),
        "{preview}"
    );
    let verdicts: Vec<(u64, &str)> = preview["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["line"].as_u64().unwrap(), r["verdict"].as_str().unwrap()))
        .collect();
    assert_eq!(
        verdicts,
        vec![
            (2, "new"),
            (3, "new"),
            (4, "invalid"),
            (5, "duplicate-in-file"),
            (6, "duplicate-in-database"),
            (7, "duplicate-in-file"),
            (8, "invalid")
        ]
    );
    assert!(preview["rows"][2]["reason"]
        .as_str()
        .unwrap()
        .contains("Luhn"));
    // Nothing was written by the dry run.
    let (_, page) = p
        .call(
            &t,
            Method::GET,
            &format!("/api/ops/sim-cards?q={}", iccid(9_100_001)),
            None,
        )
        .await;
    assert_eq!(page["items"], json!([]));
    // The rejected rows as CSV.
    let (s, r) = import(p, &t, "?dryRun=true&rejected=csv", csv.clone()).await;
    assert_eq!(s, 200);
    let rejected = r.text().await.unwrap();
    assert_eq!(rejected.lines().count(), 6, "{rejected}");
    assert!(rejected.contains("4,"), "{rejected}");
    let (_, before) = p
        .call(&t, Method::GET, "/api/ops/stats/sim-by-status", None)
        .await;
    let available = |v: &Value| {
        v.as_array()
            .unwrap()
            .iter()
            .find(|s| s["status"] == "AVAILABLE")
            .unwrap()["count"]
            .as_i64()
            .unwrap()
    };
    // The import writes the new rows, each with its IMPORTED event.
    let (s, r) = import(p, &t, "?fileName=batch-7.csv", csv.clone()).await;
    assert_eq!(s, 201);
    let done: Value = r.json().await.unwrap();
    assert_eq!(done["counts"]["new"], 2);
    let (_, after) = p
        .call(&t, Method::GET, "/api/ops/stats/sim-by-status", None)
        .await;
    assert_eq!(available(&after), available(&before) + 2);
    let (_, page) = p
        .call(
            &t,
            Method::GET,
            &format!("/api/ops/sim-cards?q={}", iccid(9_100_001)),
            None,
        )
        .await;
    let id = page["items"][0]["id"].as_i64().unwrap();
    assert_eq!(page["items"][0]["msisdn"], "07011112222");
    let (_, d) = p
        .call(&t, Method::GET, &format!("/api/ops/sim-cards/{id}"), None)
        .await;
    assert_eq!(
        (
            d["events"][0]["type"].as_str(),
            d["events"][0]["source"].as_str()
        ),
        (Some("IMPORTED"), Some("import"))
    );
    // Running it again is harmless: everything is reported as already there.
    let (s, r) = import(p, &t, "", csv).await;
    assert_eq!(s, 201);
    let again: Value = r.json().await.unwrap();
    assert_eq!(again["counts"]["new"], 0);
    assert_eq!(again["counts"]["duplicateInDatabase"], 3);
    // Not CSV, empty, unreadable: clear errors.
    let (s, _) = reqwest::Client::new()
        .post(format!("{}/api/ops/imports", p.url))
        .bearer_auth(&t)
        .json(&json!({}))
        .send()
        .await
        .map(|r| (r.status().as_u16(), ()))
        .unwrap();
    assert_eq!(s, 400);
    assert_eq!(
        import(p, &t, "", "iccid,pin,puk,type\n".into()).await.0,
        400
    );
}

#[tokio::test]
async fn the_import_previews_every_row_and_commits_only_new_ones() {
    import_checks(&portal().await).await;
}

#[tokio::test]
async fn a_hundred_thousand_row_file_previews_and_imports() {
    let p = portal().await;
    let t = staff_token(&p, "admin@example.com").await;
    let mut csv = String::from("iccid,pin,puk,type,msisdn\n");
    for i in 0..100_000u64 {
        csv += &format!(
            "{},1234,12345678,prepaid,{}\n",
            iccid(20_000_000 + i),
            if i % 2 == 0 {
                format!("070{:08}", 30_000_000 + i)
            } else {
                String::new()
            }
        );
    }
    assert!(csv.len() > 4_000_000);
    let started = std::time::Instant::now();
    let (s, r) = import(&p, &t, "?dryRun=true", csv.clone()).await;
    assert_eq!(s, 200);
    let preview: Value = r.json().await.unwrap();
    assert_eq!(preview["counts"]["new"], 100_000);
    let preview_time = started.elapsed();
    let started = std::time::Instant::now();
    let (s, r) = import(&p, &t, "", csv).await;
    assert_eq!(s, 201);
    let done: Value = r.json().await.unwrap();
    assert_eq!(done["counts"]["new"], 100_000);
    eprintln!(
        "100,000 rows (debug build): preview {preview_time:?}, import {:?}",
        started.elapsed()
    );
    let (_, page) = p
        .call(
            &t,
            Method::GET,
            &format!("/api/ops/sim-cards?q={}", iccid(20_099_999)),
            None,
        )
        .await;
    assert_eq!(page["items"].as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn lists_filter_search_and_page_without_counting() {
    let p = portal().await;
    let t = staff_token(&p, "viewer@example.com").await;
    let (s, page) = p
        .call(
            &t,
            Method::GET,
            "/api/ops/sim-cards?status=ACTIVE&perPage=10&sort=-iccid",
            None,
        )
        .await;
    assert_eq!(s, 200);
    let items = page["items"].as_array().unwrap();
    assert_eq!(items.len(), 10);
    assert!(items.iter().all(|i| i["status"] == "ACTIVE"));
    let iccids: Vec<&str> = items.iter().map(|i| i["iccid"].as_str().unwrap()).collect();
    let mut sorted = iccids.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(iccids, sorted);
    assert_eq!(page["hasNext"], true);
    let (_, next) = p
        .call(
            &t,
            Method::GET,
            "/api/ops/sim-cards?status=ACTIVE&perPage=10&sort=-iccid&page=2",
            None,
        )
        .await;
    assert!(next["items"][0]["iccid"].as_str().unwrap() < iccids[9]);
    // Search by number (as typed with +81) and by ICCID prefix.
    let msisdn = items[0]["msisdn"].as_str().unwrap();
    let (_, found) = p
        .call(
            &t,
            Method::GET,
            &format!("/api/ops/sim-cards?q=%2B81{}", &msisdn[1..]),
            None,
        )
        .await;
    assert_eq!(found["items"][0]["id"], items[0]["id"]);
    let tariff = items[0]["tariff"]["id"].as_i64().unwrap();
    let (_, by_tariff) = p
        .call(
            &t,
            Method::GET,
            &format!("/api/ops/sim-cards?tariff={tariff}&perPage=100"),
            None,
        )
        .await;
    assert!(by_tariff["items"]
        .as_array()
        .unwrap()
        .iter()
        .all(|i| i["tariff"]["id"] == tariff));
    for bad in [
        "status=ON",
        "perPage=1000",
        "page=0",
        "sort=name",
        "q=abc",
        "colour=red",
    ] {
        let (s, e) = p
            .call(&t, Method::GET, &format!("/api/ops/sim-cards?{bad}"), None)
            .await;
        assert_eq!(s, 400, "{bad}: {e}");
    }
    // Dashboard numbers add up to the inventory.
    let (_, by_status) = p
        .call(&t, Method::GET, "/api/ops/stats/sim-by-status", None)
        .await;
    let total: i64 = by_status
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["count"].as_i64().unwrap())
        .sum();
    assert_eq!(total, 120);
    let (s, days) = p
        .call(
            &t,
            Method::GET,
            "/api/ops/stats/activations-over-time?from=2026-01-01&to=2026-01-31",
            None,
        )
        .await;
    assert_eq!((s, days.as_array().unwrap().len()), (200, 31));
    assert_eq!(
        p.call(
            &t,
            Method::GET,
            "/api/ops/stats/activations-over-time?from=yesterday",
            None
        )
        .await
        .0,
        400
    );
    assert_eq!(
        p.call(
            &t,
            Method::GET,
            "/api/ops/stats/activations-over-time?from=2026-02-01&to=2026-01-01",
            None
        )
        .await
        .0,
        400
    );
}

#[tokio::test]
async fn the_console_works_on_postgres() {
    let p = portal_on(&common::fresh_schema_url().await).await;
    import_checks(&p).await;
    let t = staff_token(&p, "support@example.com").await;
    let sim = first_sim(&p, &t, "ACTIVE").await;
    let id = sim["id"].as_i64().unwrap();
    let (s, r) = p
        .call(
            &t,
            Method::POST,
            &format!("/api/ops/sim-cards/{id}/suspend"),
            Some(json!({"reason": "PG"})),
        )
        .await;
    assert_eq!((s, r["status"].as_str()), (200, Some("SUSPENDED")), "{r}");
    let (s, tariffs) = p
        .call(&t, Method::GET, "/api/ops/stats/sim-by-tariff", None)
        .await;
    assert_eq!(s, 200);
    assert!(tariffs.as_array().unwrap().len() >= 5, "{tariffs}");
    let (s, _) = p
        .call(
            &t,
            Method::GET,
            "/api/ops/stats/activations-over-time",
            None,
        )
        .await;
    assert_eq!(s, 200);
    let (_, found) = p
        .call(
            &t,
            Method::GET,
            &format!(
                "/api/ops/sim-cards?q={}",
                &sim["iccid"].as_str().unwrap()[..12]
            ),
            None,
        )
        .await;
    assert!(!found["items"].as_array().unwrap().is_empty());
}
