-- A mandate registered by staff holds only for the cases of the registering staff member's
-- organisation, up to the confidentiality level they may see; one the person gave themselves
-- holds for each of their cases (both columns NULL).
ALTER TABLE mandates ADD COLUMN organisation_id TEXT REFERENCES organisations (id);
ALTER TABLE mandates ADD COLUMN max_confidentiality INTEGER
  CHECK (max_confidentiality BETWEEN 0 AND 7);
-- Mandates registered before: the organisation where the staff member registers mandates when
-- that is one organisation; otherwise none, and the mandate covers no case until it is
-- registered again (failing closed). Level 5 (confidentieel) is what staff may see.
UPDATE mandates SET
  organisation_id = CASE
    WHEN (SELECT COUNT(DISTINCT r.organisation_id) FROM staff_roles r
          WHERE r.account_id = mandates.granted_by_staff
            AND r.role IN ('case-worker', 'administrator')) = 1
    THEN (SELECT MIN(r.organisation_id) FROM staff_roles r
          WHERE r.account_id = mandates.granted_by_staff
            AND r.role IN ('case-worker', 'administrator'))
  END,
  max_confidentiality = 5
WHERE granted_by = 'staff';
