-- A portal login is linked to exactly one WHMCS client, and a WHMCS client to at most one
-- portal login: the unique index makes "already linked" hold even for two simultaneous
-- link attempts. The Salesforce account is known later (sign-up), so it may be empty.
CREATE UNIQUE INDEX customers_whmcs_client_key ON customers (whmcs_client_id);
ALTER TABLE customers ADD COLUMN salesforce_account_id TEXT;
