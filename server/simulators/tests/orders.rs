//! Order fulfilment's upstream side over real HTTP: WHMCS AddOrder → AcceptOrder / CancelOrder
//! → GetOrders (contract B4–B6) and Freebit PA05-41 for a new eSIM line.

mod common;
use base64::Engine;
use serde_json::Value;

/// `base64(serialize([id => value]))` (contract B8), written here from the contract.
fn custom_fields(fields: &[(u64, &str)]) -> String {
    let mut s = format!("a:{}:{{", fields.len());
    for (id, v) in fields {
        s.push_str(&format!("i:{id};s:{}:\"{v}\";", v.len()));
    }
    s.push('}');
    base64::engine::general_purpose::STANDARD.encode(s)
}

#[tokio::test]
async fn add_order_makes_pending_services_and_an_invoice_until_accepted() {
    let s = common::start().await;
    let fields = custom_fields(&[(12, "08090000001"), (13, "801000000000001AAA")]);
    let add = |gateway: &'static str, pid: &'static str| {
        let fields = fields.clone();
        let s = &s;
        async move {
            s.whmcs(&[
                ("action", "AddOrder"),
                ("clientid", "1001"),
                ("paymentmethod", gateway),
                ("pid[0]", pid),
                ("billingcycle[0]", "monthly"),
                ("customfields[0]", &fields),
                ("priceoverride[0]", "1980.00"),
                ("pid[1]", "70"),
                ("billingcycle[1]", "onetime"),
                ("priceoverride[1]", "3300"),
            ])
            .await
            .1
        }
    };
    assert_eq!(
        add("paypal", "56").await["message"],
        "Invalid Payment Method. Valid options include stripe,banktransfer"
    );
    assert_eq!(
        add("stripe", "9999").await["message"],
        "No items added to cart so order cannot proceed"
    );
    let r = add("stripe", "56").await;
    assert_eq!(r["result"], "success", "{r}");
    let order = r["orderid"].as_str().unwrap().to_string();
    assert_eq!(r["serviceids"].as_str().unwrap().split(',').count(), 2);
    let invoice = r["invoiceid"].as_str().unwrap().to_string();
    assert_eq!(s.get_invoice(&invoice).await["total"], "5280.00");

    // The new service carries the MSISDN and the Salesforce order id as custom fields.
    let (_, products) = s
        .whmcs(&[("action", "GetClientsProducts"), ("clientid", "1001")])
        .await;
    let new: Vec<&Value> = products["products"]["product"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["orderid"] == order.as_str())
        .collect();
    assert_eq!(new.len(), 2);
    assert_eq!(new[0]["status"], "Pending");
    let fields = new[0]["customfields"]["customfield"].as_array().unwrap();
    assert!(fields
        .iter()
        .any(|f| f["id"] == "12" && f["value"] == "08090000001"));
    assert!(fields
        .iter()
        .any(|f| f["id"] == "13" && f["value"] == "801000000000001AAA"));

    let (_, listed) = s.whmcs(&[("action", "GetOrders"), ("id", &order)]).await;
    assert_eq!(listed["totalresults"], 1);
    assert_eq!(listed["orders"]["order"][0]["status"], "Pending");
    assert_eq!(
        listed["orders"]["order"][0]["lineitems"]["lineitem"]
            .as_array()
            .unwrap()
            .len(),
        2
    );

    let accept = [("action", "AcceptOrder"), ("orderid", order.as_str())];
    assert_eq!(s.whmcs(&accept).await.1["result"], "success");
    assert_eq!(
        s.whmcs(&accept).await.1["message"],
        "Order ID not found or Status not Pending",
        "only once"
    );
    let (_, listed) = s.whmcs(&[("action", "GetOrders"), ("id", &order)]).await;
    assert_eq!(listed["orders"]["order"][0]["status"], "Active");
    assert_eq!(
        listed["orders"]["order"][0]["lineitems"]["lineitem"][0]["status"],
        "Active"
    );
    assert_eq!(
        s.whmcs(&[("action", "CancelOrder"), ("orderid", &order)])
            .await
            .1["message"],
        "Order ID not found or Status not Pending"
    );
}

#[tokio::test]
async fn esim_activation_makes_a_new_line_once() {
    let s = common::start().await;
    let key = s.auth_key().await;
    let eid = "89049032000001000000000000000042";
    let activate = |account: &str, eid: &str| {
        format!(
            r#"{{"authKey":"{key}","aladinOperated":"20","createType":"new","account":"{account}","eid":"{eid}","addKind":"N","planCode":"PASI_10G","contractLine":"5G","simKind":"E2"}}"#
        )
    };
    let r = s
        .freebit("mvno/esim/addAcnt/", &activate("08090000001", "123"))
        .await;
    assert_eq!(r["resultCode"], "220", "a short EID: {r}");
    let r = s
        .freebit("mvno/esim/addAcnt/", &activate("08090000001", eid))
        .await;
    assert_eq!(r["resultCode"], "100", "{r}");
    let detail = s.detail(&key, "08090000001").await;
    assert_eq!(detail["state"], "active", "{detail}");
    let r = s
        .freebit("mvno/esim/addAcnt/", &activate("08090000001", eid))
        .await;
    assert_ne!(r["resultCode"], "100", "the number is taken now: {r}");
}
