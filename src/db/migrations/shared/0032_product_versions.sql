-- Every published version of a product (issue 13, an administrator publishes a new one): the
-- file as it was, the zaaktype version it was published as, who published it and when. The
-- products row holds the version in force; a case keeps the zaaktype of the version it was
-- submitted under, and finds that version's product here (catalog/product_lookup).
CREATE TABLE product_versions (
  product_id TEXT NOT NULL,
  version INTEGER NOT NULL,         -- 1, 2, ... per product
  zaaktype_uuid TEXT NOT NULL,
  data TEXT NOT NULL,               -- the product file (JSON)
  published_at TEXT NOT NULL,       -- RFC 3339
  published_by TEXT NOT NULL,       -- staff account id; 'seed' for the catalogue file
  PRIMARY KEY (product_id, version)
);
CREATE INDEX product_versions_zaaktype ON product_versions (zaaktype_uuid);
