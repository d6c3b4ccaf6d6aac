//! The console's audit of records other than SIMs (customers, tariff plans, activation codes,
//! staff logins): who changed what, when, from where, with the changed fields' values before
//! and after. Written inside the change's own transaction, so a change without its audit line
//! (or the reverse) cannot exist.

use super::db_error;
use crate::store::{now, ordered_id};
use app::console::port::Source;
use app::domain::console::Staff;
use app::domain::console_records::AuditEntry;
use app::domain::PortalError;
use serde_json::{Map, Value};
use sqlx::Row;

/// What kind of record a line is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Entity {
    Customer,
    TariffPlan,
    ActivationCode,
    StaffUser,
}

impl Entity {
    fn as_str(self) -> &'static str {
        match self {
            Entity::Customer => "customer",
            Entity::TariffPlan => "tariff_plan",
            Entity::ActivationCode => "activation_code",
            Entity::StaffUser => "staff_user",
        }
    }
}

/// Keeps, of two versions of a record (JSON objects), only the fields that differ: an
/// edit's line shows what changed, not the whole record twice. A created or deleted record
/// (`None` on one side) keeps every field.
pub fn changed(before: Option<Value>, after: Option<Value>) -> (Option<Value>, Option<Value>) {
    match (before, after) {
        (Some(Value::Object(b)), Some(Value::Object(a))) => {
            let keys: Vec<String> = b
                .keys()
                .chain(a.keys())
                .filter(|k| b.get(*k) != a.get(*k))
                .cloned()
                .collect();
            let pick = |m: &Map<String, Value>| {
                Value::Object(
                    keys.iter()
                        .map(|k| (k.clone(), m.get(k).cloned().unwrap_or(Value::Null)))
                        .collect(),
                )
            };
            (Some(pick(&b)), Some(pick(&a)))
        }
        other => other,
    }
}

/// Writes one audit line in the caller's transaction.
#[allow(clippy::too_many_arguments)]
pub async fn record<'c, E>(
    tx: E,
    staff: &Staff,
    source: Source,
    entity: Entity,
    entity_id: i64,
    action: &str,
    before: Option<Value>,
    after: Option<Value>,
) -> Result<(), PortalError>
where
    E: sqlx::Executor<'c, Database = sqlx::Any>,
{
    let (before, after) = changed(before, after);
    sqlx::query(
        "INSERT INTO ops_audit (id, staff_id, staff_email, entity, entity_id, action, \
         before_json, after_json, source, at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
    )
    .bind(ordered_id())
    .bind(staff.id)
    .bind(&staff.email)
    .bind(entity.as_str())
    .bind(entity_id)
    .bind(action)
    .bind(before.map(|v| v.to_string()))
    .bind(after.map(|v| v.to_string()))
    .bind(source.as_str())
    .bind(now())
    .execute(tx)
    .await
    .map_err(db_error)?;
    Ok(())
}

/// The newest `limit` lines about one record (ids grow with time, also within a second).
pub async fn for_record(
    db: &crate::store::Db,
    entity: Entity,
    entity_id: i64,
    limit: i64,
) -> Result<Vec<AuditEntry>, PortalError> {
    let rows = sqlx::query(
        "SELECT at, staff_email, action, before_json, after_json FROM ops_audit \
         WHERE entity = $1 AND entity_id = $2 ORDER BY id DESC LIMIT $3",
    )
    .bind(entity.as_str())
    .bind(entity_id)
    .bind(limit)
    .fetch_all(db)
    .await
    .map_err(db_error)?;
    rows.iter()
        .map(|r| {
            Ok(AuditEntry {
                at: r.try_get("at")?,
                staff_email: r.try_get("staff_email")?,
                action: r.try_get("action")?,
                before: r.try_get("before_json")?,
                after: r.try_get("after_json")?,
            })
        })
        .collect::<Result<_, sqlx::Error>>()
        .map_err(db_error)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn an_edit_keeps_only_the_changed_fields() {
        let (b, a) = changed(
            Some(json!({"name": "A", "price": 1, "kind": "mobile"})),
            Some(json!({"name": "A", "price": 2, "kind": "data-only"})),
        );
        assert_eq!(b, Some(json!({"price": 1, "kind": "mobile"})));
        assert_eq!(a, Some(json!({"price": 2, "kind": "data-only"})));
        let (b, a) = changed(None, Some(json!({"name": "A"})));
        assert_eq!((b, a), (None, Some(json!({"name": "A"}))));
    }
}
