//! Orders over HTTP: the composite call (all or none, price-book integrity, derived totals),
//! the approval Flow and the CometD subscription that delivers its events.

#![allow(clippy::unwrap_used)]
use super::tests::{password_token, send, serve};
use super::*;
use std::time::Duration;

struct Org {
    sim: SalesforceSim,
    url: String,
    token: String,
    http: reqwest::Client,
}

impl Org {
    async fn new() -> Org {
        let sim = SalesforceSim::new("http://org.example/_sim/salesforce", Faults::default());
        sim.set_connect_timeout(Duration::from_millis(300));
        let url = serve(sim.clone()).await;
        let token = password_token(&url).await;
        Org {
            sim,
            url,
            token,
            http: reqwest::Client::new(),
        }
    }

    async fn query(&self, q: &str) -> Value {
        send(
            self.http
                .get(format!("{}/services/data/v62.0/query", self.url))
                .bearer_auth(&self.token)
                .query(&[("q", q)]),
        )
        .await
        .1
    }

    async fn post(&self, path: &str, body: Value) -> (u16, Value) {
        send(
            self.http
                .post(format!("{}{path}", self.url))
                .bearer_auth(&self.token)
                .json(&body),
        )
        .await
    }

    async fn cometd(&self, token: &str, messages: Value) -> Value {
        send(
            self.http
                .post(format!("{}/cometd/62.0", self.url))
                .header("Authorization", format!("OAuth {token}"))
                .json(&messages),
        )
        .await
        .1
    }

    /// A handshaken, subscribed CometD client id.
    async fn subscriber(&self, replay: i64) -> String {
        let hs = self
            .cometd(
                &self.token,
                json!([{"channel": "/meta/handshake", "version": "1.0",
                "supportedConnectionTypes": ["long-polling"]}]),
            )
            .await;
        assert_eq!(hs[0]["successful"], true, "{hs}");
        let client = hs[0]["clientId"].as_str().unwrap().to_string();
        let sub = self
            .cometd(
                &self.token,
                json!([{"channel": "/meta/subscribe", "clientId": client,
                "subscription": "/event/OrderProvisionRequested__e",
                "ext": {"replay": {"/event/OrderProvisionRequested__e": replay}}}]),
            )
            .await;
        assert_eq!(sub[0]["successful"], true, "{sub}");
        client
    }

    /// The payloads one connect delivers.
    async fn connect(&self, client: &str) -> Vec<Value> {
        let r = self
            .cometd(
                &self.token,
                json!([{"channel": "/meta/connect", "clientId": client,
                "connectionType": "long-polling"}]),
            )
            .await;
        let msgs = r.as_array().unwrap();
        assert_eq!(msgs.last().unwrap()["channel"], "/meta/connect");
        assert_eq!(msgs.last().unwrap()["successful"], true);
        msgs[..msgs.len() - 1]
            .iter()
            .map(|m| m["data"]["payload"].clone())
            .collect()
    }

    /// The Portal price book and the entry ids of its products named `names`.
    async fn portal_entries(&self, names: &[&str]) -> (String, Vec<String>) {
        let rows = self
            .query("SELECT Id, Pricebook2Id, Product2.Name FROM PricebookEntry WHERE Pricebook2.Name = 'Portal' AND IsActive = true")
            .await;
        let rows = rows["records"].as_array().unwrap();
        let book = rows[0]["Pricebook2Id"].as_str().unwrap().to_string();
        let ids = names
            .iter()
            .map(|n| {
                rows.iter().find(|r| r["Product2"]["Name"] == *n).unwrap()["Id"]
                    .as_str()
                    .unwrap()
                    .to_string()
            })
            .collect();
        (book, ids)
    }

    fn account(&self) -> String {
        self.sim.records("Account")[0]["Id"]
            .as_str()
            .unwrap()
            .to_string()
    }
}

fn order_request(account: &str, book: &str, items: &[(&str, f64)]) -> Value {
    let mut subs = vec![
        json!({"method": "POST", "url": "/services/data/v62.0/sobjects/Order",
        "referenceId": "refOrder",
        "body": {"AccountId": account, "EffectiveDate": "2026-12-01", "Status": "Pending Review",
                 "Pricebook2Id": book}}),
    ];
    for (n, (entry, price)) in items.iter().enumerate() {
        subs.push(
            json!({"method": "POST", "url": "/services/data/v62.0/sobjects/OrderItem",
            "referenceId": format!("item{n}"),
            "body": {"OrderId": "@{refOrder.id}", "PricebookEntryId": entry, "Quantity": 1,
                     "UnitPrice": price}}),
        );
    }
    json!({"allOrNone": true, "compositeRequest": subs})
}

