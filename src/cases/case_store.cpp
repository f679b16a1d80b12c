// Case store SQL; one text for SQLite and PostgreSQL. See case_store.hpp.
#include "cases/case_store.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <boost/json.hpp>
#include <cctype>
#include <chrono>
#include <map>
#include <mutex>
#include <set>
#include <stdexcept>
#include <tuple>

#include "cases/case_store_zgw.hpp"
#include "cases/party_list.hpp"
#include "cases/submit_target.hpp"
#include "common/confidentiality.hpp"
#include "common/instant.hpp"
#include "common/json.hpp"
#include "db/row_sql.hpp"

namespace loket::cases {
namespace json = boost::json;

namespace {

// The relative URLs the registry's rows use for their references (the ZGW engine's url_of).
constexpr std::string_view kZaakUrl = "/zgw/zaken/api/v1/zaken/";
constexpr std::string_view kStatusUrl = "/zgw/zaken/api/v1/statussen/";
constexpr std::string_view kRolUrl = "/zgw/zaken/api/v1/rollen/";
constexpr std::string_view kResultaatUrl = "/zgw/zaken/api/v1/resultaten/";
constexpr std::string_view kZaaktypeUrl = "/zgw/catalogi/api/v1/zaaktypen/";
constexpr std::string_view kStatustypeUrl = "/zgw/catalogi/api/v1/statustypen/";
constexpr std::string_view kRoltypeUrl = "/zgw/catalogi/api/v1/roltypen/";
constexpr std::string_view kResultaattypeUrl = "/zgw/catalogi/api/v1/resultaattypen/";

// The associated data and purposes sealed numbers are bound to (as the Zaken API's rollen).
constexpr std::string_view kBsnAd = "zgw_rollen:";
constexpr std::string_view kKvkAd = "zgw_rollen.kvk:";

// ---- the catalogue
constexpr std::string_view kZaaktype =
    "SELECT t.data, t.concept, c.rsin FROM zgw_zaaktypen t"
    " LEFT JOIN zgw_catalogussen c ON c.url = t.catalogus WHERE t.uuid = $1";
constexpr std::string_view kStatustypen =
    "SELECT uuid, volgnummer, data FROM zgw_statustypen WHERE zaaktype = $1 ORDER BY volgnummer";
constexpr std::string_view kStatustype =
    "SELECT uuid, volgnummer, data FROM zgw_statustypen WHERE uuid = $1";
constexpr std::string_view kInitiatorRoltype =
    "SELECT uuid, data FROM zgw_roltypen WHERE zaaktype = $1 AND omschrijving_generiek = "
    "'initiator'"
    " ORDER BY uuid LIMIT 1";
constexpr std::string_view kResultaattype =
    "SELECT data FROM zgw_resultaattypen WHERE uuid = $1 AND zaaktype = $2";
constexpr std::string_view kOrganisationOfRsin =
    "SELECT id, name, kind, case_prefix FROM organisations WHERE substr(oin, 9, 9) = $1"
    " ORDER BY id LIMIT 1";

// ---- cases
constexpr std::string_view kInsertZaak =
    "INSERT INTO zgw_zaken (uuid, data, identificatie, bronorganisatie, zaaktype, "
    "vertrouwelijkheid,"
    " registratiedatum, startdatum, einddatum, uiterlijke_einddatum_afdoening, archiefstatus,"
    " status, reference, assignee, suspended_since, suspended_days, answers, description)"
    " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, NULL, $9, 'nog_te_archiveren', $13, $10, NULL,"
    " NULL, 0, $11, $12)";
constexpr std::string_view kLoadZaak =
    "SELECT data, reference, assignee, suspended_since, suspended_days, answers, vertrouwelijkheid"
    " FROM zgw_zaken WHERE uuid = $1";
// Writers of one case take turns (PostgreSQL row lock; SQLite has one writer anyway).
constexpr std::string_view kLockZaak = "UPDATE zgw_zaken SET uuid = uuid WHERE uuid = $1";
constexpr std::string_view kUpdateZaak =
    "UPDATE zgw_zaken SET data = $2, einddatum = $3, uiterlijke_einddatum_afdoening = $4,"
    " status = $5, assignee = $6, suspended_since = $7, suspended_days = $8,"
    " archiefnominatie = $9, archiefactiedatum = $10 WHERE uuid = $1";
constexpr std::string_view kInsertStatus =
    "INSERT INTO zgw_statussen (uuid, data, url, zaak, zaak_uuid, statustype, datum_status_gezet)"
    " VALUES ($1, $2, $3, $4, $5, $6, $7)";
// By the primary key: there is no index on url (a search by url alone read every status, in
// the writer's transaction, for each event of a submitted case).
constexpr std::string_view kStatusOfUrl =
    "SELECT datum_status_gezet, statustype FROM zgw_statussen WHERE uuid = $1 AND url = $2";
constexpr std::string_view kInsertRol =
    "INSERT INTO zgw_rollen (uuid, data, zaak, zaak_uuid, roltype, betrokkene, betrokkene_type,"
    " omschrijving, omschrijving_generiek, medewerker_identificatie, bsn_enc, bsn_index, kvk_enc,"
    " kvk_index, zaak_closed, zaak_start)"
    " VALUES ($1, $2, $3, $4, $5, NULL, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)";
constexpr std::string_view kRollenOfZaak =
    "SELECT uuid, data, betrokkene_type, omschrijving_generiek, bsn_enc, kvk_enc,"
    " medewerker_identificatie FROM zgw_rollen WHERE zaak_uuid = $1 ORDER BY uuid";
constexpr std::string_view kHasResult = "SELECT 1 FROM zgw_resultaten WHERE zaak_uuid = $1";
constexpr std::string_view kInsertResult =
    "INSERT INTO zgw_resultaten (uuid, data, zaak, zaak_uuid, resultaattype)"
    " VALUES ($1, $2, $3, $4, $5)";

// ---- numbers
constexpr std::string_view kTellerInit =
    "INSERT INTO zgw_zaaknummer_teller (bronorganisatie, jaar, laatste) VALUES ($1, $2, 0)"
    " ON CONFLICT (bronorganisatie, jaar) DO NOTHING";
constexpr std::string_view kTellerNext =
    "UPDATE zgw_zaaknummer_teller SET laatste = laatste + 1 WHERE bronorganisatie = $1 AND"
    " jaar = $2";
constexpr std::string_view kTellerRead =
    "SELECT laatste FROM zgw_zaaknummer_teller WHERE bronorganisatie = $1 AND jaar = $2";
constexpr std::string_view kNummerTaken =
    "SELECT 1 FROM zgw_zaken WHERE bronorganisatie = $1 AND identificatie = $2 UNION ALL"
    " SELECT 1 FROM zgw_zaaknummers WHERE bronorganisatie = $1 AND identificatie = $2";
constexpr std::string_view kTellerReserve =
    "UPDATE zgw_zaaknummer_teller SET laatste = laatste + $3 WHERE bronorganisatie = $1 AND"
    " jaar = $2";
constexpr std::string_view kReferenceReserve =
    "UPDATE case_reference_counters SET last = last + $3 WHERE bronorganisatie = $1 AND year = $2";
constexpr std::string_view kReferenceInit =
    "INSERT INTO case_reference_counters (bronorganisatie, year, last) VALUES ($1, $2, 0)"
    " ON CONFLICT (bronorganisatie, year) DO NOTHING";
constexpr std::string_view kReferenceNext =
    "UPDATE case_reference_counters SET last = last + 1 WHERE bronorganisatie = $1 AND year = $2";
constexpr std::string_view kReferenceRead =
    "SELECT last FROM case_reference_counters WHERE bronorganisatie = $1 AND year = $2";

// ---- idempotency
constexpr std::string_view kFindKey =
    "SELECT request_hash, case_uuid FROM case_idempotency_keys WHERE submitter = $1 AND"
    " idempotency_key = $2";
// Before a submit writes, in one statement: the key's record (nulls when the key is new) and
// whether the identificatie the process drew is taken (kNummerTaken's rows counted).
constexpr std::string_view kSubmitChecks =
    "SELECT k.request_hash, k.case_uuid, (SELECT COUNT(*) FROM (SELECT 1 AS x FROM zgw_zaken"
    " WHERE bronorganisatie = $3 AND identificatie = $4 UNION ALL SELECT 1 AS x FROM"
    " zgw_zaaknummers WHERE bronorganisatie = $3 AND identificatie = $4) t)"
    " FROM (SELECT 1 AS one) o LEFT JOIN case_idempotency_keys k ON k.submitter = $1 AND"
    " k.idempotency_key = $2";
constexpr std::string_view kInsertKey =
    "INSERT INTO case_idempotency_keys (submitter, idempotency_key, request_hash, case_uuid,"
    " created_at) VALUES ($1, $2, $3, $4, $5)";
constexpr std::string_view kPurgeKeys = "DELETE FROM case_idempotency_keys WHERE created_at < $1";

// ---- lists: the page's rows with their current status and its type in one query, from typed
// columns (migration 0015): no zaak's JSON is parsed for a list. The case types' names come
// from CaseTypeNames.
constexpr std::string_view kSummaryColumns =
    "SELECT z.uuid, z.reference, z.identificatie, z.bronorganisatie, z.zaaktype, z.description,"
    " z.startdatum, z.uiterlijke_einddatum_afdoening, z.einddatum, z.suspended_since,"
    " z.vertrouwelijkheid, s.datum_status_gezet, substr(s.statustype, 34), z.assignee";
constexpr std::size_t kSummaryWidth = 14;  // the columns above; a query's own ones follow
// substr from one past the relative URL's prefix: the status's and the status type's uuid
// (28 = length of kStatusUrl, 33 of kStatustypeUrl). The status type's name and text come from
// TypeNames, as the case type's do.
constexpr std::string_view kSummaryJoins =
    " LEFT JOIN zgw_statussen s ON s.uuid = substr(z.status, 29)";
// The published ones of these zaaktypen, and these statustypen (their uuids appended as
// "($1, ...)").
constexpr std::string_view kCaseTypeNames =
    "SELECT uuid, data FROM zgw_zaaktypen WHERE concept = 0 AND uuid IN ";
constexpr std::string_view kStatusTypeNames =
    "SELECT uuid, data FROM zgw_statustypen WHERE uuid IN ";
// A party's cases, driven by their roles' list index (migration 0027): each rol carries its
// zaak's list order, so the cases of one party in list order (open first, then newest first)
// are one range scan of (blind index, closed, start, zaak, rol) that stops at the page. A case
// in which the party has several roles is listed once: its roles sit side by side in that
// index, so DISTINCT drops the repeats as the scan passes them (both planners stream it; the
// earlier probe for each row's first rol was a sixth to a third of the page statement's time).
// CROSS JOIN keeps SQLite's planner on the roles when the case is joined to filter on it.
constexpr std::string_view kRoleOrder = " ORDER BY r.zaak_closed, r.zaak_start DESC, r.zaak_uuid";
constexpr std::string_view kDeadlineKey =
    "COALESCE(z.uiterlijke_einddatum_afdoening, '9999-12-31')";
constexpr std::string_view kIsParty =
    "SELECT 1 FROM zgw_rollen WHERE zaak_uuid = $1 AND bsn_index = $2";
constexpr std::string_view kIsBusinessParty =
    "SELECT 1 FROM zgw_rollen WHERE zaak_uuid = $1 AND kvk_index = $2";
constexpr std::string_view kResidentNumbers =
    "SELECT uuid, bsn_enc FROM zgw_rollen WHERE zaak_uuid = $1 AND bsn_enc IS NOT NULL";
constexpr std::string_view kRolesOfResident =
    "SELECT zaak_uuid, uuid FROM zgw_rollen WHERE bsn_index = $1 ORDER BY zaak_uuid, uuid";
constexpr std::string_view kRolesOfBusiness =
    "SELECT zaak_uuid, uuid FROM zgw_rollen WHERE kvk_index = $1 ORDER BY zaak_uuid, uuid";

// ---- key rotation
constexpr std::string_view kSealedBsn =
    "SELECT uuid, bsn_enc FROM zgw_rollen WHERE bsn_enc IS NOT NULL";
constexpr std::string_view kResealBsn = "UPDATE zgw_rollen SET bsn_enc = $2 WHERE uuid = $1";
constexpr std::string_view kSealedKvk =
    "SELECT uuid, kvk_enc FROM zgw_rollen WHERE kvk_enc IS NOT NULL";
constexpr std::string_view kResealKvk = "UPDATE zgw_rollen SET kvk_enc = $2 WHERE uuid = $1";

using common::or_null;
using common::text;
// The text at `key` when it is a string that is not empty.
std::optional<std::string> optional_text(const json::object& o, std::string_view key) {
  auto t = text(o, key);
  return t.empty() ? std::nullopt : std::optional<std::string>(std::move(t));
}
bool flag(const json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  return v && v->is_bool() && v->as_bool();
}
db::Value value_or_null(const std::optional<std::string>& s) {
  return s ? db::Value(*s) : db::Value(nullptr);
}
json::object parse_object(const std::string& s) {
  boost::system::error_code ec;
  auto v = json::parse(s, ec);
  return !ec && v.is_object() ? std::move(v.as_object()) : json::object{};
}
std::string url(std::string_view prefix, std::string_view uuid) {
  return std::string(prefix) + std::string(uuid);
}
std::string uuid_after(std::string_view prefix, std::string_view url) {
  return url.starts_with(prefix) ? std::string(url.substr(prefix.size())) : std::string();
}

// The zaak's omschrijving holds at most 80 characters (ZGW); the full description goes into
// toelichting. Cut at a character boundary.
std::string first_80(const std::string& s) {
  if (s.size() <= 80) return s;
  std::size_t n = 80;
  while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
  return s.substr(0, n);
}

std::string betrokkene_type(PartyKind k) {
  switch (k) {
    case PartyKind::Resident:
      return "natuurlijk_persoon";
    case PartyKind::Business:
      return "vestiging";
    case PartyKind::Staff:
      return "medewerker";
    case PartyKind::Other:
      return "organisatorische_eenheid";
  }
  return "natuurlijk_persoon";
}
PartyKind kind_of(std::string_view betrokkene_type) {
  if (betrokkene_type == "natuurlijk_persoon") return PartyKind::Resident;
  if (betrokkene_type == "vestiging" || betrokkene_type == "niet_natuurlijk_persoon") {
    return PartyKind::Business;
  }
  if (betrokkene_type == "medewerker") return PartyKind::Staff;
  return PartyKind::Other;
}

json::value verlenging_json(const std::optional<Extension>& e) {
  if (!e) return nullptr;
  return json::object{{"reden", e->reason}, {"duur", format_period(e->period)}};
}

// The representation the Zaken API stores for a zaak it validated, with the domain's values.
json::object zaak_data(const Case& k, const CaseType& t) {
  json::object o;
  o["identificatie"] = k.identification;
  o["bronorganisatie"] = k.organisation_rsin;
  o["omschrijving"] = first_80(k.description);
  o["toelichting"] = k.description.size() > 80 ? k.description : std::string();
  o["zaaktype"] = url(kZaaktypeUrl, t.id);
  o["registratiedatum"] = k.registered_on;
  o["verantwoordelijkeOrganisatie"] = k.organisation_rsin;
  o["startdatum"] = k.start_date;
  o["einddatumGepland"] = nullptr;
  o["publicatiedatum"] = nullptr;
  o["communicatiekanaal"] = "";
  o["communicatiekanaalNaam"] = "";
  o["productenOfDiensten"] = json::array{};
  o["vertrouwelijkheidaanduiding"] = common::name_of(k.confidentiality);
  o["betalingsindicatie"] = "";
  o["betalingsindicatieWeergave"] = "";
  o["laatsteBetaaldatum"] = nullptr;
  o["zaakgeometrie"] = nullptr;
  o["verlenging"] = verlenging_json(k.extension);
  o["opschorting"] = {{"indicatie", k.suspended_since.has_value()},
                      {"eerdereOpschorting", k.suspended_before},
                      {"reden", k.suspension_reason}};
  o["uiterlijkeEinddatumAfdoening"] = or_null(k.deadline);
  o["selectielijstklasse"] = "";
  o["hoofdzaak"] = nullptr;
  o["relevanteAndereZaken"] = json::array{};
  o["kenmerken"] = json::array{};
  o["archiefnominatie"] = nullptr;
  o["archiefstatus"] = "nog_te_archiveren";
  o["archiefactiedatum"] = nullptr;
  o["opdrachtgevendeOrganisatie"] = "";
  o["processobjectaard"] = "";
  o["startdatumBewaartermijn"] = nullptr;
  o["processobject"] = nullptr;
  o["einddatum"] = or_null(k.end_date);
  o["status"] =
      k.status_id.empty() ? json::value(nullptr) : json::value(url(kStatusUrl, k.status_id));
  o["resultaat"] = nullptr;
  o["rollen"] = json::array{};
  o["eigenschappen"] = json::array{};
  o["zaakinformatieobjecten"] = json::array{};
  o["zaakobjecten"] = json::array{};
  o["deelzaken"] = json::array{};
  o["uuid"] = k.id;
  o["url"] = url(kZaakUrl, k.id);
  return o;
}

std::string description_of(const json::object& data) {
  auto omschrijving = text(data, "omschrijving");
  auto toelichting = text(data, "toelichting");
  // A long description was cut into omschrijving and kept whole in toelichting.
  if (!toelichting.empty() && toelichting.size() > 80 && toelichting.starts_with(omschrijving)) {
    return toelichting;
  }
  return omschrijving;
}

// A status type from a row of (uuid, volgnummer, data).
StatusType status_type(const db::Rows::Row& r) {
  auto st = parse_object(r.text(2));
  return {r.text(0), r.integer(1), text(st, "omschrijving"), text(st, "statustekst"),
          flag(st, "informeren")};
}

// The names of case types and status types by uuid, for the lists. A published zaaktype's
// omschrijving does not change (ztc-009: only its eindeGeldigheid may), nor do its statustypen,
// so a page need not join the catalogue and parse its JSON for every row (on PostgreSQL a third
// of the work queue's list statement, and a quarter of a resident's list statement); an entry is
// read again after a minute all the same. One per kind and process, shared by its threads.
class TypeNames {
 public:
  struct Names {
    std::string name;                 // omschrijving
    std::optional<std::string> text;  // statustekst (status types)
  };
  explicit TypeNames(std::string_view select) : select_(select) {}

