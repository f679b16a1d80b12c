// See product_lookup.hpp; the products table is product_store's (migration 0019).
#include "catalog/product_lookup.hpp"

#include <string>

namespace loket::catalog {

namespace {
// The product in force, else the version the zaaktype was published as (a case submitted under
// an earlier version).
constexpr std::string_view kProductOfCaseType =
    "SELECT data FROM products WHERE zaaktype_uuid = $1 UNION ALL"
    " SELECT data FROM product_versions WHERE zaaktype_uuid = $1";
}  // namespace

std::optional<Product> product_of_case_type(db::Connection& c, std::string_view zaaktype_uuid) {
  auto rows = c.query(kProductOfCaseType, {std::string(zaaktype_uuid)});
  if (rows.empty()) return std::nullopt;
  return parse_product(rows[0].text(0));
}

}  // namespace loket::catalog
