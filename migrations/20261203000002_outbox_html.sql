-- Emails go out as plain text and HTML (multipart/alternative); older rows have text only.
ALTER TABLE outbox_emails ADD COLUMN html_body TEXT;
