//! The SIM list: its rows, filter (as the URL and the API carry it), order and pages.

use super::NamedRef;
use crate::domain::inventory::{CardType, LifecycleState};
use crate::t;
use serde::{Deserialize, Serialize};

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
    ) -> Result<SimFilter, crate::domain::PortalError> {
        use crate::domain::PortalError as E;
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
