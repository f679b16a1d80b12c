-- Fewer index writes for each submitted case (issue 9): every rol and zaak a resident submits
-- was written into indexes that hold nothing for it, and each commit wrote their pages again.
-- A party's number (blind index), betrokkene and hoofdzaak are asked for only by value
-- ("= $1"), which a NULL never equals: their indexes now keep only the rows that have one, so a
-- resident's rol no longer goes into the KvK index, nor a business's into the BSN index.
DROP INDEX zgw_rollen_bsn_index;
CREATE INDEX zgw_rollen_bsn_index ON zgw_rollen (bsn_index, zaak_uuid) WHERE bsn_index IS NOT NULL;
DROP INDEX zgw_rollen_kvk_index;
CREATE INDEX zgw_rollen_kvk_index ON zgw_rollen (kvk_index, zaak_uuid) WHERE kvk_index IS NOT NULL;
DROP INDEX zgw_rollen_betrokkene;
CREATE INDEX zgw_rollen_betrokkene ON zgw_rollen (betrokkene) WHERE betrokkene IS NOT NULL;
DROP INDEX zgw_zaken_hoofdzaak;
CREATE INDEX zgw_zaken_hoofdzaak ON zgw_zaken (hoofdzaak) WHERE hoofdzaak IS NOT NULL;

-- A rol is inserted with its zaak's list order (the case store knows it); the trigger of 0027
-- updated every new rol again, rewriting the row and its list index entry. It now updates only
-- a rol whose order differs from its zaak's (a client that did not give it).
DROP TRIGGER zgw_rollen_list_insert;
CREATE TRIGGER zgw_rollen_list_insert AFTER INSERT ON zgw_rollen
WHEN EXISTS (SELECT 1 FROM zgw_zaken z WHERE z.uuid = NEW.zaak_uuid
             AND ((z.einddatum IS NOT NULL) IS NOT NEW.zaak_closed
                  OR COALESCE(z.startdatum, '') IS NOT NEW.zaak_start))
BEGIN
  UPDATE zgw_rollen SET zaak_closed = z.einddatum IS NOT NULL,
                        zaak_start = COALESCE(z.startdatum, '')
  FROM (SELECT einddatum, startdatum FROM zgw_zaken WHERE uuid = NEW.zaak_uuid) z
  WHERE zgw_rollen.uuid = NEW.uuid;
END;
