-- The portal's catalogue and drafts (src/catalog/product_store). A product is the catalogue
-- file as published (`data`, JSON): Loket's own fields next to the ZGW zaaktype it is published
-- as (zaaktype_uuid), with the form's version.
CREATE TABLE products (
  id TEXT PRIMARY KEY,              -- slug: /producten/{id}
  organisation_id TEXT NOT NULL,
  zaaktype_uuid TEXT NOT NULL,
  form_version INTEGER NOT NULL,
  data TEXT NOT NULL,
  updated_at TEXT NOT NULL          -- RFC 3339
);
CREATE INDEX products_organisation ON products (organisation_id, id);

-- An application not yet sent, one per person and product: the answers so far (encrypted:
-- contact details and the person's situation), the step they were at. The owner is a blind
-- index of who they are (as case_idempotency_keys), never their number. expires_at: the draft
-- is deleted then; reminded_at: when the reminder mail went into the outbox.
CREATE TABLE application_drafts (
  id TEXT PRIMARY KEY,              -- UUID
  owner TEXT NOT NULL,
  product TEXT NOT NULL,
  form_version INTEGER NOT NULL,
  answers TEXT NOT NULL,            -- field_crypto token of the answers' JSON
  step TEXT NOT NULL,
  created_at BIGINT NOT NULL,       -- milliseconds since the epoch
  updated_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  reminded_at BIGINT
);
CREATE UNIQUE INDEX application_drafts_owner ON application_drafts (owner, product);
CREATE INDEX application_drafts_expiry ON application_drafts (expires_at);

-- The contact details a person gave in their last application (encrypted JSON {"email",
-- "phone"}), to prefill the next form: nobody is asked twice.
CREATE TABLE applicant_contacts (
  owner TEXT PRIMARY KEY,           -- blind index, as application_drafts.owner
  data TEXT NOT NULL,
  updated_at BIGINT NOT NULL
);
