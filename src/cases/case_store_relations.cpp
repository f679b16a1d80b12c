// relevanteAndereZaken on the zaak rows (zgw_zaken.data); see case_relations.hpp. Case table
// SQL, so it lives with the case store.
#include <algorithm>
#include <boost/json.hpp>
#include <optional>
#include <stdexcept>

#include "cases/audit_trail.hpp"
#include "cases/case_relations.hpp"
#include "common/json.hpp"

namespace loket::cases {
namespace json = boost::json;

namespace {

constexpr std::string_view kZaakUrl = "/zgw/zaken/api/v1/zaken/";
constexpr std::string_view kZaakData = "SELECT data FROM zgw_zaken WHERE uuid = $1";
constexpr std::string_view kUpdateZaakData = "UPDATE zgw_zaken SET data = $2 WHERE uuid = $1";

struct Change {
  json::object before, after;
};

// The zaak `case_id` lists `other_id` with `aard`, once; nullopt when it did already.
std::optional<Change> relate_case(db::Connection& c, const std::string& case_id,
                                  const std::string& other_id, std::string_view aard,
                                  const std::string& note) {
  auto rows = c.query(kZaakData, {case_id});
  if (rows.empty()) throw std::runtime_error("relate_cases_in: the case is gone");
  auto parsed = json::parse(rows[0].text(0));
  if (!parsed.is_object()) throw std::runtime_error("relate_cases_in: the zaak's data is no object");
  auto data = std::move(parsed.as_object());
  auto before = data;
  auto other = std::string(kZaakUrl) + other_id;
  auto& list = data["relevanteAndereZaken"];
  if (!list.is_array()) list = json::array{};
  for (const auto& v : list.as_array()) {
    if (v.is_object() && common::text(v.as_object(), "url") == other) return std::nullopt;
  }
  list.as_array().push_back(
      {{"url", other}, {"aardRelatie", aard}, {"overigeRelatie", ""}, {"toelichting", note}});
  c.execute(kUpdateZaakData, {case_id, json::serialize(data)});
  return Change{std::move(before), std::move(data)};
}

}  // namespace

void relate_cases_in(db::Connection& c, CaseService& cases, const std::string& new_case_id,
                     const std::string& about_case_id, const std::string& note,
                     const Permit& permit) {
  if (new_case_id == about_case_id) return;
  // One order for every writer that locks two cases.
  const auto& first = std::min(new_case_id, about_case_id);
  const auto& second = std::max(new_case_id, about_case_id);
  if (!cases.store().load_case(c, first, true) || !cases.store().load_case(c, second, true)) {
    throw std::runtime_error("relate_cases_in: a case is gone");
  }
  auto record = [&](const std::string& id, const std::string& other, std::string_view aard) {
    auto changed = relate_case(c, id, other, aard, note);
    if (!changed) return;
    // As CaseService records a change of the zaak's own fields (its `audit`).
    AuditEntry e;
    e.bron = "ZRC";
    e.actor = permit.actor;
    e.action = "partial_update";
    e.owner = std::string(kZaakUrl) + id;
    e.resource = "zaak";
    e.resource_url = e.owner;
    e.old_value = std::move(changed->before);
    e.new_value = std::move(changed->after);
    write_audit(c, e);
    cases.emit(c, kCaseUpdated, id);
  };
  record(new_case_id, about_case_id, "vervolg");
  record(about_case_id, new_case_id, "onderwerp");
}

}  // namespace loket::cases
