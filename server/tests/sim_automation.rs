//! Usage alerts, trip roaming and the personal usage feed (issue 15) over real HTTP against
//! the simulators: alerts fire once per cycle (also with two instances on one database), trip
//! roaming switches the carrier's roaming on and off with every step in the timeline, and a
//! feed token reads usage and nothing else.
#![allow(clippy::unwrap_used)]

mod common;
use chrono::Duration as Days;
use serde_json::Value;
use server::store::Db;
use std::time::{Duration, Instant};

const DEMO: &str = "demo@example.com";
/// The demo customer's eSIM: PASI_50G, 48256 of 51200 MB left (5.75 % used).
const SIM: &str = "2001";

fn today() -> chrono::NaiveDate {
    app::domain::dates::jst_date(chrono::Utc::now().timestamp())
}

async fn call(
    p: &common::TestPortal,
    c: &reqwest::Client,
    name: &str,
    form: &[(&str, &str)],
) -> (u16, Value) {
    common::server_fn(c, &p.url, name, form).await
}

async fn schedule(
    p: &common::TestPortal,
    c: &reqwest::Client,
    first: &str,
    last: &str,
    label: &str,
) -> (u16, Value) {
    let form = [
        ("id", SIM),
        ("first_day", first),
        ("last_day", last),
        ("label", label),
    ];
    call(p, c, "schedule_trip", &form).await
}

async fn add_alert(
    p: &common::TestPortal,
    c: &reqwest::Client,
    kind: &str,
    value: &str,
) -> (u16, Value) {
    let form = [("id", SIM), ("kind", kind), ("value", value)];
    call(p, c, "add_usage_alert", &form).await
}

