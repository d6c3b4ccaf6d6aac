//! eSIM Go's callbacks (contract §5), after the route checked their signature: every
//! delivery is stored once (a redelivery of the same body is recognised by its digest), then
//! applied so that duplicates and late arrivals change nothing:
//!
//! - `ProfileStatusChange` moves the eSIM's profile forward only (not installed → downloaded →
//!   installed → unavailable/deactivated); `FirstAttachment` and `CountryChange` are noted;
//! - `FirstUse` and `Utilisation` write the bundle's counters, keeping the lowest remaining
//!   bytes seen (usage never goes back), and write the 75 % and 90 % alerts through the outbox
//!   once per bundle, in the same transaction as the mark that they were sent;
//! - anything else (balance alerts, lifecycle events, new kinds) is kept and acknowledged.
//!
//! The bundle-expiry alert (1 day before the end) is time-driven: [`expiry_sweep`].

use crate::store::{new_id, now, Db, StoreError};
use serde_json::Value;
use sha2::{Digest, Sha256};
use sqlx::Row;

/// What became of a delivery.
#[derive(Debug, PartialEq, Eq)]
pub enum Handled {
    Applied,
    /// The same body was delivered before.
    Duplicate,
    /// Kept, but not something the portal acts on (or about an eSIM it does not hold).
    Ignored,
}

/// Used-data thresholds that send an email, in per cent.
const THRESHOLDS: [u64; 2] = [75, 90];

fn profile_rank(s: &str) -> u8 {
    match s {
        "downloaded" => 1,
        "installed" => 2,
        "unavailable" | "deactivated" => 3,
        _ => 0,
    }
}

fn time(v: &Value) -> Option<i64> {
    v.as_str()
        .and_then(|s| chrono::DateTime::parse_from_rfc3339(s).ok())
        .map(|t| t.timestamp())
}

fn bytes(v: &Value) -> Option<i64> {
    v.as_i64()
        .or_else(|| v.as_f64().map(|f| f as i64))
        .or_else(|| v.as_str().and_then(|s| s.parse().ok()))
}

