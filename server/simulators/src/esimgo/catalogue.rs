//! The simulated organisation's catalogue: real-looking bundle names (`esim_1GB_7D_JP_V2`,
//! `esim_UL_7D_JP_V2`, regional `esim_5GB_30D_REUP_V2`), countries with their regions, MB
//! amounts and USD float prices, answered as the live API does (`{bundles, pageCount, rows,
//! pageSize}`) with its filters: `countries` (any base country), `region`, `group`,
//! `description` (wildcard `*`), paging and ordering.

use serde_json::{json, Value};

/// (ISO, name, region) of every country a bundle covers.
pub(crate) const COUNTRIES: &[(&str, &str, &str)] = &[
    ("JP", "Japan", "Asia"),
    ("KR", "South Korea", "Asia"),
    ("TW", "Taiwan", "Asia"),
    ("HK", "Hong Kong", "Asia"),
    ("TH", "Thailand", "Asia"),
    ("VN", "Vietnam", "Asia"),
    ("SG", "Singapore", "Asia"),
    ("MY", "Malaysia", "Asia"),
    ("ID", "Indonesia", "Asia"),
    ("PH", "Philippines", "Asia"),
    ("CN", "China", "Asia"),
    ("IN", "India", "Asia"),
    ("GB", "United Kingdom", "Europe"),
    ("FR", "France", "Europe"),
    ("DE", "Germany", "Europe"),
    ("IT", "Italy", "Europe"),
    ("ES", "Spain", "Europe"),
    ("PT", "Portugal", "Europe"),
    ("NL", "Netherlands", "Europe"),
    ("CH", "Switzerland", "Europe"),
    ("AT", "Austria", "Europe"),
    ("GR", "Greece", "Europe"),
    ("TR", "Turkey", "Europe"),
    ("AD", "Andorra", "Europe"),
    ("US", "United States", "North America"),
    ("CA", "Canada", "North America"),
    ("MX", "Mexico", "North America"),
    ("AU", "Australia", "Oceania"),
    ("NZ", "New Zealand", "Oceania"),
    ("AE", "United Arab Emirates", "Middle East"),
    ("EG", "Egypt", "Africa"),
    ("ZA", "South Africa", "Africa"),
    ("BR", "Brazil", "South America"),
];

/// Europe+ (`REUP`): the regional bundles' countries.
const EUROPE_PLUS: &[&str] = &[
    "GB", "FR", "DE", "IT", "ES", "PT", "NL", "CH", "AT", "GR", "TR", "AD",
];
/// Asia (`RASIA`).
const ASIA: &[&str] = &["JP", "KR", "TW", "HK", "TH", "VN", "SG", "MY", "ID", "PH"];

/// One bundle of the catalogue.
#[derive(Debug, Clone)]
pub(crate) struct Bundle {
    pub name: String,
    pub description: String,
    pub countries: Vec<&'static str>,
    /// MB; -1 for unlimited.
    pub data_mb: i64,
    pub days: u32,
    pub price: f64,
    pub unlimited: bool,
    pub region: Option<&'static str>,
}

impl Bundle {
    /// Bytes a new assignment of this bundle starts with (unlimited: 1 GB a day, as eSIM Go's
    /// `esim_UL_` bundles before throttling).
    pub fn initial_bytes(&self) -> u64 {
        if self.unlimited {
            1_000_000_000 * u64::from(self.days)
        } else {
            u64::try_from(self.data_mb).unwrap_or(0) * 1_000_000
        }
    }

    pub fn json(&self, groups_key: &str) -> Value {
        let countries: Vec<Value> = self
            .countries
            .iter()
            .filter_map(|iso| country(iso))
            .map(|(iso, name, region)| json!({"name": name, "region": region, "iso": iso}))
            .collect();
        let amount = if self.unlimited { -1 } else { self.data_mb };
        let mut v = json!({
            "name": self.name,
            "description": self.description,
            "countries": countries,
            "dataAmount": amount,
            "duration": self.days,
            "speed": ["3G", "4G", "5G"],
            "autostart": true,
            "unlimited": self.unlimited,
            "roamingEnabled": [],
            "imageUrl": format!("https://static.esim-go.example/flags/{}.jpg", self.countries[0]),
            "price": self.price,
            "billingType": "FixedCost",
            "allowances": [{
                "type": "DATA", "service": "ROAMING",
                "description": format!("{} (data)", self.name.to_uppercase()),
                "amount": amount, "unit": "MB", "unlimited": self.unlimited
            }]
        });
        // `/catalogue` says `groups`, `/catalogue/bundle/{name}` says `group` (contract §1).
        v[groups_key] = json!(["Standard Fixed"]);
        v
    }
}

pub(crate) fn country(iso: &str) -> Option<(&'static str, &'static str, &'static str)> {
    COUNTRIES.iter().copied().find(|(i, _, _)| *i == iso)
}