  // The names of `ids`; those not known yet are read in one statement.
  std::map<std::string, Names, std::less<>> find(db::Database& db,
                                                 const std::vector<std::string>& ids) {
    auto now = std::chrono::steady_clock::now();
    std::map<std::string, Names, std::less<>> out;
    std::vector<std::string> missing;
    {
      std::lock_guard lock(mutex_);
      for (const auto& id : ids) {
        if (id.empty() || out.contains(id)) continue;
        auto it = names_.find(id);
        if (it != names_.end() && now - it->second.second < kTtl) {
          out.emplace(id, it->second.first);
        } else if (std::find(missing.begin(), missing.end(), id) == missing.end()) {
          missing.push_back(id);
        }
      }
    }
    if (missing.empty()) return out;
    db::Params params;
    auto rows = db.read_once(select_ + db::in_list(missing, params), params);
    std::lock_guard lock(mutex_);
    if (names_.size() > kMaxEntries) names_.clear();
    for (std::size_t i = 0; i < rows.size(); ++i) {
      auto data = parse_object(rows[i].text(1));
      Names n{text(data, "omschrijving"), optional_text(data, "statustekst")};
      out[rows[i].text(0)] = n;
      names_[rows[i].text(0)] = {std::move(n), now};
    }
    return out;
  }

