//! What the portal emails customers, each as plain text and HTML with the same words. Every
//! value is HTML-escaped in the HTML part. No email carries a secret: no password, no session
//! or sign-in token, no eSIM activation code (the customer opens the portal for those); the
//! one exception is the password-reset link, whose single-use token is the point of it.

use crate::store::outbox::Email;
use html_escape::encode_text as esc;

/// A rendered email.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    pub subject: String,
    pub text: String,
    pub html: String,
}

impl Rendered {
    /// The outbox row for `to`.
    pub fn to<'a>(&'a self, to: &'a str, discard_after_secs: Option<i64>) -> Email<'a> {
        Email {
            to,
            subject: &self.subject,
            body: &self.text,
            html: Some(&self.html),
            discard_after_secs,
        }
    }
}

/// One paragraph or a call to action of an email.
enum Block<'a> {
    Text(String),
    /// (label, URL): a button in HTML, the URL on its own line in text.
    Link(&'a str, String),
    /// Label/value rows.
    Facts(Vec<(&'a str, String)>),
}

fn render(subject: &str, greeting: &str, blocks: &[Block<'_>]) -> Rendered {
    let mut text = format!("{greeting}\n\n");
    let mut html = format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{}</title></head>\
         <body style=\"margin:0;background:#f4f7fa;font-family:-apple-system,'Segoe UI',sans-serif;color:#1b2733\">\
         <div style=\"max-width:560px;margin:24px auto;background:#fff;border:1px solid #e3e8ee;border-radius:12px;padding:24px\">\
         <p style=\"font-weight:700;color:#0f6d8a;margin:0 0 16px\">SonixNet</p><p>{}</p>",
        esc(subject),
        esc(greeting)
    );
    for b in blocks {
        match b {
            Block::Text(t) => {
                text.push_str(t);
                text.push_str("\n\n");
                html.push_str(&format!("<p>{}</p>", esc(t)));
            }
            Block::Link(label, url) => {
                text.push_str(&format!("{label}:\n{url}\n\n"));
                html.push_str(&format!(
                    "<p><a href=\"{}\" style=\"display:inline-block;background:#0f6d8a;color:#fff;\
                     padding:10px 18px;border-radius:8px;text-decoration:none;font-weight:600\">{}</a></p>",
                    html_escape::encode_double_quoted_attribute(url),
                    esc(label)
                ));
            }
            Block::Facts(rows) => {
                html.push_str("<table style=\"border-collapse:collapse;margin:8px 0 16px\">");
                for (k, v) in rows {
                    text.push_str(&format!("{k}: {v}\n"));
                    html.push_str(&format!(
                        "<tr><td style=\"padding:4px 16px 4px 0;color:#5a6875\">{}</td>\
                         <td style=\"padding:4px 0;font-weight:600\">{}</td></tr>",
                        esc(k),
                        esc(v)
                    ));
                }
                text.push('\n');
                html.push_str("</table>");
            }
        }
    }
    text.push_str("SonixNet customer support\n");
    html.push_str("<p style=\"color:#5a6875\">SonixNet customer support</p></div></body></html>");
    Rendered {
        subject: subject.to_string(),
        text,
        html,
    }
}

/// "Hello Aiko," — or "Hello," when the name is not at hand.
fn greeting(first_name: &str) -> String {
    if first_name.trim().is_empty() {
        "Hello,".into()
    } else {
        format!("Hello {},", first_name.trim())
    }
}

fn base(url: &str) -> &str {
    url.trim_end_matches('/')
}

/// After sign-up.
pub fn welcome(first_name: &str, customer_number: &str, base_url: &str) -> Rendered {
    render(
        "Welcome to the SonixNet portal",
        &format!("Hello {first_name},"),
        &[
            Block::Text(format!(
                "welcome to the SonixNet portal. Your login is linked to customer number \
                 {customer_number}."
            )),
            Block::Text(
                "See your SIMs, top up data, change your plan and contact support whenever you \
                 need. Before you order or top up, add a payment method: the portal shows you \
                 where after you log in."
                    .into(),
            ),
            Block::Link("Log in", format!("{}/login", base(base_url))),
            Block::Text(
                "If you did not sign up, reply to this email and we will close the login.".into(),
            ),
        ],
    )
}

/// A single-use password reset link (`link` carries its token, valid `minutes`).
pub fn password_reset(link: &str, minutes: i64) -> Rendered {
    render(
        "Reset your SonixNet portal password",
        "Hello,",
        &[
            Block::Text(
                "someone (hopefully you) asked to reset the password of your SonixNet portal login."
                    .into(),
            ),
            Block::Link(
                &format!("Open this link within {minutes} minutes to choose a new password"),
                link.to_string(),
            ),
            Block::Text(
                "The link works once. If you did not ask for this, ignore this email: your \
                 password stays as it is."
                    .into(),
            ),
        ],
    )
}

/// A paid data top-up reached the line.
pub fn top_up_receipt(
    first_name: &str,
    number: &str,
    amount_label: &str,
    price_yen: u64,
    invoice: Option<u64>,
    base_url: &str,
) -> Rendered {
    let mut facts = vec![
        ("Number", number.to_string()),
        ("Data added", amount_label.to_string()),
        ("Paid", app::domain::topup::yen_label(price_yen)),
    ];
    if let Some(id) = invoice {
        facts.push(("Invoice", format!("#{id}")));
    }
    render(
        "Your data top-up receipt",
        &greeting(first_name),
        &[
            Block::Text("your top-up is on your line. Thank you!".into()),
            Block::Facts(facts),
            Block::Link("See your invoices", format!("{}/billing", base(base_url))),
        ],
    )
}

/// An order is fulfilled (catalog and orders issue).
pub fn order_provisioned(
    first_name: &str,
    order_number: &str,
    items: &[String],
    base_url: &str,
) -> Rendered {
    render(
        &format!("Your order {order_number} is ready"),
        &format!("Hello {first_name},"),
        &[
            Block::Text(format!("your order {order_number} is complete:")),
            Block::Facts(items.iter().map(|i| ("Item", i.clone())).collect()),
            Block::Link(
                "See your subscriptions",
                format!("{}/subscriptions", base(base_url)),
            ),
        ],
    )
}

/// An eSIM can be installed. The activation code itself is never emailed: the customer
/// opens it in the portal (logged in), where the QR code is shown.
pub fn esim_activation(first_name: &str, number: &str, install_url: &str) -> Rendered {
    render(
        "Your eSIM is ready to install",
        &format!("Hello {first_name},"),
        &[
            Block::Text(format!(
                "the eSIM for {number} is ready. Install it on your phone from the portal: it \
                 shows the QR code to scan with another device, or the one-tap install for the \
                 phone you hold."
            )),
            Block::Link("Install your eSIM", install_url.to_string()),
            Block::Text(
                "Keep the phone connected to Wi-Fi while it installs. The QR code works once."
                    .into(),
            ),
        ],
    )
}

/// A store order is ready: new eSIMs to install, or a bundle added to one. No activation
/// code in the email (the order page shows it, logged in).
pub fn store_order_ready(
    plan: &str,
    quantity: u64,
    top_up_iccid: Option<&str>,
    price_yen: u64,
    order_url: &str,
) -> Rendered {
    let (subject, text, link) =
        match top_up_iccid {
            Some(iccid) => (
                "Your travel eSIM top-up is ready",
                format!("{plan} is on your eSIM {iccid}."),
                "See your eSIMs",
            ),
            None => {
                (
                    "Your travel eSIM is ready to install",
                    format!(
                "your {} ready. Open the order to install: on the phone you hold with one tap \
                 (iPhone) or the activation code (Android), or scan the QR code with another \
                 device.",
                if quantity == 1 { "eSIM is".to_string() } else { format!("{quantity} eSIMs are") }
            ),
                    "Install your eSIM",
                )
            }
        };
    render(
        subject,
        "Hello,",
        &[
            Block::Text(text),
            Block::Facts(vec![
                ("Plan", plan.to_string()),
                ("Paid", app::domain::topup::yen_label(price_yen)),
            ]),
            Block::Link(link, order_url.to_string()),
        ],
    )
}

/// A travel eSIM's bundle crossed a usage threshold or is about to end (once each).
pub fn store_data_alert(headline: &str, plan: &str, iccid: &str, base_url: &str) -> Rendered {
    let base = base(base_url);
    render(
        &format!("Your travel eSIM: {headline}"),
        "Hello,",
        &[
            Block::Text(format!("{headline} on your travel eSIM {iccid}.")),
            Block::Facts(vec![("Plan", plan.to_string())]),
            Block::Link("Add data", format!("{base}/store")),
            Block::Text(format!("Usage and plans of your eSIMs: {base}/store/esims")),
        ],
    )
}

/// A usage alert the customer set on their SIM was reached (once per threshold per month).
pub fn usage_alert(
    alert: &str,
    message: &str,
    number: &str,
    sim_path: &str,
    base_url: &str,
) -> Rendered {
    let base = base(base_url);
    render(
        &format!("Data alert for {number}: {alert}"),
        "Hello,",
        &[
            Block::Text(message.to_string()),
            Block::Facts(vec![("Number", number.to_string()), ("Your alert", alert.to_string())]),
            Block::Link("Top up or see your usage", format!("{base}{sim_path}")),
            Block::Text(
                "You get this email once a month for each alert you set; change your alerts on the SIM's page."
                    .into(),
            ),
        ],
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_and_html_say_the_same_things() {
        let w = welcome("Aiko", "SNX-300101", "https://portal.example/");
        for part in [&w.text, &w.html] {
            assert!(part.contains("SNX-300101"));
            assert!(part.contains("https://portal.example/login"));
        }
        assert!(w.html.starts_with("<!doctype html>"));
    }

    #[test]
    fn values_are_escaped_in_html() {
        let w = welcome("<script>alert(1)</script>", "A&B", "https://p.example");
        assert!(!w.html.contains("<script>"));
        assert!(w.html.contains("&lt;script&gt;") && w.html.contains("A&amp;B"));
        assert!(w.text.contains("<script>"), "plain text is plain");
    }

    #[test]
    fn receipts_orders_and_esims_carry_their_facts_and_no_codes() {
        let r = top_up_receipt(
            "Aiko",
            "080-7705-2946",
            "1 GB",
            500,
            Some(42),
            "https://p.example",
        );
        assert!(r.text.contains("¥500") && r.text.contains("#42") && r.text.contains("1 GB"));
        let o = order_provisioned(
            "Aiko",
            "00000123",
            &["eSIM Data 20GB".into()],
            "https://p.example",
        );
        assert!(o.subject.contains("00000123") && o.html.contains("eSIM Data 20GB"));
        let e = esim_activation(
            "Aiko",
            "080-7705-2946",
            "https://p.example/subscriptions/1/sim",
        );
        assert!(!e.text.contains("LPA:"), "no activation code in email");
        assert!(e.text.contains("https://p.example/subscriptions/1/sim"));
    }
}
