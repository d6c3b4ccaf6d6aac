//! The customer timeline: this SIM's rows of the audit trail, newest first.

use super::settle::kind;
use crate::portal::store_error;
use crate::store::{audit, Db};
use app::domain::dates::{jst_datetime_label, jst_iso};
use app::domain::{Customer, Outcome, PortalError, SubscriptionId, TimelineEntry};

/// How many entries the page shows.
const LIMIT: i64 = 50;

fn action_label(k: &str) -> String {
    match k {
        kind::CHANGE_PLAN => "Plan change".into(),
        kind::WITHDRAW_PLAN_CHANGE => "Plan change withdrawn".into(),
        kind::FEATURES => "Options change".into(),
        kind::NETWORK_TYPE => "Network type change".into(),
        kind::CANCEL => "Cancellation".into(),
        kind::REISSUE_ESIM => "eSIM reissue".into(),
        crate::portal::topup::saga::KIND => "Top-up".into(),
        "usage_alert" => "Usage alert".into(),
        "usage_alert_set" => "Alert set".into(),
        "usage_alert_removed" => "Alert removed".into(),
        "trip_scheduled" | "trip_roaming" => "Trip roaming".into(),
        "trip_cancelled" => "Trip cancelled".into(),
        other => other.replace('_', " "),
    }
}

pub(super) async fn read(
    db: &Db,
    customer: &Customer,
    id: SubscriptionId,
) -> Result<Vec<TimelineEntry>, PortalError> {
    let subscription = i64::try_from(id.0).map_err(|_| PortalError::NotFound)?;
    let rows = audit::for_subscription(db, subscription, LIMIT)
        .await
        .map_err(store_error)?;
    Ok(rows
        .into_iter()
        .map(|r| TimelineEntry {
            at: r.created_at,
            at_label: jst_datetime_label(r.created_at),
            at_iso: jst_iso(r.created_at),
            actor: r.actor.unwrap_or_else(|| customer.email.clone()),
            action: action_label(&r.kind),
            detail: r.detail,
            outcome: Outcome::parse(r.outcome.as_deref().unwrap_or("accepted")),
        })
        .collect())
}
