//! The usage card: the line's remaining quota (getDetail) and its traffic (getTrafficInfo),
//! read concurrently.

use super::{OwnedLine, PortalSims};
use crate::freebit::wire::kb_to_mb_f64;
use crate::portal::freebit_error;
use crate::store::now;
use app::domain::dates::{jst_date, jst_time_label};
use app::domain::{PlanCode, PortalError, UsageReport};

impl PortalSims {
    pub(super) async fn usage_of(&self, owned: &OwnedLine) -> Result<UsageReport, PortalError> {
        let (line, traffic) = tokio::join!(
            self.freebit.get_detail(&owned.msisdn),
            self.freebit.get_traffic_info(&owned.msisdn)
        );
        let line = line.map_err(freebit_error)?;
        let traffic = traffic.map_err(freebit_error)?.traffic();
        let as_of = now();
        // An unreadable day keeps its place (so later days keep their dates) and counts as 0.
        let days: Vec<f64> = traffic
            .recent_days_kb
            .iter()
            .map(|d| d.map_or(0.0, kb_to_mb_f64))
            .collect();
        Ok(UsageReport::build(
            owned.id,
            line.plan_code.parse::<PlanCode>().ok(),
            line.remaining_mb(),
            traffic.today_kb.map_or(0.0, kb_to_mb_f64),
            &days,
            traffic.throttled,
            line.status() == app::domain::SimStatus::Active,
            as_of,
            jst_time_label(as_of),
            jst_date(as_of),
        ))
    }
}
