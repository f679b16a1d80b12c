-- The Catalogi API (ZTC): catalogues and the types cases are built from. Each table keeps the
-- representation as JSON in `data`; the columns are what lists filter and rules look up by.
-- URLs are relative ("/zgw/catalogi/api/v1/..."). concept: 1 while a version may still change.
CREATE TABLE zgw_catalogussen (
  uuid TEXT PRIMARY KEY,
  data TEXT NOT NULL,
  url TEXT NOT NULL,
  domein TEXT NOT NULL,
  rsin TEXT NOT NULL
);
-- A catalogue is known by its domain within an organisation (RSIN).
CREATE UNIQUE INDEX zgw_catalogussen_domein ON zgw_catalogussen (rsin, domein);

CREATE TABLE zgw_zaaktypen (
  uuid TEXT PRIMARY KEY,
  data TEXT NOT NULL,
  url TEXT NOT NULL,
  catalogus TEXT NOT NULL,
  identificatie TEXT NOT NULL,
  concept INTEGER NOT NULL,
  begin_geldigheid TEXT NOT NULL,
  einde_geldigheid TEXT,
  trefwoorden TEXT NOT NULL   -- "|a|b|", so that LIKE '%|a|%' finds one keyword
);
CREATE INDEX zgw_zaaktypen_catalogus ON zgw_zaaktypen (catalogus, identificatie);
CREATE UNIQUE INDEX zgw_zaaktypen_url ON zgw_zaaktypen (url);

CREATE TABLE zgw_informatieobjecttypen (
  uuid TEXT PRIMARY KEY,
  data TEXT NOT NULL,
  url TEXT NOT NULL,
  catalogus TEXT NOT NULL,
  omschrijving TEXT NOT NULL,
  concept INTEGER NOT NULL,
  begin_geldigheid TEXT NOT NULL,
  einde_geldigheid TEXT
);
CREATE INDEX zgw_informatieobjecttypen_catalogus ON zgw_informatieobjecttypen (catalogus, omschrijving);

CREATE TABLE zgw_besluittypen (
  uuid TEXT PRIMARY KEY,
  data TEXT NOT NULL,
  url TEXT NOT NULL,
  catalogus TEXT NOT NULL,
  omschrijving TEXT,
  concept INTEGER NOT NULL,
  begin_geldigheid TEXT NOT NULL,
  einde_geldigheid TEXT
);
CREATE INDEX zgw_besluittypen_catalogus ON zgw_besluittypen (catalogus, omschrijving);

-- The parts of a zaaktype: each row names its zaaktype by URL.
CREATE TABLE zgw_statustypen (
  uuid TEXT PRIMARY KEY,
  data TEXT NOT NULL,
  zaaktype TEXT NOT NULL,
  volgnummer INTEGER NOT NULL
);
-- volgnummer orders the statuses of one zaaktype; two with the same number make no order.
CREATE UNIQUE INDEX zgw_statustypen_volgnummer ON zgw_statustypen (zaaktype, volgnummer);

CREATE TABLE zgw_roltypen (
  uuid TEXT PRIMARY KEY,
  data TEXT NOT NULL,
  zaaktype TEXT NOT NULL,
  omschrijving_generiek TEXT NOT NULL
);
CREATE INDEX zgw_roltypen_zaaktype ON zgw_roltypen (zaaktype);

CREATE TABLE zgw_resultaattypen (
  uuid TEXT PRIMARY KEY,
  data TEXT NOT NULL,
  zaaktype TEXT NOT NULL
);
CREATE INDEX zgw_resultaattypen_zaaktype ON zgw_resultaattypen (zaaktype);

CREATE TABLE zgw_eigenschappen (
  uuid TEXT PRIMARY KEY,
  data TEXT NOT NULL,
  zaaktype TEXT NOT NULL,
  naam TEXT NOT NULL
);
CREATE UNIQUE INDEX zgw_eigenschappen_naam ON zgw_eigenschappen (zaaktype, naam);

CREATE TABLE zgw_zaaktype_informatieobjecttypen (
  uuid TEXT PRIMARY KEY,
  data TEXT NOT NULL,
  zaaktype TEXT NOT NULL,
  informatieobjecttype TEXT NOT NULL,   -- the omschrijving, per the historiemodel
  richting TEXT NOT NULL,
  volgnummer INTEGER NOT NULL
);
CREATE UNIQUE INDEX zgw_ziot_volgnummer ON zgw_zaaktype_informatieobjecttypen (zaaktype, volgnummer);

CREATE TABLE zgw_zaakobjecttypen (
  uuid TEXT PRIMARY KEY,
  data TEXT NOT NULL,
  zaaktype TEXT NOT NULL,
  catalogus TEXT NOT NULL,
  objecttype TEXT NOT NULL,
  ander_objecttype INTEGER NOT NULL,
  relatie_omschrijving TEXT NOT NULL,
  begin_geldigheid TEXT,
  einde_geldigheid TEXT
);
CREATE INDEX zgw_zaakobjecttypen_zaaktype ON zgw_zaakobjecttypen (zaaktype);
