//! My eSIMs: each eSIM with its bundles and usage (read from eSIM Go at most every 5 minutes
//! per customer, the last known numbers otherwise), the install guide with its QR code
//! (cached 24 hours), and suspend/restore where eSIM Go's API has it (v2.5).

use super::purchase::summary;
use super::usage::refresh_bundles;
use super::PortalStore;
use crate::esimgo::EsimGoError;
use crate::portal::store_error;
use crate::store::store_orders::{self as orders, BundleRow, EsimRow};
use app::domain::store_orders::{
    activation_code, ios_install_link, BundleUsage, Device, EsimDetail, InstallGuide, ProfileStage,
};
use app::domain::{Customer, PortalError};
use std::time::Duration;

/// How long eSIMs' bundles are kept before eSIM Go is asked again (seed: orders 5 min).
const USAGE_TTL: Duration = Duration::from_secs(5 * 60);
/// QR codes do not change; kept a day (seed).
const QR_TTL: Duration = Duration::from_secs(24 * 3600);

fn usage(b: &BundleRow, description: &str) -> BundleUsage {
    BundleUsage {
        plan_name: b.plan_name.clone(),
        description: description.to_string(),
        state: b.state.clone(),
        initial_bytes: b.initial_bytes.unsigned_abs(),
        remaining_bytes: b.remaining_bytes.unsigned_abs(),
        unlimited: b.unlimited,
        starts_at: b.starts_at,
        ends_at: b.ends_at,
    }
}

/// The QR code of an activation code, as an SVG document.
pub fn qr_svg(code: &str) -> Result<String, PortalError> {
    let qr = qrcode::QrCode::with_error_correction_level(code.as_bytes(), qrcode::EcLevel::M)
        .map_err(|e| {
            tracing::error!(error = %e, "cannot encode an activation code as a QR code");
            PortalError::Internal
        })?;
    Ok(qr
        .render::<qrcode::render::svg::Color<'_>>()
        .min_dimensions(240, 240)
        .quiet_zone(true)
        .build())
}

fn esim_go(e: EsimGoError) -> PortalError {
    match e {
        EsimGoError::UnknownEsim => PortalError::NoSuch(app::t!("store-esimgo-unknown-esim")),
        EsimGoError::Rejected { message, .. } => {
            PortalError::Declined(app::t!("store-esimgo-refused", message = message))
        }
        other => {
            tracing::warn!(error = %other, "eSIM Go call failed");
            PortalError::UpstreamUnavailable(app::t!("store-supplier"))
        }
    }
}

impl PortalStore {
    async fn own_esim(&self, customer: &Customer, iccid: &str) -> Result<EsimRow, PortalError> {
        let iccid = iccid.trim();
        if iccid.is_empty() || iccid.len() > 22 || !iccid.bytes().all(|b| b.is_ascii_digit()) {
            return Err(PortalError::NoSuch(app::t!("store-esim-not-yours")));
        }
        orders::esim(&self.db, iccid)
            .await
            .map_err(store_error)?
            .filter(|e| e.customer_id == customer.id)
            .ok_or_else(|| PortalError::NoSuch(app::t!("store-esim-not-yours")))
    }

    /// Every eSIM of the customer with its bundles.
    pub(super) async fn my_esims(
        &self,
        customer: &Customer,
    ) -> Result<Vec<EsimDetail>, PortalError> {
        let rows = orders::esims_of(&self.db, customer.id)
            .await
            .map_err(store_error)?;
        if rows.is_empty() {
            return Ok(Vec::new());
        }
        let iccids: Vec<String> = rows.iter().map(|e| e.iccid.clone()).collect();
        // eSIM Go is read at most every USAGE_TTL per customer; the rows hold what it said.
        let live = self
            .cache
            .get_or_load(
                customer.id,
                "store-esims-read",
                |ok: &bool| if *ok { USAGE_TTL } else { Duration::ZERO },
                || async {
                    let mut ok = true;
                    for iccid in &iccids {
                        if let Err(e) = super::usage::refresh_one(&self.db, &self.esimgo, iccid).await {
                            tracing::warn!(error = %e, iccid, "eSIM Go bundles unreadable; last known shown");
                            ok = false;
                        }
                    }
                    Ok(ok)
                },
            )
            .await
            .unwrap_or(false);
        self.details(rows, live).await
    }

    async fn details(
        &self,
        rows: Vec<EsimRow>,
        live: bool,
    ) -> Result<Vec<EsimDetail>, PortalError> {
        let iccids: Vec<String> = rows.iter().map(|e| e.iccid.clone()).collect();
        let bundles = orders::bundles_of(&self.db, &iccids)
            .await
            .map_err(store_error)?;
        let names: Vec<String> = bundles.iter().map(|b| b.plan_name.clone()).collect();
        let descriptions = crate::store::store_plans::descriptions(&self.db, &names)
            .await
            .map_err(store_error)?;
        let can_suspend = self.esimgo.supports_suspend();
        Ok(rows
            .iter()
            .map(|e| EsimDetail {
                summary: summary(e),
                bundles: bundles
                    .iter()
                    .filter(|b| b.iccid == e.iccid)
                    .map(|b| usage(b, descriptions.get(&b.plan_name).map_or("", String::as_str)))
                    .collect(),
                installed_at: e.installed_at,
                live,
                can_suspend,
            })
            .collect())
    }

    /// Everything installing one eSIM takes, first the way that suits `device`.
    pub(super) async fn install(
        &self,
        customer: &Customer,
        iccid: &str,
        device: Device,
    ) -> Result<InstallGuide, PortalError> {
        let e = self.own_esim(customer, iccid).await?;
        let code = activation_code(&e.smdp_host, &e.matching_id);
        let qr = self
            .cache
            .get_or_load(
                customer.id,
                &format!("store-qr:{}", e.iccid),
                |_: &String| QR_TTL,
                || async { qr_svg(&code) },
            )
            .await?;
        Ok(InstallGuide {
            iccid: e.iccid.clone(),
            ios_link: ios_install_link(&code),
            activation_code: code,
            smdp_address: e.smdp_host.clone(),
            matching_id: e.matching_id.clone(),
            qr_svg: qr,
            device,
            profile: ProfileStage::parse(&e.profile_status),
        })
    }

    /// Suspends or restores the eSIM at eSIM Go (API v2.5), then shows it as it now is.
    pub(super) async fn set_suspended(
        &self,
        customer: &Customer,
        iccid: &str,
        suspend: bool,
    ) -> Result<EsimDetail, PortalError> {
        let e = self.own_esim(customer, iccid).await?;
        if !self.esimgo.supports_suspend() {
            return Err(PortalError::Conflict(app::t!("store-suspend-unsupported")));
        }
        if (e.state == "suspended") == suspend {
            return self.one_detail(e).await;
        }
        self.esimgo
            .suspend(&e.iccid, suspend)
            .await
            .map_err(esim_go)?;
        orders::set_esim_state(
            &self.db,
            &e.iccid,
            if suspend { "suspended" } else { "active" },
        )
        .await
        .map_err(store_error)?;
        tracing::info!(
            iccid = e.iccid,
            suspend,
            customer = customer.id,
            "store eSIM suspended/restored"
        );
        self.cache.forget(customer.id).await;
        let e = self.own_esim(customer, iccid).await?;
        refresh_bundles(&self.db, &self.esimgo, std::slice::from_ref(&e.iccid)).await;
        self.one_detail(e).await
    }

    async fn one_detail(&self, e: EsimRow) -> Result<EsimDetail, PortalError> {
        self.details(vec![e], true)
            .await?
            .pop()
            .ok_or(PortalError::Internal)
    }
}
