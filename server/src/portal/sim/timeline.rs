//! The customer timeline: this SIM's rows of the audit trail, newest first.

use super::settle::kind;
use crate::portal::store_error;
use crate::store::{audit, Db};
use app::domain::dates::{jst_datetime_label, jst_iso};
use app::domain::{Customer, Outcome, PortalError, SubscriptionId, TimelineEntry};
use app::t;

/// How many entries the page shows.
const LIMIT: i64 = 50;

/// The action's name, in the language of the request (the rows keep the kind). The details
/// are stored text, in the language current when they were written.
fn action_label(k: &str) -> String {
    match k {
        kind::CHANGE_PLAN => t!("server-timeline-change-plan"),
        kind::WITHDRAW_PLAN_CHANGE => t!("server-timeline-withdraw-plan-change"),
        kind::FEATURES => t!("server-timeline-features"),
        kind::NETWORK_TYPE => t!("server-timeline-network-type"),
        kind::CANCEL => t!("server-timeline-cancel"),
        kind::REISSUE_ESIM => t!("server-timeline-reissue-esim"),
        crate::portal::topup::saga::KIND => t!("server-timeline-top-up"),
        "usage_alert" => t!("server-timeline-usage-alert"),
        "usage_alert_set" => t!("server-timeline-alert-set"),
        "usage_alert_removed" => t!("server-timeline-alert-removed"),
        "trip_scheduled" | "trip_roaming" => t!("server-timeline-trip-roaming"),
        "trip_cancelled" => t!("server-timeline-trip-cancelled"),
        other => other.replace('_', " "),
    }
}

/// Who did it: the stored actor, trip roaming's own name in the request's language.
fn actor_label(actor: Option<String>, customer: &Customer) -> String {
    match actor {
        Some(a) if a == super::TRIP_ACTOR => t!("server-timeline-trip-roaming"),
        Some(a) => a,
        None => customer.email.clone(),
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
            actor: actor_label(r.actor, customer),
            action: action_label(&r.kind),
            detail: r.detail,
            outcome: Outcome::parse(r.outcome.as_deref().unwrap_or("accepted")),
        })
        .collect())
}
