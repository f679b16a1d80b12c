-- The ZGW Documenten API (issue 11) over the documents domain (0014). An
-- enkelvoudiginformatieobject is a document: its uuid is the documents' uuid, each of its
-- versions a documents row (when it has content). The tables here keep the ZGW representation
-- (`data`, internal URLs relative) of the latest version and of every version, the lock, the
-- usage rights and the links to zaken and besluiten.
CREATE TABLE zgw_enkelvoudiginformatieobjecten (
  uuid TEXT PRIMARY KEY,
  data TEXT NOT NULL,
  identificatie TEXT NOT NULL,
  bronorganisatie TEXT NOT NULL,
  informatieobjecttype TEXT NOT NULL,  -- relative URL when ours
  vertrouwelijkheid INTEGER NOT NULL,  -- 0 openbaar … 7 zeer_geheim
  versie INTEGER NOT NULL,
  creatiedatum TEXT NOT NULL,
  lock_id TEXT                         -- the lock's secret while locked; never in `data`
);
-- identificatie is unique within its bronorganisatie.
CREATE UNIQUE INDEX zgw_eio_identificatie ON zgw_enkelvoudiginformatieobjecten (bronorganisatie, identificatie);
CREATE INDEX zgw_eio_type ON zgw_enkelvoudiginformatieobjecten (informatieobjecttype);

-- Every version as it was registered (`?versie=`, `?registratieOp=`).
CREATE TABLE zgw_eio_versies (
  uuid TEXT NOT NULL,
  versie INTEGER NOT NULL,
  begin_registratie TEXT NOT NULL,     -- ISO 8601 UTC, microseconds, sorts as text
  data TEXT NOT NULL,
  PRIMARY KEY (uuid, versie)
);

CREATE TABLE zgw_gebruiksrechten (
  uuid TEXT PRIMARY KEY,
  data TEXT NOT NULL,
  informatieobject TEXT NOT NULL,      -- relative URL
  document_uuid TEXT NOT NULL
);
CREATE INDEX zgw_gebruiksrechten_document ON zgw_gebruiksrechten (document_uuid);

-- A document's link to an object in a registration (a zaak, a besluit): the domain's, written
-- by DocumentService::link_object and shown as the Documenten API's objectinformatieobjecten.
-- `data` is the representation without its URLs (made from the ids when read).
CREATE TABLE document_links (
  uuid TEXT PRIMARY KEY,
  data TEXT NOT NULL,
  document_uuid TEXT NOT NULL,
  object TEXT NOT NULL,                -- the object's URL (relative when ours)
  object_type TEXT NOT NULL CHECK (object_type IN ('zaak', 'besluit')),
  created_at BIGINT NOT NULL           -- milliseconds
);
-- A document is linked to an object once (drc-003).
CREATE UNIQUE INDEX document_links_unique ON document_links (object, document_uuid);
CREATE INDEX document_links_document ON document_links (document_uuid);
