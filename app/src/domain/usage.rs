//! Data usage as the usage card shows it: this month's figures, 30 days of history, the
//! burn-rate forecast and the plan right-sizer. Pure functions of the carrier's numbers, so
//! they are unit-tested here and the page, the REST API and the tests agree.

use super::dates::{first_of_next_month, short_date_label};
use super::plan::PlanCode;
use super::quota::format_quota_mb;
use super::subscription::SubscriptionId;
use chrono::{Duration, NaiveDate};
use serde::{Deserialize, Serialize};

/// One day of usage; `usageHistory[]` in seed 000.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DailyUsage {
    pub date: NaiveDate,
    pub usage_mb: f64,
}

/// How long the remaining data lasts at the recent pace.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum Forecast {
    /// Too little history to say.
    Unknown,
    /// Nothing left: the line is throttled until a top-up or the monthly reset.
    Exhausted {
        #[serde(rename = "resetsOn")]
        resets_on: NaiveDate,
    },
    /// Runs out before the monthly reset.
    RunsOut {
        on: NaiveDate,
        #[serde(rename = "dailyAverageMb")]
        daily_average_mb: u64,
    },
    /// Lasts until the quota resets on the 1st.
    Lasts {
        #[serde(rename = "resetsOn")]
        resets_on: NaiveDate,
        #[serde(rename = "dailyAverageMb")]
        daily_average_mb: u64,
    },
}

impl Forecast {
    /// Days of history the pace is averaged over.
    pub const WINDOW_DAYS: usize = 7;

    /// `history` is newest first and excludes today.
    pub fn compute(remaining_mb: u64, history: &[DailyUsage], today: NaiveDate) -> Self {
        let resets_on = first_of_next_month(today);
        if remaining_mb == 0 {
            return Forecast::Exhausted { resets_on };
        }
        let recent: Vec<f64> = history
            .iter()
            .take(Self::WINDOW_DAYS)
            .map(|d| d.usage_mb)
            .collect();
        if recent.len() < 3 {
            return Forecast::Unknown;
        }
        let avg = recent.iter().sum::<f64>() / recent.len() as f64;
        let daily_average_mb = avg.round() as u64;
        if daily_average_mb == 0 {
            return Forecast::Lasts {
                resets_on,
                daily_average_mb,
            };
        }
        let days = remaining_mb / daily_average_mb;
        let on = today + Duration::days(i64::try_from(days).unwrap_or(i64::MAX / 2).min(3650));
        if on >= resets_on {
            Forecast::Lasts {
                resets_on,
                daily_average_mb,
            }
        } else {
            Forecast::RunsOut {
                on,
                daily_average_mb,
            }
        }
    }

    /// The sentence beside the figures.
    pub fn message(&self) -> String {
        match self {
            Forecast::Unknown => crate::t!("domain-forecast-unknown"),
            Forecast::Exhausted { resets_on } => crate::t!(
                "domain-forecast-exhausted",
                date = short_date_label(*resets_on)
            ),
            Forecast::RunsOut {
                on,
                daily_average_mb,
            } => crate::t!(
                "domain-forecast-runs-out",
                pace = format_quota_mb(*daily_average_mb),
                date = short_date_label(*on)
            ),
            Forecast::Lasts {
                resets_on,
                daily_average_mb,
            } => crate::t!(
                "domain-forecast-lasts",
                pace = format_quota_mb(*daily_average_mb),
                date = short_date_label(*resets_on)
            ),
        }
    }

    /// Whether the page should push the top-up.
    pub fn needs_top_up(&self) -> bool {
        matches!(self, Forecast::Exhausted { .. } | Forecast::RunsOut { .. })
    }
}

/// The plan right-sizer: the customer's recent usage replayed against each plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RightSize {
    pub window_days: u32,
    pub used_mb: u64,
    /// The smallest plan that would have covered it (the largest if none would).
    pub suggestion: PlanCode,
    pub current: Option<PlanCode>,
}

impl RightSize {
    /// `history` is newest first; needs at least a week to say anything.
    pub fn compute(history: &[DailyUsage], current: Option<PlanCode>) -> Option<Self> {
        let window: Vec<&DailyUsage> = history.iter().take(30).collect();
        if window.len() < 7 {
            return None;
        }
        let used = window.iter().map(|d| d.usage_mb).sum::<f64>();
        // Scale a shorter history to a 30-day month.
        let used_mb = (used * 30.0 / window.len() as f64).round() as u64;
        let suggestion = PlanCode::ALL
            .into_iter()
            .find(|p| p.monthly_quota_mb() >= used_mb)
            .unwrap_or(PlanCode::Pasi50G);
        Some(RightSize {
            window_days: 30,
            used_mb,
            suggestion,
            current,
        })
    }

    /// Whether `plan` would have covered the window.
    pub fn fits(&self, plan: PlanCode) -> bool {
        plan.monthly_quota_mb() >= self.used_mb
    }

    /// By how much `plan` would have fallen short, if it would have.
    pub fn shortfall_mb(&self, plan: PlanCode) -> Option<u64> {
        self.used_mb
            .checked_sub(plan.monthly_quota_mb())
            .filter(|s| *s > 0)
    }

