//! The operator console's people and views (seed 003, issue 11): staff roles and what each
//! may do, and the shapes the pages, REST and the services exchange. The rules on SIM cards
//! themselves are in [`super::inventory`].

use super::inventory::{CardType, LifecycleState, Operation};
use crate::t;
use serde::{Deserialize, Serialize};

/// A staff member's role (seed 003 §9).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// Everything: imports, tariff plans, staff users.
    Admin,
    /// Views and edits SIMs and customers, changes statuses.
    Support,
    /// Reads lists and the dashboard.
    Viewer,
}

/// What a request wants to do, checked against the role in one place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Permission {
    /// Lists, details, history, dashboard.
    Read,
    /// Lifecycle operations, assignments, activation codes, PIN/PUK reveal.
    Operate,
    /// Imports, tariff plans, staff users.
    Administer,
}

impl Role {
    pub const ALL: [Role; 3] = [Role::Admin, Role::Support, Role::Viewer];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Support => "support",
            Role::Viewer => "viewer",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        Self::ALL.into_iter().find(|r| r.as_str() == s.trim())
    }

    pub fn label(self) -> String {
        match self {
            Role::Admin => t!("console-role-admin"),
            Role::Support => t!("console-role-support"),
            Role::Viewer => t!("console-role-viewer"),
        }
    }

    pub fn may(self, p: Permission) -> bool {
        match p {
            Permission::Read => true,
            Permission::Operate => matches!(self, Role::Admin | Role::Support),
            Permission::Administer => self == Role::Admin,
        }
    }
}

/// A logged-in staff member.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Staff {
    pub id: i64,
    pub email: String,
    pub role: Role,
}

impl Staff {
    /// `Ok` when the role allows `p`; otherwise the 403 the caller answers.
    pub fn require(&self, p: Permission) -> Result<(), super::PortalError> {
        if self.role.may(p) {
            Ok(())
        } else {
            Err(super::PortalError::Forbidden(match p {
                Permission::Read => t!("console-forbidden-read"),
                Permission::Operate => t!("console-forbidden-operate"),
                Permission::Administer => t!("console-forbidden-administer"),
            }))
        }
    }
}

/// A staff login as the admin's staff page lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StaffUser {
    pub id: i64,
    pub email: String,
    pub role: Role,
    pub disabled: bool,
    pub created_at: i64,
}

/// A staff email as typed: trimmed, lower-case, one `@` with text either side.
pub fn parse_staff_email(input: &str) -> Result<String, super::PortalError> {
    let e = input.trim().to_ascii_lowercase();
    let ok = e.len() <= 254
        && e.split_once('@')
            .is_some_and(|(a, b)| !a.is_empty() && b.contains('.') && !b.contains('@'))
        && !e.contains(char::is_whitespace);
    if ok {
        Ok(e)
    } else {
        Err(super::PortalError::invalid(
            "email",
            t!("console-staff-email-invalid"),
        ))
    }
}

/// The demo staff logins, shown on the console's login page while the simulators run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DemoStaff {
    pub emails: Vec<String>,
    pub password: String,
}

/// A reference to a customer or tariff from a SIM row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NamedRef {
    pub id: i64,
    pub name: String,
}

/// One row of the SIM list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SimRow {
    pub id: i64,
    pub iccid: String,
    pub msisdn: Option<String>,
    pub status: LifecycleState,
    #[serde(rename = "type")]
    pub card_type: CardType,
    pub customer: Option<NamedRef>,
    pub tariff: Option<NamedRef>,
    pub updated_at: i64,
}

/// How the SIM list is ordered. Each has an index behind it, so every page is a short
/// index walk whatever the filter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum SimSort {
    #[default]
    #[serde(rename = "iccid")]
    Iccid,
    #[serde(rename = "-iccid")]
    IccidDesc,
    #[serde(rename = "created")]
    Created,
    #[serde(rename = "-created")]
    CreatedDesc,
}

