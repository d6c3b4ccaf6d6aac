//! The simulated WHMCS client area behind SSO over real HTTP: paying an invoice with "Pay
//! now" and adding a card, as a customer the portal sends there would.

mod common;
use common::Sim;
use serde_json::json;

/// The page an SSO token for `path` (`sso:custom_redirect`) leads to.
async fn sso_page(s: &Sim, client: &str, path: &str) -> String {
    let (_, t) = s
        .whmcs(&[
            ("action", "CreateSsoToken"),
            ("client_id", client),
            ("destination", "sso:custom_redirect"),
            ("sso_redirect_path", path),
        ])
        .await;
    let url = t["redirect_url"].as_str().expect("redirect_url");
    let r = s.http.get(url).send().await.expect("sso");
    assert_eq!(r.status(), 200);
    r.text().await.expect("page")
}

/// The (unescaped) `action` of the form holding the button `button_id`.
fn form_action(page: &str, button_id: &str) -> String {
    let button = page
        .find(&format!(r#"id="{button_id}""#))
        .unwrap_or_else(|| panic!("no {button_id} in {page}"));
    let form = page[..button].rfind("<form").expect("a form");
    let start = form + page[form..].find(r#"action=""#).expect("action") + 8;
    let end = start + page[start..].find('"').expect("end of action");
    page[start..end].replace("&amp;", "&")
}

#[tokio::test]
async fn an_invoice_is_paid_in_the_simulated_client_area() {
    let s = common::start().await;
    let c = s.new_client().await;
    let id = s
        .invoice(&c, "", &[("Data top-up <10GB>", "1000"), ("Fee", "500")])
        .await;
    let ret = "http://portal.test/sim/topup?done=1";
    let page = sso_page(&s, &c, &format!("/viewinvoice.php?id={id}&return={ret}")).await;
    for text in [
        format!("Invoice #{id}"),
        "¥1,500".into(),
        "Unpaid".into(),
        "Data top-up &lt;10GB&gt;".into(),
        "Fee".into(),
    ] {
        assert!(page.contains(&text), "{text} in {page}");
    }
    let action = form_action(&page, "whmcs-pay-now");
    assert_eq!(action, format!("{}/whmcs/viewinvoice.php?id={id}", s.base));
    let r = s
        .http
        .post(&action)
        .form(&[("return", ret)])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let done = r.text().await.unwrap();
    assert!(done.contains(&format!("Invoice #{id} is paid")), "{done}");
    assert!(
        done.contains(r#"href="http://portal.test/sim/topup?done=1""#),
        "{done}"
    );
    assert_eq!(s.get_invoice(&id).await["status"], "Paid");
    let l = s.ledger(&c).await;
    assert_eq!(
        (
            &l["invoices"][0]["payments"],
            &l["invoices"][0]["captureAttempts"]
        ),
        (&json!(1), &json!(0))
    );
    let paid = sso_page(&s, &c, &format!("viewinvoice.php?id={id}")).await;
    assert!(
        paid.contains("Paid") && !paid.contains("whmcs-pay-now"),
        "{paid}"
    );

    let other = sso_page(&s, "1001", &format!("viewinvoice.php?id={id}")).await;
    assert!(
        !other.contains("whmcs-pay-now"),
        "not that client's invoice: {other}"
    );

    s.set_card(&c, "declines").await;
    let id2 = s.invoice(&c, "", &[("Data top-up 1GB", "200")]).await;
    let r = s
        .http
        .post(format!("{}/whmcs/viewinvoice.php?id={id2}", s.base))
        .send()
        .await
        .unwrap();
    assert!(r.text().await.unwrap().contains("declined"));
    assert_eq!(s.get_invoice(&id2).await["status"], "Unpaid");
}

#[tokio::test]
async fn a_card_is_added_in_the_simulated_client_area() {
    let s = common::start().await;
    let c = s.new_client().await;
    s.set_card(&c, "missing").await;
    let page = sso_page(&s, &c, "index.php?rp=/account/paymentmethods").await;
    assert!(page.contains("No saved cards"), "{page}");
    let action = form_action(&page, "whmcs-add-card");
    assert_eq!(action, format!("{}/whmcs/account/paymentmethods", s.base));
    let r = s
        .http
        .post(&action)
        .form(&[("client_id", c.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let (_, pm) = s
        .whmcs(&[("action", "GetPayMethods"), ("clientid", &c)])
        .await;
    assert_eq!(pm["paymethods"][0]["card_last_four"], "4242");
    let id = s.invoice(&c, "", &[("Data top-up 1GB", "200")]).await;
    assert_eq!(s.capture(&id).await.1, json!({"result": "success"}));
}
