//! Top-ups: what a customer may order, what it costs, and how each one is reported back.
//!
//! The modal and the server parse the same input with the same functions, so the price and
//! the limits the customer sees while typing are the ones the server charges and enforces.

use super::dates::{date_label, parse_iso_date};
use super::quota::QuotaMb;
use super::PortalError;
use chrono::{Duration, NaiveDate};
use serde::{Deserialize, Serialize};

/// The modal's preset amounts in MB. The portal sells data in decimal gigabytes
/// (1 GB = 1000 MB = ¥500, seed 000 §5), so each preset is a whole number of price steps.
pub const PRESETS_MB: [u64; 4] = [1000, 3000, 5000, 10_000];

/// How far ahead a top-up may be scheduled.
pub const MAX_SCHEDULE_DAYS: i64 = 60;

/// The latest expiry date a customer may give the added data.
pub const MAX_EXPIRY_DAYS: i64 = 365;

/// "3 GB" for whole decimal gigabytes, "1,500 MB" otherwise: how top-ups are named.
pub fn topup_label(mb: u64) -> String {
    if mb >= 1000 && mb.is_multiple_of(1000) {
        format!("{} GB", group(mb / 1000))
    } else {
        format!("{} MB", group(mb))
    }
}

/// "¥1,500".
pub fn yen_label(jpy: u64) -> String {
    format!("¥{}", group(jpy))
}

/// Thousands separators: 51200 → "51,200".
pub fn group(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// The amount field as typed (or sent): whole megabytes, 100–51200.
pub fn parse_quota_input(raw: &str) -> Result<QuotaMb, PortalError> {
    let t = raw.trim().replace(',', "");
    if t.is_empty() {
        return Err(PortalError::invalid(
            "quotaMb",
            crate::t!("domain-topup-amount-missing"),
        ));
    }
    if !t.bytes().all(|b| b.is_ascii_digit()) {
        return Err(PortalError::invalid(
            "quotaMb",
            crate::t!("domain-topup-amount-whole"),
        ));
    }
    let mb: u64 = t.parse().unwrap_or(u64::MAX);
    QuotaMb::parse(mb).map_err(|m| PortalError::invalid("quotaMb", m))
}

/// A campaign code the carrier records with the top-up: letters, digits, `-` and `_`.
pub fn parse_campaign_code(raw: &str) -> Result<Option<String>, PortalError> {
    let t = raw.trim();
    if t.is_empty() {
        return Ok(None);
    }
    let ok = t.len() <= 32
        && t.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    if ok {
        Ok(Some(t.to_string()))
    } else {
        Err(PortalError::invalid(
            "campaignCode",
            crate::t!("domain-topup-campaign-invalid"),
        ))
    }
}

fn parse_date_field(
    raw: &str,
    field: &str,
    earliest: NaiveDate,
    latest: NaiveDate,
    what: &str,
) -> Result<Option<NaiveDate>, PortalError> {
    let t = raw.trim();
    if t.is_empty() {
        return Ok(None);
    }
    let d = parse_iso_date(t).ok_or_else(|| {
        PortalError::invalid(
            field,
            crate::t!("domain-topup-date-format", what = what.to_string()),
        )
    })?;
    if d < earliest || d > latest {
        return Err(PortalError::invalid(
            field,
            crate::t!(
                "domain-topup-date-range",
                what = what.to_string(),
                from = date_label(earliest),
                to = date_label(latest)
            ),
        ));
    }
    Ok(Some(d))
}

/// A validated top-up order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TopUpOrder {
    pub quota: QuotaMb,
    pub campaign_code: Option<String>,
    /// The added data expires on this day (the carrier ignores it for plans without expiry).
    pub expiry_date: Option<NaiveDate>,
    /// Added by the carrier on this day instead of now (paid now).
    pub scheduled_for: Option<NaiveDate>,
}

