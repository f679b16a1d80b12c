#include "standards/zgw/autorisaties.hpp"

namespace loket::zgw {

void add_autorisaties(Api& /*api*/) {}

}  // namespace loket::zgw
