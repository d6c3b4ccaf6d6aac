//! Bundles and usage of the store's eSIMs. eSIM Go has no usage endpoint (contract §4): usage
//! is each bundle's initial minus remaining bytes, read from the eSIM's bundle list and kept
//! in `store_bundles` (so My eSIMs still shows the last known numbers while eSIM Go is down).

use crate::esimgo::{BundleState, BundleUse, EsimGoClient, EsimGoError};
use crate::store::store_orders::{self as orders, BundleRow};
use crate::store::Db;

pub fn state_name(s: BundleState) -> &'static str {
    match s {
        BundleState::Processing => "processing",
        BundleState::Queued => "queued",
        BundleState::Active => "active",
        BundleState::Depleted => "depleted",
        BundleState::Expired => "expired",
        BundleState::Revoked => "revoked",
        BundleState::Lapsed => "lapsed",
    }
}

pub fn to_row(iccid: &str, b: &BundleUse) -> BundleRow {
    let bytes = |v: u64| i64::try_from(v).unwrap_or(i64::MAX);
    BundleRow {
        id: if b.assignment_id.is_empty() {
            format!("{iccid}:{}", b.name)
        } else {
            b.assignment_id.clone()
        },
        iccid: iccid.to_string(),
        plan_name: b.name.clone(),
        state: state_name(b.state).to_string(),
        initial_bytes: bytes(b.initial_bytes),
        remaining_bytes: bytes(b.remaining_bytes),
        unlimited: b.unlimited,
        starts_at: b.start.map(|t| t.timestamp()),
        ends_at: b.end.map(|t| t.timestamp()),
        alerts_sent: String::new(),
    }
}

/// Reads one eSIM's bundles from eSIM Go and writes them down.
pub async fn refresh_one(db: &Db, esimgo: &EsimGoClient, iccid: &str) -> Result<(), EsimGoError> {
    let bundles = esimgo.bundles(iccid).await?;
    for b in &bundles {
        if let Err(e) = orders::upsert_bundle(db, &to_row(iccid, b)).await {
            tracing::warn!(error = %e, iccid, "could not record a bundle");
        }
    }
    Ok(())
}

/// [`refresh_one`] for several eSIMs; failures are logged (the last known rows stay).
pub async fn refresh_bundles(db: &Db, esimgo: &EsimGoClient, iccids: &[String]) {
    for iccid in iccids {
        if let Err(e) = refresh_one(db, esimgo, iccid).await {
            tracing::warn!(error = %e, iccid, "could not read an eSIM's bundles");
        }
    }
}
