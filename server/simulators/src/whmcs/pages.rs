//! The few HTML pages of the simulated client area (after SSO): bare, escaped markup with
//! stable element ids for browser tests, and no session or CSRF protection at all — anyone
//! who can reach the simulator can pay any simulated invoice or add a card, which is fine for
//! a stand-in that moves no real money.

use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};

/// Text for HTML content and attribute values (`&`, `<`, `>`, `"`, `'`).
pub(crate) fn h(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Hundredths of a yen as shown to customers: "¥1,500" ("¥1,500.50" with a fraction).
pub(crate) fn yen(cents: i64) -> String {
    let sign = if cents < 0 { "-" } else { "" };
    let whole = (cents / 100).unsigned_abs().to_string();
    let mut grouped = String::with_capacity(whole.len() + whole.len() / 3);
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(c);
    }
    match (cents % 100).abs() {
        0 => format!("{sign}¥{grouped}"),
        frac => format!("{sign}¥{grouped}.{frac:02}"),
    }
}

/// A link back to the portal (`id="whmcs-return"`) when a `return` URL was given.
pub(crate) fn return_link(ret: Option<&str>) -> String {
    ret.filter(|r| !r.is_empty())
        .map(|r| {
            format!(
                r#"<p><a id="whmcs-return" href="{}">Return to the portal</a></p>"#,
                h(r)
            )
        })
        .unwrap_or_default()
}

/// A hidden `return` field carrying the link back through a form post.
pub(crate) fn return_field(ret: Option<&str>) -> String {
    ret.filter(|r| !r.is_empty())
        .map(|r| format!(r#"<input type="hidden" name="return" value="{}">"#, h(r)))
        .unwrap_or_default()
}

/// A whole page; `title` is text, `body` is markup already escaped.
pub(crate) fn page(status: StatusCode, title: &str, body: &str) -> Response {
    (
        status,
        Html(format!(
            "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>{t}</title></head>\
             <body><header>WHMCS client area (simulated)</header><h1>{t}</h1>{body}</body></html>",
            t = h(title)
        )),
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yen_is_grouped_by_thousands() {
        assert_eq!(yen(150_000), "¥1,500");
        assert_eq!(yen(50_000), "¥500");
        assert_eq!(yen(123_456_789), "¥1,234,567.89");
        assert_eq!(yen(0), "¥0");
        assert_eq!(yen(-100_000), "-¥1,000");
    }

    #[test]
    fn attribute_text_is_escaped() {
        assert_eq!(h(r#""><script>'"#), "&quot;&gt;&lt;script&gt;&#39;");
        assert_eq!(return_link(None), "");
        assert!(return_link(Some("http://x/?a=1&b=2")).contains(r#"href="http://x/?a=1&amp;b=2""#));
    }
}
