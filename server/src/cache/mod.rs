//! The read-through cache of upstream reads (seeds `000_*`/`001_*`: SIM details 5 min, usage
//! 1 min, subscriptions 10 min).
//!
//! - **Scoped per customer**: every key starts with the portal customer id, so one
//!   customer's entry can never answer another's read.
//! - **Invalidated by every write**: [`Cache::forget`] bumps the customer's *generation*, which
//!   is part of every key; older entries become unreachable at once (and expire on their own).
//!   A read that started before the write stores what it loaded under the old generation, so a
//!   value loaded just before a change can never be served after it.
//! - **Single-flight**: concurrent reads of a cold key share one load (moka's `try_get_with`).
//! - **Failures fall back to live reads**: if the shared store cannot be reached, the read goes
//!   to the upstream as if there were no cache.
//!
//! In-process by default. With `REDIS_URL` the generations and values live in Redis, so an
//! invalidation on one instance reaches every instance; each instance still keeps the values
//! it has seen in memory, which is safe because a (customer, generation, name) key never
//! changes value.

mod shared;

use app::domain::PortalError;
use moka::future::Cache as Moka;
use serde::de::DeserializeOwned;
use serde::Serialize;
use std::any::Any;
use std::future::Future;
use std::sync::Arc;
use std::time::{Duration, Instant};

pub use shared::RedisCache;

/// How long each kind of read is kept (seeds `000_*`/`001_*`).
pub mod ttl {
    use std::time::Duration;
    pub const SUBSCRIPTIONS: Duration = Duration::from_secs(10 * 60);
    pub const SIM_DETAILS: Duration = Duration::from_secs(5 * 60);
    pub const USAGE: Duration = Duration::from_secs(60);
    /// Not kept (a line the carrier is still changing).
    pub const NONE: Duration = Duration::ZERO;
}

/// In-memory bound on cached bytes per instance.
const MEMORY_BYTES: u64 = 64 * 1024 * 1024;

#[derive(Clone, Hash, PartialEq, Eq, Debug)]
struct Key {
    customer: i64,
    generation: u64,
    name: String,
}

impl Key {
    fn shared_name(&self) -> String {
        format!(
            "portal:cache:{}:{}:{}",
            self.customer, self.generation, self.name
        )
    }
}

/// A cached value, kept decoded: a hit is a clone, not a JSON parse (the page reads several
/// entries per view). `size` is its JSON length, for the memory bound.
#[derive(Clone)]
struct Entry {
    value: Arc<dyn Any + Send + Sync>,
    size: usize,
    ttl: Duration,
}

/// Per-entry lifetimes for moka: each entry lives as long as its own `ttl`.
struct EntryTtl;

impl moka::Expiry<Key, Entry> for EntryTtl {
    fn expire_after_create(&self, _: &Key, e: &Entry, _: Instant) -> Option<Duration> {
        Some(e.ttl)
    }
}

/// Counts a cache read for `/metrics` (`hit`, `miss`, `error`).
fn count(result: &'static str) {
    metrics::counter!("cache_reads_total", "result" => result).increment(1);
}

#[derive(Clone)]
pub struct Cache {
    values: Moka<Key, Entry>,
    /// Generations of this instance (memory mode); bounded, idle ones forgotten after a day.
    generations: moka::sync::Cache<i64, u64>,
    shared: Option<RedisCache>,
}

impl Cache {
    /// The in-process cache (one instance).
    pub fn memory() -> Self {
        Cache {
            values: Moka::builder()
                .max_capacity(MEMORY_BYTES)
                .weigher(|k: &Key, e: &Entry| {
                    u32::try_from(e.size + k.name.len() + 64).unwrap_or(u32::MAX)
                })
                .expire_after(EntryTtl)
                .build(),
            generations: moka::sync::Cache::builder()
                .max_capacity(1_000_000)
                .time_to_idle(Duration::from_secs(24 * 3600))
                .build(),
            shared: None,
        }
    }

    /// The cache shared by every instance through Redis.
    pub fn with_redis(redis: RedisCache) -> Self {
        Cache {
            shared: Some(redis),
            ..Cache::memory()
        }
    }

