//! Password reset over real HTTP: the same answer for known and unknown emails, a hashed
//! single-use token that expires, sessions ended by the reset, and the demo mailbox.
#![allow(clippy::unwrap_used)]

mod common;
use serde_json::{json, Value};

async fn ask(p: &common::TestPortal, email: &str) -> (u16, Value) {
    let r = common::cookie_client()
        .post(format!("{}/api/auth/password-reset", p.url))
        .json(&json!({"email": email}))
        .send()
        .await
        .unwrap();
    (r.status().as_u16(), r.json().await.unwrap())
}

async fn confirm(p: &common::TestPortal, token: &str, password: &str) -> (u16, String) {
    let r = common::cookie_client()
        .post(format!("{}/api/auth/password-reset/confirm", p.url))
        .json(&json!({"token": token, "newPassword": password}))
        .send()
        .await
        .unwrap();
    (r.status().as_u16(), r.text().await.unwrap())
}

async fn mailbox(p: &common::TestPortal) -> Vec<Value> {
    common::get_json(&p.http, &format!("{}/_sim/mailbox?format=json", p.url)).await
}

/// The token in the newest email's link.
async fn emailed_token(p: &common::TestPortal) -> String {
    let mail = mailbox(p).await;
    let body = mail[0]["body"].as_str().unwrap();
    body.split("token=")
        .nth(1)
        .unwrap()
        .split_whitespace()
        .next()
        .unwrap()
        .to_string()
}

#[tokio::test]
async fn a_reset_link_works_once_and_ends_every_session() {
    let db = common::temp_db();
    let p = common::portal_on(&db).await;
    let old_session = p.token("demo@example.com").await;

    // Known and unknown emails get the same answer; only the known one gets an email.
    let known = ask(&p, "demo@example.com").await;
    let unknown = ask(&p, "nobody@example.com").await;
    assert_eq!(known.0, 202);
    assert_eq!(known, unknown);
    let mail = mailbox(&p).await;
    assert_eq!(mail.len(), 1);
    assert_eq!(mail[0]["to"], "demo@example.com");
    let token = emailed_token(&p).await;
    assert!(mail[0]["body"]
        .as_str()
        .unwrap()
        .contains("/reset-password?token="));

    // Only the hash is stored.
    let pool = server::store::connect(&db).await.unwrap();
    let stored: Vec<String> = sqlx::query_scalar("SELECT token_hash FROM password_resets")
        .fetch_all(&pool)
        .await
        .unwrap();
    assert_eq!(stored.len(), 1);
    assert_ne!(stored[0], token);

    let (status, body) = confirm(&p, &token, "short").await;
    assert_eq!(status, 400, "{body}");
    let (status, body) = confirm(&p, &token, "my new password 2026").await;
    assert_eq!(status, 204, "{body}");
    // Once only.
    let (status, body) = confirm(&p, &token, "another new password").await;
    assert_eq!(status, 400);
    assert!(body.contains("expired or was already used"), "{body}");

    assert_eq!(p.status_with(&old_session, "/api/me").await, 401);
    let c = common::cookie_client();
    assert_eq!(
        common::post_login(&c, &p.url, "demo@example.com", "portal-demo")
            .await
            .status(),
        401
    );
    assert_eq!(
        common::post_login(&c, &p.url, "demo@example.com", "my new password 2026")
            .await
            .status(),
        200
    );
}

#[tokio::test]
async fn an_old_link_expires_and_a_newer_one_replaces_it() {
    let db = common::temp_db();
    let p = common::portal_on(&db).await;
    ask(&p, "demo2@example.com").await;
    let first = emailed_token(&p).await;
    ask(&p, "demo2@example.com").await;
    let second = emailed_token(&p).await;
    assert_ne!(first, second);
    let (status, _) = confirm(&p, &first, "a fresh password!").await;
    assert_eq!(status, 400, "the earlier link stopped working");

    // 31 minutes later the newer one has expired too.
    let pool = server::store::connect(&db).await.unwrap();
    sqlx::query("UPDATE password_resets SET expires_at = expires_at - 1860")
        .execute(&pool)
        .await
        .unwrap();
    let (status, _) = confirm(&p, &second, "a fresh password!").await;
    assert_eq!(status, 400);
    let (status, _) = confirm(&p, "made-up-token", "a fresh password!").await;
    assert_eq!(status, 400);
}

#[tokio::test]
async fn asking_again_and_again_is_throttled() {
    let p = common::portal().await;
    for _ in 0..5 {
        assert_eq!(ask(&p, "demo@example.com").await.0, 202);
    }
    let (status, e) = ask(&p, "demo@example.com").await;
    assert_eq!((status, e["code"].as_str()), (429, Some("rate_limited")));
    // Logging in is not affected by reset requests.
    let r = common::post_login(
        &common::cookie_client(),
        &p.url,
        "demo@example.com",
        "portal-demo",
    )
    .await;
    assert_eq!(r.status(), 200);
}
