#include "standards/zgw/zgw.hpp"

#include "standards/zgw/autorisaties.hpp"
#include "standards/zgw/besluiten.hpp"
#include "standards/zgw/catalogi.hpp"
#include "standards/zgw/notificaties.hpp"
#include "standards/zgw/documenten.hpp"
#include "standards/zgw/zaken.hpp"
#include "standards/zgw/zaken_archive.hpp"

namespace loket::zgw {

std::unique_ptr<Api> add_routes(http::Router& router, db::Database& db, privacy::KeyRing& keys,
                                ApiSettings settings) {
  auto api = std::make_unique<Api>(db, keys, std::move(settings));
  auto catalogi = add_catalogi(*api);
  auto zaken = add_zaken(*api, catalogi);
  // A closing through the case service reads the same archive facts as one through Zaken.
  api->cases().set_archive_sources(archive_sources(*api, zaken));
  add_zaak_relations(*api, catalogi, zaken);
  add_besluiten(*api, catalogi, zaken);
  add_documenten(*api, catalogi, zaken);
  add_autorisaties(*api);
  add_notificaties(*api);
  api->mount(router);
  return api;
}

}  // namespace loket::zgw
