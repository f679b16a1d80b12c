-- The Zaken API (ZRC): cases, their statuses, results and roles. Each table keeps the
-- representation as JSON in `data` (internal references relative, "/zgw/..."); the columns are
-- what lists filter, order and guard by. Dates are ISO text, so they compare as text.
CREATE TABLE zgw_zaken (
  uuid TEXT PRIMARY KEY,
  data TEXT NOT NULL,
  identificatie TEXT NOT NULL,
  bronorganisatie TEXT NOT NULL,
  zaaktype TEXT NOT NULL,                 -- relative URL for our own zaaktypen
  vertrouwelijkheid INTEGER NOT NULL,     -- 0 = openbaar ... 7 = zeer_geheim
  registratiedatum TEXT,
  startdatum TEXT,
  einddatum TEXT,
  einddatum_gepland TEXT,
  uiterlijke_einddatum_afdoening TEXT,
  publicatiedatum TEXT,
  archiefnominatie TEXT,
  archiefactiedatum TEXT,
  archiefstatus TEXT,
  hoofdzaak TEXT,                         -- relative URL of the main case, for deelzaken
  status TEXT,                            -- relative URL of the current status
  geo_min_x DOUBLE PRECISION,             -- the bounding box of zaakgeometrie, for _zoek
  geo_min_y DOUBLE PRECISION,
  geo_max_x DOUBLE PRECISION,
  geo_max_y DOUBLE PRECISION
);
-- zrc-002: identificatie is unique within the bronorganisatie.
CREATE UNIQUE INDEX zgw_zaken_identificatie ON zgw_zaken (bronorganisatie, identificatie);
CREATE INDEX zgw_zaken_zaaktype ON zgw_zaken (zaaktype, vertrouwelijkheid);
CREATE INDEX zgw_zaken_startdatum ON zgw_zaken (startdatum);
CREATE INDEX zgw_zaken_registratiedatum ON zgw_zaken (registratiedatum);
CREATE INDEX zgw_zaken_einddatum ON zgw_zaken (einddatum);
CREATE INDEX zgw_zaken_archief ON zgw_zaken (archiefstatus, archiefnominatie, archiefactiedatum);
CREATE INDEX zgw_zaken_archiefactiedatum ON zgw_zaken (archiefactiedatum);
CREATE INDEX zgw_zaken_hoofdzaak ON zgw_zaken (hoofdzaak);

CREATE TABLE zgw_statussen (
  uuid TEXT PRIMARY KEY,
  data TEXT NOT NULL,
  url TEXT NOT NULL,
  zaak TEXT NOT NULL,
  zaak_uuid TEXT NOT NULL,
  statustype TEXT NOT NULL,
  datum_status_gezet TEXT NOT NULL
);
CREATE INDEX zgw_statussen_zaak ON zgw_statussen (zaak_uuid, datum_status_gezet);
CREATE INDEX zgw_statussen_statustype ON zgw_statussen (statustype);

-- A zaak has at most one resultaat.
CREATE TABLE zgw_resultaten (
  uuid TEXT PRIMARY KEY,
  data TEXT NOT NULL,
  zaak TEXT NOT NULL,
  zaak_uuid TEXT NOT NULL,
  resultaattype TEXT NOT NULL
);
CREATE UNIQUE INDEX zgw_resultaten_zaak ON zgw_resultaten (zaak_uuid);
CREATE INDEX zgw_resultaten_resultaattype ON zgw_resultaten (resultaattype);

-- The BSN of a natuurlijk persoon is never stored in plain text: `bsn_enc` holds it encrypted
-- (bound to the row), `bsn_index` is its blind index, so finding a resident's cases is an index
-- lookup.
CREATE TABLE zgw_rollen (
  uuid TEXT PRIMARY KEY,
  data TEXT NOT NULL,
  zaak TEXT NOT NULL,
  zaak_uuid TEXT NOT NULL,
  roltype TEXT,
  betrokkene TEXT,
  betrokkene_type TEXT NOT NULL,
  omschrijving TEXT,
  omschrijving_generiek TEXT,
  anp_identificatie TEXT,
  inp_a_nummer TEXT,
  inn_nnp_id TEXT,
  ann_identificatie TEXT,
  vestigings_nummer TEXT,
  medewerker_identificatie TEXT,
  org_eenheid_identificatie TEXT,
  bsn_enc TEXT,
  bsn_index TEXT
);
CREATE INDEX zgw_rollen_zaak ON zgw_rollen (zaak_uuid);
CREATE INDEX zgw_rollen_bsn_index ON zgw_rollen (bsn_index, zaak_uuid);
CREATE INDEX zgw_rollen_betrokkene ON zgw_rollen (betrokkene);

-- Zaaknummers handed out by zaaknummer_reserveren, and the counter that generates them.
CREATE TABLE zgw_zaaknummers (
  bronorganisatie TEXT NOT NULL,
  identificatie TEXT NOT NULL,
  gereserveerd TEXT NOT NULL,
  PRIMARY KEY (bronorganisatie, identificatie)
);
CREATE TABLE zgw_zaaknummer_teller (
  bronorganisatie TEXT NOT NULL,
  jaar INTEGER NOT NULL,
  laatste BIGINT NOT NULL,
  PRIMARY KEY (bronorganisatie, jaar)
);
