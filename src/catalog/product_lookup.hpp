// The published product a zaaktype was made from, read in the caller's transaction (the
// automatic decision's, in the transaction that consumes case.created).
#pragma once

#include <optional>
#include <string_view>

#include "catalog/product.hpp"
#include "db/database.hpp"

namespace loket::catalog {

std::optional<Product> product_of_case_type(db::Connection& c, std::string_view zaaktype_uuid);

}  // namespace loket::catalog
