// The Zaken API (ZRC 1.7.0): cases and what hangs off them.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "standards/zgw/api.hpp"
#include "standards/zgw/catalogi.hpp"

namespace loket::zgw {

// The registered resources, for relations, the seed and the benchmarks.
struct Zaken {
  const Resource* zaak = nullptr;
  const Resource* status = nullptr;
  const Resource* resultaat = nullptr;
  const Resource* rol = nullptr;
};

// zaken, statussen, resultaten, rollen, the audit trail, _zoek (zaken.cpp).
Zaken add_zaken(Api& api, const Catalogi& catalogi);
// zaakobjecten, zaakeigenschappen, zaakinformatieobjecten, klantcontacten, zaakcontactmomenten,
// zaakverzoeken, ... (zaken_relations.cpp).
void add_zaak_relations(Api& api, const Catalogi& catalogi, const Zaken& zaken);

// Objects hanging off a zaak fall under the zaak's zaaktype and confidentiality. The zaak's
// guard from its (relative or absolute) URL; nullopt when there is no such zaak.
std::optional<Guard> zaak_guard(Api& api, const Zaken& zaken, std::string_view zaak_url);
// Restricts a list of objects hanging off a zaak (by their `zaak_uuid_column`) to the zaken
// the client may see with `scope`.
void guard_by_zaak(Call& call, Where& where, std::string_view scope,
                   const std::string& zaak_uuid_column);

// For writes of objects hanging off a zaak, inside the write transaction (call.connection):
// locks and loads the zaak `zaak_url` names (400 on `zaak` when there is none), and refuses with
// 403 when it is closed and the client lacks zaken.geforceerd-bijwerken (zrc-007).
boost::json::object zaak_for_change(Call& call, const Zaken& zaken, std::string_view zaak_url);
// Adds `url` to (or removes it from) the zaak's list `field` ("zaakobjecten", ...) and stores the
// zaak (as loaded by zaak_for_change), inside the write transaction.
void update_zaak_list(Call& call, const Zaken& zaken, boost::json::object zaak,
                      std::string_view field, const std::string& url, bool add);

// zrc-015's facts that the relations hold (zaken_relations.cpp). `c`: the write transaction's
// connection, or nullptr to read outside one.
// The waarden of the zaak's zaakeigenschappen named `naam`.
std::vector<std::string> zaakeigenschap_waarden(Api& api, db::Connection* c,
                                                std::string_view zaak_uuid, std::string_view naam);
// For each zaakobject of the zaak with objectType `object_type`: its attribute `kenmerk` (a
// dotted path), read from its objectIdentificatie, or else from the object its URL names
// (fetched through Api::resolve: allow-listed hosts, cached); nullopt when it has none.
std::vector<std::optional<std::string>> zaakobject_kenmerken(Api& api, db::Connection* c,
                                                             std::string_view zaak_uuid,
                                                             std::string_view object_type,
                                                             std::string_view kenmerk);

}  // namespace loket::zgw
