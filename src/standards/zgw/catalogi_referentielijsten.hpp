// Loket's own small copy of the reference lists the Catalogi API points to (selectielijst
// procestypen and resultaten, resultaattypeomschrijvingen, communicatiekanalen), served
// publicly under /zgw/referentielijsten/api/v1 so that Loket needs no internet.
#pragma once

#include <boost/json/object.hpp>
#include <optional>
#include <string_view>

#include "standards/zgw/api.hpp"

namespace loket::zgw {

inline constexpr std::string_view kReferentielijsten = "/zgw/referentielijsten/api/v1";

// GET routes for the lists and their items (no authentication).
void add_referentielijsten(Api& api);

// Checks a reference to an entry of `list` ("procestypen", "resultaten", ...): our own URLs are
// looked up in the embedded lists, other hosts fetched through Api::resolve (allow-listed only).
// Returns the entry (URLs relative when ours) or records "bad-url"/"invalid-resource".
std::optional<boost::json::object> resolve_referentie(Api& api, Checker& check,
                                                      std::string_view field, std::string_view url,
                                                      std::string_view list);

}  // namespace loket::zgw