 private:
  static constexpr auto kTtl = std::chrono::minutes(1);
  static constexpr std::size_t kMaxEntries = 10'000;
  std::string select_;
  std::mutex mutex_;
  std::map<std::string, std::pair<Names, std::chrono::steady_clock::time_point>, std::less<>>
      names_;
};

TypeNames& case_types() {
  static TypeNames names(kCaseTypeNames);
  return names;
}
TypeNames& status_types() {
  static TypeNames names(kStatusTypeNames);
  return names;
}

// Sets each summary's case type name, and its status's name and text.
template <typename Items, typename Summary>
void name_types(db::Database& db, Items& items, Summary summary_of) {
  std::vector<std::string> case_type_ids, status_type_ids;
  for (auto& item : items) {
    case_type_ids.push_back(summary_of(item).case_type_id);
    status_type_ids.push_back(summary_of(item).status_type_id);
  }
  auto case_names = case_types().find(db, case_type_ids);
  auto status_names = status_types().find(db, status_type_ids);
  for (auto& item : items) {
    auto& s = summary_of(item);
    if (auto it = case_names.find(s.case_type_id); it != case_names.end()) {
      s.case_type_name = it->second.name;
    }
    if (auto it = status_names.find(s.status_type_id); it != status_names.end()) {
      s.status_name = it->second.name;
      s.status_text = it->second.text;
    }
  }
}

// Turns a page's row into a summary (without the names of its types: name_types).
CaseSummary read_summary(const db::Rows::Row& r) {
  CaseSummary s;
  s.id = r.text(0);
  s.reference = r.optional_text(1).value_or("");
  s.identification = r.text(2);
  s.organisation_rsin = r.text(3);
  s.case_type_id = uuid_after(kZaaktypeUrl, r.text(4));
  s.description = r.optional_text(5).value_or("");
  s.start_date = r.optional_text(6).value_or("");
  s.deadline = r.optional_text(7);
  s.end_date = r.optional_text(8);
  s.suspended_since = r.optional_text(9);
  s.confidentiality = static_cast<int>(r.integer(10));
  s.status_since = r.optional_text(11).value_or("");
  s.status_type_id = r.optional_text(12).value_or("");
  s.assignee = r.optional_text(13).value_or("");
  return s;
}

// A condition limiting the rows to the scopes (each organisation up to its level).
std::string scope_condition(const std::vector<OrganisationScope>& scopes, db::Params& params) {
  if (scopes.empty()) return "1 = 0";
  std::string out;
  for (const auto& s : scopes) {
    params.emplace_back(s.rsin);
    auto rsin = params.size();
    params.emplace_back(std::int64_t{s.max_level});
    out += fmt::format("{}(z.bronorganisatie = ${} AND z.vertrouwelijkheid <= ${})",
                       out.empty() ? "" : " OR ", rsin, params.size());
  }
  return scopes.size() == 1 ? out : "(" + out + ")";
}

std::string blind(const privacy::KeyRing& keys, PartyKind kind, std::string_view number) {
  return privacy::blind_index(keys, number, kind == PartyKind::Business ? "kvk" : "bsn");
}

// The roles of a party (`param`: the parameter holding their blind index), joined to their
// case as z when `with_case` (to filter on it): " FROM ... WHERE ...", more conditions follow.
std::string party_roles(PartyKind kind, std::string_view param, bool with_case) {
  return fmt::format(" FROM zgw_rollen r{} WHERE r.{} = {}{}",
                     with_case ? " CROSS JOIN zgw_zaken z" : "",
                     kind == PartyKind::Business ? "kvk_index" : "bsn_index", param,
                     with_case ? " AND z.uuid = r.zaak_uuid" : "");
}

// The associated data a sealed number is bound to: its row, and which number it is.
std::string bound_to(PartyKind kind, std::string_view row) {
  return std::string(kind == PartyKind::Business ? kKvkAd : kBsnAd) + std::string(row);
}

// A BSN (Resident) or KvK number (Business) sealed for the rol `row`: encrypted, blind index.
std::pair<db::Value, db::Value> seal_number(const privacy::KeyRing& keys, PartyKind kind,
                                            std::string_view number, std::string_view row) {
  return {privacy::encrypt(keys, number, bound_to(kind, row)), blind(keys, kind, number)};
}

std::optional<std::string> unseal_number(const privacy::KeyRing& keys, PartyKind kind,
                                         std::string_view token, std::string_view row) {
  return privacy::decrypt(keys, token, bound_to(kind, row));
}

bool is_day(std::string_view s) { return parse_day(s).has_value() || s == "9999-12-31"; }

}  // namespace

DerivedColumns derived_columns(const json::object& zaak) { return {description_of(zaak)}; }

std::string default_reference_prefix(std::string_view name, std::string_view kind) {
  static constexpr std::string_view kWords[] = {"Gemeente",          "Provincie", "Waterschap",
                                                "Hoogheemraadschap", "De",        "Het"};
  std::string letters;
  std::size_t i = 0;
  while (i < name.size()) {
    while (i < name.size() && name[i] == ' ') ++i;
    auto end = name.find(' ', i);
    auto word = name.substr(i, end == std::string_view::npos ? name.size() - i : end - i);
    i = end == std::string_view::npos ? name.size() : end;
    bool skip = false;
    for (auto w : kWords) skip = skip || word == w;
    if (skip && letters.empty()) continue;
    for (char ch : word) {
      if (std::isalpha(static_cast<unsigned char>(ch))) {
        letters += static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
      }
    }
  }
  std::string lead = kind == "province" ? "P" : kind == "water-board" ? "W" : "";
  std::string out = lead + letters.substr(0, 3 - lead.size());
  return out.size() < 2 ? "CASE" : out;
}

bool valid_cursor(std::string_view cursor, CaseSort) {
  auto bar = cursor.find('_');
  if (bar == std::string_view::npos) return false;
  auto key = cursor.substr(0, bar);
  auto id = cursor.substr(bar + 1);
  if (!is_day(key) || id.size() != 36) return false;
  for (char ch : id) {
    if (!(std::isxdigit(static_cast<unsigned char>(ch)) || ch == '-')) return false;
  }
  return true;
}

std::optional<CaseType> CaseStore::load_case_type(db::Connection& c, std::string_view uuid) const {
  auto rows = c.query(kZaaktype, {std::string(uuid)});
  if (rows.empty()) return std::nullopt;
  auto data = parse_object(rows[0].text(0));
  CaseType t;
  t.id = std::string(uuid);
  t.name = text(data, "omschrijving");
  t.published = rows[0].integer(1) == 0;
  t.organisation_rsin = rows[0].optional_text(2).value_or("");
  t.confidentiality = common::parse_confidentiality(text(data, "vertrouwelijkheidaanduiding"))
                          .value_or(Confidentiality::Openbaar);
  t.term = parse_period(text(data, "doorlooptijd"));
  t.suspendable = flag(data, "opschortingEnAanhoudingMogelijk");
  t.may_extend = flag(data, "verlengingMogelijk");
  t.extension_period = parse_period(text(data, "verlengingstermijn"));
  auto type_url = url(kZaaktypeUrl, uuid);
  auto statuses = c.query(kStatustypen, {type_url});
  for (std::size_t i = 0; i < statuses.size(); ++i) t.statuses.push_back(status_type(statuses[i]));
  auto roles = c.query(kInitiatorRoltype, {type_url});
  if (!roles.empty()) {
    t.initiator_role_type = roles[0].text(0);
    t.initiator_role_name = text(parse_object(roles[0].text(1)), "omschrijving");
  }
  return t;
}

std::optional<StatusType> CaseStore::load_status_type(db::Connection& c,
                                                      std::string_view uuid) const {
  auto rows = c.query(kStatustype, {std::string(uuid)});
  if (rows.empty()) return std::nullopt;
  return status_type(rows[0]);
}

std::optional<std::string> CaseStore::case_type_of(db::Connection& c,
                                                   std::string_view case_id) const {
  auto facts = zgw_rows::case_facts(c, case_id);
  if (!facts) return std::nullopt;
  return uuid_after(kZaaktypeUrl, facts->case_type);
}

std::optional<std::string> CaseStore::result_type_name(db::Connection& c, std::string_view uuid,
                                                       std::string_view case_type) const {
  auto rows = c.query(kResultaattype, {std::string(uuid), url(kZaaktypeUrl, case_type)});
  if (rows.empty()) return std::nullopt;
  return text(parse_object(rows[0].text(0)), "omschrijving");
}

void CaseStore::insert_case(db::Connection& c, const Case& k, const CaseType& t) const {
  insert_zaak_row(c, k, t, zaak_data(k, t));
}

void CaseStore::insert_zaak_row(db::Connection& c, const Case& k, const CaseType& t,
                                const json::object& data) const {
  c.execute(
      kInsertZaak,
      {k.id, json::serialize(data), k.identification, k.organisation_rsin, url(kZaaktypeUrl, t.id),
       std::int64_t{common::level_of(k.confidentiality)}, k.registered_on, k.start_date,
       value_or_null(k.deadline), k.reference.empty() ? db::Value(nullptr) : db::Value(k.reference),
       k.answers.empty() ? db::Value(nullptr) : db::Value(k.answers),
       derived_columns(data).description,
       k.status_id.empty() ? db::Value(nullptr) : db::Value(url(kStatusUrl, k.status_id))});
}

json::object submitted_zaak(const Case& k, const CaseType& t,
                            const std::vector<std::pair<Party, std::string>>& parties) {
  auto data = zaak_data(k, t);
  json::array rollen;
  for (const auto& [p, name] : parties) rollen.emplace_back(url(kRolUrl, p.id));
  data["rollen"] = std::move(rollen);
  return data;
}

void CaseStore::insert_submitted(db::Connection& c, const Case& k, const CaseType& t,
                                 const std::vector<std::pair<Party, std::string>>& parties,
                                 const Status& first) const {
  insert_zaak_row(c, k, t, submitted_zaak(k, t, parties));
  // The rol carries its zaak's list order (open, its start date) from the start: the triggers
  // (migrations 0027, 0038) then leave it alone instead of looking the zaak up again.
  ListOrder order{false, k.start_date};
  for (const auto& [p, name] : parties) insert_party_row(c, p, name, order);
  add_status(c, first);
}

bool CaseStore::identification_taken(db::Connection& c, const std::string& rsin,
                                     const std::string& identification) const {
  return !c.query(kNummerTaken, {rsin, identification}).empty();
}

std::int64_t CaseStore::reserve_identifications(db::Connection& c, const std::string& rsin,
                                                std::int64_t year, std::int64_t n) const {
  c.execute(kTellerInit, {rsin, year});
  c.execute(kTellerReserve, {rsin, year, n});
  return c.query(kTellerRead, {rsin, year})[0].integer(0);
}

std::int64_t CaseStore::reserve_references(db::Connection& c, const std::string& rsin,
                                           std::int64_t year, std::int64_t n) const {
  c.execute(kReferenceInit, {rsin, year});
  c.execute(kReferenceReserve, {rsin, year, n});
  return c.query(kReferenceRead, {rsin, year})[0].integer(0);
}

std::optional<Case> CaseStore::load_case(db::Connection& c, std::string_view uuid,
                                         bool lock) const {
  if (lock) c.execute(kLockZaak, {std::string(uuid)});
  auto rows = c.query(kLoadZaak, {std::string(uuid)});
  if (rows.empty()) return std::nullopt;
  auto data = parse_object(rows[0].text(0));
  Case k;
  k.id = std::string(uuid);
  k.reference = rows[0].optional_text(1).value_or("");
  k.assignee = rows[0].optional_text(2).value_or("");
  k.suspended_since = rows[0].optional_text(3);
  k.suspended_days = rows[0].is_null(4) ? 0 : rows[0].integer(4);
  k.answers = rows[0].optional_text(5).value_or("");
  k.confidentiality = static_cast<Confidentiality>(rows[0].integer(6));
  k.identification = text(data, "identificatie");
  k.organisation_rsin = text(data, "bronorganisatie");
  k.case_type_id = uuid_after(kZaaktypeUrl, text(data, "zaaktype"));
  k.description = description_of(data);
  k.registered_on = text(data, "registratiedatum");
  k.start_date = text(data, "startdatum");
  k.end_date = optional_text(data, "einddatum");
  k.deadline = optional_text(data, "uiterlijkeEinddatumAfdoening");
  k.status_id = uuid_after(kStatusUrl, text(data, "status"));
  k.result_id = uuid_after(kResultaatUrl, text(data, "resultaat"));
  if (const auto* o = data.if_contains("opschorting"); o && o->is_object()) {
    k.suspended_before = flag(o->as_object(), "eerdereOpschorting");
    k.suspension_reason = text(o->as_object(), "reden");
    // A suspension a ZGW client set has no start day of ours: it counts from today on.
    if (flag(o->as_object(), "indicatie") && !k.suspended_since) k.suspended_since = "";
  }
  if (const auto* v = data.if_contains("verlenging"); v && v->is_object()) {
    if (auto p = parse_period(text(v->as_object(), "duur"))) {
      k.extension = Extension{*p, text(v->as_object(), "reden")};
    }
  }
  return k;
}

std::optional<json::object> CaseStore::representation(db::Connection& c,
                                                      std::string_view uuid) const {
  auto rows = c.query(kLoadZaak, {std::string(uuid)});
  if (rows.empty()) return std::nullopt;
  return parse_object(rows[0].text(0));
}

CaseStore::Representations CaseStore::update_case(db::Connection& c, const Case& k) const {
  auto rows = c.query(kLoadZaak, {k.id});
  if (rows.empty()) throw db::Error("update_case: the case is gone");
  auto data = parse_object(rows[0].text(0));
  auto before = data;
  bool reopened = data.contains("einddatum") && !data.at("einddatum").is_null() && !k.end_date;
  data["einddatum"] = or_null(k.end_date);
  data["uiterlijkeEinddatumAfdoening"] = or_null(k.deadline);
  data["status"] =
      k.status_id.empty() ? json::value(nullptr) : json::value(url(kStatusUrl, k.status_id));
  data["resultaat"] =
      k.result_id.empty() ? json::value(nullptr) : json::value(url(kResultaatUrl, k.result_id));
  data["opschorting"] = {{"indicatie", k.suspended_since.has_value()},
                         {"eerdereOpschorting", k.suspended_before},
                         {"reden", k.suspended_since ? k.suspension_reason : std::string()}};
  data["verlenging"] = verlenging_json(k.extension);
  if (reopened) {
    // As the Zaken API does on reopening: the archive parameters of the closing go.
    data["archiefnominatie"] = nullptr;
    data["archiefactiedatum"] = nullptr;
  }
  if (k.archive) {
    data["archiefnominatie"] = or_null(k.archive->nomination);
    data["archiefactiedatum"] = or_null(k.archive->action_date);
  }
  auto archief = [&](std::string_view key) -> db::Value {
    auto s = optional_text(data, key);
    return s ? db::Value(*s) : db::Value(nullptr);
  };
  c.execute(kUpdateZaak,
            {k.id, json::serialize(data), value_or_null(k.end_date), value_or_null(k.deadline),
             k.status_id.empty() ? db::Value(nullptr) : db::Value(url(kStatusUrl, k.status_id)),
             k.assignee.empty() ? db::Value(nullptr) : db::Value(k.assignee),
             k.suspended_since ? db::Value(*k.suspended_since) : db::Value(nullptr),
             k.suspended_days, archief("archiefnominatie"), archief("archiefactiedatum")});
  return {std::move(before), std::move(data)};
}

json::object CaseStore::add_status(db::Connection& c, const Status& s) const {
  json::object data{{"zaak", url(kZaakUrl, s.case_id)},
                    {"statustype", url(kStatustypeUrl, s.type_id)},
                    {"datumStatusGezet", s.set_at},
                    {"statustoelichting", s.note},
                    {"gezetdoor", nullptr},
                    {"zaakinformatieobjecten", json::array{}},
                    {"uuid", s.id},
                    {"url", url(kStatusUrl, s.id)}};
  c.execute(kInsertStatus, {s.id, json::serialize(data), url(kStatusUrl, s.id),
                            url(kZaakUrl, s.case_id), s.case_id, url(kStatustypeUrl, s.type_id),
                            common::normalise_instant(s.set_at).value_or(s.set_at)});
  return data;
}

std::optional<std::pair<std::string, std::string>> CaseStore::current_status(db::Connection& c,
                                                                             const Case& k) const {
  if (k.status_id.empty()) return std::nullopt;
  auto rows = c.query(kStatusOfUrl, {k.status_id, url(kStatusUrl, k.status_id)});
  if (rows.empty()) return std::nullopt;
  return std::pair{rows[0].text(0), uuid_after(kStatustypeUrl, rows[0].text(1))};
}

void CaseStore::add_party(db::Connection& c, const Party& p,
                          const std::string& role_type_name) const {
  insert_party_row(c, p, role_type_name, {});  // no order: the triggers give it its zaak's
  // The zaak lists its rollen.
  auto rows = c.query(kLoadZaak, {p.case_id});
  if (rows.empty()) return;
  auto zaak = parse_object(rows[0].text(0));
  json::array list;
  if (const auto* v = zaak.if_contains("rollen"); v && v->is_array()) list = v->as_array();
  list.emplace_back(url(kRolUrl, p.id));
  zaak["rollen"] = std::move(list);
  c.execute("UPDATE zgw_zaken SET data = $2 WHERE uuid = $1", {p.case_id, json::serialize(zaak)});
}

void CaseStore::insert_party_row(db::Connection& c, const Party& p,
                                 const std::string& role_type_name, const ListOrder& order) const {
  json::object ident;
  db::Value bsn_enc = nullptr, bsn_index = nullptr, kvk_enc = nullptr, kvk_index = nullptr;
  db::Value medewerker = nullptr;
  switch (p.kind) {
    case PartyKind::Resident:
      ident = {{"anpIdentificatie", ""},    {"inpA_nummer", ""},
               {"geslachtsnaam", ""},       {"voorvoegselGeslachtsnaam", ""},
               {"voorletters", ""},         {"voornamen", ""},
               {"geslachtsaanduiding", ""}, {"geboortedatum", ""},
               {"verblijfsadres", nullptr}, {"subVerblijfBuitenland", nullptr}};
      std::tie(bsn_enc, bsn_index) = seal_number(keys_, PartyKind::Resident, p.number, p.id);
      break;
    case PartyKind::Business:
      ident = {{"vestigingsNummer", ""},
               {"handelsnaam", json::array{}},
               {"verblijfsadres", nullptr},
               {"subVerblijfBuitenland", nullptr}};
      std::tie(kvk_enc, kvk_index) = seal_number(keys_, PartyKind::Business, p.number, p.id);
      break;
    case PartyKind::Staff:
      ident = {{"identificatie", p.number},
               {"achternaam", ""},
               {"voorletters", ""},
               {"voorvoegselAchternaam", ""}};
      medewerker = p.number;
      break;
    case PartyKind::Other:
      ident = {{"identificatie", p.number}, {"naam", ""}, {"isGehuisvestIn", ""}};
      break;
  }
  auto type = betrokkene_type(p.kind);
  json::object data{{"zaak", url(kZaakUrl, p.case_id)},
                    {"roltype", p.role_type.empty() ? json::value(nullptr)
                                                    : json::value(url(kRoltypeUrl, p.role_type))},
                    {"omschrijving", role_type_name},
                    {"omschrijvingGeneriek", p.role},
                    {"betrokkene", ""},
                    {"betrokkeneType", type},
                    {"afwijkendeNaamBetrokkene", ""},
                    {"roltoelichting", p.note},
                    {"indicatieMachtiging", p.representative ? "gemachtigde" : ""},
                    {"contactpersoonRol", nullptr},
                    {"betrokkeneIdentificatie", std::move(ident)},
                    {"registratiedatum", p.registered_at},
                    {"statussen", json::array{}},
                    {"uuid", p.id},
                    {"url", url(kRolUrl, p.id)}};
  c.execute(kInsertRol,
            {p.id, json::serialize(data), url(kZaakUrl, p.case_id), p.case_id,
             p.role_type.empty() ? db::Value(nullptr) : db::Value(url(kRoltypeUrl, p.role_type)),
             type, role_type_name, p.role, medewerker, bsn_enc, bsn_index, kvk_enc, kvk_index,
             std::int64_t{order.closed ? 1 : 0}, order.start});
}

std::vector<Party> CaseStore::parties(db::Connection& c, std::string_view case_id) const {
  std::vector<Party> out;
  auto rows = c.query(kRollenOfZaak, {std::string(case_id)});
  for (std::size_t i = 0; i < rows.size(); ++i) {
    Party p;
    p.id = rows[i].text(0);
    p.case_id = std::string(case_id);
    p.kind = kind_of(rows[i].text(2));
    p.role = rows[i].optional_text(3).value_or("");
    auto data = parse_object(rows[i].text(1));
    p.role_type = uuid_after(kRoltypeUrl, text(data, "roltype"));
    p.note = text(data, "roltoelichting");
    p.registered_at = text(data, "registratiedatum");
    if (auto enc = rows[i].optional_text(4)) {
      p.number = unseal_number(keys_, PartyKind::Resident, *enc, p.id).value_or("");
    } else if (auto kvk = rows[i].optional_text(5)) {
      p.number = unseal_number(keys_, PartyKind::Business, *kvk, p.id).value_or("");
    } else {
      p.number = rows[i].optional_text(6).value_or("");
    }
    out.push_back(std::move(p));
  }
  return out;
}

bool CaseStore::has_result(db::Connection& c, std::string_view case_id) const {
  return !c.query(kHasResult, {std::string(case_id)}).empty();
}

json::object CaseStore::insert_result(db::Connection& c, const CaseResult& r) const {
  json::object data{{"zaak", url(kZaakUrl, r.case_id)},
                    {"resultaattype", url(kResultaattypeUrl, r.type_id)},
                    {"toelichting", r.note},
                    {"uuid", r.id},
                    {"url", url(kResultaatUrl, r.id)}};
  c.execute(kInsertResult, {r.id, json::serialize(data), url(kZaakUrl, r.case_id), r.case_id,
                            url(kResultaattypeUrl, r.type_id)});
  return data;
}

std::string CaseStore::next_identification(db::Connection& c, const std::string& rsin) const {
  auto year = static_cast<std::int64_t>(static_cast<int>(std::chrono::year_month_day{
      std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now())}
                                                             .year()));
  c.execute(kTellerInit, {rsin, year});
  for (;;) {
    c.execute(kTellerNext, {rsin, year});
    auto n = c.query(kTellerRead, {rsin, year})[0].integer(0);
    auto id = fmt::format("ZAAK-{}-{:010d}", year, n);
    if (c.query(kNummerTaken, {rsin, id}).empty()) return id;
  }
}

