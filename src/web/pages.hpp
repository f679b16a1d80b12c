// The portal's pages, rendered on the server from templates (home, my cases, my data, staff
// password reset), the HTML error page for browsers, and the NL Design System stylesheets.
#pragma once

#include <boost/json.hpp>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "catalog/organisation_store.hpp"
#include "http/error.hpp"
#include "http/router.hpp"
#include "identity/auth.hpp"
#include "web/templates.hpp"

namespace loket::web {

// What a page reads, with a copy of the page's own request (its session cookie, Origin and
// language): the page shows what the API answers and nothing the API would not. The cases come
// from the case store through the JSON door's list function (web/case_routes.hpp); the
// password reset forms post to their JSON routes.
struct PageSources {
  // The body GET /api/v1/cases answers for the logged-in subject.
  std::function<boost::json::object(const http::Request&, const identity::Subject&)> list_cases;
  // The body GET /api/v1/me/cases answers (web/my_cases.hpp): own cases and those of whom the
  // person acts for, keyset paged. When set, My cases reads this instead of list_cases.
  std::function<boost::json::object(const http::Request&, const identity::Subject&)> list_my_cases;
  http::Handler request_password_reset;  // POST /auth/staff/password-reset {"email"}
  http::Handler confirm_password_reset;  // POST /auth/staff/password-reset/confirm
};

struct PageOptions {
  std::string site_name = "Loket";  // the organisation's name in the header
  bool demo = false;                // offer the demo login on the logged-out pages
  bool digid = false;               // offer the DigiD login
  // The number of unread inbox lines of a logged-in resident, shown in the header (follow).
  std::function<std::int64_t(const identity::Subject&)> unread_count;
};

class Pages {
 public:
  Pages(identity::Auth& auth, std::unique_ptr<Templates> templates, PageSources sources,
        PageOptions options);

  // GET /, /mijn-zaken, /mijn-gegevens, /wachtwoord-herstellen (and POSTs of its forms), the
  // old *.html addresses as redirects, /assets/utrecht/*.css.
  void add_routes(http::Router& router);

  // The HTML page for an error a browser navigated into (http::PipelineOptions::error_page).
  std::optional<http::Response> error_page(const http::Request& request, const http::Error& error);

  // For pages of other files (the back office): `file` inside the layout; `fill` fills the
  // page's part and may change the layout's (PAGE_TITLE). `title_key` names the title's text.
  using Fill = std::function<void(ctemplate::TemplateDictionary& content,
                                  ctemplate::TemplateDictionary& layout, Lang lang)>;
  http::Response render_page(const http::Request& request, std::string_view file,
                             std::string_view title_key,
                             const std::optional<identity::Subject>& subject, const Fill& fill,
                             int status = 200);
  const Texts& texts() const { return templates_->texts(); }
  const PageOptions& options() const { return options_; }
  // The header's unread count (set once the inbox's pages exist).
  void set_unread_count(std::function<std::int64_t(const identity::Subject&)> f) {
    options_.unread_count = std::move(f);
  }

 private:
  class View;
  http::Response home(http::Request& request);
  http::Response my_cases(http::Request& request);
  http::Response my_cases_keyset(const http::Request& request, const identity::Subject& subject,
                                 View& v);
  http::Response my_data(http::Request& request);
  http::Response reset_page(http::Request& request);
  http::Response reset_post(http::Request& request, bool confirm);

  identity::Auth& auth_;
  std::unique_ptr<Templates> templates_;
  PageSources sources_;
  PageOptions options_;
  catalog::OrganisationCache organisation_cache_;  // the filter lists' organisations
};

// The page language: ?lang=, then the lang cookie, then Accept-Language; Dutch by default.
Lang page_language(const http::Request& request);

// "2026-03-05" as "5 maart 2026" / "5 March 2026"; the input unchanged when it is no date.
std::string long_date(const Texts& texts, Lang lang, std::string_view iso);

// A term: "P8W" as "8 weken" / "8 weeks" (days and months too); other durations unchanged.
std::string term_text(const Texts& texts, Lang lang, std::string_view iso);

// Milliseconds since 1970 as a date and time in the Netherlands (CET/CEST).
std::string dutch_time(const Texts& texts, Lang lang, std::int64_t unix_ms);

}  // namespace loket::web
