//! Customers (list, search, detail with their SIMs, assigning a SIM), activation codes
//! (list, search, mark used or expired) and tariff plans (list, create, edit, delete).

use super::audit::{self, Entity};
use super::{db_error, store_err, OpsConsole};
use crate::store::inventory::{self as inv, ListQuery};
use crate::store::{new_id, now};
use app::console::port::Source;
use app::domain::console::{OperationInput, OperationResult, Staff};
use app::domain::console_records::{
    ActivationCode, CodePage, CodeStatus, CustomerDetail, CustomerInput, CustomerPage, CustomerRow,
    TariffInput, TariffPlan,
};
use app::domain::inventory::{parse_iccid, Operation};
use app::domain::PortalError;
use app::t;
use serde_json::{json, Value};
use sqlx::any::AnyRow;
use sqlx::Row;

const PER_PAGE: i64 = 50;

fn customer_row(r: &AnyRow) -> Result<CustomerRow, PortalError> {
    Ok(CustomerRow {
        id: r.try_get("id").map_err(db_error)?,
        first_name: r.try_get("first_name").map_err(db_error)?,
        last_name: r.try_get("last_name").map_err(db_error)?,
        email: r.try_get("email").map_err(db_error)?,
        phone: r.try_get("phone").map_err(db_error)?,
        sims: r.try_get("sims").map_err(db_error)?,
    })
}

const CUSTOMER_SELECT: &str = "SELECT c.id, c.first_name, c.last_name, c.email, c.phone, c.created_at, \
    (SELECT COUNT(*) FROM sim_cards s WHERE s.customer_id = c.id) AS sims FROM inventory_customers c";

fn code_row(r: &AnyRow) -> Result<ActivationCode, PortalError> {
    let status: String = r.try_get("status").map_err(db_error)?;
    Ok(ActivationCode {
        id: r.try_get("id").map_err(db_error)?,
        code: r.try_get("code").map_err(db_error)?,
        status: CodeStatus::parse(&status).ok_or(PortalError::Internal)?,
        expires_at: r.try_get("expires_at").map_err(db_error)?,
        used_at: r.try_get("used_at").map_err(db_error)?,
        sim_id: r.try_get("sim_id").map_err(db_error)?,
        sim_iccid: r.try_get("iccid").map_err(db_error)?,
    })
}

const CODE_SELECT: &str =
    "SELECT a.id, a.code, a.status, a.expires_at, a.used_at, a.sim_id, s.iccid \
    FROM activation_codes a LEFT JOIN sim_cards s ON s.id = a.sim_id";

fn tariff_row(r: &AnyRow) -> Result<TariffPlan, PortalError> {
    Ok(TariffPlan {
        id: r.try_get("id").map_err(db_error)?,
        name: r.try_get("name").map_err(db_error)?,
        monthly_price_yen: r.try_get("monthly_price_yen").map_err(db_error)?,
        description: r.try_get("description").map_err(db_error)?,
        kind: r.try_get("kind").map_err(db_error)?,
        sims: r.try_get("sims").map_err(db_error)?,
    })
}

const TARIFF_SELECT: &str = "SELECT t.id, t.name, t.monthly_price_yen, t.description, t.kind, \
    (SELECT CAST(COALESCE(SUM(c.count), 0) AS BIGINT) FROM sim_counts c \
     WHERE c.tariff_id = t.id AND c.status <> 'TERMINATED') AS sims FROM tariff_plans t";

fn page_of(page: u32) -> (u32, i64) {
    let page = page.clamp(1, 10_000);
    (page, i64::from(page - 1) * PER_PAGE)
}

fn name_taken(e: sqlx::Error) -> PortalError {
    match &e {
        sqlx::Error::Database(d) if d.is_unique_violation() => {
            PortalError::taken("name", t!("console-tariff-name-taken"))
        }
        _ => db_error(e),
    }
}

