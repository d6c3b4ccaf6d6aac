//! The SIM page's REST API and server functions over real HTTP against the simulators:
//! usage, plan change (and its withdrawal), options, cancellation, eSIM reissue, the timeline,
//! and the failure paths (bad input, conflicts, carrier refusals, outages).

// Helpers outside #[test] fns panic on purpose: the panic is the test failure.
#![allow(clippy::unwrap_used)]

mod common;
use serde_json::{json, Value};
use std::time::{Duration, Instant};

const ESIM: &str = "08077052946";
const PHYSICAL: &str = "09012345678";

struct Sim {
    p: common::TestPortal,
    c: reqwest::Client,
}

async fn demo() -> Sim {
    let p = common::portal().await;
    let c = p.login("demo@example.com").await;
    Sim { p, c }
}

impl Sim {
    fn url(&self, id: u64, rest: &str) -> String {
        format!("{}/api/subscriptions/{id}/sim{rest}", self.p.url)
    }

    async fn get(&self, id: u64, rest: &str) -> (u16, Value) {
        let r = self.c.get(self.url(id, rest)).send().await.unwrap();
        (r.status().as_u16(), r.json().await.unwrap())
    }

    async fn post(&self, id: u64, rest: &str, body: Value) -> (u16, Value) {
        let r = self
            .c
            .post(self.url(id, rest))
            .json(&body)
            .send()
            .await
            .unwrap();
        (r.status().as_u16(), r.json().await.unwrap())
    }

    /// The page's overview, through its server function.
    async fn overview(&self, id: u64) -> Value {
        let r = self
            .c
            .post(format!("{}/api/fn/get_sim_overview", self.p.url))
            .form(&[("id", id.to_string())])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 200);
        r.json().await.unwrap()
    }

    async fn timeline(&self, id: u64) -> Vec<Value> {
        let (status, body) = self.get(id, "/timeline").await;
        assert_eq!(status, 200, "{body}");
        body.as_array().unwrap().clone()
    }

    /// Waits (bounded) until the overview has no pending work of `kind`.
    async fn settled(&self, id: u64, kind: &str) -> Value {
        let deadline = Instant::now() + Duration::from_secs(5);
        loop {
            let o = self.overview(id).await;
            let busy = o["pending"]
                .as_array()
                .unwrap()
                .iter()
                .any(|p| p["kind"] == kind);
            if !busy {
                return o;
            }
            assert!(Instant::now() < deadline, "{kind} never settled: {o}");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
}

fn pending_kinds(o: &Value) -> Vec<String> {
    o["pending"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["kind"].as_str().unwrap().to_string())
        .collect()
}

/// A valid EID (MOD 97-10 check digits) that no demo line has.
fn new_eid() -> String {
    let first30 = "890490320040088826000167800042";
    let rem = format!("{first30}00")
        .bytes()
        .fold(0u32, |a, b| (a * 10 + u32::from(b - b'0')) % 97);
    format!("{first30}{:02}", 98 - rem)
}

#[tokio::test]
async fn details_and_usage_in_the_seed_shape() {
    let s = demo().await;
    let (status, body) = s.get(2001, "").await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["details"]["planCode"], "PASI_50G");
    assert_eq!(body["details"]["remainingQuotaMb"], 48256);
    let u = &body["usage"];
    assert_eq!(u["totalQuotaMb"], 51200);
    assert_eq!(u["remainingLabel"], "47.1 GB");
    let history = u["usageHistory"].as_array().unwrap();
    assert_eq!(history.len(), 30);
    // The carrier's kB, converted once: yesterday's figure for this number.
    let kb = server::simulator::demo::daily_usage_kb(ESIM, 1) as f64;
    let mb = (kb / 1024.0 * 100.0).round() / 100.0;
    assert_eq!(history[0]["usageMb"].as_f64().unwrap(), mb);
    assert!(u["asOfLabel"].as_str().unwrap().ends_with(" JST"));
    assert!(u["forecast"]["kind"].is_string());
    assert!(u["rightSize"]["suggestion"].is_string());

    let (status, usage) = s.get(2002, "/usage").await;
    assert_eq!(status, 200);
    assert_eq!(usage["totalQuotaMb"], 10240);
}

