-- The travel eSIM store's purchases (issue 12, seed 002): orders, the eSIMs they made, the
-- bundles on them and every eSIM Go callback received. Portable SQL (SQLite, PostgreSQL);
-- times in Unix seconds unless the column says milliseconds.
--
-- An order is a persisted saga like a top-up: every state is written before the external
-- call it leads to (`invoicing` before CreateInvoice, `capturing` before CapturePayment,
-- `ordering` with `esimgo_attempt_ms` before eSIM Go's transaction, `refunding` before
-- AddCredit), so after a crash the row says which call may have happened and the worker looks
-- upstream before doing anything again. One worker at a time holds a row (lease columns).
CREATE TABLE store_orders (
    id BIGINT PRIMARY KEY,
    customer_id BIGINT NOT NULL REFERENCES customers (id),
    whmcs_client_id BIGINT NOT NULL,
    -- The client's key (one per buy form) and a digest of what was asked, so a key reused for
    -- a different purchase is refused.
    idempotency_key TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    -- 'esim' (new eSIMs) or 'top_up' (a bundle onto `iccid`).
    kind TEXT NOT NULL,
    plan_name TEXT NOT NULL REFERENCES store_plans (name),
    plan_description TEXT NOT NULL,
    quantity BIGINT NOT NULL,
    unit_price_jpy BIGINT NOT NULL,
    amount_jpy BIGINT NOT NULL,
    -- What eSIM Go charges the organisation for the whole order (US cents).
    cost_cents BIGINT NOT NULL,
    iccid TEXT,
    -- requested | invoicing | invoiced | capturing | paid | ordering | ordered | completed
    -- | payment_failed | refunding | refunded | failed
    state TEXT NOT NULL,
    invoice_id BIGINT,
    -- eSIM Go's order reference once known; one store order per eSIM Go order.
    esimgo_reference TEXT,
    -- When the last transaction was sent (ms): a lost answer is looked for in the orders
    -- created since, before anything is sent again.
    esimgo_attempt_ms BIGINT,
    attempts BIGINT NOT NULL DEFAULT 0,
    -- The last upstream answer or error, for staff.
    last_error TEXT,
    -- Why the order ended without eSIMs, in words for the customer.
    failure TEXT,
    next_attempt_ms BIGINT,
    lease_token TEXT,
    lease_until_ms BIGINT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX store_orders_idempotency ON store_orders (customer_id, idempotency_key);
CREATE UNIQUE INDEX store_orders_esimgo_ref ON store_orders (esimgo_reference);
CREATE INDEX store_orders_due_idx ON store_orders (next_attempt_ms);
CREATE INDEX store_orders_customer_idx ON store_orders (customer_id, id);

-- One row per eSIM bought (seed 003_create_esims).
CREATE TABLE store_esims (
    iccid TEXT PRIMARY KEY,
    customer_id BIGINT NOT NULL REFERENCES customers (id),
    order_id BIGINT NOT NULL REFERENCES store_orders (id),
    smdp_host TEXT NOT NULL,
    matching_id TEXT NOT NULL,
    -- not_installed | downloaded | installed | unavailable | deactivated (from callbacks)
    profile_status TEXT NOT NULL,
    -- active | suspended | deactivated
    state TEXT NOT NULL,
    installed_at BIGINT,
    first_attached_at BIGINT,
    -- The last callback's country (ISO), if any.
    last_country TEXT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX store_esims_customer_idx ON store_esims (customer_id, created_at);
CREATE INDEX store_esims_order_idx ON store_esims (order_id);

-- One row per bundle on an eSIM (seed 004_create_bundles), as last read or called back.
CREATE TABLE store_bundles (
    id TEXT PRIMARY KEY,
    iccid TEXT NOT NULL REFERENCES store_esims (iccid),
    plan_name TEXT NOT NULL,
    -- processing | queued | active | depleted | expired | revoked | lapsed
    state TEXT NOT NULL,
    initial_bytes BIGINT NOT NULL,
    remaining_bytes BIGINT NOT NULL,
    unlimited BIGINT NOT NULL DEFAULT 0,
    starts_at BIGINT,
    ends_at BIGINT,
    -- Alerts already written for this bundle, comma-separated ("75,90,expiry").
    alerts_sent TEXT NOT NULL DEFAULT '',
    updated_at BIGINT NOT NULL
);
CREATE INDEX store_bundles_iccid_idx ON store_bundles (iccid);

-- Every callback eSIM Go delivered with a valid signature, once (a redelivery of the same
-- body is recognised by its digest and changes nothing).
CREATE TABLE esimgo_callbacks (
    id BIGINT PRIMARY KEY,
    body_sha256 TEXT NOT NULL,
    kind TEXT NOT NULL,
    iccid TEXT,
    body TEXT NOT NULL,
    received_at BIGINT NOT NULL,
    -- NULL when the event is unknown to the portal (logged and acknowledged).
    processed_at BIGINT
);
CREATE UNIQUE INDEX esimgo_callbacks_digest ON esimgo_callbacks (body_sha256);
CREATE INDEX esimgo_callbacks_iccid_idx ON esimgo_callbacks (iccid, received_at);
