//! What the portal emails customers, each as plain text and HTML with the same words. Every
//! value is HTML-escaped in the HTML part. No email carries a secret: no password, no session
//! or sign-in token, no eSIM activation code (the customer opens the portal for those); the
//! one exception is the password-reset link, whose single-use token is the point of it.
//!
//! Every email is written in the recipient's language (`lang`, the first parameter): the
//! words come from the `emails-` keys of the catalogs, and `<html lang>` follows.

use crate::store::outbox::Email;
use app::i18n::{num, tr, Lang};
use app::tr;
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
enum Block {
    Text(String),
    /// (label, URL): a button in HTML, the URL on its own line in text.
    Link(String, String),
    /// Label/value rows.
    Facts(Vec<(String, String)>),
}

fn render(lang: Lang, subject: &str, greeting: &str, blocks: &[Block]) -> Rendered {
    let mut text = format!("{greeting}\n\n");
    let mut html = format!(
        "<!doctype html><html lang=\"{}\"><head><meta charset=\"utf-8\"><title>{}</title></head>\
         <body style=\"margin:0;background:#f4f7fa;font-family:-apple-system,'Segoe UI',sans-serif;color:#1b2733\">\
         <div style=\"max-width:560px;margin:24px auto;background:#fff;border:1px solid #e3e8ee;border-radius:12px;padding:24px\">\
         <p style=\"font-weight:700;color:#0f6d8a;margin:0 0 16px\">SonixNet</p><p>{}</p>",
        lang.code(),
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
    let footer = tr(lang, "emails-footer");
    text.push_str(&footer);
    text.push('\n');
    html.push_str(&format!(
        "<p style=\"color:#5a6875\">{}</p></div></body></html>",
        esc(&footer)
    ));
    Rendered {
        subject: subject.to_string(),
        text,
        html,
    }
}

/// "Hello Aiko," (the name as given) — or, when the name is not at hand, the greeting
/// `anonymous` ("Hello," / "Hello there,").
fn greeting(lang: Lang, first_name: &str, anonymous: &str) -> String {
    if first_name.trim().is_empty() {
        tr(lang, anonymous)
    } else {
        tr!(lang, "emails-greeting-name", name = first_name)
    }
}

/// The language to write to customer `customer_id` in: their saved choice, else the current
/// one (the request's while one is served; English in background jobs).
pub async fn lang_of(db: &crate::store::Db, customer_id: i64) -> Lang {
    match crate::store::customers::locale(db, customer_id).await {
        Ok(saved) => saved.as_deref().and_then(Lang::parse),
        Err(e) => {
            tracing::warn!(error = %e, customer_id, "customer's language unavailable");
            None
        }
    }
    .unwrap_or_else(app::i18n::current)
}

fn base(url: &str) -> &str {
    url.trim_end_matches('/')
}

/// After sign-up.
pub fn welcome(lang: Lang, first_name: &str, customer_number: &str, base_url: &str) -> Rendered {
    render(
        lang,
        &tr(lang, "emails-welcome-subject"),
        &greeting(lang, first_name, "emails-greeting-anonymous"),
        &[
            Block::Text(tr!(
                lang,
                "emails-welcome-intro",
                customer_number = customer_number
            )),
            Block::Text(tr(lang, "emails-welcome-what")),
            Block::Link(
                tr(lang, "emails-welcome-login"),
                format!("{}/login", base(base_url)),
            ),
            Block::Text(tr(lang, "emails-welcome-not-you")),
        ],
    )
}

/// A single-use password reset link (`link` carries its token, valid `minutes`).
pub fn password_reset(lang: Lang, link: &str, minutes: i64) -> Rendered {
    render(
        lang,
        &tr(lang, "emails-reset-subject"),
        &tr(lang, "emails-greeting-anonymous"),
        &[
            Block::Text(tr(lang, "emails-reset-intro")),
            Block::Link(
                tr!(lang, "emails-reset-link", minutes = minutes.to_string()),
                link.to_string(),
            ),
            Block::Text(tr(lang, "emails-reset-once")),
        ],
    )
}

/// A paid data top-up reached the line.
pub fn top_up_receipt(
    lang: Lang,
    first_name: &str,
    number: &str,
    amount_label: &str,
    price_yen: u64,
    invoice: Option<u64>,
    base_url: &str,
) -> Rendered {
    let mut facts = vec![
        (tr(lang, "emails-fact-number"), number.to_string()),
        (tr(lang, "emails-fact-data-added"), amount_label.to_string()),
        (
            tr(lang, "emails-fact-paid"),
            app::domain::topup::yen_label(price_yen),
        ),
    ];
    if let Some(id) = invoice {
        facts.push((tr(lang, "emails-fact-invoice"), format!("#{id}")));
    }
    render(
        lang,
        &tr(lang, "emails-receipt-subject"),
        &greeting(lang, first_name.trim(), "emails-greeting-anonymous"),
        &[
            Block::Text(tr(lang, "emails-receipt-text")),
            Block::Facts(facts),
            Block::Link(
                tr(lang, "emails-receipt-invoices"),
                format!("{}/billing", base(base_url)),
            ),
        ],
    )
}

/// An order is fulfilled (catalog and orders issue). Without a first name the greeting is
/// "Hello there,".
pub fn order_provisioned(
    lang: Lang,
    first_name: &str,
    order_number: &str,
    items: &[String],
    base_url: &str,
) -> Rendered {
    let item = tr(lang, "emails-fact-item");
    render(
        lang,
        &tr!(lang, "emails-order-subject", order = order_number),
        &greeting(lang, first_name, "emails-greeting-there"),
        &[
            Block::Text(tr!(lang, "emails-order-text", order = order_number)),
            Block::Facts(items.iter().map(|i| (item.clone(), i.clone())).collect()),
            Block::Link(
                tr(lang, "emails-order-subscriptions"),
                format!("{}/subscriptions", base(base_url)),
            ),
        ],
    )
}

/// An eSIM can be installed. The activation code itself is never emailed: the customer
/// opens it in the portal (logged in), where the QR code is shown. Without a first name the
/// greeting is "Hello there,".
pub fn esim_activation(lang: Lang, first_name: &str, number: &str, install_url: &str) -> Rendered {
    render(
        lang,
        &tr(lang, "emails-esim-subject"),
        &greeting(lang, first_name, "emails-greeting-there"),
        &[
            Block::Text(tr!(lang, "emails-esim-text", number = number)),
            Block::Link(tr(lang, "emails-install-esim"), install_url.to_string()),
            Block::Text(tr(lang, "emails-esim-wifi")),
        ],
    )
}

/// A store order is ready: new eSIMs to install, or a bundle added to one. No activation
/// code in the email (the order page shows it, logged in).
pub fn store_order_ready(
    lang: Lang,
    plan: &str,
    quantity: u64,
    top_up_iccid: Option<&str>,
    price_yen: u64,
    order_url: &str,
) -> Rendered {
    let (subject, text, link) = match top_up_iccid {
        Some(iccid) => (
            tr(lang, "emails-store-topup-subject"),
            tr!(lang, "emails-store-topup-text", plan = plan, iccid = iccid),
            tr(lang, "emails-store-see-esims"),
        ),
        None => (
            tr(lang, "emails-store-ready-subject"),
            tr!(
                lang,
                "emails-store-ready-text",
                count = num(quantity as f64)
            ),
            tr(lang, "emails-install-esim"),
        ),
    };
    render(
        lang,
        &subject,
        &tr(lang, "emails-greeting-anonymous"),
        &[
            Block::Text(text),
            Block::Facts(vec![
                (tr(lang, "emails-fact-plan"), plan.to_string()),
                (
                    tr(lang, "emails-fact-paid"),
                    app::domain::topup::yen_label(price_yen),
                ),
            ]),
            Block::Link(link, order_url.to_string()),
        ],
    )
}

/// What a travel eSIM's data alert says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StoreAlert {
    /// This percentage of the bundle's data is used.
    Used(u64),
    /// The bundle ends within a day.
    EndsSoon,
}

