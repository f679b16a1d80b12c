-- A party's case list (issues 9, 12) is one index range scan of their roles: each rol carries
-- its zaak's list order (closed or not, start date), kept in step by triggers whoever writes
-- zgw_zaken or zgw_rollen, so "open first, then newest first" is the order of an index on
-- (blind index, closed, start, zaak) and a page reads a page's worth of index entries.
ALTER TABLE zgw_rollen ADD COLUMN zaak_closed INTEGER NOT NULL DEFAULT 0;
ALTER TABLE zgw_rollen ADD COLUMN zaak_start TEXT NOT NULL DEFAULT '';
UPDATE zgw_rollen SET zaak_closed = CASE WHEN z.einddatum IS NULL THEN 0 ELSE 1 END,
                      zaak_start = COALESCE(z.startdatum, '')
  FROM zgw_zaken z WHERE z.uuid = zgw_rollen.zaak_uuid;
CREATE INDEX zgw_rollen_bsn_list ON zgw_rollen
  (bsn_index, zaak_closed, zaak_start DESC, zaak_uuid, uuid)
  WHERE bsn_index IS NOT NULL;
CREATE INDEX zgw_rollen_kvk_list ON zgw_rollen
  (kvk_index, zaak_closed, zaak_start DESC, zaak_uuid, uuid)
  WHERE kvk_index IS NOT NULL;

-- A new rol (or one moved to another zaak) takes its zaak's order, if the zaak is there yet.
CREATE FUNCTION zgw_rollen_list_fill() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  closed INTEGER;
  start TEXT;
BEGIN
  SELECT CASE WHEN z.einddatum IS NULL THEN 0 ELSE 1 END, COALESCE(z.startdatum, '')
    INTO closed, start FROM zgw_zaken z WHERE z.uuid = NEW.zaak_uuid;
  IF FOUND THEN
    NEW.zaak_closed := closed;
    NEW.zaak_start := start;
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER zgw_rollen_list_fill BEFORE INSERT OR UPDATE OF zaak_uuid ON zgw_rollen
FOR EACH ROW EXECUTE FUNCTION zgw_rollen_list_fill();

-- A zaak stored after its rollen, or closed, reopened or given another start date: its rollen
-- follow.
CREATE FUNCTION zgw_zaken_list_sync() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE zgw_rollen SET zaak_closed = CASE WHEN NEW.einddatum IS NULL THEN 0 ELSE 1 END,
                        zaak_start = COALESCE(NEW.startdatum, '')
  WHERE zaak_uuid = NEW.uuid
    AND (zaak_closed, zaak_start) IS DISTINCT FROM
        (CASE WHEN NEW.einddatum IS NULL THEN 0 ELSE 1 END, COALESCE(NEW.startdatum, ''));
  RETURN NULL;
END
$$;
CREATE TRIGGER zgw_zaken_list_sync AFTER INSERT OR UPDATE OF einddatum, startdatum ON zgw_zaken
FOR EACH ROW EXECUTE FUNCTION zgw_zaken_list_sync();
