-- Decisions (besluiten): the Besluiten API's registry and the case domain's decisions on the
-- same rows. A decision in zgw_besluiten has taken effect (ZGW clients see it); a decision of a
-- four-eyes product that waits for its approver is a draft in decision_drafts, which no ZGW
-- client and no resident sees, and moves into zgw_besluiten (same uuid) when approved.
CREATE TABLE zgw_besluiten (
  uuid TEXT PRIMARY KEY,
  data TEXT NOT NULL,                      -- the ZGW representation, our URLs relative
  identificatie TEXT NOT NULL,
  verantwoordelijke_organisatie TEXT NOT NULL,
  besluittype TEXT NOT NULL,               -- relative URL for our own besluittypen
  zaak TEXT,                               -- relative URL for our own zaken; null: none
  datum TEXT,
  ingangsdatum TEXT,
  vervaldatum TEXT,
  verzenddatum TEXT,
  publicatiedatum TEXT,
  -- Who decided and who approved (staff account ids); null for decisions a ZGW client made.
  decided_by TEXT,
  approved_by TEXT,
  approved_at TEXT
);
-- brc-002: identificatie is unique within the verantwoordelijke organisatie.
CREATE UNIQUE INDEX zgw_besluiten_identificatie
  ON zgw_besluiten (verantwoordelijke_organisatie, identificatie);
CREATE INDEX zgw_besluiten_zaak ON zgw_besluiten (zaak);
CREATE INDEX zgw_besluiten_besluittype ON zgw_besluiten (besluittype);

-- A decision waiting for its second pair of eyes: the representation it will have, plus who
-- drafted it. `zaak_uuid` is the case it belongs to (drafts are always made on a case).
-- Its identificatie is taken as soon as it is drafted, so no ZGW client can claim it meanwhile.
CREATE TABLE decision_drafts (
  uuid TEXT PRIMARY KEY,
  data TEXT NOT NULL,
  zaak_uuid TEXT NOT NULL,
  identificatie TEXT NOT NULL,
  verantwoordelijke_organisatie TEXT NOT NULL,
  decided_by TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX decision_drafts_zaak ON decision_drafts (zaak_uuid);
CREATE UNIQUE INDEX decision_drafts_identificatie
  ON decision_drafts (verantwoordelijke_organisatie, identificatie);

-- The counter behind generated identificaties ("BESLUIT-2026-0000000001"), per organisation
-- (RSIN) and year: unique without a scan (brc-002).
CREATE TABLE decision_identification_counters (
  verantwoordelijke_organisatie TEXT NOT NULL,
  year INTEGER NOT NULL,
  last BIGINT NOT NULL,
  PRIMARY KEY (verantwoordelijke_organisatie, year)
);

-- besluitinformatieobjecten: a document (informatieobject, in the Documenten API) that records
-- a decision; one link per pair.
CREATE TABLE zgw_besluitinformatieobjecten (
  uuid TEXT PRIMARY KEY,
  data TEXT NOT NULL,
  besluit TEXT NOT NULL,                   -- relative URL
  informatieobject TEXT NOT NULL
);
CREATE UNIQUE INDEX zgw_besluitinformatieobjecten_unique
  ON zgw_besluitinformatieobjecten (besluit, informatieobject);
CREATE INDEX zgw_besluitinformatieobjecten_io ON zgw_besluitinformatieobjecten (informatieobject);

-- Four-eyes products (social assistance, debt assistance, youth care, WMO, liquor licence): a
-- decision takes effect only when a second staff member with the approver role approves it.
-- The Catalogi standard has no such field, so it is a column beside the zaaktype's data.
ALTER TABLE zgw_zaaktypen ADD COLUMN four_eyes INTEGER NOT NULL DEFAULT 0;
