//! The catalog as customers see it (seed 004 phase 3) and the rules of a cart: a product's
//! configurable options (from Salesforce's `Portal_ConfigOptions_JSON__c`) validated the
//! same way in the browser and on the server, the activation fee every new service of a
//! category carries, optional add-ons, and the one-time and monthly totals.

use super::eid::Eid;
use crate::t;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    Esim,
    Sim,
    Internet,
    Vpn,
}

impl Category {
    pub fn parse(s: &str) -> Option<Category> {
        Some(match s.trim().to_ascii_lowercase().as_str() {
            "esim" => Category::Esim,
            "sim" => Category::Sim,
            "internet" => Category::Internet,
            "vpn" => Category::Vpn,
            _ => return None,
        })
    }

    pub fn label(self) -> String {
        match self {
            Category::Esim => "eSIM".to_string(),
            Category::Sim => "SIM".to_string(),
            Category::Internet => t!("portal-category-internet"),
            Category::Vpn => "VPN".to_string(),
        }
    }
}

/// What a catalog item is: a service one orders, the one-time fee a new service of its
/// category carries, or an optional add-on to a service.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ItemClass {
    Service,
    ActivationFee,
    AddOn,
}

impl ItemClass {
    pub fn parse(s: &str) -> Option<ItemClass> {
        Some(match s.trim().to_ascii_lowercase().as_str() {
            "service" => ItemClass::Service,
            "activation fee" => ItemClass::ActivationFee,
            "add-on" | "addon" => ItemClass::AddOn,
            _ => return None,
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BillingCycle {
    Monthly,
    OneTime,
}

impl BillingCycle {
    pub fn parse(s: &str) -> Option<BillingCycle> {
        Some(
            match s
                .trim()
                .to_ascii_lowercase()
                .replace(['-', '_'], " ")
                .as_str()
            {
                "monthly" => BillingCycle::Monthly,
                "one time" | "onetime" => BillingCycle::OneTime,
                _ => return None,
            },
        )
    }

    /// As Salesforce's `Billing_Cycle__c` snapshot spells it.
    pub fn label(self) -> &'static str {
        match self {
            BillingCycle::Monthly => "Monthly",
            BillingCycle::OneTime => "One Time",
        }
    }
}

/// The kind of value an option takes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OptionKind {
    /// One of `choices`.
    Select { choices: Vec<String> },
    /// A device EID (32 digits with valid check digits).
    Eid,
}

/// One configurable option of a product.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ConfigOption {
    pub key: String,
    pub label: String,
    pub kind: OptionKind,
    pub required: bool,
    pub default: Option<String>,
    pub help: Option<String>,
}

#[derive(Deserialize)]
struct RawOption {
    key: String,
    label: Option<String>,
    #[serde(rename = "type")]
    kind: String,
    #[serde(default)]
    required: bool,
    #[serde(default)]
    choices: Vec<String>,
    default: Option<String>,
    help: Option<String>,
}

/// The options described by `Portal_ConfigOptions_JSON__c`. Malformed JSON or an unknown
/// option type is an error: a product whose options cannot be shown must not be sold.
pub fn parse_options(json: Option<&str>) -> Result<Vec<ConfigOption>, String> {
    let Some(json) = json.map(str::trim).filter(|j| !j.is_empty()) else {
        return Ok(Vec::new());
    };
    let raw: Vec<RawOption> =
        serde_json::from_str(json).map_err(|e| format!("options are not valid JSON: {e}"))?;
    raw.into_iter()
        .map(|r| {
            let kind = match r.kind.as_str() {
                "select" if !r.choices.is_empty() => OptionKind::Select { choices: r.choices },
                "select" => return Err(format!("option {} has no choices", r.key)),
                "eid" => OptionKind::Eid,
                other => return Err(format!("option {} has an unknown type {other}", r.key)),
            };
            Ok(ConfigOption {
                label: r.label.unwrap_or_else(|| r.key.clone()),
                key: r.key,
                kind,
                required: r.required,
                default: r.default,
                help: r.help,
            })
        })
        .collect()
}

/// `values` checked against `options`: every required option present, selects one of their
/// choices, EIDs valid (normalised to their 32 digits); unknown keys refused. Absent
/// optional selects take their default. The error names the option's key.
pub fn validate_options(
    options: &[ConfigOption],
    values: &BTreeMap<String, String>,
) -> Result<BTreeMap<String, String>, (String, String)> {
    if let Some(k) = values
        .keys()
        .find(|k| !options.iter().any(|o| &o.key == *k))
    {
        return Err((k.clone(), t!("portal-option-unknown", option = k.clone())));
    }
    let mut out = BTreeMap::new();
    for o in options {
        let given = values
            .get(&o.key)
            .map(|v| v.trim())
            .filter(|v| !v.is_empty());
        let value = match (given, &o.default) {
            (Some(v), _) => v.to_string(),
            (None, Some(d)) => d.clone(),
            (None, None) if o.required => {
                return Err((
                    o.key.clone(),
                    t!("portal-option-required", label = o.label.clone()),
                ));
            }
            (None, None) => continue,
        };
        let value = match &o.kind {
            OptionKind::Select { choices } => {
                if !choices.contains(&value) {
                    return Err((
                        o.key.clone(),
                        t!(
                            "portal-option-choose",
                            label = o.label.clone(),
                            choices = choices.join(&t!("portal-list-separator"))
                        ),
                    ));
                }
                value
            }
            OptionKind::Eid => Eid::parse(&value)
                .map_err(|e| (o.key.clone(), e))?
                .as_str()
                .to_string(),
        };
        out.insert(o.key.clone(), value);
    }
    Ok(out)
}

/// A product as the catalog shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Product {
    pub sku: String,
    pub name: String,
    pub description: String,
    pub category: Category,
    pub class: ItemClass,
    /// Yen per cycle (monthly) or once.
    pub price_yen: u64,
    pub cycle: BillingCycle,
    pub options: Vec<ConfigOption>,
}

