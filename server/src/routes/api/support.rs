//! Support cases of the customer's account, live from Salesforce:
//! `GET/POST /api/support/cases`, `GET /api/support/cases/{id}`,
//! `POST /api/support/cases/{id}/comments`. Another account's case is 404.

use super::input::{object_with_text, opt_text, text_field, JsonBody};
use super::*;
use app::domain::support::{CaseComment, CaseDetail, CaseSummary, NewCase};

pub(super) async fn cases(
    State(state): State<AppState>,
    Authed(c): Authed,
) -> Result<Json<Vec<CaseSummary>>, ApiError> {
    Ok(Json(state.ports.support.cases(&c).await?))
}

pub(super) async fn case(
    State(state): State<AppState>,
    Authed(c): Authed,
    Path(id): Path<String>,
) -> Result<Json<CaseDetail>, ApiError> {
    Ok(Json(state.ports.support.case(&c, &id).await?))
}

pub(super) async fn open_case(
    State(state): State<AppState>,
    Authed(c): Authed,
    body: JsonBody,
) -> Result<(StatusCode, Json<CaseSummary>), ApiError> {
    let body = object_with_text(
        body,
        &["subject", "category", "description"],
        &["description"],
    )?;
    let new = NewCase {
        subject: text_field(&body, "subject", &t!("server-api-case-subject"))?.to_string(),
        category: text_field(&body, "category", &t!("server-api-case-category"))?.to_string(),
        description: opt_text(&body, "description")?.to_string(),
    };
    let case = state.ports.support.open_case(&c, new).await?;
    Ok((StatusCode::CREATED, Json(case)))
}

pub(super) async fn comment(
    State(state): State<AppState>,
    Authed(c): Authed,
    Path(id): Path<String>,
    body: JsonBody,
) -> Result<(StatusCode, Json<CaseComment>), ApiError> {
    let body = object_with_text(body, &["body"], &["body"])?;
    let text = text_field(&body, "body", &t!("server-api-case-comment"))?;
    let comment = state.ports.support.comment(&c, &id, text).await?;
    Ok((StatusCode::CREATED, Json(comment)))
}
