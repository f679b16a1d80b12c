-- Teams of an organisation's staff (issue 13: a work queue per organisation and team). A team
-- has members (staff accounts) and the products whose cases it handles; a product is routed to
-- at most one team. The work queue's team filter shows the cases of the team's products, of
-- every version of them (products and product_versions name their zaaktypen).
CREATE TABLE teams (
  id TEXT PRIMARY KEY,              -- uuid
  organisation_id TEXT NOT NULL,
  name TEXT NOT NULL,
  created_at TEXT NOT NULL,         -- RFC 3339
  UNIQUE (organisation_id, name)
);
CREATE TABLE team_members (
  team_id TEXT NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
  staff_id TEXT NOT NULL,
  PRIMARY KEY (team_id, staff_id)
);
CREATE INDEX team_members_staff ON team_members (staff_id);
CREATE TABLE team_products (
  product_id TEXT PRIMARY KEY,
  team_id TEXT NOT NULL REFERENCES teams (id) ON DELETE CASCADE
);
CREATE INDEX team_products_team ON team_products (team_id);
