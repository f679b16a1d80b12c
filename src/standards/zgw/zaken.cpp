#include "standards/zgw/zaken.hpp"

namespace loket::zgw {

void add_zaken(Api& /*api*/, const Catalogi& /*catalogi*/) {}

}  // namespace loket::zgw
