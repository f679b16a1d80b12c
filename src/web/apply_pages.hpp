// The pages to find a product and apply for it: /producten, /producten/{product}, and the form
// at /aanvragen/{product}/{step}, rendered by one generic renderer from the product's schema and
// presentation (no form is a page of its own), then "check your answers" and the confirmation.
#pragma once

#include <cstdint>

#include "http/router.hpp"
#include "web/apply.hpp"
#include "web/pages.hpp"

namespace loket::documents {
class DocumentService;
}

namespace loket::web {

struct ApplySources {
  http::Handler submit_case;  // POST /api/v1/cases
  http::Handler get_case;     // GET /api/v1/cases/{id}
  // The documents a form asks for are stored through it; null: the form asks for none.
  documents::DocumentService* documents = nullptr;
  // The largest body of the documents step's post (serve --max-upload-body): a file must fit
  // in one form post.
  std::uint64_t upload_body = 1024 * 1024;
};

void add_apply_pages(http::Router& router, identity::Auth& auth, Pages& pages, Applying& applying,
                     ApplySources sources);

}  // namespace loket::web
