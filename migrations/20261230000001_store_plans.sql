-- The travel eSIM store (issue 12, seed 002): the eSIM Go catalogue as last synced.
-- Portable SQL (SQLite and PostgreSQL); times in Unix seconds.

-- One row per eSIM Go bundle (seed 001_create_data_plans). A bundle the catalogue stops
-- listing is kept with active = 0: orders keep pointing at it, nobody can buy it.
CREATE TABLE store_plans (
    name TEXT PRIMARY KEY,
    description TEXT NOT NULL,
    -- MB (1000 to the GB, eSIM Go's unit); NULL for an unlimited plan.
    data_mb BIGINT,
    days BIGINT NOT NULL,
    -- Network generations, comma-separated ("3G,4G,5G").
    speeds TEXT NOT NULL,
    -- What eSIM Go charges the organisation, in US cents.
    cost_cents BIGINT NOT NULL,
    -- The region when every covered country lies in one, else NULL.
    region TEXT,
    country_count BIGINT NOT NULL,
    -- Curated by an admin; shown first on /store.
    featured BIGINT NOT NULL DEFAULT 0,
    active BIGINT NOT NULL DEFAULT 1,
    synced_at BIGINT NOT NULL
);
CREATE INDEX store_plans_active_cost_idx ON store_plans (active, cost_cents);

CREATE TABLE store_plan_countries (
    plan_name TEXT NOT NULL REFERENCES store_plans (name),
    iso TEXT NOT NULL,
    country TEXT NOT NULL,
    region TEXT NOT NULL,
    PRIMARY KEY (plan_name, iso)
);
CREATE INDEX store_plan_countries_iso_idx ON store_plan_countries (iso, plan_name);
CREATE INDEX store_plan_countries_region_idx ON store_plan_countries (region, plan_name);

-- The catalogue sync's schedule and lease: one instance syncs at a time, hourly.
CREATE TABLE store_sync (
    id BIGINT PRIMARY KEY,
    last_synced_at BIGINT,
    lease_until BIGINT NOT NULL DEFAULT 0,
    last_error TEXT
);
INSERT INTO store_sync (id, last_synced_at, lease_until) VALUES (1, NULL, 0);
