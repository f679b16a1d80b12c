// Decision store SQL; one text for SQLite and PostgreSQL. See decision_store.hpp.
#include "cases/decision_store.hpp"

#include <boost/json.hpp>

#include "cases/decision_rules.hpp"
#include "common/json.hpp"
#include "common/uuid.hpp"

namespace loket::cases {
namespace json = boost::json;

namespace {

using common::text;

constexpr std::string_view kZaakUrl = "/zgw/zaken/api/v1/zaken/";

constexpr std::string_view kDecisionType =
    "SELECT url, data, concept FROM zgw_besluittypen WHERE uuid = $1";
constexpr std::string_view kDecisionTypeByUrl =
    "SELECT uuid, data, concept FROM zgw_besluittypen WHERE url = $1";
constexpr std::string_view kCaseTypeData =
    "SELECT data, four_eyes FROM zgw_zaaktypen WHERE uuid = $1";
constexpr std::string_view kSetFourEyes = "UPDATE zgw_zaaktypen SET four_eyes = $2 WHERE uuid = $1";

constexpr std::string_view kCounterInit =
    "INSERT INTO decision_identification_counters (verantwoordelijke_organisatie, year, last)"
    " VALUES ($1, $2, 0) ON CONFLICT (verantwoordelijke_organisatie, year) DO NOTHING";
constexpr std::string_view kCounterNext =
    "UPDATE decision_identification_counters SET last = last + 1"
    " WHERE verantwoordelijke_organisatie = $1 AND year = $2";
constexpr std::string_view kCounterRead =
    "SELECT last FROM decision_identification_counters"
    " WHERE verantwoordelijke_organisatie = $1 AND year = $2";
constexpr std::string_view kIdentificationTaken =
    "SELECT 1 FROM zgw_besluiten WHERE verantwoordelijke_organisatie = $1 AND identificatie = $2"
    " UNION ALL SELECT 1 FROM decision_drafts WHERE verantwoordelijke_organisatie = $1 AND"
    " identificatie = $2";

constexpr std::string_view kInsert =
    "INSERT INTO zgw_besluiten (uuid, data, identificatie, verantwoordelijke_organisatie,"
    " besluittype, zaak, datum, ingangsdatum, vervaldatum, verzenddatum, publicatiedatum,"
    " decided_by, approved_by, approved_at)"
    " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)";
constexpr std::string_view kInsertDraft =
    "INSERT INTO decision_drafts (uuid, data, zaak_uuid, identificatie,"
    " verantwoordelijke_organisatie, decided_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)";
constexpr std::string_view kDeleteDraft = "DELETE FROM decision_drafts WHERE uuid = $1";
constexpr std::string_view kLockDraft = "UPDATE decision_drafts SET uuid = uuid WHERE uuid = $1";
constexpr std::string_view kLoad =
    "SELECT data, decided_by, approved_by, approved_at FROM zgw_besluiten WHERE uuid = $1";
constexpr std::string_view kLoadDraft =
    "SELECT data, decided_by FROM decision_drafts WHERE uuid = $1";
constexpr std::string_view kOfCase =
    "SELECT data, decided_by, approved_by, approved_at FROM zgw_besluiten WHERE zaak = $1"
    " ORDER BY datum, uuid";
constexpr std::string_view kDraftsOfCase =
    "SELECT data, decided_by FROM decision_drafts WHERE zaak_uuid = $1 ORDER BY created_at, uuid";
constexpr std::string_view kIngangsdata =
    "SELECT ingangsdatum FROM zgw_besluiten WHERE zaak = $1 ORDER BY uuid";
constexpr std::string_view kVervaldata =
    "SELECT vervaldatum FROM zgw_besluiten WHERE zaak = $1 ORDER BY uuid";

constexpr std::string_view kLinked =
    "SELECT 1 FROM zgw_zaakbesluiten WHERE zaak_uuid = $1 AND besluit = $2";
constexpr std::string_view kLink =
    "INSERT INTO zgw_zaakbesluiten (uuid, data, zaak, zaak_uuid, besluit)"
    " VALUES ($1, $2, $3, $4, $5)";
constexpr std::string_view kUnlink = "DELETE FROM zgw_zaakbesluiten WHERE besluit = $1";

json::value date_or_null(const std::optional<std::string>& s) { return common::empty_as_null(s); }

db::Value value_or_null(const std::optional<std::string>& s) {
  if (!s || s->empty()) return nullptr;
  return *s;
}
db::Value value_or_null(const std::string& s) {
  if (s.empty()) return nullptr;
  return s;
}

std::optional<std::string> optional_date(const json::object& o, std::string_view key) {
  auto s = text(o, key);
  if (s.empty()) return std::nullopt;
  return s;
}

// The uuid at the end of one of our relative URLs with `prefix`, else "".
std::string uuid_after(std::string_view url, std::string_view prefix) {
  if (!url.starts_with(prefix)) return {};
  auto rest = url.substr(prefix.size());
  return common::is_uuid(rest) ? std::string(rest) : std::string();
}

Decision from_row(const db::Rows::Row& row, bool draft) {
  auto d = decision_of(json::parse(row.text(0)).as_object());
  d.decided_by = row.optional_text(1).value_or("");
  if (draft) {
    d.state = DecisionState::Draft;
  } else {
    d.approved_by = row.optional_text(2).value_or("");
    d.approved_at = row.optional_text(3).value_or("");
  }
  return d;
}

}  // namespace

json::object besluit_data(const Decision& d) {
  return {{"url", std::string(kBesluitUrl) + d.id},
          {"uuid", d.id},
          {"identificatie", d.identification},
          {"verantwoordelijkeOrganisatie", d.organisation_rsin},
          {"besluittype", d.decision_type_url},
          {"zaak", d.case_url},
          {"datum", d.date},
          {"toelichting", d.explanation},
          {"bestuursorgaan", d.governing_body},
          {"ingangsdatum", d.effective_from},
          {"vervaldatum", date_or_null(d.expires_on)},
          {"vervalreden", d.expiry_reason},
          {"vervalredenWeergave", std::string(expiry_reason_label(d.expiry_reason))},
          {"publicatiedatum", date_or_null(d.published_on)},
          {"verzenddatum", date_or_null(d.sent_on)},
          {"uiterlijkeReactiedatum", date_or_null(d.respond_by)}};
}

Decision decision_of(const json::object& o) {
  Decision d;
  d.id = text(o, "uuid");
  if (d.id.empty()) d.id = uuid_after(text(o, "url"), kBesluitUrl);
  d.decision_type_url = text(o, "besluittype");
  d.decision_type_id = uuid_after(d.decision_type_url, kBesluittypeUrl);
  d.case_url = text(o, "zaak");
  d.case_id = uuid_after(d.case_url, kZaakUrl);
  d.identification = text(o, "identificatie");
  d.organisation_rsin = text(o, "verantwoordelijkeOrganisatie");
  d.date = text(o, "datum");
  d.explanation = text(o, "toelichting");
  d.governing_body = text(o, "bestuursorgaan");
  d.effective_from = text(o, "ingangsdatum");
  d.expires_on = optional_date(o, "vervaldatum");
  d.expiry_reason = text(o, "vervalreden");
  d.published_on = optional_date(o, "publicatiedatum");
  d.sent_on = optional_date(o, "verzenddatum");
  d.respond_by = optional_date(o, "uiterlijkeReactiedatum");
  return d;
}

std::optional<DecisionType> DecisionStore::load_decision_type(db::Connection& c,
                                                              std::string_view uuid) const {
  auto rows = c.query(kDecisionType, {std::string(uuid)});
  if (rows.empty()) return std::nullopt;
  auto data = json::parse(rows[0].text(1)).as_object();
  return DecisionType{std::string(uuid), rows[0].text(0), text(data, "omschrijving"),
                      rows[0].integer(2) == 0};
}

bool DecisionStore::case_type_lists(db::Connection& c, std::string_view case_type,
                                    std::string_view decision_type_url) const {
  auto rows = c.query(kCaseTypeData, {std::string(case_type)});
  if (rows.empty()) return false;
  auto data = json::parse(rows[0].text(0)).as_object();
  const auto* list = data.if_contains("besluittypen");
  if (!list || !list->is_array()) return false;
  for (const auto& v : list->as_array()) {
    if (v.is_string() && v.as_string() == decision_type_url) return true;
  }
  return false;
}

std::vector<DecisionType> DecisionStore::published_decision_types(
    db::Connection& c, std::string_view case_type) const {
  std::vector<DecisionType> out;
  auto rows = c.query(kCaseTypeData, {std::string(case_type)});
  if (rows.empty()) return out;
  auto data = json::parse(rows[0].text(0)).as_object();
  const auto* list = data.if_contains("besluittypen");
  if (!list || !list->is_array()) return out;
  for (const auto& v : list->as_array()) {
    if (!v.is_string()) continue;
    std::string url(v.as_string());
    auto found = c.query(kDecisionTypeByUrl, {url});
    if (found.empty() || found[0].integer(2) != 0) continue;
    auto type = json::parse(found[0].text(1)).as_object();
    out.push_back({found[0].text(0), url, text(type, "omschrijving"), true});
  }
  return out;
}

bool DecisionStore::four_eyes(db::Connection& c, std::string_view case_type) const {
  auto rows = c.query(kCaseTypeData, {std::string(case_type)});
  return !rows.empty() && rows[0].integer(1) != 0;
}

void DecisionStore::set_four_eyes(db::Connection& c, std::string_view case_type, bool on) const {
  c.execute(kSetFourEyes, {std::string(case_type), std::int64_t{on ? 1 : 0}});
}

std::string DecisionStore::next_identification(db::Connection& c, const std::string& rsin,
                                               int year) const {
  c.execute(kCounterInit, {rsin, std::int64_t{year}});
  for (;;) {
    c.execute(kCounterNext, {rsin, std::int64_t{year}});
    auto n = c.query(kCounterRead, {rsin, std::int64_t{year}})[0].integer(0);
    auto id = decision_identification(year, n);
    // A client may have chosen this one itself.
    if (c.query(kIdentificationTaken, {rsin, id}).empty()) return id;
  }
}

void DecisionStore::insert(db::Connection& c, const Decision& d) const {
  c.execute(kInsert,
            {d.id, json::serialize(besluit_data(d)), d.identification, d.organisation_rsin,
             d.decision_type_url, value_or_null(d.case_url), value_or_null(d.date),
             value_or_null(d.effective_from), value_or_null(d.expires_on), value_or_null(d.sent_on),
             value_or_null(d.published_on), value_or_null(d.decided_by),
             value_or_null(d.approved_by), value_or_null(d.approved_at)});
}

void DecisionStore::insert_draft(db::Connection& c, const Decision& d,
                                 const std::string& created_at) const {
  c.execute(kInsertDraft, {d.id, json::serialize(besluit_data(d)), d.case_id, d.identification,
                           d.organisation_rsin, d.decided_by, created_at});
}

bool DecisionStore::identification_taken(db::Connection& c, const std::string& rsin,
                                         const std::string& identification) const {
  return !c.query(kIdentificationTaken, {rsin, identification}).empty();
}

void DecisionStore::delete_draft(db::Connection& c, std::string_view id) const {
  c.execute(kDeleteDraft, {std::string(id)});
}

std::optional<Decision> DecisionStore::load(db::Connection& c, std::string_view id,
                                            bool lock) const {
  // The draft's lock first: a writer that waited for another's approval then finds the
  // decision approved, not gone.
  if (lock) c.execute(kLockDraft, {std::string(id)});
  auto rows = c.query(kLoad, {std::string(id)});
  if (!rows.empty()) return from_row(rows[0], false);
  rows = c.query(kLoadDraft, {std::string(id)});
  if (rows.empty()) return std::nullopt;
  return from_row(rows[0], true);
}

std::vector<Decision> DecisionStore::for_case(db::Connection& c, std::string_view case_id,
                                              bool with_drafts) const {
  std::vector<Decision> out;
  auto rows = c.query(kOfCase, {std::string(kZaakUrl) + std::string(case_id)});
  for (std::size_t i = 0; i < rows.size(); ++i) out.push_back(from_row(rows[i], false));
  if (with_drafts) {
    rows = c.query(kDraftsOfCase, {std::string(case_id)});
    for (std::size_t i = 0; i < rows.size(); ++i) out.push_back(from_row(rows[i], true));
  }
  return out;
}

std::vector<std::optional<std::string>> DecisionStore::dates_of_case(db::Connection& c,
                                                                     std::string_view case_url,
                                                                     std::string_view field) const {
  auto rows = c.query(field == "vervaldatum" ? kVervaldata : kIngangsdata, {std::string(case_url)});
  std::vector<std::optional<std::string>> out;
  for (std::size_t i = 0; i < rows.size(); ++i) out.push_back(rows[i].optional_text(0));
  return out;
}

void DecisionStore::link_case(db::Connection& c, std::string_view case_id,
                              std::string_view decision_id) const {
  auto besluit = std::string(kBesluitUrl) + std::string(decision_id);
  if (!c.query(kLinked, {std::string(case_id), besluit}).empty()) return;
  auto uuid = common::new_uuid();
  auto zaak = std::string(kZaakUrl) + std::string(case_id);
  json::object data{
      {"url", zaak + "/besluiten/" + uuid}, {"uuid", uuid}, {"zaak", zaak}, {"besluit", besluit}};
  c.execute(kLink, {uuid, json::serialize(data), zaak, std::string(case_id), besluit});
}

void DecisionStore::unlink_case(db::Connection& c, std::string_view decision_id) const {
  c.execute(kUnlink, {std::string(kBesluitUrl) + std::string(decision_id)});
}

}  // namespace loket::cases