impl SimSort {
    pub const ALL: [SimSort; 4] = [
        SimSort::Iccid,
        SimSort::IccidDesc,
        SimSort::Created,
        SimSort::CreatedDesc,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            SimSort::Iccid => "iccid",
            SimSort::IccidDesc => "-iccid",
            SimSort::Created => "created",
            SimSort::CreatedDesc => "-created",
        }
    }

    pub fn parse(s: &str) -> Option<SimSort> {
        Self::ALL.into_iter().find(|x| x.as_str() == s.trim())
    }

    pub fn label(self) -> String {
        match self {
            SimSort::Iccid => t!("console-sort-iccid"),
            SimSort::IccidDesc => t!("console-sort-iccid-desc"),
            SimSort::Created => t!("console-sort-created"),
            SimSort::CreatedDesc => t!("console-sort-created-desc"),
        }
    }
}

pub const MAX_PER_PAGE: u32 = 100;
pub const DEFAULT_PER_PAGE: u32 = 50;
/// Offset pagination stops here: beyond it, narrow the filter (every page stays an index
/// walk of at most this many rows).
pub const MAX_PAGE: u32 = 2_000;

/// The SIM list's filter, as the URL and the API carry it.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SimFilter {
    pub status: Option<LifecycleState>,
    #[serde(rename = "type")]
    pub card_type: Option<CardType>,
    pub customer: Option<i64>,
    pub tariff: Option<i64>,
    /// Digits of an ICCID or MSISDN (prefix match): digits starting with 0 search numbers,
    /// others ICCIDs (which start with 89); a `+81` number is searched as `0…`.
    pub q: Option<String>,
    pub sort: SimSort,
    pub page: u32,
    pub per_page: u32,
}

impl SimFilter {
    /// Reads the query string's values (`status=&type=&customer=&tariff=&q=&page=&perPage=&sort=`);
    /// an unknown value is a 400 naming the parameter.
    pub fn from_query(
        get: impl Fn(&str) -> Option<String>,
    ) -> Result<SimFilter, super::PortalError> {
        use super::PortalError as E;
        let some = |k: &str| {
            get(k)
                .map(|v| v.trim().to_string())
                .filter(|v| !v.is_empty())
        };
        let number = |k: &str| -> Result<Option<i64>, E> {
            some(k)
                .map(|v| {
                    v.parse::<i64>().map_err(|_| {
                        E::invalid(k, t!("console-param-number", name = k.to_string()))
                    })
                })
                .transpose()
        };
        let status = some("status")
            .map(|v| {
                LifecycleState::parse(&v)
                    .ok_or_else(|| E::invalid("status", t!("console-filter-status-invalid")))
            })
            .transpose()?;
        let card_type = some("type")
            .map(|v| CardType::parse(&v).map_err(|m| E::invalid("type", m)))
            .transpose()?;
        let sort = some("sort")
            .map(|v| {
                SimSort::parse(&v)
                    .ok_or_else(|| E::invalid("sort", t!("console-filter-sort-invalid")))
            })
            .transpose()?
            .unwrap_or_default();
        let page = number("page")?.unwrap_or(1);
        if !(1..=i64::from(MAX_PAGE)).contains(&page) {
            return Err(E::invalid(
                "page",
                t!("console-filter-page-range", max = MAX_PAGE.to_string()),
            ));
        }
        let per_page = number("perPage")?.unwrap_or(i64::from(DEFAULT_PER_PAGE));
        if !(1..=i64::from(MAX_PER_PAGE)).contains(&per_page) {
            return Err(E::invalid(
                "perPage",
                t!(
                    "console-filter-per-page-range",
                    max = MAX_PER_PAGE.to_string()
                ),
            ));
        }
        let q = some("q")
            .map(|v| {
                search_digits(&v).ok_or_else(|| E::invalid("q", t!("console-filter-q-invalid")))
            })
            .transpose()?;
        Ok(SimFilter {
            status,
            card_type,
            customer: number("customer")?,
            tariff: number("tariff")?,
            q,
            sort,
            page: page as u32,
            per_page: per_page as u32,
        })
    }

