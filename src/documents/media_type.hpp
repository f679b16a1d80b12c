// File types detected from the content with libmagic, never from a name or a declared type.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace loket::documents {

// The type is decided by the head of a file: magic numbers and the structures libmagic knows
// sit at the front (a zip's first entry says it is a .docx). Given a whole megabyte of text,
// libmagic spent most of an upload's time re-reading it for its encoding and text patterns.
inline constexpr std::size_t kJudgedHead = 64 * 1024;

// The MIME type ("application/pdf", "text/plain", "application/x-empty" for no bytes) of bytes
// in memory, judged by their first 64 KiB (a blob keeps its head: StagedBlob::head()). Throws
// std::runtime_error when libmagic cannot be used at all.
std::string detect_media_type_of(std::string_view bytes);

}  // namespace loket::documents
