//! The Freebit client against the simulator over real HTTP: every operation, every fault class.

mod common;
use chrono::{Datelike, NaiveDate};
use serde_json::json;
use server::freebit::wire::TalkOption;
use server::freebit::FreebitError;
use server::simulator::freebit::today_jst;
use std::time::Duration;

const ESIM: &str = "08077052946";
const PHYSICAL: &str = "09012345678";

fn first_of_next_month(d: NaiveDate) -> NaiveDate {
    let (y, m) = if d.month() == 12 {
        (d.year() + 1, 1)
    } else {
        (d.year(), d.month() + 1)
    };
    NaiveDate::from_ymd_opt(y, m, 1).expect("valid date")
}

#[tokio::test]
async fn get_detail_reads_the_line() {
    let u = common::upstreams().await;
    let d = u.freebit.get_detail(ESIM).await.unwrap();
    assert_eq!(d.iccid, "8981100005000012345");
    assert_eq!(d.plan_code, "PASI_50G");
    assert_eq!(d.quota_kb.unwrap_or_default(), 48_256 * 1024);
    assert_eq!(d.eid.as_deref(), Some("89049032004008882600016781234567"));
    assert_eq!(d.voicemail, Some(true));
    assert!(d.pending.is_none());
    let e = u.freebit.get_detail("09999999999").await.unwrap_err();
    assert!(
        matches!(e, FreebitError::Api { ref result_code, .. } if result_code == "210"),
        "{e}"
    );
}

#[tokio::test]
async fn traffic_history_is_deterministic() {
    let u = common::upstreams().await;
    let t = u
        .freebit
        .get_traffic_info(PHYSICAL)
        .await
        .unwrap()
        .traffic();
    let days: Vec<u64> = t.recent_days_kb.iter().map(|d| d.unwrap() as u64).collect();
    assert_eq!(days.len(), 30);
    assert_eq!(
        days[0],
        server::simulator::demo::daily_usage_kb(PHYSICAL, 1)
    );
    // Literal values pin the seeded generator: a change to it must be deliberate.
    assert_eq!(t.today_kb, Some(806_385.0));
    assert_eq!(days[..3], [457_447, 1_413_402, 370_435]);
    let again = u
        .freebit
        .get_traffic_info(PHYSICAL)
        .await
        .unwrap()
        .traffic();
    assert_eq!(again.recent_days_kb, t.recent_days_kb);
}

#[tokio::test]
async fn add_spec_raises_quota_and_shows_in_history() {
    let u = common::upstreams().await;
    u.freebit
        .add_spec(
            PHYSICAL,
            1000,
            Some("campaign-100"),
            Some(NaiveDate::from_ymd_opt(2027, 12, 31).unwrap()),
        )
        .await
        .unwrap();
    let d = u.freebit.get_detail(PHYSICAL).await.unwrap();
    assert_eq!(d.quota_kb.unwrap_or_default(), (7_372 + 1000) * 1024);
    let today = today_jst();
    let h = u
        .freebit
        .quota_history(PHYSICAL, today, today)
        .await
        .unwrap();
    assert_eq!(h.len(), 1);
    assert_eq!(
        (
            h[0].quota,
            h[0].quota_code.as_deref(),
            h[0].expire.as_deref()
        ),
        (1000, Some("campaign-100"), Some("20271231"))
    );
    let e = u
        .freebit
        .add_spec(PHYSICAL, 600_000, None, None)
        .await
        .unwrap_err();
    assert!(matches!(e, FreebitError::Api { .. }));
    assert_eq!(
        u.freebit
            .get_detail(PHYSICAL)
            .await
            .unwrap()
            .quota_kb
            .unwrap_or_default(),
        (7_372 + 1000) * 1024,
        "a refused top-up changes nothing"
    );
}

#[tokio::test]
async fn scheduled_quota_applies_on_its_date() {
    let u = common::upstreams().await;
    let tomorrow = today_jst().succ_opt().unwrap();
    u.freebit
        .schedule_quota(PHYSICAL, 500, None, tomorrow)
        .await
        .unwrap();
    assert_eq!(
        u.freebit
            .get_detail(PHYSICAL)
            .await
            .unwrap()
            .quota_kb
            .unwrap_or_default(),
        7_372 * 1024
    );
    u.freebit
        .schedule_quota(PHYSICAL, 200, None, today_jst())
        .await
        .unwrap();
    assert_eq!(
        u.freebit
            .get_detail(PHYSICAL)
            .await
            .unwrap()
            .quota_kb
            .unwrap_or_default(),
        (7_372 + 200) * 1024
    );
}

