// `loket seed`: the portal's products (catalog/products/*.json) published as ZGW zaaktypen,
// through the Catalogi API's own rules, so other systems see the same catalogue: per
// organisation a catalogus "LOKET", per product a zaaktype with its statustypen (the resident's
// text), resultaattypen, the initiator's roltype, the informatieobjecttypen it asks for and the
// one of the case worker's documents (kStaffDocumentType).
#pragma once

#include <string_view>
#include <vector>

#include "catalog/product.hpp"
#include "standards/zgw/api.hpp"

namespace loket::zgw {

// The informatieobjecttype of the documents a case worker adds to a case, in every product's
// catalogus and zaaktype (richting "uitgaand").
inline constexpr std::string_view kStaffDocumentType = "Document van de behandelaar";

struct CataloguePublished {
  int zaaktypen = 0;  // published now (0 on a second run: nothing changes)
  int products = 0;   // product rows inserted or changed
};

// Idempotent: a product whose zaaktype (by its uuid in the file) exists is left as it is.
// Throws std::runtime_error when an organisation of a product is missing (run the demo seed
// first) or when the Catalogi API refuses a type.
CataloguePublished publish_products(Api& api, const std::vector<catalog::Product>& products);

// An administrator's new version of a product (catalog::apply_edit made and checked it): a new
// zaaktype version with the same identificatie, valid from today, with its statustypen,
// resultaattypen and a new besluittype version when it decides automatically; the current
// zaaktype and its besluittypen end yesterday, so cases submitted under them keep them. The
// product row becomes `next` and both versions are recorded (catalog::claim_product_version
// and complete_product_version). Returns the new version's number. Throws http::Error 409,
// naming `product`, when the product got a version today already (versions follow each other
// by the day) or when another publish of it came first.
int publish_product_version(Api& api, const catalog::Product& current, catalog::Product next,
                            const std::string& by);

}  // namespace loket::zgw
