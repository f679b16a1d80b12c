// The facts of zrc-015's archive derivation, read in the closing transaction; see
// case_archive.hpp.
#include "cases/case_archive.hpp"

#include <boost/json.hpp>

#include "cases/decision_rules.hpp"
#include "cases/decision_store.hpp"
#include "common/json.hpp"

namespace loket::cases {
namespace json = boost::json;

namespace {

using common::text;

constexpr std::string_view kZaakUrl = "/zgw/zaken/api/v1/zaken/";
constexpr std::string_view kResultaattypeUrl = "/zgw/catalogi/api/v1/resultaattypen/";

// A case has at most one resultaat (zrc: unique per zaak).
constexpr std::string_view kResultOfCase =
    "SELECT data FROM zgw_resultaten WHERE zaak_uuid = $1 ORDER BY uuid LIMIT 1";
constexpr std::string_view kResultType = "SELECT data FROM zgw_resultaattypen WHERE uuid = $1";
constexpr std::string_view kCaseData = "SELECT data FROM zgw_zaken WHERE uuid = $1";

std::optional<json::object> object_at(db::Connection& c, std::string_view sql,
                                      const std::string& uuid) {
  auto rows = c.query(sql, {uuid});
  if (rows.empty()) return std::nullopt;
  boost::system::error_code ec;
  auto v = json::parse(rows[0].text(0), ec);
  if (ec || !v.is_object()) return std::nullopt;
  return std::move(v.as_object());
}

// The uuid in one of our relative URLs, or "" (another host's object).
std::string uuid_after(std::string_view prefix, std::string_view url) {
  return url.starts_with(prefix) ? std::string(url.substr(prefix.size())) : std::string();
}

std::optional<Period> period_at(const json::object& o, std::string_view key) {
  auto s = text(o, key);
  return s.empty() ? std::nullopt : parse_period(s);
}

std::optional<std::chrono::sys_days> day_at(const json::object& o, std::string_view key) {
  auto s = text(o, key);
  return s.size() >= 10 ? parse_day(std::string_view(s).substr(0, 10)) : std::nullopt;
}

}  // namespace

common::Result<void> derive_case_archive(db::Connection& c, const ArchiveSources& sources,
                                         json::object& zaak) {
  auto uuid = text(zaak, "uuid");
  auto resultaat = object_at(c, kResultOfCase, uuid);
  if (!resultaat) return {};
  auto rt_uuid = uuid_after(kResultaattypeUrl, text(*resultaat, "resultaattype"));
  auto rt = rt_uuid.empty() ? std::nullopt : object_at(c, kResultType, rt_uuid);
  if (!rt) return {};
  json::object procedure;
  if (const auto* b = rt->if_contains("brondatumArchiefprocedure"); b && b->is_object()) {
    procedure = b->as_object();
  }
  ArchiveFacts f;
  if (auto n = text(zaak, "archiefnominatie"); !n.empty()) f.zaak_nominatie = n;
  f.zaak_actiedatum = day_at(zaak, "archiefactiedatum");
  f.resultaattype_nominatie = text(*rt, "archiefnominatie");
  f.archiefactietermijn = period_at(*rt, "archiefactietermijn");
  f.afleidingswijze = text(procedure, "afleidingswijze");
  f.procestermijn = period_at(procedure, "procestermijn");
  f.einddatum = day_at(zaak, "einddatum");
  if (f.afleidingswijze == "hoofdzaak") {
    auto h = uuid_after(kZaakUrl, text(zaak, "hoofdzaak"));
    if (auto hoofd = h.empty() ? std::nullopt : object_at(c, kCaseData, h)) {
      f.hoofdzaak_einddatum = day_at(*hoofd, "einddatum");
    }
  }
  // The date from other objects matters only when it is used: a termijn to add to it, and no
  // archiefactiedatum set by hand (as the reference implementation decides).
  if (f.archiefactietermijn && !f.zaak_actiedatum) {
    auto kenmerk = text(procedure, "datumkenmerk");
    std::optional<KenmerkBrondatum> found;
    if (f.afleidingswijze == "eigenschap") {
      if (sources.eigenschap_waarden) {
        found = eigenschap_brondatum(sources.eigenschap_waarden(c, uuid, kenmerk), kenmerk);
      }
    } else if (f.afleidingswijze == "zaakobject") {
      auto objecttype = text(procedure, "objecttype");
      if (sources.zaakobject_kenmerken) {
        found = zaakobject_brondatum(sources.zaakobject_kenmerken(c, uuid, objecttype, kenmerk),
                                     kenmerk, objecttype);
      }
    } else if (f.afleidingswijze == "gerelateerde_zaak") {
      if (sources.related_einddata) {
        found = gerelateerde_zaak_brondatum(sources.related_einddata(c, zaak));
      }
    } else if (f.afleidingswijze == "ingangsdatum_besluit" ||
               f.afleidingswijze == "vervaldatum_besluit") {
      // The latest over the case's decisions that took effect (a four-eyes draft has not).
      auto field = f.afleidingswijze == "vervaldatum_besluit" ? "vervaldatum" : "ingangsdatum";
      std::vector<std::optional<std::chrono::sys_days>> dates;
      for (const auto& s : DecisionStore().dates_of_case(c, text(zaak, "url"), field)) {
        dates.push_back(s && s->size() >= 10 ? parse_day(std::string_view(*s).substr(0, 10))
                                             : std::nullopt);
      }
      found = besluit_brondatum(dates);
    }
    if (found) {
      if (found->problem) {
        return common::invalid("nonFieldErrors", "archiefactiedatum-error", *found->problem);
      }
      f.kenmerk_datum = found->datum;
    }
  }
  auto archive = derive_archive(f);
  zaak["archiefnominatie"] = archive.nominatie && !archive.nominatie->empty()
                                 ? json::value(json::string(*archive.nominatie))
                                 : json::value(nullptr);
  zaak["archiefactiedatum"] =
      archive.actiedatum ? json::value(format_day(*archive.actiedatum)) : json::value(nullptr);
  return {};
}

}  // namespace loket::cases
