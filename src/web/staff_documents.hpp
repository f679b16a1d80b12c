// Documents on the back office's case page (issue 13): a case worker adds a document to a case
// and chooses whether the applicant sees it (a multipart form with the CSRF field,
// post/redirect/get, and POST /api/v1/cases/{id}/documents beside it with base64 content); the
// case page lists every document of the case (the applicant's uploads and staff documents) with
// a download for staff who may see the case (another organisation's staff get a 404).
#pragma once

#include <cstdint>
#include <memory>

#include "documents/document_service.hpp"
#include "http/router.hpp"
#include "web/pages.hpp"
#include "web/staff_case_routes.hpp"

namespace loket::web {

class StaffDocuments {
 public:
  StaffDocuments(Pages& pages, std::shared_ptr<StaffDesk> desk,
                 documents::DocumentService& documents, std::uint64_t upload_body);

  // Fills bo-case.tpl's documents section for `sc` (the case page calls it).
  void fill_case(ctemplate::TemplateDictionary& c, const http::Request& request,
                 const identity::Subject& staff, const StaffCase& sc, Lang lang);

  http::Response add_form(http::Request& request);  // POST /behandelen/zaken/{id}/documenten
  http::Response download(http::Request& request);  // GET …/zaken/{id}/documenten/{document}
  http::Response add_json(http::Request& request);  // POST /api/v1/cases/{id}/documents

 private:
  std::int64_t max_file_bytes() const;

  Pages& pages_;
  std::shared_ptr<StaffDesk> desk_;
  documents::DocumentService& documents_;
  std::uint64_t upload_body_;  // the largest body of the form's post (serve --max-upload-body)
};

// The types a case worker's document may have (detected from the bytes).
const std::vector<std::string>& staff_document_types();

// Registers the routes above; register before add_backoffice_pages (its
// /behandelen/zaken/{id}/{action} would match the form's address first). The two posts take
// bodies up to `upload_body` bytes.
std::shared_ptr<StaffDocuments> add_staff_document_routes(http::Router& router, Pages& pages,
                                                          std::shared_ptr<StaffDesk> desk,
                                                          documents::DocumentService& documents,
                                                          std::uint64_t upload_body);

}  // namespace loket::web
