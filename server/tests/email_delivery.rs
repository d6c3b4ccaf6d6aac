//! The email outbox delivered over real SMTP (a small SMTP server in the test): the reset
//! email arrives with a working link to the public address, temporary refusals are retried,
//! permanent ones and stale emails are given up, two instances send each email once, and a
//! live portal offers password reset exactly when it can send email.
#![allow(clippy::unwrap_used)]

mod common;
use common::smtp::SmtpSink;
use secrecy::SecretString;
use serde_json::{json, Value};
use server::mail::MailConfig;
use server::settings::Settings;
use server::store::outbox::{self, Email, OutboxRow};
use std::time::Duration;

const FROM: &str = "SonixNet <no-reply@sonixnet.example>";

fn mail_config(sink: &SmtpSink) -> MailConfig {
    let mut mail = MailConfig::new(SecretString::from(sink.url()), FROM.parse().unwrap());
    mail.timeout = Duration::from_secs(5);
    mail.retry_base = Duration::from_millis(100);
    mail.poll = Duration::from_millis(100);
    mail
}

fn with_mail(db: &str, sink: &SmtpSink) -> Settings {
    let mut s = Settings::for_tests(db);
    s.mail = Some(mail_config(sink));
    s.public_url = Some("https://portal.sonixnet.example".parse().unwrap());
    s
}

async fn ask_reset(url: &str, email: &str) -> (u16, Value) {
    let r = common::cookie_client()
        .post(format!("{url}/api/auth/password-reset"))
        .json(&json!({ "email": email }))
        .send()
        .await
        .unwrap();
    (r.status().as_u16(), r.json().await.unwrap())
}

async fn confirm(url: &str, token: &str, password: &str) -> u16 {
    common::cookie_client()
        .post(format!("{url}/api/auth/password-reset/confirm"))
        .json(&json!({ "token": token, "newPassword": password }))
        .send()
        .await
        .unwrap()
        .status()
        .as_u16()
}

fn token_in(body: &str, base: &str) -> String {
    let link = format!("{base}/reset-password?token=");
    let rest = body
        .split(&link)
        .nth(1)
        .unwrap_or_else(|| panic!("{link} in {body}"));
    rest.split_whitespace().next().unwrap().to_string()
}

