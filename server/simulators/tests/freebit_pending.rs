//! The Freebit simulator's pending work over real HTTP, with requests shaped as
//! `../shared/contracts/freebit.md` shows them: delayed and dated operations, the locks they
//! take, and how getDetail's `async` reports them.

mod common;
use common::{eventually, first_of_next_month, today_jst, ymd, ESIM, PHYSICAL};
use serde_json::{json, Value};
use std::time::Duration;

fn result(r: &Value) -> (&str, &str) {
    (
        r["resultCode"].as_str().unwrap_or("?"),
        r["status"]["statusCode"].as_str().unwrap_or("?"),
    )
}

#[tokio::test]
async fn talk_option_change_rejects_empty_and_applies_later() {
    let s = common::start().await;
    let key = s.auth_key().await;
    let order = |talk: &str, confirmed: &str| {
        format!(
            r#"{{"authKey":"{key}","account":"08077052946","userConfirmed":"{confirmed}","aladinOperated":"20","talkOption":{talk}}}"#
        )
    };
    let empty = s
        .freebit("mvno/talkoption/changeOrder/", &order("{}", "10"))
        .await;
    assert_eq!(result(&empty), ("220", "400"), "{empty}");
    let unconfirmed = s
        .freebit(
            "mvno/talkoption/changeOrder/",
            &order(r#"{"voiceMail":"20"}"#, "20"),
        )
        .await;
    assert_eq!(unconfirmed["resultCode"], "220", "{unconfirmed}");

    let r = s
        .freebit(
            "mvno/talkoption/changeOrder/",
            &order(r#"{"voiceMail":"20","worldWing":"10"}"#, "10"),
        )
        .await;
    assert_eq!(r["resultCode"], "100", "{r}");
    let d = s.detail(&key, ESIM).await;
    assert_eq!(
        d["async"],
        json!({"func": "talkOption", "talkOption": {"voiceMail": "20", "worldWing": "10"}})
    );
    assert_eq!(
        (&d["voicemail"], &d["worldwing"]),
        (&json!("10"), &json!("20"))
    );
    let busy = s
        .freebit(
            "mvno/talkoption/changeOrder/",
            &order(r#"{"callWaiting":"10"}"#, "10"),
        )
        .await;
    assert_eq!(result(&busy), ("230", "409"), "{busy}");

    assert!(
        eventually(Duration::from_secs(3), || async {
            let d = s.detail(&key, ESIM).await;
            d["voicemail"] == "20" && d["worldwing"] == "10" && d["async"] == ""
        })
        .await
    );
    assert_eq!(s.detail(&key, ESIM).await["callwaiting"], "20", "untouched");
}

#[tokio::test]
async fn add_spec_also_toggles_features() {
    let s = common::start().await;
    let key = s.auth_key().await;
    let r = s
        .freebit(
            "master/addSpec/",
            &format!(
                r#"{{"authKey":"{key}","kind":"MVNO","account":"09012345678","worldWing":"10"}}"#
            ),
        )
        .await;
    assert_eq!(r["resultCode"], "100", "{r}");
    assert_eq!(
        s.detail(&key, PHYSICAL).await["async"],
        json!({"func": "talkOption", "talkOption": {"worldWing": "10"}})
    );

    let both = s
        .freebit(
            "master/addSpec/",
            &format!(
                r#"{{"authKey":"{key}","kind":"MVNO","account":"08077052946","quota":"500","voiceMail":"20","callWaiting":"10"}}"#
            ),
        )
        .await;
    assert_eq!(both["resultCode"], "100", "{both}");
    assert_eq!(
        s.detail(&key, ESIM).await["quota"],
        ((48_256 + 500) * 1024).to_string(),
        "the quota applies at once"
    );
    let bad = s
        .freebit(
            "master/addSpec/",
            &format!(
                r#"{{"authKey":"{key}","kind":"MVNO","account":"08077052946","voiceMail":"30"}}"#
            ),
        )
        .await;
    assert_eq!(bad["resultCode"], "220", "{bad}");

    assert!(
        eventually(Duration::from_secs(3), || async {
            let p = s.detail(&key, PHYSICAL).await;
            let e = s.detail(&key, ESIM).await;
            p["worldwing"] == "10" && e["voicemail"] == "20" && e["callwaiting"] == "10"
        })
        .await
    );
}

#[tokio::test]
async fn contract_line_change_locks_the_account() {
    let s = common::start().await;
    let key = s.auth_key().await;
    let change = |line: &str| {
        format!(
            r#"{{"authKey":"{key}","account":"09012345678","contractLine":"{line}","productNumber":"AX1234567890123"}}"#
        )
    };
    let three = s.freebit("mvno/contractline/change/", &change("3G")).await;
    assert_eq!(three["resultCode"], "220", "{three}");
    let r = s.freebit("mvno/contractline/change/", &change("5G")).await;
    assert_eq!(r["resultCode"], "100", "{r}");
    let second = s.freebit("mvno/contractline/change/", &change("4G")).await;
    assert_eq!(result(&second), ("230", "409"), "{second}");
    let top_up = s
        .freebit(
            "master/addSpec/",
            &format!(
                r#"{{"authKey":"{key}","kind":"MVNO","account":"09012345678","quota":"100"}}"#
            ),
        )
        .await;
    assert_eq!(top_up["resultCode"], "230", "every write waits: {top_up}");
    let d = s.detail(&key, PHYSICAL).await;
    assert_eq!(d["contractLine"], "4G");
    assert_eq!(
        d["async"],
        json!({"func": "contractLine", "contractLine": "5G"})
    );

    assert!(
        eventually(Duration::from_secs(3), || async {
            s.detail(&key, PHYSICAL).await["contractLine"] == "5G"
        })
        .await
    );
    let after = s.freebit("mvno/contractline/change/", &change("4G")).await;
    assert_eq!(after["resultCode"], "100", "unlocked: {after}");
}

#[tokio::test]
async fn esim_reissue_completes_asynchronously() {
    let s = common::start().await;
    let key = s.auth_key().await;
    let reissue = |eid: &str| {
        format!(
            r#"{{"authKey":"{key}","aladinOperated":"20","createType":"add","eid":"{eid}","account":"08077052946","addKind":"R","reissue":{{"oldEid":"89049032004008882600016781234567"}},"contractLine":"5G"}}"#
        )
    };
    let short = s.freebit("mvno/esim/addAcnt/", &reissue("123")).await;
    assert_eq!(short["resultCode"], "220", "{short}");
    let new_eid = "89049032004008882600016789999999";
    let r = s.freebit("mvno/esim/addAcnt/", &reissue(new_eid)).await;
    assert_eq!(r["resultCode"], "100", "{r}");
    let d = s.detail(&key, ESIM).await;
    assert_eq!(d["async"], json!({"func": "esimReissue"}));
    assert_eq!(
        d["eid"], "89049032004008882600016781234567",
        "still the old one"
    );
    let again = s
        .freebit(
            "mvno/esim/addAcnt/",
            &reissue("89049032004008882600016780000000"),
        )
        .await;
    assert_eq!(result(&again), ("230", "409"), "{again}");

    assert!(
        eventually(Duration::from_secs(3), || async {
            let d = s.detail(&key, ESIM).await;
            d["eid"] == new_eid && d["async"] == ""
        })
        .await
    );
    let physical = s
        .freebit(
            "mvno/esim/addAcnt/",
            &format!(
                r#"{{"authKey":"{key}","aladinOperated":"20","eid":"{new_eid}","account":"09012345678","addKind":"R"}}"#
            ),
        )
        .await;
    assert_eq!(physical["resultCode"], "220", "not an eSIM: {physical}");
}

#[tokio::test]
async fn plan_change_is_pending_and_can_be_withdrawn() {
    let s = common::start().await;
    let key = s.auth_key().await;
    let change = |plan: &str, run: &str| {
        format!(
            r#"{{"authKey":"{key}","account":"08077052946","planCode":"{plan}","globalIp":"20"{run}}}"#
        )
    };
    let on = ymd(first_of_next_month(today_jst()));
    let run = format!(r#","runTime":"{on}""#);
    let unknown = s
        .freebit("mvno/changePlan/", &change("PASI_100G", ""))
        .await;
    assert_eq!(result(&unknown), ("220", "400"), "{unknown}");
    let past = s
        .freebit(
            "mvno/changePlan/",
            &change("PASI_25G", r#","runTime":"20200101""#),
        )
        .await;
    assert_eq!(result(&past), ("220", "400"), "{past}");

    let r = s
        .freebit("mvno/changePlan/", &change("PASI_25G", &run))
        .await;
    assert_eq!(r["resultCode"], "100", "{r}");
    let d = s.detail(&key, ESIM).await;
    assert_eq!(d["planCode"], "PASI_50G");
    assert_eq!(
        d["async"],
        json!({"func": "changePlan", "date": on, "planCode": "PASI_25G"})
    );

    let withdraw = s
        .freebit("mvno/changePlan/", &change("PASI_50G", &run))
        .await;
    assert_eq!(withdraw["resultCode"], "100", "{withdraw}");
    let d = s.detail(&key, ESIM).await;
    assert_eq!(
        (&d["planCode"], &d["async"]),
        (&json!("PASI_50G"), &json!(""))
    );
    let same = s.freebit("mvno/changePlan/", &change("PASI_50G", "")).await;
    assert_eq!(result(&same), ("220", "400"), "{same}");
    assert_eq!(same["status"]["message"], "already on this plan");

    let now = s.freebit("mvno/changePlan/", &change("PASI_10G", "")).await;
    assert_eq!(now["resultCode"], "100");
    assert_eq!(
        s.detail(&key, ESIM).await["planCode"],
        "PASI_10G",
        "no runTime: at once"
    );
}

#[tokio::test]
async fn release_plan_is_an_alias_of_cancellation() {
    let s = common::start().await;
    let key = s.auth_key().await;
    let client = s.provision().await;
    let esim = client["services"][0]["msisdn"]
        .as_str()
        .unwrap()
        .to_string();
    let physical = client["services"][1]["msisdn"]
        .as_str()
        .unwrap()
        .to_string();
    let later = ymd(first_of_next_month(today_jst()));

    let past = s
        .freebit(
            "master/cnclAcnt/",
            &format!(
                r#"{{"authKey":"{key}","kind":"MVNO","account":"{esim}","runDate":"20200131"}}"#
            ),
        )
        .await;
    assert_eq!(result(&past), ("220", "400"), "{past}");
    assert_eq!(past["status"]["message"], "runDate is in the past");
    let past = s
        .freebit(
            "mvno/releasePlan/",
            &format!(r#"{{"authKey":"{key}","account":"{esim}","runTime":"20200131"}}"#),
        )
        .await;
    assert_eq!(result(&past), ("220", "400"), "{past}");

    let r = s
        .freebit(
            "mvno/releasePlan/",
            &format!(r#"{{"authKey":"{key}","account":"{esim}","runTime":"{later}"}}"#),
        )
        .await;
    assert_eq!(r["resultCode"], "100", "{r}");
    let d = s.detail(&key, &esim).await;
    assert_eq!(d["state"], "active");
    assert_eq!(d["async"], json!({"func": "cancel", "date": later}));

    let now = s
        .freebit(
            "mvno/releasePlan/",
            &format!(r#"{{"authKey":"{key}","account":"{physical}"}}"#),
        )
        .await;
    assert_eq!(now["resultCode"], "100", "{now}");
    assert_eq!(s.detail(&key, &physical).await["state"], "canceled");
    let top_up = s
        .freebit(
            "master/addSpec/",
            &format!(r#"{{"authKey":"{key}","kind":"MVNO","account":"{physical}","quota":"100"}}"#),
        )
        .await;
    assert_eq!(
        top_up["resultCode"], "220",
        "a cancelled line takes no top-up"
    );

    let dashed = s
        .freebit(
            "master/cnclAcnt/",
            &format!(
                r#"{{"authKey":"{key}","kind":"MVNO","account":"{esim}","runDate":"{}"}}"#,
                first_of_next_month(today_jst()).format("%Y-%m-%d")
            ),
        )
        .await;
    assert_eq!(
        dashed["resultCode"], "100",
        "YYYY-MM-DD is accepted: {dashed}"
    );
}

#[tokio::test]
async fn one_async_is_shown_and_async_all_lists_every_pending_operation() {
    let s = common::start().await;
    let key = s.auth_key().await;
    let later = ymd(first_of_next_month(today_jst()));
    for (path, body) in [
        (
            "mvno/changePlan/",
            format!(
                r#"{{"authKey":"{key}","account":"08077052946","planCode":"PASI_25G","globalIp":"20","runTime":"{later}"}}"#
            ),
        ),
        (
            "master/cnclAcnt/",
            format!(
                r#"{{"authKey":"{key}","kind":"MVNO","account":"08077052946","runDate":"{later}"}}"#
            ),
        ),
        (
            "mvno/talkoption/addOrder/",
            format!(
                r#"{{"authKey":"{key}","account":"08077052946","userConfirmed":"10","aladinOperated":"20","talkOption":{{"callWaiting":"10"}}}}"#
            ),
        ),
    ] {
        let r = s.freebit(path, &body).await;
        assert_eq!(r["resultCode"], "100", "{path}: {r}");
    }
    let d = s.detail(&key, ESIM).await;
    let talk = json!({"func": "talkOption", "talkOption": {"callWaiting": "10"}});
    assert_eq!(d["async"], talk);
    assert_eq!(
        d["asyncAll"],
        json!([
            talk,
            {"func": "cancel", "date": later},
            {"func": "changePlan", "date": later, "planCode": "PASI_25G"},
        ])
    );
}