impl OpsConsole {
    pub(super) async fn customer_page(
        &self,
        q: Option<&str>,
        page: u32,
    ) -> Result<CustomerPage, PortalError> {
        let (page, offset) = page_of(page);
        let q = q.map(str::trim).filter(|q| !q.is_empty());
        let rows = match q {
            None => {
                sqlx::query(&format!(
                    "{CUSTOMER_SELECT} ORDER BY c.last_name, c.id LIMIT $1 OFFSET $2"
                ))
                .bind(PER_PAGE + 1)
                .bind(offset)
                .fetch_all(&self.db)
                .await
            }
            Some(q) => {
                let id: i64 = q.trim_start_matches('#').parse().unwrap_or(-1);
                let prefix = format!("{}%", q.to_lowercase().replace(['%', '_', '\\'], ""));
                sqlx::query(&format!(
                    "{CUSTOMER_SELECT} WHERE c.id = $1 OR LOWER(c.last_name) LIKE $2 \
                     OR LOWER(c.first_name) LIKE $2 OR LOWER(c.email) LIKE $2 OR c.phone LIKE $2 \
                     ORDER BY c.last_name, c.id LIMIT $3 OFFSET $4"
                ))
                .bind(id)
                .bind(prefix)
                .bind(PER_PAGE + 1)
                .bind(offset)
                .fetch_all(&self.db)
                .await
            }
        }
        .map_err(db_error)?;
        let mut items = rows
            .iter()
            .map(customer_row)
            .collect::<Result<Vec<_>, _>>()?;
        let has_next = items.len() as i64 > PER_PAGE;
        items.truncate(PER_PAGE as usize);
        Ok(CustomerPage {
            items,
            page,
            has_next,
        })
    }

    pub(super) async fn customer_detail(&self, id: i64) -> Result<CustomerDetail, PortalError> {
        let row = sqlx::query(&format!("{CUSTOMER_SELECT} WHERE c.id = $1"))
            .bind(id)
            .fetch_optional(&self.db)
            .await
            .map_err(db_error)?
            .ok_or_else(|| {
                PortalError::NoSuch(t!("console-no-customer-with-id", id = id.to_string()))
            })?;
        let mut conn = self.db.acquire().await.map_err(db_error)?;
        let sims = inv::list(
            &mut conn,
            &ListQuery {
                status: None,
                card_type: None,
                customer: Some(id),
                tariff: None,
                q: None,
                order: "s.iccid ASC",
                offset: 0,
                limit: 200,
            },
        )
        .await
        .map_err(store_err)?;
        Ok(CustomerDetail {
            customer: customer_row(&row)?,
            created_at: row.try_get("created_at").map_err(db_error)?,
            sims,
            changes: audit::for_record(&self.db, Entity::Customer, id, 50).await?,
        })
    }

    /// Creates a customer (`id` None) or edits one, with its audit line, in one transaction.
    pub(super) async fn save_customer_record(
        &self,
        staff: &Staff,
        id: Option<i64>,
        c: &CustomerInput,
        source: Source,
    ) -> Result<CustomerRow, PortalError> {
        let after = json!({
            "firstName": c.first_name, "lastName": c.last_name,
            "email": c.email, "phone": c.phone,
        });
        let mut tx = crate::store::begin_write(&self.db)
            .await
            .map_err(db_error)?;
        let id = match id {
            Some(id) => {
                let before = sqlx::query(
                    "SELECT first_name, last_name, email, phone FROM inventory_customers WHERE id = $1",
                )
                .bind(id)
                .fetch_optional(&mut *tx)
                .await
                .map_err(db_error)?
                .ok_or_else(|| PortalError::NoSuch(t!("console-no-customer-with-id", id = id.to_string())))?;
                let text = |k: &str| before.try_get::<Option<String>, _>(k).map_err(db_error);
                let before = json!({
                    "firstName": text("first_name")?, "lastName": text("last_name")?,
                    "email": text("email")?, "phone": text("phone")?,
                });
                if before == after {
                    // Nothing changed: no write, no audit line.
                    drop(tx);
                    return self.customer_summary(id).await;
                }
                sqlx::query(
                    "UPDATE inventory_customers SET first_name = $1, last_name = $2, email = $3, \
                     phone = $4 WHERE id = $5",
                )
                .bind(&c.first_name)
                .bind(&c.last_name)
                .bind(&c.email)
                .bind(&c.phone)
                .bind(id)
                .execute(&mut *tx)
                .await
                .map_err(db_error)?;
                audit::record(
                    &mut *tx,
                    staff,
                    source,
                    Entity::Customer,
                    id,
                    "updated",
                    Some(before),
                    Some(after),
                )
                .await?;
                id
            }
            None => {
                let id = new_id();
                sqlx::query(
                    "INSERT INTO inventory_customers (id, first_name, last_name, email, phone, \
                     created_at) VALUES ($1, $2, $3, $4, $5, $6)",
                )
                .bind(id)
                .bind(&c.first_name)
                .bind(&c.last_name)
                .bind(&c.email)
                .bind(&c.phone)
                .bind(now())
                .execute(&mut *tx)
                .await
                .map_err(db_error)?;
                audit::record(
                    &mut *tx,
                    staff,
                    source,
                    Entity::Customer,
                    id,
                    "created",
                    None,
                    Some(after),
                )
                .await?;
                id
            }
        };
        tx.commit().await.map_err(db_error)?;
        self.customer_summary(id).await
    }

