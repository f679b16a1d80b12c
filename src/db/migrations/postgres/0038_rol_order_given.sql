-- Fewer statements for each submitted case (issue 9). A rol the case store inserts carries its
-- zaak's list order (open, start date); the trigger of 0027 looked the zaak up for every new rol
-- all the same. On insert it now runs only for a rol inserted without an order (the ZGW door's,
-- a party added later); a rol moved to another zaak still takes that zaak's order.
DROP TRIGGER zgw_rollen_list_fill ON zgw_rollen;
CREATE TRIGGER zgw_rollen_list_fill BEFORE INSERT ON zgw_rollen
FOR EACH ROW WHEN (NEW.zaak_start = '') EXECUTE FUNCTION zgw_rollen_list_fill();
CREATE TRIGGER zgw_rollen_list_move BEFORE UPDATE OF zaak_uuid ON zgw_rollen
FOR EACH ROW EXECUTE FUNCTION zgw_rollen_list_fill();
