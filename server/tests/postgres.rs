//! The portal on a real PostgreSQL (127.0.0.1:5432, trust auth, database `test`; override with
//! `TEST_POSTGRES_URL`). Each test gets a fresh schema, so the portable migrations really run.

mod common;
use serde_json::Value;
use server::settings::Settings;

use common::fresh_schema_url;

#[tokio::test]
async fn accounts_and_sessions_work_on_postgres() {
    let url = fresh_schema_url().await;
    let p = server::build(Settings::for_tests(&url))
        .await
        .expect("portal starts on PostgreSQL");
    let base = p.url();
    tokio::spawn(p.serve_until(std::future::pending()));

    let c = common::cookie_client();
    let r = common::post_login(&c, &base, "demo@example.com", "portal-demo").await;
    assert_eq!(r.status(), 200);
    let me: Value = common::get_json(&c, &format!("{base}/api/me")).await;
    assert_eq!(me["email"], "demo@example.com");
    assert_eq!(
        c.post(format!("{base}/api/auth/logout"))
            .send()
            .await
            .unwrap()
            .status(),
        204
    );
    assert_eq!(
        c.get(format!("{base}/api/me"))
            .send()
            .await
            .unwrap()
            .status(),
        401
    );

    // Starting again on the same database re-seeds the demo accounts without duplicates.
    let again = server::build(Settings::for_tests(&url))
        .await
        .expect("second start");
    let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM customers")
        .fetch_one(&again.state.db)
        .await
        .unwrap();
    assert_eq!(n, 2);
}
