-- The audit trail records, beside what the timeline shows: the request that caused the row
-- (its id is in the response's X-Request-Id and in the logs), a summary of the input sent
-- upstream, and the upstream's own result code when it refused or failed.
ALTER TABLE audit_events ADD COLUMN request_id TEXT;
ALTER TABLE audit_events ADD COLUMN input TEXT;
ALTER TABLE audit_events ADD COLUMN upstream_code TEXT;