    pub fn message(&self) -> String {
        let used = format_quota_mb(self.used_mb);
        let size = |p: PlanCode| format_quota_mb(p.monthly_quota_mb()).replace(".0 GB", " GB");
        let days = crate::i18n::num(self.window_days);
        match self.current {
            _ if !self.fits(self.suggestion) => crate::t!(
                "domain-right-size-over",
                days = days,
                used = used,
                plan = size(self.suggestion)
            ),
            Some(c) if c == self.suggestion => {
                crate::t!(
                    "domain-right-size-right",
                    days = days,
                    used = used,
                    plan = size(c)
                )
            }
            Some(c) if !self.fits(c) => crate::t!(
                "domain-right-size-bigger",
                days = days,
                used = used,
                plan = size(c),
                suggestion = size(self.suggestion)
            ),
            _ => crate::t!(
                "domain-right-size-smaller",
                days = days,
                used = used,
                suggestion = size(self.suggestion)
            ),
        }
    }
}

/// The usage card and `GET /api/subscriptions/{id}/sim/usage`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UsageReport {
    pub subscription_id: SubscriptionId,
    pub today_usage_mb: f64,
    /// The plan's allowance (or what is left, if top-ups took it higher).
    pub total_quota_mb: u64,
    /// `None` (like the two below) when the carrier did not report the remaining quota.
    pub used_mb: Option<u64>,
    pub remaining_quota_mb: Option<u64>,
    /// "47.1 GB", or "Unknown".
    pub remaining_label: String,
    /// 0–100, one decimal.
    pub used_percent: Option<f64>,
    /// Newest first, excluding today.
    pub usage_history: Vec<DailyUsage>,
    /// Throttled to low speed by the carrier.
    pub throttled: bool,
    /// Whether the line is in service; the card gives no advice (forecast, top-up, plan size)
    /// for a suspended or cancelled line.
    pub line_active: bool,
    /// When the carrier's figures were read (Unix seconds) and the JST date then.
    pub as_of: i64,
    pub as_of_label: String,
    pub today: NaiveDate,
    pub forecast: Forecast,
    pub right_size: Option<RightSize>,
}

impl UsageReport {
    /// Builds the card from the carrier's numbers: remaining and today's usage in MB, daily
    /// history newest first (index 0 = yesterday).
    #[allow(clippy::too_many_arguments)]
    pub fn build(
        subscription_id: SubscriptionId,
        plan: Option<PlanCode>,
        remaining_mb: Option<u64>,
        today_usage_mb: f64,
        daily_mb_newest_first: &[f64],
        throttled: bool,
        line_active: bool,
        as_of: i64,
        as_of_label: String,
        today: NaiveDate,
    ) -> Self {
        let usage_history: Vec<DailyUsage> = daily_mb_newest_first
            .iter()
            .enumerate()
            .map(|(i, mb)| DailyUsage {
                date: today - Duration::days(i as i64 + 1),
                usage_mb: round2(*mb),
            })
            .collect();
        let known = remaining_mb.unwrap_or(0);
        let total_quota_mb = plan
            .map(PlanCode::monthly_quota_mb)
            .unwrap_or(known)
            .max(known);
        let used_mb = remaining_mb.map(|r| total_quota_mb - r);
        let used_percent = used_mb.map(|used| {
            if total_quota_mb == 0 {
                0.0
            } else {
                (used as f64 * 1000.0 / total_quota_mb as f64).round() / 10.0
            }
        });
        UsageReport {
            subscription_id,
            today_usage_mb: round2(today_usage_mb),
            total_quota_mb,
            used_mb,
            remaining_quota_mb: remaining_mb,
            remaining_label: remaining_mb
                .map_or_else(|| crate::t!("domain-unknown"), format_quota_mb),
            used_percent,
            forecast: remaining_mb.map_or(Forecast::Unknown, |r| {
                Forecast::compute(r, &usage_history, today)
            }),
            right_size: RightSize::compute(&usage_history, plan),
            usage_history,
            throttled,
            line_active,
            as_of,
            as_of_label,
            today,
        }
    }

    /// Oldest first, as a chart reads left to right.
    pub fn chronological(&self) -> Vec<DailyUsage> {
        self.usage_history.iter().rev().cloned().collect()
    }
}

