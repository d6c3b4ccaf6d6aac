//! Lifecycle operations on a SIM (seed 003 `SimLifecycleManager`): the state machine decides
//! (`app::domain::inventory::transition`), this module checks each operation's input, and
//! writes the change, its event (with before/after values) and the dashboard counts in one
//! transaction. The update is conditional on the version read, so of two concurrent changes
//! to one SIM exactly one wins; the other is a 409.

use super::{db_error, OpsConsole};
use crate::store::inventory::{self as inv, NewEvent, SimChange, SimRecord};
use crate::store::now;
use app::console::port::Source;
use app::domain::console::{OperationInput, OperationResult, Revealed, SimCard, Staff};
use app::domain::inventory::{allowed, parse_iccid, transition, LifecycleState, Operation};
use app::domain::PortalError;
use app::t;
use serde_json::{json, Map, Value};
use sqlx::{AnyConnection, Row};

/// The event type each operation writes.
fn event_kind(op: Operation) -> &'static str {
    match op {
        Operation::Reserve => "RESERVED",
        Operation::Activate => "ACTIVATED",
        Operation::Suspend => "SUSPENDED",
        Operation::Resume => "RESUMED",
        Operation::ReportLost => "REPORTED_LOST",
        Operation::Terminate => "TERMINATED",
        Operation::Swap => "SWAPPED",
    }
}

fn reason(input: &OperationInput, op: Operation) -> Result<Option<String>, PortalError> {
    let r = input
        .reason
        .as_deref()
        .map(str::trim)
        .filter(|r| !r.is_empty())
        .map(str::to_string);
    if op.needs_reason() && r.is_none() {
        return Err(PortalError::invalid(
            "reason",
            t!("console-reason-required", op = op.label().to_lowercase()),
        ));
    }
    if r.as_ref().is_some_and(|r| r.chars().count() > 500) {
        return Err(PortalError::invalid(
            "reason",
            t!("console-reason-too-long"),
        ));
    }
    Ok(r)
}

/// The fields of a card that an operation may change, as JSON for the event.
fn snapshot(
    status: LifecycleState,
    msisdn: Option<&str>,
    customer: Option<i64>,
    tariff: Option<i64>,
) -> Map<String, Value> {
    let mut m = Map::new();
    m.insert("status".into(), json!(status.as_str()));
    m.insert("msisdn".into(), json!(msisdn));
    m.insert("customerId".into(), json!(customer));
    m.insert("tariffId".into(), json!(tariff));
    m
}

/// Only what differs, before and after.
fn diff(
    before: &Map<String, Value>,
    after: &Map<String, Value>,
) -> (Option<String>, Option<String>) {
    let mut b = Map::new();
    let mut a = Map::new();
    for (k, v) in after {
        if before.get(k) != Some(v) {
            b.insert(k.clone(), before.get(k).cloned().unwrap_or(Value::Null));
            a.insert(k.clone(), v.clone());
        }
    }
    if a.is_empty() {
        (None, None)
    } else {
        (
            Some(Value::Object(b).to_string()),
            Some(Value::Object(a).to_string()),
        )
    }
}

