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

}  // namespace loket::documents