#[tokio::test]
async fn a_plan_change_is_scheduled_shown_and_withdrawable() {
    let s = demo().await;
    let (status, e) = s
        .post(2001, "/change-plan", json!({"newPlanCode": "PASI_100G"}))
        .await;
    assert_eq!(
        (status, e["code"].as_str(), e["field"].as_str()),
        (400, Some("invalid"), Some("newPlanCode"))
    );
    let (status, e) = s.post(2001, "/change-plan", json!({})).await;
    assert_eq!((status, e["field"].as_str()), (400, Some("newPlanCode")));
    let (status, e) = s
        .post(2001, "/change-plan", json!({"newPlanCode": "PASI_50G"}))
        .await;
    assert_eq!(
        (status, e["field"].as_str()),
        (400, Some("newPlanCode")),
        "{e}"
    );

    let (status, r) = s
        .post(2001, "/change-plan", json!({"newPlanCode": "PASI_25G"}))
        .await;
    assert_eq!(status, 202, "{r}");
    let effective =
        app::domain::dates::first_of_next_month(server::simulator::freebit::today_jst());
    assert!(r["message"]
        .as_str()
        .unwrap()
        .contains(&app::domain::dates::date_label(effective)));

    // Pending until the 1st: the carrier still has the old plan, the page says what comes.
    assert_eq!(s.p.sims.freebit.line(ESIM).unwrap().plan_code, "PASI_50G");
    let o = s.overview(2001).await;
    assert_eq!(o["pending"][0]["kind"], "planChange");
    assert_eq!(o["pending"][0]["to"], "PASI_25G");
    assert_eq!(o["pending"][0]["effectiveOn"], effective.to_string());
    assert_eq!(o["actions"]["changePlan"]["state"], "disabled");

    let (status, e) = s
        .post(2001, "/change-plan", json!({"newPlanCode": "PASI_10G"}))
        .await;
    assert_eq!((status, e["code"].as_str()), (409, Some("conflict")), "{e}");

    let (status, r) = s.post(2001, "/cancel-plan-change", json!({})).await;
    assert_eq!(status, 202, "{r}");
    let o = s.overview(2001).await;
    assert!(pending_kinds(&o).is_empty(), "{o}");
    assert_eq!(o["actions"]["changePlan"]["state"], "enabled");
    let (status, _) = s.post(2001, "/cancel-plan-change", json!({})).await;
    assert_eq!(status, 409);

    let t = s.timeline(2001).await;
    assert_eq!(t[0]["action"], "Plan change withdrawn");
    assert_eq!(t[1]["action"], "Plan change");
    assert_eq!(t[1]["actor"], "demo@example.com");
    assert_eq!(t[1]["outcome"], "accepted");
}

#[tokio::test]
async fn options_apply_together_and_show_pending_until_the_carrier_has_them() {
    let s = demo().await;
    let (status, e) = s.post(2001, "/features", json!({"voiceMail": "yes"})).await;
    assert_eq!((status, e["field"].as_str()), (400, Some("voiceMail")));
    let (status, e) = s
        .post(2001, "/features", json!({"networkType": "3G"}))
        .await;
    assert_eq!((status, e["field"].as_str()), (400, Some("networkType")));
    // Asking for what is already set is not a change.
    let (status, e) = s.post(2001, "/features", json!({"voiceMail": true})).await;
    assert_eq!(
        (status, e["field"].as_str()),
        (400, Some("features")),
        "{e}"
    );

    let (status, r) = s
        .post(
            2001,
            "/features",
            json!({"voiceMail": false, "internationalRoaming": true, "networkType": "4G"}),
        )
        .await;
    assert_eq!(status, 202, "{r}");
    let o = s.overview(2001).await;
    let kinds = pending_kinds(&o);
    assert!(
        kinds.contains(&"features".into()) && kinds.contains(&"networkType".into()),
        "{o}"
    );
    // The 4G/5G switch locks the line: every other change waits.
    assert_eq!(o["actions"]["voiceOptions"]["state"], "disabled");
    assert_eq!(o["actions"]["cancel"]["state"], "disabled");
    let (status, e) = s
        .post(2001, "/features", json!({"callWaiting": true}))
        .await;
    assert_eq!((status, e["code"].as_str()), (409, Some("conflict")), "{e}");

    s.settled(2001, "features").await;
    let o = s.settled(2001, "networkType").await;
    assert_eq!(
        o["features"],
        json!({"voiceMail": false, "callWaiting": false, "internationalRoaming": true, "networkType": "4G"})
    );
    let line = s.p.sims.freebit.line(ESIM).unwrap();
    assert!(!line.voicemail && line.worldwing && line.contract_line == "4G");
}

