// The Autorisaties API (AC 1.1.0): the applications that may call the ZGW APIs and their rights.
#pragma once

#include "standards/zgw/api.hpp"

namespace loket::zgw {

void add_autorisaties(Api& api);

}  // namespace loket::zgw
