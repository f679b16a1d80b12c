// The facts of zrc-015's archive derivation; see zaken_archive.hpp.
#include "standards/zgw/zaken_archive.hpp"

#include <boost/json.hpp>

#include "cases/case_rules.hpp"
#include "cases/decision_service.hpp"
#include "standards/zgw/validate.hpp"
#include "standards/zgw/zaken_internal.hpp"

namespace loket::zgw {
namespace json = boost::json;

namespace {

using zaken_detail::period;
using zaken_detail::text;

std::optional<json::object> load(Api& api, db::Connection* c, const Resource& r,
                                 std::string_view uuid) {
  return c ? api.load(*c, r, uuid) : api.load(r, uuid);
}

// The resultaattype of the zaak's resultaat, when it has one.
std::optional<json::object> resultaattype_of(Call& call, db::Connection* c, const Catalogi& cat,
                                             const json::object& zaak) {
  auto& api = call.api;
  auto rows = cases::zgw_rows::results_of_case(c, api.db(), text(zaak, "uuid"));
  if (rows.empty()) return std::nullopt;
  auto resultaat = json::parse(rows[0]).as_object();
  auto uuid = api.uuid_of(*cat.resultaattype, text(resultaat, "resultaattype"));
  return uuid ? load(api, c, *cat.resultaattype, *uuid) : std::nullopt;
}

json::object procedure_of(const json::object& resultaattype) {
  const auto* b = resultaattype.if_contains("brondatumArchiefprocedure");
  return b && b->is_object() ? b->as_object() : json::object{};
}

// The einddatum of each relevant other zaak: ours read in the transaction, others' fetched
// (allow-listed hosts, cached). One that cannot be read counts as still open.
std::vector<std::optional<std::chrono::sys_days>> related_einddata(Call& call, db::Connection* c,
                                                                   const Zaken& zaken,
                                                                   const json::object& zaak) {
  auto& api = call.api;
  std::vector<std::optional<std::chrono::sys_days>> out;
  const auto* list = zaak.if_contains("relevanteAndereZaken");
  if (!list || !list->is_array()) return out;
  for (const auto& item : list->as_array()) {
    if (!item.is_object()) continue;
    auto url = text(item.as_object(), "url");
    if (url.empty()) continue;
    std::optional<json::object> other;
    if (api.relative(url).starts_with("/zgw/")) {
      auto uuid = api.uuid_of(*zaken.zaak, url);
      if (uuid) other = load(api, c, *zaken.zaak, *uuid);
    } else {
      json::object none;
      Checker ignore(none);  // what cannot be fetched has no einddatum
      other = api.resolve(ignore, "relevanteAndereZaken", url, *zaken.zaak);
    }
    std::optional<std::chrono::sys_days> einddatum;
    if (other) einddatum = parse_date(text(*other, "einddatum"));
    out.push_back(einddatum);
  }
  return out;
}

}  // namespace

void derive_zaak_archive(Call& call, const Zaken& zaken, const Catalogi& catalogi,
                         json::object& zaak) {
  auto& api = call.api;
  auto* c = call.connection;
  auto rt = resultaattype_of(call, c, catalogi, zaak);
  if (!rt) return;
  auto procedure = procedure_of(*rt);
  cases::ArchiveFacts f;
  if (auto n = text(zaak, "archiefnominatie"); !n.empty()) f.zaak_nominatie = n;
  if (auto d = parse_date(text(zaak, "archiefactiedatum"))) f.zaak_actiedatum = *d;
  f.resultaattype_nominatie = text(*rt, "archiefnominatie");
  f.archiefactietermijn = period(*rt, "archiefactietermijn");
  f.afleidingswijze = text(procedure, "afleidingswijze");
  f.procestermijn = period(procedure, "procestermijn");
  if (auto e = parse_date(text(zaak, "einddatum"))) f.einddatum = *e;
  if (f.afleidingswijze == "hoofdzaak") {
    auto h = api.uuid_of(*zaken.zaak, text(zaak, "hoofdzaak"));
    auto hoofd = h ? load(api, c, *zaken.zaak, *h) : std::nullopt;
    if (hoofd) {
      if (auto e = parse_date(text(*hoofd, "einddatum"))) f.hoofdzaak_einddatum = *e;
    }
  }
  // The date from other objects matters only when it is used: a termijn to add to it, and no
  // archiefactiedatum set by hand (as the reference implementation decides).
  if (f.archiefactietermijn && !f.zaak_actiedatum) {
    auto uuid = text(zaak, "uuid");
    auto kenmerk = text(procedure, "datumkenmerk");
    std::optional<cases::KenmerkBrondatum> found;
    if (f.afleidingswijze == "eigenschap") {
      found = cases::eigenschap_brondatum(zaakeigenschap_waarden(api, c, uuid, kenmerk), kenmerk);
    } else if (f.afleidingswijze == "zaakobject") {
      auto objecttype = text(procedure, "objecttype");
      found = cases::zaakobject_brondatum(zaakobject_kenmerken(api, c, uuid, objecttype, kenmerk),
                                          kenmerk, objecttype);
    } else if (f.afleidingswijze == "gerelateerde_zaak") {
      found = cases::gerelateerde_zaak_brondatum(related_einddata(call, c, zaken, zaak));
    } else if (f.afleidingswijze == "ingangsdatum_besluit" ||
               f.afleidingswijze == "vervaldatum_besluit") {
      // The latest over the zaak's besluiten that took effect (a four-eyes draft has not).
      found = cases::DecisionService(api.db(), api.cases())
                  .archive_date_in(c, api.relative(text(zaak, "url")), f.afleidingswijze);
    }
    if (found) {
      if (found->problem) {
        throw ValidationError("nonFieldErrors", "archiefactiedatum-error", *found->problem);
      }
      f.kenmerk_datum = found->datum;
    }
  }
  auto archive = cases::derive_archive(f);
  zaak["archiefnominatie"] = archive.nominatie && !archive.nominatie->empty()
                                 ? json::value(json::string(*archive.nominatie))
                                 : json::value(nullptr);
  zaak["archiefactiedatum"] =
      archive.actiedatum ? json::value(format_date(*archive.actiedatum)) : json::value(nullptr);
}

void prefetch_zaak_archive(Call& call, const Zaken& zaken, const Catalogi& catalogi,
                           const json::object& zaak) {
  auto rt = resultaattype_of(call, nullptr, catalogi, zaak);
  if (!rt) return;
  auto procedure = procedure_of(*rt);
  auto afleidingswijze = text(procedure, "afleidingswijze");
  if (afleidingswijze == "zaakobject") {
    zaakobject_kenmerken(call.api, nullptr, text(zaak, "uuid"), text(procedure, "objecttype"),
                         text(procedure, "datumkenmerk"));
  } else if (afleidingswijze == "gerelateerde_zaak") {
    related_einddata(call, nullptr, zaken, zaak);
  }
}

}  // namespace loket::zgw
