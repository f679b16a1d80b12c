// The representation of a zaak: the groups always as their structure (zrc-011). `_expand` is the
// engine's (expand.hpp); each resource declares what it may follow (`Resource::expansions`).
#include <algorithm>
#include <boost/json.hpp>
#include <memory>

#include "standards/zgw/zaken_internal.hpp"

namespace loket::zgw::zaken_detail {
namespace json = boost::json;

// zrc-011: the groups are always answered as their nested structure. One lookup per group,
// and the group made in the zaak's own storage (a list's arena): this runs for every row.
void normalise_groups(json::object& zaak) {
  auto group = [&zaak](json::string_view key,
                       std::initializer_list<std::pair<json::string_view, json::value_ref>> empty) {
    auto it = zaak.find(key);
    if (it != zaak.end() && it->value().is_object()) return;
    json::object g(empty, zaak.storage());
    if (it != zaak.end()) {
      it->value() = std::move(g);
    } else {
      zaak.emplace(key, std::move(g));
    }
  };
  group("verlenging", {{"reden", ""}, {"duur", nullptr}});
  group("opschorting", {{"indicatie", false}, {"eerdereOpschorting", false}, {"reden", ""}});
  group("processobject",
        {{"datumkenmerk", ""}, {"identificatie", ""}, {"objecttype", ""}, {"registratie", ""}});
}

}  // namespace loket::zgw::zaken_detail
