//! Top-ups that outlive their process: a portal killed between the capture and the carrier
//! call, and another instance on the same database finishing the job exactly once.
//!
//! The crashed instance runs on a tokio runtime of its own; shutting that runtime down drops
//! every task at its next await, like `kill -9` seen from the database and the upstreams.
//! Both instances share one set of simulators (`server::build_with`), which live on.

// Helpers outside #[test] fns panic on purpose: the panic is the test failure.
#![allow(clippy::unwrap_used)]

mod common;
use serde_json::{json, Value};
use server::settings::Settings;
use server::simulator::freebit::FreebitSimConfig;
use server::simulator::Simulators;
use std::time::{Duration, Instant};

const CLIENT: u64 = 1001;
const SIM: u64 = 2001;
const MSISDN: &str = "08077052946";

fn simulators() -> Simulators {
    Simulators::new(
        FreebitSimConfig {
            talk_option_delay: Duration::from_millis(300),
            contract_line_delay: Duration::from_millis(600),
            esim_reissue_delay: Duration::from_millis(300),
        },
        "http://127.0.0.1:9/_sim",
    )
}

fn settings(db: &str) -> Settings {
    let mut s = Settings::for_tests(db);
    // Short, but longer than the longest step (four 0.5 s timeouts): a live worker never
    // loses its row.
    s.upstream_timeout = Duration::from_millis(500);
    s.saga.lease = Duration::from_secs(4);
    s
}

async fn serve(settings: Settings, sims: &Simulators) -> String {
    let p = server::build_with(settings, Some(sims.clone()))
        .await
        .expect("portal starts");
    let url = p.url();
    tokio::spawn(p.serve_until(std::future::pending()));
    url
}

async fn login(url: &str) -> reqwest::Client {
    let c = common::cookie_client();
    let r = common::post_login(
        &c,
        url,
        "demo@example.com",
        server::simulator::demo::DEMO_PASSWORD,
    )
    .await;
    assert_eq!(r.status(), 200);
    c
}

async fn first_state(c: &reqwest::Client, url: &str) -> Value {
    let h: Value = common::get_json(
        c,
        &format!("{url}/api/subscriptions/{SIM}/sim/top-up-history"),
    )
    .await;
    h["entries"][0]["state"].clone()
}

/// (invoices, capture attempts, payments, credits, carrier additions)
fn ledger(sims: &Simulators) -> (usize, u32, u32, usize, u32) {
    let w = sims.whmcs.ledger(CLIENT).unwrap();
    let line = sims.freebit.line(MSISDN).unwrap();
    (
        w.invoices.len(),
        w.invoices.iter().map(|i| i.capture_attempts).sum(),
        w.invoices.iter().map(|i| i.payments).sum(),
        w.credits.len(),
        line.add_spec_calls,
    )
}

#[test]
fn a_portal_killed_between_capture_and_carrier_is_finished_by_the_next_one() {
    let main = tokio::runtime::Runtime::new().unwrap();
    let sims = simulators();
    let db = common::temp_db();
    let before_kb = sims.freebit.line(MSISDN).unwrap().quota_kb;

    // Instance A, on a runtime we can kill.
    let a_rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .unwrap();
    let a_url = a_rt.block_on(serve(settings(&db), &sims));

    main.block_on(async {
        // The carrier call is held on its way in; while it is held, A dies.
        sims.faults.add(
            serde_json::from_value(json!({"upstream": "freebit", "operation": "master/addSpec", "kind": "latency", "latency_ms": 1200, "times": 1}))
                .unwrap(),
        );
        let c = login(&a_url).await;
        let url = format!("{a_url}/api/subscriptions/{SIM}/sim/top-up");
        let request = tokio::spawn(async move {
            c.post(url)
                .header("Idempotency-Key", "key-crash-00001")
                .json(&json!({"quotaMb": 2000}))
                .send()
                .await
        });
        let deadline = Instant::now() + Duration::from_secs(10);
        while !sims.faults.list().is_empty() {
            assert!(Instant::now() < deadline, "the carrier call never started");
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
        a_rt.shutdown_background();
        assert!(request.await.unwrap().is_err(), "A answered although it was killed");
    });
    // Paid, and the carrier never heard of it.
    assert_eq!(ledger(&sims), (1, 1, 1, 0, 0));

    // Instance B on the same database picks it up once A's lease has run out.
    main.block_on(async {
        let b_url = serve(settings(&db), &sims).await;
        let c = login(&b_url).await;
        let deadline = Instant::now() + Duration::from_secs(20);
        while first_state(&c, &b_url).await != "applied" {
            assert!(Instant::now() < deadline, "B never finished the top-up");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    });
    assert_eq!(ledger(&sims), (1, 1, 1, 0, 1));
    let added_kb = sims.freebit.line(MSISDN).unwrap().quota_kb - before_kb;
    assert_eq!(added_kb / 1024, 2000);
}

/// Two live instances on one database, the same order sent to both, and a carrier that fails
/// at first so both reconcilers want the row: still one invoice, one charge, one addition.
async fn two_instances_charge_once(db: &str) {
    let sims = simulators();
    let a = serve(settings(db), &sims).await;
    let b = serve(settings(db), &sims).await;
    sims.faults.add(
        serde_json::from_value(json!({"upstream": "freebit", "operation": "master/addSpec", "kind": "freebit_result", "result_code": "500", "times": 2}))
            .unwrap(),
    );
    let (ca, cb) = (login(&a).await, login(&b).await);
    let mut tasks = Vec::new();
    for n in 0..10 {
        for (c, url) in [(ca.clone(), a.clone()), (cb.clone(), b.clone())] {
            tasks.push(tokio::spawn(async move {
                tokio::time::sleep(Duration::from_millis(n * 3)).await;
                let r = c
                    .post(format!("{url}/api/subscriptions/{SIM}/sim/top-up"))
                    .header("Idempotency-Key", "key-two-instances")
                    .json(&json!({"quotaMb": 1000}))
                    .send()
                    .await
                    .unwrap();
                let status = r.status().as_u16();
                let body: Value = r.json().await.unwrap();
                (status, body["id"].to_string())
            }));
        }
    }
    let mut ids = std::collections::HashSet::new();
    for t in tasks {
        let (status, id) = t.await.unwrap();
        assert!(status == 200 || status == 202, "{status}");
        ids.insert(id);
    }
    assert_eq!(ids.len(), 1, "{ids:?}");
    let deadline = Instant::now() + Duration::from_secs(20);
    while first_state(&ca, &a).await != "applied" {
        assert!(Instant::now() < deadline, "never applied");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(ledger(&sims), (1, 1, 1, 0, 1));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_instances_on_sqlite_charge_once() {
    two_instances_charge_once(&common::temp_db()).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_instances_on_postgres_charge_once() {
    two_instances_charge_once(&common::fresh_schema_url().await).await;
}
