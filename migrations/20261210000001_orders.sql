-- Orders from the catalog (seed 004 phases 3–4). Salesforce holds the order; this row is the
-- portal's side of it: the checkout's idempotency key, the snapshot the customer confirmed,
-- and the fulfilment saga (approved → payment checked → SIM activated → billing created →
-- billing accepted → completed), with each step's result written before the next external
-- call, a lease so one instance works a row at a time, and attempts with back-off.
CREATE TABLE orders (
    id TEXT PRIMARY KEY,
    customer_id BIGINT NOT NULL,
    salesforce_account_id TEXT NOT NULL,
    -- sha256(customer, cart): one open order per identical checkout. Cleared when the order
    -- ends, so the same cart may be ordered again later (NULLs never clash).
    cart_key TEXT,
    sf_order_id TEXT,
    sf_order_number TEXT,
    -- creating | submitted | approved | payment_checked | sim_activated | billing_created |
    -- billing_accepted | completed
    state TEXT NOT NULL,
    -- JSON: the quote the customer confirmed (lines with prices and options, totals).
    quote TEXT NOT NULL,
    -- The address snapshot, as text.
    address TEXT NOT NULL,
    -- eSIM orders: the number reserved for the line, the device, the carrier plan.
    msisdn TEXT,
    iccid TEXT,
    whmcs_order_id BIGINT,
    whmcs_service_id BIGINT,
    -- Why fulfilment waits for the customer (e.g. no payment method); NULL when it does not.
    paused_reason TEXT,
    -- Why the order could not be completed; NULL unless it failed.
    failed_reason TEXT,
    attempts BIGINT NOT NULL DEFAULT 0,
    next_attempt_ms BIGINT,
    lease_token TEXT,
    lease_until_ms BIGINT,
    last_error TEXT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX orders_cart_key ON orders (cart_key);
CREATE UNIQUE INDEX orders_sf_order ON orders (sf_order_id);
CREATE INDEX orders_customer_idx ON orders (customer_id, created_at);
CREATE INDEX orders_due_idx ON orders (state, next_attempt_ms);

-- Platform events already handled (IdemKey__c): a replayed event changes nothing.
CREATE TABLE order_events_seen (
    idem_key TEXT PRIMARY KEY,
    sf_order_id TEXT NOT NULL,
    replay_id BIGINT NOT NULL,
    received_at BIGINT NOT NULL
);

-- Where the event subscription resumes (the last replay id durably handled), per channel.
CREATE TABLE event_cursors (
    channel TEXT PRIMARY KEY,
    replay_id BIGINT NOT NULL
);

-- The reseller's block of mobile numbers for new eSIM lines: a number is taken by one order
-- (in the same transaction that records it on the order) and never handed out twice.
CREATE TABLE line_numbers (
    msisdn TEXT PRIMARY KEY,
    order_id TEXT UNIQUE,
    taken_at BIGINT
);
