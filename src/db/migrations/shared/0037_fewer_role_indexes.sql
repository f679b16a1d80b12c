-- Fewer index writes for each submitted case (issue 9): every rol and zaak a resident submits
-- was written into indexes that hold nothing for it, and each commit wrote their pages again.
-- A party's number (blind index), betrokkene and hoofdzaak are asked for only by value
-- ("= $1"), which a NULL never equals: their indexes now keep only the rows that have one, so a
-- resident's rol no longer goes into the KvK index, nor a business's into the BSN index.
-- Every party lookup is (blind index, zaak) or the list indexes of 0027, which hold no NULLs.
DROP INDEX zgw_rollen_bsn_index;
CREATE INDEX zgw_rollen_bsn_index ON zgw_rollen (bsn_index, zaak_uuid) WHERE bsn_index IS NOT NULL;
DROP INDEX zgw_rollen_kvk_index;
CREATE INDEX zgw_rollen_kvk_index ON zgw_rollen (kvk_index, zaak_uuid) WHERE kvk_index IS NOT NULL;
DROP INDEX zgw_rollen_betrokkene;
CREATE INDEX zgw_rollen_betrokkene ON zgw_rollen (betrokkene) WHERE betrokkene IS NOT NULL;
DROP INDEX zgw_zaken_hoofdzaak;
CREATE INDEX zgw_zaken_hoofdzaak ON zgw_zaken (hoofdzaak) WHERE hoofdzaak IS NOT NULL;
