-- Following a case (issue 12): the message thread between a resident and the organisation, the
-- resident's portal inbox, and their notification preferences. A person is named by a blind
-- index of their number (privacy::blind_index, purpose "bsn"/"kvk"), never the number itself.
CREATE TABLE case_messages (
  id TEXT PRIMARY KEY,                 -- UUID
  case_id TEXT NOT NULL,               -- the case (zgw_zaken.uuid)
  author_kind TEXT NOT NULL CHECK (author_kind IN ('resident', 'staff')),
  author_id TEXT NOT NULL,             -- resident: blind index of their number; staff: account id
  body TEXT NOT NULL,                  -- plain text, at most 10,000 characters
  created_at BIGINT NOT NULL,          -- milliseconds since the epoch
  read_at BIGINT                       -- when the other side first read it; null until then
);
CREATE INDEX case_messages_case ON case_messages (case_id, created_at);

-- One line in a resident's inbox per informing event; the event id makes a retried event write
-- no second line.
CREATE TABLE inbox_items (
  id TEXT PRIMARY KEY,                 -- UUID
  recipient TEXT NOT NULL,             -- blind index of the party's number
  case_id TEXT NOT NULL,
  event_id TEXT NOT NULL,              -- the outbox row of the domain event
  kind TEXT NOT NULL,                  -- the event kind: case.status_set, case.message_posted, …
  detail TEXT NOT NULL,                -- what the line names: the status's resident text, ''
  created_at BIGINT NOT NULL,          -- milliseconds
  read_at BIGINT,                      -- null while unread
  UNIQUE (event_id, recipient)
);
CREATE INDEX inbox_items_recipient ON inbox_items (recipient, created_at);

CREATE TABLE notification_preferences (
  recipient TEXT PRIMARY KEY,          -- blind index of the person's number
  email_enabled INTEGER NOT NULL,      -- 1: a mail for every inbox line
  email TEXT NOT NULL,                 -- the address, encrypted (privacy::encrypt); '' for none
  updated_at BIGINT NOT NULL           -- milliseconds
);
