// See product_admin.hpp. Only an administrator of the product's organisation; a product of
// another organisation is 404, as one that does not exist.
#include "web/product_admin.hpp"

#include <boost/json.hpp>
#include <chrono>
#include <cstdio>

#include "common/instant.hpp"
#include "http/error.hpp"
#include "http/form.hpp"
#include "http/json_body.hpp"
#include "identity/staff_store.hpp"
#include "web/admin_routes.hpp"
#include "web/redirect.hpp"

namespace loket::web {
namespace json = boost::json;
using ctemplate::TemplateDictionary;

namespace {

constexpr const char* kWhat = "manage the organisation's products";

// The page's input of an edit field, for the error summary's links.
std::string input_of(std::string_view field) {
  if (field == "name") return "product-name-nl";
  if (field == "summary") return "product-summary-nl";
  if (field == "term") return "product-term";
  if (field == "extension") return "product-extension";
  if (field == "decidedBy") return "product-decided-by";
  if (field == "fee") return "product-fee-amount";
  if (field == "automation") return "product-automation";
  if (field == "statuses") return "product-statuses";
  if (field == "documents") return "product-documents";
  return "product-form";
}

// A checker's message (catalog::check_product, apply_edit) in Dutch for the page, where its
// field names a part the administrator sees ("statuses.2.text: no English text" → "stap 3,
// uitleg: de Engelse tekst ontbreekt"); paths inside the form and rules JSON stay as they are,
// since that is where the administrator looks them up. Messages it does not know stay English.
std::string in_dutch(std::string_view message) {
  static const std::pair<std::string_view, std::string_view> kWhat[] = {
      {"no Dutch text", "de Nederlandse tekst ontbreekt"},
      {"no English text", "de Engelse tekst ontbreekt"},
      {"a positive amount such as 78.50", "geef een bedrag groter dan nul, zoals 78.50"},
      {"at least two (received and an end)",
       "er zijn minstens twee stappen: ontvangen en een einde"},
      {"automatic, one or two", "kies wie beslist"},
      {"names no earlier question", "verwijst niet naar een eerdere vraag"},
      {"asked twice", "wordt twee keer gevraagd"},
      {"no property in the schema", "staat niet in het schema"},
      {"a text without maxLength", "een tekst zonder maxLength"},
      {"a choice without options", "een keuzevraag zonder antwoorden"},
      {"asked in no step", "wordt in geen stap gevraagd"},
      {"at least one", "minstens één"},
      {"This must be one JSON object, in { and }.",
       "Dit moet één JSON-object zijn, tussen { en }."},
      {"At most 20 statuses.", "Hoogstens 20 stappen."},
      {"At most 20 documents.", "Hoogstens 20 documenten."},
  };
  static const std::pair<std::string_view, std::string_view> kWhere[] = {
      {"name", "naam"},         {"summary", "korte uitleg"},
      {"fee.amount", "bedrag"}, {"fee.text", "uitleg over de kosten"},
      {"statuses", "stappen"},  {"documents.name", "document, naam"},
      {"term", "termijn"},      {"extension", "verlenging"},
  };
  std::string where, what(message);
  if (auto colon = message.find(": "); colon != std::string_view::npos) {
    where = std::string(message.substr(0, colon));
    what = std::string(message.substr(colon + 2));
  }
  for (const auto& [en, nl] : kWhat) {
    if (what == en) what = nl;
  }
  if (what.starts_with("This is no valid JSON: ")) {
    what = "Dit is geen geldige JSON: " + what.substr(23);
  }
  if (where.empty()) return what;
  // statuses.N.name / statuses.N.text
  if (where.starts_with("statuses.")) {
    auto dot = where.find('.', 9);
    int n = 0;
    if (dot != std::string::npos) {
      for (char ch : where.substr(9, dot - 9)) n = n * 10 + (ch - '0');
      auto part = where.substr(dot + 1);
      where = "stap " + std::to_string(n + 1) + ", " + (part == "name" ? "naam" : "uitleg");
    }
  } else {
    for (const auto& [en, nl] : kWhere) {
      if (where == en) where = nl;
    }
  }
  return where + ": " + what;
}

// A JSON text field of the API body: {"nl","en"}.
bool read_local(const json::value& v, catalog::LocalText& out) {
  if (!v.is_object()) return false;
  const auto& o = v.as_object();
  for (const auto& kv : o) {
    if ((kv.key() != "nl" && kv.key() != "en") || !kv.value().is_string()) return false;
  }
  if (const auto* nl = o.if_contains("nl")) out.nl = std::string(nl->as_string());
  if (const auto* en = o.if_contains("en")) out.en = std::string(en->as_string());
  return true;
}

constexpr std::size_t kMaxRows = 21;  // the parts' limit (20) and one more, to be refused

// The statuses and documents of the product page's form: rows status-{i}-… and
// document-{i}-…, i from 0 up to the first row the form did not send; a row whose texts are
// all empty is left out (the empty row at the end adds one).
void read_rows(const http::Request& request, catalog::ProductEdit& edit) {
  auto text = [&](const std::string& name) { return http::form_text(request, name); };
  auto sent = [&](const std::string& name) {
    return http::find_form_field(request.body, name).state != http::FormField::State::Absent;
  };
  edit.statuses.clear();
  for (std::size_t i = 0; i <= kMaxRows; ++i) {
    auto p = "status-" + std::to_string(i) + "-";
    if (!sent(p + "name-nl")) break;
    catalog::ProductStatus st{{text(p + "name-nl"), text(p + "name-en")},
                              {text(p + "text-nl"), text(p + "text-en")},
                              !text(p + "notify").empty()};
    if (!(st.name.nl + st.name.en + st.text.nl + st.text.en).empty()) {
      edit.statuses.push_back(std::move(st));
    }
  }
  edit.documents.clear();
  for (std::size_t i = 0; i <= kMaxRows; ++i) {
    auto p = "document-" + std::to_string(i) + "-";
    if (!sent(p + "name-nl")) break;
    catalog::ProductDocument d{{text(p + "name-nl"), text(p + "name-en")},
                               {text(p + "hint-nl"), text(p + "hint-en")},
                               !text(p + "required").empty()};
    if (!(d.name.nl + d.name.en + d.hint.nl + d.hint.en).empty()) {
      edit.documents.push_back(std::move(d));
    }
  }
}

// The API's {"statuses": [{"name", "text", "notify"}]} and {"documents": [{"name", "hint",
// "required"}]}; false when the value is not such a list.
bool read_statuses(const json::value& v, std::vector<catalog::ProductStatus>& out) {
  if (!v.is_array()) return false;
  out.clear();
  for (const auto& e : v.as_array()) {
    const auto* o = e.if_object();
    catalog::ProductStatus st;
    if (!o || !o->if_contains("name") || !read_local(o->at("name"), st.name) ||
        !o->if_contains("text") || !read_local(o->at("text"), st.text)) {
      return false;
    }
    if (const auto* n = o->if_contains("notify")) {
      if (!n->is_bool()) return false;
      st.notify = n->as_bool();
    }
    out.push_back(std::move(st));
  }
  return true;
}

bool read_documents(const json::value& v, std::vector<catalog::ProductDocument>& out) {
  if (!v.is_array()) return false;
  out.clear();
  for (const auto& e : v.as_array()) {
    const auto* o = e.if_object();
    catalog::ProductDocument d;
    if (!o || !o->if_contains("name") || !read_local(o->at("name"), d.name)) return false;
    if (const auto* h = o->if_contains("hint"); h && !h->is_null() && !read_local(*h, d.hint)) {
      return false;
    }
    if (const auto* r = o->if_contains("required")) {
      if (!r->is_bool()) return false;
      d.required = r->as_bool();
    }
    out.push_back(std::move(d));
  }
  return true;
}

}  // namespace

struct ProductAdminDoor::Target {
  std::string org;
  identity::Subject admin;
  std::shared_ptr<const catalog::Product> product;  // null on the list page
};

ProductAdminDoor::ProductAdminDoor(identity::Auth& auth, Pages& pages,
                                   catalog::ProductCatalogue& products, PublishProduct publish)
    : auth_(auth), pages_(pages), products_(products), publish_(std::move(publish)) {}

void ProductAdminDoor::add_routes(http::Router& router) {
  using M = http::Method;
  router.add(M::Get, "/beheer/{id}/producten", [this](http::Request& r) { return list_page(r); });
  router.add(M::Get, "/beheer/{id}/producten/{product}",
             [this](http::Request& r) { return product_page(r); });
  router.add(M::Post, "/beheer/{id}/producten/{product}",
             [this](http::Request& r) { return product_post(r); });
  router.add(M::Get, "/api/v1/organisations/{id}/products/{product}/versions",
             [this](http::Request& r) { return versions_json(r); });
  router.add(M::Post, "/api/v1/organisations/{id}/products/{product}/versions",
             [this](http::Request& r) { return publish_json(r); });
}

ProductAdminDoor::Target ProductAdminDoor::target(const http::Request& request) {
  Target t{std::string(request.param("id")),
           require_administrator(auth_, request, std::string(request.param("id")), kWhat), nullptr};
  auto id = request.param("product");
  if (!id.empty()) {
    t.product = products_.find(id);
    if (!t.product || t.product->organisation_id != t.org) {
      throw http::NotFound("This organisation has no product with this name.");
    }
  }
  return t;
}

http::Response ProductAdminDoor::list_page(http::Request& request) {
  auto t = target(request);
  auto org = catalog::find_organisation(auth_.database(), t.org);
  auto all = products_.all();
  return no_store(pages_.render_page(
      request, "admin-products.tpl", "admin_products_title", t.admin,
      [&](TemplateDictionary& c, TemplateDictionary&, Lang lang) {
        auto l = code(lang);
        const auto& texts = pages_.texts();
        c.SetValue("ORG", t.org);
        c.SetValue("ORG_NAME", org ? org->name : std::string());
        for (const auto& p : *all) {
          if (p.organisation_id != t.org) continue;
          auto* d = c.AddSectionDictionary("PRODUCT");
          d->SetValue("ORG", t.org);
          d->SetValue("ID", p.id);
          d->SetValue("NAME", p.name.in(l));
          d->SetValue("TERM", term_text(texts, lang, p.term));
          d->SetValue("DECIDES", texts.get(lang, "admin_product_decided_" + p.decided_by));
          d->SetValue("FORM_VERSION", std::to_string(p.form.version));
        }
      }));
}

http::Response ProductAdminDoor::product_page(http::Request& request) {
  auto t = target(request);
  return no_store(render(request, t, nullptr, {}, nullptr, 200));
}

http::Response ProductAdminDoor::render(const http::Request& request, const Target& t,
                                        const catalog::ProductEdit* edit,
                                        const std::vector<catalog::EditProblem>& problems,
                                        const catalog::EditOutcome* preview, int status) {
  const auto& p = *t.product;
  auto shown = edit ? *edit : catalog::edit_of(p);
  struct Row {
    catalog::ProductVersion v;
    std::string by;
  };
  std::vector<Row> versions;
  auth_.database().read([&](db::Connection& c) {
    for (auto& v : catalog::product_versions(c, p.id)) {
      std::string by = v.published_by;
      if (by != "seed") {
        if (auto a = identity::find_staff(c, by)) by = a->display_name;
      }
      versions.push_back({std::move(v), std::move(by)});
    }
  });
  // The preview shows the form as typed, when it reads as a product.
  const catalog::Product* previewed = preview && preview->product ? &*preview->product : nullptr;
  return pages_.render_page(
      request, "admin-product.tpl", "admin_product_title", t.admin,
      [&](TemplateDictionary& c, TemplateDictionary& layout, Lang lang) {
        auto l = code(lang);
        const auto& texts = pages_.texts();
        // The preview follows the form as it is typed (a script; the button works without).
        layout.AddSectionDictionary("SCRIPT")->SetValue("SRC", "/admin-product.js");
        layout.SetValue("PAGE_TITLE",
                        (problems.empty() ? "" : texts.get(lang, "error_prefix") + " ") +
                            p.name.in(l) + " – " + texts.get(lang, "admin_product_title"));
        c.SetValue("ORG", t.org);
        c.SetValue("ID", p.id);
        c.SetValue("NAME", p.name.in(l));
        c.SetValue("CSRF", t.admin.csrf_token);
        c.SetValue("NAME_NL", shown.name.nl);
        c.SetValue("NAME_EN", shown.name.en);
        c.SetValue("SUMMARY_NL", shown.summary.nl);
        c.SetValue("SUMMARY_EN", shown.summary.en);
        c.SetValue("TERM", shown.term);
        c.SetValue("EXTENSION", shown.extension);
        c.SetValue("FEE_AMOUNT", shown.fee_amount);
        c.SetValue("FEE_TEXT_NL", shown.fee_text.nl);
        c.SetValue("FEE_TEXT_EN", shown.fee_text.en);
        c.SetValue("FORM", shown.form);
        // One row per status and document, and an empty one to add another.
        for (std::size_t i = 0; i <= shown.statuses.size(); ++i) {
          auto* d = c.AddSectionDictionary("STATUS");
          d->SetValue("I", std::to_string(i));
          d->SetValue("N", std::to_string(i + 1));
          if (i == shown.statuses.size()) {
            // Set, or a section would show the page's values of the same names.
            for (const char* k : {"NAME_NL", "NAME_EN", "TEXT_NL", "TEXT_EN"}) d->SetValue(k, "");
            d->ShowSection("NEW");
            continue;
          }
          d->ShowSection("OLD");
          const auto& st = shown.statuses[i];
          d->SetValue("NAME_NL", st.name.nl);
          d->SetValue("NAME_EN", st.name.en);
          d->SetValue("TEXT_NL", st.text.nl);
          d->SetValue("TEXT_EN", st.text.en);
          if (st.notify) d->ShowSection("NOTIFY");
        }
        for (std::size_t i = 0; i <= shown.documents.size(); ++i) {
          auto* d = c.AddSectionDictionary("DOCUMENT");
          d->SetValue("I", std::to_string(i));
          d->SetValue("N", std::to_string(i + 1));
          if (i == shown.documents.size()) {
            for (const char* k : {"NAME_NL", "NAME_EN", "HINT_NL", "HINT_EN"}) d->SetValue(k, "");
            d->ShowSection("NEW");
            continue;
          }
          d->ShowSection("OLD");
          const auto& doc = shown.documents[i];
          d->SetValue("NAME_NL", doc.name.nl);
          d->SetValue("NAME_EN", doc.name.en);
          d->SetValue("HINT_NL", doc.hint.nl);
          d->SetValue("HINT_EN", doc.hint.en);
          if (doc.required) d->ShowSection("REQUIRED");
        }
        c.SetValue("AUTOMATION", shown.automation);
        for (const char* d : {"automatic", "one", "two"}) {
          auto* o = c.AddSectionDictionary("DECIDED");
          o->SetValue("VALUE", d);
          o->SetValue("LABEL", texts.get(lang, std::string("admin_product_decided_") + d));
          if (shown.decided_by == d) o->ShowSection("SELECTED");
        }
        if (auto v = request.query_param("gepubliceerd")) {
          c.AddSectionDictionary("PUBLISHED")
              ->SetValue("TEXT", fill(texts.get(lang, "admin_product_published"), "version", *v));
        }
        if (request.query_param("ongewijzigd")) c.ShowSection("UNCHANGED");
        if (!problems.empty()) {
          c.ShowSection("ERRORS");
          for (const auto& x : problems) {
            auto* e = c.AddSectionDictionary("ERROR");
            e->SetValue("HREF", "#" + input_of(x.field));
            e->SetValue("MESSAGE", texts.get(lang, "admin_product_error_" + x.field) + " " +
                                       (lang == Lang::Nl ? in_dutch(x.message) : x.message));
            c.AddSectionDictionary("INVALID_" + x.field);
          }
        }
        for (const auto& r : versions) {
          auto* d = c.AddSectionDictionary("VERSION");
          d->SetValue("NUMBER", std::to_string(r.v.version));
          d->SetValue("DATE", long_date(texts, lang, r.v.published_at.substr(0, 10)));
          d->SetValue("BY", r.by == "seed" ? texts.get(lang, "admin_product_by_seed") : r.by);
          d->SetValue("FORM_VERSION", std::to_string(r.v.form_version));
        }
        if (versions.empty()) c.ShowSection("NO_VERSIONS");
        if (preview && !previewed) c.ShowSection("NO_PREVIEW");
        if (previewed) {
          auto* pv = c.AddSectionDictionary("PREVIEW");
          for (const auto& step : previewed->form.steps) {
            auto* s = pv->AddSectionDictionary("STEP");
            s->SetValue("TITLE", step.title.in(l));
            for (const auto& f : step.fields) {
              auto* q = s->AddSectionDictionary("QUESTION");
              q->SetValue("ID", "voorbeeld-" + step.id + "-" + f.name);
              q->SetValue("LABEL", f.label.in(l));
              if (!f.hint.in(l).empty())
                q->AddSectionDictionary("HINT")->SetValue("TEXT", f.hint.in(l));
              if (f.show_if) {
                q->AddSectionDictionary("WHEN")->SetValue(
                    "TEXT", fill(fill(texts.get(lang, "admin_product_preview_when"), "field",
                                      f.show_if->field),
                                 "value", f.show_if->equals));
              }
              if (f.options.empty()) {
                q->AddSectionDictionary(f.widget == "textarea" ? "TEXTAREA" : "INPUT");
              } else {
                auto* ch = q->AddSectionDictionary("CHOICES");
                for (const auto& o : f.options) {
                  auto* x = ch->AddSectionDictionary("CHOICE");
                  x->SetValue("LABEL", o.label.in(l));
                }
              }
            }
          }
        }
      },
      status);
}

std::pair<int, std::vector<catalog::EditProblem>> ProductAdminDoor::publish(
    const Target& t, const catalog::ProductEdit& edit) {
  auto out = catalog::apply_edit(*t.product, edit, common::today());
  if (!out.product) return {0, std::move(out.problems)};
  if (!out.changed) return {0, {}};
  int version = publish_(*t.product, std::move(*out.product), t.admin.number);
  products_.forget();
  return {version, {}};
}

http::Response ProductAdminDoor::product_post(http::Request& request) {
  auto t = target(request);
  auth_.require_csrf(request, t.admin);
  catalog::ProductEdit edit;
  edit.name = {http::form_text(request, "name_nl"), http::form_text(request, "name_en")};
  edit.summary = {http::form_text(request, "summary_nl"), http::form_text(request, "summary_en")};
  edit.term = http::form_text(request, "term");
  edit.extension = http::form_text(request, "extension");
  edit.decided_by = http::form_text(request, "decided_by");
  edit.fee_amount = http::form_text(request, "fee_amount");
  edit.fee_text = {http::form_text(request, "fee_text_nl"),
                   http::form_text(request, "fee_text_en")};
  edit.form = http::form_text(request, "form");
  edit.automation = http::form_text(request, "automation");
  read_rows(request, edit);
  auto action = http::form_text(request, "action");
  if (action != "publiceren") {
    auto checked = catalog::apply_edit(*t.product, edit, common::today());
    return no_store(render(request, t, &edit, checked.problems, &checked,
                           checked.problems.empty() ? 200 : 400));
  }
  std::pair<int, std::vector<catalog::EditProblem>> published;
  try {
    published = publish(t, edit);
  } catch (const http::Error& e) {
    // Published today already, or by someone else just now: said on the page, with the edit
    // kept, rather than on an error page that loses it.
    if (e.status() != 409 || e.invalid_params().empty()) throw;
    auto key = "admin_product_conflict_" + e.invalid_params().front().code;
    published.second.push_back({"product", pages_.texts().get(page_language(request), key)});
    return no_store(render(request, t, &edit, published.second, nullptr, 409));
  }
  auto& [version, problems] = published;
  if (!problems.empty()) return no_store(render(request, t, &edit, problems, nullptr, 400));
  return see_other(
      "/beheer/" + t.org + "/producten/" + t.product->id +
      (version ? "?gepubliceerd=" + std::to_string(version) : std::string("?ongewijzigd=1")));
}

http::Response ProductAdminDoor::versions_json(http::Request& request) {
  auto t = target(request);
  json::array results;
  auth_.database().read([&](db::Connection& c) {
    for (const auto& v : catalog::product_versions(c, t.product->id)) {
      results.push_back({{"version", v.version},
                         {"zaaktype", v.zaaktype_uuid},
                         {"formVersion", v.form_version},
                         {"publishedAt", v.published_at},
                         {"publishedBy", v.published_by}});
    }
  });
  return no_store(http::Response::json(200, json::object{{"product", t.product->id},
                                                         {"zaaktype", t.product->zaaktype_uuid},
                                                         {"formVersion", t.product->form.version},
                                                         {"results", std::move(results)}}));
}

http::Response ProductAdminDoor::publish_json(http::Request& request) {
  auto t = target(request);
  auth_.require_csrf(request, t.admin);
  auto body = http::json_object_body(request);
  auto edit = catalog::edit_of(*t.product);
  std::vector<http::InvalidParam> problems;
  auto bad = [&](std::string_view field, std::string reason) {
    problems.push_back({std::string(field), "invalid", std::move(reason)});
  };
  for (const auto& kv : body) {
    auto k = std::string_view(kv.key());
    const auto& v = kv.value();
    if (k == "name" || k == "summary") {
      if (!read_local(v, k == "name" ? edit.name : edit.summary))
        bad(k, "{\"nl\", \"en\"} as text.");
    } else if (k == "term" || k == "decidedBy") {
      if (!v.is_string())
        bad(k, "Text.");
      else
        (k == "term" ? edit.term : edit.decided_by) = std::string(v.as_string());
    } else if (k == "extension") {
      if (!v.is_string() && !v.is_null())
        bad(k, "An ISO 8601 duration, or null.");
      else
        edit.extension = v.is_string() ? std::string(v.as_string()) : std::string();
    } else if (k == "fee") {
      if (v.is_null()) {
        edit.fee_amount.clear();
      } else if (!v.is_object() || !v.as_object().if_contains("amount") ||
                 !v.as_object().at("amount").is_string() ||
                 (v.as_object().if_contains("text") &&
                  !read_local(v.as_object().at("text"), edit.fee_text))) {
        bad(k, "{\"amount\": \"78.50\", \"text\": {\"nl\", \"en\"}}, or null.");
      } else {
        edit.fee_amount = std::string(v.as_object().at("amount").as_string());
      }
    } else if (k == "form") {
      if (!v.is_object())
        bad(k, "The form object {\"schema\", \"steps\"}.");
      else
        edit.form = json::serialize(v);
    } else if (k == "statuses") {
      if (!read_statuses(v, edit.statuses))
        bad(k, "[{\"name\": {\"nl\", \"en\"}, \"text\": {\"nl\", \"en\"}, \"notify\": true}].");
    } else if (k == "documents") {
      if (!read_documents(v, edit.documents))
        bad(k, "[{\"name\": {\"nl\", \"en\"}, \"hint\": {\"nl\", \"en\"}, \"required\": true}].");
    } else if (k == "automation") {
      if (!v.is_object() && !v.is_null())
        bad(k, "The decision rules object, or null.");
      else
        edit.automation = v.is_null() ? std::string() : json::serialize(v);
    } else {
      bad(k, "Not a field of a product version.");
    }
  }
  if (!problems.empty()) throw http::BadRequest("The new version has invalid fields.", problems);
  auto [version, refused] = publish(t, edit);
  if (!refused.empty()) {
    std::vector<http::InvalidParam> named;
    for (const auto& p : refused) named.push_back({p.field, "invalid", p.message});
    throw http::BadRequest("The new version is refused.", named);
  }
  if (version == 0) {
    return no_store(http::Response::json(
        200, json::object{{"changed", false}, {"formVersion", t.product->form.version}}));
  }
  auto now = products_.find(t.product->id);
  return no_store(
      http::Response::json(201, json::object{{"changed", true},
                                             {"version", version},
                                             {"zaaktype", now ? now->zaaktype_uuid : std::string()},
                                             {"formVersion", now ? now->form.version : 0}}));
}

}  // namespace loket::web
