// See product_lookup.hpp; the products table is product_store's (migration 0019).
#include "catalog/product_lookup.hpp"

#include <string>

namespace loket::catalog {

namespace {
constexpr std::string_view kProductOfCaseType =
    "SELECT data FROM products WHERE zaaktype_uuid = $1 ORDER BY id";
}

std::optional<Product> product_of_case_type(db::Connection& c, std::string_view zaaktype_uuid) {
  auto rows = c.query(kProductOfCaseType, {std::string(zaaktype_uuid)});
  if (rows.empty()) return std::nullopt;
  return parse_product(rows[0].text(0));
}

}  // namespace loket::catalog