#[tokio::test]
async fn plan_change_is_pending_until_its_run_time() {
    let u = common::upstreams().await;
    let on = first_of_next_month(today_jst());
    u.freebit
        .change_plan(ESIM, "PASI_25G", Some(on))
        .await
        .unwrap();
    let d = u.freebit.get_detail(ESIM).await.unwrap();
    assert_eq!(d.plan_code, "PASI_50G");
    let pending = d.pending.unwrap();
    assert_eq!(pending.func.as_deref(), Some("changePlan"));
    assert_eq!(pending.date, Some(on.format("%Y%m%d").to_string()));
    u.freebit
        .change_plan(PHYSICAL, "PASI_5G", None)
        .await
        .unwrap();
    assert_eq!(
        u.freebit.get_detail(PHYSICAL).await.unwrap().plan_code,
        "PASI_5G"
    );
    assert!(u.freebit.change_plan(PHYSICAL, "NOPE", None).await.is_err());
}

#[tokio::test]
async fn cancel_applies_at_run_date() {
    let u = common::upstreams().await;
    let later = first_of_next_month(today_jst());
    u.freebit.cancel_account(ESIM, Some(later)).await.unwrap();
    let d = u.freebit.get_detail(ESIM).await.unwrap();
    assert_eq!(d.state, "active");
    assert_eq!(d.pending.unwrap().func.as_deref(), Some("cancel"));
    u.freebit.cancel_account(PHYSICAL, None).await.unwrap();
    assert_eq!(
        u.freebit.get_detail(PHYSICAL).await.unwrap().state,
        "canceled"
    );
    assert!(
        u.freebit.add_spec(PHYSICAL, 100, None, None).await.is_err(),
        "a cancelled line takes no top-up"
    );
}

#[tokio::test]
async fn voice_options_apply_asynchronously() {
    let u = common::upstreams().await;
    let opts = TalkOption {
        voice_mail: Some("20".into()),
        world_wing: Some("10".into()),
        ..Default::default()
    };
    u.freebit
        .set_talk_options(ESIM, opts.clone(), false)
        .await
        .unwrap();
    let d = u.freebit.get_detail(ESIM).await.unwrap();
    assert_eq!(
        (d.voicemail, d.worldwing),
        (Some(true), Some(false)),
        "not yet applied"
    );
    let busy = u
        .freebit
        .set_talk_options(ESIM, opts, false)
        .await
        .unwrap_err();
    assert!(matches!(busy, FreebitError::Api { .. }));
    tokio::time::sleep(Duration::from_millis(400)).await;
    let d = u.freebit.get_detail(ESIM).await.unwrap();
    assert_eq!(
        (d.voicemail, d.worldwing, d.callwaiting),
        (Some(false), Some(true), Some(false))
    );
    let empty = u
        .freebit
        .set_talk_options(ESIM, TalkOption::default(), false)
        .await
        .unwrap_err();
    assert!(matches!(empty, FreebitError::Invalid(_)));
}

#[tokio::test]
async fn voice_option_registration_uses_add_order() {
    let u = common::upstreams().await;
    let opts = TalkOption {
        call_waiting: Some("10".into()),
        ..Default::default()
    };
    u.freebit.set_talk_options(ESIM, opts, true).await.unwrap();
    tokio::time::sleep(Duration::from_millis(400)).await;
    assert_eq!(
        u.freebit.get_detail(ESIM).await.unwrap().callwaiting,
        Some(true)
    );
}

