//! Demo-only endpoint (exists only while the portal runs on its simulators): a fresh demo
//! customer — a new simulated WHMCS client with the standard SIM set, and a portal login with
//! the demo password. Browser tests take one each, so they never share mutable SIMs; people
//! trying the portal get a clean account the same way.
//!
//! `POST /_sim/control/demo-customer` → 201 `{clientId, email, password, services: [...]}`
//!
//! `GET /_sim/mailbox` or `/_sim/mail` (and `?format=json`): the emails the portal has put in
//! its outbox (welcome emails, password reset links), newest first, whether or not an SMTP server is configured — so a
//! demo's emails can always be read here.

use crate::portal::accounts::hash_password;
use crate::simulator::{demo, Simulators};
use crate::store::{customers, Db};
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::{Json, Router};
use serde_json::json;

#[derive(Clone)]
struct DemoState {
    db: Db,
    sims: Simulators,
}

/// Routes to merge into the `/_sim` router.
pub fn router(db: Db, sims: Simulators) -> Router {
    Router::new()
        .route("/control/demo-customer", post(create))
        .route("/mailbox", axum::routing::get(mailbox))
        // The sign-up issue's name for the same page.
        .route("/mail", axum::routing::get(mailbox))
        .with_state(DemoState { db, sims })
}

async fn create(State(s): State<DemoState>) -> Response {
    let client = s.sims.provision_demo_client();
    let stored = async {
        let hash = hash_password(demo::DEMO_PASSWORD).map_err(|e| e.to_string())?;
        let id = i64::try_from(client.client_id).map_err(|e| e.to_string())?;
        customers::upsert(&s.db, &client.email, &hash, id, true)
            .await
            .map_err(|e| e.to_string())
    }
    .await;
    match stored {
        Ok(_) => (
            StatusCode::CREATED,
            Json(json!({
                "clientId": client.client_id,
                "email": client.email,
                "password": demo::DEMO_PASSWORD,
                "services": client.services,
            })),
        )
            .into_response(),
        Err(e) => {
            tracing::error!(error = e, "could not create a demo customer");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}

#[derive(serde::Deserialize)]
struct MailboxQuery {
    format: Option<String>,
}

async fn mailbox(
    State(s): State<DemoState>,
    axum::extract::Query(q): axum::extract::Query<MailboxQuery>,
) -> Response {
    let emails = match crate::store::outbox::recent(&s.db, 50).await {
        Ok(e) => e,
        Err(e) => {
            tracing::error!(error = %e, "could not read the outbox");
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    };
    if q.format.as_deref() == Some("json") {
        let list: Vec<_> = emails
            .iter()
            .map(|e| {
                json!({
                    "to": e.to,
                    "subject": e.subject,
                    "body": e.body,
                    "createdAt": e.created_at,
                    "sentAt": e.sent_at,
                    "attempts": e.attempts,
                })
            })
            .collect();
        return Json(list).into_response();
    }
    let esc = |t: &str| html_escape::encode_text(t).into_owned();
    let items: String = emails
        .iter()
        .map(|e| {
            // Links on their own line become clickable; everything else is text.
            let body: String = e
                .body
                .lines()
                .map(|l| {
                    if l.starts_with("http://") || l.starts_with("https://") {
                        let a = html_escape::encode_double_quoted_attribute(l);
                        format!("<a href=\"{a}\">{}</a>", esc(l))
                    } else {
                        esc(l)
                    }
                })
                .collect::<Vec<_>>()
                .join("<br>");
            format!(
                "<article><h2>{}</h2><p class=meta>To {} · {}</p><p>{body}</p></article>",
                esc(&e.subject),
                esc(&e.to),
                app::domain::dates::jst_datetime_label(e.created_at),
            )
        })
        .collect();
    let empty = if emails.is_empty() {
        "<p>No emails yet.</p>"
    } else {
        ""
    };
    axum::response::Html(format!(
        "<!doctype html><html lang=en><head><meta charset=utf-8><title>Demo mailbox</title>\
         <style>body{{font:16px system-ui;max-width:44rem;margin:2rem auto;padding:0 1rem}}\
         article{{border:1px solid #ddd;border-radius:8px;padding:1rem;margin:1rem 0}}\
         .meta{{color:#666;font-size:.9rem}}</style></head><body>\
         <h1>Demo mailbox</h1><p class=meta>Emails the portal sent while running as a demo.</p>\
         {empty}{items}</body></html>"
    ))
    .into_response()
}
