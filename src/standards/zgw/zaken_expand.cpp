// The representation of a zaak: the groups always as their structure (zrc-011). `_expand` is the
// engine's (expand.hpp); each resource declares what it may follow (`Resource::expansions`).
#include <algorithm>
#include <boost/json.hpp>
#include <memory>

#include "standards/zgw/zaken_internal.hpp"

namespace loket::zgw::zaken_detail {
namespace json = boost::json;

// zrc-011: the groups are always answered as their nested structure.
void normalise_groups(json::object& zaak) {
  const auto* v = zaak.if_contains("verlenging");
  if (!v || !v->is_object()) zaak["verlenging"] = {{"reden", ""}, {"duur", nullptr}};
  const auto* o = zaak.if_contains("opschorting");
  if (!o || !o->is_object()) {
    zaak["opschorting"] = {{"indicatie", false}, {"eerdereOpschorting", false}, {"reden", ""}};
  }
  const auto* p = zaak.if_contains("processobject");
  if (!p || !p->is_object()) {
    zaak["processobject"] = {
        {"datumkenmerk", ""}, {"identificatie", ""}, {"objecttype", ""}, {"registratie", ""}};
  }
}

}  // namespace loket::zgw::zaken_detail
