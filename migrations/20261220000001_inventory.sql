-- The operator console (issue 11, seed 003): staff logins, the SIM inventory and its history.
-- Portable SQL (SQLite and PostgreSQL); ids from the application, times in Unix seconds.

-- Staff are a second kind of login: their own table and sessions, so a customer session
-- can never open the console (and a staff session is no customer).
CREATE TABLE staff_users (
    id BIGINT PRIMARY KEY,
    email TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    role TEXT NOT NULL,
    -- 1 for the demo staff seeded on the embedded default: never usable in live mode.
    is_demo BIGINT NOT NULL DEFAULT 0,
    disabled_at BIGINT,
    created_at BIGINT NOT NULL,
    CONSTRAINT staff_users_email_key UNIQUE (email)
);

CREATE TABLE staff_sessions (
    token_hash TEXT PRIMARY KEY,
    staff_id BIGINT NOT NULL REFERENCES staff_users (id),
    created_at BIGINT NOT NULL,
    last_seen_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    revoked_at BIGINT
);
CREATE INDEX staff_sessions_staff_idx ON staff_sessions (staff_id);

CREATE TABLE tariff_plans (
    id BIGINT PRIMARY KEY,
    name TEXT NOT NULL,
    monthly_price_yen BIGINT NOT NULL,
    description TEXT NOT NULL,
    kind TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    CONSTRAINT tariff_plans_name_key UNIQUE (name)
);

-- The console's customers (seed 003's Customer), independent of portal logins.
CREATE TABLE inventory_customers (
    id BIGINT PRIMARY KEY,
    first_name TEXT NOT NULL,
    last_name TEXT NOT NULL,
    email TEXT NOT NULL,
    phone TEXT,
    created_at BIGINT NOT NULL
);
CREATE INDEX inventory_customers_last_name_idx ON inventory_customers (last_name, id);
CREATE INDEX inventory_customers_email_idx ON inventory_customers (email);

CREATE TABLE activation_codes (
    id BIGINT PRIMARY KEY,
    code TEXT NOT NULL,
    status TEXT NOT NULL,
    expires_at BIGINT,
    used_at BIGINT,
    sim_id BIGINT,
    created_at BIGINT NOT NULL,
    CONSTRAINT activation_codes_code_key UNIQUE (code)
);
CREATE INDEX activation_codes_status_idx ON activation_codes (status, id);

-- PIN and PUK are stored encrypted (AES-256-GCM, key from OPS_SECRET_KEY); `version` is bumped
-- by every change so two staff members changing one SIM never both win.
CREATE TABLE sim_cards (
    id BIGINT PRIMARY KEY,
    iccid TEXT NOT NULL,
    msisdn TEXT,
    status TEXT NOT NULL,
    card_type TEXT NOT NULL,
    pin_enc TEXT,
    puk_enc TEXT,
    customer_id BIGINT REFERENCES inventory_customers (id),
    tariff_id BIGINT REFERENCES tariff_plans (id),
    activation_code_id BIGINT REFERENCES activation_codes (id),
    version BIGINT NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    CONSTRAINT sim_cards_iccid_key UNIQUE (iccid),
    CONSTRAINT sim_cards_msisdn_key UNIQUE (msisdn)
);
-- One index per filter × order, so a list page is a short index walk at a million SIMs
-- (ids are creation-ordered, so `id` is the "created" order).
CREATE INDEX sim_cards_status_iccid_idx ON sim_cards (status, iccid);
CREATE INDEX sim_cards_status_id_idx ON sim_cards (status, id);
CREATE INDEX sim_cards_type_iccid_idx ON sim_cards (card_type, iccid);
CREATE INDEX sim_cards_customer_idx ON sim_cards (customer_id, iccid);
CREATE INDEX sim_cards_tariff_idx ON sim_cards (tariff_id, iccid);

-- Every change to a SIM, written in the same transaction as the change.
CREATE TABLE sim_events (
    id BIGINT PRIMARY KEY,
    sim_id BIGINT NOT NULL REFERENCES sim_cards (id),
    kind TEXT NOT NULL,
    old_status TEXT,
    new_status TEXT,
    note TEXT,
    before_json TEXT,
    after_json TEXT,
    staff_id BIGINT REFERENCES staff_users (id),
    source TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX sim_events_sim_idx ON sim_events (sim_id, id);
CREATE INDEX sim_events_kind_time_idx ON sim_events (kind, created_at);

-- Counts per status and tariff, kept in the same transaction as every change: the dashboard
-- reads a few rows instead of counting a million.
CREATE TABLE sim_counts (
    status TEXT NOT NULL,
    tariff_id BIGINT NOT NULL,
    count BIGINT NOT NULL,
    PRIMARY KEY (status, tariff_id)
);

-- Activations per JST day (day = (unix + 9 h) / 1 day), kept with every ACTIVATED event: the
-- dashboard's year of activations is at most 366 rows, not a scan of the events.
CREATE TABLE activation_days (
    day BIGINT PRIMARY KEY,
    count BIGINT NOT NULL
);

CREATE TABLE import_logs (
    id BIGINT PRIMARY KEY,
    staff_id BIGINT NOT NULL REFERENCES staff_users (id),
    file_name TEXT,
    rows_total BIGINT NOT NULL,
    rows_created BIGINT NOT NULL,
    rows_duplicate BIGINT NOT NULL,
    rows_invalid BIGINT NOT NULL,
    created_at BIGINT NOT NULL
);
