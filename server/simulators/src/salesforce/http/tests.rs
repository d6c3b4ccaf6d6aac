#![allow(clippy::unwrap_used)]
use super::*;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;

pub(super) async fn serve(sim: SalesforceSim) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, sim.router()).await });
    url
}

pub(super) async fn password_token(url: &str) -> String {
    let r: Value = reqwest::Client::new()
        .post(format!("{url}/services/oauth2/token"))
        .form(&[
            ("grant_type", "password"),
            ("client_id", CLIENT_ID),
            ("client_secret", CLIENT_SECRET),
            ("username", USERNAME),
            ("password", PASSWORD),
        ])
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(r["token_type"], "Bearer");
    r["access_token"].as_str().unwrap().to_string()
}

/// `claims` RS256-signed with the connected app's (demo) key.
fn jwt(claims: Value) -> String {
    let key =
        jsonwebtoken::EncodingKey::from_rsa_pem(super::super::DEMO_PRIVATE_KEY_PEM.as_bytes())
            .unwrap();
    jsonwebtoken::encode(
        &jsonwebtoken::Header::new(jsonwebtoken::Algorithm::RS256),
        &claims,
        &key,
    )
    .unwrap()
}

fn org() -> SalesforceSim {
    SalesforceSim::empty("http://org.example/_sim/salesforce", Faults::default())
}

/// Sends the request; its status and JSON body (`null` when there is none).
pub(super) async fn send(req: reqwest::RequestBuilder) -> (u16, Value) {
    let r = req.send().await.unwrap();
    let status = r.status().as_u16();
    (status, r.json().await.unwrap_or(Value::Null))
}

#[tokio::test]
async fn tokens_queries_with_paging_and_records() {
    let sim = org();
    sim.set_batch_size(2);
    let url = serve(sim.clone()).await;
    let token = password_token(&url).await;
    let http = reqwest::Client::new();
    let base = format!("{url}/services/data/v62.0");
    let create = |body: Value| {
        send(
            http.post(format!("{base}/sobjects/Account"))
                .bearer_auth(&token)
                .json(&body),
        )
    };
    let get = |path: String| send(http.get(path).bearer_auth(&token));

    // Create three accounts; one without a name is refused, naming the field.
    for n in ["A", "B", "C"] {
        let (status, body) = create(json!({"Name": n, "AccountNumber": format!("C-{n}")})).await;
        assert_eq!(status, 201);
        assert_eq!(body["success"], true);
        assert_eq!(body["id"].as_str().unwrap().len(), 18);
    }
    let (status, body) = create(json!({"Phone": "1"})).await;
    assert_eq!(status, 400);
    assert_eq!(body[0]["errorCode"], "REQUIRED_FIELD_MISSING");
    assert_eq!(body[0]["fields"], json!(["Name"]));
    let (status, body) = create(json!({"Id": "001x", "Name": "D"})).await;
    assert_eq!(
        (status, body[0]["errorCode"].as_str()),
        (400, Some("INVALID_FIELD"))
    );

    // Three rows in batches of two: the second batch through nextRecordsUrl.
    let query = |q: &str| {
        send(
            http.get(format!("{base}/query"))
                .bearer_auth(&token)
                .query(&[("q", q)]),
        )
    };
    let (_, first) = query("SELECT Id, Name FROM Account ORDER BY Name").await;
    assert_eq!(first["totalSize"], 3);
    assert_eq!(first["done"], false);
    assert_eq!(first["records"].as_array().unwrap().len(), 2);
    let next = first["nextRecordsUrl"].as_str().unwrap();
    assert!(next.starts_with("/services/data/v62.0/query/01g"), "{next}");
    let (_, second) = get(format!("{url}{next}")).await;
    assert_eq!(second["done"], true);
    assert!(second.get("nextRecordsUrl").is_none());
    assert_eq!(second["records"][0]["Name"], "C");

    // Read, update, read again; unknown ids and versions without ".0" are NOT_FOUND.
    let id = first["records"][0]["Id"].as_str().unwrap().to_string();
    let (status, _) = send(
        http.patch(format!("{base}/sobjects/Account/{id}"))
            .bearer_auth(&token)
            .json(&json!({"Portal_Status__c": "Active"})),
    )
    .await;
    assert_eq!(status, 204);
    let (_, rec) = get(format!("{base}/sobjects/Account/{id}")).await;
    assert_eq!(rec["Portal_Status__c"], "Active");
    assert_eq!(rec["Phone"], Value::Null);
    for path in [
        format!("{base}/sobjects/Account/001000000000999AAA"),
        format!("{url}/services/data/v62/sobjects/Account/{id}"),
    ] {
        let (status, body) = get(path).await;
        assert_eq!(
            (status, body[0]["errorCode"].as_str()),
            (404, Some("NOT_FOUND"))
        );
    }

    // A malformed query, then an expired session.
    let (status, body) = query("SELECT Id FROM Account GROUP BY Name").await;
    assert_eq!(
        (status, body[0]["errorCode"].as_str()),
        (400, Some("MALFORMED_QUERY"))
    );
    sim.expire_tokens();
    let (status, body) = get(format!("{base}/sobjects/Account/{id}")).await;
    assert_eq!(
        (status, body[0]["errorCode"].as_str()),
        (401, Some("INVALID_SESSION_ID"))
    );
}

