-- Case lists read typed columns instead of each zaak's JSON (issue 9). description: the case's
-- description as the lists show it (omschrijving, or the whole toelichting when omschrijving is
-- its first 80 bytes); every writer of zgw_zaken sets it through cases::derived_columns.
ALTER TABLE zgw_zaken ADD COLUMN description TEXT;
UPDATE zgw_zaken SET description = (
  SELECT CASE WHEN length(CAST(t AS BLOB)) > 80 AND substr(t, 1, length(o)) = o THEN t ELSE o END
  FROM (SELECT COALESCE(json_extract(data, '$.omschrijving'), '') AS o,
               COALESCE(json_extract(data, '$.toelichting'), '') AS t));

-- The work queue's indexes cover what a page and its capped count filter on (level, open or
-- closed), so counting up to 10,001 cases reads the index alone, not 10,001 table rows.
DROP INDEX zgw_zaken_queue_deadline;
DROP INDEX zgw_zaken_queue_start;
CREATE INDEX zgw_zaken_queue_deadline ON zgw_zaken
  (bronorganisatie, (COALESCE(uiterlijke_einddatum_afdoening, '9999-12-31')), uuid,
   vertrouwelijkheid, einddatum);
CREATE INDEX zgw_zaken_queue_start ON zgw_zaken
  (bronorganisatie, startdatum, uuid, vertrouwelijkheid, einddatum);
