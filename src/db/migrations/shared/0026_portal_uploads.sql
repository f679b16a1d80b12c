-- The portal, issue 12 continued. The documents a resident uploads inside an application form
-- (src/catalog/upload_store): the document itself is the documents domain's (0014, added by
-- DocumentService), this row says whose draft it belongs to and for which of the product's
-- documents it is; on submit it is linked to the case (document_links) and case_id is set,
-- which is also how the case page shows the resident their own uploads.
CREATE TABLE application_uploads (
  document_uuid TEXT PRIMARY KEY,  -- documents.uuid
  owner TEXT NOT NULL,             -- blind index, as application_drafts.owner
  product TEXT NOT NULL,
  slot INTEGER NOT NULL,           -- index in the product's "documents"
  filename TEXT NOT NULL,          -- sanitised, display only
  size BIGINT NOT NULL,
  media_type TEXT NOT NULL,        -- detected from the bytes
  case_id TEXT,                    -- null while the draft is not sent
  created_at BIGINT NOT NULL       -- milliseconds
);
CREATE INDEX application_uploads_draft ON application_uploads (owner, product, created_at);
CREATE INDEX application_uploads_case ON application_uploads (case_id);

-- The language a draft was filled in, so that its reminder mail is in that language.
ALTER TABLE application_drafts ADD COLUMN lang TEXT NOT NULL DEFAULT 'nl';