impl TopUpOrder {
    /// The form's fields as typed (empty = not given); `today` is the JST date.
    pub fn parse_input(
        quota_mb: &str,
        campaign_code: &str,
        expiry_date: &str,
        scheduled_for: &str,
        today: NaiveDate,
    ) -> Result<Self, PortalError> {
        let quota = parse_quota_input(quota_mb)?;
        let campaign_code = parse_campaign_code(campaign_code)?;
        let tomorrow = today + Duration::days(1);
        let scheduled_for = parse_date_field(
            scheduled_for,
            "scheduledFor",
            tomorrow,
            today + Duration::days(MAX_SCHEDULE_DAYS),
            &crate::t!("domain-topup-the-date"),
        )?;
        let expiry_date = parse_date_field(
            expiry_date,
            "expiryDate",
            scheduled_for.unwrap_or(today) + Duration::days(1),
            today + Duration::days(MAX_EXPIRY_DAYS),
            &crate::t!("domain-topup-the-expiry"),
        )?;
        Ok(TopUpOrder {
            quota,
            campaign_code,
            expiry_date,
            scheduled_for,
        })
    }

    pub fn price_jpy(&self) -> u64 {
        self.quota.price_jpy()
    }
}

/// An idempotency key as the modal makes it (one per opening) or a REST client sends it.
pub fn parse_idempotency_key(raw: &str) -> Result<String, PortalError> {
    let t = raw.trim();
    let ok = (8..=100).contains(&t.len())
        && t.bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b':' | b'.'));
    if ok {
        Ok(t.to_string())
    } else {
        Err(PortalError::invalid(
            "idempotencyKey",
            crate::t!("domain-idempotency-key-invalid"),
        ))
    }
}

/// Where a top-up stands, as the customer is told.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TopUpState {
    /// The data is on the line.
    Applied,
    /// Paid (or being confirmed) and not yet on the line; the portal keeps working on it.
    Pending,
    /// Paid; the carrier adds the data on the scheduled day.
    Scheduled,
    /// The data could not be added; the payment was returned as account credit.
    Voided,
    /// Nothing was charged (declined, no payment method); the invoice can still be paid.
    PaymentFailed,
}

impl TopUpState {
    pub fn label(self) -> String {
        match self {
            TopUpState::Applied => crate::t!("domain-topup-added"),
            TopUpState::Pending => crate::t!("domain-topup-in-progress"),
            TopUpState::Scheduled => crate::t!("domain-topup-scheduled"),
            TopUpState::Voided => crate::t!("domain-topup-voided"),
            TopUpState::PaymentFailed => crate::t!("domain-topup-not-paid"),
        }
    }
}

/// One top-up as the portal reports it (the answer to an order, and a history row).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TopUp {
    /// The portal's reference (absent for additions made outside the portal).
    pub id: Option<String>,
    /// Unix seconds.
    pub created_at: i64,
    /// "30 Nov 2026, 14:05" (JST).
    pub created_at_label: String,
    pub quota_mb: u64,
    /// "3 GB"
    pub quota_label: String,
    /// What was charged; absent for additions made outside the portal.
    pub amount_jpy: Option<u64>,
    pub state: TopUpState,
    pub invoice_id: Option<u64>,
    /// YYYY-MM-DD for a scheduled top-up.
    pub scheduled_for: Option<String>,
    /// What this means for the customer, in a sentence.
    pub message: String,
    /// `portal` or `carrier` (added by the carrier or staff, seen in the carrier's history).
    pub source: String,
}

/// The top-up history of one SIM.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TopUpHistory {
    pub entries: Vec<TopUp>,
    /// False when the carrier's quota history could not be read (only the portal's rows).
    pub carrier_complete: bool,
}

