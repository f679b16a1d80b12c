-- The Documenten API's bestandsdelen (a large file uploaded in parts, drc 1.1.0+) and
-- verzendingen (issue 11). A part's bytes are a file in the blob store's `.parts/` folder named
-- by the part's uuid; the row says how large it must be and whether it arrived whole. When the
-- informatieobject is unlocked with every part complete, the parts are joined into one blob
-- (the same checks as inline content) and the rows and files go.
CREATE TABLE zgw_bestandsdelen (
  uuid TEXT PRIMARY KEY,
  document_uuid TEXT NOT NULL,         -- the enkelvoudiginformatieobject
  volgnummer INTEGER NOT NULL,         -- 1, 2, …
  omvang BIGINT NOT NULL,              -- bytes this part must have
  voltooid INTEGER NOT NULL DEFAULT 0, -- 1 once a part of exactly `omvang` bytes arrived
  UNIQUE (document_uuid, volgnummer)
);

-- A verzending: an informatieobject sent to or received from a betrokkene, with one address.
CREATE TABLE zgw_verzendingen (
  uuid TEXT PRIMARY KEY,
  data TEXT NOT NULL,
  informatieobject TEXT NOT NULL,      -- relative URL
  document_uuid TEXT NOT NULL,
  betrokkene TEXT NOT NULL,
  aard_relatie TEXT NOT NULL
);
CREATE INDEX zgw_verzendingen_document ON zgw_verzendingen (document_uuid);
