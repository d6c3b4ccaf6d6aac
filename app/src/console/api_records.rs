//! Server functions for customers, activation codes, tariff plans and bulk changes.

// The list's filter arrives as separate form fields.
#![allow(clippy::too_many_arguments)]

#[cfg(feature = "ssr")]
use super::api::ctx;
#[cfg(feature = "ssr")]
use crate::domain::console::OperationInput;
use crate::domain::console::{OperationResult, StaffUser};
use crate::domain::console_records::{
    ActivationCode, BulkPreview, BulkResult, CodePage, CustomerDetail, CustomerPage, CustomerRow,
    TariffPlan,
};
use crate::domain::PortalError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
fn page_number(page: Option<String>) -> u32 {
    page.and_then(|p| p.trim().parse().ok()).unwrap_or(1)
}

#[server(prefix = "/api/fn", endpoint = "ops_customers")]
pub async fn ops_customers(
    q: Option<String>,
    page: Option<String>,
) -> Result<CustomerPage, PortalError> {
    let staff = ctx::staff().await?;
    crate::api::ctx::with_status(
        ctx::console()?
            .customers(&staff, q.as_deref(), page_number(page))
            .await,
    )
}

#[server(prefix = "/api/fn", endpoint = "ops_customer")]
pub async fn ops_customer(id: i64) -> Result<CustomerDetail, PortalError> {
    let staff = ctx::staff().await?;
    crate::api::ctx::with_status(ctx::console()?.customer(&staff, id).await)
}

/// Creates a customer (`id` empty) or edits one (support, admin).
#[server(prefix = "/api/fn", endpoint = "ops_save_customer")]
pub async fn ops_save_customer(
    id: Option<String>,
    first_name: String,
    last_name: String,
    email: String,
    phone: String,
) -> Result<CustomerRow, PortalError> {
    use crate::domain::console::Permission;
    use crate::domain::console_records::CustomerInput;
    let staff = ctx::staff().await?;
    let result = async {
        // The role first: a viewer learns nothing from the validation of a form they may not send.
        staff.require(Permission::Operate)?;
        let input = CustomerInput::parse(&first_name, &last_name, &email, &phone)?;
        let id = match id.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
            None => None,
            Some(s) => Some(
                s.parse::<i64>()
                    .map_err(|_| PortalError::NoSuch(crate::t!("console-no-such-customer")))?,
            ),
        };
        ctx::console()?
            .save_customer(&staff, id, &input, crate::console::port::Source::Console)
            .await
    }
    .await;
    crate::api::ctx::with_status(result)
}

/// The store's plans for curation (staff): those featured now and a search like the
/// customers' (country name, `q`), 24 a page.
#[server(prefix = "/api/fn", endpoint = "ops_store_plans")]
pub async fn ops_store_plans(
    q: Option<String>,
    page: Option<String>,
) -> Result<crate::domain::console_records::Curation, PortalError> {
    use crate::domain::console::Permission;
    let staff = ctx::staff().await?;
    let result = async {
        staff.require(Permission::Read)?;
        let store = crate::api::ctx::ports()?.store;
        let filter = crate::domain::store::PlanFilter::parse(|k| match k {
            "q" => q.clone(),
            "page" => page.clone(),
            _ => None,
        })?;
        Ok(crate::domain::console_records::Curation {
            featured: store.featured().await?,
            results: store.plans(&filter).await?,
        })
    }
    .await;
    crate::api::ctx::with_status(result)
}

/// Features a plan on `/store` or stops featuring it (admin).
#[server(prefix = "/api/fn", endpoint = "ops_set_featured")]
pub async fn ops_set_featured(name: String, featured: String) -> Result<(), PortalError> {
    use crate::domain::console::Permission;
    let staff = ctx::staff().await?;
    let result = async {
        staff.require(Permission::Administer)?;
        let on = featured.trim() == "true";
        crate::api::ctx::ports()?
            .store
            .set_featured(name.trim(), on)
            .await?;
        tracing::info!(
            staff = staff.id,
            plan = name.trim(),
            featured = on,
            "store plan curation changed"
        );
        Ok(())
    }
    .await;
    crate::api::ctx::with_status(result)
}

