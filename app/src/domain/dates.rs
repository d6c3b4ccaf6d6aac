//! Calendar rules of the carrier, in Japan time (JST, UTC+9, no daylight saving).
//!
//! The server owns the clock: it passes "today" to the browser inside the view models, so the
//! dates the page shows are the dates the server enforces.

use chrono::{DateTime, Datelike, Duration, FixedOffset, NaiveDate, Utc};

/// Japan Standard Time.
pub fn jst() -> FixedOffset {
    FixedOffset::east_opt(9 * 3600).expect("+09:00 is a valid offset")
}

/// The JST calendar date of a Unix timestamp.
pub fn jst_date(unix_secs: i64) -> NaiveDate {
    jst_datetime(unix_secs).date_naive()
}

fn jst_datetime(unix_secs: i64) -> DateTime<FixedOffset> {
    DateTime::<Utc>::from_timestamp(unix_secs, 0)
        .unwrap_or_default()
        .with_timezone(&jst())
}

/// "14:05 JST" — the freshness stamp of a figure read at `unix_secs`.
pub fn jst_time_label(unix_secs: i64) -> String {
    jst_datetime(unix_secs).format("%H:%M JST").to_string()
}

/// "23 Nov 2026, 14:05" (「2026年11月23日 14:05」) — a timeline timestamp, in JST.
pub fn jst_datetime_label(unix_secs: i64) -> String {
    jst_datetime(unix_secs)
        .format(&crate::t!("domain-datetime-format"))
        .to_string()
}

/// RFC 3339 in JST ("2026-12-01T00:00:00+09:00"), for `<time datetime>`.
pub fn jst_iso(unix_secs: i64) -> String {
    jst_datetime(unix_secs).to_rfc3339()
}

/// "1 Dec 2026" (「2026年12月1日」).
pub fn date_label(d: NaiveDate) -> String {
    d.format(&crate::t!("domain-date-format")).to_string()
}

/// "1 Dec" (「12月1日」).
pub fn short_date_label(d: NaiveDate) -> String {
    d.format(&crate::t!("domain-short-date-format")).to_string()
}

/// The first day of the month after `d`: when a plan change takes effect.
pub fn first_of_next_month(d: NaiveDate) -> NaiveDate {
    let (y, m) = if d.month() == 12 {
        (d.year() + 1, 1)
    } else {
        (d.year(), d.month() + 1)
    };
    NaiveDate::from_ymd_opt(y, m, 1).expect("the 1st exists in every month")
}

/// The last day of `d`'s month (29 Feb in leap years).
pub fn end_of_month(d: NaiveDate) -> NaiveDate {
    first_of_next_month(d) - Duration::days(1)
}

/// The month ends a cancellation may be scheduled for: this month's and the next `count - 1`.
pub fn month_ends(today: NaiveDate, count: usize) -> Vec<NaiveDate> {
    let mut out = Vec::with_capacity(count);
    let mut d = today;
    for _ in 0..count {
        let end = end_of_month(d);
        out.push(end);
        d = end + Duration::days(1);
    }
    out
}

/// A cancellation date as the customer sent it; the error names the `cancelOn` field.
pub fn parse_cancel_on(s: &str) -> Result<NaiveDate, super::PortalError> {
    parse_iso_date(s).ok_or_else(|| {
        super::PortalError::invalid("cancelOn", crate::t!("domain-cancel-date-invalid"))
    })
}

/// `YYYY-MM-DD`, the date format of every JSON body.
pub fn parse_iso_date(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn next_month_rolls_over_the_year() {
        assert_eq!(first_of_next_month(d(2026, 11, 23)), d(2026, 12, 1));
        assert_eq!(first_of_next_month(d(2026, 12, 31)), d(2027, 1, 1));
        assert_eq!(first_of_next_month(d(2026, 1, 1)), d(2026, 2, 1));
    }

    #[test]
    fn month_ends_know_leap_years() {
        assert_eq!(end_of_month(d(2028, 2, 10)), d(2028, 2, 29));
        assert_eq!(end_of_month(d(2027, 2, 10)), d(2027, 2, 28));
        assert_eq!(end_of_month(d(2100, 2, 1)), d(2100, 2, 28)); // not a leap year
        assert_eq!(end_of_month(d(2000, 2, 1)), d(2000, 2, 29)); // a leap year
        assert_eq!(end_of_month(d(2026, 4, 30)), d(2026, 4, 30));
        assert_eq!(end_of_month(d(2026, 12, 1)), d(2026, 12, 31));
    }

    #[test]
    fn month_end_choices_are_consecutive() {
        assert_eq!(
            month_ends(d(2027, 12, 31), 3),
            vec![d(2027, 12, 31), d(2028, 1, 31), d(2028, 2, 29)]
        );
    }

    #[test]
    fn the_jst_date_turns_at_15_00_utc() {
        // 2026-11-30 14:59:59 UTC is 23:59:59 JST on the 30th; one second later it is the 1st.
        let t = DateTime::parse_from_rfc3339("2026-11-30T14:59:59Z")
            .unwrap()
            .timestamp();
        assert_eq!(jst_date(t), d(2026, 11, 30));
        assert_eq!(jst_date(t + 1), d(2026, 12, 1));
        assert_eq!(jst_time_label(t + 1), "00:00 JST");
        assert_eq!(jst_datetime_label(t + 1), "1 Dec 2026, 00:00");
    }

    #[test]
    fn labels() {
        assert_eq!(date_label(d(2026, 12, 1)), "1 Dec 2026");
        assert_eq!(short_date_label(d(2026, 5, 14)), "14 May");
        assert_eq!(parse_iso_date("2026-11-30"), Some(d(2026, 11, 30)));
        assert_eq!(parse_iso_date("2026-02-30"), None);
    }
}
