// What a door sends for a document's content: always an attachment, never sniffed, never
// rendered as a page, sandboxed if a browser shows it anyway. (A refusal's HTTP error is the
// door's: zgw::document_refusal_error.)
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "documents/document_service.hpp"
#include "http/message.hpp"

namespace loket::documents {

// Content-Type (safe_content_type), Content-Disposition (attachment, sanitised name),
// X-Content-Type-Options: nosniff, Content-Security-Policy: sandbox, no caching by shared caches.
std::vector<std::pair<std::string, std::string>> download_headers(std::string_view filename,
                                                                  std::string_view media_type);

// 200 with the content and download_headers().
http::Response download_response(Download download);

}  // namespace loket::documents