std::string CaseStore::next_reference(db::Connection& c, const std::string& rsin,
                                      std::string_view prefix, int year) const {
  c.execute(kReferenceInit, {rsin, std::int64_t{year}});
  c.execute(kReferenceNext, {rsin, std::int64_t{year}});
  auto n = c.query(kReferenceRead, {rsin, std::int64_t{year}})[0].integer(0);
  return fmt::format("{}-{}-{:06d}", prefix, year, n);
}

std::optional<CaseStore::OrganisationFacts> CaseStore::organisation_of_rsin(
    db::Connection& c, const std::string& rsin) const {
  auto rows = c.query(kOrganisationOfRsin, {rsin});
  if (rows.empty()) return std::nullopt;
  return OrganisationFacts{rows[0].text(0), rows[0].text(1), rows[0].text(2),
                           rows[0].optional_text(3)};
}

std::optional<IdempotencyRecord> CaseStore::find_idempotency_key(db::Connection& c,
                                                                 const std::string& submitter,
                                                                 const std::string& key) const {
  auto rows = c.query(kFindKey, {submitter, key});
  if (rows.empty()) return std::nullopt;
  return IdempotencyRecord{rows[0].text(0), rows[0].text(1)};
}

CaseStore::SubmitChecks CaseStore::submit_checks(db::Connection& c, const std::string& submitter,
                                                 const std::string& key, const std::string& rsin,
                                                 const std::string& identification) const {
  auto rows = c.query(kSubmitChecks, {submitter, key, rsin, identification});
  SubmitChecks out;
  if (!rows[0].is_null(0)) out.seen = IdempotencyRecord{rows[0].text(0), rows[0].text(1)};
  out.identification_taken = rows[0].integer(2) > 0;
  return out;
}

