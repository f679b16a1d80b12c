// Registration of the routes (resources, own routes, public routes) and each component's
// OpenAPI document made from them; see api.hpp.
#include <algorithm>
#include <cctype>

#include "standards/zgw/api.hpp"
#include "standards/zgw/notificaties.hpp"

namespace loket::zgw {
namespace json = boost::json;

namespace {

bool has(const std::vector<Op>& ops, Op op) {
  return std::find(ops.begin(), ops.end(), op) != ops.end();
}

}  // namespace

void Api::route(const Component& component, http::Method method, std::string pattern,
                std::string summary, Handler handler) {
  routes_.push_back(
      {&component, method, std::move(pattern), std::move(summary), std::move(handler)});
}

void Api::public_route(http::Method method, std::string path, http::Handler handler) {
  public_routes_.push_back({method, std::move(path), std::move(handler)});
}

// ---- routes and the OpenAPI documents ----------------------------------------------------

void Api::mount(http::Router& router) {
  // Every answer names the version of the standard its component implements (the yaml's
  // API-version header), errors included.
  auto add = [&router](const Component& c, http::Method method, std::string pattern,
                       http::Handler handler) {
    router.add(method, std::move(pattern),
               [version = std::string(c.version), handler = std::move(handler)](http::Request& q) {
                 try {
                   auto response = handler(q);
                   response.headers.set("api-version", version);
                   return response;
                 } catch (http::Error& e) {
                   e.headers().set("api-version", version);
                   throw;
                 }
               });
  };
  // Own routes first: the router takes the first match, and "/applicaties/consumer" must win
  // over "/applicaties/{uuid}".
  for (const auto& custom : routes_) {
    const auto* handler = &custom.handler;
    add(*custom.component, custom.method, std::string(custom.component->mount) + custom.pattern,
        [this, handler](http::Request& q) {
          auto client = authenticate(q);
          Call call{*this, client, q};
          return (*handler)(call);
        });
  }
  for (const auto& r : resources_) {
    auto collection = collection_path(r);
    auto item = collection + "/{uuid}";
    const Resource* res = &r;
    if (has(r.ops, Op::List)) {
      add(*r.component, http::Method::Get, collection,
          [this, res](http::Request& q) { return list(*res, q); });
    }
    if (has(r.ops, Op::Create)) {
      add(*r.component, http::Method::Post, collection,
          [this, res](http::Request& q) { return write(*res, q, Op::Create); });
    }
    if (has(r.ops, Op::Read)) {
      add(*r.component, http::Method::Get, item,
          [this, res](http::Request& q) { return read(*res, q); });
    }
    if (has(r.ops, Op::Update)) {
      add(*r.component, http::Method::Put, item,
          [this, res](http::Request& q) { return write(*res, q, Op::Update); });
    }
    if (has(r.ops, Op::PartialUpdate)) {
      add(*r.component, http::Method::Patch, item,
          [this, res](http::Request& q) { return write(*res, q, Op::PartialUpdate); });
    }
    if (has(r.ops, Op::Destroy)) {
      add(*r.component, http::Method::Delete, item,
          [this, res](http::Request& q) { return destroy(*res, q); });
    }
  }
  for (const auto& open : public_routes_) router.add(open.method, open.pattern, open.handler);
  for (const auto* component : {&kCatalogi, &kZaken, &kAutorisaties, &kNotificaties, &kDocumenten}) {
    router.add(http::Method::Get, std::string(component->mount) + "/schema/openapi.json",
               [this, component](http::Request&) {
                 auto r = http::Response::text(200, openapi(*component), "application/json");
                 r.headers.set("cache-control", "public, max-age=300");
                 return r;
               });
  }
}

namespace {

// `expand` (zrc-026) on the lists and reads of a resource that declares expansions.
json::object expand_parameter() {
  return {{"name", "expand"},
          {"in", "query"},
          {"description",
           "Haal gelinkte objecten direct op, komma-gescheiden; dieper met de punt-notatie "
           "(status.statustype)."},
          {"schema", {{"type", "string"}}}};
}

}  // namespace

std::string Api::openapi(const Component& component) const {
  json::object paths;
  auto responses = [](std::initializer_list<int> codes) {
    json::object out;
    for (int c : codes) {
      out[std::to_string(c)] = {
          {"description", c < 300 ? "OK" : "Fout (application/problem+json)"}};
    }
    return out;
  };
  auto operation = [&](std::string summary, std::string id, std::initializer_list<int> codes) {
    return json::object{{"summary", std::move(summary)},
                        {"operationId", std::move(id)},
                        {"security", json::array{json::object{{"JWT-Claims", json::array{}}}}},
                        {"responses", responses(codes)}};
  };
  for (const auto& r : resources_) {
    if (r.component != &component) continue;
    auto collection = "/" + r.path;
    auto item = collection + "/{uuid}";
    auto& c = paths[collection].emplace_object();
    if (has(r.ops, Op::List)) {
      auto op = operation("Alle " + r.name + " opvragen.", r.name + "_list", {200, 400, 401, 403});
      json::array params;
      for (const auto& f : r.filters) {
        params.push_back({{"name", f.name}, {"in", "query"}, {"schema", {{"type", "string"}}}});
      }
      params.push_back({{"name", "page"}, {"in", "query"}, {"schema", {{"type", "integer"}}}});
      if (!r.expansions.empty()) params.push_back(expand_parameter());
      op["parameters"] = std::move(params);
      c["get"] = std::move(op);
    }
    if (has(r.ops, Op::Create)) {
      c["post"] =
          operation("Maak een " + r.name + " aan.", r.name + "_create", {201, 400, 401, 403});
    }
    if (c.empty()) paths.erase(collection);
    json::object i;
    if (has(r.ops, Op::Read)) {
      i["get"] =
          operation("Een " + r.name + " opvragen.", r.name + "_read", {200, 304, 401, 403, 404});
      if (!r.expansions.empty())
        i["get"].as_object()["parameters"] = json::array{expand_parameter()};
    }
    if (has(r.ops, Op::Update))
      i["put"] =
          operation("Werk een " + r.name + " bij.", r.name + "_update", {200, 400, 401, 403, 404});
    if (has(r.ops, Op::PartialUpdate))
      i["patch"] = operation("Werk een " + r.name + " deels bij.", r.name + "_partial_update",
                             {200, 400, 401, 403, 404});
    if (has(r.ops, Op::Destroy))
      i["delete"] =
          operation("Verwijder een " + r.name + ".", r.name + "_delete", {204, 401, 403, 404});
    if (!i.empty()) paths[item] = std::move(i);
  }
  for (const auto& custom : routes_) {
    if (custom.component != &component) continue;
    auto method = std::string(http::to_string(custom.method));
    std::transform(method.begin(), method.end(), method.begin(), ::tolower);
    auto& p = paths[custom.pattern];
    if (!p.is_object()) p.emplace_object();
    auto id = custom.pattern + "_" + method;
    std::replace_if(
        id.begin(), id.end(), [](char ch) { return !std::isalnum(static_cast<unsigned char>(ch)); },
        '_');
    p.as_object()[method] = operation(custom.summary, id, {200, 400, 401, 403, 404});
  }
  json::object doc{
      {"openapi", "3.0.3"},
      {"info",
       {{"title", component.title},
        {"version", "1"},
        {"description", "Loket's implementatie van de VNG ZGW " + std::string(component.title) +
                            "; zie de README voor wat (nog) niet is geïmplementeerd."}}},
      {"servers", json::array{json::object{{"url", absolute(component.mount)}}}},
      {"paths", std::move(paths)},
      {"components",
       {{"securitySchemes",
         {{"JWT-Claims", {{"type", "http"}, {"scheme", "bearer"}, {"bearerFormat", "JWT"}}}}}}}};
  return json::serialize(doc);
}

}  // namespace loket::zgw
