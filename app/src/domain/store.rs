//! The travel eSIM store's rules: what a plan is as customers see it, the one pricing rule
//! (eSIM Go's cost in USD cents → a yen price), and the catalogue filter with its limits.

use super::topup::yen_label;
use super::PortalError;
use crate::t;
use serde::{Deserialize, Serialize};

/// A country a plan covers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Destination {
    /// ISO 3166-1 alpha-2, upper case.
    pub iso: String,
    pub name: String,
    pub region: String,
}

/// A data plan of the store, priced for the customer.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StorePlan {
    /// eSIM Go's bundle name (case-sensitive), the plan's id in URLs and orders.
    pub name: String,
    pub description: String,
    pub countries: Vec<Destination>,
    /// MB (eSIM Go counts 1000 MB to the GB); `None`: unlimited.
    pub data_mb: Option<u64>,
    pub days: u32,
    /// Network generations, e.g. `["4G", "5G"]`.
    pub speeds: Vec<String>,
    pub price_yen: u64,
    pub featured: bool,
}

impl StorePlan {
    /// "Japan", "Europe+ (12 countries)".
    pub fn coverage(&self) -> String {
        match self.countries.as_slice() {
            [one] => one.name.clone(),
            many => {
                let region = many.first().map(|c| c.region.as_str()).unwrap_or("");
                if !region.is_empty() && many.iter().all(|c| c.region == region) {
                    t!(
                        "store-coverage-region",
                        region = region.to_string(),
                        count = crate::i18n::num(many.len() as f64)
                    )
                } else {
                    t!(
                        "store-coverage-countries",
                        count = crate::i18n::num(many.len() as f64)
                    )
                }
            }
        }
    }

    /// "Japan · 5 GB · 30 days".
    pub fn title(&self) -> String {
        format!(
            "{} · {} · {}",
            self.coverage(),
            plan_data_label(self.data_mb),
            days_label(self.days)
        )
    }

    pub fn price_label(&self) -> String {
        yen_label(self.price_yen)
    }

    /// The fastest network generation listed ("5G"), for the card.
    pub fn top_speed(&self) -> Option<&str> {
        self.speeds.iter().map(String::as_str).max()
    }
}

/// A plan's data as sold: eSIM Go sizes are decimal (1 GB = 1000 MB), so a "1GB" bundle reads
/// "1 GB", not "977 MB" (the carrier quotas of the SIM page count 1024).
pub fn plan_data_label(data_mb: Option<u64>) -> String {
    match data_mb {
        None => t!("store-data-unlimited"),
        Some(mb) if mb < 1000 => format!("{mb} MB"),
        Some(mb) if mb % 1000 == 0 => format!("{} GB", mb / 1000),
        Some(mb) => format!("{}.{} GB", mb / 1000, (mb % 1000 + 50) / 100 % 10),
    }
}

pub fn days_label(days: u32) -> String {
    t!("common-days", count = crate::i18n::num(days))
}

/// How eSIM Go's cost becomes the customer's price (settings `STORE_USD_JPY`,
/// `STORE_MARKUP_PERCENT`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pricing {
    /// Yen per US dollar, in thousandths (150.250 ¥/$ = 150_250).
    pub usd_jpy_milli: u64,
    /// Added on top of the cost, in percent.
    pub markup_percent: u32,
}

impl Pricing {
    /// The one markup rule: cost × rate × (1 + markup), rounded up to the next ¥10, tax
    /// included (prices are shown and charged as they are). Integer arithmetic only, so the
    /// page, the order and the invoice can never disagree by a yen.
    pub fn price_yen(&self, cost_usd_cents: u64) -> u64 {
        // cents × milli-yen/$ = 10⁵ × yen; × (100 + markup) / 100.
        let scaled = u128::from(cost_usd_cents)
            * u128::from(self.usd_jpy_milli)
            * u128::from(100 + self.markup_percent);
        let per_yen = 100_000u128 * 100;
        let yen = scaled.div_ceil(per_yen);
        u64::try_from(yen.div_ceil(10) * 10).unwrap_or(u64::MAX)
    }
}

impl Pricing {
    /// The highest cost whose price is at most `price_yen` (prices rise with cost), so a
    /// "maximum price" filter runs on the stored cost; `None` when even a free plan costs more.
    pub fn max_cost_for(&self, price_yen: u64) -> Option<u64> {
        if self.price_yen(0) > price_yen {
            return None;
        }
        let (mut lo, mut hi) = (0u64, 100_000_000u64); // up to $1,000,000
        while lo < hi {
            let mid = lo + (hi - lo).div_ceil(2);
            if self.price_yen(mid) <= price_yen {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        Some(lo)
    }
}

/// How the catalogue is sorted.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum PlanSort {
    /// Cheapest first.
    #[default]
    Price,
    /// Most data first.
    Data,
    /// Longest first.
    Days,
}

impl PlanSort {
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "price" => Some(PlanSort::Price),
            "data" => Some(PlanSort::Data),
            "days" => Some(PlanSort::Days),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            PlanSort::Price => "price",
            PlanSort::Data => "data",
            PlanSort::Days => "days",
        }
    }
}

