//! A SIM's top-up history: the portal's own top-ups merged with the carrier's quota history
//! (PA05-02), so additions made outside the portal (staff, campaigns) show too. A carrier
//! entry carrying a portal top-up's `quotaCode` is that top-up, not a second line.

use super::saga::Saga;
use super::view::to_view;
use crate::cache::ttl;
use crate::portal::sim::OwnedLine;
use crate::portal::store_error;
use crate::store::top_ups;
use app::domain::dates::{date_label, jst_date};
use app::domain::topup::topup_label;
use app::domain::{Customer, PortalError, TopUp, TopUpHistory, TopUpState};
use chrono::{Duration, NaiveDate};
use std::collections::HashSet;

/// 00:00 JST of `d`, in Unix seconds.
fn jst_midnight(d: NaiveDate) -> i64 {
    d.and_hms_opt(0, 0, 0)
        .unwrap_or_default()
        .and_utc()
        .timestamp()
        - 9 * 3600
}

pub(super) async fn read(
    saga: &Saga,
    customer: &Customer,
    owned: &OwnedLine,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<TopUpHistory, PortalError> {
    let subscription = i64::try_from(owned.id.0).map_err(|_| PortalError::NotFound)?;
    // A little wider than asked, so a carrier entry dated the day after its order still
    // finds its portal row.
    let rows = top_ups::for_subscription(
        &saga.db,
        subscription,
        jst_midnight(from - Duration::days(2)),
        jst_midnight(to + Duration::days(1)),
    )
    .await
    .map_err(store_error)?;
    let codes: HashSet<&str> = rows.iter().map(|r| r.quota_code.as_str()).collect();
    let mut entries: Vec<TopUp> = rows
        .iter()
        .filter(|r| (from..=to).contains(&jst_date(r.created_at)))
        .map(to_view)
        .collect();
    // The carrier's side is cached like usage (a minute); the portal's own rows are read
    // live, so a top-up just ordered shows at once.
    let carrier = saga
        .cache
        .get_or_load(
            customer.id,
            &format!("quota_history:{}:{from}:{to}", owned.id.0),
            |_| ttl::USAGE,
            || async {
                saga.freebit
                    .quota_history(&owned.msisdn, from, to)
                    .await
                    .map_err(crate::portal::freebit_error)
            },
        )
        .await;
    let carrier_complete = carrier.is_ok();
    match carrier {
        Ok(list) => {
            for h in list {
                if h.quota_code.as_deref().is_some_and(|c| codes.contains(c)) {
                    continue;
                }
                let Some(day) = chrono::NaiveDate::parse_from_str(&h.date, "%Y%m%d").ok() else {
                    continue;
                };
                entries.push(TopUp {
                    id: None,
                    created_at: jst_midnight(day),
                    created_at_label: date_label(day),
                    quota_mb: h.quota,
                    quota_label: topup_label(h.quota),
                    amount_jpy: None,
                    state: TopUpState::Applied,
                    invoice_id: None,
                    scheduled_for: None,
                    message: app::t!("server-topup-carrier-added", quota = topup_label(h.quota)),
                    source: "carrier".into(),
                });
            }
        }
        Err(e) => {
            tracing::warn!(error = %e, "quota history unavailable; showing portal top-ups only")
        }
    }
    entries.sort_by_key(|e| std::cmp::Reverse(e.created_at));
    Ok(TopUpHistory {
        entries,
        carrier_complete,
    })
}
