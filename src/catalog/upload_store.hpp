// The documents a resident uploads inside an application form (migration 0026): which draft
// (owner, product) and which of the product's documents each is, until the submit links them to
// the case. The content itself is the documents domain's; this is only the bookkeeping.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "db/database.hpp"

namespace loket::catalog {

// The title of a document a resident sends with the answer to a question about their case (a
// missing document); the ZGW catalogue publishes an informatieobjecttype of this name.
inline constexpr std::string_view kSupplementDocument = "Aanvulling van de aanvrager";

struct Upload {
  std::string document_uuid;
  std::string product;
  int slot = 0;  // index in Product::documents
  std::string filename;
  std::int64_t size = 0;
  std::string media_type;
  std::optional<std::string> case_id;
  std::int64_t created_at = 0;
};

void insert_upload(db::Connection& c, const std::string& owner, const Upload& u);
// The uploads of the owner's draft of `product` not yet sent, oldest first.
std::vector<Upload> draft_uploads(db::Connection& c, const std::string& owner,
                                  std::string_view product);
// Removes one of the draft's uploads; false when the owner has none by that id.
bool remove_draft_upload(db::Connection& c, const std::string& owner, std::string_view product,
                         std::string_view document_uuid);
// Marks the draft's uploads as sent with the case; returns them.
std::vector<Upload> attach_uploads(db::Connection& c, const std::string& owner,
                                   std::string_view product, const std::string& case_id);
// A document sent for a case already made (with an answer): listed with the case's uploads.
void insert_case_upload(db::Connection& c, const std::string& case_id, const Upload& u);
// The uploads sent with a case, oldest first.
std::vector<Upload> case_uploads(db::Connection& c, std::string_view case_id);
// Uploads of drafts that no longer exist (expired, withdrawn), older than `before_ms`: their
// rows are deleted and their document uuids returned, for the documents domain to remove.
std::vector<std::string> purge_orphan_uploads(db::Connection& c, std::int64_t before_ms);

}  // namespace loket::catalog
