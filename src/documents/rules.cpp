// Upload rules: media-type agreement and allow-list, safe file names and download types.
#include "documents/rules.hpp"

#include <algorithm>
#include <array>
#include <utility>

namespace loket::documents {
namespace {

bool is_token_char(char c) {
  // RFC 9110 tchar.
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
  return std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// Generic types libmagic reports for content that a more specific declared type describes.
constexpr std::array<std::pair<std::string_view, std::string_view>, 27> kCompatible{{
    {"text/plain", "text/csv"},
    {"text/plain", "text/tab-separated-values"},
    {"text/plain", "text/markdown"},
    {"text/plain", "application/json"},
    {"text/plain", "application/geo+json"},
    {"application/csv", "text/csv"},
    {"text/csv", "application/csv"},
    {"text/xml", "application/xml"},
    {"application/xml", "text/xml"},
    {"image/x-ms-bmp", "image/bmp"},
    {"image/jpeg", "image/jpg"},
    {"image/jpeg", "image/pjpeg"},
    {"application/zip", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
    {"application/zip", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
    {"application/zip",
     "application/vnd.openxmlformats-officedocument.presentationml.presentation"},
    {"application/zip", "application/vnd.oasis.opendocument.text"},
    {"application/zip", "application/vnd.oasis.opendocument.spreadsheet"},
    {"application/zip", "application/vnd.oasis.opendocument.presentation"},
    {"application/zip", "application/x-zip-compressed"},
    {"application/cdfv2", "application/msword"},
    {"application/cdfv2", "application/vnd.ms-excel"},
    {"application/cdfv2", "application/vnd.ms-powerpoint"},
    {"application/cdfv2", "application/vnd.ms-outlook"},
    {"application/x-ole-storage", "application/msword"},
    {"application/x-ole-storage", "application/vnd.ms-excel"},
    {"application/x-ole-storage", "application/vnd.ms-powerpoint"},
    {"application/vnd.ms-office", "application/msword"},
}};

// Served as themselves: nothing a browser renders as a page or runs.
constexpr std::array<std::string_view, 17> kInert{
    "application/pdf",
    "text/plain",
    "text/csv",
    "application/zip",
    "application/msword",
    "application/vnd.ms-excel",
    "application/vnd.ms-powerpoint",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "application/vnd.oasis.opendocument.text",
    "application/vnd.oasis.opendocument.spreadsheet",
    "application/vnd.oasis.opendocument.presentation",
    "image/png",
    "image/jpeg",
    "image/gif",
    "image/webp",
};

// One UTF-8 sequence at the front of `s`: its code point and length, or length 0 when invalid
// (overlong forms, surrogates and values past U+10FFFF are invalid).
std::pair<char32_t, std::size_t> next_code_point(std::string_view s) {
  auto b = [&](std::size_t i) { return static_cast<unsigned char>(s[i]); };
  unsigned char c = b(0);
  if (c < 0x80) return {c, 1};
  std::size_t n = 0;
  char32_t cp = 0;
  char32_t min = 0;
  if ((c & 0xE0) == 0xC0) {
    n = 2, cp = c & 0x1F, min = 0x80;
  } else if ((c & 0xF0) == 0xE0) {
    n = 3, cp = c & 0x0F, min = 0x800;
  } else if ((c & 0xF8) == 0xF0) {
    n = 4, cp = c & 0x07, min = 0x10000;
  } else {
    return {0, 0};
  }
  if (s.size() < n) return {0, 0};
  for (std::size_t i = 1; i < n; ++i) {
    if ((b(i) & 0xC0) != 0x80) return {0, 0};
    cp = (cp << 6) | (b(i) & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return {0, 0};
  return {cp, n};
}

bool unsafe_code_point(char32_t cp) {
  if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F)) return true;  // controls
  // Bidirectional overrides and isolates turn "gpj.exe" into a name that reads "exe.jpg".
  if ((cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069)) return true;
  if (cp == 0x200E || cp == 0x200F || cp == 0x061C) return true;
  if (cp == 0xFEFF || (cp >= 0xFFF9 && cp <= 0xFFFB)) return true;  // BOM, annotations
  return false;
}

constexpr std::size_t kMaxFilenameBytes = 200;

}  // namespace

const std::vector<std::string>& default_allowed_media_types() {
  static const std::vector<std::string> types{
      "application/pdf",
      "image/png",
      "image/jpeg",
      "image/gif",
      "image/tiff",
      "image/webp",
      "text/plain",
      "text/csv",
      "application/msword",
      "application/vnd.ms-excel",
      "application/vnd.ms-powerpoint",
      "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "application/vnd.openxmlformats-officedocument.presentationml.presentation",
      "application/vnd.oasis.opendocument.text",
      "application/vnd.oasis.opendocument.spreadsheet",
      "application/vnd.oasis.opendocument.presentation",
  };
  return types;
}

std::string normalise_media_type(std::string_view media_type) {
  auto semicolon = media_type.find(';');
  auto essence = trim(media_type.substr(0, semicolon));
  auto slash = essence.find('/');
  if (slash == std::string_view::npos || slash == 0 || slash + 1 == essence.size()) return "";
  auto type = essence.substr(0, slash);
  auto subtype = essence.substr(slash + 1);
  if (!std::all_of(type.begin(), type.end(), is_token_char) ||
      !std::all_of(subtype.begin(), subtype.end(), is_token_char)) {
    return "";
  }
  return lower(essence);
}

bool media_type_allowed(std::string_view detected, std::span<const std::string> allowed) {
  auto type = normalise_media_type(detected);
  if (type.empty()) return false;
  auto major = std::string_view(type).substr(0, type.find('/'));
  for (const auto& entry : allowed) {
    auto a = lower(trim(entry));
    if (a == type) return true;
    if (a.size() == major.size() + 2 && a.ends_with("/*") && a.starts_with(major)) return true;
  }
  return false;
}

bool declared_type_agrees(std::string_view declared, std::string_view detected) {
  auto d = normalise_media_type(declared);
  if (trim(declared).empty() || d == "application/octet-stream") return true;
  auto found = normalise_media_type(detected);
  if (d.empty() || found.empty()) return false;
  if (d == found) return true;
  return std::any_of(kCompatible.begin(), kCompatible.end(),
                     [&](const auto& pair) { return pair.first == found && pair.second == d; });
}

std::optional<Refusal> check_media_type(const MediaTypeCheck& check) {
  if (!declared_type_agrees(check.declared, check.detected)) {
    return refuse(Refusal::Kind::TypeMismatch, std::string(check.declared_field),
                  "The declared type " + std::string(trim(check.declared).substr(0, 100)) +
                      " does not match the content, which is " + std::string(check.detected) + ".");
  }
  if (!media_type_allowed(check.detected, check.allowed)) {
    return refuse(Refusal::Kind::TypeNotAllowed, std::string(check.content_field),
                  "Files of type " + std::string(check.detected) + " are not accepted here.");
  }
  return std::nullopt;
}

std::string sanitise_filename(std::string_view given) {
  // Only the last segment: "C:\\Users\\x\\scan.pdf" and "../../etc/passwd" keep their name.
  if (auto cut = given.find_last_of("/\\"); cut != std::string_view::npos) {
    given.remove_prefix(cut + 1);
  }
  std::string out;
  out.reserve(given.size());
  while (!given.empty()) {
    auto [cp, n] = next_code_point(given);
    if (n == 0) {
      out += '_';
      given.remove_prefix(1);
      continue;
    }
    if (unsafe_code_point(cp)) {
      // Dropped, not replaced: a hidden character should leave no visible trace.
    } else if (n == 1 && std::string_view("\"\\:*?<>|;%").find(static_cast<char>(cp)) !=
                             std::string_view::npos) {
      out += '_';
    } else {
      out.append(given.substr(0, n));
    }
    given.remove_prefix(n);
  }
  // No hidden files, no names of only dots, no trailing dots or spaces (Windows drops them).
  auto first = out.find_first_not_of(". ");
  out.erase(0, first == std::string::npos ? out.size() : first);
  while (!out.empty() && (out.back() == '.' || out.back() == ' ')) out.pop_back();
  if (out.size() > kMaxFilenameBytes) {
    // Keep the extension (up to 16 bytes of it) and cut the stem on a character boundary.
    std::string ext;
    if (auto dot = out.rfind('.'); dot != std::string::npos && out.size() - dot <= 16) {
      ext = out.substr(dot);
    }
    std::size_t keep = kMaxFilenameBytes - ext.size();
    while (keep > 0 && (static_cast<unsigned char>(out[keep]) & 0xC0) == 0x80) --keep;
    out = out.substr(0, keep) + ext;
    // The cut may have left a trailing space or dot before the (empty) extension.
    while (!out.empty() && (out.back() == '.' || out.back() == ' ')) out.pop_back();
  }
  return out.empty() ? "document" : out;
}

std::string content_disposition(std::string_view filename) {
  auto name = sanitise_filename(filename);
  std::string ascii;
  std::string encoded;
  static constexpr char kHex[] = "0123456789ABCDEF";
  for (char ch : name) {
    auto c = static_cast<unsigned char>(ch);
    // The quoted fallback for old clients: ASCII only, one "_" per other character
    // (sanitise_filename removed quotes, "\\" and controls already).
    if (c < 0x80) {
      ascii += ch;
    } else if ((c & 0xC0) != 0x80) {
      ascii += '_';
    }
    // RFC 8187 attr-char: ALPHA / DIGIT / "!#$&+-.^_`|~"; everything else percent-encoded.
    bool attr = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                std::string_view("!#$&+-.^_`|~").find(ch) != std::string_view::npos;
    if (attr) {
      encoded += ch;
    } else {
      encoded += '%';
      encoded += kHex[c >> 4];
      encoded += kHex[c & 0x0F];
    }
  }
  return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
}

std::string safe_content_type(std::string_view detected) {
  auto type = normalise_media_type(detected);
  if (std::find(kInert.begin(), kInert.end(), type) != kInert.end()) return type;
  return "application/octet-stream";
}

}  // namespace loket::documents
