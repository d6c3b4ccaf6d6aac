//! Trip roaming (issue 15): international roaming on for a date range ("14–21 May, Seoul
//! trip"), on from 00:00 JST of the first day until 24:00 JST of the last. Pure rules for the
//! dates, the trip's stage and the carrier action due; the scheduler applies them.

use super::PortalError;
use chrono::{Duration, NaiveDate};
use serde::{Deserialize, Serialize};

/// The longest trip (the carrier's roaming is then simply left on by hand).
pub const MAX_DAYS: i64 = 90;
/// How far ahead a trip can be planned.
pub const MAX_AHEAD_DAYS: i64 = 365;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Trip {
    pub first_day: NaiveDate,
    pub last_day: NaiveDate,
    /// The customer's name for it ("Seoul trip"); may be empty.
    pub label: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum TripStage {
    /// Not started: visible and cancellable.
    Scheduled,
    Underway,
    Over,
}

/// Where a trip is as the portal records it (`trips.state`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum TripState {
    /// Waiting for its first day; cancellable.
    Scheduled,
    /// Roaming was turned on (or found on) for it.
    Underway,
    /// Done: roaming turned back off (or left on, if it was on before).
    Over,
    Cancelled,
    /// The network refused the change too often; the customer should switch by hand.
    Failed,
}

impl TripState {
    pub fn as_str(self) -> &'static str {
        match self {
            TripState::Scheduled => "scheduled",
            TripState::Underway => "underway",
            TripState::Over => "over",
            TripState::Cancelled => "cancelled",
            TripState::Failed => "failed",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [
            TripState::Scheduled,
            TripState::Underway,
            TripState::Over,
            TripState::Cancelled,
            TripState::Failed,
        ]
        .into_iter()
        .find(|t| t.as_str() == s)
    }

    pub fn label(self) -> String {
        match self {
            TripState::Scheduled => crate::t!("domain-trip-scheduled"),
            TripState::Underway => crate::t!("domain-trip-underway"),
            TripState::Over => crate::t!("domain-trip-over"),
            TripState::Cancelled => crate::t!("domain-trip-cancelled"),
            TripState::Failed => crate::t!("domain-trip-failed"),
        }
    }

    /// Whether the trip still has a step to take.
    pub fn is_open(self) -> bool {
        matches!(self, TripState::Scheduled | TripState::Underway)
    }
}

/// One trip as the SIM page lists it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TripView {
    pub id: String,
    pub first_day: NaiveDate,
    pub last_day: NaiveDate,
    pub label: String,
    /// "14–21 May 2027".
    pub dates_label: String,
    pub state: TripState,
    /// Only before it starts.
    pub cancellable: bool,
}

/// "14–21 May 2027", "30 May – 2 Jun 2027", "30 Dec 2027 – 2 Jan 2028".
pub fn dates_label(first: NaiveDate, last: NaiveDate) -> String {
    use chrono::Datelike;
    let t = |key: &str| crate::t!(key);
    let (a, b, sep) = if first == last {
        return super::dates::date_label(first);
    } else if first.year() != last.year() {
        (
            "domain-date-format",
            "domain-date-format",
            "domain-range-sep",
        )
    } else if first.month() != last.month() {
        (
            "domain-range-month-first",
            "domain-range-month-last",
            "domain-range-sep",
        )
    } else {
        (
            "domain-range-day-first",
            "domain-range-day-last",
            "domain-range-day-sep",
        )
    };
    format!("{}{}{}", first.format(&t(a)), t(sep), last.format(&t(b)))
}

/// What the scheduler should ask the carrier for now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RoamingAction {
    TurnOn,
    TurnOff,
}

/// 00:00 JST of `day`, in Unix seconds.
fn jst_midnight(day: NaiveDate) -> i64 {
    day.and_hms_opt(0, 0, 0)
        .map_or(0, |t| t.and_utc().timestamp() - 9 * 3600)
}

impl Trip {
    /// The form's dates (`YYYY-MM-DD`, JST) and label; `today` is today in JST. A trip starts
    /// tomorrow at the earliest, so it can still be cancelled before anything happens.
    pub fn parse(
        first: &str,
        last: &str,
        label: &str,
        today: NaiveDate,
    ) -> Result<Self, PortalError> {
        let date = |field: &str, s: &str| {
            NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
                .map_err(|_| PortalError::invalid(field, crate::t!("domain-trip-date-format")))
        };
        let first_day = date("firstDay", first)?;
        let last_day = date("lastDay", last)?;
        if first_day <= today {
            return Err(PortalError::invalid(
                "firstDay",
                crate::t!("domain-trip-tomorrow"),
            ));
        }
        if first_day > today + Duration::days(MAX_AHEAD_DAYS) {
            return Err(PortalError::invalid(
                "firstDay",
                crate::t!("domain-trip-within-year"),
            ));
        }
        if last_day < first_day {
            return Err(PortalError::invalid(
                "lastDay",
                crate::t!("domain-trip-order"),
            ));
        }
        if (last_day - first_day).num_days() + 1 > MAX_DAYS {
            return Err(PortalError::invalid(
                "lastDay",
                crate::t!(
                    "domain-trip-max-days",
                    days = crate::i18n::num(MAX_DAYS as f64)
                ),
            ));
        }
        let label = label.trim();
        if label.chars().count() > 60 || label.chars().any(char::is_control) {
            return Err(PortalError::invalid(
                "label",
                crate::t!("domain-trip-label"),
            ));
        }
        Ok(Trip {
            first_day,
            last_day,
            label: label.to_string(),
        })
    }

