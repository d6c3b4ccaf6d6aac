//! The SIM inventory's rows (issue 11): cards with their customer, tariff and activation
//! code, their events, and the per-status/tariff counts the dashboard reads. Every write
//! here takes the caller's transaction, so a change, its event and the counts commit together.

use super::{now, ordered_id, StoreError};
use app::domain::console::{NamedRef, SimEvent, SimRow};
use app::domain::inventory::{CardType, LifecycleState};
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};

/// A SIM card as stored (PIN/PUK still sealed).
#[derive(Debug, Clone)]
pub struct SimRecord {
    pub id: i64,
    pub iccid: String,
    pub msisdn: Option<String>,
    pub status: LifecycleState,
    pub card_type: CardType,
    pub pin_enc: Option<String>,
    pub puk_enc: Option<String>,
    pub customer: Option<NamedRef>,
    pub tariff: Option<NamedRef>,
    pub activation_code_id: Option<i64>,
    pub activation_code: Option<String>,
    pub version: i64,
    pub created_at: i64,
    pub updated_at: i64,
}

const SIM_SELECT: &str = "SELECT s.id, s.iccid, s.msisdn, s.status, s.card_type, s.pin_enc, \
    s.puk_enc, s.customer_id, s.tariff_id, s.activation_code_id, s.version, s.created_at, \
    s.updated_at, c.first_name, c.last_name, t.name AS tariff_name, a.code AS activation_code \
    FROM sim_cards s LEFT JOIN inventory_customers c ON c.id = s.customer_id \
    LEFT JOIN tariff_plans t ON t.id = s.tariff_id \
    LEFT JOIN activation_codes a ON a.id = s.activation_code_id";

fn bad(what: &str) -> StoreError {
    StoreError::Sqlx(sqlx::Error::Decode(format!("sim_cards: bad {what}").into()))
}

fn named(row: &AnyRow) -> Result<(Option<NamedRef>, Option<NamedRef>), StoreError> {
    let customer = match row.try_get::<Option<i64>, _>("customer_id")? {
        Some(id) => Some(NamedRef {
            id,
            name: format!(
                "{} {}",
                row.try_get::<Option<String>, _>("first_name")?
                    .unwrap_or_default(),
                row.try_get::<Option<String>, _>("last_name")?
                    .unwrap_or_default()
            )
            .trim()
            .to_string(),
        }),
        None => None,
    };
    let tariff = match row.try_get::<Option<i64>, _>("tariff_id")? {
        Some(id) => Some(NamedRef {
            id,
            name: row
                .try_get::<Option<String>, _>("tariff_name")?
                .unwrap_or_default(),
        }),
        None => None,
    };
    Ok((customer, tariff))
}

fn record(row: &AnyRow) -> Result<SimRecord, StoreError> {
    let (customer, tariff) = named(row)?;
    let status: String = row.try_get("status")?;
    let card_type: String = row.try_get("card_type")?;
    Ok(SimRecord {
        id: row.try_get("id")?,
        iccid: row.try_get("iccid")?,
        msisdn: row.try_get("msisdn")?,
        status: LifecycleState::parse(&status).ok_or_else(|| bad("status"))?,
        card_type: CardType::parse(&card_type).map_err(|_| bad("card_type"))?,
        pin_enc: row.try_get("pin_enc")?,
        puk_enc: row.try_get("puk_enc")?,
        customer,
        tariff,
        activation_code_id: row.try_get("activation_code_id")?,
        activation_code: row.try_get("activation_code")?,
        version: row.try_get("version")?,
        created_at: row.try_get("created_at")?,
        updated_at: row.try_get("updated_at")?,
    })
}

pub async fn sim(conn: &mut AnyConnection, id: i64) -> Result<Option<SimRecord>, StoreError> {
    let row = sqlx::query(&format!("{SIM_SELECT} WHERE s.id = $1"))
        .bind(id)
        .fetch_optional(conn)
        .await?;
    row.as_ref().map(record).transpose()
}

pub async fn sim_by_iccid(
    conn: &mut AnyConnection,
    iccid: &str,
) -> Result<Option<SimRecord>, StoreError> {
    let row = sqlx::query(&format!("{SIM_SELECT} WHERE s.iccid = $1"))
        .bind(iccid)
        .fetch_optional(conn)
        .await?;
    row.as_ref().map(record).transpose()
}

