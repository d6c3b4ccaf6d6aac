//! The portal over real HTTP: accounts, isolation between customers, SIM details, health.

mod common;
use serde_json::{json, Value};

#[tokio::test]
async fn login_me_subscriptions_and_logout() {
    let p = common::portal().await;
    let c = p.login("Demo@Example.com ").await;

    let me: Value = common::get_json(&c, &format!("{}/api/me", p.url)).await;
    assert_eq!(me["email"], "demo@example.com");
    assert_eq!(me["whmcsClientId"], 1001);

    let subs: Vec<Value> = common::get_json(&c, &format!("{}/api/subscriptions", p.url)).await;
    let ids: Vec<u64> = subs.iter().map(|s| s["id"].as_u64().unwrap()).collect();
    assert_eq!(ids, vec![2001, 2002, 2003, 2004]);
    assert_eq!(subs[0]["msisdn"], "08077052946");
    assert_eq!(
        subs[0]["productName"],
        "SonixNet eSIM Data-only 50GB (4G & 5G)"
    );
    assert_eq!(subs[2]["status"], "suspended");

    let r = c
        .post(format!("{}/api/auth/logout", p.url))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 204);
    let r = c.get(format!("{}/api/me", p.url)).send().await.unwrap();
    assert_eq!(r.status(), 401);
}

#[tokio::test]
async fn the_session_cookie_is_http_only_and_lax() {
    let p = common::portal().await;
    let r = common::post_login(&p.http, &p.url, "demo2@example.com", "portal-demo").await;
    let cookie = r.headers()["set-cookie"].to_str().unwrap().to_string();
    assert!(cookie.starts_with("portal_session="), "{cookie}");
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"),
        "{cookie}"
    );
}

#[tokio::test]
async fn wrong_credentials_get_one_generic_401() {
    let p = common::portal().await;
    for (email, password) in [
        ("demo@example.com", "wrong"),
        ("nobody@example.com", "portal-demo"),
    ] {
        let r = common::post_login(&p.http, &p.url, email, password).await;
        assert_eq!(r.status(), 401);
        assert!(r.headers().get("set-cookie").is_none());
        let id = r.headers()["x-request-id"].to_str().unwrap().to_string();
        let mut body: Value = r.json().await.unwrap();
        assert_eq!(body["requestId"], id.as_str(), "the body names the request");
        body.as_object_mut().unwrap().remove("requestId");
        assert_eq!(
            body,
            json!({"code": "invalid_credentials", "message": "The email or password is incorrect."})
        );
    }
    let r = p
        .http
        .post(format!("{}/api/auth/login", p.url))
        .body("email=x")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
}

#[tokio::test]
async fn anonymous_requests_are_401() {
    let p = common::portal().await;
    for path in [
        "/api/me",
        "/api/subscriptions",
        "/api/subscriptions/2001/sim/details",
    ] {
        let r = p.get(path).await;
        assert_eq!(r.status(), 401, "{path}");
    }
    let r = p
        .http
        .get(format!("{}/api/me", p.url))
        .header("cookie", "portal_session=forged-token")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 401);
}

#[tokio::test]
async fn sim_details_aggregate_whmcs_and_freebit() {
    let p = common::portal().await;
    let c = p.login("demo@example.com").await;
    // Seed 000's shape: `details` with camelCase names.
    let body: Value =
        common::get_json(&c, &format!("{}/api/subscriptions/2001/sim/details", p.url)).await;
    let d = &body["details"];
    assert_eq!(d["iccid"], "8981100005000012345");
    assert_eq!(d["msisdn"], "08077052946");
    assert_eq!(d["planCode"], "PASI_50G");
    assert_eq!(d["planName"], "SIM Data-only 50GB");
    assert_eq!(d["status"], "active");
    assert_eq!(d["simType"], "esim");
    assert_eq!(d["productName"], "SonixNet eSIM Data-only 50GB (4G & 5G)");
    assert_eq!(d["remainingQuotaMb"], 48256);
    assert_eq!(d["planQuotaMb"], 51200);
    assert_eq!(d["networkType"], "5G");

    let body: Value =
        common::get_json(&c, &format!("{}/api/subscriptions/2002/sim/details", p.url)).await;
    assert_eq!(body["details"]["simType"], "physical");
    assert_eq!(body["details"]["eid"], Value::Null);
}