    /// The query string for this filter (only what differs from the defaults), for links.
    pub fn to_query(&self) -> String {
        let mut parts = Vec::new();
        if let Some(s) = self.status {
            parts.push(format!("status={}", s.as_str()));
        }
        if let Some(t) = self.card_type {
            parts.push(format!("type={}", t.as_str()));
        }
        if let Some(c) = self.customer {
            parts.push(format!("customer={c}"));
        }
        if let Some(t) = self.tariff {
            parts.push(format!("tariff={t}"));
        }
        if let Some(q) = &self.q {
            parts.push(format!("q={q}"));
        }
        if self.sort != SimSort::default() {
            parts.push(format!("sort={}", self.sort.as_str()));
        }
        if self.page > 1 {
            parts.push(format!("page={}", self.page));
        }
        if self.per_page != DEFAULT_PER_PAGE && self.per_page != 0 {
            parts.push(format!("perPage={}", self.per_page));
        }
        parts.join("&")
    }

    pub fn per_page(&self) -> u32 {
        if self.per_page == 0 {
            DEFAULT_PER_PAGE
        } else {
            self.per_page.min(MAX_PER_PAGE)
        }
    }

    pub fn page(&self) -> u32 {
        self.page.clamp(1, MAX_PAGE)
    }
}

/// The digits of a search for an ICCID or a phone number (`+81 80-1234` → `0801234`);
/// `None` when there are none or something else is in it.
pub fn search_digits(input: &str) -> Option<String> {
    let mut s: String = input
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .collect();
    if let Some(rest) = s.strip_prefix("+81") {
        s = format!("0{rest}");
    }
    (!s.is_empty() && s.len() <= 20 && s.bytes().all(|b| b.is_ascii_digit())).then_some(s)
}

/// One page of the SIM list. There is no total: counting a million rows per page view is
/// what makes other consoles slow; `has_next` is known from one extra row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SimPage {
    pub items: Vec<SimRow>,
    pub page: u32,
    pub per_page: u32,
    pub has_next: bool,
}

/// A SIM card as its page shows it (PIN and PUK masked).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SimCard {
    pub id: i64,
    pub iccid: String,
    pub msisdn: Option<String>,
    pub status: LifecycleState,
    #[serde(rename = "type")]
    pub card_type: CardType,
    pub pin_masked: Option<String>,
    pub puk_masked: Option<String>,
    pub customer: Option<NamedRef>,
    pub tariff: Option<NamedRef>,
    pub activation_code: Option<String>,
    pub created_at: i64,
    pub updated_at: i64,
    /// Bumped by every change; an operation may send the version it saw.
    pub version: i64,
    /// What the state machine allows now (the page's buttons).
    pub allowed: Vec<Operation>,
}

/// One entry of a SIM's history: what changed, from what to what, by whom, from where.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SimEvent {
    pub id: i64,
    /// `IMPORTED`, `RESERVED`, `ACTIVATED`, `SUSPENDED`, `RESUMED`, `REPORTED_LOST`,
    /// `TERMINATED`, `SWAPPED`, `PIN_REVEALED`, …
    #[serde(rename = "type")]
    pub kind: String,
    pub old_status: Option<LifecycleState>,
    pub new_status: Option<LifecycleState>,
    pub note: Option<String>,
    /// The changed fields before and after, as JSON objects.
    pub before: Option<String>,
    pub after: Option<String>,
    /// The staff member's email, or `None` for the system.
    pub staff: Option<String>,
    /// `console`, `api`, `import` or `system`.
    pub source: String,
    pub created_at: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SimWithEvents {
    pub sim: SimCard,
    pub events: Vec<SimEvent>,
}

