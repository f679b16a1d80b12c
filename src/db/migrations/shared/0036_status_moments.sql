-- datum_status_gezet orders a zaak's statuses and decides which is current. It held the text a
-- client sent, compared as text: "…:15Z" sorted after "…:15.718Z", a moment later in the same
-- second. From now on it holds every moment in one form, UTC to the microsecond
-- ("2026-12-01T15:40:15.718000Z"); here the values written before in the two forms Loket itself
-- wrote ("…:15Z" and "…:15.718Z", fraction up to six digits) get it too. A value with an offset
-- keeps its text (no client of the demo or the tests sent one).
UPDATE zgw_statussen SET datum_status_gezet =
  substr(datum_status_gezet, 1, 19) || '.000000Z'
  WHERE length(datum_status_gezet) = 20 AND substr(datum_status_gezet, 20, 1) = 'Z';
UPDATE zgw_statussen SET datum_status_gezet =
  substr(datum_status_gezet, 1, length(datum_status_gezet) - 1)
  || substr('000000', 1, 27 - length(datum_status_gezet)) || 'Z'
  WHERE length(datum_status_gezet) BETWEEN 22 AND 26 AND substr(datum_status_gezet, 20, 1) = '.'
  AND substr(datum_status_gezet, length(datum_status_gezet), 1) = 'Z';
