//! The catalogue sync: every `every` (hourly by default) one instance (a lease in the
//! database) reads eSIM Go's whole catalogue and replaces the store's copy in one
//! transaction. eSIM Go asks not to be polled often (contract §1), and the pages never call
//! it: they read the copy, which also keeps them working while eSIM Go is down.

use crate::esimgo::{CataloguePlan, EsimGoClient};
use crate::store::store_plans::{self, PlanRecord};
use crate::store::Db;
use app::domain::store::Destination;
use std::time::Duration;

/// The demo's featured plans (the embedded default only; staff curate their own).
const DEMO_FEATURED: &[&str] = &[
    "esim_5GB_30D_JP_V2",
    "esim_3GB_15D_KR_V2",
    "esim_3GB_15D_TW_V2",
    "esim_10GB_30D_REUP_V2",
    "esim_5GB_30D_US_V2",
    "esim_UL_7D_TH_V2",
];

/// What a sync needs: the database with the copy, and eSIM Go.
#[derive(Clone)]
pub struct Catalogue {
    pub db: Db,
    pub esimgo: EsimGoClient,
}

/// How long one sync may hold the lease (eSIM Go's catalogue is a few thousand bundles).
const LEASE_SECS: i64 = 300;

/// Syncs now if due (or `force`) and this instance wins the lease; `Ok(false)` if not due.
pub async fn sync_if_due(
    store: &Catalogue,
    every: Duration,
    force: bool,
    demo: bool,
) -> Result<bool, String> {
    let every_secs = i64::try_from(every.as_secs()).unwrap_or(i64::MAX);
    let claimed = store_plans::claim_sync(&store.db, LEASE_SECS, every_secs, force)
        .await
        .map_err(|e| e.to_string())?;
    if !claimed {
        return Ok(false);
    }
    let result = sync(store, demo).await;
    let error = result.as_ref().err().map(String::as_str);
    if let Err(e) = store_plans::finish_sync(&store.db, error).await {
        tracing::error!(error = %e, "could not record the catalogue sync");
    }
    result.map(|()| true)
}

async fn sync(store: &Catalogue, demo: bool) -> Result<(), String> {
    let started = std::time::Instant::now();
    let plans = store.esimgo.catalogue().await.map_err(|e| e.to_string())?;
    if plans.is_empty() {
        // An empty answer would withdraw every plan: more likely a fault than the truth.
        return Err("eSIM Go listed no bundles; the catalogue was kept".into());
    }
    let records: Vec<PlanRecord> = plans.into_iter().map(record).collect();
    let (listed, withdrawn) = store_plans::replace(&store.db, &records)
        .await
        .map_err(|e| e.to_string())?;
    if demo
        && store_plans::featured(&store.db)
            .await
            .map_err(|e| e.to_string())?
            .is_empty()
    {
        for name in DEMO_FEATURED {
            store_plans::set_featured(&store.db, name, true)
                .await
                .map_err(|e| e.to_string())?;
        }
    }
    tracing::info!(
        listed,
        withdrawn,
        ms = started.elapsed().as_millis() as u64,
        "eSIM catalogue synced"
    );
    Ok(())
}

fn record(p: CataloguePlan) -> PlanRecord {
    PlanRecord {
        name: p.name,
        description: p.description,
        data_mb: p.data_mb,
        days: p.days,
        speeds: p.speeds,
        cost_cents: p.cost_cents,
        featured: false,
        active: true,
        countries: p
            .countries
            .into_iter()
            .map(|(iso, name, region)| Destination { iso, name, region })
            .collect(),
    }
}

/// The background job: a first sync at once, then a check every minute whether one is due.
pub async fn run(store: Catalogue, every: Duration, demo: bool) {
    let mut tick = tokio::time::interval(Duration::from_secs(60).min(every));
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tick.tick().await;
        match sync_if_due(&store, every, false, demo).await {
            Ok(_) => {}
            Err(e) => {
                tracing::warn!(error = %e, "eSIM catalogue sync failed; the last copy is served")
            }
        }
    }
}
