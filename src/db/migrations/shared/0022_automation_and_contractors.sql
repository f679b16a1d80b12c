-- Automatic decisions (issue 13): what a product's decision rules made of each case they ran on,
-- and the residents' requests for a human review (AVG art. 22). One row per case the rules ran
-- on, whatever came out (grant, refuse, or route to a person), so the algorithm register can
-- count them. `explanation` holds the fired rules with the values they fired on and their
-- plain-language reasons (JSON); values are answers to the form, never a personal number.
CREATE TABLE automated_decisions (
  id TEXT PRIMARY KEY,                  -- UUID
  case_id TEXT NOT NULL UNIQUE,         -- zgw_zaken.uuid
  organisation_id TEXT NOT NULL,        -- the product's organisation (uuid)
  product TEXT NOT NULL,                -- product id (slug)
  rule_version INTEGER NOT NULL,        -- the rule set's version in force at submission
  outcome TEXT NOT NULL CHECK (outcome IN ('grant', 'refuse', 'route')),
  routed TEXT NOT NULL,                 -- why a person decides: '', no-rule, rule, fault, …
  fault TEXT NOT NULL,                  -- what could not be evaluated; '' for none
  explanation TEXT NOT NULL,            -- JSON list of fired rules
  created_at BIGINT NOT NULL,           -- milliseconds since the epoch
  review_case_id TEXT,                  -- the linked case of a human review, once asked for
  review_requested_at BIGINT,
  review_outcome TEXT                   -- upheld or overturned, once a case worker judged
    CHECK (review_outcome IS NULL OR review_outcome IN ('upheld', 'overturned'))
);
CREATE INDEX automated_decisions_product ON automated_decisions (organisation_id, product);
CREATE UNIQUE INDEX automated_decisions_review ON automated_decisions (review_case_id);

-- Contractors (issue 13): companies an organisation gives work orders to, the staff accounts
-- (role contractor) that work for each, and the work orders on cases. A contractor sees its own
-- company's orders (instructions, location, due date), never the case. The photo of a finished
-- order is kept as base64 text (at most a few hundred KiB: the request body limit), checked by
-- its content (libmagic) to be an image.
CREATE TABLE contractor_companies (
  id TEXT PRIMARY KEY,                  -- UUID
  organisation_id TEXT NOT NULL,
  name TEXT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX contractor_companies_name ON contractor_companies (organisation_id, name);

CREATE TABLE contractor_members (
  staff_id TEXT PRIMARY KEY,            -- a staff account works for one company
  company_id TEXT NOT NULL
);

CREATE TABLE work_orders (
  id TEXT PRIMARY KEY,                  -- UUID
  case_id TEXT NOT NULL,
  organisation_id TEXT NOT NULL,
  company_id TEXT NOT NULL,
  instructions TEXT NOT NULL,
  location TEXT NOT NULL,
  due_date TEXT NOT NULL,               -- YYYY-MM-DD
  state TEXT NOT NULL CHECK (state IN ('open', 'accepted', 'done')),
  created_by TEXT NOT NULL,             -- staff account id
  created_at BIGINT NOT NULL,           -- milliseconds since the epoch
  accepted_by TEXT,
  accepted_at BIGINT,
  done_by TEXT,
  done_at BIGINT,
  done_note TEXT,
  photo_type TEXT,                      -- image/jpeg, image/png, image/webp
  photo TEXT                            -- base64
);
CREATE INDEX work_orders_case ON work_orders (case_id, created_at);
CREATE INDEX work_orders_company ON work_orders (company_id, state, due_date);
