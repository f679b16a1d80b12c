// Parse, ask who it is, read or write through Applying, render. A draft's answers are checked
// question by question against the form's schema (a draft may be incomplete, not wrong).
#include "web/product_routes.hpp"

#include <boost/json.hpp>

#include "http/error.hpp"
#include "http/json_body.hpp"
#include "web/redirect.hpp"

namespace loket::web {
namespace json = boost::json;

namespace {

class ProductRoutes {
 public:
  ProductRoutes(identity::Auth& auth, Applying& applying) : auth_(auth), applying_(applying) {}

  http::Response list(http::Request&) {
    json::array out;
    for (const auto& p : *applying_.products().all()) {
      out.push_back(Applying::product_json(p, false));
    }
    auto n = static_cast<std::int64_t>(out.size());
    auto r = http::Response::json(
        200,
        json::object{
            {"count", n}, {"next", nullptr}, {"previous", nullptr}, {"results", std::move(out)}});
    r.headers.set("cache-control", "public, max-age=60");
    return r;
  }

  http::Response get(http::Request& req) {
    auto p = applying_.products().find(req.param("id"));
    if (!p) throw http::NotFound("There is no product with this id.");
    auto r = http::Response::json(200, Applying::product_json(*p, true));
    r.headers.set("cache-control", "public, max-age=60");
    return r;
  }

  http::Response drafts(http::Request& req) {
    auto s = person(req, "to see your drafts");
    auto owner = applying_.owner(s);
    auto list = applying_.db().read_value(
        [&](db::Connection& c) { return applying_.drafts().list(c, owner, applying_.now_ms()); });
    json::array out;
    for (const auto& d : list) out.push_back(Applying::draft_json(d));
    auto n = static_cast<std::int64_t>(out.size());
    return no_store(http::Response::json(
        200,
        json::object{
            {"count", n}, {"next", nullptr}, {"previous", nullptr}, {"results", std::move(out)}}));
  }

  http::Response draft(http::Request& req) {
    auto s = person(req, "to see your draft");
    auto p = product(req);
    auto owner = applying_.owner(s);
    auto d = applying_.drafts().find(applying_.db(), owner, p->id, applying_.now_ms());
    if (!d) throw http::NotFound("You have no draft of this product.");
    return no_store(http::Response::json(200, Applying::draft_json(*d)));
  }

  http::Response put(http::Request& req) {
    auto s = person(req, "to save a draft");
    auth_.require_csrf(req, s);
    auto p = product(req);
    auto body = http::json_object_body(req);
    std::vector<http::InvalidParam> problems;
    json::object answers;
    std::string step;
    for (const auto& kv : body) {
      auto k = std::string_view(kv.key());
      const auto& v = kv.value();
      if (k == "answers") {
        if (!v.is_object()) {
          problems.push_back({"answers", "invalid", "An object of answers."});
        } else {
          answers = v.as_object();
        }
      } else if (k == "step") {
        if (!v.is_string() ||
            (!v.as_string().empty() && v.as_string() != "controleren" && !p->step(v.as_string()))) {
          problems.push_back({"step", "invalid", "The id of a step of this product's form."});
        } else {
          step = std::string(v.as_string());
        }
      } else if (k == "formVersion") {
        if (!v.is_int64() || v.as_int64() != p->form.version) {
          problems.push_back({"formVersion", "invalid", "The product's current form version."});
        }
      } else {
        problems.push_back({std::string(k), "unknown", "This field is not part of a draft."});
      }
    }
    for (const auto& kv : answers) {
      if (!p->field(kv.key())) {
        problems.push_back(
            {"answers." + std::string(kv.key()), "unknown", "This form asks no such question."});
      }
    }
    if (problems.empty()) {
      // Each given answer against its question; missing ones are fine in a draft.
      for (const auto& st : p->form.steps) {
        for (const auto& e : catalog::validate_step(*p, st, answers)) {
          if (e.code == "required") continue;
          problems.push_back({"answers." + e.field, e.code,
                              e.code == "too-long" ? "Too long." : "Not a valid answer."});
        }
      }
    }
    if (!problems.empty())
      throw http::BadRequest("The draft has invalid fields.", std::move(problems));
    auto owner = applying_.owner(s);
    catalog::Draft d;
    d.product = p->id;
    d.form_version = p->form.version;
    d.answers = json::serialize(answers);
    d.step = step;
    // An app's draft gets its reminder in the language the app asks in.
    d.lang = http::prefers_english(req.header("accept-language").value_or("")) ? "en" : "nl";
    auto saved = applying_.db().write_value([&](db::Connection& c) {
      return applying_.drafts().save(c, owner, d, applying_.now_ms(), applying_.ttl_ms());
    });
    return no_store(http::Response::json(200, Applying::draft_json(saved)));
  }

  http::Response remove(http::Request& req) {
    auto s = person(req, "to delete a draft");
    auth_.require_csrf(req, s);
    auto owner = applying_.owner(s);
    auto id = std::string(req.param("product"));
    bool gone = applying_.db().write_value(
        [&](db::Connection& c) { return applying_.drafts().remove_product(c, owner, id); });
    if (!gone) throw http::NotFound("You have no draft of this product.");
    http::Response r;
    r.status = 204;
    return r;
  }

 private:
  identity::Subject person(const http::Request& req, std::string_view what_for) {
    auto s = auth_.require_subject(req, what_for);
    if (s.kind == "staff") throw http::Forbidden("Staff accounts have no drafts.");
    return s;
  }
  std::shared_ptr<const catalog::Product> product(const http::Request& req) {
    auto p = applying_.products().find(req.param("product"));
    if (!p) throw http::NotFound("There is no product with this id.");
    return p;
  }

  identity::Auth& auth_;
  Applying& applying_;
};

}  // namespace

void add_product_routes(http::Router& router, identity::Auth& auth, Applying& applying) {
  auto p = std::make_shared<ProductRoutes>(auth, applying);
  router.add(http::Method::Get, "/api/v1/products", [p](http::Request& r) { return p->list(r); });
  router.add(http::Method::Get, "/api/v1/products/{id}",
             [p](http::Request& r) { return p->get(r); });
  router.add(http::Method::Get, "/api/v1/me/drafts",
             [p](http::Request& r) { return p->drafts(r); });
  router.add(http::Method::Get, "/api/v1/me/drafts/{product}",
             [p](http::Request& r) { return p->draft(r); });
  router.add(http::Method::Put, "/api/v1/me/drafts/{product}",
             [p](http::Request& r) { return p->put(r); });
  router.add(http::Method::Delete, "/api/v1/me/drafts/{product}",
             [p](http::Request& r) { return p->remove(r); });
}

}  // namespace loket::web