#[tokio::test]
async fn the_jwt_bearer_grant_checks_issuer_subject_audience_and_expiry() {
    let url = serve(org()).await;
    let exp = chrono::Utc::now().timestamp() + 180;
    let good = json!({"iss": CLIENT_ID, "sub": USERNAME, "aud": "https://login.salesforce.com", "exp": exp});
    let grant = |claims: Value| {
        let url = url.clone();
        async move {
            send(
                reqwest::Client::new()
                    .post(format!("{url}/services/oauth2/token"))
                    .form(&[
                        ("grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer"),
                        ("assertion", jwt(claims).as_str()),
                    ]),
            )
            .await
        }
    };
    let (status, body) = grant(good.clone()).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["instance_url"], "http://org.example/_sim/salesforce");
    for (key, value, error) in [
        ("iss", json!("someone-else"), "invalid_client_id"),
        ("sub", json!("nobody@example.com"), "invalid_grant"),
        ("aud", json!("https://evil.example"), "invalid_grant"),
        ("exp", json!(exp - 3600), "invalid_grant"),
    ] {
        let mut claims = good.clone();
        claims[key] = value;
        let (status, body) = grant(claims).await;
        assert_eq!(
            (status, body["error"].as_str()),
            (400, Some(error)),
            "{key}"
        );
    }
    // Good claims under somebody else's signature (or none) are refused.
    let signed = jwt(good.clone());
    let (head, _) = signed.rsplit_once('.').unwrap();
    for forged in [
        format!("{head}.c2ln"),
        format!(
            "{}.{}.",
            URL_SAFE_NO_PAD.encode(r#"{"alg":"none"}"#),
            URL_SAFE_NO_PAD.encode(good.to_string())
        ),
    ] {
        let (status, body) = send(
            reqwest::Client::new()
                .post(format!("{url}/services/oauth2/token"))
                .form(&[
                    ("grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer"),
                    ("assertion", forged.as_str()),
                ]),
        )
        .await;
        assert_eq!(
            (status, body["error"].as_str()),
            (400, Some("invalid_grant"))
        );
    }
}

#[tokio::test]
async fn faults_name_salesforce_operations_and_answer_in_its_error_shape() {
    let faults = Faults::default();
    let sim = SalesforceSim::empty("http://org.example/_sim/salesforce", faults.clone());
    let url = serve(sim).await;
    let token = password_token(&url).await;
    let rule = |operation: &str, fault: Fault| crate::faults::FaultRule {
        upstream: Upstream::Salesforce,
        operation: Some(operation.into()),
        fault,
        latency_ms: None,
        times: Some(1),
        lost_reply: false,
    };
    faults.add(rule(
        "create/Case",
        Fault::SalesforceError {
            status: 403,
            error_code: "REQUEST_LIMIT_EXCEEDED".into(),
            message: "TotalRequests Limit exceeded.".into(),
        },
    ));
    faults.add(rule("query", Fault::AuthFailure));
    let http = reqwest::Client::new();
    let base = format!("{url}/services/data/v62.0");
    // An Account is not a Case: untouched by the rule.
    let (status, _) = send(
        http.post(format!("{base}/sobjects/Account"))
            .bearer_auth(&token)
            .json(&json!({"Name": "A"})),
    )
    .await;
    assert_eq!(status, 201);
    let (status, body) = send(
        http.post(format!("{base}/sobjects/Case"))
            .bearer_auth(&token)
            .json(&json!({"Subject": "S"})),
    )
    .await;
    assert_eq!(
        (status, body[0]["errorCode"].as_str()),
        (403, Some("REQUEST_LIMIT_EXCEEDED"))
    );
    let (status, body) = send(
        http.get(format!("{base}/query"))
            .bearer_auth(&token)
            .query(&[("q", "SELECT Id FROM Account")]),
    )
    .await;
    assert_eq!(
        (status, body[0]["errorCode"].as_str()),
        (401, Some("INVALID_SESSION_ID"))
    );
    let calls = faults.calls();
    assert_eq!(calls.get("salesforce create/case"), Some(&1));
    assert_eq!(calls.get("salesforce token"), Some(&1));
}
