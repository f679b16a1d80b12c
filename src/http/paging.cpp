// Pagination parameters: strict parsing, so "2abc", "-1", "-0", "1e3" or " 2" is an error, not
// page 2 or 1; and a checked offset, so no page number can overflow it.
#include "http/paging.hpp"

#include <algorithm>
#include <boost/url/encode.hpp>
#include <boost/url/rfc/unreserved_chars.hpp>
#include <boost/url/url.hpp>
#include <charconv>

#include "http/error.hpp"

namespace loket::http {
namespace {

[[noreturn]] void refuse(std::string_view name, std::int64_t min, std::int64_t max) {
  throw BadRequest(
      std::string(name) + " must be a whole number from " + std::to_string(min) + " to " +
          std::to_string(max) + ".",
      {{std::string(name), "invalid",
        "Use a whole number from " + std::to_string(min) + " to " + std::to_string(max) + "."}});
}

std::int64_t whole_number(std::string_view name, std::string_view text, std::int64_t min,
                          std::int64_t max) {
  // Digits only: from_chars alone would take "-0" and stop quietly at "1e3".
  bool digits = !text.empty() &&
                std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
  std::int64_t v = 0;
  if (digits) {
    auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    digits = ec == std::errc() && p == text.data() + text.size();
  }
  if (!digits || v < min || v > max) refuse(name, min, max);
  return v;
}

// (number - 1) * size, or nullopt when it would overflow or either is out of range.
std::optional<std::int64_t> checked_offset(std::int64_t number, std::int64_t size) {
  if (number < 1 || size < 1) return std::nullopt;
  std::int64_t out = 0;
  if (__builtin_mul_overflow(number - 1, size, &out)) return std::nullopt;
  return out;
}

}  // namespace

std::int64_t Page::offset() const {
  auto o = checked_offset(number, size);
  if (!o) refuse("page", 1, kMaxPage);
  return *o;
}

std::int64_t Page::end() const {
  std::int64_t out = 0;
  if (__builtin_add_overflow(offset(), size, &out)) refuse("page", 1, kMaxPage);
  return out;
}

Page page_from(const Request& request) {
  Page page;
  if (auto p = request.query_param("page")) page.number = whole_number("page", *p, 1, kMaxPage);
  if (auto s = request.query_param("pageSize"))
    page.size = whole_number("pageSize", *s, 1, kMaxPageSize);
  page.offset();  // checked here, where the error names the parameter
  return page;
}

Page page_from(const Request& request, std::int64_t fixed_size) {
  Page page;
  page.size = fixed_size;
  if (auto p = request.query_param("page")) page.number = whole_number("page", *p, 1, kMaxPage);
  page.offset();
  return page;
}

bool page_exists(const Page& page, std::int64_t number, std::int64_t total) {
  auto o = checked_offset(number, page.size);
  return o && *o < total;
}

std::optional<std::string> page_link(const Request& request, const Page& page, std::int64_t number,
                                     std::int64_t total) {
  if (!page_exists(page, number, total)) return std::nullopt;
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
