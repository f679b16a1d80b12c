-- The case domain (src/cases/) on the registry's tables: what ZGW has no field for, the human
-- reference per organisation, idempotent submission, and the indexes the work queue needs.

-- A human case reference ("UTR-2026-000123") next to the ZGW identificatie; null for cases a
-- ZGW client registered. The assignee is a staff account id. A running suspension started on
-- suspended_since (YYYY-MM-DD); suspended_days counts the days of earlier ones, so a deadline
-- is computed without reading the history. answers: the application as submitted (JSON).
ALTER TABLE zgw_zaken ADD COLUMN reference TEXT;
ALTER TABLE zgw_zaken ADD COLUMN assignee TEXT;
ALTER TABLE zgw_zaken ADD COLUMN suspended_since TEXT;
ALTER TABLE zgw_zaken ADD COLUMN suspended_days INTEGER NOT NULL DEFAULT 0;
ALTER TABLE zgw_zaken ADD COLUMN answers TEXT;
CREATE UNIQUE INDEX zgw_zaken_reference ON zgw_zaken (bronorganisatie, reference);

-- The work queue: one organisation's cases by deadline (no deadline last), and by start date;
-- open or closed (einddatum) is a filter on the same rows.
CREATE INDEX zgw_zaken_queue_deadline ON zgw_zaken
  (bronorganisatie, (COALESCE(uiterlijke_einddatum_afdoening, '9999-12-31')), uuid);
CREATE INDEX zgw_zaken_queue_start ON zgw_zaken (bronorganisatie, startdatum, uuid);
CREATE INDEX zgw_zaken_assignee ON zgw_zaken (assignee) WHERE assignee IS NOT NULL;

-- The prefix of an organisation's case references; null: derived from its name.
ALTER TABLE organisations ADD COLUMN case_prefix TEXT;

-- The counter behind the references, per organisation (RSIN) and year.
CREATE TABLE case_reference_counters (
  bronorganisatie TEXT NOT NULL,
  year INTEGER NOT NULL,
  last BIGINT NOT NULL,
  PRIMARY KEY (bronorganisatie, year)
);

-- Idempotent submission: the same key from the same submitter (a blind index of who they
-- are, never their number) returns the case the first request made; another body is refused.
CREATE TABLE case_idempotency_keys (
  submitter TEXT NOT NULL,
  idempotency_key TEXT NOT NULL,
  request_hash TEXT NOT NULL,     -- hex SHA-256 of the request's canonical form
  case_uuid TEXT NOT NULL,
  created_at BIGINT NOT NULL,     -- milliseconds since the epoch
  PRIMARY KEY (submitter, idempotency_key)
);
CREATE INDEX case_idempotency_keys_created ON case_idempotency_keys (created_at);

-- Domain events wait in the outbox for the consumer of their kind; each worker asks for its own.
CREATE INDEX outbox_due_kind ON outbox (kind, next_attempt_at) WHERE sent_at IS NULL;
