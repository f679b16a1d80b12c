// Thin handlers: parse, call the store, render.
#include "catalog/organisation_routes.hpp"

#include <boost/json.hpp>

#include "catalog/organisation_store.hpp"
#include "common/json.hpp"
#include "http/error.hpp"
#include "http/paging.hpp"

namespace loket::catalog {
namespace {

boost::json::object to_json(const Organisation& o) {
  return {{"id", o.id},
          {"name", o.name},
          {"kind", o.kind},
          {"oin", o.oin},
          {"url", "/api/v1/organisations/" + o.id}};
}

}  // namespace

void add_organisation_routes(http::Router& router, db::Database& db) {
  router.add(http::Method::Get, "/api/v1/organisations", [&db](http::Request& req) {
    auto page = http::page_from(req);
    auto list = list_organisations(db, page.offset(), page.size);
    boost::json::array results;
    for (const auto& o : list.items) results.push_back(to_json(o));
    boost::json::object body{
        {"count", list.total},
        {"next", common::or_null(http::page_link(req, page, page.number + 1, list.total))},
        {"previous", common::or_null(http::page_link(req, page, page.number - 1, list.total))},
        {"results", std::move(results)}};
    return http::Response::json(200, body);
  });

  router.add(http::Method::Get, "/api/v1/organisations/{id}", [&db](http::Request& req) {
    std::string id(req.param("id"));
    if (!common::is_uuid(id)) {
      throw http::NotFound("There is no organisation with this id; an id is a UUID.");
    }
    auto found = find_organisation(db, id);
    if (!found) throw http::NotFound("There is no organisation with this id.");
    return http::Response::json(200, to_json(*found));
  });
}

}  // namespace loket::catalog