#[tokio::test]
async fn cancellation_needs_the_last_four_digits_and_a_month_end() {
    let s = demo().await;
    let (status, e) = s
        .post(2002, "/cancel", json!({"confirmLast4": "0000"}))
        .await;
    assert_eq!((status, e["field"].as_str()), (400, Some("confirmLast4")));
    let (status, e) = s
        .post(
            2002,
            "/cancel",
            json!({"confirmLast4": "5678", "cancelOn": "2020-01-31"}),
        )
        .await;
    assert_eq!((status, e["field"].as_str()), (400, Some("cancelOn")));
    let (status, e) = s
        .post(
            2002,
            "/cancel",
            json!({"confirmLast4": "5678", "cancelOn": "soon"}),
        )
        .await;
    assert_eq!((status, e["field"].as_str()), (400, Some("cancelOn")));
    assert_eq!(s.p.sims.freebit.line(PHYSICAL).unwrap().state, "active");

    let (status, r) = s
        .post(2002, "/cancel", json!({"confirmLast4": "5678"}))
        .await;
    assert_eq!(status, 202, "{r}");
    let end = app::domain::dates::end_of_month(server::simulator::freebit::today_jst());
    let o = s.overview(2002).await;
    assert_eq!(
        o["pending"][0],
        json!({"kind": "cancellation", "on": end.to_string()})
    );
    assert_eq!(o["actions"]["cancel"]["state"], "disabled");
    assert_eq!(o["actions"]["changePlan"]["state"], "disabled");
    let (status, _) = s
        .post(2002, "/cancel", json!({"confirmLast4": "5678"}))
        .await;
    assert_eq!(status, 409);
}

#[tokio::test]
async fn an_esim_is_reissued_asynchronously_and_a_physical_sim_never() {
    let s = demo().await;
    let (status, e) = s
        .post(2002, "/reissue-esim", json!({"eid": new_eid()}))
        .await;
    assert_eq!((status, e["code"].as_str()), (409, Some("conflict")));
    assert!(e["message"].as_str().unwrap().contains("Only eSIMs"));
    let (status, e) = s.post(2001, "/reissue-esim", json!({"eid": "1234"})).await;
    assert_eq!((status, e["field"].as_str()), (400, Some("eid")));
    let mut typo = new_eid().into_bytes();
    typo[20] = if typo[20] == b'0' { b'1' } else { b'0' };
    let (status, e) = s
        .post(
            2001,
            "/reissue-esim",
            json!({"eid": String::from_utf8(typo).unwrap()}),
        )
        .await;
    assert_eq!((status, e["field"].as_str()), (400, Some("eid")), "{e}");

    let eid = new_eid();
    let (status, r) = s.post(2001, "/reissue-esim", json!({"eid": eid})).await;
    assert_eq!(status, 202, "{r}");
    let o = s.overview(2001).await;
    assert_eq!(o["pending"][0]["kind"], "esimReissue");
    assert_eq!(o["actions"]["reissueEsim"]["state"], "disabled");
    let o = s.settled(2001, "esimReissue").await;
    assert_eq!(o["details"]["eid"], eid);
}

#[tokio::test]
async fn a_carrier_refusal_changes_nothing_and_is_on_the_timeline() {
    let s = demo().await;
    s.p.fault(
        json!({"upstream": "freebit", "operation": "mvno/changePlan", "kind": "freebit_result",
        "result_code": "500", "message": "internal error 4711", "times": 1}),
    )
    .await;
    let (status, e) = s
        .post(2001, "/change-plan", json!({"newPlanCode": "PASI_10G"}))
        .await;
    assert_eq!((status, e["code"].as_str()), (502, Some("declined")), "{e}");
    assert!(
        !e.to_string().contains("4711"),
        "upstream details never reach the customer"
    );
    let o = s.overview(2001).await;
    assert!(pending_kinds(&o).is_empty(), "{o}");
    let t = s.timeline(2001).await;
    assert_eq!(
        (t[0]["action"].as_str(), t[0]["outcome"].as_str()),
        (Some("Plan change"), Some("failed"))
    );
}

