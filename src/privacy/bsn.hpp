// The burgerservicenummer: validation (11-proef) and masking for display.
#pragma once

#include <string>
#include <string_view>

namespace loket::privacy {

// Nine digits passing the 11-proef: 9*d1 + 8*d2 + … + 2*d8 - d9 is a multiple of 11.
bool is_valid_bsn(std::string_view bsn);

// "*****3653": enough for a person to recognise their own number, useless to anyone else.
std::string mask_bsn(std::string_view bsn);

}  // namespace loket::privacy
