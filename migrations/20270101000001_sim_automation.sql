-- Issue 15: usage alerts, trip roaming and the personal usage feed. Portable SQL (SQLite,
-- PostgreSQL); times in Unix seconds unless the column says milliseconds.
--
-- The background jobs (alert checks, trip steps) take a row under a lease (`lease_token`,
-- `lease_until_ms`, due at `next_attempt_ms`), so with several portal instances on one
-- database each row is worked on by one of them at a time.

-- A threshold a customer set on one of their SIMs: `percent_used` (1–99) or `remaining_mb`.
CREATE TABLE usage_alerts (
    id BIGINT PRIMARY KEY,
    customer_id BIGINT NOT NULL REFERENCES customers (id),
    subscription_id BIGINT NOT NULL,
    kind TEXT NOT NULL,
    value BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    next_attempt_ms BIGINT,
    lease_token TEXT,
    lease_until_ms BIGINT
);
CREATE UNIQUE INDEX usage_alerts_threshold ON usage_alerts (subscription_id, kind, value);
CREATE INDEX usage_alerts_due_idx ON usage_alerts (next_attempt_ms);

-- One row per alert sent: the primary key is what makes it once per threshold (a SIM's kind
-- and value) per billing cycle (`cycle` = the JST month, '2026-12'), whichever instance checks
-- first, and however often the customer removes and sets the same threshold again.
CREATE TABLE usage_alert_sends (
    subscription_id BIGINT NOT NULL,
    kind TEXT NOT NULL,
    value BIGINT NOT NULL,
    cycle TEXT NOT NULL,
    alert_id BIGINT NOT NULL,
    sent_at BIGINT NOT NULL,
    used_mb BIGINT NOT NULL,
    remaining_mb BIGINT NOT NULL,
    PRIMARY KEY (subscription_id, kind, value, cycle)
);

-- Trip roaming: international roaming on from 00:00 JST of `first_day` to 24:00 JST of
-- `last_day`. state: scheduled | underway | over | cancelled | failed. `roaming_was_on` is set
-- when the trip found roaming already on at its start, so its end leaves it on.
CREATE TABLE trips (
    id BIGINT PRIMARY KEY,
    customer_id BIGINT NOT NULL REFERENCES customers (id),
    subscription_id BIGINT NOT NULL,
    first_day TEXT NOT NULL,
    last_day TEXT NOT NULL,
    label TEXT NOT NULL,
    state TEXT NOT NULL,
    roaming_was_on BIGINT NOT NULL DEFAULT 0,
    -- Carrier attempts for the current step; a step refused this many times fails the trip.
    attempts BIGINT NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    next_attempt_ms BIGINT,
    lease_token TEXT,
    lease_until_ms BIGINT
);
CREATE INDEX trips_subscription_idx ON trips (subscription_id, first_day);
CREATE INDEX trips_due_idx ON trips (next_attempt_ms);

-- Personal usage feed tokens: read-only, usage only. The table keeps the SHA-256 of the
-- token, never the token (it is shown once, when created).
CREATE TABLE feed_tokens (
    id BIGINT PRIMARY KEY,
    customer_id BIGINT NOT NULL REFERENCES customers (id),
    token_hash TEXT NOT NULL UNIQUE,
    label TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    last_used_at BIGINT,
    revoked_at BIGINT
);
CREATE INDEX feed_tokens_customer_idx ON feed_tokens (customer_id);