/// The fields an operation changes; the update applies only if the row still has
/// `version` (another change in between makes it a no-op the caller reports).
pub struct SimChange<'a> {
    pub id: i64,
    pub version: i64,
    pub status: LifecycleState,
    pub msisdn: Option<&'a str>,
    pub customer_id: Option<i64>,
    pub tariff_id: Option<i64>,
    pub activation_code_id: Option<i64>,
}

/// Whether the change applied (false: the SIM changed since it was read).
pub async fn update_sim(conn: &mut AnyConnection, c: &SimChange<'_>) -> Result<bool, StoreError> {
    let done = sqlx::query(
        "UPDATE sim_cards SET status = $1, msisdn = $2, customer_id = $3, tariff_id = $4, \
         activation_code_id = $5, version = version + 1, updated_at = $6 \
         WHERE id = $7 AND version = $8",
    )
    .bind(c.status.as_str())
    .bind(c.msisdn)
    .bind(c.customer_id)
    .bind(c.tariff_id)
    .bind(c.activation_code_id)
    .bind(now())
    .bind(c.id)
    .bind(c.version)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Moves one SIM between the dashboard's (status, tariff) counts.
pub async fn count(
    conn: &mut AnyConnection,
    status: LifecycleState,
    tariff_id: Option<i64>,
    delta: i64,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO sim_counts (status, tariff_id, count) VALUES ($1, $2, $3) \
         ON CONFLICT (status, tariff_id) DO UPDATE SET count = sim_counts.count + excluded.count",
    )
    .bind(status.as_str())
    .bind(tariff_id.unwrap_or(0))
    .bind(delta)
    .execute(conn)
    .await?;
    Ok(())
}

/// One event of a SIM's history.
pub struct NewEvent<'a> {
    pub sim_id: i64,
    pub kind: &'a str,
    pub old_status: Option<LifecycleState>,
    pub new_status: Option<LifecycleState>,
    pub note: Option<&'a str>,
    pub before: Option<String>,
    pub after: Option<String>,
    pub staff_id: Option<i64>,
    pub source: &'a str,
}

pub async fn add_event(conn: &mut AnyConnection, e: &NewEvent<'_>) -> Result<(), StoreError> {
    add_event_at(conn, e, now()).await
}

pub async fn add_event_at(
    conn: &mut AnyConnection,
    e: &NewEvent<'_>,
    at: i64,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO sim_events (id, sim_id, kind, old_status, new_status, note, before_json, \
         after_json, staff_id, source, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
    )
    .bind(ordered_id())
    .bind(e.sim_id)
    .bind(e.kind)
    .bind(e.old_status.map(LifecycleState::as_str))
    .bind(e.new_status.map(LifecycleState::as_str))
    .bind(e.note)
    .bind(e.before.as_deref())
    .bind(e.after.as_deref())
    .bind(e.staff_id)
    .bind(e.source)
    .bind(at)
    .execute(&mut *conn)
    .await?;
    if e.kind == ACTIVATED {
        sqlx::query(
            "INSERT INTO activation_days (day, count) VALUES ($1, 1) \
             ON CONFLICT (day) DO UPDATE SET count = activation_days.count + 1",
        )
        .bind(jst_day(at))
        .execute(conn)
        .await?;
    }
    Ok(())
}

/// The event of an activation; each also counts towards its JST day.
pub const ACTIVATED: &str = "ACTIVATED";

/// Days since 1970-01-01 in JST (UTC+9 all year).
pub fn jst_day(unix: i64) -> i64 {
    (unix + 9 * 3600).div_euclid(86_400)
}

