-- The transactional outbox (mail now; webhooks and in-app messages later): a row is written in
-- the same transaction as the change that causes it and stays until it is delivered. And the
-- one-time links for a staff password reset, which the first outbox mails carry.
CREATE TABLE outbox (
  id TEXT PRIMARY KEY,                 -- UUID
  kind TEXT NOT NULL,                  -- mail
  payload TEXT NOT NULL,               -- JSON, by kind; mail: {"to","subject","text"}; {} once sent
  created_at BIGINT NOT NULL,          -- milliseconds since the epoch
  attempts INTEGER NOT NULL,           -- delivery attempts so far
  next_attempt_at BIGINT NOT NULL,     -- milliseconds; while an attempt runs, its lease end
  sent_at BIGINT,                      -- null until delivered
  last_error TEXT                      -- why the last attempt failed; never personal data
);
CREATE INDEX outbox_due ON outbox (next_attempt_at) WHERE sent_at IS NULL;

CREATE TABLE staff_password_resets (
  token_hash TEXT PRIMARY KEY,         -- hex SHA-256 of the 256-bit token in the link
  account_id TEXT NOT NULL REFERENCES staff_accounts (id),
  created_at BIGINT NOT NULL,          -- seconds since the epoch
  expires_at BIGINT NOT NULL,
  used_at BIGINT                       -- null until used; a link works once
);
CREATE INDEX staff_password_resets_account ON staff_password_resets (account_id);