/// Reserves the available SIM with `iccid` for the customer.
#[server(prefix = "/api/fn", endpoint = "ops_assign")]
pub async fn ops_assign(customer_id: i64, iccid: String) -> Result<OperationResult, PortalError> {
    let staff = ctx::staff().await?;
    crate::api::ctx::with_status(
        ctx::console()?
            .assign(
                &staff,
                customer_id,
                &iccid,
                crate::console::port::Source::Console,
            )
            .await,
    )
}

#[server(prefix = "/api/fn", endpoint = "ops_codes")]
pub async fn ops_codes(
    status: Option<String>,
    q: Option<String>,
    page: Option<String>,
) -> Result<CodePage, PortalError> {
    use crate::domain::console_records::CodeStatus;
    let staff = ctx::staff().await?;
    let status = status.filter(|s| !s.trim().is_empty());
    let parsed = status.as_deref().map(CodeStatus::parse);
    crate::api::ctx::with_status(match parsed {
        Some(None) => Err(PortalError::invalid(
            "status",
            crate::t!("console-code-status-invalid"),
        )),
        Some(Some(s)) => {
            ctx::console()?
                .codes(&staff, Some(s), q.as_deref(), page_number(page))
                .await
        }
        None => {
            ctx::console()?
                .codes(&staff, None, q.as_deref(), page_number(page))
                .await
        }
    })
}

#[server(prefix = "/api/fn", endpoint = "ops_mark_code")]
pub async fn ops_mark_code(id: i64, status: String) -> Result<ActivationCode, PortalError> {
    use crate::domain::console_records::CodeStatus;
    let staff = ctx::staff().await?;
    crate::api::ctx::with_status(
        match CodeStatus::parse(&status).filter(|s| *s != CodeStatus::Unused) {
            Some(s) => {
                ctx::console()?
                    .mark_code(&staff, id, s, crate::console::port::Source::Console)
                    .await
            }
            None => Err(PortalError::invalid(
                "status",
                crate::t!("console-code-mark-invalid"),
            )),
        },
    )
}

#[server(prefix = "/api/fn", endpoint = "ops_tariff_plans")]
pub async fn ops_tariff_plans() -> Result<Vec<TariffPlan>, PortalError> {
    let staff = ctx::staff().await?;
    crate::api::ctx::with_status(ctx::console()?.tariff_plans(&staff).await)
}

/// Creates a tariff plan (`id` empty) or edits one.
#[server(prefix = "/api/fn", endpoint = "ops_save_tariff")]
pub async fn ops_save_tariff(
    id: Option<String>,
    name: String,
    monthly_price_yen: String,
    description: String,
    kind: String,
) -> Result<TariffPlan, PortalError> {
    use crate::domain::console::Permission;
    use crate::domain::console_records::TariffInput;
    let staff = ctx::staff().await?;
    let result = async {
        staff.require(Permission::Administer)?;
        let input = TariffInput::parse(&name, &monthly_price_yen, &description, &kind)?;
        let id = match id.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
            None => None,
            Some(s) => Some(
                s.parse::<i64>()
                    .map_err(|_| PortalError::NoSuch(crate::t!("console-no-such-tariff")))?,
            ),
        };
        ctx::console()?
            .save_tariff(&staff, id, &input, crate::console::port::Source::Console)
            .await
    }
    .await;
    crate::api::ctx::with_status(result)
}

#[server(prefix = "/api/fn", endpoint = "ops_delete_tariff")]
pub async fn ops_delete_tariff(id: i64) -> Result<(), PortalError> {
    let staff = ctx::staff().await?;
    crate::api::ctx::with_status(
        ctx::console()?
            .delete_tariff(&staff, id, crate::console::port::Source::Console)
            .await,
    )
}

