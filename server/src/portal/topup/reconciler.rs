//! The background worker that finishes top-ups: every `poll` it takes the rows that are due
//! and not leased (carrier retries, answers that never came, rows left by a crashed
//! instance once their lease ran out, unpaid invoices paid later) and drives each under its
//! own lease. Any number of instances may run it on one database: the lease is taken with a
//! conditional UPDATE, so each row is driven by one of them at a time.

use super::lease_token;
use super::saga::Saga;
use crate::store::top_ups::{self, now_ms};

/// How many due rows one pass takes.
const BATCH: i64 = 20;

/// Runs forever; spawn it once per instance.
pub async fn run(saga: Saga) {
    tracing::info!(
        poll_ms = saga.cfg.poll.as_millis() as u64,
        "top-up reconciler started"
    );
    loop {
        if let Err(e) = pass(&saga).await {
            tracing::error!(error = %e, "top-up reconciler pass failed");
        }
        tokio::time::sleep(saga.cfg.poll).await;
    }
}

/// One pass: returns how many rows it drove.
pub async fn pass(saga: &Saga) -> Result<usize, crate::store::StoreError> {
    let now = now_ms();
    let mut driven = 0;
    for id in top_ups::due(&saga.db, now, BATCH).await? {
        let token = lease_token();
        if !top_ups::acquire(
            &saga.db,
            id,
            &token,
            now_ms(),
            now_ms() + saga.cfg.lease_ms(),
        )
        .await?
        {
            continue; // another instance (or request) got it first
        }
        match saga.drive(id, &token).await {
            Ok(Some(row)) => {
                tracing::info!(
                    id,
                    state = row.state.as_str(),
                    attempts = row.attempts,
                    "top-up reconciled"
                );
                driven += 1;
            }
            Ok(None) => {}
            Err(e) => tracing::error!(error = %e, id, "top-up reconciliation failed"),
        }
    }
    Ok(driven)
}