#[tokio::test]
async fn a_carrier_outage_fails_its_sections_only() {
    let s = demo().await;
    s.p.fault(json!({"upstream": "freebit", "kind": "http", "status": 503}))
        .await;
    let (status, e) = s.get(2001, "/usage").await;
    assert_eq!(
        (status, e["code"].as_str()),
        (503, Some("upstream_unavailable"))
    );
    // The timeline lives in the portal's database and stays readable.
    assert!(s.timeline(2001).await.is_empty());
    // Billing still answers: the page heading renders.
    let r =
        s.c.post(format!("{}/api/fn/get_subscription", s.p.url))
            .form(&[("id", "2001")])
            .send()
            .await
            .unwrap();
    assert_eq!(r.status(), 200);
}

#[tokio::test]
async fn a_cancelled_sim_is_view_only() {
    let s = demo().await;
    let o = s.overview(2004).await;
    assert_eq!(o["details"]["status"], "cancelled");
    for action in [
        "topUp",
        "changePlan",
        "cancel",
        "reissueEsim",
        "voiceOptions",
        "networkType",
    ] {
        assert_eq!(o["actions"][action]["state"], "disabled", "{action}");
    }
    let (status, _) = s
        .post(2004, "/change-plan", json!({"newPlanCode": "PASI_5G"}))
        .await;
    assert_eq!(status, 409);
}

#[tokio::test]
async fn nobody_acts_on_another_customers_sim() {
    let p = common::portal().await;
    let c = p.login("demo2@example.com").await;
    for (path, body) in [
        ("change-plan", json!({"newPlanCode": "PASI_5G"})),
        ("features", json!({"voiceMail": false})),
        ("cancel", json!({"confirmLast4": "2946"})),
        ("reissue-esim", json!({"eid": new_eid()})),
        ("cancel-plan-change", json!({})),
    ] {
        let r = c
            .post(format!("{}/api/subscriptions/2001/sim/{path}", p.url))
            .json(&body)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 404, "{path}");
    }
    let line = p.sims.freebit.line(ESIM).unwrap();
    assert_eq!(
        (line.plan_code.as_str(), line.state.as_str(), line.voicemail),
        ("PASI_50G", "active", true)
    );
    let r = p
        .http
        .post(format!("{}/api/subscriptions/2001/sim/change-plan", p.url))
        .json(&json!({}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 401);
}

#[tokio::test]
async fn fresh_demo_customers_have_their_own_sims() {
    let p = common::portal().await;
    let r = p
        .http
        .post(format!("{}/_sim/control/demo-customer", p.url))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201);
    let created: Value = r.json().await.unwrap();
    let email = created["email"].as_str().unwrap();
    let c = p.login(email).await;
    let subs: Vec<Value> = common::get_json(&c, &format!("{}/api/subscriptions", p.url)).await;
    assert_eq!(subs.len(), created["services"].as_array().unwrap().len());
    assert!(subs.iter().all(|s| s["id"] != 2001));
}

#[tokio::test]
async fn two_simultaneous_requests_reach_the_carrier_once() {
    let s = demo().await;
    // Slow the carrier down so both requests are in flight together.
    s.p.fault(
        json!({"upstream": "freebit", "operation": "mvno/contractline/change", "kind": "latency",
        "latency_ms": 300, "times": 2}),
    )
    .await;
    let body = json!({"networkType": "5G"});
    let (a, b) = tokio::join!(
        s.post(2002, "/features", body.clone()),
        s.post(2002, "/features", body.clone())
    );
    let mut statuses = [a.0, b.0];
    statuses.sort_unstable();
    assert_eq!(statuses, [202, 409], "{a:?} {b:?}");
    let t = s.timeline(2002).await;
    assert_eq!(t.len(), 1, "{t:?}");
}

#[tokio::test]
async fn an_unanswered_change_is_reported_as_unconfirmed() {
    let s = demo().await;
    s.p.fault(json!({"upstream": "freebit", "operation": "master/cnclAcnt", "kind": "http", "status": 503, "times": 1}))
        .await;
    let (status, e) = s
        .post(2002, "/cancel", json!({"confirmLast4": "5678"}))
        .await;
    assert_eq!(
        (status, e["code"].as_str()),
        (504, Some("unconfirmed")),
        "{e}"
    );
    let t = s.timeline(2002).await;
    assert_eq!(t[0]["outcome"], "unconfirmed");
    // Believed for a while (it may have arrived), so it is not sent twice meanwhile.
    let (status, _) = s
        .post(2002, "/cancel", json!({"confirmLast4": "5678"}))
        .await;
    assert_eq!(status, 409);
}
