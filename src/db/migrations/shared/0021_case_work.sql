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

-- Neighbourhood consultation: a proposal open for responses by the residents of an area
-- (postcode ranges) for a period; the case worker closes it and publishes a summary.
CREATE TABLE consultations (
  id TEXT PRIMARY KEY,                 -- UUID
  organisation_id TEXT NOT NULL,       -- the organisation that consults
  title TEXT NOT NULL,
  proposal TEXT NOT NULL,              -- the proposal, plain text
  areas TEXT NOT NULL,                 -- postcode ranges as the worker wrote them: "3511AA-3511ZZ, 3584"
  opens_on TEXT NOT NULL,              -- YYYY-MM-DD, first day to respond
  closes_on TEXT NOT NULL,             -- YYYY-MM-DD, last day to respond
  created_by TEXT NOT NULL,            -- staff account id
  created_at BIGINT NOT NULL,          -- milliseconds
  closed_at BIGINT,                    -- null while open
  summary TEXT NOT NULL DEFAULT ''     -- published when closed
);
CREATE INDEX consultations_organisation ON consultations (organisation_id, created_at);

-- One response per resident (a blind index of their number, never the number).
CREATE TABLE consultation_responses (
  consultation_id TEXT NOT NULL,
  respondent TEXT NOT NULL,
  body TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (consultation_id, respondent)
);
