//! The Freebit line view of the control endpoint: top-up counters a test can use to prove a
//! top-up reached the carrier exactly once, also when its reply was lost.

mod common;
use reqwest::Method;
use serde_json::json;

#[tokio::test]
async fn top_ups_are_counted_per_line_even_when_the_reply_is_lost() {
    let s = common::start().await;
    let c = s.provision().await;
    let line = c["services"][1]["msisdn"]
        .as_str()
        .expect("msisdn")
        .to_string();
    let (status, before) = s.control_json(&format!("freebit/lines/{line}")).await;
    assert_eq!(status, 200);
    assert_eq!(
        (
            &before["msisdn"],
            &before["addSpecCalls"],
            &before["eachQuotaCalls"],
            &before["history"]
        ),
        (&json!(line), &json!(0), &json!(0), &json!([]))
    );
    let quota_kb = before["quotaKb"].as_u64().expect("quotaKb");

    let key = s.auth_key().await;
    let top_up = format!(
        r#"{{"authKey":"{key}","kind":"MVNO","account":"{line}","quota":"1000","quotaCode":"topup-1","expire":"20271231"}}"#
    );
    assert_eq!(
        s.freebit("master/addSpec/", &top_up).await["resultCode"],
        "100"
    );
    assert_eq!(
        s.control(
            Method::POST,
            "faults",
            Some(r#"{"upstream":"freebit","operation":"master/addSpec","kind":"http","status":503,"lost_reply":true,"times":1}"#),
        )
        .await,
        201
    );
    let lost = s
        .http
        .post(format!("{}/freebit/emptool/api/master/addSpec/", s.base))
        .form(&[("json", top_up.as_str())])
        .send()
        .await
        .expect("addSpec");
    assert_eq!(lost.status(), 503);
    let tomorrow = common::ymd(common::today_jst() + chrono::Days::new(1));
    let scheduled = s
        .freebit(
            "mvno/eachQuota/",
            &format!(
                r#"{{"authKey":"{key}","account":"{line}","quota":"500","runTime":"{tomorrow}"}}"#
            ),
        )
        .await;
    assert_eq!(scheduled["resultCode"], "100", "{scheduled}");
    let bad = s
        .freebit(
            "master/addSpec/",
            &format!(r#"{{"authKey":"{key}","kind":"MVNO","account":"{line}","quota":"0"}}"#),
        )
        .await;
    assert_ne!(bad["resultCode"], "100", "refused, not counted");

    let (_, after) = s.control_json(&format!("freebit/lines/{line}")).await;
    assert_eq!(
        (&after["addSpecCalls"], &after["eachQuotaCalls"]),
        (&json!(2), &json!(1)),
        "{after}"
    );
    assert_eq!(after["quotaKb"], quota_kb + 2 * 1000 * 1024);
    assert_eq!(
        after["history"][0],
        json!({"quota": 1000, "date": common::ymd(common::today_jst()), "expire": "20271231", "quotaCode": "topup-1"})
    );
    let typed = s.sims.freebit.line(&line).expect("line");
    assert_eq!((typed.add_spec_calls, typed.each_quota_calls), (2, 1));
    assert_eq!(s.control_json("freebit/lines/00000000000").await.0, 404);
}
