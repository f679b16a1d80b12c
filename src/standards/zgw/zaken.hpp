// The Zaken API (ZRC 1.7.0): cases and what hangs off them.
#pragma once

#include "standards/zgw/api.hpp"
#include "standards/zgw/catalogi.hpp"

namespace loket::zgw {

void add_zaken(Api& api, const Catalogi& catalogi);

}  // namespace loket::zgw
