//! The travel eSIM store's purchases as customers see them: an order's progress, the eSIMs it
//! made with their bundles and usage, and the install instructions for the phone at hand.

use super::PortalError;
use crate::t;
use serde::{Deserialize, Serialize};

/// eSIM Go takes at most 10 bundles an order (contract §3).
pub const MAX_QUANTITY: u32 = 10;

/// The quantity field: 1 to [`MAX_QUANTITY`].
pub fn parse_quantity(raw: &str) -> Result<u32, PortalError> {
    match raw.trim().parse::<u32>() {
        Ok(n) if (1..=MAX_QUANTITY).contains(&n) => Ok(n),
        _ => Err(PortalError::invalid(
            "quantity",
            t!("store-quantity-invalid", max = MAX_QUANTITY.to_string()),
        )),
    }
}

/// Where an order stands, in the customer's terms (the saga has more states than this).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum OrderStage {
    /// Taking the payment.
    Paying,
    /// Paid; the eSIMs (or the top-up) are being made.
    Preparing,
    /// Done: the eSIMs can be installed (or the bundle is on the eSIM).
    Ready,
    /// Nothing was charged.
    PaymentFailed,
    /// Paid, but no eSIM could be made: the money was returned as account credit.
    Refunded,
    /// Our team has to look at it (the customer is told so).
    NeedsAttention,
}

impl OrderStage {
    /// The saga state written by the server, in the customer's terms.
    pub fn from_state(state: &str) -> Self {
        match state {
            "requested" | "invoicing" | "invoiced" | "capturing" => OrderStage::Paying,
            "paid" | "ordering" | "ordered" => OrderStage::Preparing,
            "completed" => OrderStage::Ready,
            "payment_failed" => OrderStage::PaymentFailed,
            "refunding" => OrderStage::Preparing,
            "refunded" => OrderStage::Refunded,
            _ => OrderStage::NeedsAttention,
        }
    }

    pub fn label(self) -> String {
        match self {
            OrderStage::Paying => t!("store-stage-paying"),
            OrderStage::Preparing => t!("store-stage-preparing"),
            OrderStage::Ready => t!("store-stage-ready"),
            OrderStage::PaymentFailed => t!("store-stage-payment-failed"),
            OrderStage::Refunded => t!("store-stage-refunded"),
            OrderStage::NeedsAttention => t!("store-stage-needs-attention"),
        }
    }

    /// Nothing will change any more by itself.
    pub fn is_final(self) -> bool {
        !matches!(self, OrderStage::Paying | OrderStage::Preparing)
    }

    /// The value of the orders list's status filter.
    pub fn as_query(self) -> &'static str {
        match self {
            OrderStage::Paying => "paying",
            OrderStage::Preparing => "preparing",
            OrderStage::Ready => "ready",
            OrderStage::PaymentFailed => "payment_failed",
            OrderStage::Refunded => "refunded",
            OrderStage::NeedsAttention => "attention",
        }
    }

    pub const ALL: [OrderStage; 6] = [
        OrderStage::Paying,
        OrderStage::Preparing,
        OrderStage::Ready,
        OrderStage::PaymentFailed,
        OrderStage::Refunded,
        OrderStage::NeedsAttention,
    ];

    pub fn from_query(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|st| st.as_query() == s)
    }
}

/// One purchase (new eSIMs or a top-up of one).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StoreOrder {
    /// The order's id (digits), as in `/store/orders/{id}`.
    pub id: String,
    pub plan_name: String,
    pub plan_description: String,
    pub quantity: u32,
    pub amount_yen: u64,
    pub stage: OrderStage,
    /// Unix seconds.
    pub created_at: i64,
    /// The eSIM a top-up went onto; `None` for new eSIMs.
    pub top_up_iccid: Option<String>,
    /// Why the order ended without eSIMs (payment failed, refunded, being checked).
    pub failure: Option<String>,
    /// The eSIMs the order made (empty until ready, and for a top-up).
    pub esims: Vec<EsimSummary>,
}

/// An eSIM as the lists show it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EsimSummary {
    pub iccid: String,
    pub profile: ProfileStage,
    pub suspended: bool,
    /// The order that made it.
    pub order_id: String,
}

/// The eSIM profile on the phone, from eSIM Go's callbacks and details.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ProfileStage {
    NotInstalled,
    Downloaded,
    Installed,
    Unavailable,
    Deactivated,
}

impl ProfileStage {
    pub fn parse(s: &str) -> Self {
        match s {
            "downloaded" => ProfileStage::Downloaded,
            "installed" => ProfileStage::Installed,
            "unavailable" => ProfileStage::Unavailable,
            "deactivated" => ProfileStage::Deactivated,
            _ => ProfileStage::NotInstalled,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            ProfileStage::NotInstalled => "not_installed",
            ProfileStage::Downloaded => "downloaded",
            ProfileStage::Installed => "installed",
            ProfileStage::Unavailable => "unavailable",
            ProfileStage::Deactivated => "deactivated",
        }
    }