    async fn customer_summary(&self, id: i64) -> Result<CustomerRow, PortalError> {
        let row = sqlx::query(&format!("{CUSTOMER_SELECT} WHERE c.id = $1"))
            .bind(id)
            .fetch_one(&self.db)
            .await
            .map_err(db_error)?;
        customer_row(&row)
    }

    pub(super) async fn assign_sim(
        &self,
        staff: &Staff,
        customer_id: i64,
        iccid: &str,
        source: Source,
    ) -> Result<OperationResult, PortalError> {
        let iccid = parse_iccid(iccid).map_err(|m| PortalError::invalid("iccid", m))?;
        let mut conn = self.db.acquire().await.map_err(db_error)?;
        let sim = inv::sim_by_iccid(&mut conn, &iccid)
            .await
            .map_err(store_err)?
            .ok_or_else(|| PortalError::invalid("iccid", t!("console-iccid-not-in-inventory")))?;
        drop(conn);
        let input = OperationInput {
            customer_id: Some(customer_id),
            expected_version: Some(sim.version),
            ..OperationInput::default()
        };
        self.run_operation(staff, sim.id, Operation::Reserve, &input, source)
            .await
    }

    pub(super) async fn code_page(
        &self,
        status: Option<CodeStatus>,
        q: Option<&str>,
        page: u32,
    ) -> Result<CodePage, PortalError> {
        let (page, offset) = page_of(page);
        let prefix = q
            .map(|q| q.trim().to_ascii_uppercase().replace(['%', '_', '\\'], ""))
            .filter(|q| !q.is_empty())
            .map(|q| format!("{q}%"));
        let rows = sqlx::query(&format!(
            "{CODE_SELECT} WHERE ($1 = '' OR a.status = $1) AND ($2 = '' OR a.code LIKE $2) \
             ORDER BY a.code LIMIT $3 OFFSET $4"
        ))
        .bind(status.map_or("", CodeStatus::as_str))
        .bind(prefix.unwrap_or_default())
        .bind(PER_PAGE + 1)
        .bind(offset)
        .fetch_all(&self.db)
        .await
        .map_err(db_error)?;
        let mut items = rows.iter().map(code_row).collect::<Result<Vec<_>, _>>()?;
        let has_next = items.len() as i64 > PER_PAGE;
        items.truncate(PER_PAGE as usize);
        Ok(CodePage {
            items,
            page,
            has_next,
        })
    }

    pub(super) async fn set_code_status(
        &self,
        staff: &Staff,
        id: i64,
        to: CodeStatus,
        source: Source,
    ) -> Result<ActivationCode, PortalError> {
        let mut tx = crate::store::begin_write(&self.db)
            .await
            .map_err(db_error)?;
        let code = sqlx::query(&format!("{CODE_SELECT} WHERE a.id = $1"))
            .bind(id)
            .fetch_optional(&mut *tx)
            .await
            .map_err(db_error)?
            .ok_or_else(|| {
                PortalError::NoSuch(t!("console-no-code-with-id", id = id.to_string()))
            })?;
        let code = code_row(&code)?;
        if !code.status.may_become(to) {
            return Err(PortalError::Conflict(t!(
                "console-code-final",
                status = code.status.label().to_lowercase()
            )));
        }
        let done = sqlx::query(
            "UPDATE activation_codes SET status = $1, used_at = CASE WHEN $1 = 'USED' THEN $2 ELSE used_at END \
             WHERE id = $3 AND status = 'UNUSED'",
        )
        .bind(to.as_str())
        .bind(now())
        .bind(id)
        .execute(&mut *tx)
        .await
        .map_err(db_error)?;
        if done.rows_affected() != 1 {
            return Err(PortalError::Conflict(t!("console-code-changed-meanwhile")));
        }
        let action = format!("marked_{}", to.as_str().to_ascii_lowercase());
        audit::record(
            &mut *tx,
            staff,
            source,
            Entity::ActivationCode,
            id,
            &action,
            Some(json!({"status": code.status.as_str()})),
            Some(json!({"status": to.as_str()})),
        )
        .await?;
        let row = sqlx::query(&format!("{CODE_SELECT} WHERE a.id = $1"))
            .bind(id)
            .fetch_one(&mut *tx)
            .await
            .map_err(db_error)?;
        tx.commit().await.map_err(db_error)?;
        code_row(&row)
    }

    pub(super) async fn plans(&self) -> Result<Vec<TariffPlan>, PortalError> {
        let rows = sqlx::query(&format!("{TARIFF_SELECT} ORDER BY t.name"))
            .fetch_all(&self.db)
            .await
            .map_err(db_error)?;
        rows.iter().map(tariff_row).collect()
    }

