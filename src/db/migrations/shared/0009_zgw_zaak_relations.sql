-- The Zaken API's relations: what hangs off a zaak (objects, properties, documents, contacts,
-- requests, decisions). Each table keeps the representation as JSON in `data`; `zaak` is the
-- zaak's relative URL ("/zgw/zaken/api/v1/zaken/<uuid>"), `zaak_uuid` its uuid, by which the
-- rows are guarded (the zaak's zaaktype and confidentiality) and deleted with their zaak.
CREATE TABLE zgw_zaakobjecten (
  uuid TEXT PRIMARY KEY,
  data TEXT NOT NULL,
  zaak TEXT NOT NULL,
  zaak_uuid TEXT NOT NULL,
  object TEXT,
  object_type TEXT NOT NULL
);
CREATE INDEX zgw_zaakobjecten_zaak ON zgw_zaakobjecten (zaak_uuid);
CREATE INDEX zgw_zaakobjecten_object ON zgw_zaakobjecten (object);

-- Nested under its zaak; the list is always by `zaak`.
CREATE TABLE zgw_zaakeigenschappen (
  uuid TEXT PRIMARY KEY,
  data TEXT NOT NULL,
  zaak TEXT NOT NULL,
  zaak_uuid TEXT NOT NULL,
  eigenschap TEXT NOT NULL
);
CREATE INDEX zgw_zaakeigenschappen_zaak ON zgw_zaakeigenschappen (zaak, uuid);
CREATE INDEX zgw_zaakeigenschappen_zaak_uuid ON zgw_zaakeigenschappen (zaak_uuid);

CREATE TABLE zgw_zaakinformatieobjecten (
  uuid TEXT PRIMARY KEY,
  data TEXT NOT NULL,
  zaak TEXT NOT NULL,
  zaak_uuid TEXT NOT NULL,
  informatieobject TEXT NOT NULL,
  registratiedatum TEXT NOT NULL,
  status TEXT                             -- relative URL of the status it was added under
);
-- A document is related to a zaak once.
CREATE UNIQUE INDEX zgw_zaakinformatieobjecten_unique ON zgw_zaakinformatieobjecten (zaak_uuid, informatieobject);
CREATE INDEX zgw_zaakinformatieobjecten_informatieobject ON zgw_zaakinformatieobjecten (informatieobject);
CREATE INDEX zgw_zaakinformatieobjecten_status ON zgw_zaakinformatieobjecten (status);

CREATE TABLE zgw_klantcontacten (
  uuid TEXT PRIMARY KEY,
  data TEXT NOT NULL,
  zaak TEXT NOT NULL,
  zaak_uuid TEXT NOT NULL,
  datumtijd TEXT NOT NULL
);
CREATE INDEX zgw_klantcontacten_zaak ON zgw_klantcontacten (zaak_uuid, datumtijd);

CREATE TABLE zgw_zaakcontactmomenten (
  uuid TEXT PRIMARY KEY,
  data TEXT NOT NULL,
  zaak TEXT NOT NULL,
  zaak_uuid TEXT NOT NULL,
  contactmoment TEXT NOT NULL
);
CREATE UNIQUE INDEX zgw_zaakcontactmomenten_unique ON zgw_zaakcontactmomenten (zaak_uuid, contactmoment);
CREATE INDEX zgw_zaakcontactmomenten_contactmoment ON zgw_zaakcontactmomenten (contactmoment);

CREATE TABLE zgw_zaakverzoeken (
  uuid TEXT PRIMARY KEY,
  data TEXT NOT NULL,
  zaak TEXT NOT NULL,
  zaak_uuid TEXT NOT NULL,
  verzoek TEXT NOT NULL
);
CREATE UNIQUE INDEX zgw_zaakverzoeken_unique ON zgw_zaakverzoeken (zaak_uuid, verzoek);
CREATE INDEX zgw_zaakverzoeken_verzoek ON zgw_zaakverzoeken (verzoek);

-- Nested under its zaak (/zaken/{zaak_uuid}/besluiten).
CREATE TABLE zgw_zaakbesluiten (
  uuid TEXT PRIMARY KEY,
  data TEXT NOT NULL,
  zaak TEXT NOT NULL,
  zaak_uuid TEXT NOT NULL,
  besluit TEXT NOT NULL
);
CREATE UNIQUE INDEX zgw_zaakbesluiten_unique ON zgw_zaakbesluiten (zaak_uuid, besluit);
CREATE INDEX zgw_zaakbesluiten_zaak ON zgw_zaakbesluiten (zaak, uuid);

-- Notes on a zaak (experimental in ZRC 1.7.0); `zaak` is the note's gerelateerdAan.
CREATE TABLE zgw_zaaknotities (
  uuid TEXT PRIMARY KEY,
  data TEXT NOT NULL,
  zaak TEXT NOT NULL,
  zaak_uuid TEXT NOT NULL,
  onderwerp TEXT NOT NULL,
  tekst TEXT NOT NULL,
  aangemaakt_door TEXT NOT NULL,
  notitie_type TEXT NOT NULL,
  status TEXT NOT NULL,
  aanmaakdatum TEXT NOT NULL,
  wijzigingsdatum TEXT NOT NULL
);
CREATE INDEX zgw_zaaknotities_zaak ON zgw_zaaknotities (zaak_uuid, aanmaakdatum);