#[tokio::test]
async fn another_customers_sim_is_404_everywhere() {
    let p = common::portal().await;
    let c = p.login("demo2@example.com").await;
    for id in ["2001", "2003", "999999", "abc", "0"] {
        let r = c
            .get(format!("{}/api/subscriptions/{id}/sim/details", p.url))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 404, "{id}");
        let body = r.text().await.unwrap();
        assert!(
            !body.contains("8981100005000012345") && !body.contains("08077052946"),
            "{body}"
        );
    }
    // The server-rendered page answers 404 too, without the SIM's data.
    let r = c
        .get(format!("{}/subscriptions/2001/sim", p.url))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 404);
    let html = r.text().await.unwrap();
    assert!(html.contains("We could not find that subscription."));
    assert!(!html.contains("8981100005000012345"));
}

#[tokio::test]
async fn pages_render_on_the_server() {
    let p = common::portal().await;
    let r = p.get("/subscriptions").await;
    assert_eq!(r.status(), 302, "guests are sent to login");
    assert_eq!(r.headers()["location"], "/login");

    let c = p.login("demo@example.com").await;
    let html = c
        .get(format!("{}/subscriptions/2001/sim", p.url))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    for needle in [
        "8981100005000012345",
        "080-7705-2946",
        "PASI_50G",
        "SIM Data-only 50GB",
        "eSIM",
        "47.1 GB",
        "4G &amp; 5G",
    ] {
        assert!(html.contains(needle), "SSR page lacks {needle}");
    }
    assert!(
        html.contains("/pkg/sim-portal.js"),
        "hydration script is linked"
    );
}

#[tokio::test]
async fn an_upstream_outage_is_a_friendly_503() {
    let p = common::portal().await;
    let c = p.login("demo@example.com").await;
    p.fault(json!({"upstream": "freebit", "operation": "mvno/getDetail", "kind": "http", "status": 503})).await;
    let r = c
        .get(format!("{}/api/subscriptions/2001/sim/details", p.url))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 503);
    let body: Value = r.json().await.unwrap();
    assert_eq!(body["code"], "upstream_unavailable");
    assert_eq!(
        body["message"],
        "The mobile network is not responding right now. Please try again in a few minutes."
    );

    // WHMCS down for a customer whose services are not cached yet.
    let c = p.login("demo2@example.com").await;
    p.fault(json!({"upstream": "whmcs", "kind": "html"})).await;
    let r = c
        .get(format!("{}/api/subscriptions", p.url))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 503);
    let body = r.text().await.unwrap();
    assert!(!body.to_lowercase().contains("html"), "{body}");
}

#[tokio::test]
async fn health_reports_each_upstream() {
    let p = common::portal().await;
    for path in [
        "/health/freebit-api",
        "/health/whmcs-api",
        "/health/salesforce-api",
        "/health/sim-management",
    ] {
        let r = p.get(path).await;
        assert_eq!(r.status(), 200, "{path}");
        let body: Value = r.json().await.unwrap();
        assert_eq!(body["status"], "up");
        assert!(body["latency_ms"].is_u64());
    }
    p.fault(json!({"upstream": "whmcs", "kind": "http", "status": 502}))
        .await;
    let r = p.get("/health/whmcs-api").await;
    assert_eq!(r.status(), 503);
    assert_eq!(r.json::<Value>().await.unwrap()["status"], "down");
    let r = p.get("/health/sim-management").await;
    assert_eq!(r.status(), 503);
    let r = p.get("/health/freebit-api").await;
    assert_eq!(r.status(), 200);
    p.fault(
        json!({"upstream": "salesforce", "kind": "salesforce_error", "status": 503,
        "error_code": "SERVER_UNAVAILABLE", "message": "down"}),
    )
    .await;
    let r = p.get("/health/salesforce-api").await;
    assert_eq!(r.status(), 503);
}

