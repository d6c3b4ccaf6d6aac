use super::*;

#[test]
fn text_and_html_say_the_same_things() {
    let w = welcome(Lang::En, "Aiko", "SNX-300101", "https://portal.example/");
    for part in [&w.text, &w.html] {
        assert!(part.contains("SNX-300101"));
        assert!(part.contains("https://portal.example/login"));
    }
    assert!(w.html.starts_with("<!doctype html><html lang=\"en\">"));
}

#[test]
fn values_are_escaped_in_html() {
    let w = welcome(
        Lang::En,
        "<script>alert(1)</script>",
        "A&B",
        "https://p.example",
    );
    assert!(!w.html.contains("<script>"));
    assert!(w.html.contains("&lt;script&gt;") && w.html.contains("A&amp;B"));
    assert!(w.text.contains("<script>"), "plain text is plain");
}

#[test]
fn receipts_orders_and_esims_carry_their_facts_and_no_codes() {
    let r = top_up_receipt(
        Lang::En,
        "Aiko",
        "080-7705-2946",
        "1 GB",
        500,
        Some(42),
        "https://p.example",
    );
    assert!(r.text.contains("¥500") && r.text.contains("#42") && r.text.contains("1 GB"));
    let o = order_provisioned(
        Lang::En,
        "Aiko",
        "00000123",
        &["eSIM Data 20GB".into()],
        "https://p.example",
    );
    assert!(o.subject.contains("00000123") && o.html.contains("eSIM Data 20GB"));
    let e = esim_activation(
        Lang::En,
        "Aiko",
        "080-7705-2946",
        "https://p.example/subscriptions/1/sim",
    );
    assert!(!e.text.contains("LPA:"), "no activation code in email");
    assert!(e.text.contains("https://p.example/subscriptions/1/sim"));
}

#[test]
fn english_emails_keep_their_words() {
    let w = welcome(Lang::En, "Aiko", "SNX-300101", "https://p.example/");
    assert_eq!(w.subject, "Welcome to the SonixNet portal");
    assert_eq!(
        w.text,
        "Hello Aiko,\n\nwelcome to the SonixNet portal. Your login is linked to customer \
         number SNX-300101.\n\nSee your SIMs, top up data, change your plan and contact \
         support whenever you need. Before you order or top up, add a payment method: the \
         portal shows you where after you log in.\n\nLog in:\nhttps://p.example/login\n\n\
         If you did not sign up, reply to this email and we will close the login.\n\n\
         SonixNet customer support\n"
    );
    let s = store_order_ready(Lang::En, "Japan 1GB", 2, None, 900, "https://p.example/o");
    assert!(s
        .text
        .starts_with("Hello,\n\nyour 2 eSIMs are ready. Open the order"));
    let s = store_order_ready(Lang::En, "Japan 1GB", 1, None, 900, "https://p.example/o");
    assert!(s
        .text
        .starts_with("Hello,\n\nyour eSIM is ready. Open the order"));
    let a = store_data_alert(
        Lang::En,
        StoreAlert::Used(75),
        "Japan 1GB",
        "8910",
        "https://p.example",
    );
    assert_eq!(a.subject, "Your travel eSIM: 75% of your data is used");
    assert!(a
        .text
        .contains("75% of your data is used on your travel eSIM 8910."));
    let o = order_provisioned(Lang::En, "", "7", &[], "https://p.example");
    assert!(o
        .text
        .starts_with("Hello there,\n\nyour order 7 is complete:\n\n"));
}

#[test]
fn a_japanese_email_is_japanese_in_both_parts() {
    let r = top_up_receipt(
        Lang::Ja,
        "愛子",
        "080-7705-2946",
        "1 GB",
        500,
        Some(42),
        "https://p.example",
    );
    assert_eq!(r.subject, "データチャージの領収書");
    for part in [&r.text, &r.html] {
        assert!(part.contains("愛子 様"), "{part}");
        assert!(part.contains("データチャージが反映されました"), "{part}");
        assert!(part.contains("お支払い金額"), "{part}");
        assert!(part.contains("SonixNet カスタマーサポート"), "{part}");
        assert!(
            !part.contains("Hello") && !part.contains("Thank you"),
            "{part}"
        );
    }
    assert!(r.html.starts_with("<!doctype html><html lang=\"ja\">"));
    let w = welcome(Lang::Ja, "愛子", "SNX-300101", "https://p.example");
    assert!(w.text.contains("SNX-300101") && w.html.contains("ログイン"));
}
