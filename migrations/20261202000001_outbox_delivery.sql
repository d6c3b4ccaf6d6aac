-- Delivering the email outbox over SMTP, from any number of instances: a row is sent under a
-- lease (taken with a conditional UPDATE, so one instance sends it at a time), retried with
-- backoff on temporary failures, given up on permanent ones or once it is no longer worth
-- sending (a reset link that has expired).
ALTER TABLE outbox_emails ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;
-- When to try next (ms since the epoch); NULL once sent or given up.
ALTER TABLE outbox_emails ADD COLUMN next_attempt_ms BIGINT;
ALTER TABLE outbox_emails ADD COLUMN lease_token TEXT;
ALTER TABLE outbox_emails ADD COLUMN lease_until_ms BIGINT;
-- Seconds since the epoch after which the email is dropped unsent (NULL: never).
ALTER TABLE outbox_emails ADD COLUMN discard_after BIGINT;
ALTER TABLE outbox_emails ADD COLUMN failed_at BIGINT;
ALTER TABLE outbox_emails ADD COLUMN last_error TEXT;
-- Every email written so far is a 30-minute reset link.
UPDATE outbox_emails SET next_attempt_ms = created_at * 1000, discard_after = created_at + 1800
    WHERE sent_at IS NULL;
CREATE INDEX outbox_emails_due_idx ON outbox_emails (next_attempt_ms);
