// Administrators manage their organisation's products (issue 13): /beheer/{id}/producten lists
// them, /beheer/{id}/producten/{product} shows one with its versions and a form to change its
// texts, term, extension, who decides (four eyes), fee, form (JSON Schema and steps) and
// decision rules, with a preview of the form as the resident will see it; "Publiceren" makes a
// new version (a new zaaktype version from today; cases submitted earlier keep theirs). JSON:
// GET /api/v1/organisations/{id}/products/{product}/versions and POST the same address with the
// fields to change.
#pragma once

#include <functional>
#include <string>

#include "catalog/product_edit.hpp"
#include "catalog/product_store.hpp"
#include "http/router.hpp"
#include "identity/auth.hpp"
#include "web/pages.hpp"

namespace loket::web {

// Publishes `next` as the new version of `current` by the staff account `by`; returns its
// number (zgw::publish_product_version, wired by app/).
using PublishProduct = std::function<int(const catalog::Product& current, catalog::Product next,
                                         const std::string& by)>;

class ProductAdminDoor {
 public:
  ProductAdminDoor(identity::Auth& auth, Pages& pages, catalog::ProductCatalogue& products,
                   PublishProduct publish);
  void add_routes(http::Router& router);

 private:
  struct Target;
  Target target(const http::Request& request);
  http::Response list_page(http::Request& request);
  http::Response product_page(http::Request& request);
  http::Response product_post(http::Request& request);
  http::Response versions_json(http::Request& request);
  http::Response publish_json(http::Request& request);
  // The product page; `edit` is what the form holds (the product's own values when null);
  // `preview`, when one was asked for, is the checked edit whose product the page previews.
  http::Response render(const http::Request& request, const Target& t,
                        const catalog::ProductEdit* edit,
                        const std::vector<catalog::EditProblem>& problems,
                        const catalog::EditOutcome* preview, int status);
  // Checks and publishes; problems when refused, the new version's number otherwise (0: the
  // edit changes nothing).
  std::pair<int, std::vector<catalog::EditProblem>> publish(const Target& t,
                                                            const catalog::ProductEdit& edit);

  identity::Auth& auth_;
  Pages& pages_;
  catalog::ProductCatalogue& products_;
  PublishProduct publish_;
};

}  // namespace loket::web
