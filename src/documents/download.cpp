// Download headers: what keeps an uploaded file from running as a page of this site.
#include "documents/download.hpp"

#include "documents/rules.hpp"

namespace loket::documents {

std::vector<std::pair<std::string, std::string>> download_headers(std::string_view filename,
                                                                  std::string_view media_type) {
  return {
      {"Content-Type", safe_content_type(media_type)},
      {"Content-Disposition", content_disposition(filename)},
      {"X-Content-Type-Options", "nosniff"},
      // Should a browser display it after all (a PDF viewer, a plug-in), it runs without
      // scripts, forms or this site's origin, and loads nothing.
      {"Content-Security-Policy", "sandbox; default-src 'none'; frame-ancestors 'none'"},
      {"Cross-Origin-Resource-Policy", "same-origin"},
      // Documents hold personal data: no shared cache keeps a copy.
      {"Cache-Control", "private, no-store"},
  };
}

http::Response download_response(Download download) {
  http::Response r;
  r.status = 200;
  for (const auto& [name, value] : download_headers(download.filename, download.media_type)) {
    r.headers.set(name, value);
  }
  r.body = std::move(download.body);
  return r;
}

http::Error http_error(const Refusal& refusal) {
  auto field = [&](std::string code) {
    return std::vector<http::InvalidParam>{{refusal.field, std::move(code), refusal.detail}};
  };
  switch (refusal.kind) {
    case Refusal::Kind::TooLarge:
      return http::Error(413, "payload-too-large", refusal.detail, field("max-size"));
    case Refusal::Kind::CaseLimit:
      return http::Error(413, "payload-too-large", refusal.detail, field("case-max-size"));
    case Refusal::Kind::BadEncoding:
      return http::BadRequest(refusal.detail, field("invalid-base64"));
    case Refusal::Kind::TypeMismatch:
      return http::BadRequest(refusal.detail, field("media-type-mismatch"));
    case Refusal::Kind::TypeNotAllowed:
      return http::BadRequest(refusal.detail, field("media-type-not-allowed"));
    case Refusal::Kind::Infected:
      return http::BadRequest(refusal.detail, field("infected"));
    case Refusal::Kind::NotScanned:
      return http::Conflict(refusal.detail);
    case Refusal::Kind::NotFound:
      return http::NotFound(refusal.detail);
  }
  return http::BadRequest(refusal.detail);
}

}  // namespace loket::documents
