//! The audit trail over real HTTP: logins (failed ones too), session ends and SIM actions
//! are stored with the request id the response carried, what was sent upstream and the
//! upstream's own code when it refused — for REST and server functions alike.
#![allow(clippy::unwrap_used)]

mod common;
use serde_json::json;
use sqlx::Row;

struct AuditRow {
    kind: String,
    outcome: Option<String>,
    request_id: Option<String>,
    input: Option<String>,
    upstream_code: Option<String>,
}

async fn trail(db: &str) -> Vec<AuditRow> {
    let pool = server::store::connect(db).await.unwrap();
    sqlx::query(
        "SELECT kind, outcome, request_id, input, upstream_code FROM audit_events ORDER BY id",
    )
    .fetch_all(&pool)
    .await
    .unwrap()
    .iter()
    .map(|r| AuditRow {
        kind: r.try_get("kind").unwrap(),
        outcome: r.try_get("outcome").unwrap(),
        request_id: r.try_get("request_id").unwrap(),
        input: r.try_get("input").unwrap(),
        upstream_code: r.try_get("upstream_code").unwrap(),
    })
    .collect()
}

fn request_id(r: &reqwest::Response) -> String {
    r.headers()["x-request-id"].to_str().unwrap().to_string()
}

#[tokio::test]
async fn every_login_and_action_is_traceable_to_its_request() {
    let db = common::temp_db();
    let p = common::portal_on(&db).await;

    let failed =
        common::post_login(&common::cookie_client(), &p.url, "demo@example.com", "nope").await;
    let failed_id = request_id(&failed);
    let c = common::cookie_client();
    let ok = common::post_login(&c, &p.url, "demo@example.com", "portal-demo").await;
    let ok_id = request_id(&ok);

    // A refused plan change over REST: the carrier's own code is kept for staff.
    p.fault(
        json!({"upstream": "freebit", "operation": "mvno/changePlan", "kind": "freebit_result",
        "result_code": "500", "status_code": "610", "message": "internal error 4711", "times": 1}),
    )
    .await;
    let refused = c
        .post(format!("{}/api/subscriptions/2001/sim/change-plan", p.url))
        .json(&json!({"newPlanCode": "PASI_10G"}))
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), 502);
    let refused_id = request_id(&refused);

    // An accepted option change through a server function.
    let fn_call = c
        .post(format!("{}/api/fn/set_sim_features", p.url))
        .form(&[("id", "2001"), ("change[voiceMail]", "false")])
        .send()
        .await
        .unwrap();
    let fn_id = request_id(&fn_call);
    assert_eq!(fn_call.status(), 200, "{}", fn_call.text().await.unwrap());
    let trail = trail(&db).await;

    let find = |kind: &str, id: &str| {
        trail
            .iter()
            .find(|r| r.kind == kind && r.request_id.as_deref() == Some(id))
            .unwrap_or_else(|| panic!("no {kind} row for request {id}"))
    };
    find("login_failed", &failed_id);
    find("login", &ok_id);
    let plan = trail
        .iter()
        .find(|r| r.request_id.as_deref() == Some(refused_id.as_str()))
        .expect("the refused change is in the trail");
    assert_eq!(plan.outcome.as_deref(), Some("failed"));
    assert_eq!(plan.upstream_code.as_deref(), Some("freebit 500/610"));
    assert!(
        plan.input.as_deref().unwrap().contains("PASI_10G"),
        "{:?}",
        plan.input
    );
    let options = trail
        .iter()
        .rev()
        .find(|r| r.outcome.as_deref() == Some("accepted"))
        .expect("the option change is in the trail");
    assert_eq!(options.request_id.as_deref(), Some(fn_id.as_str()));
    assert!(options.upstream_code.is_none());

    // The customer's timeline shows the refusal without any of it.
    let t: serde_json::Value = common::get_json(
        &c,
        &format!("{}/api/subscriptions/2001/sim/timeline", p.url),
    )
    .await;
    // Only what the customer reads: timestamps (which may contain any digits) are left out.
    let text: String = t
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|e| ["actor", "action", "detail", "outcome"].map(|k| e[k].to_string()))
        .collect();
    assert!(text.contains("Plan change"), "the entries are read: {text}");
    assert!(!text.contains("610") && !text.contains("4711") && !text.contains(&refused_id));
}
