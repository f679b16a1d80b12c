// The Zaken adapter's part of zrc-015's archive derivation; see zaken_archive.hpp.
#include "standards/zgw/zaken_archive.hpp"

#include <boost/json.hpp>

#include "cases/case_store_zgw.hpp"
#include "standards/zgw/documenten.hpp"
#include "standards/zgw/validate.hpp"
#include "standards/zgw/zaken_internal.hpp"

namespace loket::zgw {
namespace json = boost::json;

namespace {

using zaken_detail::text;

std::optional<json::object> load(Api& api, db::Connection* c, const Resource& r,
                                 std::string_view uuid) {
  return c ? api.load(*c, r, uuid) : api.load(r, uuid);
}

// The resultaattype of the zaak's resultaat, when it has one (for the prefetch).
std::optional<json::object> resultaattype_of(Api& api, const Catalogi& cat,
                                             const json::object& zaak) {
  auto rows = cases::zgw_rows::results_of_case(nullptr, api.db(), text(zaak, "uuid"));
  if (rows.empty()) return std::nullopt;
  auto resultaat = json::parse(rows[0]).as_object();
  auto uuid = api.uuid_of(*cat.resultaattype, text(resultaat, "resultaattype"));
  return uuid ? load(api, nullptr, *cat.resultaattype, *uuid) : std::nullopt;
}

json::object procedure_of(const json::object& resultaattype) {
  const auto* b = resultaattype.if_contains("brondatumArchiefprocedure");
  return b && b->is_object() ? b->as_object() : json::object{};
}

// The einddatum of each relevant other zaak: ours read in the transaction, others' fetched
// (allow-listed hosts, cached). One that cannot be read counts as still open.
std::vector<std::optional<std::chrono::sys_days>> related_einddata(Api& api, db::Connection* c,
                                                                   const Zaken& zaken,
                                                                   const json::object& zaak) {
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

cases::ArchiveSources archive_sources(Api& api, const Zaken& zaken) {
  auto* a = &api;
  auto z = zaken;  // pointers to resources the Api keeps
  cases::ArchiveSources s;
  s.eigenschap_waarden = [a](db::Connection& c, std::string_view uuid, std::string_view naam) {
    return zaakeigenschap_waarden(*a, &c, std::string(uuid), std::string(naam));
  };
  s.zaakobject_kenmerken = [a](db::Connection& c, std::string_view uuid,
                               std::string_view objecttype, std::string_view kenmerk) {
    return zaakobject_kenmerken(*a, &c, std::string(uuid), std::string(objecttype),
                                std::string(kenmerk));
  };
  s.related_einddata = [a, z](db::Connection& c, const json::object& zaak) {
    return related_einddata(*a, &c, z, zaak);
  };
  s.documents_without_usage_rights = [](db::Connection& c, std::string_view case_url) {
    return zgw::documents_without_usage_rights(c, case_url);
  };
  return s;
}

void derive_zaak_archive(Call& call, const Zaken& zaken, json::object& zaak) {
  auto r = cases::derive_case_archive(*call.connection, archive_sources(call.api, zaken), zaak);
  if (!r) {
    const auto& field = r.failure().fields.front();
    throw ValidationError(field.name, field.code, field.reason);
  }
}

void prefetch_zaak_archive(Call& call, const Zaken& zaken, const Catalogi& catalogi,
                           const json::object& zaak) {
  auto rt = resultaattype_of(call.api, catalogi, zaak);
  if (!rt) return;
  auto procedure = procedure_of(*rt);
  auto afleidingswijze = text(procedure, "afleidingswijze");
  if (afleidingswijze == "zaakobject") {
    zaakobject_kenmerken(call.api, nullptr, text(zaak, "uuid"), text(procedure, "objecttype"),
                         text(procedure, "datumkenmerk"));
  } else if (afleidingswijze == "gerelateerde_zaak") {
    related_einddata(call.api, nullptr, zaken, zaak);
  }
}

}  // namespace loket::zgw