#[tokio::test]
async fn with_real_upstreams_there_are_no_simulators_and_no_demo_logins() {
    use server::settings::Upstreams;
    let db = common::temp_db();
    // First a simulated run on this database: it seeds the demo logins and opens a session.
    let sim = server::build(server::settings::Settings::for_tests(&db))
        .await
        .unwrap();
    let sim_url = sim.url();
    tokio::spawn(async move { axum::serve(sim.listener, sim.router).await });
    let demo = common::cookie_client();
    let r = common::post_login(&demo, &sim_url, "demo@example.com", "portal-demo").await;
    assert_eq!(r.status(), 200);
    let cookie = r.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_string();

    // The simulators exist only in demo mode, whatever the settings say.
    let mut live = server::settings::Settings::for_tests(&db);
    live.mode = server::settings::Mode::Live;
    assert!(matches!(
        server::build(live).await.err().unwrap(),
        server::StartupError::SimulatorsOutsideDemo
    ));

    let mut settings = server::settings::Settings::for_tests(&db);
    settings.mode = server::settings::Mode::Live;
    // Nothing listens on port 9 of loopback: the portal must start without calling upstreams.
    let dead = url::Url::parse("http://127.0.0.1:9/").unwrap();
    settings.upstreams = Upstreams::Real {
        freebit: Box::new(server::freebit::FreebitConfig {
            base_url: dead.clone(),
            oem_id: "x".into(),
            oem_key: "y".to_string().into(),
            timeout: std::time::Duration::from_millis(300),
            read_retries: 0,
        }),
        whmcs: Box::new(server::whmcs::WhmcsConfig {
            base_url: dead,
            identifier: "x".into(),
            secret: "y".to_string().into(),
            access_key: None,
            msisdn_field_id: 12,
            customer_number_field_id: 11,
            timeout: std::time::Duration::from_millis(300),
            read_retries: 0,
        }),
        salesforce: Box::new(server::salesforce::SalesforceConfig {
            login_url: url::Url::parse("http://127.0.0.1:9/").unwrap(),
            ..common::salesforce_config("http://127.0.0.1:9")
        }),
        esimgo: Box::new(server::esimgo::EsimGoConfig {
            base_url: url::Url::parse("http://127.0.0.1:9/").unwrap(),
            api_key: "k".to_string().into(),
            timeout: std::time::Duration::from_millis(300),
            read_retries: 0,
        }),
    };
    let p = server::build(settings).await.unwrap();
    assert!(p.simulators.is_none());
    let url = p.url();
    tokio::spawn(p.serve_until(std::future::pending()));
    let http = common::cookie_client();
    for path in [
        "/_sim/control/faults",
        "/_sim/whmcs/includes/api.php",
        "/_sim/freebit/emptool/api/authOem/",
        "/_sim/mailbox",
        "/_sim/control/demo-customer",
    ] {
        let r = http
            .post(format!("{url}{path}"))
            .json(&json!({}))
            .send()
            .await
            .unwrap();
        assert!(
            r.status() == 404 || r.status() == 405,
            "{path}: {}",
            r.status()
        );
        let r = http.get(format!("{url}{path}")).send().await.unwrap();
        assert_eq!(r.status(), 404, "{path}");
    }
    let r = common::post_login(&http, &url, "demo@example.com", "portal-demo").await;
    assert_eq!(r.status(), 401, "demo logins are off with real upstreams");
    let r = http
        .get(format!("{url}/api/me"))
        .header("cookie", &cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 401, "and so are their existing sessions");
    let demo_hint = http
        .post(format!("{url}/api/fn/get_demo_logins"))
        .send()
        .await
        .unwrap();
    assert_eq!(
        demo_hint.text().await.unwrap(),
        "null",
        "no demo hint on the login page"
    );
    let r = http
        .get(format!("{url}/health/freebit-api"))
        .send()
        .await
        .unwrap();
    assert_eq!(
        r.status(),
        503,
        "the health check really calls the configured upstream"
    );
}

