-- A business in a rol (a vestiging with its KvK number) is found the way a resident is: the
-- number is kept encrypted in `kvk_enc`, its blind index in `kvk_index`, never in plain text.
ALTER TABLE zgw_rollen ADD COLUMN kvk_enc TEXT;
ALTER TABLE zgw_rollen ADD COLUMN kvk_index TEXT;
CREATE INDEX zgw_rollen_kvk_index ON zgw_rollen (kvk_index, zaak_uuid);
