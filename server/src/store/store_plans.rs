//! The store's copy of the eSIM Go catalogue (see the migration): replaced by each sync in one
//! transaction, read by the catalogue pages and GraphQL with the filters in SQL and the
//! countries of a page's plans in one more query (never one per plan).

use super::{begin_write, now, Db, StoreError};
use app::domain::store::{Destination, PlanFilter, PlanSort, PLANS_PER_PAGE};
use sqlx::Row;
use std::collections::HashMap;

/// A plan as synced (cost, not price: pricing is the domain's).
#[derive(Clone, Debug, PartialEq)]
pub struct PlanRecord {
    pub name: String,
    pub description: String,
    pub data_mb: Option<u64>,
    pub days: u32,
    pub speeds: Vec<String>,
    pub cost_cents: i64,
    pub featured: bool,
    pub active: bool,
    pub countries: Vec<Destination>,
}

/// Replaces the catalogue: every plan given is inserted or updated (its flag `featured`
/// kept), its countries rewritten; plans no longer listed become inactive. One transaction,
/// so readers see the old catalogue or the new one. Returns (listed, withdrawn).
pub async fn replace(db: &Db, plans: &[PlanRecord]) -> Result<(usize, u64), StoreError> {
    let at = now();
    let mut tx = begin_write(db).await?;
    for p in plans {
        let region = p
            .countries
            .first()
            .map(|c| c.region.clone())
            .filter(|r| p.countries.iter().all(|c| &c.region == r));
        sqlx::query(
            "INSERT INTO store_plans (name, description, data_mb, days, speeds, cost_cents, \
             region, country_count, featured, active, synced_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 0, 1, $9) \
             ON CONFLICT (name) DO UPDATE SET description = excluded.description, \
             data_mb = excluded.data_mb, days = excluded.days, speeds = excluded.speeds, \
             cost_cents = excluded.cost_cents, region = excluded.region, \
             country_count = excluded.country_count, active = 1, synced_at = excluded.synced_at",
        )
        .bind(&p.name)
        .bind(&p.description)
        .bind(p.data_mb.map(|d| i64::try_from(d).unwrap_or(i64::MAX)))
        .bind(i64::from(p.days))
        .bind(p.speeds.join(","))
        .bind(p.cost_cents)
        .bind(region)
        .bind(i64::try_from(p.countries.len()).unwrap_or(i64::MAX))
        .bind(at)
        .execute(&mut *tx)
        .await?;
        sqlx::query("DELETE FROM store_plan_countries WHERE plan_name = $1")
            .bind(&p.name)
            .execute(&mut *tx)
            .await?;
        for c in &p.countries {
            sqlx::query(
                "INSERT INTO store_plan_countries (plan_name, iso, country, region) \
                 VALUES ($1, $2, $3, $4) ON CONFLICT (plan_name, iso) DO NOTHING",
            )
            .bind(&p.name)
            .bind(&c.iso)
            .bind(&c.name)
            .bind(&c.region)
            .execute(&mut *tx)
            .await?;
        }
    }
    let withdrawn =
        sqlx::query("UPDATE store_plans SET active = 0 WHERE synced_at < $1 AND active = 1")
            .bind(at)
            .execute(&mut *tx)
            .await?
            .rows_affected();
    tx.commit().await?;
    Ok((plans.len(), withdrawn))
}

/// A bind value of a query built at run time.
enum Bind {
    Text(String),
    Int(i64),
}

fn bind_all<'q>(
    mut q: sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>>,
    binds: &[Bind],
) -> sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>> {
    for b in binds {
        q = match b {
            Bind::Text(t) => q.bind(t.clone()),
            Bind::Int(i) => q.bind(*i),
        };
    }
    q
}

