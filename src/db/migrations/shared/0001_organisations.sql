-- Organisations: municipalities, provinces, water boards; each has its own catalogue later.
CREATE TABLE organisations (
  id TEXT PRIMARY KEY,               -- UUID
  name TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('municipality', 'province', 'water-board')),
  oin TEXT NOT NULL UNIQUE,          -- Organisatie-identificatienummer, 20 digits
  created_at TEXT NOT NULL
);
CREATE INDEX organisations_name ON organisations (name, id);