/// A SIM's history, newest first (at most `limit` events).
pub async fn events(
    conn: &mut AnyConnection,
    sim_id: i64,
    limit: i64,
) -> Result<Vec<SimEvent>, StoreError> {
    let rows = sqlx::query(
        "SELECT e.id, e.kind, e.old_status, e.new_status, e.note, e.before_json, e.after_json, \
         e.source, e.created_at, u.email FROM sim_events e \
         LEFT JOIN staff_users u ON u.id = e.staff_id WHERE e.sim_id = $1 \
         ORDER BY e.id DESC LIMIT $2",
    )
    .bind(sim_id)
    .bind(limit)
    .fetch_all(conn)
    .await?;
    rows.iter()
        .map(|r| {
            let status = |col: &str| -> Result<Option<LifecycleState>, StoreError> {
                Ok(r.try_get::<Option<String>, _>(col)?
                    .and_then(|s| LifecycleState::parse(&s)))
            };
            Ok(SimEvent {
                id: r.try_get("id")?,
                kind: r.try_get("kind")?,
                old_status: status("old_status")?,
                new_status: status("new_status")?,
                note: r.try_get("note")?,
                before: r.try_get("before_json")?,
                after: r.try_get("after_json")?,
                staff: r.try_get("email")?,
                source: r.try_get("source")?,
                created_at: r.try_get("created_at")?,
            })
        })
        .collect()
}

/// The list query: a filter turned into SQL with its parameters in order.
pub struct ListQuery {
    pub status: Option<LifecycleState>,
    pub card_type: Option<CardType>,
    pub customer: Option<i64>,
    pub tariff: Option<i64>,
    /// ICCID/MSISDN prefix (digits).
    pub q: Option<String>,
    /// `s.iccid ASC`, `s.id DESC`, …
    pub order: &'static str,
    pub offset: i64,
    pub limit: i64,
}

pub async fn list(conn: &mut AnyConnection, q: &ListQuery) -> Result<Vec<SimRow>, StoreError> {
    let mut sql = String::from(
        "SELECT s.id, s.iccid, s.msisdn, s.status, s.card_type, s.customer_id, s.tariff_id, \
         s.updated_at, c.first_name, c.last_name, t.name AS tariff_name FROM sim_cards s \
         LEFT JOIN inventory_customers c ON c.id = s.customer_id \
         LEFT JOIN tariff_plans t ON t.id = s.tariff_id WHERE 1 = 1",
    );
    let mut n = 0;
    let mut next = || {
        n += 1;
        format!("${n}")
    };
    if q.status.is_some() {
        sql += &format!(" AND s.status = {}", next());
    }
    if q.card_type.is_some() {
        sql += &format!(" AND s.card_type = {}", next());
    }
    if q.customer.is_some() {
        sql += &format!(" AND s.customer_id = {}", next());
    }
    if q.tariff.is_some() {
        sql += &format!(" AND s.tariff_id = {}", next());
    }
    // A prefix as a range on one unique index (digits sort the same in every collation). An
    // ICCID starts with 89 and a number with 0, so the digits say which column they search:
    // one index range instead of an OR that would collect every match before sorting.
    if let Some(prefix) = &q.q {
        let column = if prefix.starts_with('0') {
            "s.msisdn"
        } else {
            "s.iccid"
        };
        let (lo, hi) = (next(), next());
        sql += &format!(" AND {column} >= {lo} AND {column} <= {hi}");
    }
    sql += &format!(" ORDER BY {} LIMIT {} OFFSET {}", q.order, next(), next());
    let mut query = sqlx::query(&sql);
    if let Some(s) = q.status {
        query = query.bind(s.as_str());
    }
    if let Some(t) = q.card_type {
        query = query.bind(t.as_str());
    }
    if let Some(c) = q.customer {
        query = query.bind(c);
    }
    if let Some(t) = q.tariff {
        query = query.bind(t);
    }
    if let Some(prefix) = &q.q {
        let hi = format!(
            "{prefix}{}",
            "9".repeat(20usize.saturating_sub(prefix.len()))
        );
        query = query.bind(prefix.clone()).bind(hi);
    }
    let rows = query.bind(q.limit).bind(q.offset).fetch_all(conn).await?;
    rows.iter()
        .map(|row| {
            let (customer, tariff) = named(row)?;
            let status: String = row.try_get("status")?;
            let card_type: String = row.try_get("card_type")?;
            Ok(SimRow {
                id: row.try_get("id")?,
                iccid: row.try_get("iccid")?,
                msisdn: row.try_get("msisdn")?,
                status: LifecycleState::parse(&status).ok_or_else(|| bad("status"))?,
                card_type: CardType::parse(&card_type).map_err(|_| bad("card_type"))?,
                customer,
                tariff,
                updated_at: row.try_get("updated_at")?,
            })
        })
        .collect()
}