/// The history's date range: `fromDate`/`toDate` (YYYY-MM-DD, inclusive); by default the last
/// 90 days; at most a year.
pub fn parse_history_range(
    from: Option<&str>,
    to: Option<&str>,
    today: NaiveDate,
) -> Result<(NaiveDate, NaiveDate), PortalError> {
    let date = |v: Option<&str>, field: &str| -> Result<Option<NaiveDate>, PortalError> {
        match v.map(str::trim).filter(|s| !s.is_empty()) {
            None => Ok(None),
            Some(s) => parse_iso_date(s).map(Some).ok_or_else(|| {
                PortalError::invalid(
                    field,
                    crate::t!("domain-history-date-format", field = field),
                )
            }),
        }
    };
    let to = date(to, "toDate")?.unwrap_or(today);
    let from = date(from, "fromDate")?.unwrap_or(to - Duration::days(90));
    if from > to {
        return Err(PortalError::invalid(
            "fromDate",
            crate::t!("domain-history-order"),
        ));
    }
    if to - from > Duration::days(366) {
        return Err(PortalError::invalid(
            "fromDate",
            crate::t!("domain-history-max"),
        ));
    }
    Ok((from, to))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        parse_iso_date(s).unwrap()
    }

    #[test]
    fn presets_and_prices_follow_the_seed() {
        let prices: Vec<u64> = PRESETS_MB
            .iter()
            .map(|mb| QuotaMb::parse(*mb).unwrap().price_jpy())
            .collect();
        assert_eq!(prices, [500, 1500, 2500, 5000]);
        assert_eq!(QuotaMb::parse(1001).unwrap().price_jpy(), 1000);
        assert_eq!(QuotaMb::parse(100).unwrap().price_jpy(), 500);
        assert_eq!(QuotaMb::parse(51_200).unwrap().price_jpy(), 26_000);
    }

    #[test]
    fn amounts_outside_the_range_or_not_whole_mb_are_refused_with_the_field() {
        for bad in ["0", "99", "51201", "abc", "-5", "1.5", "", " "] {
            let e = parse_quota_input(bad).unwrap_err();
            assert_eq!(e.field(), Some("quotaMb"), "{bad:?}");
        }
        assert_eq!(parse_quota_input(" 2,500 ").unwrap().get(), 2500);
        assert_eq!(
            parse_quota_input("99").unwrap_err().to_string(),
            "A top-up must be at least 100 MB."
        );
    }

    #[test]
    fn labels() {
        assert_eq!(topup_label(3000), "3 GB");
        assert_eq!(topup_label(2500), "2,500 MB");
        assert_eq!(topup_label(51_200), "51,200 MB");
        assert_eq!(yen_label(26_000), "¥26,000");
        assert_eq!(group(5), "5");
    }

    #[test]
    fn dates_are_checked_against_today_in_japan() {
        let today = day("2026-11-30");
        let o = TopUpOrder::parse_input("3000", "", "", "2026-12-05", today).unwrap();
        assert_eq!(o.scheduled_for, Some(day("2026-12-05")));
        for (sched, field) in [
            ("2026-11-30", "scheduledFor"),
            ("2027-03-01", "scheduledFor"),
        ] {
            let e = TopUpOrder::parse_input("3000", "", "", sched, today).unwrap_err();
            assert_eq!(e.field(), Some(field));
        }
        let e = TopUpOrder::parse_input("3000", "", "2026-12-05", "2026-12-05", today).unwrap_err();
        assert_eq!(e.field(), Some("expiryDate"));
        let e = TopUpOrder::parse_input("3000", "bad code!", "", "", today).unwrap_err();
        assert_eq!(e.field(), Some("campaignCode"));
    }

    #[test]
    fn idempotency_keys_and_ranges() {
        assert!(parse_idempotency_key("modal-1a2b3c4d").is_ok());
        assert!(parse_idempotency_key("short").is_err());
        assert!(parse_idempotency_key("has space in it").is_err());
        let today = day("2026-11-30");
        assert_eq!(
            parse_history_range(None, None, today).unwrap(),
            (day("2026-09-01"), today)
        );
        assert!(parse_history_range(Some("2026-12-01"), Some("2026-11-01"), today).is_err());
        assert!(parse_history_range(Some("2025-01-01"), None, today).is_err());
        assert!(parse_history_range(Some("nope"), None, today).is_err());
    }
}