    pub fn label(self) -> String {
        match self {
            ProfileStage::NotInstalled => t!("store-profile-not-installed"),
            ProfileStage::Downloaded => t!("store-profile-downloaded"),
            ProfileStage::Installed => t!("store-profile-installed"),
            ProfileStage::Unavailable => t!("store-profile-unavailable"),
            ProfileStage::Deactivated => t!("store-profile-deactivated"),
        }
    }
}

/// One bundle on an eSIM with its counters.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BundleUsage {
    pub plan_name: String,
    pub description: String,
    /// eSIM Go's bundle state, lower case (`queued`, `active`, `depleted`, `expired`, …).
    pub state: String,
    pub initial_bytes: u64,
    pub remaining_bytes: u64,
    pub unlimited: bool,
    /// Unix seconds; `None` until the bundle starts.
    pub starts_at: Option<i64>,
    pub ends_at: Option<i64>,
}

impl BundleUsage {
    pub fn used_bytes(&self) -> u64 {
        self.initial_bytes.saturating_sub(self.remaining_bytes)
    }

    /// Whole per cent used (0 for unlimited or an empty bundle).
    pub fn used_percent(&self) -> u64 {
        if self.unlimited || self.initial_bytes == 0 {
            return 0;
        }
        self.used_bytes().saturating_mul(100) / self.initial_bytes
    }

    pub fn state_label(&self) -> String {
        match self.state.as_str() {
            "processing" => t!("store-bundle-processing"),
            "queued" => t!("store-bundle-queued"),
            "active" => t!("store-bundle-active"),
            "depleted" => t!("store-bundle-depleted"),
            "expired" => t!("store-bundle-expired"),
            "revoked" => t!("store-bundle-revoked"),
            "lapsed" => t!("store-bundle-lapsed"),
            _ => t!("store-bundle-unknown"),
        }
    }

    /// "1.2 GB of 5 GB used" / "350 MB used (unlimited)".
    pub fn usage_label(&self) -> String {
        if self.unlimited {
            return t!(
                "store-usage-unlimited",
                used = bytes_label(self.used_bytes())
            );
        }
        t!(
            "store-usage-of",
            used = bytes_label(self.used_bytes()),
            total = bytes_label(self.initial_bytes)
        )
    }
}

/// Bytes in eSIM Go's units (1000 MB to the GB): "350 MB", "1.2 GB".
pub fn bytes_label(bytes: u64) -> String {
    const MB: u64 = 1_000_000;
    const GB: u64 = 1_000_000_000;
    if bytes >= GB {
        let tenths = (bytes + GB / 20) / (GB / 10);
        if tenths.is_multiple_of(10) {
            format!("{} GB", tenths / 10)
        } else {
            format!("{}.{} GB", tenths / 10, tenths % 10)
        }
    } else {
        format!("{} MB", (bytes + MB / 2) / MB)
    }
}

/// One eSIM with everything My eSIMs shows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EsimDetail {
    pub summary: EsimSummary,
    pub bundles: Vec<BundleUsage>,
    /// Unix seconds, from the first install callback.
    pub installed_at: Option<i64>,
    /// Whether the bundle list is the live one (false: eSIM Go did not answer; last known).
    pub live: bool,
    /// eSIM Go has suspend/restore (API v2.5): false says why the buttons are missing.
    pub can_suspend: bool,
}

impl EsimDetail {
    pub fn used_bytes(&self) -> u64 {
        self.bundles.iter().map(BundleUsage::used_bytes).sum()
    }
}

/// The kind of device the customer is looking from: decides which install way comes first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Device {
    Iphone,
    Android,
    Computer,
}

impl Device {
    /// From the browser's `User-Agent` (an iPad installs like an iPhone).
    pub fn from_user_agent(ua: &str) -> Self {
        let ua = ua.to_ascii_lowercase();
        if ua.contains("iphone") || ua.contains("ipad") {
            Device::Iphone
        } else if ua.contains("android") {
            Device::Android
        } else {
            Device::Computer
        }
    }
}

/// What installing one eSIM takes, for every way of installing it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct InstallGuide {
    pub iccid: String,
    /// `LPA:1$<smdp>$<matchingId>`: what the QR code holds and Android takes.
    pub activation_code: String,
    pub smdp_address: String,
    pub matching_id: String,
    /// Apple's one-tap install link (iOS 17.4 and later).
    pub ios_link: String,
    /// The QR code of `activation_code`, an SVG document.
    pub qr_svg: String,
    pub device: Device,
    pub profile: ProfileStage,
}

