//! Sign-up with a customer number over real HTTP against the simulated Salesforce and WHMCS:
//! the happy path, each refusal (nothing created), an email that differs from Salesforce's
//! (a Case for staff), outages and crashes after each external step (finished by the retry
//! job, no orphan, no second billing client), and two people racing for one number.
#![allow(clippy::unwrap_used)]

mod common;

use serde_json::{json, Value};
use server::simulator::salesforce::{AddedAccount, NewAccount};
use std::time::Duration;

fn form(a: &AddedAccount, email: &str) -> Value {
    json!({
        "customerNumber": a.customer_number,
        "email": email,
        "password": "a long enough secret",
        "name": a.name,
        "phone": "090-1234-5678",
        "address": {"postcode": "150-0002", "prefecture": "Tokyo", "city": "Shibuya-ku",
                    "line1": "1-2-3 Shibuya", "line2": "Room 401"},
    })
}

async fn sign_up(p: &common::TestPortal, body: &Value) -> (u16, Value, Option<String>) {
    let r = reqwest::Client::new()
        .post(format!("{}/api/auth/signup", p.url))
        .json(body)
        .send()
        .await
        .unwrap();
    let status = r.status().as_u16();
    let cookie = r
        .headers()
        .get("set-cookie")
        .map(|c| c.to_str().unwrap().to_string());
    (status, r.json().await.unwrap_or(Value::Null), cookie)
}

/// WHMCS calls made so far, by action (lower case).
fn whmcs_calls(p: &common::TestPortal, action: &str) -> u64 {
    p.sims
        .faults
        .calls()
        .get(&format!("whmcs {action}"))
        .copied()
        .unwrap_or(0)
}

fn account_record(p: &common::TestPortal, id: &str) -> Value {
    p.sims
        .salesforce
        .records("Account")
        .into_iter()
        .find(|r| r["Id"] == id)
        .unwrap()
}

/// The WHMCS clients whose email is `email`, as GetClients finds them.
async fn whmcs_clients(p: &common::TestPortal, email: &str) -> Vec<Value> {
    let r = p.whmcs("GetClients", &[("search", email)]).await;
    r["clients"]["client"]
        .as_array()
        .cloned()
        .unwrap_or_default()
        .into_iter()
        .filter(|c| c["email"] == email)
        .collect()
}

async fn login_status(p: &common::TestPortal, email: &str, password: &str) -> u16 {
    common::post_login(&common::cookie_client(), &p.url, email, password)
        .await
        .status()
        .as_u16()
}

async fn mailbox(p: &common::TestPortal) -> Vec<Value> {
    common::get_json(&p.http, &format!("{}/_sim/mail?format=json", p.url)).await
}

