-- The phone number each of a customer's SIM services had when ownership was last checked. On
-- a cold cache the carrier's answer for that number is requested while WHMCS is still
-- confirming ownership (and used only if WHMCS confirms this very number), so a cold SIM page
-- costs about one upstream round trip instead of two.
CREATE TABLE known_lines (
    customer_id BIGINT NOT NULL REFERENCES customers (id),
    subscription_id BIGINT NOT NULL,
    msisdn TEXT NOT NULL,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (customer_id, subscription_id)
);
