#include "standards/zgw/zaken.hpp"

namespace loket::zgw {

void add_zaak_relations(Api& /*api*/, const Catalogi& /*catalogi*/, const Zaken& /*zaken*/) {}

}  // namespace loket::zgw