#[tokio::test]
async fn server_functions_answer_with_the_errors_status() {
    let p = common::portal().await;
    let r = p
        .http
        .post(format!("{}/api/fn/login", p.url))
        .form(&[("email", "demo@example.com"), ("password", "wrong")])
        .header("accept", "application/json")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 401);
    assert!(r.headers().get("set-cookie").is_none());
    let r = p
        .http
        .post(format!("{}/api/fn/list_subscriptions", p.url))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 401);
}

#[tokio::test]
async fn login_works_as_a_plain_html_form_before_hydration() {
    let p = common::portal().await;
    let form = |password: &'static str| {
        p.http
            .post(format!("{}/api/fn/login", p.url))
            .header("accept", "text/html,application/xhtml+xml")
            .header("referer", format!("{}/login", p.url))
            .form(&[("email", "demo@example.com"), ("password", password)])
    };
    let r = form("wrong").send().await.unwrap();
    assert_eq!(r.status(), 302);
    let back = r.headers()["location"].to_str().unwrap().to_string();
    assert!(back.starts_with(&format!("{}/login?", p.url)), "{back}");
    let html = p
        .http
        .get(&back)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        html.contains("The email or password is incorrect."),
        "the login page shows the error"
    );

    let r = form("portal-demo").send().await.unwrap();
    assert_eq!(r.status(), 302);
    assert_eq!(r.headers()["location"], "/subscriptions");
    assert!(r.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .starts_with("portal_session="));
}

#[tokio::test]
async fn health_bodies_never_carry_the_reason_of_a_failure() {
    let p = common::portal().await;
    // WHMCS answers a maintenance page, Freebit a 503: the reasons stay in the log.
    p.fault(json!({"upstream": "whmcs", "kind": "html"})).await;
    p.fault(json!({"upstream": "freebit", "kind": "http", "status": 503}))
        .await;
    for path in [
        "/health/freebit-api",
        "/health/whmcs-api",
        "/health/sim-management",
    ] {
        let r = p.get(path).await;
        assert_eq!(r.status(), 503, "{path}");
        let body = r.text().await.unwrap();
        let v: Value = serde_json::from_str(&body).unwrap();
        assert_eq!(v["status"], "down");
        for leak in [
            "html",
            "Maintenance",
            "http",
            "503",
            "error",
            "_sim",
            "decode",
        ] {
            assert!(!body.contains(leak), "{path} leaks {leak:?}: {body}");
        }
    }
}

#[tokio::test]
async fn health_results_are_reused_for_a_few_seconds() {
    let mut settings = server::settings::Settings::for_tests(&common::temp_db());
    settings.health_ttl = std::time::Duration::from_secs(60);
    let p = server::build(settings).await.expect("portal starts");
    let url = p.url();
    let freebit = p.state.freebit.clone();
    tokio::spawn(p.serve_until(std::future::pending()));
    let http = common::cookie_client();
    let before = freebit.auth_calls();
    for _ in 0..5 {
        let r = http
            .get(format!("{url}/health/freebit-api"))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 200);
    }
    assert_eq!(
        freebit.auth_calls() - before,
        1,
        "one upstream login for five hits"
    );
}

#[tokio::test]
async fn a_login_without_a_billing_client_is_refused_not_mapped_to_client_zero() {
    let p = server::build(server::settings::Settings::for_tests(&common::temp_db()))
        .await
        .expect("portal starts");
    let url = p.url();
    let hash = server::portal::accounts::hash_password("a-long-password").unwrap();
    server::store::customers::upsert(&p.state.db, "broken@example.com", &hash, 0, true)
        .await
        .unwrap();
    tokio::spawn(p.serve_until(std::future::pending()));
    let c = common::cookie_client();
    let r = common::post_login(&c, &url, "broken@example.com", "a-long-password").await;
    assert_eq!(r.status(), 500);
    let body = r.text().await.unwrap();
    assert!(!body.contains("client"), "{body}");
    let me = c.get(format!("{url}/api/me")).send().await.unwrap();
    assert_eq!(me.status(), 401, "no session was opened");
}
