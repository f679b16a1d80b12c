-- The back office at 100,000 open cases (issue 13). Open cases are a third of an organisation's
-- cases, and their deadlines lie after nearly all closed ones': a queue of open cases by
-- deadline read zgw_zaken_queue_deadline past every closed case first. This index holds the open
-- cases alone, with what the queue filters on (level, assignee, product) and what the dashboard
-- groups them by (product), so a page, its capped counts and the open figure read the index only.
CREATE INDEX zgw_zaken_queue_open ON zgw_zaken
  (bronorganisatie, (COALESCE(uiterlijke_einddatum_afdoening, '9999-12-31')), uuid,
   vertrouwelijkheid, assignee, zaaktype, einddatum)
  WHERE einddatum IS NULL;
-- The dashboard's cases received since a date, per product and day, from the index alone.
-- Not in the queue's start-date index: with the product there, that index would hold all a
-- query of open cases per product needs, and SQLite would scan it (all of an organisation's
-- cases) instead of the open cases' index.
CREATE INDEX zgw_zaken_received ON zgw_zaken
  (bronorganisatie, startdatum, vertrouwelijkheid, zaaktype);
-- The dashboard's cases closed since a date, with what it computes from them; closed cases
-- only, so that no query of open ones (einddatum IS NULL) takes it.
CREATE INDEX zgw_zaken_closed ON zgw_zaken
  (bronorganisatie, einddatum, vertrouwelijkheid, zaaktype, startdatum,
   uiterlijke_einddatum_afdoening, assignee)
  WHERE einddatum IS NOT NULL;
-- A staff member's open cases ("mine" above the queue, the queue of one assignee): a few among
-- an organisation's open cases, found by the two equalities instead of a scan of them all.
CREATE INDEX zgw_zaken_open_assignee ON zgw_zaken (assignee, bronorganisatie, vertrouwelijkheid)
  WHERE einddatum IS NULL AND assignee IS NOT NULL;
