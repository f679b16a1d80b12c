// See product_edit.hpp.
#include "catalog/product_edit.hpp"

#include <boost/json.hpp>
#include <initializer_list>
#include <stdexcept>
#include <string_view>

namespace loket::catalog {
namespace json = boost::json;

namespace {

constexpr std::size_t kMaxParts = 20;  // statuses, documents

json::object local(const LocalText& t) { return {{"nl", t.nl}, {"en", t.en}}; }

// The object without its version fields: whether a part changed, apart from its number.
json::object without(json::object o, std::initializer_list<std::string_view> keys) {
  for (auto k : keys) o.erase(k);
  return o;
}

// The field of the edit a check_product message is about ("form.steps.x.title: ..." → form).
// parse_product's messages begin "product ID: " and may name a top-level field as ".term".
std::string field_of(std::string_view message) {
  if (message.starts_with("product ")) {
    auto colon = message.find(": ");
    if (colon != std::string_view::npos) message.remove_prefix(colon + 2);
  }
  if (message.starts_with(".")) message.remove_prefix(1);
  auto head = message.substr(0, message.find_first_of(".:"));
  for (const char* f : {"name", "summary", "term", "extension", "decidedBy", "fee", "statuses",
                        "documents", "form", "automation"}) {
    if (head == f) return f;
  }
  return "product";
}

// JSON text that must be an object; a problem naming `field` when it is not.
std::optional<json::object> object_of(const std::string& text, const std::string& field,
                                      std::vector<EditProblem>& problems) {
  try {
    auto v = json::parse(text);
    if (v.is_object()) return std::move(v.as_object());
    problems.push_back({field, "This must be one JSON object, in { and }."});
  } catch (const std::exception& e) {
    problems.push_back({field, std::string("This is no valid JSON: ") + e.what() + "."});
  }
  return std::nullopt;
}

}  // namespace

ProductEdit edit_of(const Product& p) {
  ProductEdit e;
  e.name = p.name;
  e.summary = p.summary;
  e.term = p.term;
  e.extension = p.extension.value_or("");
  e.decided_by = p.decided_by;
  if (p.fee) {
    e.fee_amount = p.fee->amount;
    e.fee_text = p.fee->text;
  }
  if (const auto* f = p.source.if_contains("form")) e.form = json::serialize(*f);
  if (const auto* a = p.source.if_contains("automation"); a && a->is_object()) {
    e.automation = json::serialize(*a);
  }
  e.statuses = p.statuses;
  e.documents = p.documents;
  return e;
}

EditOutcome apply_edit(const Product& current, const ProductEdit& edit, const std::string& today) {
  EditOutcome out;
  json::object next = current.source;
  next["name"] = local(edit.name);
  next["summary"] = local(edit.summary);
  next["term"] = edit.term;
  next["extension"] = edit.extension.empty() ? json::value(nullptr) : json::value(edit.extension);
  next["decidedBy"] = edit.decided_by;
  if (edit.fee_amount.empty()) {
    next["fee"] = nullptr;
  } else {
    next["fee"] = json::object{
        {"amount", edit.fee_amount}, {"currency", "EUR"}, {"text", local(edit.fee_text)}};
  }

  // The lists as the product file writes them; compared with the current product's in the same
  // shape, so that an unchanged list keeps its file as it was.
  auto statuses_json = [](const std::vector<ProductStatus>& list) {
    json::array out;
    for (const auto& st : list) {
      out.push_back({{"name", local(st.name)}, {"text", local(st.text)}, {"notify", st.notify}});
    }
    return out;
  };
  auto documents_json = [](const std::vector<ProductDocument>& list) {
    json::array out;
    for (const auto& d : list) {
      json::object o{{"name", local(d.name)}, {"required", d.required}};
      if (!d.hint.nl.empty() || !d.hint.en.empty()) o["hint"] = local(d.hint);
      out.push_back(std::move(o));
    }
    return out;
  };
  if (edit.statuses.size() > kMaxParts) {
    out.problems.push_back({"statuses", "At most 20 statuses."});
  }
  if (edit.documents.size() > kMaxParts) {
    out.problems.push_back({"documents", "At most 20 documents."});
  }
  auto statuses = statuses_json(edit.statuses);
  if (statuses != statuses_json(current.statuses)) next["statuses"] = std::move(statuses);
  auto documents = documents_json(edit.documents);
  bool documents_changed = documents != documents_json(current.documents);
  if (documents_changed) next["documents"] = std::move(documents);

  if (auto form = object_of(edit.form, "form", out.problems)) {
    const auto* before = current.source.if_contains("form");
    bool changed = !before || !before->is_object() || documents_changed ||
                   without(before->as_object(), {"version"}) != without(*form, {"version"});
    (*form)["version"] = current.form.version + (changed ? 1 : 0);
    next["form"] = std::move(*form);
  }
  if (edit.automation.empty()) {
    next.erase("automation");
  } else if (auto rules = object_of(edit.automation, "automation", out.problems)) {
    const auto* before = current.source.if_contains("automation");
    const json::object* old = before && before->is_object() ? &before->as_object() : nullptr;
    bool changed =
        !old || without(*old, {"version", "since"}) != without(*rules, {"version", "since"});
    std::int64_t version = 0;
    if (old) {
      if (const auto* v = old->if_contains("version"); v && v->is_int64()) version = v->as_int64();
    }
    if (changed) {
      (*rules)["version"] = version + 1;
      (*rules)["since"] = today;
    } else {
      (*rules)["version"] = version;
      if (const auto* s = old->if_contains("since")) (*rules)["since"] = *s;
    }
    next["automation"] = std::move(*rules);
  }
  if (!out.problems.empty()) return out;

  Product p;
  try {
    p = parse_product(json::serialize(next));
  } catch (const std::exception& e) {
    std::string why = e.what();
    out.problems.push_back({field_of(why), why});
    return out;
  }
  for (auto& why : check_product(p)) out.problems.push_back({field_of(why), std::move(why)});
  if (!out.problems.empty()) return out;
  out.changed = p.source != current.source;
  out.product = std::move(p);
  return out;
}

}  // namespace loket::catalog
