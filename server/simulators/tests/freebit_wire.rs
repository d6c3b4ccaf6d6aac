//! The Freebit simulator over real HTTP, with requests shaped as `../shared/contracts/freebit.md`
//! shows them (form field `json`, `authKey` in the body, `resultCode` strings): the transport,
//! authentication, reads, immediate writes and fault injection.

mod common;
use common::{today_jst, ymd, ESIM, PHYSICAL};
use serde_json::{json, Value};

fn result(r: &Value) -> (&str, &str) {
    (
        r["resultCode"].as_str().unwrap_or("?"),
        r["status"]["statusCode"].as_str().unwrap_or("?"),
    )
}

#[tokio::test]
async fn auth_then_get_detail_answers_master_and_line() {
    let s = common::start().await;
    let bad = s
        .freebit("authOem/", r#"{"oemId":"SIMOEM01","oemKey":"wrong"}"#)
        .await;
    assert_eq!(bad["resultCode"], "200", "{bad}");
    let key = s.auth_key().await;

    let r = s
        .freebit(
            "mvno/getDetail/",
            &format!(
                r#"{{"authKey":"{key}","version":"2","requestDatas":[{{"kind":"MVNO","account":"08077052946"}}]}}"#
            ),
        )
        .await;
    assert_eq!(result(&r), ("100", "200"), "{r}");
    let datas = r["responseDatas"].as_array().unwrap();
    assert_eq!(datas.len(), 2, "{r}");
    assert_eq!(
        (&datas[0]["kind"], &datas[0]["account"]),
        (&json!("MASTER"), &json!("sim-master@sonixnet.example")),
        "the linked master account comes first"
    );
    let line = &datas[1];
    assert_eq!(line["kind"], "MVNO");
    assert_eq!(line["account"], "08077052946");
    assert_eq!(line["state"], "active");
    assert_eq!(line["planCode"], "PASI_50G");
    assert_eq!(line["iccid"], "8981100005000012345");
    assert_eq!(line["eid"], "89049032004008882600016781234567");
    assert_eq!(line["contractLine"], "5G");
    assert_eq!(line["quota"], "49414144", "48256 MB in kB, as a string");
    assert_eq!(line["voicemail"], "10");
    assert_eq!(line["async"], "", "nothing pending: an empty string");
    assert_eq!(line["asyncAll"], json!([]));
    assert!(s.detail(&key, PHYSICAL).await.get("eid").is_none());

    let unknown = s
        .freebit(
            "mvno/getDetail/",
            &format!(
                r#"{{"authKey":"{key}","requestDatas":[{{"kind":"MVNO","account":"09999999999"}}]}}"#
            ),
        )
        .await;
    assert_eq!(unknown["resultCode"], "210", "{unknown}");
    let stale = s
        .freebit(
            "mvno/getDetail/",
            r#"{"authKey":"not-a-key","requestDatas":[{"kind":"MVNO","account":"08077052946"}]}"#,
        )
        .await;
    assert_eq!(stale["resultCode"], "200", "{stale}");

    let master = s
        .freebit(
            "mvno/getDetail/",
            &format!(
                r#"{{"authKey":"{key}","requestDatas":[{{"kind":"MASTER","account":"sim-master@sonixnet.example"}}]}}"#
            ),
        )
        .await;
    let accounts: Vec<&str> = master["responseDatas"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["kind"] == "MVNO")
        .filter_map(|d| d["account"].as_str())
        .collect();
    assert!(
        accounts.contains(&ESIM) && accounts.contains(&PHYSICAL),
        "{master}"
    );
}

#[tokio::test]
async fn traffic_info_is_kb_strings() {
    let s = common::start().await;
    let key = s.auth_key().await;
    let r = s
        .freebit(
            "mvno/getTrafficInfo/",
            &format!(r#"{{"authKey":"{key}","account":"09012345678"}}"#),
        )
        .await;
    assert_eq!(r["resultCode"], "100");
    assert_eq!(r["traffic"]["today"], "806385");
    let days = r["traffic"]["inRecentDays"].as_str().unwrap();
    assert_eq!(days.split(',').count(), 30);
    assert!(days.starts_with("457447,1413402,370435,"), "{days}");
    assert_eq!(r["traffic"]["blackList"], "20");
}

#[tokio::test]
async fn add_spec_takes_quota_as_a_string_and_records_history() {
    let s = common::start().await;
    let key = s.auth_key().await;
    let r = s
        .freebit(
            "master/addSpec/",
            &format!(
                r#"{{"authKey":"{key}","kind":"MVNO","account":"09012345678","quota":"1000","quotaCode":"campaign-100","expire":"20271231"}}"#
            ),
        )
        .await;
    assert_eq!(result(&r), ("100", "200"), "{r}");
    assert_eq!(
        s.detail(&key, PHYSICAL).await["quota"],
        ((7_372 + 1000) * 1024).to_string()
    );
    let numeric = s
        .freebit(
            "master/addSpec/",
            &format!(r#"{{"authKey":"{key}","kind":"MVNO","account":"09012345678","quota":100}}"#),
        )
        .await;
    assert_eq!(numeric["resultCode"], "100", "a number is accepted too");
    let too_much = s
        .freebit(
            "master/addSpec/",
            &format!(
                r#"{{"authKey":"{key}","kind":"MVNO","account":"09012345678","quota":"512001"}}"#
            ),
        )
        .await;
    assert_eq!(result(&too_much), ("220", "400"), "{too_much}");

    let today = ymd(today_jst());
    let h = s
        .freebit(
            "mvno/getQuotaHistory/",
            &format!(
                r#"{{"authKey":"{key}","account":"09012345678","fromDate":"{today}","toDate":"{today}"}}"#
            ),
        )
        .await;
    assert_eq!(
        h["quotaHistory"],
        json!([
            {"quota": "1000", "date": today, "expire": "20271231", "quotaCode": "campaign-100"},
            {"quota": "100", "date": today},
        ]),
        "{h}"
    );
}

#[tokio::test]
async fn aladin_operated_reissue_is_an_unsupported_pattern() {
    let s = common::start().await;
    let key = s.auth_key().await;
    let r = s
        .freebit(
            "mvno/esim/addAcnt/",
            &format!(
                r#"{{"authKey":"{key}","aladinOperated":"10","createType":"add","eid":"89049032004008882600016789999999","account":"08077052946","addKind":"R"}}"#
            ),
        )
        .await;
    assert_eq!(result(&r), ("400", "400-356"), "{r}");
}

#[tokio::test]
async fn multipart_forms_work_and_raw_json_does_not() {
    let s = common::start().await;
    let boundary = "----simtestboundary";
    let body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"json\"\r\n\r\n{{\"oemId\":\"SIMOEM01\",\"oemKey\":\"sim-oem-key\"}}\r\n--{boundary}--\r\n"
    );
    let r: Value = s
        .http
        .post(format!("{}/freebit/emptool/api/authOem/", s.base))
        .header(
            "content-type",
            format!("multipart/form-data; boundary={boundary}"),
        )
        .body(body)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(r["resultCode"], "100", "{r}");
    assert!(r["authKey"].as_str().is_some_and(|k| !k.is_empty()));

    let raw: Value = s
        .http
        .post(format!("{}/freebit/emptool/api/authOem/", s.base))
        .header("content-type", "application/json")
        .body(r#"{"oemId":"SIMOEM01","oemKey":"sim-oem-key"}"#)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        raw["resultCode"], "400",
        "a raw JSON body is not the wire format"
    );
}

#[tokio::test]
async fn faults_and_expired_keys_come_from_the_control_endpoint() {
    let s = common::start().await;
    let key = s.auth_key().await;
    let post = reqwest::Method::POST;
    let status = s
        .control(
            post.clone(),
            "faults",
            Some(r#"{"upstream":"freebit","operation":"mvno/getDetail","kind":"http","status":503,"times":1}"#),
        )
        .await;
    assert_eq!(status, 201);
    let detail = format!(
        r#"{{"authKey":"{key}","requestDatas":[{{"kind":"MVNO","account":"08077052946"}}]}}"#
    );
    let first = s
        .http
        .post(format!("{}/freebit/emptool/api/mvno/getDetail/", s.base))
        .form(&[("json", detail.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(first.status(), 503);
    assert_eq!(
        s.freebit("mvno/getDetail/", &detail).await["resultCode"],
        "100"
    );

    s.control(
        post.clone(),
        "faults",
        Some(r#"{"upstream":"freebit","operation":"/mvno/changePlan/","kind":"freebit_result","result_code":"500","status_code":"500-101","message":"system busy","times":1}"#),
    )
    .await;
    let busy = s
        .freebit(
            "mvno/changePlan/",
            &format!(r#"{{"authKey":"{key}","account":"08077052946","planCode":"PASI_25G","globalIp":"20"}}"#),
        )
        .await;
    assert_eq!(result(&busy), ("500", "500-101"), "{busy}");
    assert_eq!(busy["status"]["message"], "system busy");

    assert_eq!(s.control(post, "freebit/expire-auth", None).await, 204);
    assert_eq!(
        s.freebit("mvno/getDetail/", &detail).await["resultCode"],
        "200"
    );
}