/// The catalogue filter, as the URL and the GraphQL `filter` carry it. Every field narrows.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanFilter {
    /// ISO code of a country the plan must cover.
    pub country: Option<String>,
    /// A region all (regional plans) or one of its countries lie in, e.g. "Europe".
    pub region: Option<String>,
    /// Free text matched against country names (and ISO codes).
    pub q: Option<String>,
    /// At least this many days.
    pub min_days: Option<u32>,
    /// At least this much data, in MB (unlimited always qualifies).
    pub min_data_mb: Option<u64>,
    /// At most this price.
    pub max_price_yen: Option<u64>,
    pub sort: PlanSort,
    pub page: u32,
}

/// Plans per catalogue page.
pub const PLANS_PER_PAGE: u32 = 24;

impl PlanFilter {
    /// Reads the filter from query-string values; unreadable values are refused with the field.
    pub fn parse(get: impl Fn(&str) -> Option<String>) -> Result<Self, PortalError> {
        let text = |k: &str| {
            get(k)
                .map(|v| v.trim().to_string())
                .filter(|v| !v.is_empty())
        };
        let number = |k: &str, max: u64| -> Result<Option<u64>, PortalError> {
            match text(k) {
                None => Ok(None),
                Some(v) => v
                    .parse::<u64>()
                    .ok()
                    .filter(|n| *n <= max)
                    .map(Some)
                    .ok_or_else(|| {
                        PortalError::invalid(
                            k,
                            t!(
                                "store-filter-invalid-number",
                                field = k.to_string(),
                                max = max.to_string()
                            ),
                        )
                    }),
            }
        };
        let country = match text("country") {
            None => None,
            Some(c) if c.len() == 2 && c.chars().all(|ch| ch.is_ascii_alphabetic()) => {
                Some(c.to_ascii_uppercase())
            }
            Some(_) => {
                return Err(PortalError::invalid(
                    "country",
                    t!("store-filter-invalid-country"),
                ));
            }
        };
        let q = text("q");
        if q.as_ref().is_some_and(|q| q.chars().count() > 60) {
            return Err(PortalError::invalid("q", t!("store-filter-invalid-q")));
        }
        let region = text("region");
        if region.as_ref().is_some_and(|r| r.chars().count() > 40) {
            return Err(PortalError::invalid(
                "region",
                t!("store-filter-invalid-region"),
            ));
        }
        let sort = match text("sort") {
            None => PlanSort::default(),
            Some(s) => PlanSort::parse(&s)
                .ok_or_else(|| PortalError::invalid("sort", t!("store-filter-invalid-sort")))?,
        };
        Ok(PlanFilter {
            country,
            region,
            q,
            min_days: number("days", 365)?.map(|d| d as u32),
            min_data_mb: number("data", 1_000_000)?,
            max_price_yen: number("maxPrice", 10_000_000)?,
            sort,
            page: number("page", 10_000)?.map_or(1, |p| (p as u32).max(1)),
        })
    }

    /// Whether anything narrows the catalogue (page and order do not).
    pub fn narrows(&self) -> bool {
        self.country.is_some()
            || self.region.is_some()
            || self.q.is_some()
            || self.min_days.is_some()
            || self.min_data_mb.is_some()
            || self.max_price_yen.is_some()
    }

    /// The query string of this filter (empty values left out), for links.
    pub fn to_query(&self) -> String {
        let mut parts: Vec<(&str, String)> = Vec::new();
        if let Some(c) = &self.country {
            parts.push(("country", c.clone()));
        }
        if let Some(r) = &self.region {
            parts.push(("region", r.clone()));
        }
        if let Some(q) = &self.q {
            parts.push(("q", q.clone()));
        }
        if let Some(d) = self.min_days {
            parts.push(("days", d.to_string()));
        }
        if let Some(d) = self.min_data_mb {
            parts.push(("data", d.to_string()));
        }
        if let Some(p) = self.max_price_yen {
            parts.push(("maxPrice", p.to_string()));
        }
        if self.sort != PlanSort::default() {
            parts.push(("sort", self.sort.as_str().into()));
        }
        if self.page > 1 {
            parts.push(("page", self.page.to_string()));
        }
        parts
            .into_iter()
            .map(|(k, v)| format!("{k}={}", urlencoding(&v)))
            .collect::<Vec<_>>()
            .join("&")
    }
}