/// One page of active plans matching `filter`, costing at most `max_cost_cents`, with the
/// number of all matches.
pub async fn list(
    db: &Db,
    filter: &PlanFilter,
    max_cost_cents: Option<i64>,
) -> Result<(Vec<PlanRecord>, u32), StoreError> {
    let mut binds: Vec<Bind> = Vec::new();
    let mut arg = |b: Bind| {
        binds.push(b);
        format!("${}", binds.len())
    };
    let mut cond = String::from(" FROM store_plans p WHERE p.active = 1");
    if let Some(iso) = &filter.country {
        cond += &format!(
            " AND EXISTS (SELECT 1 FROM store_plan_countries c WHERE c.plan_name = p.name AND c.iso = {})",
            arg(Bind::Text(iso.clone()))
        );
    }
    if let Some(region) = &filter.region {
        cond += &format!(
            " AND EXISTS (SELECT 1 FROM store_plan_countries c WHERE c.plan_name = p.name AND LOWER(c.region) = {})",
            arg(Bind::Text(region.to_lowercase()))
        );
    }
    if let Some(q) = &filter.q {
        let like = format!("%{}%", q.to_lowercase().replace(['%', '_'], ""));
        let (a, b) = (arg(Bind::Text(like)), arg(Bind::Text(q.to_uppercase())));
        cond += &format!(
            " AND EXISTS (SELECT 1 FROM store_plan_countries c WHERE c.plan_name = p.name \
             AND (LOWER(c.country) LIKE {a} OR c.iso = {b}))"
        );
    }
    if let Some(d) = filter.min_days {
        cond += &format!(" AND p.days >= {}", arg(Bind::Int(i64::from(d))));
    }
    if let Some(mb) = filter.min_data_mb {
        let v = arg(Bind::Int(i64::try_from(mb).unwrap_or(i64::MAX)));
        cond += &format!(" AND (p.data_mb IS NULL OR p.data_mb >= {v})");
    }
    if let Some(c) = max_cost_cents {
        cond += &format!(" AND p.cost_cents <= {}", arg(Bind::Int(c)));
    }
    let order = match filter.sort {
        PlanSort::Price => "p.cost_cents ASC, p.name ASC",
        // Unlimited first, then the most data.
        PlanSort::Data => "CASE WHEN p.data_mb IS NULL THEN 1 ELSE 0 END DESC, p.data_mb DESC, p.cost_cents ASC, p.name ASC",
        PlanSort::Days => "p.days DESC, p.cost_cents ASC, p.name ASC",
    };
    let offset = i64::from(filter.page.max(1) - 1) * i64::from(PLANS_PER_PAGE);
    let page_sql = format!(
        "SELECT p.name, p.description, p.data_mb, p.days, p.speeds, p.cost_cents, p.featured, p.active \
         {cond} ORDER BY {order} LIMIT {} OFFSET {}",
        PLANS_PER_PAGE, offset
    );
    let count_sql = format!("SELECT COUNT(*) AS n {cond}");
    let total: i64 = bind_all(sqlx::query(&count_sql), &binds)
        .fetch_one(db)
        .await?
        .try_get("n")?;
    let rows = bind_all(sqlx::query(&page_sql), &binds)
        .fetch_all(db)
        .await?;
    let mut plans = rows.iter().map(record).collect::<Result<Vec<_>, _>>()?;
    attach_countries(db, &mut plans).await?;
    Ok((plans, u32::try_from(total).unwrap_or(u32::MAX)))
}

/// The featured plans that can be bought, cheapest first.
pub async fn featured(db: &Db) -> Result<Vec<PlanRecord>, StoreError> {
    let rows = sqlx::query(
        "SELECT name, description, data_mb, days, speeds, cost_cents, featured, active \
         FROM store_plans WHERE featured = 1 AND active = 1 ORDER BY cost_cents, name",
    )
    .fetch_all(db)
    .await?;
    let mut plans = rows.iter().map(record).collect::<Result<Vec<_>, _>>()?;
    attach_countries(db, &mut plans).await?;
    Ok(plans)
}

/// Plans by name, active or not (orders name withdrawn ones), with their countries; one
/// query per 100 names.
pub async fn named(db: &Db, names: &[String]) -> Result<Vec<PlanRecord>, StoreError> {
    let mut unique: Vec<&String> = names.iter().collect();
    unique.sort();
    unique.dedup();
    let mut plans = Vec::new();
    for chunk in unique.chunks(100) {
        let marks: Vec<String> = (1..=chunk.len()).map(|i| format!("${i}")).collect();
        let sql = format!(
            "SELECT name, description, data_mb, days, speeds, cost_cents, featured, active \
             FROM store_plans WHERE name IN ({})",
            marks.join(", ")
        );
        let mut q = sqlx::query(&sql);
        for n in chunk {
            q = q.bind(n.as_str());
        }
        for r in q.fetch_all(db).await? {
            plans.push(record(&r)?);
        }
    }
    attach_countries(db, &mut plans).await?;
    Ok(plans)
}

/// The descriptions of some plans by name (one query; unknown names are left out).
pub async fn descriptions(
    db: &Db,
    names: &[String],
) -> Result<HashMap<String, String>, StoreError> {
    let mut out = HashMap::new();
    let mut unique: Vec<&String> = names.iter().collect();
    unique.sort();
    unique.dedup();
    for chunk in unique.chunks(100) {
        let marks: Vec<String> = (1..=chunk.len()).map(|i| format!("${i}")).collect();
        let sql = format!(
            "SELECT name, description FROM store_plans WHERE name IN ({})",
            marks.join(", ")
        );
        let mut q = sqlx::query(&sql);
        for n in chunk {
            q = q.bind(n.as_str());
        }
        for r in q.fetch_all(db).await? {
            out.insert(r.try_get("name")?, r.try_get("description")?);
        }
    }
    Ok(out)
}

/// One plan, active or not (an order may point at a withdrawn one).
pub async fn get(db: &Db, name: &str) -> Result<Option<PlanRecord>, StoreError> {
    let row = sqlx::query(
        "SELECT name, description, data_mb, days, speeds, cost_cents, featured, active \
         FROM store_plans WHERE name = $1",
    )
    .bind(name)
    .fetch_optional(db)
    .await?;
    let Some(row) = row else { return Ok(None) };
    let mut plans = vec![record(&row)?];
    attach_countries(db, &mut plans).await?;
    Ok(plans.pop())
}

