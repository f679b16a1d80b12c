// The Documenten API's bestandsdelen, shared by the informatieobject's routes (create, update,
// unlock plan and join the parts) and the part upload route (PUT /bestandsdelen/{uuid}).
#pragma once

#include <boost/json.hpp>
#include <cstdint>
#include <string>
#include <vector>

#include "standards/zgw/api.hpp"

namespace loket::zgw::bestandsdelen {

// Plans the parts a content of `omvang` bytes is uploaded in (each `part_size` bytes, the last
// smaller), replacing the document's earlier parts: their uuids are returned in `dropped` so the
// caller removes the files after its transaction commits. The array is the informatieobject's
// `bestandsdelen` (relative URLs, `lock` empty: the lock is shown only to its holder).
boost::json::array plan(db::Connection& c, const std::string& document_uuid, std::uint64_t omvang,
                        std::uint64_t part_size, std::vector<std::string>& dropped);

// Removes a document's parts; their uuids, for removing the files after commit.
std::vector<std::string> drop(db::Connection& c, const std::string& document_uuid);

// A document's parts in order: uuids and how many are not complete yet.
struct Parts {
  std::vector<std::string> uuids;
  std::int64_t incomplete = 0;
};
Parts of(db::Connection& c, const std::string& document_uuid);
Parts of(db::Database& db, const std::string& document_uuid);

// The representation's parts with the lock filled in, for the response to the lock's holder.
boost::json::value with_lock(const boost::json::value& parts, const std::string& lock);

// PUT /bestandsdelen/{uuid}: a part's bytes (multipart/form-data or form-urlencoded: inhoud,
// lock). `eio` is the informatieobject resource (rights and the lock are the object's).
void add_routes(Api& api, const Resource* eio);

}  // namespace loket::zgw::bestandsdelen
