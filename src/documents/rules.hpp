// Upload rules free of I/O: media types against an allow-list and the declared type, and
// uploader-given file names made safe for a Content-Disposition header.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "documents/refusal.hpp"

namespace loket::documents {

// Types a document may have when its information object type names none: office documents,
// PDF, images, plain text. Never HTML, SVG, scripts or executables.
const std::vector<std::string>& default_allowed_media_types();

// "Text/CSV; charset=utf-8" -> "text/csv"; "" when it is not a type/subtype of token
// characters.
std::string normalise_media_type(std::string_view media_type);

// Whether `detected` is on `allowed` (entries "type/subtype" or "type/*", any case).
bool media_type_allowed(std::string_view detected, std::span<const std::string> allowed);

// Whether a declared type agrees with the type libmagic detected. Nothing declared (or
// application/octet-stream, "I don't know") agrees with anything; otherwise the same type, or a
// more specific one of the generic type libmagic reports for it (text/csv for text/plain, .docx
// for application/zip, …).
bool declared_type_agrees(std::string_view declared, std::string_view detected);

struct MediaTypeCheck {
  std::string_view declared;                      // as the uploader sent it, may be empty
  std::string_view detected;                      // from the content
  std::span<const std::string> allowed;           // the information object type's allow-list
  std::string_view declared_field = "mediaType";  // the request's names, for the refusal
  std::string_view content_field = "content";
};

// A declared type that disagrees with the content (refused naming the declared field), then a
// detected type off the allow-list (naming the content field); nullopt when both are fine.
std::optional<Refusal> check_media_type(const MediaTypeCheck& check);

// The uploader's file name as a display name that is safe in a header and on a disk: the last
// path segment only, valid UTF-8 without control, bidirectional-override or quoting characters,
// no leading dots, at most 200 bytes (the extension kept); "document" when nothing is left.
std::string sanitise_filename(std::string_view given);

// `attachment; filename="ascii"; filename*=UTF-8''percent-encoded` (RFC 6266, RFC 8187) for a
// name that went through sanitise_filename (it is sanitised again, to be sure).
std::string content_disposition(std::string_view filename);

// The Content-Type to serve a blob of the detected type with: the type itself for inert types,
// application/octet-stream for anything a browser might render or run (HTML, SVG, XML, scripts)
// or that is not a well-formed type.
std::string safe_content_type(std::string_view detected);

}  // namespace loket::documents
