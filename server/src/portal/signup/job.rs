//! The retry job: every few seconds, unfinished sign-ups whose next attempt is due and whose
//! lease has run out (the request that started them crashed, or an upstream was down) are
//! leased and run on from their state. Never dropped: past `max_attempts` every further
//! attempt (at most hourly) is logged as an error for staff, because a sign-up that may have a
//! billing client behind it must keep its customer number.

use super::{steps, SignUps};
use crate::store::signups;
use std::time::Duration;

/// One pass: runs every due sign-up; how many it ran.
pub async fn pass(s: &SignUps) -> usize {
    let now = signups::now_ms();
    let due = match signups::due(&s.db, now, 20).await {
        Ok(d) => d,
        Err(e) => {
            tracing::error!(error = %e, "cannot read due sign-ups");
            return 0;
        }
    };
    let mut ran = 0;
    for id in due {
        let lease = super::new_lease();
        let now = signups::now_ms();
        match signups::lease(&s.db, id, &lease, now + s.lease_ms, now).await {
            Ok(true) => {}
            Ok(false) => continue, // another instance has it
            Err(e) => {
                tracing::error!(error = %e, "cannot lease a sign-up");
                continue;
            }
        }
        let Ok(Some(row)) = signups::get(&s.db, id).await else {
            continue;
        };
        if row.attempts >= s.max_attempts {
            tracing::error!(signup = id, state = row.state, attempts = row.attempts,
                error = ?row.last_error, "sign-up still not finished; needs staff");
        }
        ran += 1;
        match steps::run(s, row, &lease, false).await {
            Ok(_) => tracing::info!(signup = id, "sign-up finished by the retry job"),
            Err(steps::Stop::Refused(e)) => {
                tracing::info!(signup = id, error = %e, "sign-up refused on retry")
            }
            Err(steps::Stop::Later { .. }) => {}
        }
    }
    ran
}

/// Runs [`pass`] every `every` for as long as the server lives.
pub async fn run(s: SignUps, every: Duration) {
    let mut tick = tokio::time::interval(every);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tick.tick().await;
        pass(&s).await;
    }
}
