//! Top-up server functions: the modal's order and the page's history list.

use crate::domain::{PortalError, SubscriptionId, TopUp, TopUpHistory};
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use super::ctx::{customer, ports, with_status};

#[cfg(feature = "ssr")]
fn today_jst() -> chrono::NaiveDate {
    crate::domain::dates::jst_date(chrono::Utc::now().timestamp())
}

/// Orders a top-up. `idempotency_key` is made when the modal opens: sending the same order
/// twice (double click, retry, reload) never charges twice.
#[server(prefix = "/api/fn", endpoint = "top_up_sim")]
pub async fn top_up_sim(
    id: SubscriptionId,
    quota_mb: String,
    campaign_code: String,
    expiry_date: String,
    scheduled_for: String,
    idempotency_key: String,
) -> Result<TopUp, PortalError> {
    with_status(
        async {
            let order = crate::domain::TopUpOrder::parse_input(
                &quota_mb,
                &campaign_code,
                &expiry_date,
                &scheduled_for,
                today_jst(),
            )?;
            let key = crate::domain::topup::parse_idempotency_key(&idempotency_key)?;
            ports()?
                .top_ups
                .order(&customer().await?, id, order, &key)
                .await
        }
        .await,
    )
}

/// The last 90 days of top-ups, the portal's and the carrier's.
#[server(prefix = "/api/fn", endpoint = "get_top_up_history")]
pub async fn get_top_up_history(id: SubscriptionId) -> Result<TopUpHistory, PortalError> {
    with_status(
        async {
            let (from, to) = crate::domain::topup::parse_history_range(None, None, today_jst())?;
            ports()?
                .top_ups
                .history(&customer().await?, id, from, to)
                .await
        }
        .await,
    )
}
