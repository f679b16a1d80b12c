// File types detected from the content with libmagic, never from a name or a declared type.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace loket::documents {

// The MIME type ("application/pdf", "text/plain", "application/x-empty" for no bytes) of a file
// or of bytes in memory, judged by their first 64 KiB. Throws std::runtime_error when libmagic
// cannot be used at all.
std::string detect_media_type(const std::filesystem::path& file);
std::string detect_media_type_of(std::string_view bytes);

}  // namespace loket::documents