impl StoreAlert {
    fn headline(self, lang: Lang) -> String {
        match self {
            StoreAlert::Used(percent) => {
                tr!(
                    lang,
                    "emails-store-alert-used",
                    percent = percent.to_string()
                )
            }
            StoreAlert::EndsSoon => tr(lang, "emails-store-alert-ends"),
        }
    }
}

/// A travel eSIM's bundle crossed a usage threshold or is about to end (once each).
pub fn store_data_alert(
    lang: Lang,
    alert: StoreAlert,
    plan: &str,
    iccid: &str,
    base_url: &str,
) -> Rendered {
    let base = base(base_url);
    let headline = alert.headline(lang);
    render(
        lang,
        &tr!(
            lang,
            "emails-store-alert-subject",
            headline = headline.as_str()
        ),
        &tr(lang, "emails-greeting-anonymous"),
        &[
            Block::Text(tr!(
                lang,
                "emails-store-alert-text",
                headline = headline.as_str(),
                iccid = iccid
            )),
            Block::Facts(vec![(tr(lang, "emails-fact-plan"), plan.to_string())]),
            Block::Link(
                tr(lang, "emails-store-alert-add-data"),
                format!("{base}/store"),
            ),
            Block::Text(tr!(
                lang,
                "emails-store-alert-usage",
                url = format!("{base}/store/esims")
            )),
        ],
    )
}

/// A usage alert the customer set on their SIM was reached (once per threshold per month).
/// `alert` and `message` come in `lang` already.
pub fn usage_alert(
    lang: Lang,
    alert: &str,
    message: &str,
    number: &str,
    sim_path: &str,
    base_url: &str,
) -> Rendered {
    let base = base(base_url);
    render(
        lang,
        &tr!(
            lang,
            "emails-usage-alert-subject",
            number = number,
            alert = alert
        ),
        &tr(lang, "emails-greeting-anonymous"),
        &[
            Block::Text(message.to_string()),
            Block::Facts(vec![
                (tr(lang, "emails-fact-number"), number.to_string()),
                (tr(lang, "emails-fact-your-alert"), alert.to_string()),
            ]),
            Block::Link(
                tr(lang, "emails-usage-alert-link"),
                format!("{base}{sim_path}"),
            ),
            Block::Text(tr(lang, "emails-usage-alert-monthly")),
        ],
    )
}

#[cfg(test)]
mod tests;