/// What an operation needs besides the SIM (each operation reads the fields it uses).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct OperationInput {
    /// Suspend, report lost, terminate: why (kept in the event).
    pub reason: Option<String>,
    /// Reserve (required), activate (when the SIM has no customer yet).
    pub customer_id: Option<i64>,
    /// Activate: an activation code to consume.
    pub activation_code: Option<String>,
    /// Activate: the tariff plan (if the SIM has none yet).
    pub tariff_id: Option<i64>,
    /// Swap: the new card's ICCID (it must be AVAILABLE).
    pub new_iccid: Option<String>,
    /// The version the caller saw; a change since is a 409 instead of a blind overwrite.
    pub expected_version: Option<i64>,
}

/// The result of an operation: the SIM's new status and the SIM (for a swap, the new card).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OperationResult {
    pub status: LifecycleState,
    pub sim: SimCard,
    /// For a swap: the card the number moved to.
    pub new_sim: Option<SimCard>,
}

/// The PIN and PUK, revealed on request (and audited).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Revealed {
    pub pin: Option<String>,
    pub puk: Option<String>,
}

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

/// What the import preview decided for one row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Verdict {
    New,
    /// The ICCID (or MSISDN) appears earlier in the same file.
    DuplicateInFile,
    /// The ICCID (or MSISDN) is already in the inventory (e.g. the file was imported before).
    DuplicateInDatabase,
    Invalid,
}

/// One row of an import preview (line numbers count the header, as an editor shows them).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RowVerdict {
    pub line: u64,
    pub iccid: String,
    pub verdict: Verdict,
    pub reason: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ImportCounts {
    pub rows: u64,
    pub new: u64,
    pub duplicate_in_file: u64,
    pub duplicate_in_database: u64,
    pub invalid: u64,
}

/// The dry run: every row's verdict and the counts. Nothing was written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ImportPreview {
    pub counts: ImportCounts,
    pub rows: Vec<RowVerdict>,
}

/// A committed import: its log entry's id and the counts (the new rows were created).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ImportResult {
    pub import_id: i64,
    pub counts: ImportCounts,
    pub rows: Vec<RowVerdict>,
}

/// The rejected rows of a preview as CSV, with the reason per row (to fix and upload again).
pub fn rejected_csv(rows: &[RowVerdict]) -> String {
    let mut out = String::from("line,iccid,verdict,reason\n");
    for r in rows.iter().filter(|r| r.verdict != Verdict::New) {
        let verdict = match r.verdict {
            Verdict::New => "new",
            Verdict::DuplicateInFile => "duplicate in file",
            Verdict::DuplicateInDatabase => "already in inventory",
            Verdict::Invalid => "invalid",
        };
        out.push_str(&format!(
            "{},{},{},{}\n",
            r.line,
            csv_field(&r.iccid),
            verdict,
            csv_field(r.reason.as_deref().unwrap_or(""))
        ));
    }
    out
}

