-- The ZGW adapter's shared tables: the clients that may call it (Autorisaties API) and the
-- audit trail. Each ZGW resource keeps its whole representation as JSON in `data` (internal
-- references relative, "/zgw/..."), plus the columns it is filtered, ordered and guarded by.
CREATE TABLE zgw_applicaties (
  uuid TEXT PRIMARY KEY,
  data TEXT NOT NULL,
  label TEXT NOT NULL,
  heeft_alle_autorisaties INTEGER NOT NULL
);
-- A client_id identifies one application only (gedragsregels: uniciteit van client_ids).
CREATE TABLE zgw_client_ids (
  client_id TEXT PRIMARY KEY,
  applicatie TEXT NOT NULL REFERENCES zgw_applicaties (uuid) ON DELETE CASCADE
);
CREATE INDEX zgw_client_ids_applicatie ON zgw_client_ids (applicatie);
-- The shared secret a client signs its tokens with, encrypted (it must be read back to check
-- an HMAC, so it cannot be hashed).
CREATE TABLE zgw_client_secrets (
  client_id TEXT PRIMARY KEY,
  secret_enc TEXT NOT NULL
);
-- Every change to the clients, so that every process can drop its cache at once.
CREATE TABLE zgw_autorisaties_version (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  version BIGINT NOT NULL
);
INSERT INTO zgw_autorisaties_version (id, version) VALUES (1, 0);
CREATE TABLE zgw_audittrail (
  uuid TEXT PRIMARY KEY,
  hoofd_object TEXT NOT NULL,             -- relative URL of the main object (the zaak)
  aanmaakdatum TEXT NOT NULL,
  data TEXT NOT NULL
);
CREATE INDEX zgw_audittrail_hoofd_object ON zgw_audittrail (hoofd_object, aanmaakdatum);
