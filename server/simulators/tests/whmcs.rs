//! The WHMCS simulator over real HTTP, with forms and answers shaped as
//! `../shared/contracts/whmcs.md` shows them.

mod common;
use serde_json::{json, Value};

fn products(r: &Value) -> Vec<Value> {
    r["products"]["product"]
        .as_array()
        .cloned()
        .unwrap_or_default()
}

fn msisdn_field(product: &Value) -> Option<&str> {
    product["customfields"]["customfield"]
        .as_array()?
        .iter()
        .find(|f| f["id"] == "12")?["value"]
        .as_str()
}

#[tokio::test]
async fn the_demo_customer_has_four_sims_including_a_cancelled_one() {
    let s = common::start().await;
    let (status, r) = s
        .whmcs(&[
            ("action", "GetClientsProducts"),
            ("clientid", "1001"),
            ("limitnum", "25"),
        ])
        .await;
    assert_eq!(status, 200);
    assert_eq!(r["result"], "success");
    assert_eq!(r["totalresults"], "4", "a string");
    assert_eq!(
        (&r["startnumber"], &r["numreturned"]),
        (&json!(0), &json!(4)),
        "ints"
    );
    assert_eq!((&r["serviceid"], &r["pid"]), (&Value::Null, &Value::Null));
    let p = products(&r);
    let ids: Vec<&str> = p.iter().filter_map(|p| p["id"].as_str()).collect();
    assert_eq!(ids, ["2001", "2002", "2003", "2004"]);
    assert_eq!(
        p[0]["name"], "SonixNet eSIM Data-only 50GB (4G &amp; 5G)",
        "HTML-escaped"
    );
    assert_eq!(p[0]["nextduedate"], "0000-00-00");
    assert_eq!(msisdn_field(&p[0]), Some("08077052946"));
    assert_eq!(p[3]["status"], "Cancelled");

    let key = s.auth_key().await;
    let cancelled = msisdn_field(&p[3]).unwrap();
    assert_eq!(s.detail(&key, cancelled).await["state"], "canceled");

    let (_, none) = s
        .whmcs(&[("action", "getclientsproducts"), ("clientid", "4242")])
        .await;
    assert_eq!(
        (&none["result"], &none["products"]),
        (&json!("success"), &json!(""))
    );
}

#[tokio::test]
async fn provisioned_clients_list_their_four_services() {
    let s = common::start().await;
    let c = s.provision().await;
    let id = c["clientId"].as_u64().unwrap();
    assert_eq!(c["email"], format!("demo+{id}@example.com"));
    let id = id.to_string();
    let (_, r) = s
        .whmcs(&[
            ("action", "GetClientsProducts"),
            ("clientid", &id),
            ("limitnum", "25"),
        ])
        .await;
    assert_eq!(r["totalresults"], "4", "{r}");
    let p = products(&r);
    let services = c["services"].as_array().unwrap();
    for (product, service) in p.iter().zip(services) {
        assert_eq!(
            product["id"],
            service["serviceId"].as_u64().unwrap().to_string()
        );
        assert_eq!(product["clientid"], id);
        assert_eq!(msisdn_field(product), service["msisdn"].as_str());
    }
    let statuses: Vec<&str> = p.iter().filter_map(|p| p["status"].as_str()).collect();
    assert_eq!(statuses, ["Active", "Active", "Suspended", "Cancelled"]);

    let shape: Vec<(Value, Value, Value)> = services
        .iter()
        .map(|s| {
            (
                s["planCode"].clone(),
                s["simType"].clone(),
                s["lineState"].clone(),
            )
        })
        .collect();
    assert_eq!(
        shape,
        [
            (json!("PASI_50G"), json!("esim"), json!("active")),
            (json!("PASI_10G"), json!("physical"), json!("active")),
            (json!("PASI_5G"), json!("physical"), json!("suspended")),
            (json!("PASI_10G"), json!("physical"), json!("canceled")),
        ]
    );

    let key = s.auth_key().await;
    let esim = s
        .detail(&key, services[0]["msisdn"].as_str().unwrap())
        .await;
    assert_eq!(
        (
            &esim["eid"],
            &esim["iccid"],
            &esim["contractLine"],
            &esim["quota"]
        ),
        (
            &services[0]["eid"],
            &services[0]["iccid"],
            &json!("5G"),
            &json!("49414144")
        )
    );
    let physical = s
        .detail(&key, services[1]["msisdn"].as_str().unwrap())
        .await;
    assert_eq!(
        (&physical["quota"], &physical["contractLine"]),
        (&json!("7548928"), &json!("4G"))
    );
    assert!(physical.get("eid").is_none());

    let email = c["email"].as_str().unwrap();
    let (_, login) = s
        .whmcs(&[
            ("action", "ValidateLogin"),
            ("email", email),
            ("password2", "portal-demo"),
        ])
        .await;
    assert_eq!(login["result"], "success", "{login}");
    let (_, details) = s
        .whmcs(&[("action", "GetClientsDetails"), ("email", email)])
        .await;
    assert_eq!(details["client"]["id"].to_string(), id);
}

