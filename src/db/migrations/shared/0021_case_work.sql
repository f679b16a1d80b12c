-- Case work in the back office (issue 13): what the second pair of eyes decided about a draft
-- it did not approve, and the links between a case and the objection or complaint about it.
-- An approval is recorded on the decision itself (zgw_besluiten.approved_by); a rejection
-- removes the draft, so who rejected it, and why, is kept here.
CREATE TABLE decision_reviews (
  id TEXT PRIMARY KEY,                 -- UUID
  decision_id TEXT NOT NULL,           -- the draft's uuid (gone from decision_drafts once rejected)
  case_id TEXT NOT NULL,               -- its case (zgw_zaken.uuid)
  decision_type_id TEXT NOT NULL,      -- the besluittype's uuid
  decided_by TEXT NOT NULL,            -- staff account id of the drafter
  reviewed_by TEXT NOT NULL,           -- staff account id of the approver who rejected it
  reason TEXT NOT NULL,                -- why, for the drafter
  created_at BIGINT NOT NULL           -- milliseconds since the epoch
);
CREATE INDEX decision_reviews_case ON decision_reviews (case_id, created_at);

-- An objection case is about a decision (and its case); a complaint case is about a case. The
-- unique index makes starting an objection idempotent: one objection case per decision and
-- party, one complaint per case and party (a retry finds the first).
CREATE TABLE case_links (
  case_id TEXT PRIMARY KEY,            -- the objection or complaint case (zgw_zaken.uuid)
  kind TEXT NOT NULL CHECK (kind IN ('objection', 'complaint')),
  about_case_id TEXT NOT NULL,         -- the case it is about
  about_decision_id TEXT NOT NULL,     -- the decision it is about; '' for a complaint
  party TEXT NOT NULL,                 -- blind index of the initiator's number
  created_at BIGINT NOT NULL,          -- milliseconds
  revised_by TEXT NOT NULL DEFAULT '', -- the decision that replaced the contested one, or ''
  UNIQUE (kind, about_case_id, about_decision_id, party)
);
CREATE INDEX case_links_about ON case_links (about_case_id);
