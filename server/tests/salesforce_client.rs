//! The Salesforce client against the simulated org over real HTTP: the JWT bearer token
//! (minted once, minted again after `INVALID_SESSION_ID`), query paging, record writes, each
//! error code mapped, and SOQL literals that no customer number can break out of.
#![allow(clippy::unwrap_used)]

mod common;

use serde_json::{json, Map, Value};
use server::salesforce::{SalesforceClient, SalesforceConfig, SalesforceError};
use server::simulator::faults::{Fault, FaultRule, Upstream};
use server::simulator::salesforce::NewAccount;

fn rule(operation: &str, fault: Fault, times: u32) -> FaultRule {
    FaultRule {
        upstream: Upstream::Salesforce,
        operation: Some(operation.into()),
        fault,
        latency_ms: None,
        times: Some(times),
        lost_reply: false,
    }
}

fn sf_error(status: u16, code: &str) -> Fault {
    Fault::SalesforceError {
        status,
        error_code: code.into(),
        message: format!("simulated {code}"),
    }
}

#[tokio::test]
async fn accounts_are_found_by_customer_number_and_literals_cannot_widen_a_query() {
    let up = common::upstreams().await;
    let sf = &up.salesforce;
    let a = up.sims.salesforce.add_account(NewAccount::default());
    let found = sf
        .account_by_customer_number(&a.customer_number)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(found.id, a.account_id);
    assert_eq!(found.whmcs_client_id, None);
    let contact = sf.primary_contact(&a.account_id).await.unwrap().unwrap();
    assert_eq!(contact.email.as_deref(), Some(a.email.as_str()));

    // Every one of these would match some account if it were pasted into the query.
    for hostile in [
        "' OR Id != '",
        "x' OR AccountNumber != 'x",
        "\\' OR Name LIKE '%",
        "SNX-%",
    ] {
        assert_eq!(
            sf.account_by_customer_number(hostile).await.unwrap(),
            None,
            "{hostile}"
        );
    }

    // Linking writes the status and the client id back; the account is then found by client.
    sf.mark_linked(&a.account_id, 4242).await.unwrap();
    let linked = sf.account_by_whmcs_client(4242).await.unwrap().unwrap();
    assert_eq!(linked.id, a.account_id);
    assert_eq!(linked.whmcs_client_id, Some(4242));
    assert_eq!(linked.portal_status.as_deref(), Some("Active"));
    // The seeded demo customers are linked to their WHMCS clients.
    let demo = sf.account_by_whmcs_client(1001).await.unwrap().unwrap();
    assert_eq!(demo.customer_number, "SNX-100101");
}

#[tokio::test]
async fn a_token_is_minted_once_and_again_after_the_session_expires() {
    let up = common::upstreams().await;
    let sf = &up.salesforce;
    up.sims.faults.reset_calls();
    for _ in 0..3 {
        sf.ping().await.unwrap();
    }
    let calls = up.sims.faults.calls();
    assert_eq!(calls.get("salesforce token"), Some(&1), "{calls:?}");
    assert_eq!(calls.get("salesforce query"), Some(&3));

    up.sims.salesforce.expire_tokens();
    sf.ping().await.unwrap();
    let calls = up.sims.faults.calls();
    assert_eq!(calls.get("salesforce token"), Some(&2), "re-minted once");
    assert_eq!(
        calls.get("salesforce query"),
        Some(&5),
        "the call was repeated"
    );

    // A session the org keeps refusing is not retried in a loop.
    up.sims.faults.add(rule("query", Fault::AuthFailure, 10));
    let e = sf.ping().await.unwrap_err();
    assert!(matches!(e, SalesforceError::Auth(_)), "{e}");
    up.sims.faults.clear();
    assert!(up.sims.faults.calls()["salesforce token"] <= 3);
}