/// Waits until every outbox row is sent or given up.
async fn settled(db: &server::store::Db, rows: usize) -> Vec<OutboxRow> {
    let deadline = tokio::time::Instant::now() + Duration::from_secs(20);
    loop {
        let all = outbox::recent(db, 1000).await.unwrap();
        if all.len() >= rows
            && all
                .iter()
                .all(|r| r.sent_at.is_some() || r.failed_at.is_some())
        {
            return all;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "outbox never settled"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

fn email<'a>(to: &'a str, body: &'a str) -> Email<'a> {
    Email {
        to,
        subject: "Test",
        body,
        html: None,
        discard_after_secs: None,
    }
}

#[tokio::test]
async fn a_reset_email_arrives_by_smtp_and_its_link_works() {
    let sink = SmtpSink::start().await;
    let db = common::temp_db();
    let p = common::portal_with(with_mail(&db, &sink)).await;

    assert_eq!(ask_reset(&p.url, "demo@example.com").await.0, 202);
    let got = sink.wait_for(1).await;
    let mail = &got[0];
    assert_eq!(mail.from, "<no-reply@sonixnet.example>");
    assert_eq!(mail.to, vec!["<demo@example.com>".to_string()]);
    assert_eq!(
        mail.header("Subject").as_deref(),
        Some("Reset your SonixNet portal password")
    );
    assert!(mail
        .header("From")
        .unwrap()
        .contains("no-reply@sonixnet.example"));
    let id = mail.header("Message-ID").unwrap();
    assert!(
        id.starts_with("<outbox-") && id.ends_with("@sonixnet.example>"),
        "{id}"
    );
    let token = token_in(&mail.body(), "https://portal.sonixnet.example");
    // Plain text and HTML, with the same link.
    assert!(mail
        .header("Content-Type")
        .unwrap()
        .starts_with("multipart/alternative"));
    let html = mail.part("text/html").expect("an HTML part");
    assert!(html.contains(&token) && html.contains("<a href="), "{html}");

    assert_eq!(confirm(&p.url, &token, "my new password 2026").await, 204);
    let c = common::cookie_client();
    let r = common::post_login(&c, &p.url, "demo@example.com", "my new password 2026").await;
    assert_eq!(r.status(), 200);

    let pool = server::store::connect(&db).await.unwrap();
    let rows = settled(&pool, 1).await;
    assert_eq!((rows[0].attempts, rows[0].sent_at.is_some()), (1, true));
    assert_eq!(sink.received().len(), 1);
}

#[tokio::test]
async fn temporary_refusals_are_retried_until_the_email_is_taken_once() {
    let sink = SmtpSink::start().await;
    sink.refuse_next(2);
    let db = common::temp_db();
    let p = common::portal_with(with_mail(&db, &sink)).await;
    assert_eq!(ask_reset(&p.url, "demo2@example.com").await.0, 202);

    let got = sink.wait_for(1).await;
    let pool = server::store::connect(&db).await.unwrap();
    let rows = settled(&pool, 1).await;
    assert_eq!(rows[0].attempts, 3, "two 451s, then taken");
    assert!(rows[0].sent_at.is_some() && rows[0].failed_at.is_none());
    assert_eq!(sink.offered.load(std::sync::atomic::Ordering::SeqCst), 3);
    assert_eq!(got.len(), 1);
    assert_eq!(sink.received().len(), 1, "taken once");
    // The same message each time: a repeat is recognisable by its Message-ID.
    assert!(got[0]
        .header("Message-ID")
        .unwrap()
        .contains(&rows[0].id.to_string()));
}

#[tokio::test]
async fn permanent_refusals_and_stale_emails_are_given_up() {
    let sink = SmtpSink::start().await;
    let db = common::temp_db();
    let _p = common::portal_with(with_mail(&db, &sink)).await;
    let pool = server::store::connect(&db).await.unwrap();

    outbox::enqueue(&pool, email("bounce@example.com", "refused"))
        .await
        .unwrap();
    outbox::enqueue(
        &pool,
        Email {
            discard_after_secs: Some(-1),
            ..email("late@example.com", "too late")
        },
    )
    .await
    .unwrap();
    outbox::enqueue(&pool, email("not an address", "bad"))
        .await
        .unwrap();
    outbox::enqueue(&pool, email("fine@example.com", "delivered"))
        .await
        .unwrap();

    let rows = settled(&pool, 4).await;
    let row = |to: &str| rows.iter().find(|r| r.to == to).unwrap();
    let bounced = row("bounce@example.com");
    assert!(bounced.failed_at.is_some() && bounced.sent_at.is_none());
    assert_eq!(bounced.attempts, 1, "a 550 is not retried");
    assert!(
        bounced.last_error.as_deref().unwrap().contains("550"),
        "{:?}",
        bounced.last_error
    );
    let late = row("late@example.com");
    assert!(late.failed_at.is_some());
    assert!(late.last_error.as_deref().unwrap().contains("expired"));
    let bad = row("not an address");
    assert!(bad.failed_at.is_some());
    assert!(bad.last_error.as_deref().unwrap().contains("recipient"));
    assert!(row("fine@example.com").sent_at.is_some());

    let got = sink.received();
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].to, vec!["<fine@example.com>".to_string()]);
    assert!(got[0].body().contains("delivered"));
}

/// Two instances on one PostgreSQL database, both polling the outbox: every email is sent,
/// each exactly once.
#[tokio::test]
async fn two_instances_send_each_email_once() {
    let sink = SmtpSink::start().await;
    let db = common::fresh_schema_url().await;
    let _a = common::portal_with(with_mail(&db, &sink)).await;
    let _b = common::portal_with(with_mail(&db, &sink)).await;
    let pool = server::store::connect(&db).await.unwrap();
    const N: usize = 40;
    for i in 0..N {
        let to = format!("customer{i}@example.com");
        outbox::enqueue(&pool, email(&to, "hello")).await.unwrap();
    }
    let rows = settled(&pool, N).await;
    assert!(rows.iter().all(|r| r.sent_at.is_some() && r.attempts == 1));
    let got = sink.received();
    let mut ids: Vec<_> = got
        .iter()
        .map(|m| m.header("Message-ID").unwrap())
        .collect();
    ids.sort();
    ids.dedup();
    assert_eq!((got.len(), ids.len()), (N, N), "each email once");
}

/// A live portal (real configuration parsing; the upstreams are never called here) offers
/// password reset when it can send email, and not otherwise.
#[tokio::test]
async fn a_live_portal_offers_reset_exactly_when_it_can_send_email() {
    let sink = SmtpSink::start().await;
    let smtp = sink.url();
    for with_smtp in [true, false] {
        let db = common::temp_db();
        let mut vars = common::live_vars(&db);
        if with_smtp {
            vars.push(("SMTP_URL", smtp.clone()));
            vars.push(("MAIL_FROM", FROM.into()));
            vars.push(("PORTAL_PUBLIC_URL", "https://my.sonixnet.example".into()));
        }
        let url = common::live_portal(&vars).await;

        // A customer who linked their billing account earlier.
        let pool = server::store::connect(&db).await.unwrap();
        let hash = server::portal::accounts::hash_password("old password 2025").unwrap();
        server::store::customers::create_linked(&pool, "taro@example.jp", &hash, 4242, None)
            .await
            .unwrap();

        let offered: Value = common::cookie_client()
            .post(format!("{url}/api/fn/password_reset_offered"))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(offered, json!(with_smtp));

        let (status, body) = ask_reset(&url, "taro@example.jp").await;
        if !with_smtp {
            assert_eq!(status, 400, "{body}");
            assert!(
                body["message"].as_str().unwrap().contains("not available"),
                "{body}"
            );
            continue;
        }
        assert_eq!(status, 202, "{body}");
        let got = sink.wait_for(1).await;
        assert_eq!(got[0].to, vec!["<taro@example.jp>".to_string()]);
        let token = token_in(&got[0].body(), "https://my.sonixnet.example");
        assert_eq!(confirm(&url, &token, "new password 2026!").await, 204);
    }
}
