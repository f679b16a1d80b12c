// The resident's pages for following a case: the case page (/mijn-zaken/{id}: timeline,
// deadline, what to do now with the answer form, messages), the inbox (/berichten) with the
// notification preferences. Plain HTML forms with the CSRF field, post/redirect/get; they act
// through the same CaseService functions as /api/v1/cases/{id}/messages.
#pragma once

#include <functional>

#include "cases/case_service.hpp"
#include "cases/decision_service.hpp"
#include "documents/document_service.hpp"
#include "http/router.hpp"
#include "identity/auth.hpp"
#include "web/pages.hpp"

namespace loket::web {

class FollowPages {
 public:
  FollowPages(Pages& pages, identity::Auth& auth, cases::CaseService& service);

  // GET /mijn-zaken/{id}, POST /mijn-zaken/{id}/bericht, POST /mijn-zaken/{id}/antwoord,
  // GET /berichten, POST /berichten/voorkeuren.
  void add_routes(http::Router& router);

  // The decisions shown on the case page (approved ones only), with the objection button.
  void set_decisions(cases::DecisionService* decisions) { decisions_ = decisions; }
  // The resident's uploads on the case page are downloaded through it (GET
  // /mijn-zaken/{id}/documenten/{document}); null: listed without a link.
  void set_documents(documents::DocumentService* documents) { documents_ = documents; }
  // With documents: the answer form also takes one file (a document asked for), so its post
  // may be this large (serve --max-upload-body). Before add_routes().
  void set_upload_body(std::uint64_t bytes) { upload_body_ = bytes; }

  // Unread inbox lines of a resident or business (the header's count).
  std::int64_t unread(const identity::Subject& subject);

  // A part another module adds to the case page (the automatic decision's explanation): fills
  // an include dictionary of the page for the case, with the CSRF token for its forms.
  using CaseExtra =
      std::function<void(ctemplate::TemplateDictionary& page, const std::string& case_id,
                         const std::string& csrf, Lang lang)>;
  void set_case_extra(CaseExtra extra) { case_extra_ = std::move(extra); }

 private:
  http::Response case_page(http::Request& request);
  http::Response post(http::Request& request, bool answer);
  http::Response download(http::Request& request);
  http::Response inbox(http::Request& request);
  http::Response save_preferences(http::Request& request);
  std::string recipient(const identity::Subject& subject) const;

  Pages& pages_;
  identity::Auth& auth_;
  cases::CaseService& service_;
  cases::DecisionService* decisions_ = nullptr;
  CaseExtra case_extra_;
  documents::DocumentService* documents_ = nullptr;
  std::uint64_t upload_body_ = 0;
};

}  // namespace loket::web
