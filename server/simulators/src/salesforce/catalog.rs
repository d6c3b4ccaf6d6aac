//! The org's demo catalog (seed 004 phase 1): the "Portal" price book and its entries for the
//! products the portal sells — eSIM data plans (each with its carrier plan code and WHMCS
//! product), the eSIM activation fee and an add-on, a VPN with a configurable region, a fibre
//! plan only eligible accounts see — plus products the portal must not show (an expired
//! campaign, one outside the portal catalog, one whose entry is inactive).

use super::SalesforceSim;
use serde_json::{json, Map, Value};

fn object(v: Value) -> Map<String, Value> {
    match v {
        Value::Object(m) => m,
        _ => Map::new(),
    }
}

/// Options of an eSIM plan: the device's EID (the profile is made for that device) and the
/// radio network.
const ESIM_OPTIONS: &str = r#"[{"key":"eid","label":"Device EID","type":"eid","required":true,"help":"32 digits: Settings → General → About → EID on iPhone; Settings → About phone → SIM status on Android."},{"key":"network","label":"Network","type":"select","required":true,"choices":["5G","4G"],"default":"5G"}]"#;

const VPN_OPTIONS: &str = r#"[{"key":"region","label":"Exit region","type":"select","required":true,"choices":["Japan","United States","Europe"],"default":"Japan"}]"#;

/// (name, SKU, category, item class, monthly or one-time price in yen, billing cycle, WHMCS
/// product id, carrier plan, options, public, eligibility key, valid until, in the portal
/// catalog, entry active)
type DemoProduct = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    f64,
    &'static str,
    u64,
    Option<&'static str>,
    Option<&'static str>,
    bool,
    Option<&'static str>,
    Option<&'static str>,
    bool,
    bool,
);

const PRODUCTS: &[DemoProduct] = &[
    (
        "eSIM Data-only 5GB",
        "ESIM-PASI-5G",
        "eSIM",
        "Service",
        1_320.0,
        "Monthly",
        55,
        Some("PASI_5G"),
        Some(ESIM_OPTIONS),
        true,
        None,
        None,
        true,
        true,
    ),
    (
        "eSIM Data-only 10GB",
        "ESIM-PASI-10G",
        "eSIM",
        "Service",
        1_980.0,
        "Monthly",
        56,
        Some("PASI_10G"),
        Some(ESIM_OPTIONS),
        true,
        None,
        None,
        true,
        true,
    ),
    (
        "eSIM Data-only 25GB",
        "ESIM-PASI-25G",
        "eSIM",
        "Service",
        3_080.0,
        "Monthly",
        57,
        Some("PASI_25G"),
        Some(ESIM_OPTIONS),
        true,
        None,
        None,
        true,
        true,
    ),
    (
        "eSIM Data-only 50GB",
        "ESIM-PASI-50G",
        "eSIM",
        "Service",
        4_950.0,
        "Monthly",
        54,
        Some("PASI_50G"),
        Some(ESIM_OPTIONS),
        true,
        None,
        None,
        true,
        true,
    ),
    (
        "eSIM activation fee",
        "ESIM-ACTIVATION",
        "eSIM",
        "Activation Fee",
        3_300.0,
        "One Time",
        70,
        None,
        None,
        true,
        None,
        None,
        true,
        true,
    ),
    (
        "Voice mail & call waiting pack",
        "ESIM-ADDON-VOICE",
        "eSIM",
        "Add-on",
        330.0,
        "Monthly",
        71,
        None,
        None,
        true,
        None,
        None,
        true,
        true,
    ),
    (
        "Travel VPN",
        "VPN-TRAVEL",
        "VPN",
        "Service",
        550.0,
        "Monthly",
        61,
        None,
        Some(VPN_OPTIONS),
        true,
        None,
        None,
        true,
        true,
    ),
    (
        "VPN activation fee",
        "VPN-ACTIVATION",
        "VPN",
        "Activation Fee",
        1_100.0,
        "One Time",
        72,
        None,
        None,
        true,
        None,
        None,
        true,
        true,
    ),
    (
        "Home Fibre 1 Gbps (Tokyo)",
        "NET-FIBRE-1G-TOKYO",
        "Internet",
        "Service",
        5_280.0,
        "Monthly",
        60,
        None,
        None,
        false,
        Some("fibre-tokyo"),
        None,
        true,
        true,
    ),
    (
        "Spring campaign eSIM 3GB",
        "ESIM-SPRING-3G",
        "eSIM",
        "Service",
        880.0,
        "Monthly",
        58,
        Some("PASI_5G"),
        Some(ESIM_OPTIONS),
        true,
        None,
        Some("2026-05-31"),
        true,
        true,
    ),
    (
        "Legacy SIM 3GB",
        "SIM-LEGACY-3G",
        "SIM",
        "Service",
        990.0,
        "Monthly",
        49,
        None,
        None,
        true,
        None,
        None,
        false,
        true,
    ),
    (
        "Data-only 100GB (preview)",
        "ESIM-PASI-100G",
        "eSIM",
        "Service",
        7_700.0,
        "Monthly",
        59,
        None,
        Some(ESIM_OPTIONS),
        true,
        None,
        None,
        true,
        false,
    ),
];

impl SalesforceSim {
    /// Seeds the price books, products and entries of [`PRODUCTS`].
    pub(super) fn seed_catalog(&self) {
        self.with_records(|r| {
            let standard = r
                .insert(
                    "Pricebook2",
                    object(json!({"Name": "Standard Price Book", "IsActive": true, "IsStandard": true})),
                )
                .unwrap_or_default();
            let portal = r
                .insert(
                    "Pricebook2",
                    object(json!({"Name": "Portal", "IsActive": true, "IsStandard": false})),
                )
                .unwrap_or_default();
            for &(name, sku, category, class, price, cycle, pid, plan, options, public, key, until, in_catalog, entry_active) in PRODUCTS {
                let product = r
                    .insert(
                        "Product2",
                        object(json!({
                            "Name": name, "ProductCode": sku, "StockKeepingUnit": sku,
                            "Description": description(category, class),
                            "IsActive": true, "Family": category,
                            "Product2Categories1__c": category, "Item_Class__c": class,
                            "Portal_Catalog__c": in_catalog, "Portal_Accessible__c": public,
                            "Portal_ConfigOptions_JSON__c": options,
                            "WHMCS_Product_ID__c": pid as f64, "SIM_Plan_Code__c": plan,
                            "Billing_Cycle__c": cycle, "Valid_From__c": "2024-04-01",
                            "Valid_Until__c": until, "Eligibility_Key__c": key,
                        })),
                    )
                    .unwrap_or_default();
                for (book, active) in [(&standard, true), (&portal, entry_active)] {
                    r.insert(
                        "PricebookEntry",
                        object(json!({
                            "Pricebook2Id": book, "Product2Id": product, "UnitPrice": price,
                            "IsActive": active, "UseStandardPrice": false, "Name": name,
                        })),
                    );
                }
            }
        });
    }
}

fn description(category: &str, class: &str) -> &'static str {
    match (category, class) {
        ("eSIM", "Service") => "Data-only eSIM on NTT Docomo's network. Unused high-speed data does not carry over; top up any time from the SIM page.",
        ("eSIM", "Activation Fee") => "One-time fee for issuing the eSIM profile.",
        ("eSIM", _) => "Voice mail and call waiting for any eSIM line.",
        ("VPN", "Service") => "Encrypted traffic through an exit region of your choice.",
        ("VPN", _) => "One-time fee for setting up the VPN account.",
        ("Internet", _) => "Fibre to the home in Tokyo's 23 wards, with router.",
        _ => "",
    }
}
