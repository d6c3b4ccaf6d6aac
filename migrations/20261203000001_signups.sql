-- Sign-ups (seed 004): a newcomer's way from a Salesforce customer number to a portal login,
-- one row per attempt, moved step by step (verified → billing client created → portal login
-- created → Salesforce updated → done) with the state written before each external call, so
-- a crash or an outage halfway is finished by the retry job instead of leaving a half-linked
-- customer. Rows are leased (one instance works on a row at a time).
CREATE TABLE signups (
    id BIGINT PRIMARY KEY,
    customer_number TEXT NOT NULL,
    salesforce_account_id TEXT NOT NULL,
    email TEXT NOT NULL,
    -- The email on the Salesforce contact, when it differs (a Case is opened for staff).
    salesforce_email TEXT,
    password_hash TEXT NOT NULL,
    -- JSON: names, phone, address (what WHMCS AddClient takes).
    contact TEXT NOT NULL,
    -- started | client_created | login_created | done | failed
    state TEXT NOT NULL,
    whmcs_client_id BIGINT,
    customer_id BIGINT,
    case_id TEXT,
    attempts BIGINT NOT NULL DEFAULT 0,
    next_attempt_ms BIGINT,
    lease_token TEXT,
    lease_until_ms BIGINT,
    last_error TEXT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
-- One live sign-up per Salesforce account: two people racing with one customer number, or a
-- retry while the first attempt is still running, cannot both create billing clients.
CREATE UNIQUE INDEX signups_live_account_key ON signups (salesforce_account_id)
    WHERE state <> 'failed';
CREATE INDEX signups_due_idx ON signups (next_attempt_ms);
-- One portal login per Salesforce account (several logins without one are fine: NULLs differ).
CREATE UNIQUE INDEX customers_salesforce_account_key ON customers (salesforce_account_id);