#[tokio::test]
async fn contract_line_change_locks_the_line_until_done() {
    let u = common::upstreams().await;
    u.freebit
        .change_contract_line(PHYSICAL, "5G", None)
        .await
        .unwrap();
    let locked = u
        .freebit
        .add_spec(PHYSICAL, 100, None, None)
        .await
        .unwrap_err();
    assert!(
        matches!(locked, FreebitError::Api { ref result_code, .. } if result_code == "230"),
        "{locked}"
    );
    assert_eq!(
        u.freebit
            .get_detail(PHYSICAL)
            .await
            .unwrap()
            .contract_line
            .as_deref(),
        Some("4G")
    );
    tokio::time::sleep(Duration::from_millis(700)).await;
    assert_eq!(
        u.freebit
            .get_detail(PHYSICAL)
            .await
            .unwrap()
            .contract_line
            .as_deref(),
        Some("5G")
    );
    u.freebit.add_spec(PHYSICAL, 100, None, None).await.unwrap();
    assert!(u
        .freebit
        .change_contract_line(PHYSICAL, "3G", None)
        .await
        .is_err());
}

#[tokio::test]
async fn esim_reissue_moves_the_profile() {
    let u = common::upstreams().await;
    let eid = "89049032004008882600016789999999";
    u.freebit
        .reissue_esim(
            ESIM,
            eid,
            Some("89049032004008882600016781234567"),
            Some("5G"),
        )
        .await
        .unwrap();
    // Asynchronous at the carrier: the old EID until the reissue completes (300 ms here).
    assert_eq!(
        u.freebit.get_detail(ESIM).await.unwrap().eid.as_deref(),
        Some("89049032004008882600016781234567")
    );
    let deadline = std::time::Instant::now() + Duration::from_secs(5);
    loop {
        let now = u.freebit.get_detail(ESIM).await.unwrap().eid;
        if now.as_deref() == Some(eid) {
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "reissue never completed"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert!(matches!(
        u.freebit.reissue_esim(ESIM, "123", None, None).await,
        Err(FreebitError::Invalid(_))
    ));
    assert!(matches!(
        u.freebit.reissue_esim(PHYSICAL, eid, None, None).await,
        Err(FreebitError::Api { .. })
    ));
}

#[tokio::test]
async fn the_unsupported_pattern_error_keeps_both_codes() {
    let u = common::upstreams().await;
    let http = reqwest::Client::new();
    let key = {
        let r: serde_json::Value = http
            .post(format!("{}/freebit/emptool/api/authOem/", u.base))
            .form(&[("json", r#"{"oemId":"SIMOEM01","oemKey":"sim-oem-key"}"#)])
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        r["authKey"].as_str().unwrap().to_string()
    };
    let body = json!({"authKey": key, "account": ESIM, "aladinOperated": "10", "addKind": "R", "eid": "8904903200400888260001678123456"}).to_string();
    let r: serde_json::Value = http
        .post(format!("{}/freebit/emptool/api/mvno/esim/addAcnt/", u.base))
        .form(&[("json", body.as_str())])
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(r["status"]["statusCode"], "400-356");
}

#[tokio::test]
async fn transient_read_failures_are_retried() {
    let u = common::upstreams().await;
    u.fault(json!({"upstream": "freebit", "operation": "mvno/getDetail", "kind": "http", "status": 503, "times": 2}));
    assert_eq!(
        u.freebit.get_detail(ESIM).await.unwrap().plan_code,
        "PASI_50G"
    );
    u.fault(json!({"upstream": "freebit", "operation": "mvno/getTrafficInfo", "kind": "html", "times": 1}));
    assert!(u.freebit.get_traffic_info(ESIM).await.is_ok());
    u.fault(json!({"upstream": "freebit", "operation": "mvno/getDetail", "kind": "http", "status": 500}));
    assert!(matches!(
        u.freebit.get_detail(ESIM).await,
        Err(FreebitError::Http { status: 500 })
    ));
}

#[tokio::test]
async fn writes_are_never_retried_blindly() {
    let u = common::upstreams().await;
    u.freebit.get_detail(PHYSICAL).await.unwrap();
    u.fault(json!({"upstream": "freebit", "operation": "master/addSpec", "kind": "http", "status": 503, "times": 1}));
    assert!(matches!(
        u.freebit.add_spec(PHYSICAL, 1000, None, None).await,
        Err(FreebitError::Http { status: 503 })
    ));
    assert_eq!(
        u.freebit
            .get_detail(PHYSICAL)
            .await
            .unwrap()
            .quota_kb
            .unwrap_or_default(),
        7_372 * 1024,
        "applied zero times"
    );
    u.freebit
        .add_spec(PHYSICAL, 1000, None, None)
        .await
        .unwrap();
    assert_eq!(
        u.freebit
            .get_detail(PHYSICAL)
            .await
            .unwrap()
            .quota_kb
            .unwrap_or_default(),
        8_372 * 1024,
        "applied once"
    );
}

#[tokio::test]
async fn timeouts_html_and_result_codes_are_typed() {
    let u = common::upstreams().await;
    u.freebit.get_detail(ESIM).await.unwrap();
    u.fault(json!({"upstream": "freebit", "operation": "master/addSpec", "kind": "timeout", "times": 1}));
    assert!(matches!(
        u.freebit.add_spec(ESIM, 100, None, None).await,
        Err(FreebitError::Timeout)
    ));
    u.fault(
        json!({"upstream": "freebit", "operation": "master/cnclAcnt", "kind": "html", "times": 1}),
    );
    assert!(matches!(
        u.freebit.cancel_account(ESIM, None).await,
        Err(FreebitError::Decode(_))
    ));
    u.fault(
        json!({"upstream": "freebit", "operation": "mvno/changePlan", "kind": "freebit_result",
        "result_code": "500", "status_code": "500-101", "message": "system busy", "times": 1}),
    );
    match u.freebit.change_plan(ESIM, "PASI_5G", None).await {
        Err(FreebitError::Api {
            result_code,
            status_code,
            message,
        }) => {
            assert_eq!(
                (
                    result_code.as_str(),
                    status_code.as_deref(),
                    message.as_deref()
                ),
                ("500", Some("500-101"), Some("system busy"))
            );
        }
        other => panic!("{other:?}"),
    }
    u.fault(json!({"upstream": "freebit", "operation": "mvno/getDetail", "kind": "latency", "latency_ms": 100, "times": 1}));
    assert!(u.freebit.get_detail(ESIM).await.is_ok());
}

#[tokio::test]
async fn an_expired_auth_key_is_renewed_once_even_under_concurrency() {
    let u = common::upstreams().await;
    u.freebit.get_detail(ESIM).await.unwrap();
    assert_eq!(u.freebit.auth_calls(), 1);
    u.freebit.get_detail(PHYSICAL).await.unwrap();
    assert_eq!(u.freebit.auth_calls(), 1, "the key is cached");
    u.sims.freebit.expire_auth_keys();
    let calls: Vec<_> = (0..8)
        .map(|_| {
            let c = u.freebit.clone();
            tokio::spawn(async move { c.get_detail(ESIM).await })
        })
        .collect();
    for c in calls {
        c.await.unwrap().unwrap();
    }
    assert_eq!(u.freebit.auth_calls(), 2, "eight expiries, one re-auth");
    // A write rejected for its key is safe to send again once, with the new key.
    u.sims.freebit.expire_auth_keys();
    u.freebit.add_spec(PHYSICAL, 100, None, None).await.unwrap();
    assert_eq!(
        u.freebit
            .get_detail(PHYSICAL)
            .await
            .unwrap()
            .quota_kb
            .unwrap_or_default(),
        7_472 * 1024
    );
}

#[tokio::test]
async fn bad_credentials_fail_cleanly() {
    let u = common::upstreams().await;
    u.fault(json!({"upstream": "freebit", "operation": "authOem", "kind": "auth_failure"}));
    let e = u.freebit.get_detail(ESIM).await.unwrap_err();
    assert!(e.is_auth(), "{e}");
}

#[tokio::test]
async fn the_simulator_also_takes_multipart_forms() {
    let u = common::upstreams().await;
    let form = reqwest::multipart::Form::new()
        .text("json", r#"{"oemId":"SIMOEM01","oemKey":"sim-oem-key"}"#);
    let r: serde_json::Value = reqwest::Client::new()
        .post(format!("{}/freebit/emptool/api/authOem/", u.base))
        .multipart(form)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(r["resultCode"], "100");
    assert!(r["authKey"].as_str().is_some_and(|k| !k.is_empty()));
    let r: serde_json::Value = reqwest::Client::new()
        .post(format!("{}/freebit/emptool/api/authOem/", u.base))
        .body("{\"oemId\":\"SIMOEM01\"}")
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        r["resultCode"], "400",
        "a raw JSON body is not the wire format"
    );
}
