// SQL for the handling page's reads; see case_timeline.hpp.
#include "cases/case_timeline.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <tuple>

#include "common/json.hpp"
#include "db/row_sql.hpp"

namespace loket::cases {
namespace json = boost::json;

namespace {

constexpr std::string_view kZaaktypeUrl = "/zgw/catalogi/api/v1/zaaktypen/";

constexpr std::string_view kHistory =
    "SELECT statustype, datum_status_gezet, data FROM zgw_statussen WHERE zaak_uuid = $1"
    " ORDER BY datum_status_gezet, uuid";
constexpr std::string_view kResultTypes =
    "SELECT uuid, data FROM zgw_resultaattypen WHERE zaaktype = $1";
constexpr std::string_view kResult =
    "SELECT resultaattype, data FROM zgw_resultaten WHERE zaak_uuid = $1";
// One parameter per RSIN is appended as "($1, $2, ...)".
constexpr std::string_view kCaseTypesOf =
    "SELECT t.uuid, t.data FROM zgw_zaaktypen t JOIN zgw_catalogussen c ON c.url = t.catalogus"
    " WHERE t.concept = 0 AND c.rsin IN ";

std::string last_segment(std::string_view url) {
  auto slash = url.rfind('/');
  return std::string(slash == std::string_view::npos ? url : url.substr(slash + 1));
}

json::object object_of(const std::string& text) {
  boost::system::error_code ec;
  auto v = json::parse(text, ec);
  return !ec && v.is_object() ? std::move(v.as_object()) : json::object();
}

}  // namespace

std::vector<StatusEntry> status_history(db::Connection& c, std::string_view case_id) {
  std::vector<StatusEntry> out;
  auto rows = c.query(kHistory, {std::string(case_id)});
  for (std::size_t i = 0; i < rows.size(); ++i) {
    out.push_back({last_segment(rows[i].text(0)), rows[i].text(1),
                   common::text(object_of(rows[i].text(2)), "statustoelichting")});
  }
  return out;
}

std::vector<NamedType> result_types(db::Connection& c, std::string_view case_type_id) {
  std::vector<NamedType> out;
  auto rows = c.query(kResultTypes, {std::string(kZaaktypeUrl) + std::string(case_type_id)});
  for (std::size_t i = 0; i < rows.size(); ++i) {
    auto data = object_of(rows[i].text(1));
    out.push_back({rows[i].text(0), common::text(data, "omschrijving"),
                   common::text(data, "beginGeldigheid")});
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
    return std::tie(a.name, a.valid_from, a.id) < std::tie(b.name, b.valid_from, b.id);
  });
  return out;
}

std::optional<RecordedResult> recorded_result(db::Connection& c, std::string_view case_id) {
  auto rows = c.query(kResult, {std::string(case_id)});
  if (rows.empty()) return std::nullopt;
  return RecordedResult{last_segment(rows[0].text(0)),
                        common::text(object_of(rows[0].text(1)), "toelichting")};
}

std::vector<NamedType> case_types_of(db::Connection& c, const std::vector<std::string>& rsins) {
  std::vector<NamedType> out;
  if (rsins.empty()) return out;
  db::Params params;
  auto rows = c.query(std::string(kCaseTypesOf) + db::in_list(rsins, params), params);
  for (std::size_t i = 0; i < rows.size(); ++i) {
    auto data = object_of(rows[i].text(1));
    out.push_back({rows[i].text(0), common::text(data, "omschrijving"),
                   common::text(data, "beginGeldigheid")});
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
    return std::tie(a.name, a.valid_from, a.id) < std::tie(b.name, b.valid_from, b.id);
  });
  return out;
}

}  // namespace loket::cases