void CaseStore::insert_idempotency_key(db::Connection& c, const std::string& submitter,
                                       const std::string& key, const IdempotencyRecord& r,
                                       std::int64_t now_ms) const {
  c.execute(kInsertKey, {submitter, key, r.request_hash, r.case_id, now_ms});
}

std::int64_t CaseStore::purge_idempotency_keys(db::Connection& c, std::int64_t before_ms) const {
  return c.execute(kPurgeKeys, {before_ms});
}

std::string CaseStore::submitter_index(PartyKind kind, std::string_view number) const {
  return privacy::blind_index(keys_, number,
                              kind == PartyKind::Business ? "submitter.kvk" : "submitter.bsn");
}

PartyPage CaseStore::list_for_party(db::Database& db, const PartyQuery& q) const {
  db::Params params{blind(keys_, q.kind, q.number)};
  std::string where;
  if (!q.unrestricted) where += " AND " + scope_condition(q.scopes, params);
  if (q.organisation_rsin) {
    params.emplace_back(*q.organisation_rsin);
    where += fmt::format(" AND z.bronorganisatie = ${}", params.size());
  }
  if (q.open == OpenFilter::Open) where += " AND r.zaak_closed = 0";
  if (q.open == OpenFilter::Closed) where += " AND r.zaak_closed = 1";
  auto roles = party_roles(q.kind, "$1", !q.unrestricted || q.organisation_rsin) + where;
  auto count_params = params;
  params.emplace_back(q.limit + 1);
  params.emplace_back(q.offset);
  // One statement (no transaction around it: on PostgreSQL one round trip) reads the page and
  // one row more, to know whether there are more: no count over every case of the party.
  auto sql = std::string(kSummaryColumns) +
             " FROM (SELECT DISTINCT r.zaak_closed AS closed, r.zaak_start AS start,"
             " r.zaak_uuid AS id" +
             roles + std::string(kRoleOrder) +
             fmt::format(" LIMIT ${} OFFSET ${}", params.size() - 1, params.size()) +
             ") p CROSS JOIN zgw_zaken z" + std::string(kSummaryJoins) +
             " WHERE z.uuid = p.id ORDER BY p.closed, p.start DESC, p.id";
  PartyPage page;
  auto rows = db.read_once(sql, params);
  for (std::size_t i = 0; i < rows.size() && static_cast<std::int64_t>(i) < q.limit; ++i) {
    page.items.push_back(read_summary(rows[i]));
  }
  name_types(db, page.items, [](CaseSummary& s) -> CaseSummary& { return s; });
  page.more = static_cast<std::int64_t>(rows.size()) > q.limit;
  if (!page.more && (!rows.empty() || q.offset == 0)) {
    page.total = q.offset + static_cast<std::int64_t>(rows.size());  // the last page
  } else {
    // More pages, or past the end: the party's cases counted from their roles (an index in
    // case order, so DISTINCT streams), and only up to kCountCap, so that a page costs the same
    // at 30 cases and at 300,000 (PostgreSQL counted a bench submitter's 248,000 roles in 120 ms;
    // 1,001 take 0.5 ms, or 3.7 ms through a probe for each case's first rol).
    count_params.emplace_back(kCountCap + 1);
    auto n =
        db.read_once(fmt::format("SELECT COUNT(*) FROM (SELECT DISTINCT r.zaak_uuid{} LIMIT ${}) n",
                                 roles, count_params.size()),
                     count_params)[0]
            .integer(0);
    page.count_capped = n > kCountCap;
    page.total = std::min(n, kCountCap);
  }
  return page;
}

