// The eight confidentiality levels (ZGW vertrouwelijkheidaanduiding), defined once: the case
// model, the access policy, mandates and the ZGW doors all use these names and numbers.
#pragma once

#include <array>
#include <optional>
#include <string_view>

namespace loket::common {

// Ordered: a higher level is more confidential. The numbers are stored
// (zgw_zaken.vertrouwelijkheid).
enum class Confidentiality : int {
  Openbaar = 0,
  BeperktOpenbaar = 1,
  Intern = 2,
  Zaakvertrouwelijk = 3,
  Vertrouwelijk = 4,
  Confidentieel = 5,
  Geheim = 6,
  ZeerGeheim = 7,
};

inline constexpr int kHighestConfidentiality = 7;

// The names as ZGW writes them, indexed by level.
inline constexpr std::array<std::string_view, 8> kConfidentialityNames{
    "openbaar",      "beperkt_openbaar", "intern", "zaakvertrouwelijk",
    "vertrouwelijk", "confidentieel",    "geheim", "zeer_geheim"};

// The level of a name, or -1 when it is none.
constexpr int confidentiality_level(std::string_view name) {
  for (std::size_t i = 0; i < kConfidentialityNames.size(); ++i) {
    if (kConfidentialityNames[i] == name) return static_cast<int>(i);
  }
  return -1;
}

// The name of a level, or "" when it is out of range.
constexpr std::string_view confidentiality_name(int level) {
  return level >= 0 && level <= kHighestConfidentiality
             ? kConfidentialityNames[static_cast<std::size_t>(level)]
             : std::string_view();
}

constexpr std::optional<Confidentiality> parse_confidentiality(std::string_view name) {
  int level = confidentiality_level(name);
  if (level < 0) return std::nullopt;
  return static_cast<Confidentiality>(level);
}

constexpr std::string_view name_of(Confidentiality c) {
  return confidentiality_name(static_cast<int>(c));
}
constexpr int level_of(Confidentiality c) { return static_cast<int>(c); }

}  // namespace loket::common