fn digits(v: &Value, len: usize, prefixes: &[&str]) -> String {
    let s = v.as_str().unwrap_or_default().to_string();
    assert_eq!(s.len(), len, "{s}");
    assert!(s.bytes().all(|b| b.is_ascii_digit()), "{s}");
    assert!(prefixes.iter().any(|p| s.starts_with(p)), "{s}");
    s
}

#[tokio::test]
async fn provisioning_twice_gives_unique_ids_and_numbers() {
    let s = common::start().await;
    let a = s.provision().await;
    let b = s.sims.provision_demo_client();
    let b = serde_json::to_value(&b).unwrap();
    assert_ne!(a["clientId"], b["clientId"]);
    assert_ne!(a["email"], b["email"]);
    let mut seen = std::collections::HashSet::new();
    for s in [
        "08077052946",
        "09012345678",
        "07011112222",
        "08055556666",
        "08033334444",
    ] {
        seen.insert(s.to_string());
    }
    for c in [&a, &b] {
        let services = c["services"].as_array().unwrap();
        assert_eq!(services.len(), 4);
        for sv in services {
            assert!(seen.insert(sv["serviceId"].to_string()), "service id {sv}");
            assert!(seen.insert(digits(&sv["msisdn"], 11, &["070", "080", "090"])));
            assert!(seen.insert(digits(&sv["iccid"], 19, &["8981"])));
            if sv["simType"] == "esim" {
                assert!(seen.insert(digits(&sv["eid"], 32, &[""])));
            } else {
                assert_eq!(sv["eid"], Value::Null);
            }
        }
    }
}