PartiesPage list_for_parties(db::Database& db, const privacy::KeyRing& keys,
                             const PartiesQuery& q) {
  PartiesPage page;
  if (q.parties.empty()) return page;
  db::Params params;
  auto bind = [&](db::Value v) {
    params.push_back(std::move(v));
    return "$" + std::to_string(params.size());
  };
  // Filters every party's slice shares, on the roles' copy of the list order where they can.
  std::string filter;
  if (q.organisation_rsin) filter += " AND z.bronorganisatie = " + bind(*q.organisation_rsin);
  if (q.open == OpenFilter::Open) filter += " AND r.zaak_closed = 0";
  if (q.open == OpenFilter::Closed) filter += " AND r.zaak_closed = 1";
  // Backwards (the page before `before`): the same scans run the other way, and the rows are
  // turned round at the end.
  bool back = q.before.has_value() && !q.after;
  if (const auto& at = back ? q.before : q.after) {
    auto closed = bind(std::int64_t{at->closed ? 1 : 0});
    auto start = bind(at->start_date);
    auto id = bind(at->id);
    // Spelled out so that both planners start the index scan at the cursor's closed flag.
    filter += back ? fmt::format(
                         " AND r.zaak_closed <= {0} AND (r.zaak_closed < {0} OR r.zaak_start > {1}"
                         " OR (r.zaak_start = {1} AND r.zaak_uuid < {2}))",
                         closed, start, id)
                   : fmt::format(
                         " AND r.zaak_closed >= {0} AND (r.zaak_closed > {0} OR r.zaak_start < {1}"
                         " OR (r.zaak_start = {1} AND r.zaak_uuid > {2}))",
                         closed, start, id);
  }
  std::string_view role_order =
      back ? " ORDER BY r.zaak_closed DESC, r.zaak_start, r.zaak_uuid DESC" : kRoleOrder;
  std::string_view merged_order =
      back ? "u.closed DESC, u.start, u.id DESC" : "u.closed, u.start DESC, u.id";
  std::string_view page_order =
      back ? "p.closed DESC, p.start, p.id DESC" : "p.closed, p.start DESC, p.id";
  auto limit = bind(q.limit + 1);
  // Each party is one range scan of their roles' list index, within that party's reach, cut
  // at a page and one row; a case of several parties is listed once, as the first's (the
  // lowest index: the person's own before others'). A case on the page is within the page of
  // each party whose case it is, so the merged slices hold the whole page.
  std::string slices;
  for (std::size_t i = 0; i < q.parties.size(); ++i) {
    const auto& p = q.parties[i];
    auto who = bind(blind(keys, p.kind, p.number));
    std::string reach = p.unrestricted ? "" : " AND " + scope_condition(p.scopes, params);
    if (i) slices += " UNION ALL ";
    slices += fmt::format(
        "SELECT * FROM (SELECT DISTINCT r.zaak_closed AS closed, r.zaak_start AS start,"
        " r.zaak_uuid AS id, {} AS who{}{}{}{} LIMIT {}) s{}",
        i, party_roles(p.kind, who, !p.unrestricted || q.organisation_rsin), reach, filter,
        role_order, limit, i);
  }
  auto sql = fmt::format(
      "{}, p.who FROM (SELECT u.closed, u.start, u.id, MIN(u.who) AS who FROM ({}) u GROUP BY"
      " u.closed, u.start, u.id ORDER BY {} LIMIT {}) p CROSS JOIN zgw_zaken z{} WHERE z.uuid ="
      " p.id ORDER BY {}",
      kSummaryColumns, slices, merged_order, limit, kSummaryJoins, page_order);
  auto rows = db.read_once(sql, params);
  for (std::size_t i = 0; i < rows.size() && static_cast<std::int64_t>(i) < q.limit; ++i) {
    page.items.emplace_back(read_summary(rows[i]),
                            static_cast<std::size_t>(rows[i].integer(kSummaryWidth)));
  }
  name_types(db, page.items, [](auto& item) -> CaseSummary& { return item.first; });
  bool more = static_cast<std::int64_t>(rows.size()) > q.limit;
  if (back) std::reverse(page.items.begin(), page.items.end());
  if (page.items.empty()) return page;
  auto cursor = [](const CaseSummary& s) {
    return PartyCursor{s.end_date.has_value(), s.start_date, s.id};
  };
  // Forwards, one row more than a page means a next page; a page after a cursor has one before.
  // Backwards the other way round: the cursor's row comes after this page.
  if (back ? true : more) page.next = cursor(page.items.back().first);
  if (back ? more : q.after.has_value()) page.previous = cursor(page.items.front().first);
  return page;
}

