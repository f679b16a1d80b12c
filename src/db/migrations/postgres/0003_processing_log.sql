-- The processing log after the Logboek Dataverwerkingen standard: one row per processing of
-- personal data and per data subject. Append-only: a trigger refuses changes and deletions.
CREATE TABLE processing_log (
  operation_id TEXT PRIMARY KEY,        -- 8 bytes, hex
  trace_id TEXT NOT NULL,               -- 16 bytes, hex (W3C Trace Context)
  parent_operation_id TEXT,
  name TEXT NOT NULL,                   -- the operation, e.g. "login"
  status_code INTEGER NOT NULL CHECK (status_code IN (0, 1, 2)),
  start_time BIGINT NOT NULL,           -- milliseconds since the epoch
  end_time BIGINT NOT NULL,
  processing_activity_id TEXT NOT NULL, -- URI into the register of processing activities
  purpose TEXT NOT NULL,                -- why, in plain Dutch, for the data subject
  legal_basis TEXT NOT NULL,
  data_subject_index TEXT NOT NULL,     -- blind index of the BSN or KvK number
  data_subject_enc TEXT NOT NULL,       -- the same number, encrypted
  actor_kind TEXT NOT NULL,             -- resident, business, staff, system
  actor_organisation TEXT,              -- organisation id of staff actors
  actor_role TEXT,                      -- staff role; never a colleague's name
  acting_for_self INTEGER NOT NULL      -- 1 when the data subject acted themselves
);
CREATE INDEX processing_log_subject ON processing_log (data_subject_index, start_time);
CREATE FUNCTION processing_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'processing_log is append-only';
END $$;
CREATE TRIGGER processing_log_append_only BEFORE UPDATE OR DELETE ON processing_log
FOR EACH ROW EXECUTE FUNCTION processing_log_append_only();
