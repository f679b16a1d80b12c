-- Documents (issue 11): content-addressed blobs and the document metadata that points at them.
-- The file of a blob lives in the blob store (--blob-dir) under its SHA-256; it is written and
-- synced before the row that names it commits, so a row never names a missing file. Files and
-- rows that nothing references any more are collected by `loket blobs gc`.
CREATE TABLE blobs (
  sha256 TEXT PRIMARY KEY,           -- lower-case hex; also the file's name in the blob store
  size BIGINT NOT NULL,              -- bytes
  media_type TEXT NOT NULL,          -- detected from the content (libmagic), never as declared
  scan_status TEXT NOT NULL CHECK (scan_status IN ('pending', 'not_scanned', 'clean',
                                                   'infected', 'error')),
  scan_result TEXT,                  -- the signature found (infected) or clamd's error text
  scanned_at BIGINT,                 -- milliseconds since the epoch; null until scanned
  created_at BIGINT NOT NULL,        -- milliseconds
  touched_at BIGINT NOT NULL         -- milliseconds; last upload of this content (gc grace)
);
CREATE INDEX blobs_scan_status ON blobs (scan_status);

-- A document (ZGW: enkelvoudiginformatieobject) is one row per version; the Documenten API
-- builds on this table later.
CREATE TABLE documents (
  uuid TEXT NOT NULL,
  version INTEGER NOT NULL,          -- 1, 2, …
  blob_sha256 TEXT NOT NULL REFERENCES blobs (sha256),
  title TEXT NOT NULL,
  filename TEXT NOT NULL,            -- as the uploader gave it, for display only; never a path
  declared_media_type TEXT NOT NULL, -- as the uploader declared it ('' when not)
  confidentiality TEXT NOT NULL,     -- ZGW vertrouwelijkheidaanduiding
  case_id TEXT,                      -- the case it was uploaded for (per-case size limit)
  created_at BIGINT NOT NULL,        -- milliseconds
  PRIMARY KEY (uuid, version)
);
CREATE INDEX documents_blob ON documents (blob_sha256);
CREATE INDEX documents_case ON documents (case_id) WHERE case_id IS NOT NULL;
