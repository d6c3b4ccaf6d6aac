//! Billing history for the demo: a WHMCS account is never empty in real life. Each client
//! gets its last three monthly invoices (paid) and next month's (unpaid, due in a week), one
//! line per service. They are marked `seeded`, so the ledger — what tests assert the portal
//! did — leaves them out; the API (GetInvoices, GetInvoice, the client area) shows them.

use super::state::{Invoice, WhmcsState};
use chrono::{Datelike, Duration, NaiveDate};

/// Monthly price in yen by WHMCS product id (the demo's SIM plans).
fn monthly_yen(pid: u64) -> i64 {
    match pid {
        54 => 4_980,
        51 => 2_480,
        50 => 1_680,
        _ => 1_980,
    }
}

fn month_back(d: NaiveDate, months: u32) -> NaiveDate {
    let total = d.year() * 12 + d.month0() as i32 - months as i32;
    NaiveDate::from_ymd_opt(total.div_euclid(12), total.rem_euclid(12) as u32 + 1, 1).unwrap_or(d)
}

pub(crate) fn seed(s: &mut WhmcsState, client_id: u64, today: NaiveDate) {
    let services: Vec<_> = s
        .services
        .iter()
        .filter(|sv| sv.clientid == client_id && !sv.msisdn.is_empty())
        .map(|sv| (sv.name.clone(), sv.msisdn.clone(), monthly_yen(sv.pid)))
        .collect();
    if services.is_empty() {
        return;
    }
    let first_of_month = month_back(today, 0);
    // Oldest first, as WHMCS would have created them.
    let dates: Vec<(NaiveDate, NaiveDate, bool)> = (0..=2)
        .rev()
        .map(|k| {
            let date = month_back(first_of_month, k) - Duration::days(7);
            (date, date + Duration::days(7), true)
        })
        .chain(std::iter::once((
            today - Duration::days(7),
            today + Duration::days(7),
            false,
        )))
        .collect();
    for (date, due, paid) in dates {
        let period = (due).format("%B %Y");
        let id = s.next_invoice;
        s.next_invoice += 1;
        s.invoices.push(Invoice {
            id,
            userid: client_id,
            status: if paid { "Paid" } else { "Unpaid" }.into(),
            date: date.format("%Y-%m-%d").to_string(),
            due: due.format("%Y-%m-%d").to_string(),
            items: services
                .iter()
                .map(|(name, msisdn, yen)| (format!("{name} ({msisdn}) — {period}"), yen * 100))
                .collect(),
            datepaid: paid.then(|| format!("{} 09:00:00", due.format("%Y-%m-%d"))),
            last_capture: None,
            paymentmethod: "stripe".into(),
            transactions: Vec::new(),
            notes: String::new(),
            capture_attempts: 0,
            seeded: true,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_go_back_across_years() {
        let d = NaiveDate::from_ymd_opt(2026, 2, 14).unwrap();
        assert_eq!(
            month_back(d, 0),
            NaiveDate::from_ymd_opt(2026, 2, 1).unwrap()
        );
        assert_eq!(
            month_back(d, 2),
            NaiveDate::from_ymd_opt(2025, 12, 1).unwrap()
        );
        assert_eq!(
            month_back(d, 14),
            NaiveDate::from_ymd_opt(2024, 12, 1).unwrap()
        );
    }
}
