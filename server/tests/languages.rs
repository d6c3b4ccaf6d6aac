//! The customer's language on their account: the one they read the portal in is saved at
//! their first login (so background emails are written in it), and a saved choice wins
//! over the browser's afterwards.

mod common;
use server::store::customers;

const DEMO: &str = "demo@example.com";

async fn login_reading(p: &common::TestPortal, accept_language: &str) -> reqwest::Response {
    common::cookie_client()
        .post(format!("{}/api/auth/login", p.url))
        .header("Accept-Language", accept_language)
        .json(
            &serde_json::json!({"email": DEMO, "password": server::simulator::demo::DEMO_PASSWORD}),
        )
        .send()
        .await
        .expect("login")
}

fn lang_cookie(r: &reqwest::Response) -> Option<String> {
    r.headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("lang="))
        .map(|v| v.split(';').next().unwrap_or_default().to_string())
}

#[tokio::test]
async fn the_language_read_at_the_first_login_is_saved_and_then_kept() {
    let db_url = common::temp_db();
    let p = common::portal_on(&db_url).await;
    let db = server::store::connect(&db_url).await.unwrap();
    let id = customers::find_by_email(&db, DEMO, true)
        .await
        .unwrap()
        .expect("demo customer")
        .id;
    assert_eq!(customers::locale(&db, id).await.unwrap(), None);

    let r = login_reading(&p, "ja-JP,ja;q=0.9,en;q=0.5").await;
    assert_eq!(r.status(), 200);
    assert_eq!(
        customers::locale(&db, id).await.unwrap().as_deref(),
        Some("ja")
    );
    // The emails a background job writes them follow it.
    assert_eq!(server::emails::lang_of(&db, id).await, app::i18n::Lang::Ja);

    // From an English browser: the saved choice stays, and the login sets it as the cookie.
    let r = login_reading(&p, "en-US,en;q=0.9").await;
    assert_eq!(r.status(), 200);
    assert_eq!(lang_cookie(&r).as_deref(), Some("lang=ja"));
    assert_eq!(
        customers::locale(&db, id).await.unwrap().as_deref(),
        Some("ja")
    );
}