#[tokio::test]
async fn invoices_are_created_captured_and_read_back() {
    let s = common::start().await;
    let (_, created) = s
        .whmcs(&[
            ("action", "CreateInvoice"),
            ("userid", "1001"),
            ("status", "Unpaid"),
            ("sendinvoice", "0"),
            ("paymentmethod", "stripe"),
            ("itemdescription1", "Data top-up 5GB"),
            ("itemamount1", "500"),
            ("itemtaxed1", "1"),
            ("autoapplycredit", "0"),
        ])
        .await;
    let id_str = created["invoiceid"]
        .as_str()
        .unwrap_or_else(|| panic!("a string: {created}"))
        .to_string();
    let id: u64 = id_str.parse().unwrap();
    let (_, inv) = s
        .whmcs(&[("action", "GetInvoice"), ("invoiceid", &id_str)])
        .await;
    assert_eq!(
        (
            &inv["invoiceid"],
            &inv["userid"],
            &inv["total"],
            &inv["transactions"]
        ),
        (&json!(id), &json!(1001), &json!("500.00"), &json!(""))
    );
    assert_eq!(inv["datepaid"], "0000-00-00 00:00:00");
    let (_, paid) = s
        .whmcs(&[("action", "CapturePayment"), ("invoiceid", &id_str)])
        .await;
    assert_eq!(paid, json!({"result": "success"}));
    let (_, again) = s
        .whmcs(&[("action", "CapturePayment"), ("invoiceid", &id_str)])
        .await;
    assert_eq!(again["message"], "Invoice Not Found or Not Unpaid");
    let (_, inv) = s
        .whmcs(&[("action", "GetInvoice"), ("invoiceid", &id_str)])
        .await;
    assert_eq!(
        (&inv["status"], &inv["balance"]),
        (&json!("Paid"), &json!("0.00"))
    );
    assert_eq!(inv["transactions"]["transaction"][0]["amountin"], "500.00");
    let (_, list) = s
        .whmcs(&[
            ("action", "GetInvoices"),
            ("userid", "1001"),
            ("status", "paid"),
            ("limitnum", "25"),
        ])
        .await;
    // Beside the demo's billing history (seeded as paid).
    let paid = list["invoices"]["invoice"].as_array().unwrap();
    assert!(paid.iter().any(|i| i["id"] == id), "{list}");
    assert!(paid.iter().all(|i| i["status"] == "Paid"), "{list}");
    let (_, none) = s
        .whmcs(&[
            ("action", "GetInvoices"),
            ("userid", "1001"),
            ("status", "Cancelled"),
        ])
        .await;
    // WHMCS's empty list is "", not an empty object.
    assert_eq!(none["invoices"], "");
    let (_, unpaid) = s
        .whmcs(&[
            ("action", "GetInvoices"),
            ("userid", "1001"),
            ("status", "Unpaid"),
        ])
        .await;
    let unpaid = unpaid["invoices"]["invoice"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert!(!unpaid.iter().any(|i| i["id"] == id));
}

#[tokio::test]
async fn errors_follow_the_contract() {
    let s = common::start().await;
    let (status, r) = s
        .whmcs_raw(&[
            ("action", "GetClientsProducts"),
            ("identifier", "sim-api-identifier"),
            ("secret", "wrong"),
            ("responsetype", "json"),
        ])
        .await;
    assert_eq!(
        (status, r),
        (
            403,
            json!({"result": "error", "message": "Authentication Failed"})
        )
    );
    let (status, r) = s
        .whmcs_raw(&[
            ("action", "GetPaymentMethods"),
            ("username", "sim-api-identifier"),
            ("password", "sim-api-secret"),
        ])
        .await;
    assert_eq!(
        (status, &r["result"]),
        (200, &json!("success")),
        "username/password too"
    );
    let (status, r) = s.whmcs(&[("action", "NoSuchAction")]).await;
    assert_eq!(
        (status, r),
        (
            200,
            json!({"result": "error", "message": "Command Not Found"})
        )
    );
    let (_, r) = s
        .whmcs(&[("action", "GetClientsDetails"), ("clientid", "9")])
        .await;
    assert_eq!(r["message"], "Client Not Found");
    let (_, r) = s
        .whmcs(&[("action", "CreateInvoice"), ("userid", "9")])
        .await;
    assert_eq!(r["message"], "Client ID Not Found");
    let (_, r) = s
        .whmcs(&[("action", "CreateSsoToken"), ("client_id", "9")])
        .await;
    assert_eq!(r["message"], "Invalid client_id");

    s.control(
        reqwest::Method::POST,
        "faults",
        Some(r#"{"upstream":"whmcs","operation":"CapturePayment","kind":"whmcs_warning","message":"Gateway timeout","times":1}"#),
    )
    .await;
    let (_, r) = s
        .whmcs(&[("action", "CapturePayment"), ("invoiceid", "1")])
        .await;
    assert_eq!(
        r,
        json!({"result": "success", "warning": "Gateway timeout"})
    );
}

#[tokio::test]
async fn sso_tokens_are_single_use() {
    let s = common::start().await;
    let (_, r) = s
        .whmcs(&[
            ("action", "CreateSsoToken"),
            ("client_id", "1001"),
            ("destination", "sso:custom_redirect"),
            ("sso_redirect_path", "viewinvoice.php?id=9001"),
        ])
        .await;
    let url = r["redirect_url"].as_str().unwrap().to_string();
    assert!(
        url.starts_with(&format!(
            "{}/whmcs/oauth/singlesignon.php?access_token=",
            s.base
        )),
        "{url}"
    );
    let first = s.http.get(&url).send().await.unwrap();
    assert_eq!(first.status(), 200);
    let page = first.text().await.unwrap();
    assert!(
        page.contains("demo@example.com") && page.contains("viewinvoice.php?id=9001"),
        "{page}"
    );
    let second = s.http.get(&url).send().await.unwrap();
    assert_eq!(second.status(), 303);
    assert!(second.headers()["location"]
        .to_str()
        .unwrap()
        .contains("login.php"));
}
