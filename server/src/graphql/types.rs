//! The seed's GraphQL types (seed 002), built from the domain's types: the same values the
//! pages show, under the seed's field names.

use app::domain::store::{Destination, StorePlan};
use app::domain::store_orders::{
    BundleUsage, EsimDetail, InstallGuide, OrderStage, ProfileStage, StoreOrder,
};
use async_graphql::{ComplexObject, Context, Enum, InputObject, Result, SimpleObject};

fn rfc3339(unix: i64) -> String {
    chrono::DateTime::from_timestamp(unix, 0)
        .unwrap_or_default()
        .to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

#[derive(SimpleObject, Clone)]
pub struct Country {
    pub name: String,
    /// ISO 3166-1 alpha-2.
    pub iso: String,
    pub region: String,
}

impl From<&Destination> for Country {
    fn from(d: &Destination) -> Self {
        Country {
            name: d.name.clone(),
            iso: d.iso.clone(),
            region: d.region.clone(),
        }
    }
}

/// A data plan (an eSIM Go bundle), priced in yen.
#[derive(SimpleObject, Clone)]
pub struct DataPlan {
    /// The bundle's name; what `purchaseESIM(planId:)` takes.
    pub id: String,
    pub name: String,
    pub description: String,
    /// Yen, tax included.
    pub price: i64,
    pub currency: String,
    /// Days of validity from the first connection.
    pub duration: i32,
    /// MB (1000 to the GB); null for unlimited.
    pub data_amount_mb: Option<i64>,
    pub unlimited: bool,
    pub speeds: Vec<String>,
    pub countries: Vec<Country>,
    pub featured: bool,
}

impl From<&StorePlan> for DataPlan {
    fn from(p: &StorePlan) -> Self {
        DataPlan {
            id: p.name.clone(),
            name: p.title(),
            description: p.description.clone(),
            price: i64::try_from(p.price_yen).unwrap_or(i64::MAX),
            currency: "JPY".into(),
            duration: i32::try_from(p.days).unwrap_or(i32::MAX),
            data_amount_mb: p.data_mb.and_then(|m| i64::try_from(m).ok()),
            unlimited: p.data_mb.is_none(),
            speeds: p.speeds.clone(),
            countries: p.countries.iter().map(Country::from).collect(),
            featured: p.featured,
        }
    }
}

#[derive(InputObject, Default)]
pub struct DataPlanFilter {
    /// ISO code of a country the plan must cover.
    pub country: Option<String>,
    pub region: Option<String>,
    /// At least this many days.
    pub duration: Option<i32>,
    /// At least this much data, in GB.
    pub data_gb: Option<i32>,
    /// At most this price, in yen.
    pub max_price: Option<i32>,
    /// Part of a country's name.
    pub search: Option<String>,
    pub page: Option<i32>,
}

#[derive(InputObject, Default)]
pub struct PurchaseInput {
    /// 1 to 10 eSIMs.
    #[graphql(default = 1)]
    pub quantity: i32,
    /// Your own reference; the order's id is what the portal tags the eSIMs with.
    pub customer_reference: Option<String>,
    /// eSIM Go bundles start on their first connection abroad; `true` is refused.
    #[graphql(default = false)]
    pub auto_activate: bool,
    /// The same key sent again answers the same order and never charges twice. Send one per
    /// purchase (8–100 letters, digits, `-_:.`); without it each call is a new purchase.
    pub idempotency_key: Option<String>,
}

#[derive(Enum, Copy, Clone, Eq, PartialEq)]
pub enum OrderStatus {
    Paying,
    Preparing,
    Completed,
    PaymentFailed,
    Refunded,
    NeedsAttention,
}

impl From<OrderStage> for OrderStatus {
    fn from(s: OrderStage) -> Self {
        match s {
            OrderStage::Paying => OrderStatus::Paying,
            OrderStage::Preparing => OrderStatus::Preparing,
            OrderStage::Ready => OrderStatus::Completed,
            OrderStage::PaymentFailed => OrderStatus::PaymentFailed,
            OrderStage::Refunded => OrderStatus::Refunded,
            OrderStage::NeedsAttention => OrderStatus::NeedsAttention,
        }
    }
}

impl From<OrderStatus> for OrderStage {
    fn from(s: OrderStatus) -> Self {
        match s {
            OrderStatus::Paying => OrderStage::Paying,
            OrderStatus::Preparing => OrderStage::Preparing,
            OrderStatus::Completed => OrderStage::Ready,
            OrderStatus::PaymentFailed => OrderStage::PaymentFailed,
            OrderStatus::Refunded => OrderStage::Refunded,
            OrderStatus::NeedsAttention => OrderStage::NeedsAttention,
        }
    }
}

#[derive(InputObject, Default)]
pub struct OrderFilter {
    pub status: Option<OrderStatus>,
    /// `YYYY-MM-DD`, JST.
    pub from_date: Option<String>,
    pub to_date: Option<String>,
}

#[derive(SimpleObject, Clone)]
#[graphql(complex)]
pub struct Order {
    pub id: String,
    /// The portal's order reference (the same as `id`).
    pub reference: String,
    pub status: OrderStatus,
    /// Yen.
    pub total_price: i64,
    pub currency: String,
    pub quantity: i32,
    pub created_at: String,
    /// Why the order ended without eSIMs, in words.
    pub failure: Option<String>,
    /// The eSIM a top-up went onto.
    pub top_up_iccid: Option<String>,
    #[graphql(skip)]
    pub plan_name: String,
    #[graphql(skip)]
    pub esim_iccids: Vec<String>,
}

impl From<&StoreOrder> for Order {
    fn from(o: &StoreOrder) -> Self {
        Order {
            id: o.id.clone(),
            reference: o.id.clone(),
            status: o.stage.into(),
            total_price: i64::try_from(o.amount_yen).unwrap_or(i64::MAX),
            currency: "JPY".into(),
            quantity: i32::try_from(o.quantity).unwrap_or(0),
            created_at: rfc3339(o.created_at),
            failure: o.failure.clone(),
            top_up_iccid: o.top_up_iccid.clone(),
            plan_name: o.plan_name.clone(),
            esim_iccids: o.esims.iter().map(|e| e.iccid.clone()).collect(),
        }
    }
}

#[ComplexObject]
impl Order {
    /// The plan bought (batched across a list: one lookup for all orders).
    async fn data_plan(&self, ctx: &Context<'_>) -> Result<Option<DataPlan>> {
        super::plan(ctx, &self.plan_name).await
    }

    /// The eSIMs the order made (batched across a list).
    async fn esims(&self, ctx: &Context<'_>) -> Result<Vec<Esim>> {
        super::esims(ctx, &self.esim_iccids).await
    }
}

#[derive(SimpleObject, Clone)]
pub struct Usage {
    /// Bytes used across the eSIM's bundles.
    pub total_used: i64,
    /// Bytes left (limited bundles that are not over).
    pub total_remaining: i64,
}

#[derive(SimpleObject, Clone)]
pub struct Bundle {
    pub name: String,
    pub description: String,
    /// eSIM Go's state: `queued`, `active`, `depleted`, `expired`, `revoked`, `lapsed`.
    pub state: String,
    pub initial_data: i64,
    pub data_used: i64,
    pub data_remaining: i64,
    pub unlimited: bool,
    pub start_date: Option<String>,
    pub end_date: Option<String>,
}

impl From<&BundleUsage> for Bundle {
    fn from(b: &BundleUsage) -> Self {
        let n = |v: u64| i64::try_from(v).unwrap_or(i64::MAX);
        Bundle {
            name: b.plan_name.clone(),
            description: b.description.clone(),
            state: b.state.clone(),
            initial_data: n(b.initial_bytes),
            data_used: n(b.used_bytes()),
            data_remaining: n(b.remaining_bytes),
            unlimited: b.unlimited,
            start_date: b.starts_at.map(rfc3339),
            end_date: b.ends_at.map(rfc3339),
        }
    }
}

#[derive(Enum, Copy, Clone, Eq, PartialEq)]
pub enum EsimStatus {
    Active,
    Suspended,
}

#[derive(SimpleObject, Clone)]
#[graphql(complex, name = "ESIM")]
pub struct Esim {
    /// The ICCID.
    pub id: String,
    pub iccid: String,
    pub status: EsimStatus,
    pub installed: bool,
    /// `NOT_INSTALLED`, `DOWNLOADED`, `INSTALLED`, `UNAVAILABLE`, `DEACTIVATED`.
    pub profile_status: String,
    pub order_id: String,
    pub usage: Usage,
    pub bundles: Vec<Bundle>,
    /// Whether suspend/restore are available (eSIM Go API v2.5).
    pub can_suspend: bool,
}

impl From<&EsimDetail> for Esim {
    fn from(e: &EsimDetail) -> Self {
        let n = |v: u64| i64::try_from(v).unwrap_or(i64::MAX);
        let remaining: u64 = e
            .bundles
            .iter()
            .filter(|b| !b.unlimited && matches!(b.state.as_str(), "active" | "queued"))
            .map(|b| b.remaining_bytes)
            .sum();
        Esim {
            id: e.summary.iccid.clone(),
            iccid: e.summary.iccid.clone(),
            status: if e.summary.suspended {
                EsimStatus::Suspended
            } else {
                EsimStatus::Active
            },
            installed: e.summary.profile == ProfileStage::Installed,
            profile_status: e.summary.profile.as_str().to_ascii_uppercase(),
            order_id: e.summary.order_id.clone(),
            usage: Usage {
                total_used: n(e.used_bytes()),
                total_remaining: n(remaining),
            },
            bundles: e.bundles.iter().map(Bundle::from).collect(),
            can_suspend: e.can_suspend,
        }
    }
}

/// How to install an eSIM.
#[derive(SimpleObject, Clone)]
pub struct Install {
    /// The activation code the QR code holds: `LPA:1$<SM-DP+>$<matching id>`.
    pub activation_code: String,
    pub smdp_address: String,
    pub matching_id: String,
    /// Apple's one-tap install link (iOS 17.4+).
    pub ios_install_link: String,
    /// The QR code as an SVG document.
    pub qr_code_svg: String,
}

impl From<&InstallGuide> for Install {
    fn from(g: &InstallGuide) -> Self {
        Install {
            activation_code: g.activation_code.clone(),
            smdp_address: g.smdp_address.clone(),
            matching_id: g.matching_id.clone(),
            ios_install_link: g.ios_link.clone(),
            qr_code_svg: g.qr_svg.clone(),
        }
    }
}

#[ComplexObject]
impl Esim {
    /// The activation code (what the QR code holds), as the seed's `qrCode`.
    async fn qr_code(&self, ctx: &Context<'_>) -> Result<String> {
        Ok(super::install(ctx, &self.iccid).await?.activation_code)
    }

    /// Everything installing it takes (activation code, SM-DP+, matching id, iPhone link, QR SVG).
    async fn install(&self, ctx: &Context<'_>) -> Result<Install> {
        super::install(ctx, &self.iccid).await
    }

    /// The plan of its newest bundle.
    async fn plan(&self, ctx: &Context<'_>) -> Result<Option<DataPlan>> {
        match self.bundles.first() {
            Some(b) => super::plan(ctx, &b.name).await,
            None => Ok(None),
        }
    }
}

#[derive(SimpleObject)]
pub struct PurchaseResult {
    pub success: bool,
    pub order: Option<Order>,
    pub error: Option<String>,
}

#[derive(SimpleObject)]
pub struct EsimResult {
    pub success: bool,
    pub esim: Option<Esim>,
    pub error: Option<String>,
}
