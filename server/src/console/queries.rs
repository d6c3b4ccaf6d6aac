//! Reads: the SIM list (index walks, no totals), one SIM with its history, and the
//! dashboard's numbers (from the maintained counts, not from counting the inventory).

use super::{db_error, store_err, OpsConsole};
use crate::store::inventory::{self as inv, ListQuery};
use app::domain::console::{
    regroup, Bucket, Dashboard, DateCount, NamedRef, SimFilter, SimPage, SimSort, SimWithEvents,
    StatusCount, TariffCount,
};
use app::domain::inventory::LifecycleState;
use app::domain::PortalError;
use app::t;
use chrono::NaiveDate;
use sqlx::Row;

const DAY_SECS: i64 = 86_400;
/// The longest activations range one request may ask for.
pub const MAX_RANGE_DAYS: i64 = 3 * 366;

impl OpsConsole {
    pub(super) async fn list(&self, f: &SimFilter) -> Result<SimPage, PortalError> {
        let per_page = f.per_page();
        let page = f.page();
        let order = match f.sort {
            SimSort::Iccid => "s.iccid ASC",
            SimSort::IccidDesc => "s.iccid DESC",
            SimSort::Created => "s.id ASC",
            SimSort::CreatedDesc => "s.id DESC",
        };
        let mut conn = self.db.acquire().await.map_err(db_error)?;
        let mut items = inv::list(
            &mut conn,
            &ListQuery {
                status: f.status,
                card_type: f.card_type,
                customer: f.customer,
                tariff: f.tariff,
                q: f.q.clone(),
                order,
                offset: i64::from(page - 1) * i64::from(per_page),
                // One more than the page: whether there is a next page, without counting.
                limit: i64::from(per_page) + 1,
            },
        )
        .await
        .map_err(store_err)?;
        let has_next = items.len() > per_page as usize;
        items.truncate(per_page as usize);
        Ok(SimPage {
            items,
            page,
            per_page,
            has_next,
        })
    }

    pub(super) async fn detail(&self, id: i64) -> Result<SimWithEvents, PortalError> {
        let mut conn = self.db.acquire().await.map_err(db_error)?;
        let sim = self.card(&mut conn, id).await?;
        let events = inv::events(&mut conn, id, 200).await.map_err(store_err)?;
        Ok(SimWithEvents { sim, events })
    }

    pub(super) async fn status_counts(&self) -> Result<Vec<StatusCount>, PortalError> {
        let rows = sqlx::query(
            "SELECT status, CAST(SUM(count) AS BIGINT) AS n FROM sim_counts GROUP BY status",
        )
        .fetch_all(&self.db)
        .await
        .map_err(db_error)?;
        let mut counts: Vec<StatusCount> = LifecycleState::ALL
            .iter()
            .map(|s| StatusCount {
                status: *s,
                count: 0,
            })
            .collect();
        for r in rows {
            let status: String = r.try_get("status").map_err(db_error)?;
            let n: i64 = r.try_get("n").map_err(db_error)?;
            if let Some(c) = LifecycleState::parse(&status)
                .and_then(|s| counts.iter_mut().find(|c| c.status == s))
            {
                c.count = n;
            }
        }
        Ok(counts)
    }

    /// SIMs per tariff plan, terminated cards left out (they no longer use a plan).
    pub(super) async fn tariff_counts(&self) -> Result<Vec<TariffCount>, PortalError> {
        let rows = sqlx::query(
            "SELECT c.tariff_id, t.name, CAST(SUM(c.count) AS BIGINT) AS n FROM sim_counts c \
             LEFT JOIN tariff_plans t ON t.id = c.tariff_id WHERE c.status <> 'TERMINATED' \
             GROUP BY c.tariff_id, t.name ORDER BY n DESC",
        )
        .fetch_all(&self.db)
        .await
        .map_err(db_error)?;
        let mut out = Vec::new();
        for r in rows {
            let id: i64 = r.try_get("tariff_id").map_err(db_error)?;
            let n: i64 = r.try_get("n").map_err(db_error)?;
            if n == 0 {
                continue;
            }
            let name: Option<String> = r.try_get("name").map_err(db_error)?;
            out.push(TariffCount {
                tariff_id: (id != 0).then_some(id),
                tariff: name.unwrap_or_else(|| t!("console-no-tariff")),
                count: n,
            });
        }
        Ok(out)
    }

    pub(super) async fn tariff_list(&self) -> Result<Vec<NamedRef>, PortalError> {
        let rows = sqlx::query("SELECT id, name FROM tariff_plans ORDER BY name LIMIT 500")
            .fetch_all(&self.db)
            .await
            .map_err(db_error)?;
        rows.iter()
            .map(|r| {
                Ok(NamedRef {
                    id: r.try_get("id").map_err(db_error)?,
                    name: r.try_get("name").map_err(db_error)?,
                })
            })
            .collect()
    }

    /// Activations per JST day, every day from `from` to `to` present (zeros included).
    pub(super) async fn activation_days(
        &self,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Vec<DateCount>, PortalError> {
        if to < from {
            return Err(PortalError::invalid("to", t!("console-range-reversed")));
        }
        if (to - from).num_days() > MAX_RANGE_DAYS {
            return Err(PortalError::invalid("from", t!("console-range-too-long")));
        }
        let day0 = from
            .and_hms_opt(0, 0, 0)
            .map_or(0, |d| d.and_utc().timestamp() / DAY_SECS);
        let day1 = to
            .and_hms_opt(0, 0, 0)
            .map_or(0, |d| d.and_utc().timestamp() / DAY_SECS);
        let rows = sqlx::query(
            "SELECT day, count AS n FROM activation_days WHERE day >= $1 AND day <= $2",
        )
        .bind(day0)
        .bind(day1)
        .fetch_all(&self.db)
        .await
        .map_err(db_error)?;
        let mut counts = std::collections::HashMap::new();
        for r in rows {
            let day: i64 = r.try_get("day").map_err(db_error)?;
            let n: i64 = r.try_get("n").map_err(db_error)?;
            counts.insert(day, n);
        }
        Ok((day0..=day1)
            .map(|d| DateCount {
                date: chrono::DateTime::from_timestamp(d * DAY_SECS, 0)
                    .map(|t| t.format("%Y-%m-%d").to_string())
                    .unwrap_or_default(),
                count: counts.get(&d).copied().unwrap_or(0),
            })
            .collect())
    }

    pub(super) async fn build_dashboard(&self, bucket: Bucket) -> Result<Dashboard, PortalError> {
        let today = (chrono::Utc::now() + chrono::Duration::hours(9)).date_naive();
        let from = today
            - chrono::Duration::days(match bucket {
                Bucket::Day => 89,
                Bucket::Week | Bucket::Month => 364,
            });
        let days = self.activation_days(from, today).await?;
        Ok(Dashboard {
            by_status: self.status_counts().await?,
            activations: regroup(&days, bucket),
            bucket,
            by_tariff: self.tariff_counts().await?,
        })
    }
}