#[tokio::test]
async fn queries_follow_next_records_url_to_the_last_batch() {
    let up = common::upstreams().await;
    up.sims.salesforce.set_batch_size(2);
    let a = up.sims.salesforce.add_account(NewAccount::default());
    let sf = &up.salesforce;
    for n in 0..5 {
        sf.create_case(&server::salesforce::records::NewCase {
            account_id: &a.account_id,
            contact_id: Some(&a.contact_id),
            subject: &format!("Case {n}"),
            category: "Billing",
            description: "d",
            origin: "Portal Website",
            priority: "Medium",
        })
        .await
        .unwrap();
    }
    up.sims.faults.reset_calls();
    let cases = sf.cases(&a.account_id).await.unwrap();
    assert_eq!(cases.len(), 5);
    let mut subjects: Vec<_> = cases.iter().filter_map(|c| c.subject.clone()).collect();
    subjects.sort();
    assert_eq!(subjects, ["Case 0", "Case 1", "Case 2", "Case 3", "Case 4"]);
    assert_eq!(up.sims.faults.calls()["salesforce query"], 3, "2 + 2 + 1");
}

#[tokio::test]
async fn each_error_code_is_mapped() {
    let up = common::upstreams().await;
    let sf = &up.salesforce;
    let faults = &up.sims.faults;

    // REQUIRED_FIELD_MISSING names the field.
    let e = sf
        .create("Account", &json!({"Phone": "1"}))
        .await
        .unwrap_err();
    assert!(
        matches!(&e, SalesforceError::Api { code, fields, status: 400, .. }
            if code == "REQUIRED_FIELD_MISSING" && fields == &["Name"]),
        "{e}"
    );
    // INVALID_FIELD and MALFORMED_QUERY come back as they are.
    let e = sf
        .create("Account", &json!({"Name": "x", "Nope__c": 1}))
        .await
        .unwrap_err();
    assert_eq!(e.code(), Some("INVALID_FIELD"));
    let e = sf
        .query::<Value>("SELECT Id FROM Account GROUP BY Name")
        .await
        .unwrap_err();
    assert_eq!(e.code(), Some("MALFORMED_QUERY"));
    // NOT_FOUND on a read is "no such record".
    assert_eq!(
        sf.get::<Map<String, Value>>("Account", "001000000009999AAA")
            .await
            .unwrap(),
        None
    );
    // A 503 on a read is retried; the limit is not (back off, do not hammer).
    faults.add(rule("query", sf_error(503, "SERVER_UNAVAILABLE"), 1));
    sf.ping().await.unwrap();
    faults.add(rule("query", sf_error(403, "REQUEST_LIMIT_EXCEEDED"), 1));
    faults.reset_calls();
    let e = sf.ping().await.unwrap_err();
    assert_eq!(e.code(), Some("REQUEST_LIMIT_EXCEEDED"));
    assert_eq!(faults.calls()["salesforce query"], 1);
    // A write is sent once, whatever the answer.
    faults.add(rule("create/Case", sf_error(503, "SERVER_UNAVAILABLE"), 1));
    faults.reset_calls();
    let e = sf
        .create("Case", &json!({"Subject": "s"}))
        .await
        .unwrap_err();
    assert!(e.is_transient());
    assert_eq!(faults.calls()["salesforce create/case"], 1);
    // An HTML maintenance page is not JSON.
    faults.add(rule("read/Account", Fault::Html, 3));
    let e = sf
        .get::<Map<String, Value>>("Account", "001000000000001AAA")
        .await
        .unwrap_err();
    assert!(matches!(e, SalesforceError::Decode(_)), "{e}");
}

#[tokio::test]
async fn a_wrong_user_or_key_is_refused_at_the_token() {
    let up = common::upstreams().await;
    let wrong_user = SalesforceClient::new(SalesforceConfig {
        username: "someone@example.com".into(),
        ..common::salesforce_config(&up.base)
    })
    .unwrap();
    let e = wrong_user.ping().await.unwrap_err();
    assert!(
        matches!(&e, SalesforceError::Auth(m) if m.contains("invalid_grant")),
        "{e}"
    );
    let not_a_key = SalesforceClient::new(SalesforceConfig {
        private_key_pem: "not a key".to_string().into(),
        ..common::salesforce_config(&up.base)
    });
    assert!(not_a_key.is_err());
}