fn round2(v: f64) -> f64 {
    (v * 100.0).round() / 100.0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn hist(today: NaiveDate, mbs: &[f64]) -> Vec<DailyUsage> {
        mbs.iter()
            .enumerate()
            .map(|(i, mb)| DailyUsage {
                date: today - Duration::days(i as i64 + 1),
                usage_mb: *mb,
            })
            .collect()
    }

    #[test]
    fn forecast_runs_out_before_the_reset() {
        let today = d(2026, 11, 10);
        let f = Forecast::compute(5000, &hist(today, &[1000.0; 7]), today);
        assert_eq!(
            f,
            Forecast::RunsOut {
                on: d(2026, 11, 15),
                daily_average_mb: 1000
            }
        );
        assert_eq!(
            f.message(),
            "At this pace (1000 MB a day) your data lasts until 15 Nov."
        );
        assert!(f.needs_top_up());
    }

    #[test]
    fn forecast_lasts_until_the_reset() {
        let today = d(2026, 11, 23);
        let f = Forecast::compute(48_256, &hist(today, &[1024.0; 30]), today);
        assert_eq!(
            f,
            Forecast::Lasts {
                resets_on: d(2026, 12, 1),
                daily_average_mb: 1024
            }
        );
        assert_eq!(
            f.message(),
            "At this pace (1.0 GB a day) your data lasts until it renews on 1 Dec."
        );
        assert!(!f.needs_top_up());
    }

    #[test]
    fn forecast_edge_cases() {
        let today = d(2026, 11, 23);
        assert!(matches!(
            Forecast::compute(0, &hist(today, &[10.0; 7]), today),
            Forecast::Exhausted { .. }
        ));
        assert_eq!(
            Forecast::compute(100, &hist(today, &[10.0; 2]), today),
            Forecast::Unknown
        );
        assert!(matches!(
            Forecast::compute(100, &hist(today, &[0.0; 7]), today),
            Forecast::Lasts { .. }
        ));
    }

    #[test]
    fn right_sizer_replays_the_last_30_days() {
        let today = d(2026, 11, 23);
        // 18.2 GB over 30 days → 25 GB would have been enough for a 50 GB customer.
        let per_day = 18.2 * 1024.0 / 30.0;
        let r = RightSize::compute(&hist(today, &[per_day; 30]), Some(PlanCode::Pasi50G)).unwrap();
        assert_eq!(r.suggestion, PlanCode::Pasi25G);
        assert_eq!(
            r.message(),
            "Your last 30 days used 18.2 GB: 25 GB would have been enough."
        );
        assert!(r.fits(PlanCode::Pasi25G) && !r.fits(PlanCode::Pasi10G));
        assert_eq!(
            r.shortfall_mb(PlanCode::Pasi10G),
            Some(r.used_mb - 10 * 1024)
        );

        let r = RightSize::compute(&hist(today, &[per_day; 30]), Some(PlanCode::Pasi10G)).unwrap();
        assert_eq!(
            r.message(),
            "Your last 30 days used 18.2 GB: more than your 10 GB plan; 25 GB would have been enough."
        );
        let r = RightSize::compute(&hist(today, &[per_day; 30]), Some(PlanCode::Pasi25G)).unwrap();
        assert_eq!(
            r.message(),
            "Your last 30 days used 18.2 GB: your 25 GB plan is the right size."
        );
        let r = RightSize::compute(&hist(today, &[3000.0; 30]), None).unwrap();
        assert_eq!(r.suggestion, PlanCode::Pasi50G);
        assert!(r.message().contains("more than any plan holds"));
        assert!(RightSize::compute(&hist(today, &[1.0; 6]), None).is_none());
    }

    #[test]
    fn report_matches_the_seed_example() {
        let today = d(2026, 11, 23);
        let r = UsageReport::build(
            SubscriptionId(1),
            Some(PlanCode::Pasi50G),
            Some(48_256),
            748.47,
            &[1228.8, 595.2, 448.0],
            false,
            true,
            0,
            "09:00 JST".into(),
            today,
        );
        assert_eq!(r.total_quota_mb, 51_200);
        assert_eq!(r.used_mb, Some(2944));
        assert_eq!(r.remaining_label, "47.1 GB");
        assert_eq!(r.used_percent, Some(5.8));
        assert_eq!(r.usage_history[0].date, d(2026, 11, 22));
        assert_eq!(r.chronological()[0].usage_mb, 448.0);
        let json = serde_json::to_value(&r).unwrap();
        assert_eq!(json["todayUsageMb"], 748.47);
        assert_eq!(json["totalQuotaMb"], 51_200);
        assert_eq!(json["usageHistory"][0]["date"], "2026-11-22");
        assert_eq!(json["usageHistory"][0]["usageMb"], 1228.8);
    }

    #[test]
    fn top_ups_above_the_plan_raise_the_total() {
        let r = UsageReport::build(
            SubscriptionId(1),
            Some(PlanCode::Pasi5G),
            Some(6000),
            0.0,
            &[],
            false,
            true,
            0,
            String::new(),
            d(2026, 1, 1),
        );
        assert_eq!(
            (r.total_quota_mb, r.used_mb, r.used_percent),
            (6000, Some(0), Some(0.0))
        );
    }

    #[test]
    fn an_unknown_quota_is_said_not_guessed() {
        let r = UsageReport::build(
            SubscriptionId(1),
            Some(PlanCode::Pasi10G),
            None,
            10.0,
            &[100.0; 10],
            false,
            true,
            0,
            String::new(),
            NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(),
        );
        assert_eq!(r.remaining_label, "Unknown");
        assert_eq!((r.used_mb, r.used_percent), (None, None));
        assert_eq!(r.forecast, Forecast::Unknown);
    }
}