    /// The value called `name` of `customer`: cached, or loaded by `load` (once, however many
    /// ask at the same time) and kept for `ttl_of(&value)`. Errors are never kept.
    pub async fn get_or_load<T, F, Fut>(
        &self,
        customer: i64,
        name: &str,
        ttl_of: impl FnOnce(&T) -> Duration,
        load: F,
    ) -> Result<T, PortalError>
    where
        T: Serialize + DeserializeOwned + Clone + Send + Sync + 'static,
        F: FnOnce() -> Fut,
        Fut: Future<Output = Result<T, PortalError>>,
    {
        let generation = match self.generation(customer).await {
            Ok(g) => g,
            Err(e) => {
                count("error");
                tracing::warn!(error = %e, "cache unavailable; reading live");
                return load().await;
            }
        };
        let key = Key {
            customer,
            generation,
            name: name.to_string(),
        };
        let mut loaded = None;
        let entry = self
            .values
            .try_get_with(key.clone(), async {
                if let Some(entry) = self.shared_get::<T>(&key).await {
                    return Ok(entry);
                }
                count("miss");
                let value = load().await?;
                let ttl = ttl_of(&value);
                let bytes = serde_json::to_vec(&value).map_err(|e| {
                    tracing::error!(error = %e, name = key.name, "cannot cache a value");
                    PortalError::Internal
                })?;
                self.shared_put(&key, &bytes, ttl).await;
                let entry = Entry {
                    value: Arc::new(value.clone()),
                    size: bytes.len(),
                    ttl,
                };
                loaded = Some(value);
                Ok::<_, PortalError>(entry)
            })
            .await
            .map_err(|e: Arc<PortalError>| (*e).clone())?;
        if let Some(value) = loaded {
            return Ok(value); // this call loaded it
        }
        count("hit");
        match entry.value.downcast_ref::<T>() {
            Some(v) => Ok(v.clone()),
            None => {
                // One name, two types: a programming error; never serve the wrong thing.
                tracing::error!(name, "cached value of another type");
                Err(PortalError::Internal)
            }
        }
    }

    /// Makes every cached value of `customer` unreachable, on every instance.
    pub async fn forget(&self, customer: i64) {
        match &self.shared {
            Some(redis) => {
                if let Err(e) = redis.bump(customer).await {
                    // Values already cached stay until their TTL (at most 10 minutes).
                    count("error");
                    tracing::error!(error = %e, customer, "cache invalidation failed");
                }
            }
            None => {
                self.generations
                    .entry(customer)
                    .and_upsert_with(|g| g.map_or(1, |g| g.into_value() + 1));
            }
        }
    }

    async fn generation(&self, customer: i64) -> Result<u64, redis::RedisError> {
        match &self.shared {
            Some(redis) => redis.generation(customer).await,
            None => Ok(self.generations.get(&customer).unwrap_or(0)),
        }
    }

    /// What another instance (or this one before) stored in Redis, decoded once.
    async fn shared_get<T>(&self, key: &Key) -> Option<Entry>
    where
        T: DeserializeOwned + Send + Sync + 'static,
    {
        let redis = self.shared.as_ref()?;
        match redis.get(&key.shared_name()).await {
            Ok(Some((bytes, ttl))) => match serde_json::from_slice::<T>(&bytes) {
                Ok(v) => Some(Entry {
                    value: Arc::new(v),
                    size: bytes.len(),
                    ttl,
                }),
                Err(e) => {
                    tracing::error!(error = %e, name = key.name, "shared cached value unreadable");
                    None
                }
            },
            Ok(None) => None,
            Err(e) => {
                count("error");
                tracing::warn!(error = %e, "cache read failed; loading live");
                None
            }
        }
    }

    async fn shared_put(&self, key: &Key, bytes: &[u8], ttl: Duration) {
        let Some(redis) = &self.shared else { return };
        if ttl.is_zero() {
            return;
        }
        if let Err(e) = redis.put(&key.shared_name(), bytes, ttl).await {
            count("error");
            tracing::warn!(error = %e, "cache write failed");
        }
    }
}

#[cfg(test)]
mod tests;
