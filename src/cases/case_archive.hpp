// zrc-015 for every door: the archive parameters (archiefnominatie, archiefactiedatum) a case
// gets when it closes, whether the case service or the ZGW Zaken adapter closes it. The rule is
// case_rules' derive_archive; this gathers its facts in the closing transaction.
#pragma once

#include <boost/json/object.hpp>
#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cases/case_rules.hpp"
#include "common/result.hpp"
#include "db/database.hpp"

namespace loket::cases {

// The facts that live outside the case tables: the zaak's relations (the ZGW adapter's tables)
// and objects on other hosts. The ZGW adapter provides them (zgw::archive_sources); an unset
// function finds nothing there (no date yet: the case closes without an archiefactiedatum).
struct ArchiveSources {
  // The waarden of the case's zaakeigenschappen named `naam`.
  std::function<std::vector<std::string>(db::Connection&, std::string_view case_id,
                                         std::string_view naam)>
      eigenschap_waarden;
  // For each zaakobject of `objecttype`, its attribute `kenmerk` (nullopt: the object lacks it).
  std::function<std::vector<std::optional<std::string>>(db::Connection&, std::string_view case_id,
                                                        std::string_view objecttype,
                                                        std::string_view kenmerk)>
      zaakobject_kenmerken;
  // The einddatum of each relevanteAndereZaak of `zaak` (nullopt: still open or unreadable).
  std::function<std::vector<std::optional<std::chrono::sys_days>>(db::Connection&,
                                                                  const boost::json::object& zaak)>
      related_einddata;
  // zrc-007: how many documents linked to the case (its relative URL) have no
  // indicatieGebruiksrecht set; a case closes only when none.
  std::function<std::int64_t(db::Connection&, std::string_view case_url)> documents_without_usage_rights;
};

// Sets archiefnominatie and archiefactiedatum of `zaak` (its stored ZGW representation, relative
// URLs, einddatum set) inside the closing transaction `c`. Invalid (nonFieldErrors,
// archiefactiedatum-error, as the reference implementation answers) when the afleidingswijze
// asks for a date the case does not hold. A case without a resultaat of this registry's
// catalogue keeps its fields as they are.
common::Result<void> derive_case_archive(db::Connection& c, const ArchiveSources& sources,
                                         boost::json::object& zaak);

}  // namespace loket::cases