fn csv_field(s: &str) -> String {
    // A leading = + - @ would be run as a formula by a spreadsheet: quote and neutralise it.
    let s = if s.starts_with(['=', '+', '-', '@']) {
        format!("'{s}")
    } else {
        s.to_string()
    };
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_allow_what_the_seed_says() {
        assert!(Role::Viewer.may(Permission::Read));
        assert!(!Role::Viewer.may(Permission::Operate));
        assert!(!Role::Viewer.may(Permission::Administer));
        assert!(Role::Support.may(Permission::Operate));
        assert!(!Role::Support.may(Permission::Administer));
        assert!(Role::Admin.may(Permission::Administer));
    }

    #[test]
    fn the_filter_reads_the_query_and_writes_it_back() {
        let q = |pairs: &'static [(&'static str, &'static str)]| {
            move |k: &str| {
                pairs
                    .iter()
                    .find(|(n, _)| *n == k)
                    .map(|(_, v)| v.to_string())
            }
        };
        let f = SimFilter::from_query(q(&[
            ("status", "active"),
            ("type", "data-only"),
            ("q", "+81 80-1234"),
            ("page", "3"),
            ("sort", "-created"),
        ]))
        .unwrap();
        assert_eq!(f.status, Some(LifecycleState::Active));
        assert_eq!(f.q.as_deref(), Some("0801234"));
        assert_eq!(f.page, 3);
        assert_eq!(f.per_page, DEFAULT_PER_PAGE);
        assert_eq!(
            f.to_query(),
            "status=ACTIVE&type=data-only&q=0801234&sort=-created&page=3"
        );
        for (k, v) in [
            ("status", "ON"),
            ("page", "0"),
            ("perPage", "500"),
            ("sort", "msisdn"),
            ("q", "abc"),
            ("customer", "x"),
        ] {
            let pairs = [(k, v)];
            let e = SimFilter::from_query(|n| {
                pairs
                    .iter()
                    .find(|(a, _)| *a == n)
                    .map(|(_, b)| b.to_string())
            })
            .unwrap_err();
            assert_eq!(e.field(), Some(k), "{k}={v}");
        }
    }

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

    /// The console's catalog gives the English the pages wrote before (tests and staff read it).
    #[test]
    fn console_texts_in_english_are_as_before() {
        use crate::i18n::{num, Lang};
        let en = Lang::En;
        let done = |n: u64, skipped: u64| {
            crate::tr!(
                en,
                "console-imports-done",
                count = num(n as f64),
                skipped = num(skipped as f64)
            )
        };
        assert_eq!(done(2, 1), "Imported 2 new SIMs; 1 row skipped.");
        assert_eq!(done(1, 0), "Imported 1 new SIM; 0 rows skipped.");
        assert_eq!(
            crate::tr!(en, "console-imports-download-rejected", count = num(1)),
            "Download the 1 rejected row with reasons (CSV)"
        );
        assert_eq!(
            crate::tr!(en, "console-imports-commit", count = num(3)),
            "Import 3 new SIMs"
        );
        assert_eq!(
            crate::tr!(en, "console-bulk-changed", count = num(1)),
            "Changed 1 SIM."
        );
        assert_eq!(
            crate::tr!(en, "console-bulk-changed", count = num(0)),
            "Changed 0 SIMs."
        );
        assert_eq!(
            crate::tr!(en, "console-bulk-apply", op = "Suspend", count = num(1)),
            "Suspend 1 SIM"
        );
        assert_eq!(
            crate::tr!(en, "console-bulk-not-changed", count = "2"),
            " 2 not changed (refused or changed by someone else meanwhile)."
        );
        assert_eq!(
            crate::tr!(en, "console-login-intro-before"),
            "For SonixNet staff. Customers log in at "
        );
        assert_eq!(crate::tr!(en, "console-customers-added-after"), ".");
        assert_eq!(
            crate::tr!(en, "console-imports-help-header"),
            " (a header row is optional; "
        );
        assert_eq!(
            crate::tr!(en, "console-bulk-items-list"),
            "items is a list of {\"id\", \"version\"} from a preview"
        );
        assert_eq!(
            crate::tr!(en, "console-sim-version", version = "3"),
            " JST · version 3"
        );
        assert_eq!(
            crate::tr!(
                Lang::Ja,
                "console-imports-done",
                count = num(2),
                skipped = num(1)
            ),
            "新しいSIMを2件取り込みました。1行はスキップしました。"
        );
    }

    #[test]
    fn rejected_rows_download_with_reasons_and_no_formulas() {
        let rows = vec![
            RowVerdict {
                line: 2,
                iccid: "8981".into(),
                verdict: Verdict::New,
                reason: None,
            },
            RowVerdict {
                line: 3,
                iccid: "=cmd".into(),
                verdict: Verdict::Invalid,
                reason: Some("ICCID has characters other than digits, see".into()),
            },
        ];
        assert_eq!(
            rejected_csv(&rows),
            "line,iccid,verdict,reason\n3,'=cmd,invalid,\"ICCID has characters other than digits, see\"\n"
        );
    }
}
