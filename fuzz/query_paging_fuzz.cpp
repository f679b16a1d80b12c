// Fuzzes the query string as a list reads it: an arbitrary request target parsed as the server
// parses it (Boost.URL origin-form), then http::page_from, the offset, and the page links.
#include <boost/url/parse.hpp>
#include <cstdint>
#include <exception>
#include <string>
#include <utility>
#include <vector>

#include "http/error.hpp"
#include "http/paging.hpp"
#include "support.hpp"

namespace {

using loket::fuzz::finding;

// A page link is a path on this site whose query is the request's, minus page, plus the page.
void check_link(const loket::http::Request& request, const std::string& link, std::int64_t number) {
  auto ref = boost::urls::parse_uri_reference(link);
  if (!ref) finding("page_link is not a URI reference");
  if (ref->has_scheme() || ref->has_authority()) finding("page_link leaves this site");
  auto parsed = boost::urls::parse_origin_form(link);
  if (!parsed) finding("page_link is not an origin-form target");
  std::vector<std::pair<std::string, std::string>> want;
  for (const auto& [k, v] : request.query) {
    if (k != "page") want.emplace_back(k, v);
  }
  want.emplace_back("page", std::to_string(number));
  std::vector<std::pair<std::string, std::string>> got;
  for (auto param : parsed->params()) got.emplace_back(param.key, param.value);
  if (got != want) finding("page_link does not keep the other query parameters as they were");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {  // NOLINT
  namespace http = loket::http;
  auto request = loket::fuzz::request_from_target(loket::fuzz::as_text(data, size));
  if (!request) return 0;
  http::Page page;
  try {
    page = http::page_from(*request);
  } catch (const http::Error& e) {
    if (e.status() != 400) finding("page_from refused with another status than 400");
    const auto& params = e.invalid_params();
    if (params.empty() || (params[0].name != "page" && params[0].name != "pageSize")) {
      finding("page_from refused without naming page or pageSize");
    }
    return 0;
  } catch (const std::exception& e) {
    loket::fuzz::unexpected("page_from", e);
  }
  if (page.number < 1 || page.size < 1 || page.size > http::kMaxPageSize) {
    finding("page_from let a page or pageSize out of range through");
  }
  auto offset = page.offset();  // UBSan: no overflow
  if (offset < 0 || offset / page.size != page.number - 1)
    finding("the offset is not (page-1)*size");
  try {
    for (std::int64_t total : {std::int64_t{0}, std::int64_t{1}, offset + page.size, INT64_MAX}) {
      for (auto number : {page.number - 1, page.number + 1}) {
        if (auto link = http::page_link(*request, page, number, total)) {
          check_link(*request, *link, number);
        }
      }
    }
  } catch (const std::exception& e) {
    loket::fuzz::unexpected("page_link", e);
  }
  return 0;
}
