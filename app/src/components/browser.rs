//! Small browser-side helpers shared by pages: a fresh request key for a form that moves
//! money, and a periodic refresh while something is still changing.

use leptos::prelude::*;
use std::time::Duration;

/// A fresh idempotency key (`<prefix>-<hex>`): random in the browser, time-based while
/// rendering on the server (where it is never used to order).
pub fn new_key(prefix: &str) -> String {
    #[cfg(feature = "hydrate")]
    {
        let mut bytes = [0u8; 16];
        if let Some(c) = web_sys::window().and_then(|w| w.crypto().ok()) {
            let _ = c.get_random_values_with_u8_array(&mut bytes);
        }
        let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
        format!("{prefix}-{hex}")
    }
    #[cfg(not(feature = "hydrate"))]
    {
        format!(
            "{prefix}-{:x}",
            chrono::Utc::now().timestamp_nanos_opt().unwrap_or_default()
        )
    }
}

/// Bumps `tick` every `every` while `moving()` says the shown thing may still change (an order
/// on its way); a resource keyed on `tick` then reads it again. Browser only; stops with the
/// page.
pub fn refresh_while(
    tick: RwSignal<u32>,
    every: Duration,
    moving: impl Fn() -> bool + Clone + Send + Sync + 'static,
) {
    Effect::new(move |_| {
        let moving = moving.clone();
        let handle = set_interval_with_handle(
            move || {
                if moving() {
                    tick.update(|t| *t += 1);
                }
            },
            every,
        );
        on_cleanup(move || {
            if let Ok(h) = handle {
                h.clear();
            }
        });
    });
}
