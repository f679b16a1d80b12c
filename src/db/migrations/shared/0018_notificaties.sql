-- The Notificaties API (NRC): kanalen and abonnementen (as the other ZGW tables: `data` holds the
-- representation, internal references relative), and the webhook deliveries to subscribers.

CREATE TABLE zgw_kanalen (
  uuid TEXT PRIMARY KEY,
  data TEXT NOT NULL,
  naam TEXT NOT NULL
);
CREATE UNIQUE INDEX zgw_kanalen_naam ON zgw_kanalen (naam);

-- The auth header value and the signing secret are encrypted (privacy/field_crypto), never in
-- `data`.
CREATE TABLE zgw_abonnementen (
  uuid TEXT PRIMARY KEY,
  data TEXT NOT NULL,
  callback_url TEXT NOT NULL,
  auth_sealed TEXT,
  secret_sealed TEXT
);

-- Which abonnement listens to which kanaal, with its filters on the kenmerken (JSON object).
CREATE TABLE zgw_abonnement_kanalen (
  abonnement TEXT NOT NULL,
  kanaal TEXT NOT NULL,
  filters TEXT NOT NULL
);
CREATE INDEX zgw_abonnement_kanalen_kanaal ON zgw_abonnement_kanalen (kanaal);
CREATE INDEX zgw_abonnement_kanalen_abonnement ON zgw_abonnement_kanalen (abonnement);

-- One row per notification per subscriber: pending until a 2xx answer (delivered), parked after
-- retrying for at least a day. While a worker posts it, next_attempt_at is its lease end.
CREATE TABLE webhook_deliveries (
  id TEXT PRIMARY KEY,
  message_id TEXT NOT NULL,            -- the stable id receivers deduplicate on
  subscription TEXT NOT NULL,          -- the abonnement's uuid
  callback_url TEXT NOT NULL,
  auth_sealed TEXT NOT NULL,           -- encrypted; '' when none
  secret_sealed TEXT NOT NULL,         -- encrypted; '' when none
  body TEXT NOT NULL,                  -- the JSON message
  state TEXT NOT NULL CHECK (state IN ('pending', 'delivered', 'parked')),
  attempts INTEGER NOT NULL,
  created_at BIGINT NOT NULL,          -- milliseconds since the epoch
  next_attempt_at BIGINT NOT NULL,
  delivered_at BIGINT,
  last_error TEXT                      -- never a secret
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE state = 'pending';
CREATE INDEX webhook_deliveries_state ON webhook_deliveries (state) WHERE state <> 'delivered';
CREATE INDEX webhook_deliveries_delivered ON webhook_deliveries (delivered_at)
  WHERE state = 'delivered';

-- The kanalen of the standard, with the kenmerken their notifications carry.
INSERT INTO zgw_kanalen (uuid, naam, data) VALUES
 ('6c1a3b52-9d3e-4c51-8f0a-000000000001', 'zaken',
  '{"url":"/zgw/notificaties/api/v1/kanaal/6c1a3b52-9d3e-4c51-8f0a-000000000001","naam":"zaken","documentatieLink":"https://vng-realisatie.github.io/gemma-zaken/standaard/zaken/","filters":["bronorganisatie","zaaktype","vertrouwelijkheidaanduiding"]}'),
 ('6c1a3b52-9d3e-4c51-8f0a-000000000002', 'documenten',
  '{"url":"/zgw/notificaties/api/v1/kanaal/6c1a3b52-9d3e-4c51-8f0a-000000000002","naam":"documenten","documentatieLink":"https://vng-realisatie.github.io/gemma-zaken/standaard/documenten/","filters":["bronorganisatie","informatieobjecttype","vertrouwelijkheidaanduiding"]}'),
 ('6c1a3b52-9d3e-4c51-8f0a-000000000003', 'besluiten',
  '{"url":"/zgw/notificaties/api/v1/kanaal/6c1a3b52-9d3e-4c51-8f0a-000000000003","naam":"besluiten","documentatieLink":"https://vng-realisatie.github.io/gemma-zaken/standaard/besluiten/","filters":["verantwoordelijkeOrganisatie","besluittype"]}'),
 ('6c1a3b52-9d3e-4c51-8f0a-000000000004', 'autorisaties',
  '{"url":"/zgw/notificaties/api/v1/kanaal/6c1a3b52-9d3e-4c51-8f0a-000000000004","naam":"autorisaties","documentatieLink":"https://vng-realisatie.github.io/gemma-zaken/standaard/autorisaties/","filters":[]}');