OrganisationPage CaseStore::list_for_organisation(db::Database& db,
                                                  const OrganisationQuery& q) const {
  OrganisationPage page;
  if (q.scopes.empty()) return page;
  bool by_deadline = q.sort == CaseSort::DeadlineAsc;
  std::string key = by_deadline ? std::string(kDeadlineKey) : std::string("z.startdatum");
  db::Params params;
  auto bind = [&](db::Value v) {
    params.push_back(std::move(v));
    return "$" + std::to_string(params.size());
  };
  // Filters every organisation's slice shares. Range filters on the deadline are repeated on
  // the sort key so that the index bounds the scan.
  std::string filter;
  if (q.open == OpenFilter::Open) filter += " AND z.einddatum IS NULL";
  if (q.open == OpenFilter::Closed) filter += " AND z.einddatum IS NOT NULL";
  if (q.deadline_from) {
    auto v = bind(*q.deadline_from);
    filter += " AND z.uiterlijke_einddatum_afdoening >= " + v;
    if (by_deadline) filter += " AND " + key + " >= " + v;
  }
  // An upper bound on the sort key alone says the same as on the deadline (a case without one
  // sorts after every day), and the index answers it without reading the table's rows.
  if (q.deadline_to) {
    auto v = bind(*q.deadline_to);
    filter +=
        by_deadline ? " AND " + key + " <= " + v : " AND z.uiterlijke_einddatum_afdoening <= " + v;
  }
  if (q.overdue_on) {
    auto v = bind(*q.overdue_on);
    filter += " AND z.einddatum IS NULL";
    filter +=
        by_deadline ? " AND " + key + " < " + v : " AND z.uiterlijke_einddatum_afdoening < " + v;
  }
  if (q.status_type) {
    // Per row a primary-key lookup of its current status (an IN over every status of the
    // type would read them all first).
    filter +=
        " AND EXISTS (SELECT 1 FROM zgw_statussen cs WHERE cs.uuid = substr(z.status, 29)"
        " AND cs.statustype = " +
        bind(url(kStatustypeUrl, *q.status_type)) + ")";
  }
  if (q.assignee) {
    filter += q.assignee->empty() ? std::string(" AND z.assignee IS NULL")
                                  : " AND z.assignee = " + bind(*q.assignee);
  }
  if (q.case_type) filter += " AND z.zaaktype = " + bind(url(kZaaktypeUrl, *q.case_type));
  if (q.case_types) {
    std::string any;
    for (const auto& t : *q.case_types)
      any += (any.empty() ? "" : ", ") + bind(url(kZaaktypeUrl, t));
    filter += any.empty() ? std::string(" AND 1 = 0") : " AND z.zaaktype IN (" + any + ")";
  }
  // Each slice's organisation and level; the count's parameters end here.
  std::vector<std::pair<std::string, std::string>> orgs;
  for (const auto& scope : q.scopes) {
    auto org = bind(scope.rsin);
    orgs.emplace_back(org, bind(std::int64_t{scope.max_level}));
  }
  auto count_params = params;
  std::string after;
  if (q.after && valid_cursor(*q.after, q.sort)) {
    auto bar = q.after->find('_');
    auto k = bind(q.after->substr(0, bar));
    auto id = bind(q.after->substr(bar + 1));
    // Row-value comparison spelled out, so that both planners bound the index scan by key.
    after = by_deadline
                ? fmt::format(" AND {0} >= {1} AND ({0} > {1} OR z.uuid > {2})", key, k, id)
                : fmt::format(" AND {0} <= {1} AND ({0} < {1} OR z.uuid < {2})", key, k, id);
  }
  auto dir = by_deadline ? "ASC" : "DESC";
  auto limit = bind(q.limit + 1);
  // Each organisation is one range scan of its queue index, (bronorganisatie, key, uuid),
  // cut at the page size; several are merged by UNION ALL and sorted once.
  std::string slices, counts;
  for (std::size_t i = 0; i < orgs.size(); ++i) {
    auto mine = fmt::format(
        " FROM zgw_zaken z WHERE z.bronorganisatie = {} AND z.vertrouwelijkheid <= {}{}",
        orgs[i].first, orgs[i].second, filter);
    if (i) slices += " UNION ALL ";
    slices += fmt::format(
        "SELECT * FROM (SELECT z.uuid AS uuid, {0} AS k{1}{2} ORDER BY {0} {3}, z.uuid {3}"
        " LIMIT {4}) o{5}",
        key, mine, after, dir, limit, i);
    // Counting stops at kCountCap: a page never pays for the whole organisation.
    if (i) counts += " UNION ALL ";
    counts += fmt::format("SELECT 1 AS one FROM (SELECT 1 AS one{} LIMIT {}) c{}", mine,
                          kCountCap + 1, i);
  }
  auto count_sql = "SELECT COUNT(*) FROM (" + counts + ") n";
  auto sql = std::string(kSummaryColumns) + ", p.k, " + (q.count ? "(" + count_sql + ")" : "0") +
             " FROM (" + slices + ") p JOIN zgw_zaken z ON z.uuid = p.uuid" +
             std::string(kSummaryJoins) +
             fmt::format(" ORDER BY p.k {0}, p.uuid {0} LIMIT {1}", dir, limit);
  auto rows = db.read_once(sql, params);
  std::string last_key;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    if (static_cast<std::int64_t>(i) == q.limit) {
      page.next = last_key + "_" + page.items.back().id;
      break;
    }
    page.items.push_back(read_summary(rows[i]));
    last_key = rows[i].optional_text(kSummaryWidth).value_or("");
  }
  name_types(db, page.items, [](CaseSummary& s) -> CaseSummary& { return s; });
  if (!q.count) return page;
  // The count rides on the page's rows; a page past the end asks for it alone.
  auto n = !rows.empty() ? rows[0].integer(kSummaryWidth + 1)
                         : db.read_once(count_sql, count_params)[0].integer(0);
  page.count_capped = n > kCountCap;
  page.count = std::min(n, kCountCap);
  return page;
}

