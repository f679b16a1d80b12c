// Documents a case worker adds to a case (issue 13, migration 0028): the document is the
// documents domain's (DocumentService), linked to the case as its informatieobject; the
// staff_documents row says who added it and whether the applicant sees it. Adding one is one
// transaction: the document, its link, the row and, for a visible one, the domain event
// "case.document_added" that puts a line in the resident's inbox.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "db/database.hpp"
#include "documents/document_service.hpp"

namespace loket::documents {

inline constexpr std::string_view kCaseDocumentAdded = "case.document_added";

struct StaffDocument {
  std::string document_uuid;
  std::string case_id;
  std::string added_by;  // staff id
  std::string title;
  std::string filename;  // sanitised, display only
  std::int64_t size = 0;
  std::string media_type;  // detected
  bool visible = false;    // the applicant sees it
  std::int64_t created_at = 0;
};

// The staff documents of a case, oldest first; only the visible ones when asked.
std::vector<StaffDocument> staff_documents(db::Connection& c, std::string_view case_id,
                                           bool visible_only);

struct NewStaffDocument {
  std::string case_id;
  std::string added_by;
  std::string title;
  std::string filename;  // sanitised by the caller
  bool visible = false;
  std::vector<std::string> allowed_media_types;
  std::string content_field = "bestand";  // named in a refusal
};

// Checks the content (type by the bytes, limits, an earlier virus verdict), then in one
// transaction: the document (version 1), its link to the case, the staff_documents row and the
// events (document.linked, and case.document_added when visible). A refusal leaves nothing
// written.
Result<StaffDocument> add_staff_document(DocumentService& service, db::Database& db,
                                         StagedBlob staged, const NewStaffDocument& doc);

}  // namespace loket::documents
