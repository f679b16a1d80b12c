// The JSON door's check of an application's answers against its product's form (JSON Schema,
// valijson), the same check the form pages make step by step, so an app cannot send what the
// pages would refuse.
#pragma once

#include <boost/json/object.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/product_store.hpp"
#include "http/error.hpp"

namespace loket::web {

// The problems of `answers_json` (an object's text, "" for none) for the product published as
// zaaktype `case_type_id`, each naming its field as "answers.<name>"; empty when the answers
// fit, and also when the case type is no product of the catalogue (a ZGW-only zaaktype has no
// form to check against).
std::vector<http::InvalidParam> check_answers(catalog::ProductCatalogue& products,
                                              std::string_view case_type_id,
                                              std::string_view answers_json);
// The same for answers already parsed (the JSON door's request body).
std::vector<http::InvalidParam> check_answers(catalog::ProductCatalogue& products,
                                              std::string_view case_type_id,
                                              const boost::json::object& answers);

}  // namespace loket::web
