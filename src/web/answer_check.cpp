// See answer_check.hpp. The product is found by its zaaktype among the cached catalogue.
#include "web/answer_check.hpp"

#include <boost/json.hpp>

namespace loket::web {

std::vector<http::InvalidParam> check_answers(catalog::ProductCatalogue& products,
                                              std::string_view case_type_id,
                                              std::string_view answers_json) {
  boost::json::object answers;
  if (!answers_json.empty()) {
    try {
      auto v = boost::json::parse(answers_json);
      if (v.is_object()) answers = std::move(v.as_object());
    } catch (const std::exception&) {
      return {{"answers", "invalid", "An object of answers."}};
    }
  }
  return check_answers(products, case_type_id, answers);
}

std::vector<http::InvalidParam> check_answers(catalog::ProductCatalogue& products,
                                              std::string_view case_type_id,
                                              const boost::json::object& answers) {
  auto all = products.all();
  const catalog::Product* product = nullptr;
  for (const auto& p : *all) {
    if (p.zaaktype_uuid == case_type_id) product = &p;
  }
  if (!product) return {};
  std::vector<http::InvalidParam> out;
  // A field the form does not have: named, so an app learns of a typo instead of losing data.
  for (const auto& kv : answers) {
    if (!product->field(kv.key())) {
      out.push_back({"answers." + std::string(kv.key()), "unknown",
                     "This form has no question with this name."});
    }
  }
  for (const auto& e : catalog::validate_answers(*product, answers)) {
    // additionalProperties refuses an unknown field again; it is named once.
    if (answers.contains(e.field) && !product->field(e.field)) continue;
    std::string reason = e.code == "required"   ? "This question must be answered."
                         : e.code == "too-long" ? "The answer is too long."
                                                : "The answer does not fit the question.";
    // The whole schema's verdict (a rule across fields) names the answers as a whole.
    out.push_back(
        {e.field == "answers" ? e.field : "answers." + e.field, e.code, std::move(reason)});
  }
  return out;
}

}  // namespace loket::web
