-- Password reset links: only the SHA-256 of the emailed token is kept; a token works once,
-- for 30 minutes.
CREATE TABLE password_resets (
    token_hash TEXT PRIMARY KEY,
    customer_id BIGINT NOT NULL REFERENCES customers (id),
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    used_at BIGINT
);
CREATE INDEX password_resets_customer_idx ON password_resets (customer_id);

-- Emails waiting to be sent (and sent ones, for a while). Written in the same step as the
-- change that causes them; a sender delivers them.
CREATE TABLE outbox_emails (
    id BIGINT PRIMARY KEY,
    to_address TEXT NOT NULL,
    subject TEXT NOT NULL,
    body TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    sent_at BIGINT
);
