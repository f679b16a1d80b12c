// What the pages that take a resident's files share: the types a resident may send (judged by
// the bytes), how a size is written for people, and the largest file one form post carries.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "documents/refusal.hpp"
#include "http/error.hpp"

namespace loket::web {

// The types a resident's upload may have (detected from the bytes): what residents send for a
// permit: PDF, PNG, JPEG, plain text.
const std::vector<std::string>& upload_types();

// 10485760 → "10 MB"; 1572864 → "1.5 MB"; 33538048 (32 MiB less 16 KiB) → "32 MB" (to a
// tenth of a MB); 2048 → "2 kB" (kB rounded up).
std::string size_text(std::int64_t bytes);

// The largest file a form post of at most `upload_body` bytes carries beside the form's other
// fields, and at most the document limit `max_document`.
std::int64_t max_form_file(std::uint64_t upload_body, std::uint64_t max_document);

// A refused upload as the problem an app gets: 413 past a limit ("too-large"), 409 not scanned,
// 404, else 400 ("infected" or "invalid"); a 413 and a 400 name the field.
http::Error upload_error(const documents::Refusal& r);

}  // namespace loket::web