/// Polls `check` for up to ten seconds.
async fn eventually<F, Fut>(what: &str, check: F)
where
    F: Fn() -> Fut,
    Fut: std::future::Future<Output = bool>,
{
    let deadline = Instant::now() + Duration::from_secs(10);
    while !check().await {
        assert!(Instant::now() < deadline, "never happened: {what}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

async fn alert_emails(db: &Db) -> Vec<server::store::outbox::OutboxRow> {
    server::store::outbox::recent(db, 100)
        .await
        .unwrap()
        .into_iter()
        .filter(|e| e.subject.starts_with("Data alert"))
        .collect()
}

async fn timeline(p: &common::TestPortal, c: &reqwest::Client) -> Vec<Value> {
    let (status, t) = call(p, c, "get_sim_timeline", &[("id", SIM)]).await;
    assert_eq!(status, 200, "{t}");
    t.as_array().unwrap().clone()
}

#[tokio::test]
async fn usage_alerts_are_validated_fire_once_per_cycle_and_show_in_the_timeline() {
    let db_url = common::temp_db();
    let p = common::portal_on(&db_url).await;
    let db = server::store::connect(&db_url).await.unwrap();
    let c = p.login(DEMO).await;

    for (kind, value, field) in [
        ("percentUsed", "0", "value"),
        ("percentUsed", "100", "value"),
        ("remainingMb", "5", "value"),
        ("gigabytes", "1", "kind"),
    ] {
        let (status, e) = add_alert(&p, &c, kind, value).await;
        assert_eq!(
            (status, e["detail"]["field"].as_str()),
            (400, Some(field)),
            "{kind} {value}: {e}"
        );
    }
    // 5 % is reached (5.75 % used), 50 % is not.
    let (status, a) = add_alert(&p, &c, "percentUsed", "5").await;
    assert_eq!(status, 200, "{a}");
    let (status, a) = add_alert(&p, &c, "percentUsed", "50").await;
    assert_eq!(status, 200, "{a}");
    assert_eq!(a["alerts"].as_array().unwrap().len(), 2);
    let (status, e) = add_alert(&p, &c, "percentUsed", "50").await;
    assert_eq!(
        (status, e["detail"]["message"].as_str()),
        (400, Some("You already have this alert."))
    );

    // Another customer can neither read nor remove them.
    let other = p.login("demo2@example.com").await;
    let (status, _) = call(&p, &other, "get_usage_alerts", &[("id", SIM)]).await;
    assert_eq!(status, 404);
    let id = a["alerts"][0]["id"].as_str().unwrap().to_string();
    let (status, _) = call(
        &p,
        &other,
        "remove_usage_alert",
        &[("id", SIM), ("alert", &id)],
    )
    .await;
    assert_eq!(status, 404);

    eventually("the 5 % alert is sent", || async {
        let (_, a) = call(&p, &c, "get_usage_alerts", &[("id", SIM)]).await;
        a["alerts"][0]["sentThisCycle"].is_string()
    })
    .await;
    let (_, a) = call(&p, &c, "get_usage_alerts", &[("id", SIM)]).await;
    assert!(
        a["alerts"][1]["sentThisCycle"].is_null(),
        "50 % is not reached: {a}"
    );
    // Several more checks run (every 300 ms here): still one email.
    tokio::time::sleep(Duration::from_millis(1500)).await;
    let emails = alert_emails(&db).await;
    assert_eq!(emails.len(), 1, "once per cycle");
    assert_eq!(emails[0].to, DEMO);
    assert!(
        emails[0].subject.contains("5 % used"),
        "{}",
        emails[0].subject
    );
    assert!(
        emails[0].body.contains("/subscriptions/2001"),
        "{}",
        emails[0].body
    );
    let t = timeline(&p, &c).await;
    let sent: Vec<&Value> = t.iter().filter(|e| e["actor"] == "Usage alerts").collect();
    assert_eq!(sent.len(), 1, "{t:?}");
    assert!(sent[0]["detail"].as_str().unwrap().contains("5 % used"));
    assert!(t
        .iter()
        .any(|e| e["detail"] == "Usage alert set: 50 % used"));

    // Removing the alert and setting it again in the same month sends nothing new.
    let (status, _) = call(&p, &c, "remove_usage_alert", &[("id", SIM), ("alert", &id)]).await;
    assert_eq!(status, 200);
    let (status, a) = call(&p, &c, "get_usage_alerts", &[("id", SIM)]).await;
    assert_eq!((status, a["alerts"].as_array().unwrap().len()), (200, 1));
    let (status, a) = add_alert(&p, &c, "percentUsed", "5").await;
    assert_eq!(status, 200, "{a}");
    let again = a["alerts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["label"] == "5 % used")
        .unwrap()
        .clone();
    assert!(again["sentThisCycle"].is_string(), "already sent: {again}");
    tokio::time::sleep(Duration::from_millis(1000)).await;
    assert_eq!(
        alert_emails(&db).await.len(),
        1,
        "the same threshold, the same month"
    );
    // At most five.
    for v in ["10", "20", "30"] {
        let (status, _) = add_alert(&p, &c, "percentUsed", v).await;
        assert_eq!(status, 200);
    }
    let (status, e) = add_alert(&p, &c, "remainingMb", "1000").await;
    assert_eq!(status, 400, "{e}");
    assert!(e["detail"]["message"]
        .as_str()
        .unwrap()
        .contains("at most 5"));
}

#[tokio::test]
async fn two_instances_send_an_alert_once() {
    let db_url = common::fresh_schema_url().await;
    let first = server::build(server::settings::Settings::for_tests(&db_url))
        .await
        .unwrap();
    let sims = first.simulators.clone();
    let url1 = first.url();
    tokio::spawn(first.serve_until(std::future::pending()));
    let second = server::build_with(server::settings::Settings::for_tests(&db_url), sims)
        .await
        .unwrap();
    tokio::spawn(second.serve_until(std::future::pending()));
    let db = server::store::connect(&db_url).await.unwrap();

    let c = common::cookie_client();
    common::post_login(&c, &url1, DEMO, server::simulator::demo::DEMO_PASSWORD).await;
    for v in ["1", "2", "3", "4", "5"] {
        let (status, e) = common::server_fn(
            &c,
            &url1,
            "add_usage_alert",
            &[("id", SIM), ("kind", "percentUsed"), ("value", v)],
        )
        .await;
        assert_eq!(status, 200, "{e}");
    }
    let five = || async { alert_emails(&db).await.len() >= 5 };
    eventually("five alerts sent", five).await;
    tokio::time::sleep(Duration::from_millis(1500)).await;
    assert_eq!(
        alert_emails(&db).await.len(),
        5,
        "each once, whichever instance checked"
    );
}

/// Moves a trip's dates (test only: the real ones start tomorrow at the earliest) and makes
/// it due now.
async fn move_trip(db: &Db, id: &str, first: chrono::NaiveDate, last: chrono::NaiveDate) {
    sqlx::query(
        "UPDATE trips SET first_day = $1, last_day = $2, next_attempt_ms = 0 WHERE id = $3",
    )
    .bind(first.to_string())
    .bind(last.to_string())
    .bind(id.parse::<i64>().unwrap())
    .execute(db)
    .await
    .unwrap();
}

async fn roaming(p: &common::TestPortal, c: &reqwest::Client) -> (bool, bool) {
    let (status, o) = call(p, c, "get_sim_overview", &[("id", SIM)]).await;
    assert_eq!(status, 200, "{o}");
    let pending = o["pending"]
        .as_array()
        .unwrap()
        .iter()
        .any(|p| p["kind"] == "features");
    (
        o["features"]["internationalRoaming"].as_bool().unwrap(),
        pending,
    )
}

async fn trip_state(p: &common::TestPortal, c: &reqwest::Client, id: &str) -> String {
    let (_, t) = call(p, c, "list_trips", &[("id", SIM)]).await;
    t.as_array()
        .unwrap()
        .iter()
        .find(|t| t["id"] == id)
        .unwrap()["state"]
        .as_str()
        .unwrap()
        .to_string()
}

#[tokio::test]
async fn trip_roaming_goes_on_at_the_start_and_off_at_the_end_through_the_carrier() {
    let db_url = common::temp_db();
    let p = common::portal_on(&db_url).await;
    let db = server::store::connect(&db_url).await.unwrap();
    let c = p.login(DEMO).await;
    assert_eq!(
        roaming(&p, &c).await,
        (false, false),
        "the demo eSIM starts without roaming"
    );

    let day = |d: i64| (today() + Days::days(d)).to_string();
    for (first, last, field) in [
        (day(0), day(2), "firstDay"),
        (day(3), day(2), "lastDay"),
        (day(1), day(120), "lastDay"),
        ("14 May".to_string(), day(2), "firstDay"),
    ] {
        let (status, e) = schedule(&p, &c, &first, &last, "").await;
        assert_eq!(
            (status, e["detail"]["field"].as_str()),
            (400, Some(field)),
            "{first}–{last}: {e}"
        );
    }
    let (status, trips) = schedule(&p, &c, &day(10), &day(17), "Seoul trip").await;
    assert_eq!(status, 200, "{trips}");
    let trip = trips[0]["id"].as_str().unwrap().to_string();
    assert_eq!(
        (
            trips[0]["state"].as_str(),
            trips[0]["cancellable"].as_bool()
        ),
        (Some("scheduled"), Some(true))
    );
    let (status, e) = schedule(&p, &c, &day(17), &day(20), "").await;
    assert_eq!(status, 400, "overlap: {e}");
    assert!(e["detail"]["message"]
        .as_str()
        .unwrap()
        .contains("Seoul trip"));
    // Nothing happens before the start.
    tokio::time::sleep(Duration::from_millis(700)).await;
    assert_eq!(roaming(&p, &c).await, (false, false));

    // The first day comes: roaming is asked for, pending on the page until the carrier applies it.
    move_trip(&db, &trip, today(), today() + Days::days(3)).await;
    eventually("roaming requested", || async {
        trip_state(&p, &c, &trip).await == "underway"
    })
    .await;
    eventually("roaming on", || async {
        roaming(&p, &c).await == (true, false)
    })
    .await;
    let (status, e) = call(&p, &c, "cancel_trip", &[("id", SIM), ("trip", &trip)]).await;
    assert_eq!(status, 409, "started: {e}");
    let t = timeline(&p, &c).await;
    let on = t.iter().find(|e| e["actor"] == "Trip roaming").unwrap();
    assert!(
        on["detail"]
            .as_str()
            .unwrap()
            .contains("roaming on for “Seoul trip”"),
        "{on}"
    );
    assert!(t.iter().any(|e| e["detail"]
        .as_str()
        .unwrap()
        .starts_with("Trip roaming scheduled for “Seoul trip”")));

    // The day after the last: roaming goes off again.
    move_trip(&db, &trip, today() - Days::days(4), today() - Days::days(1)).await;
    eventually("trip over", || async {
        trip_state(&p, &c, &trip).await == "over"
    })
    .await;
    eventually("roaming off", || async {
        roaming(&p, &c).await == (false, false)
    })
    .await;
    let t = timeline(&p, &c).await;
    assert_eq!(
        t.iter().filter(|e| e["actor"] == "Trip roaming").count(),
        2,
        "{t:?}"
    );
}

#[tokio::test]
async fn a_trip_is_cancellable_until_it_starts_and_leaves_roaming_that_was_on() {
    let db_url = common::temp_db();
    let p = common::portal_on(&db_url).await;
    let db = server::store::connect(&db_url).await.unwrap();
    let c = p.login(DEMO).await;
    let day = |d: i64| (today() + Days::days(d)).to_string();

    let (_, trips) = schedule(&p, &c, &day(5), &day(6), "").await;
    let trip = trips[0]["id"].as_str().unwrap().to_string();
    let other = p.login("demo2@example.com").await;
    let (status, _) = call(&p, &other, "cancel_trip", &[("id", SIM), ("trip", &trip)]).await;
    assert_eq!(status, 404, "not theirs");
    let (status, trips) = call(&p, &c, "cancel_trip", &[("id", SIM), ("trip", &trip)]).await;
    assert_eq!(
        (status, trips[0]["state"].as_str()),
        (200, Some("cancelled"))
    );
    let (status, _) = call(&p, &c, "cancel_trip", &[("id", SIM), ("trip", &trip)]).await;
    assert_eq!(status, 409);
    assert!(timeline(&p, &c).await.iter().any(|e| e["detail"]
        .as_str()
        .unwrap()
        .starts_with("Trip roaming cancelled")));

    // Roaming already on when a trip starts: the trip leaves it on when it ends.
    let (status, e) = call(
        &p,
        &c,
        "set_sim_features",
        &[("id", SIM), ("change[internationalRoaming]", "true")],
    )
    .await;
    assert_eq!(status, 200, "{e}");
    eventually("roaming on", || async {
        roaming(&p, &c).await == (true, false)
    })
    .await;
    let (_, trips) = schedule(&p, &c, &day(8), &day(9), "Taipei").await;
    let trip = trips
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["state"] == "scheduled")
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    move_trip(&db, &trip, today(), today()).await;
    eventually("underway", || async {
        trip_state(&p, &c, &trip).await == "underway"
    })
    .await;
    move_trip(&db, &trip, today() - Days::days(2), today() - Days::days(1)).await;
    eventually("over", || async {
        trip_state(&p, &c, &trip).await == "over"
    })
    .await;
    assert_eq!(roaming(&p, &c).await, (true, false), "left on");
    let t = timeline(&p, &c).await;
    assert!(
        t.iter().any(|e| e["detail"]
            .as_str()
            .unwrap()
            .contains("stays on, as it was before the trip")),
        "{t:?}"
    );
}

#[tokio::test]
async fn a_feed_token_reads_usage_and_nothing_else_until_revoked() {
    let db_url = common::temp_db();
    let p = common::portal_on(&db_url).await;
    let db = server::store::connect(&db_url).await.unwrap();
    let c = p.login(DEMO).await;
    let (status, e) = call(&p, &c, "create_feed_token", &[("label", "  ")]).await;
    assert_eq!(
        (status, e["detail"]["field"].as_str()),
        (400, Some("label"))
    );
    let (status, t) = call(&p, &c, "create_feed_token", &[("label", "Home Assistant")]).await;
    assert_eq!(status, 200, "{t}");
    let token = t["token"].as_str().unwrap().to_string();
    assert!(token.starts_with("snxfeed_"));
    // Hashed at rest.
    let stored: Vec<String> = sqlx::query_scalar("SELECT token_hash FROM feed_tokens")
        .fetch_all(&db)
        .await
        .unwrap();
    assert_eq!(stored, vec![server::store::sessions::hash_token(&token)]);

    let (status, feed) = p
        .call(&token, reqwest::Method::GET, "/api/feed/usage", None)
        .await;
    assert_eq!(status, 200, "{feed}");
    let sim = feed["sims"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["subscriptionId"] == 2001)
        .unwrap();
    assert_eq!(sim["usage"]["remainingQuotaMb"], 48256);
    assert_eq!(sim["usage"]["usageHistory"].as_array().unwrap().len(), 30);

    // Nothing else: not the REST API, not a server function, not a write.
    for path in [
        "/api/me",
        "/api/subscriptions",
        "/api/subscriptions/2001/sim/usage",
        "/api/billing/invoices",
    ] {
        assert_eq!(p.status_with(&token, path).await, 401, "{path}");
    }
    let (status, _) = p
        .call(
            &token,
            reqwest::Method::POST,
            "/api/subscriptions/2001/sim/features",
            Some(serde_json::json!({"internationalRoaming": true})),
        )
        .await;
    assert_eq!(status, 401);
    let r = reqwest::Client::new()
        .post(format!("{}/api/fn/get_sim_usage", p.url))
        .bearer_auth(&token)
        .form(&[("id", SIM)])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 401);
    // And a session token is not a feed token.
    let session = p.token(DEMO).await;
    assert_eq!(p.status_with(&session, "/api/feed/usage").await, 401);
    let r = reqwest::Client::new()
        .get(format!("{}/api/feed/usage", p.url))
        .send()
        .await
        .unwrap();
    assert_eq!(
        (
            r.status().as_u16(),
            r.headers()["www-authenticate"].to_str().unwrap()
        ),
        (401, "Bearer")
    );

    // Rate-limited per token: a burst of ten, then 429 with when to come back.
    let mut statuses = Vec::new();
    for _ in 0..10 {
        let r = reqwest::Client::new()
            .get(format!("{}/api/feed/usage", p.url))
            .bearer_auth(&token)
            .send()
            .await
            .unwrap();
        statuses.push((
            r.status().as_u16(),
            r.headers().get("retry-after").is_some(),
        ));
    }
    assert!(statuses.contains(&(429, true)), "{statuses:?}");

    // Listed (never the token itself), then revoked: refused.
    let (_, list) = call(&p, &c, "list_feed_tokens", &[]).await;
    assert_eq!(list[0]["label"], "Home Assistant");
    assert!(!list.to_string().contains(&token));
    let id = list[0]["id"].as_str().unwrap().to_string();
    let other = p.login("demo2@example.com").await;
    let (status, _) = call(&p, &other, "revoke_feed_token", &[("token", &id)]).await;
    assert_eq!(status, 404, "not theirs");
    let (status, _) = call(&p, &c, "revoke_feed_token", &[("token", &id)]).await;
    assert_eq!(status, 200);
    assert_eq!(p.status_with(&token, "/api/feed/usage").await, 401);
    let (_, list) = call(&p, &c, "list_feed_tokens", &[]).await;
    assert_eq!(list.as_array().unwrap().len(), 0);
}

#[tokio::test]
async fn usage_history_downloads_as_csv() {
    let p = common::portal().await;
    let c = p.login(DEMO).await;
    let r = c
        .get(format!("{}/api/subscriptions/2001/sim/usage.csv", p.url))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(r.headers()["content-type"], "text/csv; charset=utf-8");
    assert!(r.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .starts_with("attachment; filename=\"usage-2001-"));
    let body = r.text().await.unwrap();
    let lines: Vec<&str> = body.lines().collect();
    assert_eq!(lines[0], "date,usage_mb,complete");
    assert_eq!(lines.len(), 32, "30 days and today");
    assert!(lines[31].starts_with(&today().to_string()) && lines[31].ends_with(",false"));
    assert!(lines[30].starts_with(&(today() - Days::days(1)).to_string()));
    let other = p.login("demo2@example.com").await;
    let r = other
        .get(format!("{}/api/subscriptions/2001/sim/usage.csv", p.url))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 404);
    let r = common::cookie_client()
        .get(format!("{}/api/subscriptions/2001/sim/usage.csv", p.url))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 401);
}
