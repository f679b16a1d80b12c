// Access to objects that hang off a zaak: decided by the zaak's zaaktype and confidentiality.
// Relies on the case rows' columns `zaaktype` (relative URL for our own) and `vertrouwelijkheid`
// (the level, 0 = openbaar ... 7 = zeer_geheim), read through the case store.
#include "cases/case_store_zgw.hpp"
#include "standards/zgw/zaken.hpp"

namespace loket::zgw {

std::optional<Guard> zaak_guard(Api& api, const Zaken& zaken, std::string_view zaak_url) {
  auto uuid = api.uuid_of(*zaken.zaak, zaak_url);
  if (!uuid) return std::nullopt;
  auto facts = cases::zgw_rows::type_and_level(api.db(), *uuid);
  if (!facts) return std::nullopt;
  return Guard{facts->first, facts->second};
}

void guard_by_zaak(Call& call, Where& where, std::string_view scope,
                   const std::string& zaak_uuid_column) {
  auto clause = Api::type_guard(call.client, kZaken, scope, where, "zaaktype", "vertrouwelijkheid");
  if (clause.empty()) return;
  where.add(cases::zgw_rows::in_cases_where(zaak_uuid_column, clause));
}

}  // namespace loket::zgw