/// The activation code of an eSIM.
pub fn activation_code(smdp_host: &str, matching_id: &str) -> String {
    format!("LPA:1${smdp_host}${matching_id}")
}

/// Apple's universal link that installs the eSIM on the iPhone it is opened on.
pub fn ios_install_link(activation_code: &str) -> String {
    // `$` and `:` are kept as they are: Apple's documented form carries the LPA string as-is.
    let encoded: String = activation_code
        .chars()
        .flat_map(|c| match c {
            'A'..='Z' | 'a'..='z' | '0'..='9' | '$' | ':' | '.' | '-' | '_' => vec![c],
            other => {
                let mut buf = [0u8; 4];
                other
                    .encode_utf8(&mut buf)
                    .bytes()
                    .flat_map(|b| format!("%{b:02X}").chars().collect::<Vec<_>>())
                    .collect()
            }
        })
        .collect();
    format!("https://esimsetup.apple.com/esim_qrcode_provisioning?carddata={encoded}")
}

/// The orders list's filter: status and a date range (JST days, `YYYY-MM-DD`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct OrderFilter {
    pub stage: Option<OrderStage>,
    pub from: Option<chrono::NaiveDate>,
    pub to: Option<chrono::NaiveDate>,
}

impl OrderFilter {
    pub fn parse(
        status: Option<&str>,
        from: Option<&str>,
        to: Option<&str>,
    ) -> Result<Self, PortalError> {
        fn blank(s: Option<&str>) -> Option<&str> {
            s.map(str::trim).filter(|s| !s.is_empty())
        }
        let stage = match blank(status) {
            None => None,
            Some(s) => Some(OrderStage::from_query(s).ok_or_else(|| {
                PortalError::invalid("status", t!("store-filter-invalid-status"))
            })?),
        };
        let date = |field: &str, s: Option<&str>| match blank(s) {
            None => Ok(None),
            Some(s) => chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d")
                .map(Some)
                .map_err(|_| PortalError::invalid(field, t!("store-filter-invalid-date"))),
        };
        let from = date("from", from)?;
        let to = date("to", to)?;
        if let (Some(f), Some(t)) = (from, to) {
            if f > t {
                return Err(PortalError::invalid("to", t!("store-filter-invalid-range")));
            }
        }
        Ok(OrderFilter { stage, from, to })
    }