/// Stores and applies one delivery (its raw body).
pub async fn handle(
    db: &Db,
    outbox_base: &str,
    body: &[u8],
) -> Result<(Handled, Option<i64>), StoreError> {
    let digest = hex::encode(Sha256::digest(body));
    let v: Value = serde_json::from_slice(body).unwrap_or(Value::Null);
    let kind = v
        .get("alertType")
        .or_else(|| v.get("event"))
        .and_then(Value::as_str)
        .unwrap_or("unknown")
        .to_string();
    let iccid = v.get("iccid").and_then(|i| {
        i.as_str()
            .map(str::to_string)
            .or_else(|| i.as_u64().map(|n| n.to_string()))
    });
    let id = new_id();
    let stored = sqlx::query(
        "INSERT INTO esimgo_callbacks (id, body_sha256, kind, iccid, body, received_at) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(id)
    .bind(&digest)
    .bind(&kind)
    .bind(&iccid)
    .bind(String::from_utf8_lossy(body).to_string())
    .bind(now())
    .execute(db)
    .await;
    match stored {
        Ok(_) => {}
        Err(sqlx::Error::Database(e)) if e.is_unique_violation() => {
            return Ok((Handled::Duplicate, None))
        }
        Err(e) => return Err(e.into()),
    }
    match apply(db, outbox_base, id, &kind, iccid, &v).await {
        Ok(handled) => Ok(handled),
        Err(e) => {
            // Not applied: forget the delivery, so eSIM Go's retry (we answer 503) is applied
            // then instead of being taken for a duplicate. Each step is idempotent.
            if let Err(d) = sqlx::query("DELETE FROM esimgo_callbacks WHERE id = $1")
                .bind(id)
                .execute(db)
                .await
            {
                tracing::error!(error = %d, "could not forget an unapplied eSIM Go callback");
            }
            Err(e)
        }
    }
}

/// Applies a stored delivery (see the module comment).
async fn apply(
    db: &Db,
    outbox_base: &str,
    id: i64,
    kind: &str,
    iccid: Option<String>,
    v: &Value,
) -> Result<(Handled, Option<i64>), StoreError> {
    let Some(iccid) = iccid else {
        tracing::info!(kind, "eSIM Go callback without an eSIM kept");
        return Ok((Handled::Ignored, None));
    };
    let owner = sqlx::query("SELECT customer_id, profile_status FROM store_esims WHERE iccid = $1")
        .bind(&iccid)
        .fetch_optional(db)
        .await?;
    let Some(owner) = owner else {
        tracing::warn!(
            kind,
            iccid,
            "eSIM Go callback about an eSIM the store does not hold; kept"
        );
        return Ok((Handled::Ignored, None));
    };
    let customer: i64 = owner.try_get("customer_id")?;
    let current: String = owner.try_get("profile_status")?;
    let applied = match kind {
        "ProfileStatusChange" => {
            let to = v
                .get("profileStatus")
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_ascii_lowercase();
            let to = if to == "released" {
                "not_installed".to_string()
            } else {
                to
            };
            if profile_rank(&to) > profile_rank(&current) {
                let installed = (to == "installed").then(now);
                sqlx::query(
                    "UPDATE store_esims SET profile_status = $1, \
                     installed_at = COALESCE(installed_at, $2), updated_at = $3 WHERE iccid = $4",
                )
                .bind(&to)
                .bind(installed)
                .bind(now())
                .bind(&iccid)
                .execute(db)
                .await?;
            }
            true
        }
        "FirstAttachment" => {
            sqlx::query("UPDATE store_esims SET first_attached_at = COALESCE(first_attached_at, $1) WHERE iccid = $2")
                .bind(now())
                .bind(&iccid)
                .execute(db)
                .await?;
            true
        }
        "CountryChange" => {
            let country = v
                .pointer("/country/code")
                .and_then(Value::as_str)
                .map(str::to_string);
            sqlx::query(
                "UPDATE store_esims SET last_country = $1, updated_at = $2 WHERE iccid = $3",
            )
            .bind(country)
            .bind(now())
            .bind(&iccid)
            .execute(db)
            .await?;
            true
        }
        "FirstUse" | "Utilisation" => {
            match v.get("bundle") {
                Some(b) => usage(db, outbox_base, customer, &iccid, b).await?,
                None => tracing::warn!(kind, iccid, "usage callback without a bundle"),
            }
            true
        }
        other => {
            tracing::info!(kind = other, iccid, "eSIM Go callback kept (nothing to do)");
            false
        }
    };
    if applied {
        sqlx::query("UPDATE esimgo_callbacks SET processed_at = $1 WHERE id = $2")
            .bind(now())
            .bind(id)
            .execute(db)
            .await?;
        Ok((Handled::Applied, Some(customer)))
    } else {
        Ok((Handled::Ignored, Some(customer)))
    }
}

/// A bundle's counters from a usage callback; then the thresholds it crossed.
async fn usage(
    db: &Db,
    base: &str,
    customer: i64,
    iccid: &str,
    b: &Value,
) -> Result<(), StoreError> {
    let name = b
        .get("name")
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_string();
    let id = b
        .get("id")
        .and_then(|i| {
            i.as_str()
                .map(str::to_string)
                .or_else(|| i.as_u64().map(|n| n.to_string()))
        })
        .unwrap_or_else(|| format!("{iccid}:{name}"));
    let (Some(initial), Some(remaining)) = (
        b.get("initialQuantity").and_then(bytes),
        b.get("remainingQuantity").and_then(bytes),
    ) else {
        tracing::warn!(iccid, "usage callback without counters");
        return Ok(());
    };
    let unlimited = b.get("unlimited").and_then(Value::as_bool).unwrap_or(false);
    let start = b.get("startTime").and_then(time);
    let end = b.get("endTime").and_then(time);
    let state = if remaining <= 0 && !unlimited {
        "depleted"
    } else {
        "active"
    };
    // Usage never goes back: a late, older callback keeps the lower remaining already seen.
    let updated = sqlx::query(
        "UPDATE store_bundles SET remaining_bytes = CASE WHEN $1 < remaining_bytes THEN $1 ELSE remaining_bytes END, \
         initial_bytes = $2, unlimited = $3, starts_at = COALESCE(starts_at, $4), \
         ends_at = COALESCE($5, ends_at), \
         state = CASE WHEN state IN ('expired', 'revoked', 'depleted') THEN state ELSE $6 END, \
         updated_at = $7 WHERE id = $8",
    )
    .bind(remaining)
    .bind(initial)
    .bind(i64::from(unlimited))
    .bind(start)
    .bind(end)
    .bind(state)
    .bind(now())
    .bind(&id)
    .execute(db)
    .await?;
    if updated.rows_affected() == 0 {
        let row = crate::store::store_orders::BundleRow {
            id: id.clone(),
            iccid: iccid.to_string(),
            plan_name: name.clone(),
            state: state.to_string(),
            initial_bytes: initial,
            remaining_bytes: remaining,
            unlimited,
            starts_at: start,
            ends_at: end,
            alerts_sent: String::new(),
        };
        crate::store::store_orders::upsert_bundle(db, &row).await?;
    }
    if unlimited || initial <= 0 {
        return Ok(());
    }
    let row = sqlx::query("SELECT remaining_bytes FROM store_bundles WHERE id = $1")
        .bind(&id)
        .fetch_one(db)
        .await?;
    let remaining: i64 = row.try_get("remaining_bytes")?;
    let used_pct =
        (initial - remaining.max(0)).max(0).unsigned_abs() * 100 / initial.unsigned_abs();
    for t in THRESHOLDS.into_iter().filter(|t| used_pct >= *t) {
        alert(
            db,
            base,
            customer,
            &id,
            iccid,
            &name,
            &t.to_string(),
            crate::emails::StoreAlert::Used(t),
        )
        .await?;
    }
    Ok(())
}

/// Writes one alert email unless this bundle already had it: the mark and the email are one
/// transaction, so an alert is sent exactly once whatever arrives twice.
#[allow(clippy::too_many_arguments)]
async fn alert(
    db: &Db,
    base: &str,
    customer: i64,
    bundle_id: &str,
    iccid: &str,
    plan: &str,
    mark: &str,
    headline: crate::emails::StoreAlert,
) -> Result<bool, StoreError> {
    let Some(email) = crate::store::customers::find_by_id(db, customer)
        .await?
        .map(|c| c.email)
    else {
        return Ok(false);
    };
    let lang = crate::emails::lang_of(db, customer).await;
    let mut tx = crate::store::begin_write(db).await?;
    let marked = sqlx::query(
        "UPDATE store_bundles SET alerts_sent = alerts_sent || $1 WHERE id = $2 \
         AND alerts_sent NOT LIKE $3",
    )
    .bind(format!("{mark},"))
    .bind(bundle_id)
    .bind(format!("%{mark},%"))
    .execute(&mut *tx)
    .await?;
    if marked.rows_affected() != 1 {
        return Ok(false);
    }
    let description = sqlx::query("SELECT description FROM store_plans WHERE name = $1")
        .bind(plan)
        .fetch_optional(&mut *tx)
        .await?
        .map(|r| r.try_get::<String, _>("description"))
        .transpose()?
        .unwrap_or_else(|| plan.to_string());
    let mail = crate::emails::store_data_alert(lang, headline, &description, iccid, base);
    crate::store::outbox::enqueue(&mut *tx, mail.to(&email, None)).await?;
    tx.commit().await?;
    tracing::info!(iccid, bundle = bundle_id, mark, "store data alert written");
    Ok(true)
}

/// Writes the "ends tomorrow" alert for active bundles that end within a day (once each).
pub async fn expiry_sweep(db: &Db, base: &str) -> Result<usize, StoreError> {
    let now = now();
    let rows = sqlx::query(
        "SELECT b.id, b.iccid, b.plan_name, e.customer_id FROM store_bundles b \
         JOIN store_esims e ON e.iccid = b.iccid WHERE b.state = 'active' \
         AND b.ends_at IS NOT NULL AND b.ends_at > $1 AND b.ends_at <= $2 \
         AND b.alerts_sent NOT LIKE '%expiry,%' LIMIT 200",
    )
    .bind(now)
    .bind(now + 24 * 3600)
    .fetch_all(db)
    .await?;
    let mut sent = 0;
    for r in rows {
        let (id, iccid, plan, customer): (String, String, String, i64) = (
            r.try_get("id")?,
            r.try_get("iccid")?,
            r.try_get("plan_name")?,
            r.try_get("customer_id")?,
        );
        if alert(
            db,
            base,
            customer,
            &id,
            &iccid,
            &plan,
            "expiry",
            crate::emails::StoreAlert::EndsSoon,
        )
        .await?
        {
            sent += 1;
        }
    }
    Ok(sent)
}
