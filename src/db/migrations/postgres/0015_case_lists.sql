-- Case lists read typed columns instead of each zaak's JSON (issue 9). description: the case's
-- description as the lists show it (omschrijving, or the whole toelichting when omschrijving is
-- its first 80 bytes); every writer of zgw_zaken sets it through cases::derived_columns.
ALTER TABLE zgw_zaken ADD COLUMN description TEXT;
UPDATE zgw_zaken SET description =
  CASE WHEN octet_length(d.t) > 80 AND left(d.t, length(d.o)) = d.o THEN d.t ELSE d.o END
  FROM (SELECT uuid, COALESCE(data::jsonb ->> 'omschrijving', '') AS o,
               COALESCE(data::jsonb ->> 'toelichting', '') AS t FROM zgw_zaken) d
  WHERE d.uuid = zgw_zaken.uuid;

-- The work queue's indexes cover what a page and its capped count filter on (level, open or
-- closed), so counting up to 10,001 cases can be an index-only scan.
DROP INDEX zgw_zaken_queue_deadline;
DROP INDEX zgw_zaken_queue_start;
CREATE INDEX zgw_zaken_queue_deadline ON zgw_zaken
  (bronorganisatie, (COALESCE(uiterlijke_einddatum_afdoening, '9999-12-31')), uuid)
  INCLUDE (vertrouwelijkheid, einddatum);
CREATE INDEX zgw_zaken_queue_start ON zgw_zaken (bronorganisatie, startdatum, uuid)
  INCLUDE (vertrouwelijkheid, einddatum);
