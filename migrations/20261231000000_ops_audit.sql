-- The operator console's audit of records other than SIMs (SIMs have sim_events): customers,
-- tariff plans, activation codes and staff logins. Every change staff make is written in the
-- same transaction as the change, with the changed fields' values before and after (JSON).
CREATE TABLE ops_audit (
    id BIGINT PRIMARY KEY,
    staff_id BIGINT,
    staff_email TEXT NOT NULL,
    -- customer | tariff_plan | activation_code | staff_user
    entity TEXT NOT NULL,
    entity_id BIGINT NOT NULL,
    -- created | updated | deleted | marked_used | marked_expired | …
    action TEXT NOT NULL,
    before_json TEXT,
    after_json TEXT,
    -- 'console' or 'api'
    source TEXT NOT NULL,
    at BIGINT NOT NULL
);
CREATE INDEX ops_audit_entity_idx ON ops_audit (entity, entity_id, at);