    pub(super) async fn save_plan(
        &self,
        staff: &Staff,
        id: Option<i64>,
        t: &TariffInput,
        source: Source,
    ) -> Result<TariffPlan, PortalError> {
        let now = now();
        let after = tariff_json(
            t.name.clone(),
            t.monthly_price_yen,
            t.description.clone(),
            t.kind.clone(),
        );
        let mut tx = crate::store::begin_write(&self.db)
            .await
            .map_err(db_error)?;
        let id = match id {
            Some(id) => {
                let before = self.plan_json(&mut tx, id).await?.ok_or_else(|| {
                    PortalError::NoSuch(t!("console-no-tariff-with-id", id = id.to_string()))
                })?;
                sqlx::query(
                    "UPDATE tariff_plans SET name = $1, monthly_price_yen = $2, description = $3, \
                     kind = $4, updated_at = $5 WHERE id = $6",
                )
                .bind(&t.name)
                .bind(t.monthly_price_yen)
                .bind(&t.description)
                .bind(&t.kind)
                .bind(now)
                .bind(id)
                .execute(&mut *tx)
                .await
                .map_err(name_taken)?;
                if before != after {
                    audit::record(
                        &mut *tx,
                        staff,
                        source,
                        Entity::TariffPlan,
                        id,
                        "updated",
                        Some(before),
                        Some(after),
                    )
                    .await?;
                }
                id
            }
            None => {
                let id = new_id();
                sqlx::query(
                    "INSERT INTO tariff_plans (id, name, monthly_price_yen, description, kind, created_at, updated_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $6)",
                )
                .bind(id)
                .bind(&t.name)
                .bind(t.monthly_price_yen)
                .bind(&t.description)
                .bind(&t.kind)
                .bind(now)
                .execute(&mut *tx)
                .await
                .map_err(name_taken)?;
                audit::record(
                    &mut *tx,
                    staff,
                    source,
                    Entity::TariffPlan,
                    id,
                    "created",
                    None,
                    Some(after),
                )
                .await?;
                id
            }
        };
        let row = sqlx::query(&format!("{TARIFF_SELECT} WHERE t.id = $1"))
            .bind(id)
            .fetch_one(&mut *tx)
            .await
            .map_err(db_error)?;
        tx.commit().await.map_err(db_error)?;
        tariff_row(&row)
    }

    async fn plan_json(
        &self,
        tx: &mut sqlx::Transaction<'static, sqlx::Any>,
        id: i64,
    ) -> Result<Option<Value>, PortalError> {
        let row = sqlx::query(
            "SELECT name, monthly_price_yen, description, kind FROM tariff_plans WHERE id = $1",
        )
        .bind(id)
        .fetch_optional(&mut **tx)
        .await
        .map_err(db_error)?;
        row.map(|r| {
            Ok(tariff_json(
                r.try_get("name")?,
                r.try_get("monthly_price_yen")?,
                r.try_get("description")?,
                r.try_get("kind")?,
            ))
        })
        .transpose()
        .map_err(db_error)
    }

    /// A plan any SIM still points at (even a terminated one, whose history names it) stays.
    pub(super) async fn delete_plan(
        &self,
        staff: &Staff,
        id: i64,
        source: Source,
    ) -> Result<(), PortalError> {
        let mut tx = crate::store::begin_write(&self.db)
            .await
            .map_err(db_error)?;
        let used = sqlx::query("SELECT id FROM sim_cards WHERE tariff_id = $1 LIMIT 1")
            .bind(id)
            .fetch_optional(&mut *tx)
            .await
            .map_err(db_error)?;
        if used.is_some() {
            return Err(PortalError::Conflict(t!("console-tariff-in-use")));
        }
        let before = self.plan_json(&mut tx, id).await?.ok_or_else(|| {
            PortalError::NoSuch(t!("console-no-tariff-with-id", id = id.to_string()))
        })?;
        sqlx::query("DELETE FROM sim_counts WHERE tariff_id = $1")
            .bind(id)
            .execute(&mut *tx)
            .await
            .map_err(db_error)?;
        sqlx::query("DELETE FROM tariff_plans WHERE id = $1")
            .bind(id)
            .execute(&mut *tx)
            .await
            .map_err(db_error)?;
        audit::record(
            &mut *tx,
            staff,
            source,
            Entity::TariffPlan,
            id,
            "deleted",
            Some(before),
            None,
        )
        .await?;
        tx.commit().await.map_err(db_error)?;
        Ok(())
    }
}

fn tariff_json(name: String, price: i64, description: String, kind: String) -> Value {
    json!({"name": name, "monthlyPriceYen": price, "description": description, "kind": kind})
}
