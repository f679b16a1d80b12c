// `loket seed`: the portal's products (catalog/products/*.json) published as ZGW zaaktypen,
// through the Catalogi API's own rules, so other systems see the same catalogue: per
// organisation a catalogus "LOKET", per product a zaaktype with its statustypen (the resident's
// text), resultaattypen, the initiator's roltype and the informatieobjecttypen it asks for.
#pragma once

#include <vector>

#include "catalog/product.hpp"
#include "standards/zgw/api.hpp"

namespace loket::zgw {

struct CataloguePublished {
  int zaaktypen = 0;  // published now (0 on a second run: nothing changes)
  int products = 0;   // product rows inserted or changed
};

// Idempotent: a product whose zaaktype (by its uuid in the file) exists is left as it is.
// Throws std::runtime_error when an organisation of a product is missing (run the demo seed
// first) or when the Catalogi API refuses a type.
CataloguePublished publish_products(Api& api, const std::vector<catalog::Product>& products);

}  // namespace loket::zgw