/// The preview of `op` on the SIMs the list's filter selects (its query parameters as typed).
#[allow(clippy::too_many_arguments)]
#[server(prefix = "/api/fn", endpoint = "ops_bulk_preview")]
pub async fn ops_bulk_preview(
    op: String,
    status: Option<String>,
    card_type: Option<String>,
    customer: Option<String>,
    tariff: Option<String>,
    q: Option<String>,
    sort: Option<String>,
) -> Result<BulkPreview, PortalError> {
    use crate::domain::inventory::Operation;
    let staff = ctx::staff().await?;
    let result = async {
        let op = Operation::parse(&op)
            .ok_or_else(|| PortalError::invalid("op", crate::t!("console-unknown-operation")))?;
        let filter = crate::domain::console::SimFilter::from_query(|k| match k {
            "status" => status.clone(),
            "type" => card_type.clone(),
            "customer" => customer.clone(),
            "tariff" => tariff.clone(),
            "q" => q.clone(),
            "sort" => sort.clone(),
            _ => None,
        })?;
        ctx::console()?.bulk_preview(&staff, &filter, op).await
    }
    .await;
    crate::api::ctx::with_status(result)
}

/// Applies `op` to the SIMs picked from a preview (`items`: JSON `[{"id","version"}…]`).
#[server(prefix = "/api/fn", endpoint = "ops_bulk_apply")]
pub async fn ops_bulk_apply(
    op: String,
    items: String,
    reason: Option<String>,
) -> Result<BulkResult, PortalError> {
    use crate::domain::console_records::Picked;
    use crate::domain::inventory::Operation;
    let staff = ctx::staff().await?;
    let result = async {
        let op = Operation::parse(&op)
            .ok_or_else(|| PortalError::invalid("op", crate::t!("console-unknown-operation")))?;
        let picked: Vec<Picked> = serde_json::from_str(&items)
            .map_err(|_| PortalError::invalid("items", crate::t!("console-bulk-items-invalid")))?;
        let input = OperationInput {
            reason: reason.filter(|r| !r.trim().is_empty()),
            ..OperationInput::default()
        };
        ctx::console()?
            .bulk_apply(
                &staff,
                &picked,
                op,
                &input,
                crate::console::port::Source::Console,
            )
            .await
    }
    .await;
    crate::api::ctx::with_status(result)
}

#[server(prefix = "/api/fn", endpoint = "ops_staff_users")]
pub async fn ops_staff_users() -> Result<Vec<StaffUser>, PortalError> {
    let staff = ctx::staff().await?;
    crate::api::ctx::with_status(ctx::console()?.staff_users(&staff).await)
}

#[server(prefix = "/api/fn", endpoint = "ops_add_staff")]
pub async fn ops_add_staff(
    email: String,
    role: String,
    password: String,
) -> Result<StaffUser, PortalError> {
    use crate::domain::console::Role;
    let staff = ctx::staff().await?;
    crate::api::ctx::with_status(match Role::parse(&role) {
        Some(role) => {
            ctx::console()?
                .add_staff(
                    &staff,
                    &email,
                    role,
                    &password,
                    crate::console::port::Source::Console,
                )
                .await
        }
        None => Err(PortalError::invalid(
            "role",
            crate::t!("console-role-invalid"),
        )),
    })
}

/// Sets a staff member's role and whether they are disabled (`disabled`: "true"/"false").
#[server(prefix = "/api/fn", endpoint = "ops_update_staff")]
pub async fn ops_update_staff(
    id: i64,
    role: String,
    disabled: String,
) -> Result<StaffUser, PortalError> {
    use crate::domain::console::Role;
    let staff = ctx::staff().await?;
    crate::api::ctx::with_status(match Role::parse(&role) {
        Some(role) => {
            ctx::console()?
                .update_staff(
                    &staff,
                    id,
                    role,
                    disabled == "true",
                    crate::console::port::Source::Console,
                )
                .await
        }
        None => Err(PortalError::invalid(
            "role",
            crate::t!("console-role-invalid"),
        )),
    })
}