/// Marks a plan featured or not; false when there is no such plan.
pub async fn set_featured(db: &Db, name: &str, featured: bool) -> Result<bool, StoreError> {
    let n = sqlx::query("UPDATE store_plans SET featured = $1 WHERE name = $2")
        .bind(i64::from(featured))
        .bind(name)
        .execute(db)
        .await?
        .rows_affected();
    Ok(n == 1)
}

/// Every country some active plan covers, by name: the destination picker.
pub async fn destinations(db: &Db) -> Result<Vec<Destination>, StoreError> {
    let rows = sqlx::query(
        "SELECT DISTINCT c.iso, c.country, c.region FROM store_plan_countries c \
         JOIN store_plans p ON p.name = c.plan_name WHERE p.active = 1 ORDER BY c.country",
    )
    .fetch_all(db)
    .await?;
    rows.iter()
        .map(|r| {
            Ok(Destination {
                iso: r.try_get("iso")?,
                name: r.try_get("country")?,
                region: r.try_get("region")?,
            })
        })
        .collect()
}

/// Whether the catalogue has ever been synced (when not, pages say so instead of "no plans").
pub async fn last_synced(db: &Db) -> Result<Option<i64>, StoreError> {
    let row = sqlx::query("SELECT last_synced_at FROM store_sync WHERE id = 1")
        .fetch_optional(db)
        .await?;
    Ok(row.and_then(|r| r.try_get("last_synced_at").ok()))
}

/// Takes the sync lease for `lease_secs` if no instance holds it and the last sync is older
/// than `every_secs` (or `force`): the caller then syncs.
pub async fn claim_sync(
    db: &Db,
    lease_secs: i64,
    every_secs: i64,
    force: bool,
) -> Result<bool, StoreError> {
    let at = now();
    let n = sqlx::query(
        "UPDATE store_sync SET lease_until = $1 WHERE id = 1 AND lease_until < $2 \
         AND ($3 = 1 OR last_synced_at IS NULL OR last_synced_at <= $4)",
    )
    .bind(at + lease_secs)
    .bind(at)
    .bind(i64::from(force))
    .bind(at - every_secs)
    .execute(db)
    .await?
    .rows_affected();
    Ok(n == 1)
}

/// Records the end of a sync and gives the lease back; a failed sync keeps the old time, so
/// the next tick tries again.
pub async fn finish_sync(db: &Db, error: Option<&str>) -> Result<(), StoreError> {
    let q = match error {
        None => sqlx::query(
            "UPDATE store_sync SET last_synced_at = $1, lease_until = 0, last_error = NULL WHERE id = 1",
        )
        .bind(now()),
        Some(e) => sqlx::query("UPDATE store_sync SET lease_until = 0, last_error = $1 WHERE id = 1")
            .bind(e.chars().take(500).collect::<String>()),
    };
    q.execute(db).await?;
    Ok(())
}

fn record(r: &sqlx::any::AnyRow) -> Result<PlanRecord, StoreError> {
    let data_mb: Option<i64> = r.try_get("data_mb")?;
    let days: i64 = r.try_get("days")?;
    let speeds: String = r.try_get("speeds")?;
    let featured: i64 = r.try_get("featured")?;
    let active: i64 = r.try_get("active")?;
    Ok(PlanRecord {
        name: r.try_get("name")?,
        description: r.try_get("description")?,
        data_mb: data_mb.and_then(|d| u64::try_from(d).ok()),
        days: u32::try_from(days).unwrap_or(0),
        speeds: speeds
            .split(',')
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect(),
        cost_cents: r.try_get("cost_cents")?,
        featured: featured == 1,
        active: active == 1,
        countries: Vec::new(),
    })
}

/// Fills in the countries of `plans` with one query.
async fn attach_countries(db: &Db, plans: &mut [PlanRecord]) -> Result<(), StoreError> {
    if plans.is_empty() {
        return Ok(());
    }
    let marks: Vec<String> = (1..=plans.len()).map(|i| format!("${i}")).collect();
    let sql = format!(
        "SELECT plan_name, iso, country, region FROM store_plan_countries \
         WHERE plan_name IN ({}) ORDER BY country",
        marks.join(", ")
    );
    let mut q = sqlx::query(&sql);
    for p in plans.iter() {
        q = q.bind(p.name.clone());
    }
    let mut by_plan: HashMap<String, Vec<Destination>> = HashMap::new();
    for r in q.fetch_all(db).await? {
        by_plan
            .entry(r.try_get("plan_name")?)
            .or_default()
            .push(Destination {
                iso: r.try_get("iso")?,
                name: r.try_get("country")?,
                region: r.try_get("region")?,
            });
    }
    for p in plans.iter_mut() {
        p.countries = by_plan.remove(&p.name).unwrap_or_default();
    }
    Ok(())
}
