// Reading product files and checking answers against their form: valijson runs the JSON
// Schema, the presentation decides which questions apply.
#include "catalog/product.hpp"

#include <boost/json.hpp>
#include <charconv>
#include <set>
#include <stdexcept>
#include <valijson/adapters/boost_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validator.hpp>

#include "catalog/automation.hpp"
#include "catalog/case_type.hpp"

namespace loket::catalog {
namespace json = boost::json;

namespace {

// The reading context: which product and field a problem is in.
struct Reader {
  std::string product;

  [[noreturn]] void fail(std::string_view field, std::string_view why) const {
    throw std::runtime_error("product " + product + ": " + std::string(field) + ": " +
                             std::string(why));
  }
  const json::value& at(const json::object& o, std::string_view key, std::string_view where) const {
    const auto* v = o.if_contains(key);
    if (!v) fail(std::string(where) + "." + std::string(key), "missing");
    return *v;
  }
  std::string str(const json::object& o, std::string_view key, std::string_view where) const {
    const auto& v = at(o, key, where);
    if (!v.is_string()) fail(std::string(where) + "." + std::string(key), "not text");
    return std::string(v.as_string());
  }
  std::string opt_str(const json::object& o, std::string_view key) const {
    const auto* v = o.if_contains(key);
    return v && v->is_string() ? std::string(v->as_string()) : std::string();
  }
  const json::object& obj(const json::value& v, std::string_view where) const {
    if (!v.is_object()) fail(where, "not an object");
    return v.as_object();
  }
  const json::array& arr(const json::object& o, std::string_view key,
                         std::string_view where) const {
    const auto& v = at(o, key, where);
    if (!v.is_array()) fail(std::string(where) + "." + std::string(key), "not a list");
    return v.as_array();
  }
  LocalText text(const json::object& o, std::string_view key, std::string_view where,
                 bool optional = false) const {
    const auto* v = o.if_contains(key);
    if (!v) {
      if (optional) return {};
      fail(std::string(where) + "." + std::string(key), "missing");
    }
    const auto& t = obj(*v, std::string(where) + "." + std::string(key));
    return {opt_str(t, "nl"), opt_str(t, "en")};
  }
  std::optional<ShowIf> show_if(const json::object& o, std::string_view where) const {
    const auto* v = o.if_contains("showIf");
    if (!v) return std::nullopt;
    const auto& s = obj(*v, std::string(where) + ".showIf");
    return ShowIf{str(s, "field", where), str(s, "equals", where)};
  }
};

// valijson's Schema can be neither copied nor moved: filled in place.
void compile(const json::value& schema, valijson::Schema& out) {
  valijson::SchemaParser parser(valijson::SchemaParser::kDraft7);
  valijson::adapters::BoostJsonAdapter adapter(schema);
  parser.populateSchema(adapter, out);
}

bool valid(const json::value& schema, const json::value& value) {
  valijson::Schema compiled;
  compile(schema, compiled);
  valijson::Validator validator;
  valijson::adapters::BoostJsonAdapter target(value);
  return validator.validate(compiled, target, nullptr);
}

const json::object* property(const Product& p, std::string_view name) {
  const auto* props = p.form.schema.if_contains("properties");
  if (!props || !props->is_object()) return nullptr;
  const auto* prop = props->as_object().if_contains(name);
  return prop && prop->is_object() ? &prop->as_object() : nullptr;
}

bool listed(const json::value* list, std::string_view name) {
  if (!list || !list->is_array()) return false;
  for (const auto& v : list->as_array()) {
    if (v.is_string() && v.as_string() == name) return true;
  }
  return false;
}

// Required when shown: named in the schema's `required`, or in a conditional `then.required`
// (whose `if` is the question's showIf).
bool required(const Product& p, std::string_view name) {
  if (listed(p.form.schema.if_contains("required"), name)) return true;
  const auto* all = p.form.schema.if_contains("allOf");
  if (!all || !all->is_array()) return false;
  for (const auto& c : all->as_array()) {
    if (!c.is_object()) continue;
    const auto* then = c.as_object().if_contains("then");
    if (then && then->is_object() && listed(then->as_object().if_contains("required"), name)) {
      return true;
    }
  }
  return false;
}

bool too_long(const json::value& v) {
  if (v.is_string()) return v.as_string().size() > kMaxAnswerText;
  if (v.is_array()) {
    for (const auto& x : v.as_array()) {
      if (too_long(x)) return true;
    }
  }
  return false;
}

}  // namespace

const FormStep* Product::step(std::string_view id) const {
  for (const auto& s : form.steps) {
    if (s.id == id) return &s;
  }
  return nullptr;
}

const FormField* Product::field(std::string_view name) const {
  for (const auto& s : form.steps) {
    for (const auto& f : s.fields) {
      if (f.name == name) return &f;
    }
  }
  return nullptr;
}

Product parse_product(std::string_view json_text) {
  json::value doc;
  try {
    doc = json::parse(json_text);
  } catch (const std::exception& e) {
    throw std::runtime_error(std::string("a product file is no JSON: ") + e.what());
  }
  Reader r{"?"};
  const auto& o = r.obj(doc, "product");
  r.product = r.str(o, "id", "");
  Product p;
  p.source = o;
  p.id = r.product;
  p.organisation_id = r.str(o, "organisation", "");
  const auto& zt = r.obj(r.at(o, "zaaktype", ""), "zaaktype");
  p.zaaktype_uuid = r.str(zt, "uuid", "zaaktype");
  p.zaaktype_identificatie = r.str(zt, "identificatie", "zaaktype");
  p.name = r.text(o, "name", "");
  p.summary = r.text(o, "summary", "");
  for (const auto& k : r.arr(o, "keywords", "")) {
    if (k.is_string()) p.keywords.emplace_back(k.as_string());
  }
  p.audience = r.str(o, "audience", "");
  p.confidentiality = r.str(o, "confidentiality", "");
  p.term = r.str(o, "term", "");
  if (auto e = r.opt_str(o, "extension"); !e.empty()) p.extension = e;
  p.decided_by = r.str(o, "decidedBy", "");
  if (const auto* f = o.if_contains("fee"); f && f->is_object()) {
    const auto& fo = f->as_object();
    p.fee =
        Fee{r.str(fo, "amount", "fee"), r.str(fo, "currency", "fee"), r.text(fo, "text", "fee")};
  }
  for (const auto& s : r.arr(o, "statuses", "")) {
    const auto& so = r.obj(s, "statuses");
    const auto* n = so.if_contains("notify");
    p.statuses.push_back({r.text(so, "name", "statuses"), r.text(so, "text", "statuses"),
                          n && n->is_bool() && n->as_bool()});
  }
  for (const auto& s : r.arr(o, "results", "")) {
    const auto& so = r.obj(s, "results");
    p.results.push_back({r.text(so, "name", "results"), r.str(so, "generic", "results")});
  }
  for (const auto& d : r.arr(o, "documents", "")) {
    const auto& dobj = r.obj(d, "documents");
    const auto* req = dobj.if_contains("required");
    p.documents.push_back({r.text(dobj, "name", "documents"),
                           r.text(dobj, "hint", "documents", true),
                           req && req->is_bool() && req->as_bool()});
  }
  p.acting_for = r.opt_str(o, "actingFor");
  const auto& form = r.obj(r.at(o, "form", ""), "form");
  const auto& version = r.at(form, "version", "form");
  if (!version.is_int64() || version.as_int64() < 1 || version.as_int64() > 1'000'000) {
    r.fail("form.version", "not a positive whole number");
  }
  p.form.version = static_cast<int>(version.as_int64());
  p.form.schema = r.obj(r.at(form, "schema", "form"), "form.schema");
  for (const auto& s : r.arr(form, "steps", "form")) {
    const auto& so = r.obj(s, "form.steps");
    FormStep step;
    step.id = r.str(so, "id", "form.steps");
    auto where = "form.steps." + step.id;
    step.title = r.text(so, "title", where);
    step.show_if = r.show_if(so, where);
    for (const auto& f : r.arr(so, "fields", where)) {
      const auto& fo = r.obj(f, where + ".fields");
      FormField field;
      field.name = r.str(fo, "name", where);
      auto fwhere = where + "." + field.name;
      field.widget = r.str(fo, "widget", fwhere);
      field.label = r.text(fo, "label", fwhere);
      field.hint = r.text(fo, "hint", fwhere, true);
      field.error = r.text(fo, "error", fwhere, true);
      field.show_if = r.show_if(fo, fwhere);
      field.prefill = r.opt_str(fo, "prefill");
      field.autocomplete = r.opt_str(fo, "autocomplete");
      if (const auto* opts = fo.if_contains("options"); opts && opts->is_array()) {
        for (const auto& x : opts->as_array()) {
          const auto& xo = r.obj(x, fwhere + ".options");
          field.options.push_back({r.str(xo, "value", fwhere), r.text(xo, "label", fwhere)});
        }
      }
      step.fields.push_back(std::move(field));
    }
    p.form.steps.push_back(std::move(step));
  }
  return p;
}

std::vector<std::string> check_product(const Product& p) {
  std::vector<std::string> out;
  auto both = [&](const LocalText& t, const std::string& where) {
    if (t.nl.empty()) out.push_back(where + ": no Dutch text");
    if (t.en.empty()) out.push_back(where + ": no English text");
  };
  both(p.name, "name");
  both(p.summary, "summary");
  if (p.audience != "resident" && p.audience != "business")
    out.push_back("audience: resident or business");
  static const std::set<std::string, std::less<>> kLevels{
      "openbaar",      "beperkt_openbaar", "intern", "zaakvertrouwelijk",
      "vertrouwelijk", "confidentieel",    "geheim", "zeer_geheim"};
  if (!kLevels.contains(p.confidentiality)) out.push_back("confidentiality: not a ZGW level");
  if (auto why = check_term(p.term)) out.push_back("term: " + *why);
  if (p.extension) {
    if (auto why = check_term(*p.extension)) out.push_back("extension: " + *why);
  }
  if (p.decided_by != "automatic" && p.decided_by != "one" && p.decided_by != "two") {
    out.push_back("decidedBy: automatic, one or two");
  }
  if (p.fee) {
    double amount = 0;
    auto [ptr, ec] =
        std::from_chars(p.fee->amount.data(), p.fee->amount.data() + p.fee->amount.size(), amount);
    if (ec != std::errc() || ptr != p.fee->amount.data() + p.fee->amount.size() || amount <= 0) {
      out.push_back("fee.amount: a positive amount such as 78.50");
    }
    both(p.fee->text, "fee.text");
  }
  if (p.statuses.size() < 2) out.push_back("statuses: at least two (received and an end)");
  for (std::size_t i = 0; i < p.statuses.size(); ++i) {
    both(p.statuses[i].name, "statuses." + std::to_string(i) + ".name");
    both(p.statuses[i].text, "statuses." + std::to_string(i) + ".text");
  }
  if (p.results.empty()) out.push_back("results: at least one");
  for (const auto& r : p.results) {
    both(r.name, "results.name");
    if (r.generic != "toegekend" && r.generic != "geweigerd" && r.generic != "ingetrokken" &&
        r.generic != "afgehandeld") {
      out.push_back("results.generic: toegekend, geweigerd, ingetrokken or afgehandeld");
    }
  }
  for (const auto& d : p.documents) both(d.name, "documents.name");
  for (const auto& why : check_rule_set(p)) out.push_back("automation: " + why);
  if (p.form.steps.empty()) out.push_back("form.steps: at least one");
  try {
    valijson::Schema compiled;
    compile(json::value(p.form.schema), compiled);
  } catch (const std::exception& e) {
    out.push_back(std::string("form.schema: valijson refuses it: ") + e.what());
  }
  const auto* props = p.form.schema.if_contains("properties");
  if (!props || !props->is_object()) {
    out.push_back("form.schema.properties: missing");
    return out;
  }
  std::set<std::string, std::less<>> seen;
  static const std::set<std::string, std::less<>> kWidgets{
      "text", "textarea", "number", "date", "email", "tel", "radio", "checkboxes"};
  for (const auto& s : p.form.steps) {
    both(s.title, "form.steps." + s.id + ".title");
    if (s.show_if && !seen.contains(s.show_if->field)) {
      out.push_back("form.steps." + s.id + ".showIf: names no earlier question");
    }
    std::set<std::string, std::less<>> here;
    for (const auto& f : s.fields) {
      auto where = "form.steps." + s.id + "." + f.name;
      both(f.label, where + ".label");
      if (!kWidgets.contains(f.widget)) out.push_back(where + ".widget: unknown");
      if (!seen.insert(f.name).second) out.push_back(where + ": asked twice");
      if (f.show_if && !seen.contains(f.show_if->field)) {
        out.push_back(where + ".showIf: names no earlier question");
      }
      here.insert(f.name);
      const auto* prop = property(p, f.name);
      if (!prop) {
        out.push_back(where + ": no property in the schema");
        continue;
      }
      auto type = prop->if_contains("type");
      std::string t = type && type->is_string() ? std::string(type->as_string()) : "";
      if (t == "string" && !prop->contains("maxLength") && !prop->contains("enum") &&
          !prop->contains("pattern")) {
        out.push_back(where + ": a text without maxLength");
      }
      if ((f.widget == "radio" || f.widget == "checkboxes") && f.options.empty()) {
        out.push_back(where + ": a choice without options");
      }
      for (const auto& o : f.options) both(o.label, where + ".options." + o.value);
    }
  }
  for (const auto& kv : props->as_object()) {
    if (!seen.contains(kv.key())) {
      out.push_back("form.schema.properties." + std::string(kv.key()) + ": asked in no step");
    }
  }
  return out;
}

bool applies(const std::optional<ShowIf>& show_if, const json::object& answers) {
  if (!show_if) return true;
  const auto* v = answers.if_contains(show_if->field);
  return v && v->is_string() && v->as_string() == show_if->equals;
}

std::vector<const FormStep*> applying_steps(const Product& p, const json::object& answers) {
  std::vector<const FormStep*> out;
  for (const auto& s : p.form.steps) {
    if (applies(s.show_if, answers)) out.push_back(&s);
  }
  return out;
}

std::vector<AnswerError> validate_step(const Product& p, const FormStep& step,
                                       const json::object& answers) {
  std::vector<AnswerError> out;
  for (const auto& f : step.fields) {
    if (!applies(f.show_if, answers)) continue;
    const auto* v = answers.if_contains(f.name);
    if (!v || v->is_null()) {
      if (required(p, f.name)) out.push_back({f.name, "required"});
      continue;
    }
    if (too_long(*v)) {
      out.push_back({f.name, "too-long"});
      continue;
    }
    const auto* prop = property(p, f.name);
    json::object schema = prop ? *prop : json::object{};
    schema["$schema"] = "http://json-schema.org/draft-07/schema#";
    if (!valid(json::value(std::move(schema)), *v)) out.push_back({f.name, "invalid"});
  }
  return out;
}

json::object applying_answers(const Product& p, const json::object& answers) {
  json::object out;
  for (const auto* s : applying_steps(p, answers)) {
    for (const auto& f : s->fields) {
      if (!applies(f.show_if, answers)) continue;
      if (const auto* v = answers.if_contains(f.name); v && !v->is_null()) out[f.name] = *v;
    }
  }
  return out;
}

std::vector<AnswerError> validate_answers(const Product& p, const json::object& answers) {
  std::vector<AnswerError> out;
  for (const auto* s : applying_steps(p, answers)) {
    auto e = validate_step(p, *s, answers);
    out.insert(out.end(), e.begin(), e.end());
  }
  if (out.empty()) {
    for (const auto& kv : answers) {
      if (!p.field(kv.key())) out.push_back({std::string(kv.key()), "unknown"});
    }
  }
  if (out.empty() && !valid(json::value(p.form.schema), json::value(answers))) {
    out.push_back({"answers", "invalid"});
  }
  return out;
}

std::optional<json::value> coerce_answer(const Product& p, const FormField& field,
                                         const std::vector<std::string>& raw) {
  const auto* prop = property(p, field.name);
  std::string type;
  if (prop) {
    if (const auto* t = prop->if_contains("type"); t && t->is_string()) type = t->as_string();
  }
  if (type == "array") {
    json::array out;
    for (const auto& r : raw) {
      if (!r.empty()) out.emplace_back(r);
    }
    if (out.empty()) return std::nullopt;
    return json::value(std::move(out));
  }
  if (raw.empty()) return std::nullopt;
  std::string v = raw.front();
  // Spaces around what was typed are no part of the answer.
  while (!v.empty() &&
         (v.back() == ' ' || v.back() == '\t' || v.back() == '\r' || v.back() == '\n'))
    v.pop_back();
  std::size_t start = 0;
  while (start < v.size() && (v[start] == ' ' || v[start] == '\t')) ++start;
  v.erase(0, start);
  if (v.empty()) return std::nullopt;
  if (type == "integer") {
    std::int64_t n = 0;
    auto [ptr, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
    if (ec == std::errc() && ptr == v.data() + v.size()) return json::value(n);
  }
  return json::value(v);
}

}  // namespace loket::catalog
