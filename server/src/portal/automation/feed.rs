//! The personal usage feed: read-only tokens (shown once, kept as SHA-256) that open
//! `GET /api/feed/usage` and nothing else, rate-limited per token.

use super::{parse_row_id, store, Automation};
use crate::store::feed_tokens;
use app::domain::dates::jst_datetime_label;
use app::domain::feed::{parse_label, FeedToken, NewFeedToken, MAX_TOKENS, TOKEN_PREFIX};
use app::domain::{Customer, PortalError};
use app::ports::Feed;
use app::t;
use async_trait::async_trait;
use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use rand::RngCore;
use std::num::NonZeroU32;
use std::time::Duration;

/// Feed reads per token: a burst, then one per period (governor's GCRA).
pub struct FeedLimiter(DefaultKeyedRateLimiter<i64>);

impl FeedLimiter {
    pub fn new(burst: u32, period: Duration) -> Self {
        let quota = Quota::with_period(period.max(Duration::from_millis(1)))
            .unwrap_or_else(|| Quota::per_second(NonZeroU32::MIN))
            .allow_burst(NonZeroU32::new(burst).unwrap_or(NonZeroU32::MIN));
        FeedLimiter(RateLimiter::keyed(quota))
    }

    /// Counts one read with token `id`, or refuses it with the time to wait.
    pub fn check(&self, id: i64) -> Result<(), PortalError> {
        self.0.check_key(&id).map_err(|not_until| {
            let wait = not_until.wait_time_from(DefaultClock::default().now());
            PortalError::rate_limited(&t!("server-feed-too-often"), wait)
        })
    }
}

fn no_token() -> String {
    t!("server-feed-token-not-found")
}

fn new_token() -> String {
    let mut bytes = [0u8; 32];
    rand::thread_rng().fill_bytes(&mut bytes);
    format!("{TOKEN_PREFIX}{}", hex::encode(bytes))
}

fn info(r: &feed_tokens::TokenRow) -> FeedToken {
    FeedToken {
        id: r.id.to_string(),
        label: r.label.clone(),
        created_label: jst_datetime_label(r.created_at),
        last_used_label: r
            .last_used_at
            .map_or_else(|| t!("server-feed-never"), jst_datetime_label),
    }
}

#[async_trait]
impl Feed for Automation {
    async fn tokens(&self, customer: &Customer) -> Result<Vec<FeedToken>, PortalError> {
        Ok(feed_tokens::live_for(&self.db, customer.id)
            .await
            .map_err(store)?
            .iter()
            .map(info)
            .collect())
    }

    async fn create_token(
        &self,
        customer: &Customer,
        label: &str,
    ) -> Result<NewFeedToken, PortalError> {
        let label = parse_label(label)?;
        let live = feed_tokens::live_for(&self.db, customer.id)
            .await
            .map_err(store)?;
        if live.len() >= MAX_TOKENS {
            return Err(PortalError::invalid(
                "label",
                t!("server-feed-max-tokens", max = MAX_TOKENS.to_string()),
            ));
        }
        let token = new_token();
        let id = feed_tokens::create(&self.db, customer.id, &token, &label)
            .await
            .map_err(store)?;
        crate::store::audit::record(
            &self.db,
            Some(customer.id),
            None,
            "feed_token_created",
            &t!("server-feed-created-detail", label = label.as_str()),
        )
        .await
        .map_err(store)?;
        Ok(NewFeedToken {
            token,
            info: FeedToken {
                id: id.to_string(),
                label,
                created_label: jst_datetime_label(crate::store::now()),
                last_used_label: t!("server-feed-never"),
            },
        })
    }

    async fn revoke_token(&self, customer: &Customer, id: &str) -> Result<(), PortalError> {
        let id = parse_row_id(id, no_token)?;
        if !feed_tokens::revoke(&self.db, customer.id, id)
            .await
            .map_err(store)?
        {
            return Err(PortalError::NoSuch(no_token()));
        }
        crate::store::audit::record(
            &self.db,
            Some(customer.id),
            None,
            "feed_token_revoked",
            &t!("server-feed-revoked-detail"),
        )
        .await
        .map_err(store)?;
        Ok(())
    }

    async fn feed_reader(&self, token: &str) -> Result<Option<Customer>, PortalError> {
        // Anything else (a session token above all) is not looked up at all.
        if !token.starts_with(TOKEN_PREFIX) || token.len() != TOKEN_PREFIX.len() + 64 {
            return Ok(None);
        }
        let Some((customer, id)) = feed_tokens::owner(&self.db, token).await.map_err(store)? else {
            return Ok(None);
        };
        self.feed_limiter.check(id)?;
        Ok(self.customer(customer).await)
    }
}
