// The submission's idempotency hash: canonical, so key order does not matter, and every part
// of the request counts.
#include "cases/case_service.hpp"
#include "cases/submit_target.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

namespace loket::cases {
namespace {

TEST(CaseService, CanonicalJsonSortsKeysAtEveryDepth) {
  EXPECT_EQ(canonical_json(R"({"b":1,"a":{"d":[3,{"y":1,"x":2}],"c":null}})"),
            R"({"a":{"c":null,"d":[3,{"x":2,"y":1}]},"b":1})");
  EXPECT_EQ(canonical_json(""), "");
}

TEST(CaseService, RequestHashIgnoresKeyOrderButNotContent) {
  Application a{"11111111-1111-4111-8111-111111111111", "Een boom", R"({"a":1,"b":2})"};
  Application same{a.case_type_id, a.description, R"({"b":2,"a":1})"};
  EXPECT_EQ(request_hash(a), request_hash(same));
  EXPECT_EQ(request_hash(a).size(), 64u);
  auto other = a;
  other.description = "Twee bomen";
  EXPECT_NE(request_hash(a), request_hash(other));
  other = a;
  other.answers = R"({"a":1,"b":3})";
  EXPECT_NE(request_hash(a), request_hash(other));
  other = a;
  other.case_type_id = "11111111-1111-4111-8111-111111111112";
  EXPECT_NE(request_hash(a), request_hash(other));
  // Parts are length-prefixed: moving text between them changes the hash.
  Application x{"ab", "c", ""}, y{"a", "bc", ""};
  EXPECT_NE(request_hash(x), request_hash(y));
}

// The JSON door canonicalises the answers it parsed, without serialising them first; the same
// text and hash as from the text another door sends.
TEST(CaseService, CanonicalJsonOfAValueIsThatOfItsText) {
  auto text = R"({"b":1,"a":{"d":[3,{"y":1,"x":2.5}],"c":null},"e":"\u00e9\"x"})";
  EXPECT_EQ(canonical_json_of(boost::json::parse(text)), canonical_json(text));
  Application a{"11111111-1111-4111-8111-111111111111", "Een boom", text};
  Application door = a;
  door.answers = canonical_json_of(boost::json::parse(text));
  EXPECT_EQ(request_hash(door), request_hash(a));
}

}  // namespace
}  // namespace loket::cases
