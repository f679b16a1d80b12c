-- Issue 13: documents a case worker adds to a case on the back office's case page
-- (src/documents/case_documents). The document itself is the documents domain's (0014, added by
-- DocumentService and linked to the case in document_links); this row says who added it and
-- whether the resident sees it (on their case page and for download).
CREATE TABLE staff_documents (
  document_uuid TEXT PRIMARY KEY,  -- documents.uuid
  case_id TEXT NOT NULL,
  added_by TEXT NOT NULL,          -- staff id
  title TEXT NOT NULL,
  filename TEXT NOT NULL,          -- sanitised, display only
  size BIGINT NOT NULL,
  media_type TEXT NOT NULL,        -- detected from the bytes
  visible INTEGER NOT NULL DEFAULT 0,  -- 1: the applicant sees it
  created_at BIGINT NOT NULL       -- milliseconds
);
CREATE INDEX staff_documents_case ON staff_documents (case_id, created_at);
