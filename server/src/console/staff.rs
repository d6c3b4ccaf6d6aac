//! Staff logins and console sessions: a table of their own (`staff_users`, `staff_sessions`),
//! the same password hashing, throttling and token rules as customers' logins.

use crate::portal::limits::{LimitConfig, LoginThrottle};
use crate::portal::passwords::{hash_password, PasswordWorkers};
use crate::portal::store_error;
use crate::store::sessions::hash_token;
use crate::store::{new_id, now, Db};
use app::console::port::StaffSession;
use app::domain::console::{Role, Staff, StaffUser};
use app::domain::PortalError;
use app::ports::Client;
use app::t;
use sqlx::Row;

/// The demo staff (embedded default only), one per role.
pub const DEMO_STAFF: [(&str, Role); 3] = [
    ("admin@example.com", Role::Admin),
    ("support@example.com", Role::Support),
    ("viewer@example.com", Role::Viewer),
];

/// Console sessions: a working day at most, and ended after 30 idle minutes.
pub const ABSOLUTE_SECS: i64 = 12 * 3600;
pub const IDLE_SECS: i64 = 30 * 60;
const TOUCH_EVERY_SECS: i64 = 60;

pub struct StaffAuth {
    db: Db,
    demo_enabled: bool,
    dummy_hash: String,
    throttle: LoginThrottle,
    passwords: PasswordWorkers,
}

impl StaffAuth {
    pub fn new(db: Db, demo_enabled: bool, limits: LimitConfig) -> Result<Self, PortalError> {
        Ok(StaffAuth {
            db,
            demo_enabled,
            dummy_hash: hash_password("not-a-real-password")?,
            passwords: PasswordWorkers::new(1, limits.hash_queue_wait),
            throttle: LoginThrottle::new(limits),
        })
    }

