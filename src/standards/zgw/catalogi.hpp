// The Catalogi API (ZTC 1.3.3): catalogues and the types cases are made of.
#pragma once

#include "standards/zgw/api.hpp"

namespace loket::zgw {

// The registered resources, for the Zaken API's references.
struct Catalogi {
  const Resource* catalogus = nullptr;
  const Resource* zaaktype = nullptr;
  const Resource* statustype = nullptr;
  const Resource* roltype = nullptr;
  const Resource* resultaattype = nullptr;
  const Resource* eigenschap = nullptr;
  const Resource* informatieobjecttype = nullptr;
  const Resource* besluittype = nullptr;
  const Resource* zaaktype_informatieobjecttype = nullptr;
  const Resource* zaakobjecttype = nullptr;
};

Catalogi add_catalogi(Api& api);

}  // namespace loket::zgw
