-- Fewer writes for each submitted case (issue 9). A rol the case store inserts carries its zaak's
-- list order (open, start date); the trigger of 0027 looked the zaak up and updated every new
-- rol again all the same, rewriting the row and its list index entry. It now does so only for a
-- rol inserted without an order (the ZGW door's, a party added later).
DROP TRIGGER zgw_rollen_list_insert;
CREATE TRIGGER zgw_rollen_list_insert AFTER INSERT ON zgw_rollen
WHEN NEW.zaak_start = ''
BEGIN
  UPDATE zgw_rollen SET zaak_closed = z.einddatum IS NOT NULL,
                        zaak_start = COALESCE(z.startdatum, '')
  FROM (SELECT einddatum, startdatum FROM zgw_zaken WHERE uuid = NEW.zaak_uuid) z
  WHERE zgw_rollen.uuid = NEW.uuid;
END;
