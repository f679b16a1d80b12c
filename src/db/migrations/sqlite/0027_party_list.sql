-- A party's case list (issues 9, 12) is one index range scan of their roles: each rol carries
-- its zaak's list order (closed or not, start date), kept in step by triggers whoever writes
-- zgw_zaken or zgw_rollen, so "open first, then newest first" is the order of an index on
-- (blind index, closed, start, zaak) and a page reads a page's worth of index entries.
ALTER TABLE zgw_rollen ADD COLUMN zaak_closed INTEGER NOT NULL DEFAULT 0;
ALTER TABLE zgw_rollen ADD COLUMN zaak_start TEXT NOT NULL DEFAULT '';
UPDATE zgw_rollen SET
  zaak_closed = COALESCE((SELECT z.einddatum IS NOT NULL FROM zgw_zaken z
                          WHERE z.uuid = zgw_rollen.zaak_uuid), 0),
  zaak_start = COALESCE((SELECT z.startdatum FROM zgw_zaken z
                         WHERE z.uuid = zgw_rollen.zaak_uuid), '');
CREATE INDEX zgw_rollen_bsn_list ON zgw_rollen
  (bsn_index, zaak_closed, zaak_start DESC, zaak_uuid, uuid)
  WHERE bsn_index IS NOT NULL;
CREATE INDEX zgw_rollen_kvk_list ON zgw_rollen
  (kvk_index, zaak_closed, zaak_start DESC, zaak_uuid, uuid)
  WHERE kvk_index IS NOT NULL;

-- A new rol (or one moved to another zaak) takes its zaak's order, if the zaak is there yet.
CREATE TRIGGER zgw_rollen_list_insert AFTER INSERT ON zgw_rollen
BEGIN
  UPDATE zgw_rollen SET zaak_closed = z.einddatum IS NOT NULL,
                        zaak_start = COALESCE(z.startdatum, '')
  FROM (SELECT einddatum, startdatum FROM zgw_zaken WHERE uuid = NEW.zaak_uuid) z
  WHERE zgw_rollen.uuid = NEW.uuid;
END;
CREATE TRIGGER zgw_rollen_list_move AFTER UPDATE OF zaak_uuid ON zgw_rollen
WHEN OLD.zaak_uuid IS NOT NEW.zaak_uuid
BEGIN
  UPDATE zgw_rollen SET zaak_closed = z.einddatum IS NOT NULL,
                        zaak_start = COALESCE(z.startdatum, '')
  FROM (SELECT einddatum, startdatum FROM zgw_zaken WHERE uuid = NEW.zaak_uuid) z
  WHERE zgw_rollen.uuid = NEW.uuid;
END;
-- A zaak stored after its rollen, or closed, reopened or given another start date: its rollen
-- follow.
CREATE TRIGGER zgw_zaken_list_insert AFTER INSERT ON zgw_zaken
BEGIN
  UPDATE zgw_rollen SET zaak_closed = NEW.einddatum IS NOT NULL,
                        zaak_start = COALESCE(NEW.startdatum, '')
  WHERE zaak_uuid = NEW.uuid AND (zaak_closed IS NOT (NEW.einddatum IS NOT NULL)
                                  OR zaak_start IS NOT COALESCE(NEW.startdatum, ''));
END;
CREATE TRIGGER zgw_zaken_list_update AFTER UPDATE OF einddatum, startdatum ON zgw_zaken
BEGIN
  UPDATE zgw_rollen SET zaak_closed = NEW.einddatum IS NOT NULL,
                        zaak_start = COALESCE(NEW.startdatum, '')
  WHERE zaak_uuid = NEW.uuid AND (zaak_closed IS NOT (NEW.einddatum IS NOT NULL)
                                  OR zaak_start IS NOT COALESCE(NEW.startdatum, ''));
END;
