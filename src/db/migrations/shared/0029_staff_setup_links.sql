-- Staff accounts made by an organisation's administrator (issue 13): the account starts without
-- a password, and its first one-time link (a row of 0010's staff_password_resets, 'setup') lets
-- the person set a password and shows the TOTP secret to enrol; a 'reset' link never shows it.
ALTER TABLE staff_password_resets ADD COLUMN purpose TEXT NOT NULL DEFAULT 'reset';