    pub async fn login(
        &self,
        email: &str,
        password: &str,
        client: &Client,
    ) -> Result<StaffSession, PortalError> {
        let email = email.trim().to_ascii_lowercase();
        if email.is_empty() || password.is_empty() || email.len() > 254 || password.len() > 1024 {
            return Err(PortalError::InvalidCredentials);
        }
        self.throttle.check(client.ip, &email)?;
        let row = sqlx::query(
            "SELECT id, email, password_hash, role FROM staff_users WHERE email = $1 \
             AND disabled_at IS NULL AND (is_demo = 0 OR $2 = 1)",
        )
        .bind(&email)
        .bind(i64::from(self.demo_enabled))
        .fetch_optional(&self.db)
        .await
        .map_err(|e| store_error(e.into()))?;
        let hash: Option<String> = row.as_ref().and_then(|r| r.try_get("password_hash").ok());
        let ok = self
            .passwords
            .verify(password, hash.as_deref().unwrap_or(&self.dummy_hash))
            .await?;
        let (Some(row), true) = (row, ok) else {
            self.throttle.failed(client.ip, &email);
            tracing::info!(ip = ?client.ip, "failed staff login");
            return Err(PortalError::InvalidCredentials);
        };
        self.throttle.succeeded(&email);
        let staff = staff_from(&row)?;
        let token = crate::portal::accounts::new_token();
        let now = now();
        sqlx::query(
            "INSERT INTO staff_sessions (token_hash, staff_id, created_at, last_seen_at, expires_at) \
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(hash_token(&token))
        .bind(staff.id)
        .bind(now)
        .bind(now)
        .bind(now + ABSOLUTE_SECS)
        .execute(&self.db)
        .await
        .map_err(|e| store_error(e.into()))?;
        tracing::info!(staff = staff.id, role = staff.role.as_str(), "staff login");
        Ok(StaffSession {
            token,
            staff,
            max_age_secs: ABSOLUTE_SECS,
        })
    }

    pub async fn staff_for_session(&self, token: &str) -> Result<Option<Staff>, PortalError> {
        if token.is_empty() || token.len() > 200 {
            return Ok(None);
        }
        let now = now();
        let hash = hash_token(token);
        let row = sqlx::query(
            "SELECT u.id, u.email, u.role, s.last_seen_at FROM staff_sessions s \
             JOIN staff_users u ON u.id = s.staff_id WHERE s.token_hash = $1 \
             AND s.revoked_at IS NULL AND s.expires_at > $2 AND s.last_seen_at > $3 \
             AND u.disabled_at IS NULL AND (u.is_demo = 0 OR $4 = 1)",
        )
        .bind(&hash)
        .bind(now)
        .bind(now - IDLE_SECS)
        .bind(i64::from(self.demo_enabled))
        .fetch_optional(&self.db)
        .await
        .map_err(|e| store_error(e.into()))?;
        let Some(row) = row else { return Ok(None) };
        let last: i64 = row.try_get("last_seen_at").unwrap_or(now);
        if now - last >= TOUCH_EVERY_SECS {
            sqlx::query("UPDATE staff_sessions SET last_seen_at = $1 WHERE token_hash = $2")
                .bind(now)
                .bind(&hash)
                .execute(&self.db)
                .await
                .map_err(|e| store_error(e.into()))?;
        }
        staff_from(&row).map(Some)
    }

    pub async fn logout(&self, token: &str) -> Result<(), PortalError> {
        sqlx::query(
            "UPDATE staff_sessions SET revoked_at = $1 WHERE token_hash = $2 AND revoked_at IS NULL",
        )
        .bind(now())
        .bind(hash_token(token))
        .execute(&self.db)
        .await
        .map_err(|e| store_error(e.into()))?;
        Ok(())
    }
}

fn staff_from(row: &sqlx::any::AnyRow) -> Result<Staff, PortalError> {
    let role: String = row.try_get("role").map_err(|e| store_error(e.into()))?;
    Ok(Staff {
        id: row.try_get("id").map_err(|e| store_error(e.into()))?,
        email: row.try_get("email").map_err(|e| store_error(e.into()))?,
        role: Role::parse(&role).ok_or_else(|| {
            tracing::error!(role, "staff user with an unknown role");
            PortalError::Internal
        })?,
    })
}

impl StaffAuth {
    pub async fn hash(&self, password: &str) -> Result<String, PortalError> {
        self.passwords.hash(password).await
    }
}

fn user_from(row: &sqlx::any::AnyRow) -> Result<StaffUser, PortalError> {
    let role: String = row.try_get("role").map_err(|e| store_error(e.into()))?;
    let disabled: Option<i64> = row
        .try_get("disabled_at")
        .map_err(|e| store_error(e.into()))?;
    Ok(StaffUser {
        id: row.try_get("id").map_err(|e| store_error(e.into()))?,
        email: row.try_get("email").map_err(|e| store_error(e.into()))?,
        role: Role::parse(&role).ok_or(PortalError::Internal)?,
        disabled: disabled.is_some(),
        created_at: row
            .try_get("created_at")
            .map_err(|e| store_error(e.into()))?,
    })
}

const USER_SELECT: &str = "SELECT id, email, role, disabled_at, created_at FROM staff_users";

/// Every staff login, demo ones only while they work.
pub async fn list(db: &Db, with_demo: bool) -> Result<Vec<StaffUser>, PortalError> {
    let rows = sqlx::query(&format!(
        "{USER_SELECT} WHERE is_demo = 0 OR $1 = 1 ORDER BY email"
    ))
    .bind(i64::from(with_demo))
    .fetch_all(db)
    .await
    .map_err(|e| store_error(e.into()))?;
    rows.iter().map(user_from).collect()
}

pub async fn add(db: &Db, email: &str, hash: &str, role: Role) -> Result<StaffUser, PortalError> {
    let id = new_id();
    let done = sqlx::query(
        "INSERT INTO staff_users (id, email, password_hash, role, is_demo, created_at) \
         VALUES ($1, $2, $3, $4, 0, $5)",
    )
    .bind(id)
    .bind(email)
    .bind(hash)
    .bind(role.as_str())
    .bind(now())
    .execute(db)
    .await;
    match done {
        Err(sqlx::Error::Database(d)) if d.is_unique_violation() => {
            return Err(PortalError::taken("email", t!("console-staff-email-taken")))
        }
        Err(e) => return Err(store_error(e.into())),
        Ok(_) => {}
    }
    one(db, id).await
}

async fn one(db: &Db, id: i64) -> Result<StaffUser, PortalError> {
    let row = sqlx::query(&format!("{USER_SELECT} WHERE id = $1"))
        .bind(id)
        .fetch_optional(db)
        .await
        .map_err(|e| store_error(e.into()))?
        .ok_or_else(|| PortalError::NoSuch(t!("console-no-staff-with-id", id = id.to_string())))?;
    user_from(&row)
}

/// Sets role and disabled; disabling ends every session of the staff member at once.
pub async fn update(
    db: &Db,
    id: i64,
    role: Role,
    disabled: bool,
) -> Result<StaffUser, PortalError> {
    let now = now();
    let done = sqlx::query(
        "UPDATE staff_users SET role = $1, disabled_at = CASE WHEN $2 = 1 THEN COALESCE(disabled_at, $3) ELSE NULL END \
         WHERE id = $4",
    )
    .bind(role.as_str())
    .bind(i64::from(disabled))
    .bind(now)
    .bind(id)
    .execute(db)
    .await
    .map_err(|e| store_error(e.into()))?;
    if done.rows_affected() == 0 {
        return Err(PortalError::NoSuch(t!(
            "console-no-staff-with-id",
            id = id.to_string()
        )));
    }
    if disabled {
        sqlx::query(
            "UPDATE staff_sessions SET revoked_at = $1 WHERE staff_id = $2 AND revoked_at IS NULL",
        )
        .bind(now)
        .bind(id)
        .execute(db)
        .await
        .map_err(|e| store_error(e.into()))?;
    }
    one(db, id).await
}

/// Adds a staff user (or, for an existing email, sets password and role).
pub async fn upsert(
    db: &Db,
    email: &str,
    password_hash: &str,
    role: Role,
    is_demo: bool,
) -> Result<i64, PortalError> {
    let email = email.trim().to_ascii_lowercase();
    let existing = sqlx::query("SELECT id FROM staff_users WHERE email = $1")
        .bind(&email)
        .fetch_optional(db)
        .await
        .map_err(|e| store_error(e.into()))?;
    if let Some(row) = existing {
        let id: i64 = row.try_get("id").map_err(|e| store_error(e.into()))?;
        sqlx::query(
            "UPDATE staff_users SET password_hash = $1, role = $2, is_demo = $3 WHERE id = $4",
        )
        .bind(password_hash)
        .bind(role.as_str())
        .bind(i64::from(is_demo))
        .bind(id)
        .execute(db)
        .await
        .map_err(|e| store_error(e.into()))?;
        return Ok(id);
    }
    let id = new_id();
    sqlx::query(
        "INSERT INTO staff_users (id, email, password_hash, role, is_demo, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(id)
    .bind(&email)
    .bind(password_hash)
    .bind(role.as_str())
    .bind(i64::from(is_demo))
    .bind(now())
    .execute(db)
    .await
    .map_err(|e| store_error(e.into()))?;
    Ok(id)
}

/// The demo staff, all with the demo password.
pub async fn seed_demo_staff(db: &Db) -> Result<(), PortalError> {
    let hash = hash_password(crate::simulator::demo::DEMO_PASSWORD)?;
    for (email, role) in DEMO_STAFF {
        upsert(db, email, &hash, role, true).await?;
    }
    Ok(())
}