/// Percent-encodes a query value (letters, digits and `-_.~` stay).
fn urlencoding(v: &str) -> String {
    v.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                char::from(b).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// One page of the catalogue.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PlanPage {
    pub plans: Vec<StorePlan>,
    pub total: u32,
    pub page: u32,
    pub per_page: u32,
}

impl PlanPage {
    pub fn has_next(&self) -> bool {
        self.page * self.per_page < self.total
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn filter(pairs: &[(&str, &str)]) -> Result<PlanFilter, PortalError> {
        let m: HashMap<String, String> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        PlanFilter::parse(|k| m.get(k).cloned())
    }

    #[test]
    fn the_price_is_cost_times_rate_plus_markup_rounded_up_to_ten_yen() {
        let p = Pricing {
            usd_jpy_milli: 150_000,
            markup_percent: 30,
        };
        // $4.50 × 150 = ¥675 × 1.3 = ¥877.5 → ¥880.
        assert_eq!(p.price_yen(450), 880);
        // $10.00 × 150 × 1.3 = ¥1,950 exactly.
        assert_eq!(p.price_yen(1000), 1950);
        // A tenth of a yen above a multiple of ten still rounds up.
        let p = Pricing {
            usd_jpy_milli: 100_001,
            markup_percent: 0,
        };
        assert_eq!(p.price_yen(1000), 1010);
        assert_eq!(p.price_yen(0), 0);
    }

    #[test]
    fn the_maximum_price_filter_becomes_the_highest_cost_under_it() {
        let p = Pricing {
            usd_jpy_milli: 150_000,
            markup_percent: 30,
        };
        let cost = p.max_cost_for(880).unwrap();
        assert!(p.price_yen(cost) <= 880);
        assert!(p.price_yen(cost + 1) > 880);
        assert_eq!(p.max_cost_for(0), Some(0));
    }

    #[test]
    fn data_reads_as_sold() {
        assert_eq!(plan_data_label(Some(1000)), "1 GB");
        assert_eq!(plan_data_label(Some(500)), "500 MB");
        assert_eq!(plan_data_label(Some(1500)), "1.5 GB");
        assert_eq!(plan_data_label(None), "Unlimited");
        assert_eq!(days_label(1), "1 day");
    }

    #[test]
    fn filters_round_trip_through_the_url_and_refuse_nonsense() {
        let f = filter(&[
            ("country", "jp"),
            ("days", "7"),
            ("maxPrice", "3000"),
            ("sort", "data"),
            ("q", "South Korea"),
        ])
        .unwrap();
        assert_eq!(f.country.as_deref(), Some("JP"));
        assert_eq!(f.min_days, Some(7));
        assert_eq!(f.page, 1);
        let query = f.to_query();
        assert!(query.contains("q=South%20Korea"), "{query}");
        let decoded = query.replace("%20", " ");
        let pairs: Vec<(&str, &str)> = decoded
            .split('&')
            .map(|kv| kv.split_once('=').unwrap())
            .collect();
        let again = filter(&pairs).unwrap();
        assert_eq!(again, f);
        assert!(
            matches!(filter(&[("country", "JPN")]), Err(PortalError::Invalid { ref field, .. }) if field == "country")
        );
        assert!(
            matches!(filter(&[("days", "-1")]), Err(PortalError::Invalid { ref field, .. }) if field == "days")
        );
        assert!(
            matches!(filter(&[("sort", "name")]), Err(PortalError::Invalid { ref field, .. }) if field == "sort")
        );
        assert_eq!(filter(&[("page", "0")]).unwrap().page, 1);
        assert!(!filter(&[("page", "2"), ("sort", "days")])
            .unwrap()
            .narrows());
        assert!(filter(&[("days", "7")]).unwrap().narrows());
    }

    #[test]
    fn coverage_names_one_country_or_the_region() {
        let d = |iso: &str, name: &str, region: &str| Destination {
            iso: iso.into(),
            name: name.into(),
            region: region.into(),
        };
        let mut p = StorePlan {
            name: "esim_5GB_30D_JP_V2".into(),
            description: String::new(),
            countries: vec![d("JP", "Japan", "Asia")],
            data_mb: Some(5000),
            days: 30,
            speeds: vec!["4G".into(), "5G".into()],
            price_yen: 1950,
            featured: false,
        };
        assert_eq!(p.title(), "Japan · 5 GB · 30 days");
        assert_eq!(p.top_speed(), Some("5G"));
        p.countries = vec![d("FR", "France", "Europe"), d("DE", "Germany", "Europe")];
        assert_eq!(p.coverage(), "Europe (2 countries)");
        p.countries.push(d("US", "United States", "North America"));
        assert_eq!(p.coverage(), "3 countries");
    }
}