    /// When roaming goes on: 00:00 JST of the first day (Unix seconds).
    pub fn on_at(&self) -> i64 {
        jst_midnight(self.first_day)
    }

    /// When it goes off: 00:00 JST of the day after the last.
    pub fn off_at(&self) -> i64 {
        jst_midnight(self.last_day + Duration::days(1))
    }

    pub fn stage(&self, now: i64) -> TripStage {
        if now < self.on_at() {
            TripStage::Scheduled
        } else if now < self.off_at() {
            TripStage::Underway
        } else {
            TripStage::Over
        }
    }

    /// The carrier action due at `now` given what the line has (`roaming_on`); `None` when
    /// the line is already as the trip wants it.
    pub fn action_due(&self, now: i64, roaming_on: bool) -> Option<RoamingAction> {
        match (self.stage(now), roaming_on) {
            (TripStage::Underway, false) => Some(RoamingAction::TurnOn),
            (TripStage::Over, true) => Some(RoamingAction::TurnOff),
            _ => None,
        }
    }

    /// Whether two trips of one SIM overlap (they would fight over the switch).
    pub fn overlaps(&self, other: &Trip) -> bool {
        self.first_day <= other.last_day && other.first_day <= self.last_day
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn utc(s: &str) -> i64 {
        chrono::DateTime::parse_from_rfc3339(s).unwrap().timestamp()
    }

    #[test]
    fn dates_are_checked_in_jst() {
        let today = day("2027-05-01");
        let t = Trip::parse("2027-05-14", "2027-05-21", " Seoul trip ", today).unwrap();
        assert_eq!(t.label, "Seoul trip");
        for (first, last, field) in [
            ("2027-05-01", "2027-05-03", "firstDay"),
            ("2027-04-30", "2027-05-03", "firstDay"),
            ("2028-05-02", "2028-05-03", "firstDay"),
            ("2027-05-10", "2027-05-09", "lastDay"),
            ("2027-05-02", "2027-07-31", "lastDay"),
            ("14 May", "2027-05-21", "firstDay"),
        ] {
            match Trip::parse(first, last, "", today) {
                Err(PortalError::Invalid { field: f, .. }) => {
                    assert_eq!(f, field, "{first}–{last}")
                }
                other => panic!("{first}–{last}: {other:?}"),
            }
        }
        // Tomorrow and exactly 90 days are fine.
        assert!(Trip::parse("2027-05-02", "2027-07-30", "", today).is_ok());
    }

    #[test]
    fn on_from_midnight_jst_of_the_first_day_off_after_the_last() {
        let t = Trip::parse("2027-05-14", "2027-05-21", "", day("2027-05-01")).unwrap();
        // 14 May 00:00 JST = 13 May 15:00 UTC; off at 22 May 00:00 JST = 21 May 15:00 UTC.
        assert_eq!(t.on_at(), utc("2027-05-13T15:00:00Z"));
        assert_eq!(t.off_at(), utc("2027-05-21T15:00:00Z"));
        assert_eq!(t.stage(utc("2027-05-13T14:59:59Z")), TripStage::Scheduled);
        assert_eq!(t.stage(utc("2027-05-13T15:00:00Z")), TripStage::Underway);
        assert_eq!(t.stage(utc("2027-05-21T14:59:59Z")), TripStage::Underway);
        assert_eq!(t.stage(utc("2027-05-21T15:00:00Z")), TripStage::Over);
    }

    #[test]
    fn the_action_due_follows_the_stage_and_the_line() {
        let t = Trip::parse("2027-05-14", "2027-05-14", "", day("2027-05-01")).unwrap();
        let before = utc("2027-05-13T12:00:00Z");
        let during = utc("2027-05-14T03:00:00Z");
        let after = utc("2027-05-14T15:00:01Z");
        assert_eq!(t.action_due(before, false), None);
        assert_eq!(t.action_due(during, false), Some(RoamingAction::TurnOn));
        assert_eq!(t.action_due(during, true), None);
        assert_eq!(t.action_due(after, true), Some(RoamingAction::TurnOff));
        assert_eq!(t.action_due(after, false), None);
    }

    #[test]
    fn date_ranges_read_naturally() {
        assert_eq!(
            dates_label(day("2027-05-14"), day("2027-05-21")),
            "14–21 May 2027"
        );
        assert_eq!(
            dates_label(day("2027-05-30"), day("2027-06-02")),
            "30 May – 2 Jun 2027"
        );
        assert_eq!(
            dates_label(day("2027-12-30"), day("2028-01-02")),
            "30 Dec 2027 – 2 Jan 2028"
        );
        assert_eq!(
            dates_label(day("2027-05-14"), day("2027-05-14")),
            "14 May 2027"
        );
        for s in ["scheduled", "underway", "over", "cancelled", "failed"] {
            assert_eq!(TripState::parse(s).map(TripState::as_str), Some(s));
        }
    }

    #[test]
    fn overlapping_trips_are_told_apart() {
        let today = day("2027-05-01");
        let a = Trip::parse("2027-05-14", "2027-05-21", "", today).unwrap();
        let b = Trip::parse("2027-05-21", "2027-05-25", "", today).unwrap();
        let c = Trip::parse("2027-05-22", "2027-05-25", "", today).unwrap();
        assert!(a.overlaps(&b) && b.overlaps(&a));
        assert!(!a.overlaps(&c));
    }
}
