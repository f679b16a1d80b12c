// The dashboard's grouped queries; see case_insight.hpp.
#include "cases/case_insight.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "cases/case_rules.hpp"

namespace loket::cases {

namespace {

constexpr std::string_view kZaaktypeUrl = "/zgw/catalogi/api/v1/zaaktypen/";

// Each query is "<select> WHERE (<scopes>) AND <condition> <group>"; the scopes bind first, the
// date (when the query has one) last: PostgreSQL refuses a parameter the text does not use.
constexpr std::string_view kReceived =
    "SELECT zaaktype, startdatum, COUNT(*) FROM zgw_zaken WHERE ";
constexpr std::string_view kReceivedTail = " AND startdatum >= ${} GROUP BY zaaktype, startdatum";
constexpr std::string_view kOpen = "SELECT zaaktype, COUNT(*) FROM zgw_zaken WHERE ";
constexpr std::string_view kOpenTail = " AND einddatum IS NULL GROUP BY zaaktype";
constexpr std::string_view kClosed =
    "SELECT zaaktype, startdatum, einddatum, uiterlijke_einddatum_afdoening, assignee"
    " FROM zgw_zaken WHERE ";
constexpr std::string_view kClosedTail = " AND einddatum >= ${}";

std::string scopes_of(const std::vector<OrganisationScope>& scopes, db::Params& params) {
  std::string out = "(";
  for (std::size_t i = 0; i < scopes.size(); ++i) {
    params.emplace_back(scopes[i].rsin);
    params.emplace_back(static_cast<std::int64_t>(scopes[i].max_level));
    out += (i ? " OR " : "") + std::string("(bronorganisatie = $") +
           std::to_string(params.size() - 1) + " AND vertrouwelijkheid <= $" +
           std::to_string(params.size()) + ")";
  }
  return out + ")";
}

std::string type_id(const std::string& url) {
  return url.starts_with(kZaaktypeUrl) ? url.substr(kZaaktypeUrl.size()) : url;
}

}  // namespace

Insight insight(db::Connection& c, const std::vector<OrganisationScope>& scopes,
                const std::string& from) {
  Insight out;
  if (scopes.empty()) return out;
  db::Params params;
  auto where = scopes_of(scopes, params);
  auto dated = params;
  dated.emplace_back(from);
  auto since = [&](std::string_view tail) { return fmt::format(fmt::runtime(tail), dated.size()); };
  auto rows = c.query(std::string(kReceived) + where + since(kReceivedTail), dated);
  for (std::size_t i = 0; i < rows.size(); ++i) {
    auto n = rows[i].integer(2);
    out.products[type_id(rows[i].text(0))].received += n;
    out.received_per_day[rows[i].optional_text(1).value_or("")] += n;
  }
  rows = c.query(std::string(kOpen) + where + std::string(kOpenTail), params);
  for (std::size_t i = 0; i < rows.size(); ++i) {
    out.products[type_id(rows[i].text(0))].open += rows[i].integer(1);
  }
  rows = c.query(std::string(kClosed) + where + since(kClosedTail), dated);
  for (std::size_t i = 0; i < rows.size(); ++i) {
    auto& p = out.products[type_id(rows[i].text(0))];
    ++p.closed;
    auto start = parse_day(rows[i].optional_text(1).value_or(""));
    auto end = parse_day(rows[i].optional_text(2).value_or(""));
    auto deadline = parse_day(rows[i].optional_text(3).value_or(""));
    if (start && end) p.lead_days.push_back(days_between(*start, *end));
    if (end && deadline && *end <= *deadline) ++p.closed_within_term;
    if (rows[i].optional_text(4).value_or("").empty()) ++p.closed_without_assignee;
  }
  for (auto& [id, p] : out.products) std::sort(p.lead_days.begin(), p.lead_days.end());
  return out;
}

std::int64_t percentile(const std::vector<std::int64_t>& sorted, double q) {
  if (sorted.empty()) return 0;
  auto rank = static_cast<std::size_t>(std::ceil(q * static_cast<double>(sorted.size())));
  return sorted[std::clamp<std::size_t>(rank, 1, sorted.size()) - 1];
}

}  // namespace loket::cases
