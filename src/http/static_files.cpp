// Static files: each decoded path segment is checked before it touches the file system, and the
// resolved file must still lie inside the root (symbolic links included).
#include "http/static_files.hpp"

#include <fmt/format.h>

#include <boost/url/parse.hpp>
#include <fstream>
#include <sstream>

namespace loket::http {
namespace {

bool safe_segment(std::string_view s) {
  if (s.empty() || s.front() == '.') return false;  // ".", "..", hidden files
  for (char c : s) {
    if (c == '/' || c == '\\' || c == '\0' || static_cast<unsigned char>(c) < 0x20) return false;
  }
  return true;
}

bool inside(const std::filesystem::path& root, const std::filesystem::path& p) {
  const auto& r = root.native();
  const auto& s = p.native();
  return s.size() > r.size() && s.compare(0, r.size(), r) == 0 && s[r.size()] == '/';
}

}  // namespace

StaticFiles::StaticFiles(const std::filesystem::path& root) {
  std::error_code ec;
  if (!root.empty()) root_ = std::filesystem::canonical(root, ec);
  if (ec) root_.clear();
}

std::string_view StaticFiles::content_type(const std::filesystem::path& file) {
  static const std::pair<std::string_view, std::string_view> kTypes[] = {
      {".html", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".json", "application/json"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".jpg", "image/jpeg"},
      {".jpeg", "image/jpeg"},
      {".webp", "image/webp"},
      {".ico", "image/x-icon"},
      {".woff2", "font/woff2"},
      {".woff", "font/woff"},
      {".txt", "text/plain; charset=utf-8"},
      {".webmanifest", "application/manifest+json"},
      {".map", "application/json"},
  };
  auto ext = file.extension().string();
  for (const auto& [e, t] : kTypes) {
    if (e == ext) return t;
  }
  return "application/octet-stream";
}

std::optional<Response> StaticFiles::serve(const Request& request) const {
  if (root_.empty()) return std::nullopt;
  auto target = std::string_view(request.target);
  auto parsed = boost::urls::parse_origin_form(target);
  if (!parsed) return std::nullopt;

  std::filesystem::path file = root_;
  auto segments = parsed->segments();  // percent-decoded
  std::size_t n = 0;
  bool trailing_slash = false;
  for (auto it = segments.begin(); it != segments.end(); ++it, ++n) {
    std::string seg = *it;
    if (seg.empty() && std::next(it) == segments.end()) {
      trailing_slash = true;
      break;
    }
    if (!safe_segment(seg)) return std::nullopt;
    file /= seg;
  }
  if (n == 0 || trailing_slash) file /= "index.html";

  std::error_code ec;
  auto real = std::filesystem::canonical(file, ec);
  if (ec || !inside(root_, real) || !std::filesystem::is_regular_file(real, ec)) {
    return std::nullopt;
  }
  auto size = std::filesystem::file_size(real, ec);
  if (ec) return std::nullopt;
  auto mtime = std::filesystem::last_write_time(real, ec);
  if (ec) return std::nullopt;

  auto etag = fmt::format("\"{:x}-{:x}\"", size,
                          static_cast<std::uint64_t>(mtime.time_since_epoch().count()));
  std::string_view cache = "public, max-age=3600";
  if (real.extension() == ".html") {
    cache = "no-cache";
  } else if (inside(root_ / "assets", real)) {
    cache = "public, max-age=31536000, immutable";  // build output with content hashes in names
  }

  Response r;
  r.headers.set("etag", etag);
  r.headers.set("cache-control", cache);
  if (auto inm = request.header("if-none-match"); inm && (*inm == etag || *inm == "*")) {
    r.status = 304;
    return r;
  }
  std::ifstream in(real, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream ss;
  ss << in.rdbuf();
  r.status = 200;
  r.headers.set("content-type", content_type(real));
  r.body = std::move(ss).str();
  return r;
}

}  // namespace loket::http
