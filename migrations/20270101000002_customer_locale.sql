-- Issue 15: the language a customer chose ('ja' or 'en'), applied at each login on any
-- device (the `lang` cookie) and used for their emails. NULL: never chosen.
ALTER TABLE customers ADD COLUMN locale TEXT;
