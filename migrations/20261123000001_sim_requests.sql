-- The SIM page's carrier requests and the customer timeline. Portable SQL (SQLite, PostgreSQL).

-- Who did it and how it ended, for the timeline ("who, what, when, result").
ALTER TABLE audit_events ADD COLUMN actor TEXT;
ALTER TABLE audit_events ADD COLUMN outcome TEXT;
CREATE INDEX audit_events_subscription_idx ON audit_events (customer_id, subscription_id, created_at);

-- One row per change a customer asked the carrier for (plan change, options, 4G/5G, cancel,
-- eSIM reissue). Written before the carrier is called, so a crash mid-call leaves a trace;
-- the SIM page settles open rows against what the carrier reports (done when the line shows
-- the requested state).
CREATE TABLE sim_requests (
    id BIGINT PRIMARY KEY,
    customer_id BIGINT NOT NULL REFERENCES customers (id),
    subscription_id BIGINT NOT NULL,
    -- change_plan | features | network_type | cancel | reissue_esim
    kind TEXT NOT NULL,
    -- The requested values, JSON.
    payload TEXT NOT NULL,
    -- submitting (before the carrier answered) | accepted | done | failed | withdrawn | expired
    status TEXT NOT NULL,
    -- YYYY-MM-DD when the carrier applies it (plan change, cancellation).
    effective_on TEXT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX sim_requests_open_idx ON sim_requests (subscription_id, status);
-- One open request per kind and line: a second tab or a retried call cannot send it twice.
CREATE UNIQUE INDEX sim_requests_one_open ON sim_requests (subscription_id, kind)
    WHERE status IN ('submitting', 'accepted');
CREATE INDEX audit_events_timeline_idx ON audit_events (subscription_id, id);
