// See uploads.hpp.
#include "web/uploads.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace loket::web {

const std::vector<std::string>& upload_types() {
  static const std::vector<std::string> types{"application/pdf", "image/png", "image/jpeg",
                                              "text/plain"};
  return types;
}

std::string size_text(std::int64_t bytes) {
  if (bytes >= 1024 * 1024) {
    // In tenths, written without a ".0": 32 MiB less a form's overhead is "32 MB".
    auto tenths = (bytes * 10 + 512 * 1024) / (1024 * 1024);
    return tenths % 10 == 0 ? fmt::format("{} MB", tenths / 10)
                            : fmt::format("{}.{} MB", tenths / 10, tenths % 10);
  }
  return fmt::format("{} kB", std::max<std::int64_t>(1, (bytes + 1023) / 1024));
}

std::int64_t max_form_file(std::uint64_t upload_body, std::uint64_t max_document) {
  constexpr std::uint64_t kFormOverhead = 16 * 1024;
  auto body = upload_body > 2 * kFormOverhead ? upload_body - kFormOverhead : upload_body / 2;
  return static_cast<std::int64_t>(std::min(max_document, body));
}

http::Error upload_error(const documents::Refusal& r) {
  if (r.status() == 413) {
    return http::Error(413, "payload-too-large", r.detail, {{r.field, "too-large", r.detail}});
  }
  if (r.status() == 409) return http::Conflict(r.detail);
  if (r.status() == 404) return http::NotFound(r.detail);
  return http::BadRequest(
      r.detail,
      {{r.field, r.kind == documents::Refusal::Kind::Infected ? "infected" : "invalid", r.detail}});
}

}  // namespace loket::web