pub fn not_allowed(sim: &SimRecord, op: Operation) -> PortalError {
    let ops = allowed(sim.status);
    let list = if ops.is_empty() {
        t!("console-not-allowed-nothing")
    } else {
        ops.iter()
            .map(|o| o.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    PortalError::NotAllowed {
        message: t!(
            "console-not-allowed",
            state = sim.status.label().to_lowercase(),
            op = op.done_label(),
            allowed = list
        ),
        allowed: ops.iter().map(|o| o.as_str().to_string()).collect(),
    }
}

fn changed_meanwhile() -> PortalError {
    PortalError::Conflict(t!("console-changed-meanwhile"))
}

async fn exists(conn: &mut AnyConnection, table: &str, id: i64) -> Result<bool, PortalError> {
    let row = sqlx::query(&format!("SELECT id FROM {table} WHERE id = $1"))
        .bind(id)
        .fetch_optional(conn)
        .await
        .map_err(db_error)?;
    Ok(row.is_some())
}

/// Consumes an activation code for `sim_id`: it must be UNUSED and not past its expiry.
async fn use_code(conn: &mut AnyConnection, code: &str, sim_id: i64) -> Result<i64, PortalError> {
    let code = code.trim().to_ascii_uppercase();
    let row = sqlx::query("SELECT id, status, expires_at FROM activation_codes WHERE code = $1")
        .bind(&code)
        .fetch_optional(&mut *conn)
        .await
        .map_err(db_error)?;
    let Some(row) = row else {
        return Err(PortalError::invalid(
            "activationCode",
            t!("console-no-such-code"),
        ));
    };
    let id: i64 = row.try_get("id").map_err(db_error)?;
    let status: String = row.try_get("status").map_err(db_error)?;
    let expires: Option<i64> = row.try_get("expires_at").map_err(db_error)?;
    let now = now();
    if status != "UNUSED" {
        return Err(PortalError::invalid(
            "activationCode",
            t!(
                "console-code-not-unused",
                status = app::domain::console_records::CodeStatus::parse(&status)
                    .map_or_else(|| status.to_lowercase(), |s| s.label().to_lowercase())
            ),
        ));
    }
    if expires.is_some_and(|e| e <= now) {
        return Err(PortalError::invalid(
            "activationCode",
            t!("console-code-has-expired"),
        ));
    }
    let done = sqlx::query(
        "UPDATE activation_codes SET status = 'USED', used_at = $1, sim_id = $2 \
         WHERE id = $3 AND status = 'UNUSED'",
    )
    .bind(now)
    .bind(sim_id)
    .bind(id)
    .execute(conn)
    .await
    .map_err(db_error)?;
    if done.rows_affected() != 1 {
        return Err(PortalError::invalid(
            "activationCode",
            t!("console-code-just-used"),
        ));
    }
    Ok(id)
}

impl OpsConsole {
    pub(super) async fn run_operation(
        &self,
        staff: &Staff,
        id: i64,
        op: Operation,
        input: &OperationInput,
        source: Source,
    ) -> Result<OperationResult, PortalError> {
        let note = reason(input, op)?;
        let mut tx = crate::store::begin_write(&self.db)
            .await
            .map_err(db_error)?;
        let sim = inv::sim(&mut tx, id)
            .await
            .map_err(super::store_err)?
            .ok_or_else(|| {
                PortalError::NoSuch(t!("console-no-sim-with-id", id = id.to_string()))
            })?;
        if input.expected_version.is_some_and(|v| v != sim.version) {
            return Err(changed_meanwhile());
        }
        let Some(to) = transition(sim.status, op) else {
            return Err(not_allowed(&sim, op));
        };
        let customer_id = sim.customer.as_ref().map(|c| c.id);
        let tariff_id = sim.tariff.as_ref().map(|t| t.id);
        let before = snapshot(sim.status, sim.msisdn.as_deref(), customer_id, tariff_id);
        let mut change = SimChange {
            id,
            version: sim.version,
            status: to,
            msisdn: sim.msisdn.as_deref(),
            customer_id,
            tariff_id,
            activation_code_id: sim.activation_code_id,
        };
        let mut new_card: Option<SimRecord> = None;
        match op {
            Operation::Reserve => {
                let c = input.customer_id.ok_or_else(|| {
                    PortalError::invalid("customerId", t!("console-reserve-customer-required"))
                })?;
                if !exists(&mut tx, "inventory_customers", c).await? {
                    return Err(PortalError::invalid(
                        "customerId",
                        t!("console-no-such-customer"),
                    ));
                }
                change.customer_id = Some(c);
            }
            Operation::Activate => {
                if let Some(c) = input.customer_id {
                    if !exists(&mut tx, "inventory_customers", c).await? {
                        return Err(PortalError::invalid(
                            "customerId",
                            t!("console-no-such-customer"),
                        ));
                    }
                    change.customer_id = Some(c);
                }
                if change.customer_id.is_none() {
                    return Err(PortalError::invalid(
                        "customerId",
                        t!("console-activate-customer-required"),
                    ));
                }
                if let Some(t) = input.tariff_id {
                    if !exists(&mut tx, "tariff_plans", t).await? {
                        return Err(PortalError::invalid(
                            "tariffId",
                            t!("console-no-such-tariff"),
                        ));
                    }
                    change.tariff_id = Some(t);
                }
                if let Some(code) = input.activation_code.as_deref() {
                    change.activation_code_id = Some(use_code(&mut tx, code, id).await?);
                }
            }
            // The number is released for reuse; the event keeps it.
            Operation::Terminate => change.msisdn = None,
            Operation::Swap => {
                let raw = input.new_iccid.as_deref().ok_or_else(|| {
                    PortalError::invalid("newIccid", t!("console-swap-iccid-required"))
                })?;
                let iccid = parse_iccid(raw).map_err(|m| PortalError::invalid("newIccid", m))?;
                let new = inv::sim_by_iccid(&mut tx, &iccid)
                    .await
                    .map_err(super::store_err)?
                    .ok_or_else(|| {
                        PortalError::invalid("newIccid", t!("console-iccid-not-in-inventory"))
                    })?;
                if new.id == id || new.status != LifecycleState::Available {
                    return Err(PortalError::invalid(
                        "newIccid",
                        t!(
                            "console-swap-not-available",
                            state = new.status.label().to_lowercase()
                        ),
                    ));
                }
                change.msisdn = None;
                new_card = Some(new);
            }
            Operation::Suspend | Operation::Resume | Operation::ReportLost => {}
        }
        // The old card lets go of the number before the new one takes it (MSISDN is unique).
        if !inv::update_sim(&mut tx, &change)
            .await
            .map_err(super::store_err)?
        {
            return Err(changed_meanwhile());
        }
        inv::count(&mut tx, sim.status, tariff_id, -1)
            .await
            .map_err(super::store_err)?;
        inv::count(&mut tx, to, change.tariff_id, 1)
            .await
            .map_err(super::store_err)?;
        let after = snapshot(to, change.msisdn, change.customer_id, change.tariff_id);
        let (b, a) = diff(&before, &after);
        let swap_note;
        let note = match &new_card {
            Some(new) => {
                swap_note = format!(
                    "Number and tariff moved to {}{}",
                    new.iccid,
                    note.as_deref()
                        .map(|n| format!(": {n}"))
                        .unwrap_or_default()
                );
                Some(swap_note.as_str())
            }
            None => note.as_deref(),
        };
        inv::add_event(
            &mut tx,
            &NewEvent {
                sim_id: id,
                kind: event_kind(op),
                old_status: Some(sim.status),
                new_status: Some(to),
                note,
                before: b,
                after: a,
                staff_id: Some(staff.id),
                source: source.as_str(),
            },
        )
        .await
        .map_err(super::store_err)?;
        if let Some(new) = &new_card {
            let new_tariff = new.tariff.as_ref().map(|t| t.id);
            let new_before = snapshot(
                new.status,
                new.msisdn.as_deref(),
                new.customer.as_ref().map(|c| c.id),
                new_tariff,
            );
            let taking = SimChange {
                id: new.id,
                version: new.version,
                status: LifecycleState::Active,
                msisdn: sim.msisdn.as_deref(),
                customer_id,
                tariff_id,
                activation_code_id: new.activation_code_id,
            };
            if !inv::update_sim(&mut tx, &taking)
                .await
                .map_err(super::store_err)?
            {
                return Err(changed_meanwhile());
            }
            inv::count(&mut tx, new.status, new_tariff, -1)
                .await
                .map_err(super::store_err)?;
            inv::count(&mut tx, LifecycleState::Active, tariff_id, 1)
                .await
                .map_err(super::store_err)?;
            let new_after = snapshot(
                LifecycleState::Active,
                sim.msisdn.as_deref(),
                customer_id,
                tariff_id,
            );
            let (b, a) = diff(&new_before, &new_after);
            inv::add_event(
                &mut tx,
                &NewEvent {
                    sim_id: new.id,
                    kind: "SWAPPED_IN",
                    old_status: Some(new.status),
                    new_status: Some(LifecycleState::Active),
                    note: Some(&format!("Took over the number and tariff of {}", sim.iccid)),
                    before: b,
                    after: a,
                    staff_id: Some(staff.id),
                    source: source.as_str(),
                },
            )
            .await
            .map_err(super::store_err)?;
        }
        let updated = self.card(&mut tx, id).await?;
        let new_sim = match &new_card {
            Some(n) => Some(self.card(&mut tx, n.id).await?),
            None => None,
        };
        tx.commit().await.map_err(db_error)?;
        tracing::info!(
            sim = id,
            op = op.as_str(),
            staff = staff.id,
            "SIM lifecycle change"
        );
        Ok(OperationResult {
            status: updated.status,
            sim: updated,
            new_sim,
        })
    }

    /// The card as its page shows it.
    pub(super) async fn card(
        &self,
        conn: &mut AnyConnection,
        id: i64,
    ) -> Result<SimCard, PortalError> {
        let r = inv::sim(conn, id)
            .await
            .map_err(super::store_err)?
            .ok_or_else(|| {
                PortalError::NoSuch(t!("console-no-sim-with-id", id = id.to_string()))
            })?;
        let mask = |v: &Option<String>| {
            v.as_deref()
                .and_then(|s| self.secrets.open(s))
                .map(|clear| app::domain::inventory::masked(&clear))
        };
        Ok(SimCard {
            id: r.id,
            pin_masked: mask(&r.pin_enc),
            puk_masked: mask(&r.puk_enc),
            allowed: allowed(r.status),
            iccid: r.iccid,
            msisdn: r.msisdn,
            status: r.status,
            card_type: r.card_type,
            customer: r.customer,
            tariff: r.tariff,
            activation_code: r.activation_code,
            created_at: r.created_at,
            updated_at: r.updated_at,
            version: r.version,
        })
    }

    /// PIN and PUK in clear; the reveal is written as an event first, so no reveal goes
    /// unrecorded.
    pub(super) async fn reveal_codes(
        &self,
        staff: &Staff,
        id: i64,
        source: Source,
    ) -> Result<Revealed, PortalError> {
        let mut tx = crate::store::begin_write(&self.db)
            .await
            .map_err(db_error)?;
        let sim = inv::sim(&mut tx, id)
            .await
            .map_err(super::store_err)?
            .ok_or_else(|| {
                PortalError::NoSuch(t!("console-no-sim-with-id", id = id.to_string()))
            })?;
        inv::add_event(
            &mut tx,
            &NewEvent {
                sim_id: id,
                kind: "PIN_REVEALED",
                old_status: None,
                new_status: None,
                note: Some("PIN and PUK shown"),
                before: None,
                after: None,
                staff_id: Some(staff.id),
                source: source.as_str(),
            },
        )
        .await
        .map_err(super::store_err)?;
        tx.commit().await.map_err(db_error)?;
        tracing::info!(sim = id, staff = staff.id, "PIN/PUK revealed");
        Ok(Revealed {
            pin: sim.pin_enc.as_deref().and_then(|s| self.secrets.open(s)),
            puk: sim.puk_enc.as_deref().and_then(|s| self.secrets.open(s)),
        })
    }
}
