-- Whether a staff account was ever activated (its setup link used, or a login): the staff page
-- asks it per member, to offer a new setup link only to accounts that never were.
CREATE INDEX login_events_account ON login_events (account_id, outcome);
