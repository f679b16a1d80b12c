// Access to objects that hang off a zaak: decided by the zaak's zaaktype and confidentiality.
// Relies on zgw_zaken's columns `zaaktype` (relative URL for our own) and `vertrouwelijkheid`
// (the level, 0 = openbaar ... 7 = zeer_geheim).
#include "standards/zgw/zaken.hpp"

namespace loket::zgw {

std::optional<Guard> zaak_guard(Api& api, const Zaken& zaken, std::string_view zaak_url) {
  auto uuid = api.uuid_of(*zaken.zaak, zaak_url);
  if (!uuid) return std::nullopt;
  auto rows = api.db().read_once(
      "SELECT zaaktype, vertrouwelijkheid FROM zgw_zaken WHERE uuid = $1", {*uuid});
  if (rows.empty()) return std::nullopt;
  return Guard{rows[0].text(0), static_cast<int>(rows[0].integer(1))};
}

void guard_by_zaak(Call& call, Where& where, std::string_view scope,
                   const std::string& zaak_uuid_column) {
  auto clause = Api::type_guard(call.client, kZaken, scope, where, "zaaktype", "vertrouwelijkheid");
  if (clause.empty()) return;
  where.add(zaak_uuid_column + " IN (SELECT uuid FROM zgw_zaken WHERE " + clause + ")");
}

}  // namespace loket::zgw
