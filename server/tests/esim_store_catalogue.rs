//! The travel eSIM store's catalogue over real HTTP: synced from the eSIM Go simulator into
//! the database (SQLite and PostgreSQL), filtered and priced by the domain's rule, served
//! from the copy while eSIM Go is down, and the same for every visitor (no login).
#![allow(clippy::unwrap_used)]

mod common;
use app::domain::store::{PlanPage, Pricing, StorePlan};
use serde_json::{json, Value};
use std::time::Duration;

async fn call(p: &common::TestPortal, name: &str, form: &[(&str, &str)]) -> (u16, Value) {
    let r = p
        .http
        .post(format!("{}/api/fn/{name}", p.url))
        .form(form)
        .send()
        .await
        .unwrap();
    let status = r.status().as_u16();
    (status, r.json().await.unwrap_or(Value::Null))
}

/// The first sync runs in the background at start: wait (bounded) until plans are served.
async fn synced(p: &common::TestPortal) {
    for _ in 0..200 {
        if call(p, "get_featured_plans", &[]).await.0 == 200 {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("the catalogue was never synced");
}

async fn plans(p: &common::TestPortal, form: &[(&str, &str)]) -> PlanPage {
    let (status, body) = call(p, "get_store_plans", form).await;
    assert_eq!(status, 200, "{body}");
    serde_json::from_value(body).unwrap()
}

async fn catalogue_on(p: common::TestPortal) {
    synced(&p).await;
    let all = plans(&p, &[]).await;
    assert!(all.total > 200, "{}", all.total);
    assert_eq!(all.plans.len(), 24, "one page");
    assert!(all.has_next());
    let prices: Vec<u64> = all.plans.iter().map(|p| p.price_yen).collect();
    assert!(
        prices.windows(2).all(|w| w[0] <= w[1]),
        "cheapest first: {prices:?}"
    );

    // By country: every plan covers it, single-country and regional ones alike.
    let jp = plans(&p, &[("country", "jp")]).await;
    assert!(jp
        .plans
        .iter()
        .all(|pl| pl.countries.iter().any(|c| c.iso == "JP")));
    assert!(
        jp.plans.iter().any(|pl| pl.countries.len() > 1),
        "Asia bundles too"
    );
    // A search box for country names.
    let korea = plans(&p, &[("q", "korea")]).await;
    assert!(korea.total >= 6);
    assert!(korea
        .plans
        .iter()
        .all(|pl| pl.countries.iter().any(|c| c.name == "South Korea")));
    // Days, data and price narrow; unlimited counts as any amount.
    let long = plans(
        &p,
        &[
            ("country", "JP"),
            ("days", "30"),
            ("data", "10000"),
            ("sort", "data"),
        ],
    )
    .await;
    assert!(!long.plans.is_empty());
    assert!(long
        .plans
        .iter()
        .all(|pl| pl.days >= 30 && pl.data_mb.is_none_or(|d| d >= 10_000)));
    let cheap = plans(&p, &[("max_price", "1000")]).await;
    assert!(!cheap.plans.is_empty());
    assert!(cheap.plans.iter().all(|pl| pl.price_yen <= 1000));
    assert_eq!(plans(&p, &[("max_price", "1")]).await.total, 0);
    let europe = plans(&p, &[("region", "europe")]).await;
    assert!(europe
        .plans
        .iter()
        .all(|pl| pl.countries.iter().any(|c| c.region == "Europe")));

    // The price is the domain's rule over eSIM Go's cost.
    let (status, body) = call(&p, "get_store_plan", &[("name", "esim_5GB_30D_JP_V2")]).await;
    assert_eq!(status, 200, "{body}");
    let plan: StorePlan = serde_json::from_value(body).unwrap();
    let cost = common::esimgo_client(
        &format!("{}/_sim", p.url),
        server::simulator::esimgo::API_KEY,
    )
    .bundle("esim_5GB_30D_JP_V2")
    .await
    .unwrap()
    .unwrap()
    .cost_cents;
    let rule = Pricing {
        usd_jpy_milli: 150_000,
        markup_percent: 30,
    };
    assert_eq!(plan.price_yen, rule.price_yen(cost as u64));
    assert_eq!(plan.title(), "Japan · 5 GB · 30 days");
    assert!(plan.featured, "the demo's featured set");

    let (status, body) = call(&p, "get_featured_plans", &[]).await;
    assert_eq!(status, 200);
    assert_eq!(body.as_array().unwrap().len(), 6, "{body}");
    let (status, body) = call(&p, "get_destinations", &[]).await;
    assert_eq!(status, 200);
    assert!(body
        .as_array()
        .unwrap()
        .iter()
        .any(|d| d["name"] == "Japan"));

    // Bad input is refused with the field; an unknown plan is 404.
    let (status, body) = call(&p, "get_store_plans", &[("country", "JPN")]).await;
    assert_eq!(status, 400, "{body}");
    assert!(body.to_string().contains("country"), "{body}");
    let (status, _) = call(&p, "get_store_plans", &[("max_price", "cheap")]).await;
    assert_eq!(status, 400);
    let (status, _) = call(&p, "get_store_plan", &[("name", "esim_NOPE")]).await;
    assert_eq!(status, 404);
    // The pages render for anyone.
    let page = p.get("/store?country=JP").await;
    assert_eq!(page.status(), 200);
    assert!(page.text().await.unwrap().contains("Japan"));
    let page = p.get("/store/plans/esim_5GB_30D_JP_V2").await;
    assert_eq!(page.status(), 200);
    assert!(page
        .text()
        .await
        .unwrap()
        .contains("Japan · 5 GB · 30 days"));
}

#[tokio::test]
async fn the_catalogue_is_synced_filtered_and_priced_on_sqlite() {
    catalogue_on(common::portal().await).await;
}

#[tokio::test]
async fn the_catalogue_is_synced_filtered_and_priced_on_postgres() {
    catalogue_on(common::portal_on(&common::fresh_schema_url().await).await).await;
}

#[tokio::test]
async fn while_esim_go_is_down_the_last_copy_is_served_and_a_sync_is_retried() {
    let db = common::temp_db();
    let p = common::portal_on(&db).await;
    synced(&p).await;
    let before = plans(&p, &[("country", "TH")]).await;
    p.fault(json!({"upstream": "esimgo", "operation": "catalogue", "kind": "http", "status": 503}))
        .await;
    let store = server::portal::esim_store::catalogue::Catalogue {
        db: server::store::connect(&db).await.unwrap(),
        esimgo: common::esimgo_client(
            &format!("{}/_sim", p.url),
            server::simulator::esimgo::API_KEY,
        ),
    };
    let every = Duration::from_secs(3600);
    let e = server::portal::esim_store::catalogue::sync_if_due(&store, every, true, true)
        .await
        .unwrap_err();
    assert!(e.contains("503") || e.contains("unavailable"), "{e}");
    assert_eq!(
        plans(&p, &[("country", "TH")]).await,
        before,
        "the copy stands"
    );
    // Not due (synced at start), so nothing runs; once eSIM Go is back a forced sync works.
    assert!(
        !server::portal::esim_store::catalogue::sync_if_due(&store, every, false, true)
            .await
            .unwrap()
    );
    p.sims.faults.clear();
    assert!(
        server::portal::esim_store::catalogue::sync_if_due(&store, every, true, true)
            .await
            .unwrap()
    );
}

/// Admins curate the featured plans from the console; other staff only look.
#[tokio::test]
async fn admins_choose_the_featured_plans() {
    let p = common::portal().await;
    synced(&p).await;
    let plan = "esim_1GB_7D_JP_V2";
    let featured = |p: &common::TestPortal| {
        let url = p.url.clone();
        async move {
            let r = reqwest::Client::new()
                .post(format!("{url}/api/fn/get_featured_plans"))
                .send()
                .await
                .unwrap();
            let plans: Vec<Value> = r.json().await.unwrap();
            plans.iter().any(|x| x["name"] == plan)
        }
    };
    let set = |token: String, on: &'static str| {
        let url = p.url.clone();
        async move {
            reqwest::Client::new()
                .post(format!("{url}/api/fn/ops_set_featured"))
                .bearer_auth(token)
                .form(&[("name", plan), ("featured", on)])
                .send()
                .await
                .unwrap()
                .status()
                .as_u16()
        }
    };
    assert!(!featured(&p).await);
    let support = p.staff_token("support@example.com").await;
    assert_eq!(set(support.clone(), "true").await, 403);
    let admin = p.staff_token("admin@example.com").await;
    assert_eq!(set(admin.clone(), "true").await, 200);
    assert!(featured(&p).await);
    // Staff see the curation page's data.
    let r = reqwest::Client::new()
        .post(format!("{}/api/fn/ops_store_plans", p.url))
        .bearer_auth(&support)
        .form(&[("q", "Japan")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let c: Value = r.json().await.unwrap();
    assert!(
        c["featured"]
            .as_array()
            .unwrap()
            .iter()
            .any(|x| x["name"] == plan),
        "{c}"
    );
    assert!(c["results"]["total"].as_u64().unwrap() > 0, "{c}");
    assert_eq!(set(admin.clone(), "false").await, 200);
    assert!(!featured(&p).await);
    let r = reqwest::Client::new()
        .post(format!("{}/api/fn/ops_set_featured", p.url))
        .bearer_auth(&admin)
        .form(&[("name", "no_such_plan"), ("featured", "true")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 404);
}
