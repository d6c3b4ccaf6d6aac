-- Top-ups: one row per top-up ordered in the portal, a persisted saga. Portable SQL (SQLite,
-- PostgreSQL).
--
-- Every state is written before the external call it leads to (`invoicing` before
-- CreateInvoice, `capturing` before CapturePayment, `applying` before addSpec/eachQuota,
-- `crediting` before AddCredit), so after a crash the row says which call may have happened
-- and the reconciler checks that upstream before doing anything again. A row is worked on only
-- under a lease (`lease_token`, `lease_until_ms`), taken with a conditional UPDATE, so with
-- several portal instances on one database each top-up is driven by exactly one of them.
CREATE TABLE top_ups (
    id BIGINT PRIMARY KEY,
    customer_id BIGINT NOT NULL REFERENCES customers (id),
    whmcs_client_id BIGINT NOT NULL,
    subscription_id BIGINT NOT NULL,
    msisdn TEXT NOT NULL,
    -- The client's key (one per modal opening, or the Idempotency-Key header) and a digest
    -- of the order, so a reused key with a different order is refused.
    idempotency_key TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    quota_mb BIGINT NOT NULL,
    amount_jpy BIGINT NOT NULL,
    campaign_code TEXT,
    expire_on TEXT,
    run_on TEXT,
    -- Sent to the carrier with the quota and echoed by its quota history: how the portal
    -- finds out whether an addition whose answer was lost happened.
    quota_code TEXT NOT NULL,
    -- requested | invoicing | invoiced | capturing | paid | applying | scheduled | applied
    -- | payment_failed | crediting | credited | failed
    state TEXT NOT NULL,
    -- Why a payment failed: declined | no_pay_method | not_charged | unconfirmed.
    payment_problem TEXT,
    invoice_id BIGINT,
    -- Carrier attempts (addSpec/eachQuota) so far.
    attempts BIGINT NOT NULL DEFAULT 0,
    -- The last upstream answer or error, for staff (never shown to customers).
    last_result TEXT,
    -- When the reconciler should next look at this row; NULL once nothing is left to do.
    next_attempt_ms BIGINT,
    lease_token TEXT,
    lease_until_ms BIGINT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX top_ups_idempotency ON top_ups (customer_id, idempotency_key);
CREATE INDEX top_ups_due_idx ON top_ups (next_attempt_ms);
CREATE INDEX top_ups_subscription_idx ON top_ups (subscription_id, id);