/// Every bundle, in a fixed order: per country 1, 3, 5, 10 and 20 GB with 7–30 days and one
/// unlimited week; then the two regional families.
pub(crate) fn demo_catalogue() -> Vec<Bundle> {
    let mut out = Vec::new();
    // (GB, days, base USD) per size; a country's price level scales it.
    const SIZES: &[(i64, u32, f64)] = &[
        (1, 7, 4.5),
        (3, 15, 9.0),
        (5, 30, 13.0),
        (10, 30, 21.0),
        (20, 30, 34.0),
    ];
    for (i, (iso, name, _)) in COUNTRIES.iter().enumerate() {
        // Deterministic price levels between 0.8 and 1.5 by country.
        let level = 0.8 + f64::from(u32::try_from(i * 7 % 8).unwrap_or(0)) * 0.1;
        for (gb, days, base) in SIZES {
            out.push(Bundle {
                name: format!("esim_{gb}GB_{days}D_{iso}_V2"),
                description: format!("eSIM, {gb}GB, {days} Days, {name}, V2"),
                countries: vec![iso],
                data_mb: gb * 1000,
                days: *days,
                price: round2(base * level),
                unlimited: false,
                region: None,
            });
        }
        out.push(Bundle {
            name: format!("esim_UL_7D_{iso}_V2"),
            description: format!("eSIM, Unlimited, 7 Days, {name}, V2"),
            countries: vec![iso],
            data_mb: -1,
            days: 7,
            price: round2(29.0 * level),
            unlimited: true,
            region: None,
        });
    }
    for (code, label, region, countries) in [
        ("REUP", "Europe+", "Europe", EUROPE_PLUS),
        ("RASIA", "Asia", "Asia", ASIA),
    ] {
        for (gb, days, price) in [(5, 30, 19.0), (10, 30, 29.0), (20, 30, 45.0)] {
            out.push(Bundle {
                name: format!("esim_{gb}GB_{days}D_{code}_V2"),
                description: format!("eSIM, {gb}GB, {days} Days, {label}, V2"),
                countries: countries.to_vec(),
                data_mb: gb * 1000,
                days,
                price,
                unlimited: false,
                region: Some(region),
            });
        }
    }
    out
}

fn round2(v: f64) -> f64 {
    (v * 100.0).round() / 100.0
}

/// `GET /catalogue` with its query parameters (unknown ones ignored, as the API does).
pub(crate) fn page(
    all: &[Bundle],
    q: &std::collections::HashMap<String, String>,
) -> Result<Value, String> {
    let number = |k: &str, default: usize| -> Result<usize, String> {
        match q.get(k) {
            None => Ok(default),
            Some(v) => v
                .parse::<usize>()
                .ok()
                .filter(|n| *n > 0)
                .ok_or_else(|| format!("Invalid {k}")),
        }
    };
    let page = number("page", 1)?;
    let per_page = number("perPage", 50)?.min(1000);
    let wanted: Vec<String> = q
        .get("countries")
        .map(|c| {
            c.split(',')
                .map(|s| s.trim().to_ascii_uppercase())
                .filter(|s| !s.is_empty())
                .collect()
        })
        .unwrap_or_default();
    let region = q.get("region").map(|r| r.to_ascii_lowercase());
    let description = q.get("description").map(|d| d.to_ascii_lowercase());
    let group = q.get("group");
    let mut hits: Vec<&Bundle> = all
        .iter()
        .filter(|b| wanted.is_empty() || b.countries.iter().any(|c| wanted.iter().any(|w| w == c)))
        .filter(|b| {
            region.as_deref().is_none_or(|r| {
                b.region.is_some_and(|br| br.to_ascii_lowercase() == r)
                    || b.countries
                        .iter()
                        .filter_map(|c| country(c))
                        .all(|(_, _, cr)| cr.to_ascii_lowercase() == r)
            })
        })
        .filter(|_| group.is_none_or(|g| g == "Standard Fixed"))
        .filter(|b| {
            description
                .as_deref()
                .is_none_or(|d| wildcard(d, &b.description.to_ascii_lowercase()))
        })
        .collect();
    match q.get("orderBy").map(String::as_str) {
        Some("price") => hits.sort_by(|a, b| a.price.total_cmp(&b.price)),
        Some("name") => hits.sort_by(|a, b| a.name.cmp(&b.name)),
        _ => {}
    }
    if q.get("direction")
        .is_some_and(|d| d.eq_ignore_ascii_case("desc"))
    {
        hits.reverse();
    }
    let rows = hits.len();
    let bundles: Vec<Value> = hits
        .into_iter()
        .skip((page - 1) * per_page)
        .take(per_page)
        .map(|b| b.json("groups"))
        .collect();
    Ok(json!({
        "bundles": bundles,
        "pageCount": rows.div_ceil(per_page),
        "rows": rows,
        "pageSize": per_page,
    }))
}

/// `*` matches any run of characters; without one, a substring match.
fn wildcard(pattern: &str, text: &str) -> bool {
    if !pattern.contains('*') {
        return text.contains(pattern);
    }
    let parts: Vec<&str> = pattern.split('*').collect();
    let mut rest = text;
    for (i, part) in parts.iter().enumerate() {
        if part.is_empty() {
            continue;
        }
        match rest.find(part) {
            Some(at) if i > 0 || at == 0 => rest = &rest[at + part.len()..],
            _ => return false,
        }
    }
    parts
        .last()
        .is_none_or(|l| l.is_empty() || text.ends_with(l))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn names_are_unique_and_follow_the_real_pattern() {
        let all = demo_catalogue();
        let mut names: Vec<&str> = all.iter().map(|b| b.name.as_str()).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), all.len());
        assert!(names.contains(&"esim_1GB_7D_JP_V2"));
        assert!(names.contains(&"esim_UL_7D_JP_V2"));
        assert!(names.contains(&"esim_10GB_30D_REUP_V2"));
    }

    #[test]
    fn wildcards_match_like_the_api() {
        assert!(wildcard("*japan*", "esim, 1gb, 7 days, japan, v2"));
        assert!(wildcard("esim, 1gb*", "esim, 1gb, 7 days, japan, v2"));
        assert!(!wildcard("esim, 3gb*", "esim, 1gb, 7 days, japan, v2"));
        assert!(wildcard("japan", "esim, 1gb, 7 days, japan, v2"));
    }
}
