//! The dashboard: counts by status and tariff, activations by day, week or month.

use crate::domain::inventory::LifecycleState;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusCount {
    pub status: LifecycleState,
    pub count: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DateCount {
    /// `YYYY-MM-DD` in JST: the day, or the first day of the week (Monday) or month.
    pub date: String,
    pub count: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TariffCount {
    pub tariff_id: Option<i64>,
    /// The plan's name, or "No tariff".
    pub tariff: String,
    pub count: i64,
}

/// How activations are grouped on the dashboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Bucket {
    #[default]
    Day,
    Week,
    Month,
}

impl Bucket {
    pub fn parse(s: &str) -> Option<Bucket> {
        match s.trim() {
            "day" => Some(Bucket::Day),
            "week" => Some(Bucket::Week),
            "month" => Some(Bucket::Month),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Bucket::Day => "day",
            Bucket::Week => "week",
            Bucket::Month => "month",
        }
    }
}

/// Groups daily counts (`YYYY-MM-DD`, ascending, every day present) into weeks (starting
/// Monday) or months; a day bucket is returned as is.
pub fn regroup(days: &[DateCount], bucket: Bucket) -> Vec<DateCount> {
    use chrono::{Datelike, NaiveDate};
    if bucket == Bucket::Day {
        return days.to_vec();
    }
    let mut out: Vec<DateCount> = Vec::new();
    for d in days {
        let Ok(date) = NaiveDate::parse_from_str(&d.date, "%Y-%m-%d") else {
            continue;
        };
        let start = match bucket {
            Bucket::Week => {
                date - chrono::Duration::days(i64::from(date.weekday().num_days_from_monday()))
            }
            Bucket::Month => date.with_day(1).unwrap_or(date),
            Bucket::Day => date,
        };
        let key = start.format("%Y-%m-%d").to_string();
        match out.last_mut() {
            Some(last) if last.date == key => last.count += d.count,
            _ => out.push(DateCount {
                date: key,
                count: d.count,
            }),
        }
    }
    out
}

/// The dashboard: totals and the three charts' data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Dashboard {
    pub by_status: Vec<StatusCount>,
    pub activations: Vec<DateCount>,
    pub bucket: Bucket,
    pub by_tariff: Vec<TariffCount>,
}

impl Dashboard {
    pub fn total(&self) -> i64 {
        self.by_status.iter().map(|s| s.count).sum()
    }

    pub fn count(&self, status: LifecycleState) -> i64 {
        self.by_status
            .iter()
            .find(|s| s.status == status)
            .map_or(0, |s| s.count)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weeks_start_on_monday_and_months_on_the_first() {
        let days: Vec<DateCount> = [
            ("2026-11-29", 1),
            ("2026-11-30", 2),
            ("2026-12-01", 3),
            ("2026-12-06", 4),
            ("2026-12-07", 5),
        ]
        .iter()
        .map(|(d, c)| DateCount {
            date: d.to_string(),
            count: *c,
        })
        .collect();
        let weeks = regroup(&days, Bucket::Week);
        assert_eq!(
            weeks
                .iter()
                .map(|d| (d.date.as_str(), d.count))
                .collect::<Vec<_>>(),
            vec![("2026-11-23", 1), ("2026-11-30", 9), ("2026-12-07", 5)]
        );
        let months = regroup(&days, Bucket::Month);
        assert_eq!(
            months
                .iter()
                .map(|d| (d.date.as_str(), d.count))
                .collect::<Vec<_>>(),
            vec![("2026-11-01", 3), ("2026-12-01", 12)]
        );
    }
}
