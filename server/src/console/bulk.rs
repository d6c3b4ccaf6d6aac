//! Bulk lifecycle changes (issue 11): a filter selects up to 1,000 SIMs; the preview says for
//! each what the state machine would do; the change applies to exactly the SIMs picked in
//! the preview, each only at the version it had then, one transaction per SIM.

use super::{store_err, OpsConsole};
use crate::store::inventory::{self as inv, ListQuery};
use app::console::port::Source;
use app::domain::console::{OperationInput, SimFilter, SimSort, Staff};
use app::domain::console_records::{
    BulkFailure, BulkItem, BulkPreview, BulkResult, Picked, MAX_BULK,
};
use app::domain::inventory::{transition, Operation};
use app::domain::PortalError;
use app::t;

impl OpsConsole {
    pub(super) async fn preview_bulk(
        &self,
        f: &SimFilter,
        op: Operation,
    ) -> Result<BulkPreview, PortalError> {
        if op == Operation::Swap || op == Operation::Reserve {
            return Err(PortalError::invalid(
                "op",
                t!("console-bulk-no-swap-preview"),
            ));
        }
        let mut conn = self.db.acquire().await.map_err(super::db_error)?;
        let rows = inv::list(
            &mut conn,
            &ListQuery {
                status: f.status,
                card_type: f.card_type,
                customer: f.customer,
                tariff: f.tariff,
                q: f.q.clone(),
                order: match f.sort {
                    SimSort::IccidDesc => "s.iccid DESC",
                    SimSort::Created => "s.id ASC",
                    SimSort::CreatedDesc => "s.id DESC",
                    SimSort::Iccid => "s.iccid ASC",
                },
                offset: 0,
                limit: MAX_BULK as i64 + 1,
            },
        )
        .await
        .map_err(store_err)?;
        let truncated = rows.len() > MAX_BULK;
        let mut items = Vec::with_capacity(rows.len().min(MAX_BULK));
        for row in rows.into_iter().take(MAX_BULK) {
            // The list row has no version; read each card once (at most 1,000 point reads).
            let Some(card) = inv::sim(&mut conn, row.id).await.map_err(store_err)? else {
                continue;
            };
            let to = transition(card.status, op);
            items.push(BulkItem {
                id: card.id,
                iccid: card.iccid,
                version: card.version,
                from: card.status,
                to,
                refusal: to.is_none().then(|| {
                    t!(
                        "console-bulk-refusal",
                        state = card.status.label().to_lowercase()
                    )
                }),
            });
        }
        let changes = items.iter().filter(|i| i.to.is_some()).count() as u64;
        Ok(BulkPreview {
            op,
            refused: items.len() as u64 - changes,
            changes,
            items,
            truncated,
        })
    }

    pub(super) async fn apply_bulk(
        &self,
        staff: &Staff,
        picked: &[Picked],
        op: Operation,
        input: &OperationInput,
        source: Source,
    ) -> Result<BulkResult, PortalError> {
        if picked.is_empty() || picked.len() > MAX_BULK {
            return Err(PortalError::invalid(
                "items",
                t!("console-bulk-pick", max = MAX_BULK.to_string()),
            ));
        }
        if op == Operation::Swap || op == Operation::Reserve {
            return Err(PortalError::invalid("op", t!("console-bulk-no-swap-apply")));
        }
        if op.needs_reason() && input.reason.as_deref().is_none_or(|r| r.trim().is_empty()) {
            return Err(PortalError::invalid(
                "reason",
                t!("console-reason-required", op = op.label().to_lowercase()),
            ));
        }
        let mut result = BulkResult::default();
        for p in picked {
            let one = OperationInput {
                expected_version: Some(p.version),
                ..input.clone()
            };
            match self.run_operation(staff, p.id, op, &one, source).await {
                Ok(_) => result.changed += 1,
                Err(PortalError::Internal) => return Err(PortalError::Internal),
                Err(e) => result.failed.push(BulkFailure {
                    id: p.id,
                    message: e.to_string(),
                }),
            }
        }
        tracing::info!(
            staff = staff.id,
            op = op.as_str(),
            changed = result.changed,
            failed = result.failed.len(),
            "bulk SIM change"
        );
        Ok(result)
    }
}
