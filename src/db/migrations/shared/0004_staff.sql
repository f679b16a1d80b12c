-- Staff, contractors and administrators: local accounts with an Argon2id password and a TOTP
-- second factor, roles per organisation, and the failed logins that drive the lockout.
CREATE TABLE staff_accounts (
  id TEXT PRIMARY KEY,                 -- UUID
  email TEXT NOT NULL UNIQUE,          -- lower case
  display_name TEXT NOT NULL,
  password_hash TEXT NOT NULL,         -- libsodium crypto_pwhash_str (Argon2id)
  totp_secret_enc TEXT NOT NULL,       -- encrypted TOTP secret
  totp_last_step BIGINT NOT NULL,      -- last accepted time step: a code works once
  disabled INTEGER NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE TABLE staff_roles (
  account_id TEXT NOT NULL REFERENCES staff_accounts (id),
  organisation_id TEXT NOT NULL REFERENCES organisations (id),
  role TEXT NOT NULL CHECK (role IN ('case-worker', 'approver', 'contractor', 'administrator', 'privacy-officer')),
  PRIMARY KEY (account_id, organisation_id, role)
);
CREATE TABLE login_failures (
  subject TEXT NOT NULL,               -- "account:<id>" or "ip:<address>"
  at BIGINT NOT NULL                   -- milliseconds since the epoch
);
CREATE INDEX login_failures_subject ON login_failures (subject, at);
CREATE TABLE login_events (
  at BIGINT NOT NULL,
  account_id TEXT,                     -- null when the e-mail address is unknown
  remote TEXT NOT NULL,
  outcome TEXT NOT NULL                -- success, bad-credentials, locked, disabled
);
CREATE INDEX login_events_at ON login_events (at);