/// Waits (polling, bounded) until `check` holds.
async fn eventually<F, Fut>(what: &str, mut check: F)
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = bool>,
{
    for _ in 0..200 {
        if check().await {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("never happened: {what}");
}

#[tokio::test]
async fn a_newcomer_signs_up_is_linked_everywhere_and_welcomed() {
    let p = common::portal().await;
    let a = p.sims.salesforce.add_account(NewAccount::default());
    let (status, body, cookie) = sign_up(&p, &form(&a, &a.email)).await;
    assert_eq!(status, 201, "{body}");
    assert!(cookie.unwrap().starts_with("portal_session="));
    let token = body["token"].as_str().unwrap();
    assert_eq!(p.status_with(token, "/api/me").await, 200);
    let client_id = body["customer"]["whmcsClientId"].as_u64().unwrap();

    // Salesforce knows the link; WHMCS has the customer number and the address.
    let acc = account_record(&p, &a.account_id);
    assert_eq!(acc["Portal_Status__c"], "Active");
    assert_eq!(acc["WHMCS_Client_ID__c"].as_u64(), Some(client_id));
    let clients = whmcs_clients(&p, &a.email).await;
    assert_eq!(clients.len(), 1);
    let profile: Value = reqwest::Client::new()
        .get(format!("{}/api/me/profile", p.url))
        .bearer_auth(token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(profile["address"]["postcode"], "150-0002");
    assert_eq!(profile["addressComplete"], true);
    // A newcomer has no card yet: the banner's question.
    let pm: Value = reqwest::Client::new()
        .get(format!("{}/api/billing/payment-methods/summary", p.url))
        .bearer_auth(token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(pm["hasPaymentMethod"], false);

    // The password works; the welcome email is in the outbox once, without secrets.
    assert_eq!(
        login_status(&p, &a.email, "a long enough secret").await,
        200
    );
    let mails = mailbox(&p).await;
    let welcome: Vec<_> = mails
        .iter()
        .filter(|m| m["to"] == a.email.as_str())
        .collect();
    assert_eq!(welcome.len(), 1, "{mails:?}");
    let text = welcome[0]["body"].as_str().unwrap();
    assert!(text.contains(&a.customer_number));
    assert!(!text.contains("a long enough secret") && !text.contains(token));
    // No staff case: the emails agree.
    assert!(p.sims.salesforce.records("Case").is_empty());
    // Signing up again with the number is refused.
    let (status, body, _) = sign_up(&p, &form(&a, "other@example.com")).await;
    assert_eq!(
        (status, body["field"].as_str()),
        (409, Some("customerNumber"))
    );
}

#[tokio::test]
async fn each_refusal_names_the_field_and_creates_nothing() {
    let p = common::portal().await;
    let a = p.sims.salesforce.add_account(NewAccount::default());
    let good = form(&a, &a.email);
    let with = |k: &str, v: Value| {
        let mut f = good.clone();
        f[k] = v;
        f
    };
    let mut no_line1 = good.clone();
    no_line1["address"].as_object_mut().unwrap().remove("line1");
    let mut extra = good.clone();
    extra["isAdmin"] = json!(true);
    let cases = [
        (
            with("customerNumber", json!("SNX-0000000")),
            400,
            "customerNumber",
        ),
        (
            with("customerNumber", json!("' OR Id != '")),
            400,
            "customerNumber",
        ),
        (
            with("customerNumber", json!("SNX-100101")),
            409,
            "customerNumber",
        ),
        (with("email", json!("demo@example.com")), 409, "email"),
        (with("email", json!("not-an-email")), 400, "email"),
        (with("password", json!("short")), 400, "password"),
        (with("phone", json!("12")), 400, "phone"),
        (no_line1, 400, "address.line1"),
        (
            with(
                "address",
                json!({"postcode": "1", "prefecture": "Tokyo", "city": "c", "line1": "l", "floor": "3"}),
            ),
            400,
            "address.floor",
        ),
        (extra, 400, "isAdmin"),
    ];
    for (body, status, field) in cases {
        let (got, answer, cookie) = sign_up(&p, &body).await;
        assert_eq!(
            (got, answer["field"].as_str()),
            (status, Some(field)),
            "{answer}"
        );
        assert!(cookie.is_none());
        assert!(answer["message"].as_str().is_some_and(|m| !m.is_empty()));
    }
    assert_eq!(whmcs_calls(&p, "addclient"), 0, "nothing was created");
    assert!(whmcs_clients(&p, &a.email).await.is_empty());
    assert_eq!(
        account_record(&p, &a.account_id)["Portal_Status__c"],
        "Not Yet Registered"
    );
    // An email WHMCS already has (a billing customer without a portal login) is refused by
    // WHMCS; the form says to link instead, and the number is free again.
    let billing_only = p.sims.provision_demo_client();
    let b = p.sims.salesforce.add_account(NewAccount::default());
    let (status, body, _) = sign_up(&p, &form(&b, &billing_only.email)).await;
    assert_eq!(
        (status, body["field"].as_str()),
        (409, Some("email")),
        "{body}"
    );
    assert!(body["message"].as_str().unwrap().contains("Link"), "{body}");
    let (status, body, _) = sign_up(&p, &form(&b, &b.email)).await;
    assert_eq!(status, 201, "{body}");
}

#[tokio::test]
async fn a_different_email_still_signs_up_and_opens_a_case_for_staff() {
    let p = common::portal().await;
    let a = p.sims.salesforce.add_account(NewAccount::default());
    let (status, body, _) = sign_up(&p, &form(&a, "new.address@example.com")).await;
    assert_eq!(status, 201, "{body}");
    let cases = p.sims.salesforce.records("Case");
    assert_eq!(cases.len(), 1);
    assert_eq!(cases[0]["AccountId"], a.account_id.as_str());
    assert!(cases[0]["Subject"]
        .as_str()
        .unwrap()
        .contains("email differs"));
    let description = cases[0]["Description"].as_str().unwrap();
    assert!(description.contains("new.address@example.com"));
    assert!(
        !description.contains(&a.email),
        "the contact's email is not spelled out"
    );
    // The case is for staff: the customer (who may not be who they claim) never sees it.
    let token = body["token"].as_str().unwrap();
    let cases: Value = reqwest::Client::new()
        .get(format!("{}/api/support/cases", p.url))
        .bearer_auth(token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(cases, json!([]));
    let r = reqwest::Client::new()
        .get(format!(
            "{}/api/support/cases/{}",
            p.url,
            p.sims.salesforce.records("Case")[0]["Id"].as_str().unwrap()
        ))
        .bearer_auth(token)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 404);
}

#[tokio::test]
async fn a_lost_add_client_reply_is_finished_by_the_retry_job_without_a_second_client() {
    let p = common::portal().await;
    let a = p.sims.salesforce.add_account(NewAccount::default());
    p.fault(
        json!({"upstream": "whmcs", "operation": "AddClient", "kind": "http",
        "status": 503, "times": 1, "lost_reply": true}),
    )
    .await;
    let (status, body, cookie) = sign_up(&p, &form(&a, &a.email)).await;
    assert_eq!(status, 503, "{body}");
    assert!(cookie.is_none());
    // While the job has not finished, the number is "being completed", not free.
    let (status, body, _) = sign_up(&p, &form(&a, &a.email)).await;
    assert!(status == 409 || status == 201, "{status} {body}");
    eventually("the customer can log in", || async {
        login_status(&p, &a.email, "a long enough secret").await == 200
    })
    .await;
    eventually("Salesforce is linked", || async {
        account_record(&p, &a.account_id)["Portal_Status__c"] == "Active"
    })
    .await;
    assert_eq!(
        whmcs_clients(&p, &a.email).await.len(),
        1,
        "one billing client"
    );
    assert_eq!(
        whmcs_calls(&p, "addclient"),
        1,
        "found by email, not created again"
    );
}

#[tokio::test]
async fn billing_down_before_anything_exists_is_retried_to_the_end() {
    let p = common::portal().await;
    let a = p.sims.salesforce.add_account(NewAccount::default());
    p.fault(
        json!({"upstream": "whmcs", "operation": "AddClient", "kind": "http",
        "status": 503, "times": 1}),
    )
    .await;
    let (status, body, _) = sign_up(&p, &form(&a, &a.email)).await;
    assert_eq!(
        (status, body["code"].as_str()),
        (503, Some("upstream_unavailable"))
    );
    eventually("the customer can log in", || async {
        login_status(&p, &a.email, "a long enough secret").await == 200
    })
    .await;
    assert_eq!(whmcs_clients(&p, &a.email).await.len(), 1);
}

#[tokio::test]
async fn salesforce_down_after_the_login_exists_still_lets_the_customer_in() {
    let p = common::portal().await;
    let a = p.sims.salesforce.add_account(NewAccount::default());
    p.fault(
        json!({"upstream": "salesforce", "operation": "update/Account",
        "kind": "salesforce_error", "status": 503, "error_code": "SERVER_UNAVAILABLE",
        "message": "down", "times": 3}),
    )
    .await;
    let (status, body, _) = sign_up(&p, &form(&a, &a.email)).await;
    assert_eq!(status, 201, "the login exists: {body}");
    assert_eq!(
        account_record(&p, &a.account_id)["Portal_Status__c"],
        "Not Yet Registered"
    );
    eventually("the write-back is retried", || async {
        account_record(&p, &a.account_id)["Portal_Status__c"] == "Active"
    })
    .await;
    eventually("one welcome email", || async {
        mailbox(&p)
            .await
            .iter()
            .filter(|m| m["to"] == a.email.as_str())
            .count()
            == 1
    })
    .await;
}

#[tokio::test]
async fn two_people_racing_with_one_number_get_one_account() {
    let p = common::portal().await;
    let a = p.sims.salesforce.add_account(NewAccount::default());
    let (first, second) = (form(&a, &a.email), form(&a, "someone.else@example.com"));
    let (one, two) = tokio::join!(sign_up(&p, &first), sign_up(&p, &second));
    let mut statuses = [one.0, two.0];
    statuses.sort();
    assert_eq!(statuses, [201, 409], "{one:?} {two:?}");
    assert_eq!(whmcs_calls(&p, "addclient"), 1);
}

/// A sign-up row as a crashed instance left it: leased until a moment ago, in `state`.
async fn crashed_row(
    db: &server::store::Db,
    a: &AddedAccount,
    email: &str,
    state: &str,
    client: Option<i64>,
    customer: Option<i64>,
) -> i64 {
    use server::store::signups;
    let contact = app::domain::signup::SignUp {
        customer_number: a.customer_number.clone(),
        email: email.into(),
        password: "a long enough secret".into(),
        name: a.name.clone(),
        phone: "090-1234-5678".into(),
        address: app::domain::signup::Address {
            postcode: "150-0002".into(),
            prefecture: "Tokyo".into(),
            city: "Shibuya-ku".into(),
            line1: "1-2-3 Shibuya".into(),
            line2: String::new(),
        },
    }
    .validated()
    .unwrap();
    let hash = server::portal::accounts::hash_password("a long enough secret").unwrap();
    let id = signups::start(
        db,
        signups::NewSignup {
            customer_number: &a.customer_number,
            salesforce_account_id: &a.account_id,
            email,
            salesforce_email: None,
            password_hash: &hash,
            contact: &serde_json::to_string(&contact).unwrap(),
        },
        "crashed-instance",
        signups::now_ms() - 1,
    )
    .await
    .unwrap()
    .unwrap();
    // The step's result as the crashed instance recorded it (its lease has run out).
    sqlx::query(
        "UPDATE signups SET state = $1, whmcs_client_id = $2, customer_id = $3 WHERE id = $4",
    )
    .bind(state)
    .bind(client)
    .bind(customer)
    .bind(id)
    .execute(db)
    .await
    .unwrap();
    id
}

#[tokio::test]
async fn a_crash_after_each_step_is_finished_from_where_it_stopped() {
    let db = common::temp_db();
    let p = common::portal_with(server::settings::Settings::for_tests(&db)).await;
    let pool = server::store::connect(&db).await.unwrap();
    let whmcs = server::whmcs::WhmcsClient::new(server::whmcs::WhmcsConfig {
        base_url: url::Url::parse(&format!("{}/_sim/whmcs/", p.url)).unwrap(),
        identifier: server::simulator::demo::WHMCS_IDENTIFIER.into(),
        secret: server::simulator::demo::WHMCS_SECRET.to_string().into(),
        access_key: None,
        msisdn_field_id: 12,
        customer_number_field_id: server::simulator::demo::CUSTOMER_NUMBER_FIELD_ID,
        timeout: Duration::from_secs(2),
        read_retries: 0,
    })
    .unwrap();
    let contact = server::whmcs::ContactDetails {
        firstname: "Yui".into(),
        lastname: "Crash".into(),
        address1: "1-2-3 Shibuya".into(),
        address2: String::new(),
        city: "Shibuya-ku".into(),
        state: "Tokyo".into(),
        postcode: "150-0002".into(),
        country: "JP".into(),
        phonenumber: "090-1234-5678".into(),
    };

    // 1. Crashed after AddClient, before recording it: the job finds it, creates no second.
    let a1 = p.sims.salesforce.add_account(NewAccount::default());
    whmcs
        .add_client(&a1.email, &contact, &a1.customer_number)
        .await
        .unwrap();
    crashed_row(&pool, &a1, &a1.email, "started", None, None).await;

    // 2. Crashed after recording the client, before the login.
    let a2 = p.sims.salesforce.add_account(NewAccount::default());
    let c2 = whmcs
        .add_client(&a2.email, &contact, &a2.customer_number)
        .await
        .unwrap();
    crashed_row(
        &pool,
        &a2,
        &a2.email,
        "client_created",
        Some(c2 as i64),
        None,
    )
    .await;

    // 3. Crashed after the login, before Salesforce heard of it.
    let a3 = p.sims.salesforce.add_account(NewAccount::default());
    let c3 = whmcs
        .add_client(&a3.email, &contact, &a3.customer_number)
        .await
        .unwrap();
    let hash = server::portal::accounts::hash_password("a long enough secret").unwrap();
    let server::store::customers::Linked::Created(login3) =
        server::store::customers::create_linked(
            &pool,
            &a3.email,
            &hash,
            c3 as i64,
            Some(&a3.account_id),
        )
        .await
        .unwrap()
    else {
        panic!("login")
    };
    crashed_row(
        &pool,
        &a3,
        &a3.email,
        "login_created",
        Some(c3 as i64),
        Some(login3),
    )
    .await;

    // 4. Crashed before AddClient, and billing has an unrelated customer with this email:
    //    not adopted (other customer number) — the sign-up fails and frees the number.
    let stranger = p.sims.provision_demo_client();
    let a4 = p.sims.salesforce.add_account(NewAccount::default());
    crashed_row(&pool, &a4, &stranger.email, "started", None, None).await;

    for a in [&a1, &a2, &a3] {
        eventually("the crashed sign-up is finished", || async {
            account_record(&p, &a.account_id)["Portal_Status__c"] == "Active"
        })
        .await;
        assert_eq!(
            login_status(&p, &a.email, "a long enough secret").await,
            200
        );
        assert_eq!(whmcs_clients(&p, &a.email).await.len(), 1, "{}", a.email);
    }
    eventually("the stranger's sign-up failed", || async {
        sqlx::query_scalar::<_, String>(
            "SELECT state FROM signups WHERE salesforce_account_id = $1",
        )
        .bind(&a4.account_id)
        .fetch_one(&pool)
        .await
        .unwrap()
            == "failed"
    })
    .await;
    assert_eq!(
        login_status(&p, &stranger.email, "a long enough secret").await,
        401
    );
    assert_ne!(
        account_record(&p, &a4.account_id)["Portal_Status__c"],
        "Active"
    );
}
