// An abonnement's filters against a message's kenmerken.
#include "standards/zgw/notificaties.hpp"

#include <gtest/gtest.h>

namespace loket::zgw {
namespace {

namespace json = boost::json;

TEST(NotificatiesFilters, MatchOnEveryKenmerkWithStarForAny) {
  json::object kenmerken{{"bronorganisatie", "123456782"}, {"zaaktype", "https://x/zt/1"}};
  EXPECT_TRUE(filters_match({}, kenmerken));
  EXPECT_TRUE(filters_match({{"bronorganisatie", "*"}}, kenmerken));
  EXPECT_TRUE(
      filters_match({{"bronorganisatie", "123456782"}, {"zaaktype", "https://x/zt/1"}}, kenmerken));
  EXPECT_FALSE(filters_match({{"zaaktype", "https://x/zt/2"}}, kenmerken));
  EXPECT_FALSE(filters_match({{"vertrouwelijkheidaanduiding", "openbaar"}}, kenmerken));
  EXPECT_TRUE(filters_match({{"vertrouwelijkheidaanduiding", "*"}}, kenmerken));
}

}  // namespace
}  // namespace loket::zgw