/// The products a customer may order.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CatalogView {
    pub products: Vec<Product>,
}

impl CatalogView {
    pub fn product(&self, sku: &str) -> Option<&Product> {
        self.products.iter().find(|p| p.sku == sku)
    }

    /// The services, by category in a stable order, cheapest first.
    pub fn services(&self) -> Vec<&Product> {
        let mut s: Vec<&Product> = self
            .products
            .iter()
            .filter(|p| p.class == ItemClass::Service)
            .collect();
        s.sort_by_key(|p| (p.category, p.price_yen));
        s
    }

    /// The fees and add-ons of `category`.
    pub fn extras(&self, category: Category, class: ItemClass) -> Vec<&Product> {
        self.products
            .iter()
            .filter(|p| p.category == category && p.class == class)
            .collect()
    }
}

/// What the customer asks for: one service with its options, and add-ons by SKU.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Cart {
    pub sku: String,
    #[serde(default)]
    pub options: BTreeMap<String, String>,
    #[serde(default)]
    pub add_ons: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct QuoteLine {
    pub sku: String,
    pub name: String,
    pub class: ItemClass,
    pub cycle: BillingCycle,
    pub price_yen: u64,
    /// Validated options (service line only).
    pub options: BTreeMap<String, String>,
}

/// The priced cart: the service, its category's activation fees, the chosen add-ons.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Quote {
    pub lines: Vec<QuoteLine>,
    pub one_time_yen: u64,
    pub monthly_yen: u64,
}

impl Quote {
    pub fn service(&self) -> &QuoteLine {
        &self.lines[0]
    }
}

