//! Session attacks over real HTTP: fixation, logout and "log out everywhere", idle and
//! absolute expiry, another customer's sessions, bearer tokens, and the `__Host-` cookie.
#![allow(clippy::unwrap_used)]

mod common;
use serde_json::Value;
use server::settings::Settings;

/// Moves every session of the test database `db` by `secs` into the past, in one column.
async fn age_sessions(db: &str, column: &str, secs: i64) {
    let pool = server::store::connect(db).await.unwrap();
    sqlx::query(&format!("UPDATE sessions SET {column} = {column} - {secs}"))
        .execute(&pool)
        .await
        .unwrap();
}

async fn session_rows(db: &str) -> i64 {
    let pool = server::store::connect(db).await.unwrap();
    sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM sessions")
        .fetch_one(&pool)
        .await
        .unwrap()
}

#[tokio::test]
async fn a_planted_session_token_never_survives_a_login() {
    let p = common::portal().await;
    // The attacker logs in and plants their own token in the victim's browser.
    let planted = p.token("demo2@example.com").await;
    let victim = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let r = victim
        .post(format!("{}/api/auth/login", p.url))
        .header("cookie", format!("portal_session={planted}"))
        .json(&serde_json::json!({"email": "demo@example.com", "password": "portal-demo"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let cookie = r.headers()["set-cookie"].to_str().unwrap().to_string();
    let body: Value = r.json().await.unwrap();
    let fresh = body["token"].as_str().unwrap();
    assert_ne!(fresh, planted);
    assert!(
        cookie.starts_with(&format!("portal_session={fresh};")),
        "{cookie}"
    );
    // The planted token is dead: the victim's browser cannot be steered into it.
    assert_eq!(p.status_with(&planted, "/api/me").await, 401);
    assert_eq!(p.status_with(fresh, "/api/me").await, 200);

    // A made-up token is never accepted, so it cannot be planted in the first place.
    assert_eq!(p.status_with("made-up-token", "/api/me").await, 401);
}

#[tokio::test]
async fn logout_and_logout_everywhere_end_sessions_for_good() {
    let p = common::portal().await;
    let phone = p.token("demo@example.com").await;
    let laptop = p.token("demo@example.com").await;
    let other_customer = p.token("demo2@example.com").await;

    // The session list shows both, the asking one marked current, no token material.
    let list: Vec<Value> = reqwest::Client::new()
        .get(format!("{}/api/auth/sessions", p.url))
        .bearer_auth(&phone)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(list.len(), 2, "{list:?}");
    assert_eq!(list.iter().filter(|s| s["current"] == true).count(), 1);
    let text = serde_json::to_string(&list).unwrap();
    assert!(!text.contains(&phone) && !text.contains(&laptop));
    let laptop_id = list.iter().find(|s| s["current"] == false).unwrap()["id"]
        .as_i64()
        .unwrap();

    // Another customer cannot end it.
    let r = reqwest::Client::new()
        .delete(format!("{}/api/auth/sessions/{laptop_id}", p.url))
        .bearer_auth(&other_customer)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
    assert_eq!(p.status_with(&laptop, "/api/me").await, 200);

    // The owner ends the laptop's session from the phone.
    let r = reqwest::Client::new()
        .delete(format!("{}/api/auth/sessions/{laptop_id}", p.url))
        .bearer_auth(&phone)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 204);
    assert_eq!(p.status_with(&laptop, "/api/me").await, 401);
    assert_eq!(p.status_with(&phone, "/api/me").await, 200);

    // Plain logout ends that session only.
    let tablet = p.token("demo@example.com").await;
    let r = reqwest::Client::new()
        .post(format!("{}/api/auth/logout", p.url))
        .bearer_auth(&tablet)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 204);
    assert_eq!(p.status_with(&tablet, "/api/me").await, 401);
    assert_eq!(p.status_with(&phone, "/api/me").await, 200);

    // Everywhere: every session of this customer, none of anybody else's.
    let desktop = p.token("demo@example.com").await;
    let r = reqwest::Client::new()
        .post(format!("{}/api/auth/logout-everywhere", p.url))
        .bearer_auth(&phone)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 204);
    for t in [&phone, &desktop] {
        assert_eq!(p.status_with(t, "/api/me").await, 401);
    }
    assert_eq!(p.status_with(&other_customer, "/api/me").await, 200);
}

#[tokio::test]
async fn idle_and_expired_sessions_stop_working_and_are_purged() {
    let db = common::temp_db();
    let p = common::portal_on(&db).await;
    let idle = p.token("demo@example.com").await;
    // Used 29 minutes ago: still fine (the idle limit is 30 minutes), and using it counts.
    age_sessions(&db, "last_seen_at", 29 * 60).await;
    assert_eq!(p.status_with(&idle, "/api/me").await, 200);
    age_sessions(&db, "last_seen_at", 29 * 60).await;
    assert_eq!(
        p.status_with(&idle, "/api/me").await,
        200,
        "the last request restarted the idle clock"
    );
    // 31 minutes without a request: over.
    age_sessions(&db, "last_seen_at", 31 * 60).await;
    assert_eq!(p.status_with(&idle, "/api/me").await, 401);

    // Busy but past its absolute lifetime: over too.
    let old = p.token("demo@example.com").await;
    age_sessions(&db, "expires_at", 2 * 3600).await;
    assert_eq!(p.status_with(&old, "/api/me").await, 401);

    let live = p.token("demo2@example.com").await;
    let logged_out = p.token("demo2@example.com").await;
    reqwest::Client::new()
        .post(format!("{}/api/auth/logout", p.url))
        .bearer_auth(&logged_out)
        .send()
        .await
        .unwrap();
    assert_eq!(session_rows(&db).await, 4);
    let pool = server::store::connect(&db).await.unwrap();
    let removed = server::store::sessions::purge(
        &pool,
        server::store::sessions::Lifetime {
            absolute_secs: 3600,
            idle_secs: 1800,
        },
    )
    .await
    .unwrap();
    assert_eq!(removed, 3, "idle, expired and logged-out rows are deleted");
    assert_eq!(session_rows(&db).await, 1);
    assert_eq!(p.status_with(&live, "/api/me").await, 200);
}

#[tokio::test]
async fn over_https_the_cookie_is_host_prefixed_and_secure() {
    let mut settings = Settings::for_tests(&common::temp_db());
    settings.secure_cookies = true;
    let p = common::portal_with(settings).await;
    let r = common::post_login(&p.http, &p.url, "demo@example.com", "portal-demo").await;
    assert_eq!(r.status(), 200);
    let cookie = r.headers()["set-cookie"].to_str().unwrap().to_string();
    assert!(cookie.starts_with("__Host-portal_session="), "{cookie}");
    for attr in ["Secure", "HttpOnly", "SameSite=Lax", "Path=/"] {
        assert!(cookie.contains(attr), "{attr} in {cookie}");
    }
    assert!(!cookie.contains("Domain"), "{cookie}");
    let token = cookie
        .split(';')
        .next()
        .unwrap()
        .trim_start_matches("__Host-portal_session=")
        .to_string();
    let me = |cookie: String| {
        let url = format!("{}/api/me", p.url);
        async move {
            reqwest::Client::new()
                .get(url)
                .header("cookie", cookie)
                .send()
                .await
                .unwrap()
                .status()
        }
    };
    assert_eq!(me(format!("__Host-portal_session={token}")).await, 200);
    // The unprefixed name (which a sibling subdomain could set) does not count.
    assert_eq!(me(format!("portal_session={token}")).await, 401);
}
