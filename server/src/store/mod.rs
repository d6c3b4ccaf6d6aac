//! The database: one `AnyPool` over SQLite (embedded default) or PostgreSQL (`DATABASE_URL`),
//! migrated at start from `migrations/`. Queries are runtime-checked portable SQL with `$n`
//! placeholders, which both drivers accept.

pub mod audit;
pub mod customers;
pub mod feed_tokens;
pub mod inventory;
pub mod known_lines;
pub mod leases;
pub mod orders;
pub mod outbox;
pub mod password_resets;
pub mod sessions;
pub mod signups;
pub mod sim_requests;
pub mod store_orders;
pub mod store_plans;
pub mod top_ups;
pub mod trips;
pub mod usage_alerts;

use sqlx::any::{install_default_drivers, AnyPoolOptions};
use sqlx::AnyPool;

pub type Db = AnyPool;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database error: {0}")]
    Sqlx(#[from] sqlx::Error),
    #[error("migration failed: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
}

/// Opens the pool (creating a SQLite file if needed) and applies pending migrations.
pub async fn connect(url: &str) -> Result<Db, StoreError> {
    install_default_drivers();
    let is_sqlite = url.starts_with("sqlite:");
    if is_sqlite {
        if let Some(parent) =
            sqlite_file(url).and_then(|p| std::path::Path::new(p).parent().map(|d| d.to_path_buf()))
        {
            if !parent.as_os_str().is_empty() {
                let _ = std::fs::create_dir_all(parent);
            }
        }
    }
    let pool = AnyPoolOptions::new()
        // SQLite serialises writers anyway; a small pool avoids "database is locked" churn.
        // (sqlx turns SQLite foreign keys on and sets a busy timeout on every connection.)
        .max_connections(if is_sqlite { 4 } else { 16 })
        .connect(url)
        .await?;
    if is_sqlite {
        sqlx::query("PRAGMA foreign_keys = ON")
            .execute(&pool)
            .await?;
    }
    sqlx::migrate!("../migrations").run(&pool).await?;
    Ok(pool)
}

fn sqlite_file(url: &str) -> Option<&str> {
    let rest = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))?;
    let path = rest.split('?').next()?;
    (!path.is_empty() && !path.starts_with(':') && !path.starts_with("file:")).then_some(path)
}

/// A transaction that will write. On SQLite it takes the write lock up front (`BEGIN
/// IMMEDIATE`): two writers then queue on the busy timeout, where two deferred transactions
/// that both read first would have one fail with "database is locked" on upgrading.
pub async fn begin_write(db: &Db) -> Result<sqlx::Transaction<'static, sqlx::Any>, sqlx::Error> {
    if db.connect_options().database_url.scheme() == "sqlite" {
        db.begin_with("BEGIN IMMEDIATE").await
    } else {
        db.begin().await
    }
}

/// Seconds since the Unix epoch, the time unit of every table.
pub fn now() -> i64 {
    chrono::Utc::now().timestamp()
}

/// A row id that orders by creation time (for lists shown newest first): milliseconds since
/// the epoch × 1000 plus a random part, strictly increasing within this process. Below 2^53
/// until the year 2255, so JSON clients keep it exact.
pub fn ordered_id() -> i64 {
    use rand::Rng;
    use std::sync::atomic::{AtomicI64, Ordering};
    static LAST: AtomicI64 = AtomicI64::new(0);
    let candidate =
        chrono::Utc::now().timestamp_millis() * 1000 + rand::thread_rng().gen_range(0..1000);
    let prev = LAST
        .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |last| {
            Some(candidate.max(last + 1))
        })
        .unwrap_or(0);
    candidate.max(prev + 1)
}

/// A new random row id, positive and below 2^53 so JSON clients keep it exact.
pub fn new_id() -> i64 {
    use rand::Rng;
    rand::thread_rng().gen_range(1..(1_i64 << 53))
}

#[cfg(test)]
mod tests {
    #[test]
    fn finds_the_sqlite_file() {
        assert_eq!(
            super::sqlite_file("sqlite://target/portal.db?mode=rwc"),
            Some("target/portal.db")
        );
        assert_eq!(super::sqlite_file("sqlite::memory:"), None);
    }
}
