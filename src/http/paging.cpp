// Pagination parameters: strict parsing, so "2abc" or "-1" is an error, not page 2 or 1.
#include "http/paging.hpp"

#include <boost/url/encode.hpp>
#include <boost/url/rfc/unreserved_chars.hpp>
#include <boost/url/url.hpp>
#include <charconv>

#include "http/error.hpp"

namespace loket::http {
namespace {

std::int64_t whole_number(std::string_view name, std::string_view text, std::int64_t min,
                          std::int64_t max) {
  std::int64_t v = 0;
  auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (text.empty() || ec != std::errc() || p != text.data() + text.size() || v < min || v > max) {
    throw BadRequest(
        std::string(name) + " must be a whole number from " + std::to_string(min) + " to " +
            std::to_string(max) + ".",
        {{std::string(name), "invalid",
          "Use a whole number from " + std::to_string(min) + " to " + std::to_string(max) + "."}});
  }
  return v;
}

}  // namespace

Page page_from(const Request& request) {
  Page page;
  if (auto p = request.query_param("page"))
    page.number = whole_number("page", *p, 1, 1'000'000'000);
  if (auto s = request.query_param("pageSize"))
    page.size = whole_number("pageSize", *s, 1, kMaxPageSize);
  return page;
}

std::optional<std::string> page_link(const Request& request, const Page& page, std::int64_t number,
                                     std::int64_t total) {
  if (number < 1 || (number - 1) * page.size >= total) return std::nullopt;
  boost::urls::url u;
  u.set_path(request.path);
  // Encoded here rather than by params().append, which in Boost.URL 1.81 leaves a '+' as it is:
  // read back, it is a space, so "q=a%2Bb" would come back as "q=a b" on the next page.
  std::string query;
  auto add = [&query](std::string_view k, std::string_view v) {
    if (!query.empty()) query += '&';
    query += boost::urls::encode(k, boost::urls::unreserved_chars);
    query += '=';
    query += boost::urls::encode(v, boost::urls::unreserved_chars);
  };
  for (const auto& [k, v] : request.query) {
    if (k != "page") add(k, v);
  }
  add("page", std::to_string(number));
  u.set_encoded_query(query);
  return std::string(u.buffer());
}

}  // namespace loket::http
