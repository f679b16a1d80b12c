// What a door sends: for a document's content always an attachment, never sniffed, never
// rendered as a page, sandboxed if a browser shows it anyway; for a refusal the HTTP error.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "documents/document_service.hpp"
#include "http/error.hpp"
#include "http/message.hpp"

namespace loket::documents {

// Content-Type (safe_content_type), Content-Disposition (attachment, sanitised name),
// X-Content-Type-Options: nosniff, Content-Security-Policy: sandbox, no caching by shared caches.
std::vector<std::pair<std::string, std::string>> download_headers(std::string_view filename,
                                                                  std::string_view media_type);

// 200 with the content and download_headers().
http::Response download_response(Download download);

// The http::Error a door throws (or renders) for a refusal: its status (413 past a limit, 400
// for a wrong type or a virus, 409 while not scanned, 404), with invalidParams naming the field
// and a code such as "max-size", "media-type-mismatch", "media-type-not-allowed", "infected".
http::Error http_error(const Refusal& refusal);

}  // namespace loket::documents