/// Prices `cart` against `catalog`; the error names the field to fix (`sku`, `addOns`, or
/// an option's key).
pub fn quote(catalog: &CatalogView, cart: &Cart) -> Result<Quote, (String, String)> {
    let service = catalog
        .product(&cart.sku)
        .filter(|p| p.class == ItemClass::Service)
        .ok_or_else(|| ("sku".to_string(), t!("portal-product-unavailable")))?;
    let options = validate_options(&service.options, &cart.options)?;
    let line = |p: &Product, options| QuoteLine {
        sku: p.sku.clone(),
        name: p.name.clone(),
        class: p.class,
        cycle: p.cycle,
        price_yen: p.price_yen,
        options,
    };
    let mut lines = vec![line(service, options)];
    for fee in catalog.extras(service.category, ItemClass::ActivationFee) {
        lines.push(line(fee, BTreeMap::new()));
    }
    let mut seen = Vec::new();
    for sku in &cart.add_ons {
        let addon = catalog
            .product(sku)
            .filter(|p| p.class == ItemClass::AddOn && p.category == service.category)
            .ok_or_else(|| {
                (
                    "addOns".to_string(),
                    t!("portal-add-on-unknown", sku = sku.clone()),
                )
            })?;
        if seen.contains(&sku) {
            return Err((
                "addOns".into(),
                t!("portal-add-on-twice", name = addon.name.clone()),
            ));
        }
        seen.push(sku);
        lines.push(line(addon, BTreeMap::new()));
    }
    let sum = |c: BillingCycle| {
        lines
            .iter()
            .filter(|l| l.cycle == c)
            .map(|l| l.price_yen)
            .sum()
    };
    Ok(Quote {
        one_time_yen: sum(BillingCycle::OneTime),
        monthly_yen: sum(BillingCycle::Monthly),
        lines,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const ESIM_OPTIONS: &str = r#"[{"key":"eid","label":"Device EID","type":"eid","required":true},{"key":"network","label":"Network","type":"select","required":true,"choices":["5G","4G"],"default":"5G"}]"#;
    const EID: &str = "89049032000001000000000000000055";

    fn product(
        sku: &str,
        category: Category,
        class: ItemClass,
        price: u64,
        cycle: BillingCycle,
        options: Option<&str>,
    ) -> Product {
        Product {
            sku: sku.into(),
            name: sku.into(),
            description: String::new(),
            category,
            class,
            price_yen: price,
            cycle,
            options: parse_options(options).unwrap(),
        }
    }

    fn catalog() -> CatalogView {
        use BillingCycle::*;
        use Category::*;
        use ItemClass::*;
        CatalogView {
            products: vec![
                product("ESIM-10G", Esim, Service, 1980, Monthly, Some(ESIM_OPTIONS)),
                product("ESIM-FEE", Esim, ActivationFee, 3300, OneTime, None),
                product("ESIM-VOICE", Esim, AddOn, 330, Monthly, None),
                product("VPN", Vpn, Service, 550, Monthly, None),
                product("VPN-FEE", Vpn, ActivationFee, 1100, OneTime, None),
            ],
        }
    }

    fn valid_eid() -> String {
        // A valid EID: the first 30 digits, then the MOD 97-10 check digits.
        let base = &EID[..30];
        let rem = base
            .bytes()
            .chain(*b"00")
            .fold(0u32, |r, d| (r * 10 + u32::from(d - b'0')) % 97);
        format!("{base}{:02}", 98 - rem)
    }

    #[test]
    fn options_parse_from_salesforce_json_and_refuse_what_cannot_be_shown() {
        let o = parse_options(Some(ESIM_OPTIONS)).unwrap();
        assert_eq!(o.len(), 2);
        assert_eq!(o[0].kind, OptionKind::Eid);
        assert_eq!(o[1].default.as_deref(), Some("5G"));
        assert!(parse_options(None).unwrap().is_empty());
        assert!(parse_options(Some("")).unwrap().is_empty());
        assert!(parse_options(Some("{")).is_err());
        assert!(parse_options(Some(r#"[{"key":"x","type":"colour"}]"#)).is_err());
        assert!(parse_options(Some(r#"[{"key":"x","type":"select","choices":[]}]"#)).is_err());
    }

    #[test]
    fn option_values_are_validated_and_defaulted() {
        let o = parse_options(Some(ESIM_OPTIONS)).unwrap();
        let values = |pairs: &[(&str, &str)]| {
            pairs
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect::<BTreeMap<_, _>>()
        };
        let eid = valid_eid();
        let spaced = format!("{} {}", &eid[..16], &eid[16..]);
        let ok = validate_options(&o, &values(&[("eid", &spaced)])).unwrap();
        assert_eq!(ok["eid"], eid, "normalised");
        assert_eq!(ok["network"], "5G", "default");
        assert_eq!(validate_options(&o, &values(&[])).unwrap_err().0, "eid");
        assert_eq!(
            validate_options(&o, &values(&[("eid", &eid), ("network", "3G")]))
                .unwrap_err()
                .0,
            "network"
        );
        let mut wrong = eid.clone();
        wrong.replace_range(5..6, if &eid[5..6] == "1" { "2" } else { "1" });
        assert_eq!(
            validate_options(&o, &values(&[("eid", &wrong)]))
                .unwrap_err()
                .0,
            "eid"
        );
        assert_eq!(
            validate_options(&o, &values(&[("eid", &eid), ("colour", "red")]))
                .unwrap_err()
                .0,
            "colour"
        );
    }

    #[test]
    fn a_quote_adds_the_category_fee_and_chosen_add_ons() {
        let c = catalog();
        let cart = Cart {
            sku: "ESIM-10G".into(),
            options: [("eid".to_string(), valid_eid())].into(),
            add_ons: vec!["ESIM-VOICE".into()],
        };
        let q = quote(&c, &cart).unwrap();
        let skus: Vec<&str> = q.lines.iter().map(|l| l.sku.as_str()).collect();
        assert_eq!(skus, ["ESIM-10G", "ESIM-FEE", "ESIM-VOICE"]);
        assert_eq!((q.one_time_yen, q.monthly_yen), (3300, 2310));
        assert_eq!(q.service().options["network"], "5G");

        let vpn = quote(
            &c,
            &Cart {
                sku: "VPN".into(),
                ..Cart::default()
            },
        )
        .unwrap();
        assert_eq!((vpn.one_time_yen, vpn.monthly_yen), (1100, 550));

        let refused = |cart: Cart| quote(&c, &cart).unwrap_err().0;
        assert_eq!(
            refused(Cart {
                sku: "ESIM-FEE".into(),
                ..Cart::default()
            }),
            "sku",
            "a fee alone"
        );
        assert_eq!(
            refused(Cart {
                sku: "NOPE".into(),
                ..Cart::default()
            }),
            "sku"
        );
        assert_eq!(
            refused(Cart {
                sku: "VPN".into(),
                add_ons: vec!["ESIM-VOICE".into()],
                ..Cart::default()
            }),
            "addOns",
            "another category's add-on"
        );
        assert_eq!(
            refused(Cart {
                add_ons: vec!["ESIM-VOICE".into(), "ESIM-VOICE".into()],
                ..cart
            }),
            "addOns"
        );
    }
}