#[tokio::test]
async fn a_composite_order_is_all_or_none_and_derives_its_totals() {
    let org = Org::new().await;
    let (book, entries) = org
        .portal_entries(&["eSIM Data-only 10GB", "eSIM activation fee"])
        .await;
    let (status, body) = org
        .post(
            "/services/data/v62.0/composite",
            order_request(
                &org.account(),
                &book,
                &[(&entries[0], 1980.0), (&entries[1], 3300.0)],
            ),
        )
        .await;
    assert_eq!(status, 200);
    let results = body["compositeResponse"].as_array().unwrap();
    assert!(results.iter().all(|r| r["httpStatusCode"] == 201), "{body}");
    let order_id = results[0]["body"]["id"].as_str().unwrap();
    let order = org
        .query(&format!("SELECT Id, OrderNumber, TotalAmount, Status, (SELECT Id, ListPrice, Product2Id FROM OrderItems) FROM Order WHERE Id = '{order_id}'"))
        .await;
    let order = &order["records"][0];
    assert_eq!(order["TotalAmount"], 5280.0);
    assert_eq!(order["Status"], "Pending Review");
    assert_eq!(order["OrderNumber"].as_str().unwrap().len(), 8);
    assert_eq!(order["OrderItems"]["totalSize"], 2);
    assert_eq!(order["OrderItems"]["records"][0]["ListPrice"], 1980.0);

    // An entry of another price book: that item fails, the rest is rolled back and halted.
    let standard = org
        .query("SELECT Id FROM PricebookEntry WHERE Pricebook2.Name = 'Standard Price Book'")
        .await["records"][0]["Id"]
        .as_str()
        .unwrap()
        .to_string();
    let orders_before = org.sim.records("Order").len();
    let (status, body) = org
        .post(
            "/services/data/v62.0/composite",
            order_request(
                &org.account(),
                &book,
                &[(&entries[0], 1980.0), (&standard, 1.0)],
            ),
        )
        .await;
    assert_eq!(status, 200);
    let codes: Vec<_> = body["compositeResponse"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["httpStatusCode"].as_u64().unwrap(),
                r["body"][0]["errorCode"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        codes,
        [
            (400, "PROCESSING_HALTED".to_string()),
            (400, "PROCESSING_HALTED".to_string()),
            (400, "FIELD_INTEGRITY_EXCEPTION".to_string())
        ]
    );
    assert_eq!(org.sim.records("Order").len(), orders_before, "rolled back");
    assert_eq!(org.sim.records("OrderItem").len(), 2);
}

#[tokio::test]
async fn approval_publishes_an_event_that_cometd_delivers_and_replays() {
    let org = Org::new().await;
    let (book, entries) = org.portal_entries(&["Travel VPN"]).await;
    let (_, body) = org
        .post(
            "/services/data/v62.0/composite",
            order_request(&org.account(), &book, &[(&entries[0], 550.0)]),
        )
        .await;
    let order_id = body["compositeResponse"][0]["body"]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let client = org.subscriber(-1).await;
    assert!(
        org.connect(&client).await.is_empty(),
        "nothing published yet"
    );

    // Staff approve (a PATCH of Status): the Flow publishes; approving again does not.
    for _ in 0..2 {
        let (status, _) = send(
            org.http
                .patch(format!(
                    "{}/services/data/v62.0/sobjects/Order/{order_id}",
                    org.url
                ))
                .bearer_auth(&org.token)
                .json(&json!({"Status": "Approved"})),
        )
        .await;
        assert_eq!(status, 204);
    }
    let got = org.connect(&client).await;
    assert_eq!(got.len(), 1);
    assert_eq!(got[0]["OrderId__c"], order_id.as_str());
    assert!(got[0]["IdemKey__c"].as_str().is_some());

    // A publish through the REST API is delivered too; a new subscriber replaying all retained
    // events (-2) gets both, one after replay id 1 gets only the second.
    let (status, body) = org
        .post(
            "/services/data/v62.0/sobjects/OrderProvisionRequested__e",
            json!({"OrderId__c": order_id, "IdemKey__c": "manual-1"}),
        )
        .await;
    assert_eq!((status, body["success"].clone()), (201, json!(true)));
    assert_eq!(org.connect(&client).await.len(), 1);
    let all = org.subscriber(-2).await;
    assert_eq!(org.connect(&all).await.len(), 2);
    let after_first = org.subscriber(1).await;
    let got = org.connect(&after_first).await;
    assert_eq!(got.len(), 1);
    assert_eq!(got[0]["IdemKey__c"], "manual-1");

    // With the Flow off, approval publishes nothing; a bad token is refused at handshake.
    org.sim.set_approval_flow(false);
    let (_, body) = org
        .post(
            "/services/data/v62.0/composite",
            order_request(&org.account(), &book, &[(&entries[0], 550.0)]),
        )
        .await;
    let second = body["compositeResponse"][0]["body"]["id"].as_str().unwrap();
    assert!(org.sim.approve_order(second));
    assert_eq!(
        org.sim
            .records("Order")
            .iter()
            .filter(|o| o["Status"] == "Approved")
            .count(),
        2
    );
    assert!(org.connect(&client).await.is_empty());
    let denied = org
        .cometd("not-a-token", json!([{"channel": "/meta/handshake"}]))
        .await;
    assert_eq!(denied[0]["successful"], false);
    assert_eq!(denied[0]["error"], "403::Handshake denied");
}
