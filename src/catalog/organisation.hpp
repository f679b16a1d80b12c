// An organisation that offers products through Loket, and the rules its data must follow.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "common/uuid.hpp"

namespace loket::catalog {

struct Organisation {
  std::string id;  // UUID
  std::string name;
  std::string kind;  // "municipality", "province" or "water-board"
  std::string oin;   // Organisatie-identificatienummer
};

// The uuid check is common::is_uuid; this name stays for the callers in cases/ and the ZGW engine
// until they call it there.
bool is_organisation_kind(std::string_view s);
// An OIN is 20 digits (Logius: prefix, registry number, suffix).
bool is_oin(std::string_view s);

// The first rule the organisation breaks, as "field: reason", or nullopt when it is valid.
std::optional<std::string> validate(const Organisation& o);

}  // namespace loket::catalog
