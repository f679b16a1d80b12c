-- Mandates (machtigingen): a resident acts for another person or a business, within a scope,
-- for a period. Both parties are stored only encrypted, with blind indexes for lookups.
CREATE TABLE mandates (
  id TEXT PRIMARY KEY,                    -- UUID
  subject_kind TEXT NOT NULL CHECK (subject_kind IN ('resident', 'business')),
  subject_index TEXT NOT NULL,            -- the person or business represented
  subject_enc TEXT NOT NULL,
  representative_index TEXT NOT NULL,     -- the resident who may act (BSN)
  representative_enc TEXT NOT NULL,
  scope TEXT NOT NULL,                    -- "*": every product; later a list of products
  valid_from BIGINT NOT NULL,             -- seconds since the epoch
  valid_until BIGINT NOT NULL,
  granted_by TEXT NOT NULL CHECK (granted_by IN ('subject', 'staff')),
  granted_by_staff TEXT,                  -- staff account that registered it
  revoked_at BIGINT,
  created_at BIGINT NOT NULL
);
CREATE INDEX mandates_subject ON mandates (subject_index);
CREATE INDEX mandates_representative ON mandates (representative_index);
ALTER TABLE sessions ADD COLUMN acting_for TEXT;
-- Who acted, when it was not the data subject themselves (blind index of their number).
ALTER TABLE processing_log ADD COLUMN actor_index TEXT;
