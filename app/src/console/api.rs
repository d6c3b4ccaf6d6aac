//! The console's server functions: each gets the staff member of the console session, calls
//! the port (which checks the role) and returns a domain type or [`PortalError`].

// The list's filter and an operation's inputs arrive as separate form fields.
#![allow(clippy::too_many_arguments)]

#[cfg(feature = "ssr")]
use crate::domain::console::{Bucket, OperationInput};
use crate::domain::console::{
    Dashboard, DemoStaff, NamedRef, OperationResult, Revealed, SimPage, SimWithEvents, Staff,
};
use crate::domain::PortalError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
pub(crate) mod ctx {
    use crate::api::ctx::{ports, with_status};
    use crate::console::port::{staff_token, Console};
    use crate::domain::console::Staff;
    use crate::domain::PortalError;
    use std::sync::Arc;

    pub fn console() -> Result<Arc<dyn Console>, PortalError> {
        Ok(ports()?.console)
    }

    pub fn token() -> Option<String> {
        let parts = leptos::prelude::use_context::<http::request::Parts>()?;
        staff_token(&parts.headers, ports().ok()?.secure_cookies)
    }

    /// The logged-in staff member, or `Unauthorized` (with the status for API callers).
    pub async fn staff() -> Result<Staff, PortalError> {
        let found = match token() {
            Some(t) => console()?.staff_for_session(&t).await?,
            None => None,
        };
        with_status(found.ok_or(PortalError::Unauthorized))
    }
}

/// Logs a staff member in; the browser goes to the dashboard (also as a plain form post).
#[server(prefix = "/api/fn", endpoint = "ops_login")]
pub async fn ops_login(email: String, password: String) -> Result<(), PortalError> {
    use crate::api::ctx as base;
    let ports = base::ports()?;
    let session = base::with_status(
        ports
            .console
            .login(email.trim(), &password, &base::client())
            .await,
    )?;
    base::set_cookie(&crate::console::port::staff_cookie(
        &session.token,
        session.max_age_secs,
        ports.secure_cookies,
    ));
    leptos_axum::redirect(super::routes::OPS);
    Ok(())
}

#[server(prefix = "/api/fn", endpoint = "ops_logout")]
pub async fn ops_logout() -> Result<(), PortalError> {
    use crate::api::ctx as base;
    let ports = base::ports()?;
    if let Some(token) = ctx::token() {
        ports.console.logout(&token).await?;
    }
    base::set_cookie(&crate::console::port::staff_cookie(
        "",
        0,
        ports.secure_cookies,
    ));
    leptos_axum::redirect(super::routes::OPS_LOGIN);
    Ok(())
}

/// The logged-in staff member, or `None`.
#[server(prefix = "/api/fn", endpoint = "current_staff")]
pub async fn current_staff() -> Result<Option<Staff>, PortalError> {
    let found = match ctx::token() {
        Some(t) => ctx::console()?.staff_for_session(&t).await?,
        None => None,
    };
    Ok(found)
}

#[server(prefix = "/api/fn", endpoint = "ops_demo_staff")]
pub async fn ops_demo_staff() -> Result<Option<DemoStaff>, PortalError> {
    Ok(ctx::console()?.demo_staff())
}

/// One page of the SIM list; the arguments are the list page's query parameters as typed.
#[allow(clippy::too_many_arguments)]
#[server(prefix = "/api/fn", endpoint = "ops_sims")]
pub async fn ops_sims(
    status: Option<String>,
    card_type: Option<String>,
    customer: Option<String>,
    tariff: Option<String>,
    q: Option<String>,
    sort: Option<String>,
    page: Option<String>,
    per_page: Option<String>,
) -> Result<SimPage, PortalError> {
    use crate::api::ctx as base;
    let staff = ctx::staff().await?;
    let filter = crate::domain::console::SimFilter::from_query(|k| match k {
        "status" => status.clone(),
        "type" => card_type.clone(),
        "customer" => customer.clone(),
        "tariff" => tariff.clone(),
        "q" => q.clone(),
        "sort" => sort.clone(),
        "page" => page.clone(),
        "perPage" => per_page.clone(),
        _ => None,
    });
    base::with_status(match filter {
        Ok(f) => ctx::console()?.sims(&staff, &f).await,
        Err(e) => Err(e),
    })
}

#[server(prefix = "/api/fn", endpoint = "ops_sim")]
pub async fn ops_sim(id: i64) -> Result<SimWithEvents, PortalError> {
    let staff = ctx::staff().await?;
    crate::api::ctx::with_status(ctx::console()?.sim(&staff, id).await)
}

/// Runs `op` (`suspend`, `report-lost`, …) on a SIM with what that operation needs. Numbers
/// arrive as form text (an empty field is "not given").
#[allow(clippy::too_many_arguments)]
#[server(prefix = "/api/fn", endpoint = "ops_operate")]
pub async fn ops_operate(
    id: i64,
    op: String,
    reason: Option<String>,
    customer_id: Option<String>,
    activation_code: Option<String>,
    tariff_id: Option<String>,
    new_iccid: Option<String>,
    expected_version: Option<String>,
) -> Result<OperationResult, PortalError> {
    use crate::domain::inventory::Operation;
    let staff = ctx::staff().await?;
    let text = |v: Option<String>| v.map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
    let number = |field: &str, v: Option<String>| -> Result<Option<i64>, PortalError> {
        text(v)
            .map(|s| {
                s.parse::<i64>().map_err(|_| {
                    PortalError::invalid(
                        field,
                        crate::t!("console-param-number", name = field.to_string()),
                    )
                })
            })
            .transpose()
    };
    let input = (|| {
        Ok::<_, PortalError>(OperationInput {
            reason: text(reason),
            customer_id: number("customerId", customer_id)?,
            activation_code: text(activation_code),
            tariff_id: number("tariffId", tariff_id)?,
            new_iccid: text(new_iccid),
            expected_version: number("expectedVersion", expected_version)?,
        })
    })();
    let op = Operation::parse(&op)
        .ok_or_else(|| PortalError::invalid("op", crate::t!("console-unknown-operation")));
    crate::api::ctx::with_status(match (op, input) {
        (Ok(op), Ok(input)) => {
            ctx::console()?
                .operate(
                    &staff,
                    id,
                    op,
                    &input,
                    crate::console::port::Source::Console,
                )
                .await
        }
        (Err(e), _) | (_, Err(e)) => Err(e),
    })
}

/// The tariff plans (for filters and pickers).
#[server(prefix = "/api/fn", endpoint = "ops_tariffs")]
pub async fn ops_tariffs() -> Result<Vec<NamedRef>, PortalError> {
    let staff = ctx::staff().await?;
    crate::api::ctx::with_status(ctx::console()?.tariffs(&staff).await)
}

#[server(prefix = "/api/fn", endpoint = "ops_reveal")]
pub async fn ops_reveal(id: i64) -> Result<Revealed, PortalError> {
    let staff = ctx::staff().await?;
    crate::api::ctx::with_status(
        ctx::console()?
            .reveal(&staff, id, crate::console::port::Source::Console)
            .await,
    )
}

#[server(prefix = "/api/fn", endpoint = "ops_dashboard")]
pub async fn ops_dashboard(bucket: String) -> Result<Dashboard, PortalError> {
    let staff = ctx::staff().await?;
    let bucket = Bucket::parse(&bucket).unwrap_or_default();
    crate::api::ctx::with_status(ctx::console()?.dashboard(&staff, bucket).await)
}
