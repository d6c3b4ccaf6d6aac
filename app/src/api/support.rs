use crate::domain::support::{CaseComment, CaseDetail, CaseSummary};
use crate::domain::PortalError;
use leptos::prelude::*;

#[server(prefix = "/api/fn", endpoint = "list_cases")]
pub async fn list_cases() -> Result<Vec<CaseSummary>, PortalError> {
    use super::ctx;
    let customer = ctx::with_status(ctx::customer().await)?;
    ctx::with_status(ctx::ports()?.support.cases(&customer).await)
}

#[server(prefix = "/api/fn", endpoint = "get_case")]
pub async fn get_case(id: String) -> Result<CaseDetail, PortalError> {
    use super::ctx;
    let customer = ctx::with_status(ctx::customer().await)?;
    ctx::with_status(ctx::ports()?.support.case(&customer, &id).await)
}

/// Opens a case and goes to its page.
#[server(prefix = "/api/fn", endpoint = "open_case")]
pub async fn open_case(
    subject: String,
    category: String,
    description: String,
) -> Result<CaseSummary, PortalError> {
    use super::ctx;
    let customer = ctx::with_status(ctx::customer().await)?;
    let case = ctx::with_status(
        ctx::ports()?
            .support
            .open_case(
                &customer,
                crate::domain::support::NewCase {
                    subject,
                    category,
                    description,
                },
            )
            .await,
    )?;
    leptos_axum::redirect(&crate::routes::support_case(&case.id));
    Ok(case)
}

#[server(prefix = "/api/fn", endpoint = "add_case_comment")]
pub async fn add_case_comment(id: String, body: String) -> Result<CaseComment, PortalError> {
    use super::ctx;
    let customer = ctx::with_status(ctx::customer().await)?;
    ctx::with_status(ctx::ports()?.support.comment(&customer, &id, &body).await)
}