std::optional<CaseSummary> CaseStore::summary(db::Database& db, std::string_view case_id) const {
  auto rows = db.read_once(std::string(kSummaryColumns) + " FROM zgw_zaken z" +
                               std::string(kSummaryJoins) + " WHERE z.uuid = $1",
                           {std::string(case_id)});
  if (rows.empty()) return std::nullopt;
  std::vector<CaseSummary> one{read_summary(rows[0])};
  name_types(db, one, [](CaseSummary& s) -> CaseSummary& { return s; });
  return std::move(one[0]);
}

CaseSummary CaseStore::summary_of(db::Database& db, const Case& k, const Status& current) const {
  std::vector<CaseSummary> one(1);
  auto& s = one[0];
  s.id = k.id;
  s.reference = k.reference;
  s.identification = k.identification;
  s.organisation_rsin = k.organisation_rsin;
  s.case_type_id = k.case_type_id;
  s.description = k.description;
  s.start_date = k.start_date;
  s.deadline = k.deadline;
  s.end_date = k.end_date;
  s.suspended_since = k.suspended_since;
  s.confidentiality = common::level_of(k.confidentiality);
  s.status_since = common::normalise_instant(current.set_at).value_or(current.set_at);  // as stored
  s.status_type_id = current.type_id;
  s.assignee = k.assignee;
  name_types(db, one, [](CaseSummary& x) -> CaseSummary& { return x; });
  return std::move(one[0]);
}

bool CaseStore::is_party(db::Database& db, std::string_view case_id, PartyKind kind,
                         std::string_view number) const {
  return !db.read_once(kind == PartyKind::Business ? kIsBusinessParty : kIsParty,
                       {std::string(case_id), blind(keys_, kind, number)})
              .empty();
}

std::vector<std::string> CaseStore::resident_numbers(db::Connection& c,
                                                     std::string_view case_id) const {
  std::vector<std::string> out;
  auto rows = c.query(kResidentNumbers, {std::string(case_id)});
  for (std::size_t i = 0; i < rows.size(); ++i) {
    auto bsn = privacy::decrypt(keys_, rows[i].text(1), std::string(kBsnAd) + rows[i].text(0));
    if (bsn) out.push_back(std::move(*bsn));
  }
  return out;
}

std::vector<std::pair<std::string, std::vector<std::string>>> CaseStore::roles_of_party(
    db::Database& db, PartyKind kind, std::string_view number) const {
  std::vector<std::pair<std::string, std::vector<std::string>>> out;
  auto rows = db.read_once(kind == PartyKind::Business ? kRolesOfBusiness : kRolesOfResident,
                           {blind(keys_, kind, number)});
  for (std::size_t i = 0; i < rows.size(); ++i) {
    if (out.empty() || out.back().first != rows[i].text(0)) out.push_back({rows[i].text(0), {}});
    out.back().second.push_back(rows[i].text(1));
  }
  return out;
}

std::int64_t CaseStore::reseal_parties(db::Connection& c) const {
  std::int64_t changed = 0;
  for (auto [select, update, ad] :
       {std::tuple{kSealedBsn, kResealBsn, kBsnAd}, std::tuple{kSealedKvk, kResealKvk, kKvkAd}}) {
    auto rows = c.query(select);
    for (std::size_t i = 0; i < rows.size(); ++i) {
      const auto& id = rows[i].text(0);
      const auto& token = rows[i].text(1);
      if (!privacy::needs_reencryption(keys_, token)) continue;
      auto bound = std::string(ad) + id;
      auto plain = privacy::decrypt(keys_, token, bound);
      if (!plain) {
        throw std::runtime_error("cannot decrypt " + std::string(ad) +
                                 " of one row: is an old key missing from the key file?");
      }
      c.execute(update, {id, privacy::encrypt(keys_, *plain, bound)});
      ++changed;
    }
  }
  return changed;
}

// ---- a ZGW rol's sealed numbers ---------------------------------------------------------

const std::vector<std::string>& CaseStore::role_sealed_columns() {
  static const std::vector<std::string> columns{"bsn_enc", "bsn_index", "kvk_enc", "kvk_index"};
  return columns;
}

std::vector<db::Value> CaseStore::seal_role(json::object& rol) const {
  std::vector<db::Value> out{nullptr, nullptr, nullptr, nullptr};
  auto* id = rol.if_contains("betrokkeneIdentificatie");
  if (!id || !id->is_object()) return out;
  auto& o = id->as_object();
  auto uuid = text(rol, "uuid");
  if (auto bsn = text(o, "inpBsn"); !bsn.empty()) {
    o.erase("inpBsn");
    std::tie(out[0], out[1]) = seal_number(keys_, PartyKind::Resident, bsn, uuid);
  }
  if (auto kvk = text(o, "kvkNummer"); !kvk.empty()) {
    o.erase("kvkNummer");
    std::tie(out[2], out[3]) = seal_number(keys_, PartyKind::Business, kvk, uuid);
  }
  return out;
}

void CaseStore::unseal_role(json::object& rol,
                            const std::vector<std::optional<std::string>>& sealed) const {
  auto* id = rol.if_contains("betrokkeneIdentificatie");
  if (!id || !id->is_object()) return;
  auto uuid = text(rol, "uuid");
  if (!sealed.empty() && sealed[0]) {
    id->as_object()["inpBsn"] =
        unseal_number(keys_, PartyKind::Resident, *sealed[0], uuid).value_or("");
  }
  if (sealed.size() > 2 && sealed[2]) {
    id->as_object()["kvkNummer"] =
        unseal_number(keys_, PartyKind::Business, *sealed[2], uuid).value_or("");
  }
}

std::string CaseStore::number_index(PartyKind kind, std::string_view number) const {
  return blind(keys_, kind, number);
}

}  // namespace loket::cases
