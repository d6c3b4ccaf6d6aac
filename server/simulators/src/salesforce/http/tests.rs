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

#[tokio::test]
async fn tokens_queries_with_paging_and_records() {
    let sim = SalesforceSim::new("http://org.example/_sim/salesforce");
    sim.set_batch_size(2);
    let url = serve(sim.clone()).await;
    let token = password_token(&url).await;
    let http = reqwest::Client::new();
    let base = format!("{url}/services/data/v62.0");

    // Create three accounts, one refused for a missing name and one for an Id in the body.
    for n in ["A", "B", "C"] {
        let r = http
            .post(format!("{base}/sobjects/Account"))
            .bearer_auth(&token)
            .json(&json!({"Name": n, "AccountNumber": format!("C-{n}")}))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 201);
        let body: Value = r.json().await.unwrap();
        assert_eq!(body["success"], true);
        assert_eq!(body["id"].as_str().unwrap().len(), 18);
    }
    let r = http
        .post(format!("{base}/sobjects/Account"))
        .bearer_auth(&token)
        .json(&json!({"Phone": "1"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
    let body: Value = r.json().await.unwrap();
    assert_eq!(body[0]["errorCode"], "REQUIRED_FIELD_MISSING");
    assert_eq!(body[0]["fields"], json!(["Name"]));

    // Three rows in batches of two: the second batch through nextRecordsUrl.
    let first: Value = http
        .get(format!("{base}/query"))
        .bearer_auth(&token)
        .query(&[("q", "SELECT Id, Name FROM Account ORDER BY Name")])
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(first["totalSize"], 3);
    assert_eq!(first["done"], false);
    assert_eq!(first["records"].as_array().unwrap().len(), 2);
    let next = first["nextRecordsUrl"].as_str().unwrap();
    assert!(next.starts_with("/services/data/v62.0/query/01g"), "{next}");
    let second: Value = http
        .get(format!("{url}{next}"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(second["done"], true);
    assert!(second.get("nextRecordsUrl").is_none());
    assert_eq!(second["records"][0]["Name"], "C");

    // Read, update, read again; unknown ids and versions without ".0" are NOT_FOUND.
    let id = first["records"][0]["Id"].as_str().unwrap().to_string();
    let r = http
        .patch(format!("{base}/sobjects/Account/{id}"))
        .bearer_auth(&token)
        .json(&json!({"Portal_Status__c": "Active"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 204);
    let rec: Value = http
        .get(format!("{base}/sobjects/Account/{id}"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(rec["Portal_Status__c"], "Active");
    assert_eq!(rec["Phone"], Value::Null);
    for path in [
        format!("{base}/sobjects/Account/001000000000999AAA"),
        format!("{url}/services/data/v62/sobjects/Account/{id}"),
    ] {
        let r = http.get(path).bearer_auth(&token).send().await.unwrap();
        assert_eq!(r.status(), 404);
    }

    // A malformed query, then an expired session.
    let r = http
        .get(format!("{base}/query"))
        .bearer_auth(&token)
        .query(&[("q", "SELECT Id FROM Account GROUP BY Name")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
    assert_eq!(
        r.json::<Value>().await.unwrap()[0]["errorCode"],
        "MALFORMED_QUERY"
    );
    sim.expire_tokens();
    let r = http
        .get(format!("{base}/sobjects/Account/{id}"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 401);
    assert_eq!(
        r.json::<Value>().await.unwrap()[0]["errorCode"],
        "INVALID_SESSION_ID"
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
            let r = reqwest::Client::new()
                .post(format!("{url}/services/oauth2/token"))
                .form(&[
                    ("grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer"),
                    ("assertion", jwt(claims).as_str()),
                ])
                .send()
                .await
                .unwrap();
            (r.status().as_u16(), r.json::<Value>().await.unwrap())
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
