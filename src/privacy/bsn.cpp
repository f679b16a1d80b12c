// BSN rules.
#include "privacy/bsn.hpp"

namespace loket::privacy {

bool is_valid_bsn(std::string_view bsn) {
  if (bsn.size() != 9) return false;
  int sum = 0;
  bool all_zero = true;
  for (std::size_t i = 0; i < 9; ++i) {
    char c = bsn[i];
    if (c < '0' || c > '9') return false;
    int d = c - '0';
    if (d != 0) all_zero = false;
    sum += i < 8 ? static_cast<int>(9 - i) * d : -d;
  }
  return !all_zero && sum % 11 == 0;
}

std::string mask_bsn(std::string_view bsn) {
  if (bsn.size() <= 4) return std::string(bsn.size(), '*');
  return std::string(bsn.size() - 4, '*') + std::string(bsn.substr(bsn.size() - 4));
}

}  // namespace loket::privacy
