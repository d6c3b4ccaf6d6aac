#![allow(clippy::unwrap_used)]
use super::*;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;

async fn serve(sim: SalesforceSim) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, sim.router()).await });
    url
}

async fn password_token(url: &str) -> String {
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

fn jwt(claims: Value) -> String {
    let enc = |v: Value| URL_SAFE_NO_PAD.encode(v.to_string());
    format!("{}.{}.c2ln", enc(json!({"alg": "RS256"})), enc(claims))
}

/// Sends the request; its status and JSON body (`null` when there is none).
async fn send(req: reqwest::RequestBuilder) -> (u16, Value) {
    let r = req.send().await.unwrap();
    let status = r.status().as_u16();
    (status, r.json().await.unwrap_or(Value::Null))
}

#[tokio::test]
async fn tokens_queries_with_paging_and_records() {
    let sim = SalesforceSim::new("http://org.example/_sim/salesforce");
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
    let url = serve(SalesforceSim::new("http://org.example/_sim/salesforce")).await;
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
}