    /// The filter's range in Unix seconds `[from, to)`, JST days.
    pub fn range_secs(&self) -> (Option<i64>, Option<i64>) {
        let jst_midnight = |d: chrono::NaiveDate| {
            d.and_hms_opt(0, 0, 0)
                .map(|t| t.and_utc().timestamp() - 9 * 3600)
        };
        (
            self.from.and_then(jst_midnight),
            self.to.and_then(|d| d.succ_opt()).and_then(jst_midnight),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantity_is_one_to_ten() {
        assert_eq!(parse_quantity("1").ok(), Some(1));
        assert_eq!(parse_quantity(" 10 ").ok(), Some(10));
        for bad in ["0", "11", "-1", "two", ""] {
            assert!(parse_quantity(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn every_saga_state_has_a_stage() {
        use OrderStage::*;
        let cases = [
            ("requested", Paying),
            ("invoicing", Paying),
            ("invoiced", Paying),
            ("capturing", Paying),
            ("paid", Preparing),
            ("ordering", Preparing),
            ("ordered", Preparing),
            ("refunding", Preparing),
            ("completed", Ready),
            ("payment_failed", PaymentFailed),
            ("refunded", Refunded),
            ("failed", NeedsAttention),
            ("something new", NeedsAttention),
        ];
        for (state, stage) in cases {
            assert_eq!(OrderStage::from_state(state), stage, "{state}");
        }
        assert!(!Paying.is_final() && !Preparing.is_final());
        assert!(Ready.is_final() && Refunded.is_final() && PaymentFailed.is_final());
        for s in OrderStage::ALL {
            assert_eq!(OrderStage::from_query(s.as_query()), Some(s));
        }
    }

    #[test]
    fn devices_from_user_agents() {
        let iphone = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15";
        let android =
            "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 Chrome/120 Mobile";
        let mac = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 Safari/605";
        assert_eq!(Device::from_user_agent(iphone), Device::Iphone);
        assert_eq!(Device::from_user_agent(android), Device::Android);
        assert_eq!(Device::from_user_agent(mac), Device::Computer);
        assert_eq!(Device::from_user_agent(""), Device::Computer);
    }

    #[test]
    fn install_codes_and_the_apple_link() {
        let code = activation_code("smdp.esim-go.example", "ABC-123");
        assert_eq!(code, "LPA:1$smdp.esim-go.example$ABC-123");
        assert_eq!(
            ios_install_link(&code),
            "https://esimsetup.apple.com/esim_qrcode_provisioning?carddata=LPA:1$smdp.esim-go.example$ABC-123"
        );
        // Anything outside the LPA alphabet is percent-encoded, never passed raw.
        assert!(ios_install_link("LPA:1$a b$&x").ends_with("LPA:1$a%20b$%26x"));
    }

    #[test]
    fn usage_in_esim_go_units() {
        assert_eq!(bytes_label(0), "0 MB");
        assert_eq!(bytes_label(350_000_000), "350 MB");
        assert_eq!(bytes_label(1_000_000_000), "1 GB");
        assert_eq!(bytes_label(1_240_000_000), "1.2 GB");
        assert_eq!(bytes_label(4_990_000_000), "5 GB");
        let b = BundleUsage {
            plan_name: "esim_1GB_7D_JP_V2".into(),
            description: String::new(),
            state: "active".into(),
            initial_bytes: 1_000_000_000,
            remaining_bytes: 250_000_000,
            unlimited: false,
            starts_at: None,
            ends_at: None,
        };
        assert_eq!(b.used_percent(), 75);
        assert_eq!(b.usage_label(), "750 MB of 1 GB used");
    }

    /// The catalog's English is exactly what the store said before it had catalogs.
    #[test]
    fn store_texts_in_english_are_unchanged() {
        use crate::i18n::num;
        let cases = [
            (t!("store-results-count", count = num(1)), "1 plan"),
            (t!("store-results-count", count = num(1234)), "1234 plans"),
            (t!("store-filter-days-min", days = "7"), "7+ days"),
            (t!("store-filter-data-min", gb = "10"), "10 GB+"),
            (
                t!("store-plan-data-full-speed", data = "5 GB"),
                "5 GB at full speed",
            ),
            (
                t!("store-plan-validity", days = "30 days"),
                "30 days from the first time the eSIM connects in a covered country",
            ),
            (t!("store-plan-countries", count = num(12)), "Countries (12)"),
            (t!("store-buy-total"), "Total "),
            (t!("store-buy-top-up-button", price = "¥1,500"), "Add for ¥1,500"),
            (
                [
                    t!("store-buy-login-before"),
                    t!("store-buy-login-link"),
                    t!("store-buy-login-after"),
                ]
                .concat(),
                "Please log in to buy.",
            ),
            (
                t!("store-order-top-up-title", iccid = "8944"),
                "Top-up for eSIM 8944",
            ),
            (t!("store-order-top-up-done"), "The plan is on your eSIM. "),
            (t!("store-install-heading"), "Install eSIM "),
            (t!("store-orders-none"), "No orders match. "),
            (t!("store-esims-none"), "You have no travel eSIM yet. "),
            (
                t!("store-filter-invalid-number", field = "maxPrice", max = "10000000"),
                "maxPrice must be a whole number up to 10000000",
            ),
            (
                parse_quantity("0").unwrap_err().to_string(),
                "Choose 1 to 10 eSIMs.",
            ),
            (
                t!("store-failure-refunded-unsupplied", amount = "¥1,500"),
                "eSIM Go could not supply this plan right now, so we returned ¥1,500 to your account as credit.",
            ),
            (
                t!("store-no-plan-named", name = "esim_1GB_7D_JP_V2"),
                "There is no plan named esim_1GB_7D_JP_V2.",
            ),
        ];
        for (got, want) in cases {
            assert_eq!(got, want);
        }
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn store_texts_in_japanese() {
        use crate::i18n::{with_lang_sync, Lang};
        with_lang_sync(Lang::Ja, || {
            assert_eq!(OrderStage::PaymentFailed.label(), "お支払いに失敗しました");
            assert_eq!(
                t!("store-results-count", count = crate::i18n::num(1)),
                "1件のプラン"
            );
            assert_eq!(crate::domain::store::days_label(30), "30日");
            assert_eq!(crate::domain::store::plan_data_label(None), "無制限");
        });
    }

    #[test]
    fn order_filter_checks_dates_and_status() {
        let f = OrderFilter::parse(Some("ready"), Some("2026-12-01"), Some("2026-12-01")).unwrap();
        assert_eq!(f.stage, Some(OrderStage::Ready));
        let (from, to) = f.range_secs();
        // 2026-12-01 00:00 JST = 2026-11-30 15:00 UTC; a whole day.
        assert_eq!(from, Some(1_796_050_800));
        assert_eq!(to.zip(from).map(|(t, f)| t - f), Some(86_400));
        assert!(OrderFilter::parse(Some("lost"), None, None).is_err());
        assert!(OrderFilter::parse(None, Some("2026-13-01"), None).is_err());
        assert!(OrderFilter::parse(None, Some("2026-12-02"), Some("2026-12-01")).is_err());
        assert_eq!(
            OrderFilter::parse(Some(""), None, Some(" ")).unwrap(),
            OrderFilter::default()
        );
    }
}
