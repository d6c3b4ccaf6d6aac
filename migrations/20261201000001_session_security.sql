-- Sessions get an idle expiry (last_seen_at), a public id for the account page's session
-- list (the token hash is never shown), and what the customer needs to recognise a device.
-- Sessions from before this change had none of that: they end here (one new login each).
DELETE FROM sessions;
ALTER TABLE sessions ADD COLUMN id BIGINT NOT NULL DEFAULT 0;
ALTER TABLE sessions ADD COLUMN last_seen_at BIGINT NOT NULL DEFAULT 0;
ALTER TABLE sessions ADD COLUMN user_agent TEXT;
ALTER TABLE sessions ADD COLUMN ip TEXT;
CREATE UNIQUE INDEX sessions_id_key ON sessions (id);
CREATE INDEX sessions_expires_idx ON sessions (expires_at);
