//! Insecure direct object references: a logged-in customer names another customer's SIM, a
//! service of their own that is not a SIM, or an id that does not exist, on every REST
//! endpoint and every server function that takes a subscription id. Each answers the same
//! 404 (identical bodies apart from the request id), and none of them reaches the carrier:
//! Freebit is made to fail every call, so touching it would turn the 404 into a 503.
#![allow(clippy::unwrap_used)]

mod common;
use serde_json::{json, Value};

/// The body without the per-request id, for comparing answers.
async fn body_of(r: reqwest::Response) -> (u16, Value) {
    let status = r.status().as_u16();
    let mut v: Value = r.json().await.unwrap();
    if let Some(o) = v.as_object_mut() {
        o.remove("requestId");
    }
    (status, v)
}

#[tokio::test]
async fn other_peoples_and_made_up_subscriptions_are_one_and_the_same_404() {
    // Every probe counts against the action rate limit (before ownership is even checked);
    // this test is about the answers, so it gets a large allowance.
    let mut settings = server::settings::Settings::for_tests(&common::temp_db());
    settings.limits.action_burst = 1000;
    let p = common::portal_with(settings).await;
    // demo2 (client 1002) owns SIM 2101; 2001 is demo's; the hosting service is demo2's own
    // but has no number; 987654 exists nowhere.
    let hosting = p
        .sims
        .whmcs
        .add_service(1002, "SonixNet Home Fibre 1G", "")
        .unwrap();
    let c = p.login("demo2@example.com").await;
    p.fault(json!({"upstream": "freebit", "kind": "http", "status": 503}))
        .await;
    let targets = [
        "2001".to_string(),
        hosting.to_string(),
        "987654".to_string(),
    ];

    let rest_gets = [
        "sim",
        "sim/details",
        "sim/usage",
        "sim/timeline",
        "sim/top-up-history",
        "sim/top-ups/1/pay",
    ];
    let rest_posts: [(&str, Value); 6] = [
        ("sim/change-plan", json!({"newPlanCode": "PASI_25G"})),
        ("sim/cancel-plan-change", json!({})),
        ("sim/features", json!({"voiceMail": false})),
        ("sim/cancel", json!({"confirmLast4": "1234"})),
        (
            "sim/reissue-esim",
            json!({"eid": "89049032004008882600016781234525"}),
        ),
        ("sim/top-up", json!({"quotaMb": 1000})),
    ];
    let fns: [(&str, Vec<(&str, &str)>); 12] = [
        ("get_subscription", vec![]),
        ("get_sim_details", vec![]),
        ("get_sim_overview", vec![]),
        ("get_sim_usage", vec![]),
        ("get_sim_timeline", vec![]),
        ("get_top_up_history", vec![]),
        ("change_plan", vec![("new_plan_code", "PASI_25G")]),
        ("cancel_plan_change", vec![]),
        ("set_sim_features", vec![("change[voiceMail]", "false")]),
        (
            "cancel_sim",
            vec![("cancel_on", "2099-12-31"), ("confirm_last4", "1234")],
        ),
        (
            "reissue_esim",
            vec![("eid", "89049032004008882600016781234525")],
        ),
        (
            "top_up_sim",
            vec![
                ("quota_mb", "1000"),
                ("campaign_code", ""),
                ("expiry_date", ""),
                ("scheduled_for", ""),
                ("idempotency_key", "idor-test-key-000000000001"),
            ],
        ),
    ];

    let mut checked = 0;
    for path in rest_gets {
        let mut answers = Vec::new();
        for id in &targets {
            let r = c
                .get(format!("{}/api/subscriptions/{id}/{path}", p.url))
                .send()
                .await
                .unwrap();
            answers.push(body_of(r).await);
        }
        assert_eq!(answers[0].0, 404, "GET {path}: {answers:?}");
        assert!(
            answers.iter().all(|a| *a == answers[0]),
            "GET {path}: {answers:?}"
        );
        checked += 1;
    }
    for (path, body) in &rest_posts {
        let mut answers = Vec::new();
        for id in &targets {
            let r = c
                .post(format!("{}/api/subscriptions/{id}/{path}", p.url))
                .json(body)
                .send()
                .await
                .unwrap();
            answers.push(body_of(r).await);
        }
        assert_eq!(answers[0].0, 404, "POST {path}: {answers:?}");
        assert!(
            answers.iter().all(|a| *a == answers[0]),
            "POST {path}: {answers:?}"
        );
        checked += 1;
    }
    for (name, args) in &fns {
        let mut answers = Vec::new();
        for id in &targets {
            let mut form = vec![("id", id.as_str())];
            form.extend(args.iter().copied());
            let r = c
                .post(format!("{}/api/fn/{name}", p.url))
                .form(&form)
                .send()
                .await
                .unwrap();
            answers.push(body_of(r).await);
        }
        assert_eq!(answers[0].0, 404, "{name}: {answers:?}");
        assert!(
            answers.iter().all(|a| *a == answers[0]),
            "{name}: {answers:?}"
        );
        checked += 1;
    }
    assert_eq!(checked, 24);

    // demo2's own SIM still answers (from billing, without the failing carrier for this one).
    let r = c
        .post(format!("{}/api/fn/get_subscription", p.url))
        .form(&[("id", "2101")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    // Nothing was charged or ordered on demo's account by any of it.
    assert!(p.sims.whmcs.ledger(1001).unwrap().invoices.is_empty());
}
