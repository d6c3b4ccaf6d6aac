//! The Redis side of the cache: generations (`portal:cache:gen:{customer}`) and values
//! (`portal:cache:{customer}:{generation}:{name}`, with Redis's own expiry). One multiplexed
//! connection that reconnects by itself; every command has a short timeout, because a slow
//! cache must cost less than reading live.

use redis::aio::{ConnectionManager, ConnectionManagerConfig};
use redis::RedisError;
use std::time::Duration;

/// A generation key outlives every value it can reach (10 min) by far.
const GENERATION_SECS: i64 = 24 * 3600;

#[derive(Clone)]
pub struct RedisCache {
    conn: ConnectionManager,
}

impl RedisCache {
    pub async fn connect(url: &str) -> Result<Self, RedisError> {
        let client = redis::Client::open(url)?;
        let config = ConnectionManagerConfig::new()
            .set_connection_timeout(Some(Duration::from_secs(2)))
            .set_response_timeout(Some(Duration::from_millis(500)))
            .set_number_of_retries(1);
        Ok(RedisCache {
            conn: ConnectionManager::new_with_config(client, config).await?,
        })
    }

    fn generation_key(customer: i64) -> String {
        format!("portal:cache:gen:{customer}")
    }

    pub async fn generation(&self, customer: i64) -> Result<u64, RedisError> {
        let g: Option<u64> = redis::cmd("GET")
            .arg(Self::generation_key(customer))
            .query_async(&mut self.conn.clone())
            .await?;
        Ok(g.unwrap_or(0))
    }

    pub async fn bump(&self, customer: i64) -> Result<(), RedisError> {
        let key = Self::generation_key(customer);
        redis::pipe()
            .atomic()
            .incr(&key, 1)
            .ignore()
            .expire(&key, GENERATION_SECS)
            .ignore()
            .query_async::<()>(&mut self.conn.clone())
            .await
    }

    /// The value and how long it has left.
    pub async fn get(&self, key: &str) -> Result<Option<(Vec<u8>, Duration)>, RedisError> {
        let (value, pttl): (Option<Vec<u8>>, i64) = redis::pipe()
            .get(key)
            .pttl(key)
            .query_async(&mut self.conn.clone())
            .await?;
        Ok(match (value, u64::try_from(pttl)) {
            (Some(v), Ok(ms)) if ms > 0 => Some((v, Duration::from_millis(ms))),
            _ => None,
        })
    }

    pub async fn put(&self, key: &str, value: &[u8], ttl: Duration) -> Result<(), RedisError> {
        let ms = u64::try_from(ttl.as_millis()).unwrap_or(u64::MAX).max(1);
        redis::cmd("SET")
            .arg(key)
            .arg(value)
            .arg("PX")
            .arg(ms)
            .query_async::<()>(&mut self.conn.clone())
            .await
    }
}
